"""The content model: what a leaflet or deck is made from, validated and immutable.

`load(path)` is the only way in. It reads the file through `loader`, validates it
against the model below and reports every problem at once as a ContentError.
Writers receive a `Content` and never see YAML or dicts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
                      ValidationError, ValidationInfo, field_validator, model_validator)

from leaflets import loader
from leaflets.problems import ContentError, Problem, TemplateError
from leaflets.writers import FORMATS

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _tidy(text: str) -> str:
    """Fold line breaks and runs of spaces, as a reader of the YAML file would expect."""
    return " ".join(text.split())


# Generous limits, many times the longest text in the seed content; each keeps every check and layout quick
# (a 500 KB paragraph took 90 s to lay out) and says what to do instead.
HEADING_CHARS, LINE_CHARS, PROSE_CHARS, URL_CHARS = 200, 500, 3000, 2000
TOPIC_CHARS = 30_000  # about 12 printed pages and 150 slides; a deck's time grows with the square of its slides
LONGEST_WORD = 60  # characters: wider than a leaflet's column, so it could not be printed anyway


def _words_fit_a_line(text: str) -> str:
    long = next((word for word in text.split() if len(word) > LONGEST_WORD and not _is_address(word)), None)
    if long:
        raise ValueError(f"the word '{long[:20]}\u2026' is {len(long):,} characters long, longer than a printed "
                         f"line can hold ({LONGEST_WORD} at most); put spaces in it, or write a web address in "
                         "full, starting with https://")
    return text


def _is_address(word: str) -> bool:
    return "/" in word or "@" in word


def _text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(_tidy), AfterValidator(_words_fit_a_line)]


def _at_most(limit: int, advice: str) -> BeforeValidator:
    """Refuse a list longer than `limit` before its items are checked: one problem, not one per item."""
    def check(items):
        if isinstance(items, (list, tuple, dict)) and len(items) > limit:
            raise ValueError(f"this list has {len(items):,} items, more than the {limit:,} allowed; {advice}")
        return items
    return BeforeValidator(check)


Text = _text(LINE_CHARS)
Heading = _text(HEADING_CHARS)
Prose = _text(PROSE_CHARS)
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=URL_CHARS, pattern=r"^https?://\S+\.\S+$")]
_SPLIT_LIST = _at_most(200, "keep the most important ones, or split the topic into several topics")
FormatName = Literal[FORMATS]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Model):
    """A published article or guideline that the content is taken from."""

    id: Slug
    title: Text
    publisher: Text
    date: dt.date
    author: Text | None = None
    url: Url | None = None


class Cause(_Model):
    """One cause of the condition, explained, with what the person and a doctor may do."""

    name: Heading
    explanation: Prose
    key_points: Annotated[tuple[Text, ...], _at_most(50, "keep the few that fit on a slide")] = Field(default=(), description="Short lines shown on the cause's slide; the explanation's sentences when absent.")
    self_care: Prose | None = Field(default=None, description="What the person can do about this cause themselves.")
    medical_care: Prose | None = Field(default=None, description="What a doctor may do or prescribe; medicines belong here only.")
    source: Slug | None = Field(default=None, description="The id of the source this cause comes from; needed when the topic cites several.")


def _named_file(value: Any, info: ValidationInfo, example: str) -> tuple[str, Path]:
    """The text written for a file, and the folder it is relative to (content.yaml's)."""
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"should be the path of a file, relative to content.yaml; for example '{example}'")
    return value, (info.context or {}).get("folder", Path("."))


class Publisher(_Model):
    """The organisation handing out the leaflet: printed on covers, footers and the closing slide."""

    name: Text
    contact: Text | None = Field(default=None, description="One line: a phone number, an address or opening hours.")
    logo: Path | None = Field(default=None, description="An image file (PNG, JPG or SVG), relative to content.yaml.")
    url: Url | None = None
    leaflet_from: Text | None = Field(default=None, description="Where people can get the printed leaflet.")

    @field_validator("logo", mode="before")
    @classmethod
    def _logo_exists(cls, value, info: ValidationInfo):
        """The logo is read and checked here, as the writers will read it (leaflets/images.py)."""
        if value is None:
            return None
        from leaflets import images

        value, folder = _named_file(value, info, images.EXAMPLE)
        path = images.resolve(value, folder)
        images.read(path, value)
        return path


class DeckSettings(_Model):
    """How the talk decks are made."""

    template: Path | None = Field(default=None, description="A PowerPoint template (.pptx), relative to content.yaml.")
    minutes: int = Field(default=20, ge=5, le=180, description="How long the talk should last.")

    @field_validator("template", mode="before")
    @classmethod
    def _template_exists(cls, value, info: ValidationInfo):
        """The template is opened and measured here, as the deck writer will (leaflets/deck.py `prepare`)."""
        if value is None:
            return None
        from leaflets import deck

        value, folder = _named_file(value, info, deck.TEMPLATE_EXAMPLE)
        path = deck.resolve_template(value, folder)
        try:
            deck.prepare(path, value)
        except TemplateError as error:
            raise ValueError(str(error)) from None
        return path


CHECK_NAMES = ("reading-level", "long-sentence", "long-slide-line", "passive-voice", "undefined-term",
               "medicine-in-advice", "no-review", "review-overdue", "old-source", "cause-source",
               "advice-not-action", "calculation", "long-summary", "vague-heading")
CheckName = Literal[CHECK_NAMES]  # type: ignore[valid-type]


class CheckSettings(_Model):
    """How `--check` judges the content."""

    target_grade: float = Field(default=8, ge=3, le=16, description="The school grade the text should be readable at (8 is about age 13).")
    ignore: tuple[CheckName, ...] = Field(default=(), description="Checks to turn off for every topic.")
    medicines: Annotated[tuple[Text, ...], _at_most(5000, "keep the ones your topics might name")] = Field(default=(), description="Medicine names to look for, beyond the built-in list.")
    medical_terms: Annotated[tuple[Text, ...], _at_most(5000, "keep the ones your topics might use")] = Field(default=(), description="Medical terms that need a glossary entry, beyond the built-in list.")


class Topic(_Model):
    """One condition or question: one leaflet and one talk deck."""

    id: Slug
    title: Heading
    subtitle: Heading | None = None
    url: Url | None = Field(default=None, description="A web page for this topic; the leaflet prints it as a QR code.")
    version: Text | None = None
    reviewed: dt.date | None = None
    next_review: dt.date | None = None
    reviewed_by: Text | None = None
    summary: Prose
    sources: Annotated[tuple[Slug, ...], _at_most(100, "cite the main sources of the topic")] = Field(min_length=1)
    causes: Annotated[tuple[Cause, ...], _SPLIT_LIST] = Field(min_length=1)
    warning_signs: Annotated[tuple[Text, ...], _SPLIT_LIST] = Field(min_length=1)
    advice: Annotated[tuple[Text, ...], _SPLIT_LIST] = Field(min_length=1)
    ignore_checks: tuple[CheckName, ...] = Field(default=(), description="Checks to turn off for this topic, each for a reason said in a comment.")

    @field_validator("next_review")
    @classmethod
    def _review_after_reviewed(cls, value, info: ValidationInfo):
        reviewed = info.data.get("reviewed")
        if value and reviewed and value <= reviewed:
            raise ValueError(f"the next review ({value}) must come after the last review ({reviewed}); "
                             "write a later date, usually a year or two after 'reviewed'")
        return value

    @model_validator(mode="after")
    def _fits_a_leaflet(self):
        length = sum(len(text) for _, text, _ in patient_texts(self))
        if length > TOPIC_CHARS:
            raise ValueError(f"this topic's text is {length:,} characters long, more than the {TOPIC_CHARS:,} "
                             "(about 12 printed pages) a leaflet may hold; split it into several topics")
        return self

    def qr_url(self, sources: tuple[Source, ...]) -> str | None:
        """The address a QR code should open: the topic's own page, else its first source with one."""
        return self.url or next((source.url for source in sources if source.url), None)


_SPLIT_FILE = "split them into several content files"


class Content(_Model):
    """Everything in content.yaml."""

    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en"
    publisher: Publisher | None = None
    formats: tuple[FormatName, ...] = Field(default=FORMATS, min_length=1,
                                            description="What a plain `python generate.py` makes.")
    deck: DeckSettings = DeckSettings()
    checks: CheckSettings = CheckSettings()
    glossary: Annotated[dict[Heading, Prose], _at_most(5000, "keep the terms your topics use")] = Field(default_factory=dict, description="Medical term: its meaning in plain words. Printed as 'Words to know' where a topic uses the term.")
    sources: Annotated[tuple[Source, ...], _at_most(10_000, _SPLIT_FILE)] = Field(min_length=1)
    topics: Annotated[tuple[Topic, ...], _at_most(10_000, _SPLIT_FILE)] = Field(min_length=1)

    def sources_of(self, topic: Topic) -> tuple[Source, ...]:
        """The sources a topic cites, in the order it cites them."""
        by_id = {source.id: source for source in self.sources}
        return tuple(by_id[source_id] for source_id in topic.sources)

    def topic(self, topic_id: str) -> Topic:
        return next(topic for topic in self.topics if topic.id == topic_id)

    def words_to_know(self, topic: Topic) -> tuple[tuple[str, str], ...]:
        """The glossary entries whose term the topic uses, in the order the glossary lists them."""
        text = patient_text(topic).lower()
        return tuple((term, meaning) for term, meaning in self.glossary.items() if mentions(text, term))


def patient_texts(topic: Topic):
    """(field location, text, kind) of everything in a topic that a patient reads; kind is 'heading',
    'prose', or 'slide' for the short lines that become slide bullets."""
    yield ("title",), topic.title, "heading"
    if topic.subtitle:
        yield ("subtitle",), topic.subtitle, "heading"
    yield ("summary",), topic.summary, "prose"
    for c, cause in enumerate(topic.causes):
        yield ("causes", c, "name"), cause.name, "heading"
        yield ("causes", c, "explanation"), cause.explanation, "prose"
        for k, point in enumerate(cause.key_points):
            yield ("causes", c, "key_points", k), point, "slide"
        for name in ("self_care", "medical_care"):
            if getattr(cause, name):
                yield ("causes", c, name), getattr(cause, name), "prose"
    for i, sign in enumerate(topic.warning_signs):
        yield ("warning_signs", i), sign, "slide"
    for i, item in enumerate(topic.advice):
        yield ("advice", i), item, "slide"


def patient_text(topic: Topic) -> str:
    """Everything in a topic that a patient reads, as one text."""
    return "\n".join(text for _, text, _ in patient_texts(topic))


def mentions(lower_text: str, term: str) -> bool:
    """Whether `term` appears in `lower_text` as a whole word or phrase (any case, simple plurals)."""
    return re.search(rf"(?<![\w-]){re.escape(term.lower())}(?:s|es)?(?![\w-])", lower_text) is not None


def load(path: Path, display_name: str | None = None) -> Content:
    """Read, check and return the content, or raise ContentError listing every problem."""
    return load_with_positions(path, display_name)[0]


def load_with_positions(path: Path, display_name: str | None = None) -> tuple[Content, loader.ParsedFile]:
    """The content, and the parsed file that knows the line and column of every value in it."""
    parsed = loader.read(Path(path), display_name)
    problems = list(parsed.problems) + list(_reference_problems(parsed)) + list(_unprintable_problems(parsed))
    try:
        content = Content.model_validate(parsed.data, context={"folder": Path(path).parent})
    except ValidationError as error:
        problems += filter(None, (_explain(parsed, detail) for detail in error.errors(include_url=False)))
    if problems:
        raise ContentError(problems)
    return content, parsed


def _reference_problems(parsed: loader.ParsedFile):
    """Problems across records that the per-field schema cannot see: ids and citations."""
    data = parsed.data if isinstance(parsed.data, dict) else {}
    source_ids = yield from _duplicate_ids(parsed, data.get("sources"), "sources", "source")
    yield from _duplicate_ids(parsed, data.get("topics"), "topics", "topic")
    yield from _output_name_problems(parsed, data.get("topics"))
    for t, topic in _records(data.get("topics")):
        cited = topic.get("sources")
        if not isinstance(cited, list):
            continue
        for i, source_id in enumerate(cited):
            if isinstance(source_id, str) and source_id.strip() not in source_ids:
                yield parsed.problem(("topics", t, "sources", i), _unknown_source(source_id.strip(), source_ids))
        topic_sources = {s.strip() for s in cited if isinstance(s, str)}
        for c, cause in _records(topic.get("causes")):
            named = cause.get("source")
            if isinstance(named, str) and named.strip() not in topic_sources:
                yield parsed.problem(("topics", t, "causes", c, "source"),
                                     f"'{named.strip()}' is not one of this topic's sources; write one of: "
                                     f"{', '.join(sorted(topic_sources))}, or add it to the topic's 'sources' list")


_NOT_PRINTED = {"id", "date", "language", "formats", "logo", "template", "minutes", "reviewed", "next_review",
                "checks", "ignore_checks", "source"}


def _unprintable_problems(parsed: loader.ParsedFile, data: Any = None, loc: tuple = ()):
    """Text with characters the print font lacks (emoji, other scripts), which would print as empty boxes."""
    from leaflets.fonts import missing_characters

    data = parsed.data if not loc else data
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PRINTED:
                yield from _unprintable_problems(parsed, value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _unprintable_problems(parsed, value, (*loc, index))
    elif isinstance(data, str):
        missing = missing_characters(data)
        if missing:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:5])
            boxes = "it would show as an empty box" if len(missing) == 1 else "they would show as empty boxes"
            yield parsed.problem(loc, f"the leaflet font cannot print {shown}; {boxes}. "
                                      "Remove it or say it in words (the font covers Latin-script languages)")


def _records(items: Any):
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _duplicate_ids(parsed: loader.ParsedFile, items: Any, section: str, kind: str):
    """Yield a problem for every id used twice in `section`; return the ids seen."""
    first_index: dict[str, int] = {}
    for index, item in _records(items):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        item_id = item_id.strip()
        if item_id in first_index:
            first_line, _ = loader.locate(parsed.root, (section, first_index[item_id], "id"))
            yield parsed.problem(
                (section, index, "id"),
                f"{kind} id '{item_id}' is already used on line {first_line}; give each {kind} its own id",
            )
        else:
            first_index[item_id] = index
    return set(first_index)


MAX_ID_LENGTH = 200
"""Longer ids would make file names (with a format's suffix, a page number, a temporary name) past 255 bytes."""


def _output_name_problems(parsed: loader.ParsedFile, topics: Any):
    """Ids too long for a file name, and two topics whose outputs would have one file name
    (topic 'cramps' as a trifold and topic 'cramps-trifold' as a leaflet both write cramps-trifold.pdf)."""
    from leaflets.writers import WRITERS

    made_by: dict[str, tuple[int, str, str]] = {}  # file name: (index, id, format) of the first topic making it
    for index, topic in _records(topics):
        topic_id = topic.get("id")
        if not isinstance(topic_id, str) or not re.fullmatch(SLUG_PATTERN, topic_id.strip()):
            continue
        topic_id = topic_id.strip()
        if len(topic_id) > MAX_ID_LENGTH:
            yield parsed.problem(("topics", index, "id"), f"an id of {len(topic_id)} characters makes file names "
                                 f"too long for the output folder; use at most {MAX_ID_LENGTH}")
            continue
        for format_name, writer in WRITERS.items():
            name = topic_id + writer.suffix
            other = made_by.setdefault(name, (index, topic_id, format_name))
            if other[1] != topic_id:
                line, _ = loader.locate(parsed.root, ("topics", other[0], "id"))
                yield parsed.problem(("topics", index, "id"),
                                     f"topic '{topic_id}' would write {name}, which topic '{other[1]}' (line {line}) "
                                     f"already writes as its {other[2]}; give this topic another id")
                break


def _unknown_source(source_id: str, known: set[str]) -> str:
    guess = difflib.get_close_matches(source_id, sorted(known), n=1)
    if guess:
        return f"unknown source '{source_id}'; did you mean '{guess[0]}'?"
    listed = ", ".join(sorted(known)) or "none yet"
    return f"unknown source '{source_id}'; add it under 'sources:' or use one of: {listed}"


def _explain(parsed: loader.ParsedFile, detail: dict) -> Problem | None:
    """Turn one pydantic error into a located problem in plain words."""
    loc, kind, given = tuple(detail["loc"]), detail["type"], detail.get("input")
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")

    if kind == "too_short" and given:
        return None  # a list whose items all failed; those items are reported themselves
    if kind == "missing":
        return parsed.problem(loc[:-1], f"'{field}' is required; {_how_to_write(loc)}")
    if kind == "extra_forbidden":
        return parsed.problem(loc, _unknown_field(loc), at_key=True)
    if given is None or (kind.endswith("too_short") and not given):
        return parsed.problem(loc, f"this is empty; {_how_to_write(loc)}")
    if kind == "string_type":
        shape = "a list" if isinstance(given, list) else "a group of fields"
        return parsed.problem(loc, f"should be text, not {shape}; write the text on one line after the colon")
    if kind in {"list_type", "tuple_type"}:
        return parsed.problem(loc, "should be a list; put each item on its own line starting with '- '")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        shape = "a list" if isinstance(given, list) else "text"
        return parsed.problem(loc, f"should be a group of fields (name: value), not {shape}")
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
    model: type[BaseModel] = Content
    for part in loc:
        if isinstance(part, int):
            continue
        model = _ITEM_MODELS.get((model, part), model)
    return set(model.model_fields)


def _slugify(text: Any) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", str(text).lower())) or "leg-cramps"


_ITEM_MODELS = {(Content, "sources"): Source, (Content, "topics"): Topic, (Topic, "causes"): Cause,
                (Content, "publisher"): Publisher, (Content, "deck"): DeckSettings}
_LIST_FIELDS = {"sources", "topics", "causes", "warning_signs", "advice", "key_points", "formats"}
_DATE_FIELDS = {"date", "reviewed", "next_review"}
