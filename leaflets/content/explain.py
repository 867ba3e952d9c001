"""Pydantic's validation errors turned into one located line each, in the words of someone editing
content.yaml: what is wrong there and what to write instead."""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from leaflets.content import loader
from leaflets.content.model import (HEADING_CHARS, LINE_CHARS, PROSE_CHARS, URL_CHARS, Cause, CheckSettings,
                                    Content, DeckSettings, Picture, Publisher, Source, Topic, WarningSign)
from leaflets.formats import FORMATS
from leaflets.problems import Problem


def explain(parsed: loader.ParsedFile, detail: dict) -> Problem | None:
    """Turn one pydantic error into a located problem in plain words."""
    loc, kind, given = tuple(detail["loc"]), detail["type"], detail.get("input")
    loc = _as_written(parsed, loc)
    if loc is None:
        return None
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")

    if kind == "too_short" and given:
        return None  # a list whose items all failed; those items are reported themselves
    if kind == "missing":
        return parsed.problem(loc[:-1], f"'{field}' is required; {_how_to_write(loc)}")
    if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
        return parsed.problem(loc, _unknown_field(loc), at_key=True)
    if given is None or (kind.endswith("too_short") and not given):
        return parsed.problem(loc, f"this is empty; {_how_to_write(loc)}")
    if kind == "string_type" and isinstance(given, dict) and loc and isinstance(loc[-1], int):
        return parsed.problem(loc, _colon_in_list_item(given))
    if kind == "string_type":
        shape = "a list" if isinstance(given, list) else "a group of fields"
        return parsed.problem(loc, f"should be text, not {shape}; write the text on one line after the colon")
    if kind in {"list_type", "tuple_type"}:
        return parsed.problem(loc, "should be a list; put each item on its own line starting with '- '")
    if kind in {"model_type", "dataclass_type", "dict_type", "model_attributes_type"}:
        shape = "a list" if isinstance(given, list) else "text"
        if not loc:
            return parsed.problem(loc, f"the file holds {shape}, not the fields of a content file; start it with "
                                       "'sources:' and 'topics:', each at the start of a line (see docs/content.md)")
        return parsed.problem(loc, f"should be a group of fields (name: value), not {shape}; write each field "
                                   "on its own line, indented under this one, as 'name: value'")
    if kind == "string_pattern_mismatch" and field == "language":
        return parsed.problem(loc, f"'{given}' is not a language code; write a code such as 'en' or 'en-GB'")
    if kind == "string_pattern_mismatch" and field == "url":
        return parsed.problem(loc, f"'{given}' is not a web address; write it in full, starting with https://")
    if kind == "string_pattern_mismatch":
        return parsed.problem(loc, f"'{given}' is not a valid id; use lowercase letters, digits and single hyphens, for example '{_slugify(given)}'")
    if kind == "literal_error" and "formats" in loc:
        return parsed.problem(loc, f"'{given}' is not a format; use one of: {', '.join(FORMATS)}")
    if kind == "value_error":
        return parsed.problem(loc, str(detail["ctx"]["error"]))
    if kind == "string_too_long":
        return parsed.problem(loc, _too_long(field, len(given), detail["ctx"]["max_length"]))
    if field == "target_grade":
        return parsed.problem(loc, f"'{given}' is not a school grade from 3 to 16; write, for example, 8")
    if field == "minutes":
        return parsed.problem(loc, f"'{given}' is not a whole number of minutes from 5 to 180; write, for example, 20")
    if kind.startswith("date"):
        return parsed.problem(loc, f"'{given}' is not a valid date; write it as YYYY-MM-DD, for example 2024-11-13")
    return parsed.problem(loc, f"{detail['msg'][0].lower()}{detail['msg'][1:]}")


def _as_written(parsed: loader.ParsedFile, loc: tuple) -> tuple | None:
    """`loc` without the name pydantic gives the kind of value it tried, where a field may hold either of two
    (a warning sign: a line of text, or a group with 'sign' and 'causes'); None for an error about the kind
    the value was not written as, which would only say the same mistake again in other terms."""
    place: tuple = ()
    for part in loc:
        if isinstance(part, str) and _names_a_kind(parsed.data, place, part):
            value = _value_at(parsed.data, place)
            written_as_group = isinstance(value, dict) and any(fields & value.keys() for fields in _GROUPS.values())
            if part in _GROUPS:
                kept = written_as_group
            else:  # text ('function-after[…]' names pydantic's checks of it) or a number: text says it for both
                kept = "[" in part and not written_as_group
            if not kept:
                return None
        else:
            place += (part,)
    return place


def _names_a_kind(data: Any, parent: tuple, part: str) -> bool:
    """Whether `part` of an error's place is the kind of value pydantic tried there, not a field name."""
    value = _value_at(data, parent)
    if isinstance(value, dict) and part in value:
        return False
    return part in _GROUPS or "[" in part or part == "int"


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _colon_in_list_item(given: dict) -> str:
    """`- Tip: eat smaller meals` is a list item YAML reads as a field named 'Tip'."""
    if len(given) == 1:
        [(name, rest)] = given.items()
        if isinstance(rest, str) or rest is None:
            whole = f"{name}: {rest or ''}".strip()
            return (f"a ': ' inside a list item makes YAML read '{name}' as a field name; put the whole item in "
                    f"double quotes: - \"{whole}\"")
    return "a ': ' inside a list item makes YAML read a field name; put the whole item in double quotes"


def _too_long(field: str, length: int, limit: int) -> str:
    advice = {HEADING_CHARS: "shorten it, and say the rest in the text below it",
              LINE_CHARS: "split it into shorter sentences or list items",
              PROSE_CHARS: "split it into shorter sentences, or move some of it into another cause, the advice "
                           "or the warning signs",
              URL_CHARS: "give a shorter address for the same page"}.get(limit, "shorten it")
    if field == "author":
        advice = "name the first three authors, then write 'and others'"
    return f"this text is {length:,} characters long, more than the {limit:,} allowed here; {advice}"


def _how_to_write(loc: tuple) -> str:
    field = loc[-1]
    if not isinstance(field, str):
        return "write the text after '- ', or delete the empty line"
    if field in _LIST_FIELDS:
        return f"write '{field}:' followed by items, each on its own line starting with '- '"
    if field in _DATE_FIELDS:
        return f"write '{field}: YYYY-MM-DD', for example '{field}: 2024-11-13'"
    return f"write '{field}: ' followed by the text"


def _unknown_field(loc: tuple) -> str:
    field, allowed = loc[-1], sorted(_fields_at(loc[:-1]))
    guess = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
    if guess:
        return f"unknown field '{field}'; did you mean '{guess[0]}'?"
    return f"unknown field '{field}'; remove it, or use one of: {', '.join(allowed)}"


def _fields_at(loc: tuple) -> set[str]:
    """The field names allowed in the mapping at `loc`."""
    model: type = Content
    for part in loc:
        if isinstance(part, int):
            continue
        model = _ITEM_MODELS.get((model, part), model)
    return {field.name for field in dataclasses.fields(model)}


def _slugify(text: Any) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", str(text).lower())) or "leg-cramps"


_ITEM_MODELS = {(Content, "sources"): Source, (Content, "topics"): Topic, (Topic, "causes"): Cause,
                (Content, "publisher"): Publisher, (Content, "deck"): DeckSettings,
                (Content, "checks"): CheckSettings, (Topic, "warning_signs"): WarningSign,
                (Topic, "image"): Picture, (Cause, "image"): Picture}
_GROUPS = {"WarningSign": {"sign", "causes"}}
"""The groups of fields a field may hold instead of text, by the name pydantic gives them in an error's place,
and the fields that show a value was written as one."""
_LIST_FIELDS = {"sources", "topics", "causes", "warning_signs", "advice", "key_points", "formats"}
_DATE_FIELDS = {"date", "reviewed", "next_review"}
