"""The content model: what a leaflet or deck is made from, validated and immutable.

Each field's type says what it may hold (text of a bounded length, an id, a date, a list of
at most so many items); `leaflets.content.validate.load` is the only way to make one.
Writers receive a `Content` and never see YAML or dicts.

The classes are frozen standard-library dataclasses. pydantic validates content.yaml into them
(validate.py), reading the limits and checks written in their fields' types (`Limits`, `Check`,
`About` below, which pydantic asks for their part of the schema through its documented hooks).
So the model imports no pydantic: the processes that only write outputs start without it, and
without building its schemas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Annotated, Any, Callable, Literal

from leaflets import files, languages
from leaflets.problems import TemplateError
from leaflets.formats import DEFAULT_FORMATS, FORMATS, SLUG_PATTERN


class Limits:
    """Constraints on a field's value as pydantic-core names them (min_length, max_length, pattern,
    strip_whitespace, ge, le), added to the schema of the type they annotate; put first in `Annotated`."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable) -> dict:
        return {**handler(source), **self.constraints}


class Check:
    """A function that checks, and may tidy, a field's value: after its type is checked, or `before` it
    on the value as written. With `info`, it is also given pydantic's ValidationInfo (the fields checked
    before it, and the context `load` passes: content.yaml's folder)."""

    def __init__(self, check: Callable, *, before: bool = False, info: bool = False) -> None:
        self.check, self.before, self.info = check, before, info

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable) -> dict:
        from pydantic_core import core_schema

        make = {(False, False): core_schema.no_info_after_validator_function,
                (True, False): core_schema.no_info_before_validator_function,
                (False, True): core_schema.with_info_after_validator_function,
                (True, True): core_schema.with_info_before_validator_function}[self.before, self.info]
        return make(self.check, handler(source))


class About:
    """What a field holds, in words, for the JSON Schema editors show (see schema.py)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __get_pydantic_json_schema__(self, schema: Any, handler: Callable) -> dict:
        return {**handler(schema), "description": self.text}


class _Resolved:
    """A file's path, as the check before it resolved it: pydantic's own path type would only check it again."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable) -> dict:
        return {"type": "is-instance", "cls": Path}

    def __get_pydantic_json_schema__(self, schema: Any, handler: Callable) -> dict:
        return {"format": "path", "type": "string"}


_MODEL = dataclasses.dataclass(frozen=True, kw_only=True)
_FORBID_EXTRA = {"extra": "forbid"}  # pydantic's config: a field the model does not have is a mistake


def _tidy(text: str) -> str:
    """Fold line breaks and runs of spaces, as a reader of the YAML file would expect."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # tidy already (any white space but a single space is unprintable): most text, at once
    return " ".join(text.split())


# Generous limits, many times the longest text in the seed content; each keeps every check and layout quick
# (a 500 KB paragraph took 90 s to lay out) and says what to do instead.
HEADING_CHARS, LINE_CHARS, PROSE_CHARS, URL_CHARS = 200, 500, 3000, 2000
TOPIC_CHARS = 30_000  # about 12 printed pages and 150 slides; a deck's time grows with the square of its slides
LONGEST_WORD = 60  # characters: wider than a leaflet's column, so it could not be printed anyway


_LONGER_THAN_A_LINE = re.compile(rf"\S{{{LONGEST_WORD + 1}}}")  # \S is what str.split() keeps together


def _words_fit_a_line(text: str) -> str:
    if len(text) <= LONGEST_WORD or _LONGER_THAN_A_LINE.search(text) is None:
        return text  # no word is that long: most text, found in one pass instead of word by word
    long = next((word for word in text.split() if len(word) > LONGEST_WORD and not _is_address(word)
                 and not _is_chinese(word)), None)
    if long:
        raise ValueError(f"the word '{long[:20]}\u2026' is {len(long):,} characters long, longer than a printed "
                         f"line can hold ({LONGEST_WORD} at most); put spaces in it, or write a web address in "
                         "full, starting with https://")
    return text


def _is_chinese(word: str) -> bool:
    """Chinese is written without spaces and breaks between any two characters."""
    return re.search("[\u3000-\u9fff\uff00-\uffef]", word) is not None


def _is_address(word: str) -> bool:
    return "/" in word or "@" in word


def _text(max_length: int):
    return Annotated[str, Limits(strip_whitespace=True, min_length=1, max_length=max_length), Check(_tidy),
                     Check(_words_fit_a_line)]


@dataclasses.dataclass(frozen=True)
class _AtMost:
    """Refuse a list longer than `limit` before its items are checked: one problem, not one per item."""

    limit: int
    advice: str

    def __call__(self, items):
        if isinstance(items, (list, tuple, dict)) and len(items) > self.limit:
            raise ValueError(f"this list has {len(items):,} items, more than the {self.limit:,} allowed; "
                             f"{self.advice}")
        return items


def _at_most(limit: int, advice: str) -> Check:
    return Check(_AtMost(limit, advice), before=True)


Text = _text(LINE_CHARS)
Heading = _text(HEADING_CHARS)
Prose = _text(PROSE_CHARS)
Slug = Annotated[str, Limits(strip_whitespace=True, pattern=SLUG_PATTERN)]
Url = Annotated[str, Limits(strip_whitespace=True, max_length=URL_CHARS, pattern=r"^https?://\S+\.\S+$")]


def _known_language(tag: str) -> str:
    if languages.catalogue_name(tag) is None:
        raise ValueError(f"there is no wording for the language '{tag}'; write one of: "
                         f"{', '.join(languages.names())} (en-GB and zh-CN are accepted too)")
    return tag


Language = Annotated[str, Limits(strip_whitespace=True, pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"),
                     Check(_known_language)]


def _known_phrases(replaced: dict) -> dict:
    import difflib

    known = languages.keys()
    for key in replaced:
        if key not in known:
            guess = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else "see leaflets/languages/en.yaml for every phrase"
            raise ValueError(f"'{key}' is not a phrase the outputs print; {hint}")
    return replaced


Phrases = Annotated[dict[str, Text], Check(_known_phrases)]
_SPLIT_LIST = _at_most(200, "keep the most important ones, or split the topic into several topics")
FormatName = Literal[FORMATS]  # type: ignore[valid-type]


def _named_file(value: Any, info, example: str) -> tuple[str, Path]:
    """The text written for a file, and the folder it is relative to (content.yaml's)."""
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"should be the path of a file, relative to content.yaml; for example '{example}'")
    return value, (info.context or {}).get("folder", Path("."))


def _readable_image(value, info):
    """An image file that exists beside content.yaml, read and checked here as the writers will read it
    (leaflets/pictures/images.py)."""
    if value is None:
        return None
    from leaflets.pictures import images

    value, folder = _named_file(value, info, images.EXAMPLE)
    path = images.resolve(value, folder)
    images.read(path, value)
    return path


def _usable_template(value, info):
    """An ordinary .pptx file; opened and measured as the deck writer will when the caller of `load`
    passes the writer's `open_template` (the content stage itself knows nothing of decks)."""
    if value is None:
        return None
    value, folder = _named_file(value, info, files.TEMPLATE_EXAMPLE)
    path = files.resolve(value, folder, (".pptx",), "a PowerPoint file", files.TEMPLATE_EXAMPLE)
    open_template = (info.context or {}).get("open_template")
    if open_template:
        try:
            open_template(path, value)
        except TemplateError as error:
            raise ValueError(str(error)) from None
    return path


ResolvedPath = Annotated[Path, _Resolved()]
Image = Annotated[ResolvedPath, Check(_readable_image, before=True, info=True)]


@_MODEL
class Source:
    """A published article or guideline that the content is taken from."""

    __pydantic_config__ = _FORBID_EXTRA
    id: Slug
    title: Text
    publisher: Text
    date: dt.date
    author: Text | None = None
    url: Url | None = None


@_MODEL
class Picture:
    """A picture for a topic or a cause: a PNG, JPEG or SVG file, checked as a logo is, and the words that
    say what it shows to someone who cannot see it."""

    __pydantic_config__ = _FORBID_EXTRA
    file: Annotated[Image, About("An image file (PNG, JPG or SVG), relative to content.yaml.")]
    alt: Annotated[Text, About("What the picture shows, in a sentence, for people who cannot see it.")]


@_MODEL
class Cause:
    """One cause of the condition, explained, with what the person and a doctor may do."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Heading
    explanation: Prose
    key_points: Annotated[tuple[Text, ...], _at_most(50, "keep the few that fit on a slide"),
                          About("Short lines shown on the cause's slide; the explanation's sentences when absent.")] = ()
    self_care: Annotated[Prose | None, About("What the person can do about this cause themselves.")] = None
    medical_care: Annotated[Prose | None, About("What a doctor may do or prescribe; medicines belong here only.")] = None
    source: Annotated[Slug | None, About("The id of the source this cause comes from; needed when the topic cites several.")] = None
    image: Annotated[Picture | None, About("A picture shown on the cause's slide and beside it in the leaflet.")] = None


@_MODEL
class WarningSign:
    """A warning sign written with the causes it can go with; the talk's notes link the two only
    where the content does. A plain line of text is a warning sign without causes."""

    __pydantic_config__ = _FORBID_EXTRA
    sign: Text
    causes: Annotated[tuple[Heading | int, ...], Limits(min_length=1),
                      _at_most(200, "name the few causes this sign goes with"),
                      About("The causes this sign can go with: their names, or their numbers from 1.")]


@_MODEL
class Publisher:
    """The organisation handing out the leaflet: printed on covers, footers and the closing slide."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Text
    contact: Annotated[Text | None, About("One line: a phone number, an address or opening hours.")] = None
    logo: Annotated[ResolvedPath | None, Check(_readable_image, before=True, info=True),
                    About("An image file (PNG, JPG or SVG), relative to content.yaml.")] = None
    url: Url | None = None
    leaflet_from: Annotated[Text | None, About("Where people can get the printed leaflet.")] = None
    emergency: Annotated[Text | None, About("What to do in an emergency where the leaflet is handed out, for example 'Call 999 or go to A&E'; printed before a topic's urgent signs.")] = None


@_MODEL
class DeckSettings:
    """How the talk decks are made."""

    __pydantic_config__ = _FORBID_EXTRA
    template: Annotated[ResolvedPath | None, Check(_usable_template, before=True, info=True),
                        About("A PowerPoint template (.pptx), relative to content.yaml.")] = None
    minutes: Annotated[int, Limits(ge=5, le=180), About("How long the talk should last.")] = 20


CHECK_NAMES = ("reading-level", "long-sentence", "long-slide-line", "passive-voice", "undefined-term",
               "medicine-in-advice", "no-review", "review-overdue", "old-source", "cause-source",
               "advice-not-action", "calculation", "long-summary", "vague-heading", "dose-in-advice",
               "comment-in-text", "translation-outdated", "translation-incomplete")
CheckName = Literal[CHECK_NAMES]  # type: ignore[valid-type]


@_MODEL
class CheckSettings:
    """How `--check` judges the content."""

    __pydantic_config__ = _FORBID_EXTRA
    target_grade: Annotated[float, Limits(ge=3, le=16), About("The school grade the text should be readable at (8 is about age 13).")] = 8
    ignore: Annotated[tuple[CheckName, ...], About("Checks to turn off for every topic.")] = ()
    medicines: Annotated[tuple[Text, ...], _at_most(5000, "keep the ones your topics might name"),
                         About("Medicine names to look for, beyond the built-in list.")] = ()
    medical_terms: Annotated[tuple[Text, ...], _at_most(5000, "keep the ones your topics might use"),
                             About("Medical terms that need a glossary entry, beyond the built-in list.")] = ()


def _review_after_reviewed(value, info):
    reviewed = info.data.get("reviewed")
    if value and reviewed and value <= reviewed:
        raise ValueError(f"the next review ({value}) must come after the last review ({reviewed}); "
                         "write a later date, usually a year or two after 'reviewed'")
    return value


def _signs_name_causes(value, info):
    """A sign's causes, by name or number, become the causes' names."""
    causes = info.data.get("causes") or ()
    names = [cause.name for cause in causes]
    return tuple(WarningSign(sign=sign.sign, causes=tuple(_cause_name(ref, names) for ref in sign.causes))
                 if isinstance(sign, WarningSign) else sign for sign in value)


@_MODEL
class Topic:
    """One condition or question: one leaflet and one talk deck."""

    __pydantic_config__ = _FORBID_EXTRA
    id: Slug
    title: Heading
    subtitle: Heading | None = None
    url: Annotated[Url | None, About("A web page for this topic; the leaflet prints it as a QR code.")] = None
    version: Text | None = None
    reviewed: dt.date | None = None
    next_review: Annotated[dt.date | None, Check(_review_after_reviewed, info=True)] = None
    reviewed_by: Text | None = None
    summary: Prose
    image: Annotated[Picture | None, About("A picture shown under the summary in the leaflet and on the talk's overview slide.")] = None
    sources: Annotated[tuple[Slug, ...], Limits(min_length=1), _at_most(100, "cite the main sources of the topic")]
    causes: Annotated[tuple[Cause, ...], Limits(min_length=1), _SPLIT_LIST]
    urgent_signs: Annotated[tuple[Text, ...], _SPLIT_LIST, About("Signs that need emergency help now; printed in a red box above 'When to see a doctor' and given a slide of their own.")] = ()
    warning_signs: Annotated[tuple[Text | WarningSign, ...], Limits(min_length=1), _SPLIT_LIST,
                             Check(_signs_name_causes, info=True),
                             About("A line each; or 'sign:' with 'causes:' naming the causes it can go with.")]
    advice: Annotated[tuple[Text, ...], Limits(min_length=1), _SPLIT_LIST]
    ignore_checks: Annotated[tuple[CheckName, ...], About("Checks to turn off for this topic, each for a reason said in a comment.")] = ()
    language: Annotated[Language, About("The language of all the topic's text (en or zh-Hans); the file's 'language' when absent.")] = "en"
    translation_of: Annotated[Slug | None, About("The id of the topic this one translates.")] = None
    reviewed_against: Annotated[Annotated[str, Limits(strip_whitespace=True, pattern=r"^[0-9a-f]{12}$")] | None, About("The fingerprint of the original's text when this translation was last reviewed; `--check` prints it.")] = None
    wording: Annotated[Phrases, About("Fixed phrases this topic's outputs print differently (keys as in leaflets/languages/en.yaml).")] = dataclasses.field(default_factory=dict)

    def __post_init__(self):
        """A topic fits a leaflet (checked as pydantic makes it, and by whoever makes one)."""
        length = sum(len(text) for _, text, _ in patient_texts(self))
        if length > TOPIC_CHARS:
            raise ValueError(f"this topic's text is {length:,} characters long, more than the {TOPIC_CHARS:,} "
                             "(about 12 printed pages) a leaflet may hold; split it into several topics")

    @property
    def warning_sign_texts(self) -> tuple[str, ...]:
        """Each warning sign's text, as every writer prints it."""
        return tuple(sign if isinstance(sign, str) else sign.sign for sign in self.warning_signs)

    def sign_causes(self, index: int) -> tuple[str, ...]:
        """The names of the causes the content says warning sign `index` can go with (none for plain text)."""
        sign = self.warning_signs[index]
        return () if isinstance(sign, str) else sign.causes

    def qr_url(self, sources: tuple[Source, ...]) -> str | None:
        """The address a QR code should open: the topic's own page, else its first source with one."""
        return self.url or next((source.url for source in sources if source.url), None)


def _cause_name(ref: str | int, names: list[str]) -> str:
    if ref in names:
        return ref
    if isinstance(ref, int) or ref.isdigit():
        ref = int(ref)
        if 1 <= ref <= len(names):
            return names[ref - 1]
        raise ValueError(f"a warning sign names cause {ref}, but the topic has {len(names)} causes; write the "
                         f"number of one of its causes (1 to {len(names)}) or its name")
    raise ValueError(f"a warning sign names the cause '{ref}', which is not one of this topic's causes; write "
                     f"one of their names exactly: {'; '.join(names)}")


_SPLIT_FILE = "split them into several content files"


def _with_file_wording(topic: Any, wording: Any) -> Any:
    """A topic with the phrases the file replaces for its language, under those the topic replaces itself;
    only phrases that are valid are carried, so a mistake is reported once, where it is written."""
    if not isinstance(topic, dict) or not isinstance(wording, dict) or not isinstance(topic.get("language"), str):
        return topic
    name = languages.catalogue_name(topic["language"].strip())
    replaced = {}
    for tag, phrases in wording.items():
        if isinstance(tag, str) and isinstance(phrases, dict) and languages.catalogue_name(tag.strip()) == name:
            replaced.update({key: value for key, value in phrases.items()
                             if key in languages.keys() and isinstance(value, str)})
    own = topic.get("wording")
    if not replaced or (own is not None and not isinstance(own, dict)):
        return topic
    return {**topic, "wording": {**replaced, **(own or {})}}


def with_file_defaults(data: Any) -> Any:
    """content.yaml as read, with what the file says for every topic given to each topic that does not say
    it: the file's language, and its wording for that language. Applied before validation."""
    if isinstance(data, dict) and isinstance(data.get("topics"), list):
        language = data.get("language", "en")
        if not isinstance(language, str) or languages.catalogue_name(language.strip()) is None:
            return data  # the file's language is refused on its own line
        data = {**data, "topics": [{"language": language, **topic} if isinstance(topic, dict) and
                                   "language" not in topic else topic for topic in data["topics"]]}
        data["topics"] = [_with_file_wording(topic, data.get("wording")) for topic in data["topics"]]
    return data


def _wording_languages(value):
    for language in value:
        _known_language(language)
    return value


@_MODEL
class Content:
    """Everything in content.yaml."""

    __pydantic_config__ = _FORBID_EXTRA
    language: Annotated[Language, About("The language of the text (en, en-GB, zh-Hans or zh-CN); a topic may say its own.")] = "en"
    wording: Annotated[dict[str, Phrases], Check(_wording_languages),
                       About("Fixed phrases printed differently, per language: {en: {warning_heading: ...}}.")] = dataclasses.field(default_factory=dict)
    publisher: Publisher | None = None
    formats: Annotated[tuple[FormatName, ...], Limits(min_length=1),
                       About("What a plain `python generate.py` makes.")] = DEFAULT_FORMATS
    deck: DeckSettings = DeckSettings()
    checks: CheckSettings = CheckSettings()
    glossary: Annotated[dict[Heading, Prose], _at_most(5000, "keep the terms your topics use"),
                        About("Medical term: its meaning in plain words. Printed as 'Words to know' where a topic uses the term.")] = dataclasses.field(default_factory=dict)
    sources: Annotated[tuple[Source, ...], Limits(min_length=1), _at_most(10_000, _SPLIT_FILE)]
    topics: Annotated[tuple[Topic, ...], Limits(min_length=1), _at_most(10_000, _SPLIT_FILE)]

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


def as_json(value: Any, leave_out: tuple[str, ...] = ()) -> str:
    """A model value as compact JSON, without the fields named in `leave_out`: what fingerprints are taken of.
    json's C encoder walks the tuples, dicts and text, and asks `_as_json_data` for the rest."""
    if leave_out:
        value = {name: item for name, item in _as_json_data(value).items() if name not in leave_out}
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_as_json_data)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _as_json_data(value: Any) -> Any:
    """A model object as a dict of its fields, in their order; a date or a path as text."""
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(kind):
            return str(value)
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return {name: getattr(value, name) for name in names}


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
    for i, sign in enumerate(topic.urgent_signs):
        yield ("urgent_signs", i), sign, "slide"
    for i, sign in enumerate(topic.warning_signs):
        if isinstance(sign, str):
            yield ("warning_signs", i), sign, "slide"
        else:
            yield ("warning_signs", i, "sign"), sign.sign, "slide"
    for i, item in enumerate(topic.advice):
        yield ("advice", i), item, "slide"


def patient_text(topic: Topic) -> str:
    """Everything in a topic that a patient reads, as one text."""
    return "\n".join(text for _, text, _ in patient_texts(topic))


def mentions(lower_text: str, term: str) -> bool:
    """Whether `term` appears in `lower_text` as a whole word or phrase (any case, simple plurals)."""
    if term.lower() not in lower_text:  # a plain search first: most terms are in no text, and it is 20 times faster
        return False
    if not term.isascii() and not re.search(r"[A-Za-z\u00c0-\u024f]", term):
        return True  # Chinese has no spaces between words
    return _whole_word(term.lower()).search(lower_text) is not None


@functools.lru_cache(maxsize=4096)
def _whole_word(term: str) -> re.Pattern:
    r"""`(?<![\w-])term(?:s|es)?(?![\w-])`, written to start with the term itself so that the search jumps from
    one place of the term to the next instead of trying the look-behind at every character (a search over a
    topic's text took 30 µs, now 1): the look-behind after the term looks at the character before it."""
    term = re.escape(term)
    return re.compile(rf"{term}(?<![\w-]{term})(?:s|es)?(?![\w-])")
