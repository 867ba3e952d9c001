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


class OutputError(Exception):
    """Content that is valid but cannot be made into an output, said in plain words for the editor."""


class TemplateError(OutputError):
    """The deck template cannot be used; the message says why and what to do."""
