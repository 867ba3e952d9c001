"""Problems in the content file, as values that carry their location."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


def shown(text: str) -> str:
    """Text safe to print on a terminal: control, bidirectional and invisible characters (which could
    move the cursor, recolour the screen or reverse a line) written as their code, like \\u202e."""
    if _UNSHOWABLE.search(text) is None and text.isprintable():
        return text
    return "".join(ch if ch.isprintable() and _UNSHOWABLE.match(ch) is None
                   else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a content file, with where it is and what to do about it."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    @property
    def where(self) -> str:
        """file:line:col, or just the file when the problem has no place in it."""
        return self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return shown(f"{self.where}: {self.path}: {self.message}" if self.path else f"{self.where}: {self.message}")


class ContentError(Exception):
    """The content file cannot be used; carries every problem found in it."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(set(problems), key=_reading_order))
        super().__init__("\n".join(str(p) for p in self.problems))


def _reading_order(problem: Problem) -> tuple:
    return (problem.line or 0, problem.column or 0, problem.path, problem.message)


def format_path(loc: Iterable[str | int]) -> str:
    """Write a field path the way the file reads: topics[0].causes[2].name."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_ITEM_NAMES = {"topics": "topic", "sources": "source", "causes": "cause", "warning_signs": "warning sign",
               "key_points": "key point", "advice": "advice item", "formats": "format", "glossary": "glossary entry",
               "ignore_checks": "ignored check", "ignore": "ignored check", "medical_care": "medical care item"}


_SHORT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")  # an id that reads as a name; others are counted instead


def describe(loc: Iterable[str | int], data: object = None) -> str:
    """Say where a value is the way a writer reads the file, counting from 1 and naming topics and sources
    by their ids: ("topics", 2, "advice", 0) is "topic 'heartburn', advice item 1"."""
    words: list[str] = []
    loc = tuple(loc)
    for index, part in enumerate(loc):
        if isinstance(part, int):
            field = loc[index - 1] if index else ""
            if words and words[-1].endswith(str(field)):
                words[-1] = words[-1][: -len(str(field))].rstrip(".")
                if not words[-1]:
                    words.pop()
            item = _ITEM_NAMES.get(field, f"{field} item" if field else "item")
            record = _at(data, loc[: index + 1])
            record_id = record.get("id") if isinstance(record, dict) else None
            if field in ("topics", "sources") and isinstance(record_id, str) and _SHORT_ID.fullmatch(record_id.strip()):
                words.append(f"{item} '{record_id.strip()}'")
            else:
                words.append(f"{item} {part + 1}")
        elif index and isinstance(loc[index - 1], str) and words:
            words[-1] += f".{part}"  # a field of a field reads as written: publisher.logo
        else:
            words.append(str(part))
    return ", ".join(words)


def _at(data: object, loc: tuple) -> object:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


class OutputError(Exception):
    """Content that is valid but cannot be made into an output, said in plain words for the editor."""


class TemplateError(OutputError):
    """The deck template cannot be used; the message says why and what to do."""
