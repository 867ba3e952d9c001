"""The languages a topic may be written in, each with a catalogue of the fixed wording every output
prints (headings, the disclaimer, footers, dates, the deck's fixed titles and speaker notes).

A catalogue is one YAML file named after the language (en.yaml, zh-Hans.yaml): adding a language is
adding one file with every key of en.yaml and the same {placeholders}."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

# Tags a writer may give, and the catalogue each one reads. Region subtags of English (en-GB, en-US)
# read the English catalogue; zh-CN (mainland China, which writes Simplified Chinese) reads zh-Hans.
_ALIASES = {"zh-CN": "zh-Hans", "zh-SG": "zh-Hans", "zh": "zh-Hans"}
CJK = ("zh-Hans",)


@functools.cache
def names() -> tuple[str, ...]:
    """The languages that have a catalogue, English first."""
    found = sorted(path.name[:-5] for path in resources.files(__name__).iterdir() if path.name.endswith(".yaml"))
    return tuple(sorted(found, key=lambda name: name != "en"))


def catalogue_name(tag: str) -> str | None:
    """The catalogue a language tag reads ('en-GB' reads 'en'), or None if there is none."""
    if tag in names():
        return tag
    if tag in _ALIASES:
        return _ALIASES[tag]
    base = tag.split("-")[0]
    return base if base in names() and base != "zh" else None


@functools.cache
def phrases(name: str) -> dict[str, str]:
    """Every fixed phrase of a catalogue, by key."""
    text = (resources.files(__name__) / f"{name}.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML's C reader when built with it: ten times faster
    return {key: str(value) for key, value in yaml.load(text, Loader=loader).items()}


def keys() -> tuple[str, ...]:
    """The phrase keys every catalogue has (English's, which the others must match)."""
    return tuple(phrases("en"))


def is_cjk(tag: str) -> bool:
    """Whether text in this language is set in the Chinese font, broken between characters."""
    return catalogue_name(tag) in CJK


def office_tag(tag: str) -> str:
    """The tag PowerPoint and Word use for the language of a run: zh-CN for Simplified Chinese."""
    return "zh-CN" if catalogue_name(tag) == "zh-Hans" else tag
