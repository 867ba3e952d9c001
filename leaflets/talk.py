"""The talk as a list of slides, shared by the deck (which draws them) and the speaker script (which
prints them): each slide's title, list items, notes, and its place on the talk's one clock.

The clock is rounded once, to whole steps (30 seconds when the talk is long enough for its slides), and
each slide's own time is the difference between its end and the previous slide's end, so every figure
a presenter reads adds up: each slide starts where the one before ended, and the last ends at the
talk's length."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from leaflets.content import Cause
from leaflets.theme import THEME
from leaflets.wording import ENGLISH, Wording

SHORT_POINT = 12  # words: a slide line a room can read at a glance
STEPS = (30, 15, 5, 1)  # seconds; the largest that still gives every slide at least one step


@dataclass(frozen=True)
class Slide:
    """One slide: its layout role, title, list items, speaker notes and section icon, and its time."""

    role: str  # "title", "section" or "content"
    title: str
    items: tuple[str, ...] = ()
    notes: str = ""
    icon: str | None = None
    weight: float = 1.0  # its share of the talk's time
    logo: Path | None = None
    logo_text: str = ""
    title_size: float | None = None  # set when the title is set smaller than the template's size to fit
    body_size: float = THEME.slides.body  # the list's type size, chosen for the room
    image: Path | None = None  # a picture beside the list, from content.yaml
    image_alt: str = ""
    start: int = 0  # seconds into the talk
    end: int = 0

    @property
    def seconds(self) -> int:
        return self.end - self.start


def clock(slides: list[Slide], minutes: int) -> list[int]:
    """The second at which each slide ends: rounded to one step, rising, the last at `minutes`."""
    total = minutes * 60
    step = next((s for s in STEPS if len(slides) * s <= total), 0)
    weights = [slide.weight for slide in slides]
    whole = sum(weights)
    ends, so_far, previous = [], 0.0, 0
    for index, weight in enumerate(weights):
        so_far += weight
        later = len(slides) - 1 - index
        ideal = total * so_far / whole
        end = round(ideal / step) * step if step else round(ideal)
        end = min(max(end, previous + step), total - later * step)
        ends.append(end)
        previous = end
    if ends:
        ends[-1] = total
    return ends


def with_timings(slides: list[Slide], minutes: int, words: Wording = ENGLISH) -> list[Slide]:
    """The slides on one clock, with the time at the top of each slide's notes and each part's total."""
    ends = clock(slides, minutes)
    starts = [0, *ends[:-1]]
    timed = [replace(slide, start=start, end=end) for slide, start, end in zip(slides, starts, ends)]
    result = []
    for index, slide in enumerate(timed):
        line = words.timing_line(slide.seconds, slide.start, slide.end, minutes)
        if slide.role == "section":
            line += " " + words.part_time_line(sum(s.seconds for s in _part(timed, index)))
        result.append(replace(slide, notes=f"{line}\n\n{slide.notes}" if slide.notes else line))
    return result


def _part(slides: list[Slide], start: int) -> list[Slide]:
    """A section slide and the content slides that follow it."""
    part = [slides[start]]
    for slide in slides[start + 1:]:
        if slide.role != "content":
            break
        part.append(slide)
    return part


def key_points(cause: Cause) -> tuple[str, ...]:
    """The lines on a cause's slide: its key points, or else its explanation cut at sentences and, where
    a sentence is longer than SHORT_POINT words, at its clauses. A clause still longer stays whole (it is
    the content's to shorten: the long-slide-line check names it)."""
    if cause.key_points:
        return cause.key_points
    points = []
    for sentence in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", cause.explanation):
        if not sentence:
            continue
        if re.search(r"[\u3400-\u9fff]", sentence):  # Chinese: one sentence a line; no words to count
            points.append(sentence)
            continue
        if len(sentence.split()) <= SHORT_POINT:
            points.append(sentence)
            continue
        points += [_as_line(piece) for piece in _CLAUSE.split(sentence) if piece.strip()]
    return tuple(points)


# Where a long sentence may be cut into lines that still read on their own.
_CLAUSE = re.compile(r"(?:[;:]|,\s+(?=(?:so|but|because|then)\b))\s*")


def _as_line(piece: str) -> str:
    piece = piece.strip().rstrip(".,;:")
    return piece[0].upper() + piece[1:] + "."
