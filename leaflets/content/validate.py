"""Loading content.yaml: read with positions, check what spans several records (ids, citations, output
names, printable characters), validate against the model, and report every problem at once."""

from __future__ import annotations

import difflib
import gc
import re
import functools
import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from leaflets.content import loader
from leaflets.content.explain import explain
from leaflets.content.model import SLUG_PATTERN, Content, with_file_defaults
from leaflets.problems import ContentError

OpenTemplate = Callable[[Path, str], object]
"""Opens a deck template as the deck writer will, raising TemplateError if it cannot be used."""


def load(path: Path, display_name: str | None = None, open_template: OpenTemplate | None = None) -> Content:
    """Read, check and return the content, or raise ContentError listing every problem."""
    return load_with_positions(path, display_name, open_template)[0]


def load_with_positions(path: Path, display_name: str | None = None,
                        open_template: OpenTemplate | None = None) -> tuple[Content, loader.ParsedFile]:
    """The content, and the parsed file that knows the line and column of every value in it.
    With `open_template`, a template the content names is also opened the way decks will use it."""
    with _collector_paused():
        return _load_with_positions(path, display_name, open_template)


@contextmanager
def _collector_paused():
    """Python's collector off while content is read: reading makes many objects and no garbage cycles, and the
    collector would look through all of them, and every object imported before, several times over (a sixth
    of loading 100 topics)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load_with_positions(path: Path, display_name: str | None,
                         open_template: OpenTemplate | None) -> tuple[Content, loader.ParsedFile]:
    parsed = loader.read(Path(path), display_name)
    problems = list(parsed.problems) + list(_reference_problems(parsed)) + list(_unprintable_problems(parsed))
    validator = _validator()
    try:
        content = validator.validate_python(with_file_defaults(parsed.data),
                                            context={"folder": Path(path).parent, "open_template": open_template})
    except validator.Error as error:
        # Where the reader already said what is wrong (a tag, a merge key), the schema's view of the
        # same value would only repeat it in other words.
        read_at = {(problem.line, problem.column) for problem in parsed.problems}
        problems += [problem for problem in map(lambda detail: explain(parsed, detail), error.errors(include_url=False))
                     if problem and (problem.line, problem.column) not in read_at]
    if problems:
        raise ContentError(problems)
    return content, parsed


class _Validator:
    """pydantic's validator of the content model, made once per process, when content is first loaded: from
    the prebuilt schema (prebuilt.py) while it is current, else by pydantic from the model."""

    def __init__(self) -> None:
        import pydantic_core

        self.Error = pydantic_core.ValidationError
        prebuilt = _prebuilt(pydantic_core.__version__)
        if prebuilt is not None:
            self.validate_python = pydantic_core.SchemaValidator(prebuilt.SCHEMA, prebuilt.CONFIG).validate_python
        else:
            from pydantic import TypeAdapter

            self.validate_python = TypeAdapter(Content).validate_python


def _prebuilt(core_version: str):
    """leaflets.content.prebuilt, if it was made by this pydantic-core from the model as it is now; else None."""
    from leaflets.content import prebuilt

    if prebuilt.PYDANTIC_CORE == core_version and prebuilt.MODEL_DIGEST == model_digest():
        return prebuilt
    return None


def model_digest() -> str:
    """A digest of what the prebuilt schema is made from: the model, and the formats it names."""
    from leaflets import formats
    from leaflets.content import model

    digest = hashlib.sha256()
    for module in (model, formats):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


@functools.cache
def _validator() -> _Validator:
    return _Validator()


def _reference_problems(parsed: loader.ParsedFile):
    """Problems across records that the per-field schema cannot see: ids and citations."""
    data = parsed.data if isinstance(parsed.data, dict) else {}
    source_ids = yield from _duplicate_ids(parsed, data.get("sources"), "sources", "source")
    yield from _duplicate_ids(parsed, data.get("topics"), "topics", "topic")
    yield from _output_name_problems(parsed, data.get("topics"))
    topic_ids = {topic.get("id").strip() for _, topic in _records(data.get("topics"))
                 if isinstance(topic.get("id"), str)}
    for t, topic in _records(data.get("topics")):
        original = topic.get("translation_of")
        others = topic_ids - {topic.get("id").strip() if isinstance(topic.get("id"), str) else None}
        if isinstance(original, str) and original.strip() not in others:
            guess = difflib.get_close_matches(original.strip(), sorted(others), n=1)
            yield parsed.problem(("topics", t, "translation_of"), f"there is no other topic '{original.strip()}'; "
                                 + (f"did you mean '{guess[0]}'?" if guess else "write the id of the topic this one translates"))
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


_NOT_PRINTED = {"id", "date", "language", "translation_of", "reviewed_against", "formats", "logo", "template", "minutes", "reviewed", "next_review",
                "checks", "ignore_checks", "source"}


def _unprintable_problems(parsed: loader.ParsedFile):
    """Text with characters the print fonts lack (emoji, other scripts), which would print as empty boxes.
    Chinese is printable in a topic whose language is Chinese, and in the file's shared parts (glossary,
    sources, wording) when the file or a topic is Chinese (see `topics_without_their_font` for a machine
    without the Chinese font)."""
    from leaflets import languages

    if _prints_every_character(parsed.text):
        return
    data = parsed.data if isinstance(parsed.data, dict) else {}
    file_language = _language_of(data, "en")
    topics = list(_records(data.get("topics")))
    chinese = {index: languages.is_cjk(_language_of(topic, file_language)) for index, topic in topics}
    any_chinese = languages.is_cjk(file_language) or any(chinese.values())
    for key, value in data.items():
        if key == "topics" and isinstance(value, list):
            for index, topic in enumerate(value):
                yield from _unprintable_in(parsed, topic, ("topics", index), chinese.get(index, False))
        elif key == "wording" and isinstance(value, dict):  # each language's phrases in that language
            for tag, phrases in value.items():
                is_chinese = isinstance(tag, str) and languages.is_cjk(tag.strip())
                yield from _unprintable_in(parsed, phrases, ("wording", tag), is_chinese)
        elif key not in _NOT_PRINTED:
            yield from _unprintable_in(parsed, value, (key,), any_chinese)


def _prints_every_character(text: str) -> bool:
    """Whether the print font draws every character of the file's text, and so of every value in it: YAML
    makes values of the text's own characters, spaces and line breaks, but for escapes in double quotes
    (which start with a backslash). Chinese anywhere makes this False, and each value is checked."""
    from leaflets.fonts import missing_characters_for

    if not text or "\\" in text:
        return False
    characters = text if text.isascii() else "".join(set(text))  # one quick pass over ASCII; else each character once
    return not missing_characters_for(characters, chinese=False)


def topics_without_their_font(content: Content, parsed: loader.ParsedFile):
    """(topic, warning) for each Chinese topic when the Chinese font is not installed: the build leaves them
    out and says how to install it, at the topic's language (else the file's), and builds the rest."""
    from leaflets import fonts, languages

    if fonts.cjk_font_file() is not None:
        return []
    data = parsed.data if isinstance(parsed.data, dict) else {}
    records = dict(_records(data.get("topics")))
    found = []
    for index, topic in enumerate(content.topics):
        if languages.is_cjk(topic.language):
            loc = ("topics", index, "language") if "language" in records.get(index, {}) else ("language",)
            found.append((topic, parsed.problem(loc, f"{fonts.CJK_NEEDED}; topic '{topic.id}' was not built")))
    return found


def _language_of(record: dict, default: str) -> str:
    language = record.get("language", default)
    return language.strip() if isinstance(language, str) else default


def _unprintable_in(parsed: loader.ParsedFile, data: Any, loc: tuple, chinese: bool):
    from leaflets.fonts import is_cjk, missing_characters_for

    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PRINTED:
                yield from _unprintable_in(parsed, value, (*loc, key), chinese)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _unprintable_in(parsed, value, (*loc, index), chinese)
    elif isinstance(data, str):
        missing = missing_characters_for(data, chinese)
        if missing:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:5])
            boxes = "it would show as an empty box" if len(missing) == 1 else "they would show as empty boxes"
            chinese_too = ", and Chinese in a topic with 'language: zh-Hans'" if any(map(is_cjk, missing)) else ""
            yield parsed.problem(loc, f"the leaflet font cannot print {shown}; {boxes}. "
                                      f"Remove it or say it in words (the font covers Latin-script languages{chinese_too})")


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
    from leaflets.formats import WRITERS

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
