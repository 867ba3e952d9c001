"""The talk planned from the content model: which slides, in what order, with which bullets, notes and
share of the time. Lists are measured with the template's own type sizes (`Frames`), so every list and
title fits its box; drawing them is `draw`'s job, and a speaker script can share this plan."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from leaflets.checks.wordlists import named_medicines
from leaflets.content import Cause, Content, Topic
from leaflets.deck import notes
from leaflets.deck.measure import wrap
from leaflets.problems import OutputError, TemplateError
from leaflets.talk import Slide, key_points, with_timings
from leaflets.theme import THEME
from leaflets import wording
from leaflets.wording import ENGLISH, Wording

FIXED_TITLE_KEYS = ("overview_title", "signs_title", "advice_title", "sources_title")
OVERVIEW_TITLE, SIGNS_TITLE, ADVICE_TITLE, SOURCES_TITLE = (ENGLISH.phrases[key] for key in FIXED_TITLE_KEYS)
FIXED_TITLES = (OVERVIEW_TITLE, SIGNS_TITLE, ADVICE_TITLE, SOURCES_TITLE)  # content slide titles not from content.yaml
MAX_ITEMS = 6
LIST_SHARE = 0.6  # of the body's width, for a list with a picture beside it
ROOM_SIZES = (36, 32)  # pt: list sizes to try above the template's when a slide has little on it
MAX_TITLE_LINES = 2
TITLE_FLOOR = 28  # pt: a long title is set smaller, down to this, before it is refused


@dataclass(frozen=True)
class Box:
    """A text area in points, and the type it is set in: size, the metrics font and a width allowance."""

    width: float
    height: float
    size: float = THEME.slides.body
    font: str = THEME.fonts.deck_metrics
    spread: float = 1.0  # >1 when the template's font is only approximated by the metrics font
    explicit: bool = False  # the template sets this text below the minimum, so the writer sets `size`

    def lines(self, text: str) -> int:
        return len(wrap(text, self.font, self.size, self.width / self.spread))


@dataclass(frozen=True)
class Frames:
    """Where the deck's text goes: the content layout's body and title, as the template sets them."""

    body: Box
    title: Box
    template: str = "the template"  # how messages name the template these were measured on


def timed_plan(content: Content, topic: Topic, frames: Frames) -> list[Slide]:
    """The slides of the talk on the talk's clock: what the deck draws and the speaker script prints."""
    return with_timings(plan(content, topic, frames), content.deck.minutes, wording.of(content, topic))


def plan(content: Content, topic: Topic, frames: Frames) -> list[Slide]:
    """The slides of the talk, in order, with long lists spread over numbered slides."""
    sources = content.sources_of(topic)
    body = frames.body
    ceiling = frames.title.size
    words = wording.of(content, topic)
    fitted = functools.partial(_fitted, words=words)
    parts = [words.causes_heading(topic), words.warning_heading, words.advice_heading, words.questions_part]
    logo = {"logo": content.publisher.logo, "logo_text": words.say("logo_of", name=content.publisher.name)} \
        if content.publisher and content.publisher.logo else {}
    part = functools.partial(words.say, "part_of", total=4)
    slides = [
        Slide("title", topic.title, tuple(filter(None, [topic.subtitle, _presenter_line(content, words)])),
              notes=notes.opening(topic, words), weight=1, **logo),
        *fitted(words.overview_title, tuple(parts), *_room_for(topic.image, body), ceiling,
                notes=notes.overview(topic, words), weight=1),
        Slide("section", parts[0], (part(number=1) + words.separator +
                                    words.say("causes_count", count=len(topic.causes)),),
              notes=notes.causes_intro(topic, content.words_to_know(topic), words), icon="causes", weight=0.5),
    ]
    for cause in topic.causes:
        slides += fitted(cause.name, key_points(cause), *_room_for(cause.image, body), ceiling,
                         notes=notes.cause(cause, _medicines(content, cause), words), icon="causes", weight=3)
    slides += [Slide("section", words.warning_heading, (part(number=2),), notes=notes.warning_intro(words),
                     icon="warning", weight=0.5)]
    slides += _urgent_signs(content, topic, body, words)
    slides += fitted(words.signs_title, topic.warning_sign_texts, body, None, ceiling,
                     notes=notes.warning_signs(topic, words), icon="warning", weight=4)
    slides += [Slide("section", words.advice_heading, (part(number=3),), notes=notes.advice_intro(words),
                     icon="advice", weight=0.5)]
    slides += fitted(words.advice_title, topic.advice, body, None, ceiling, notes=notes.advice(topic, words),
                     icon="advice", weight=4)
    slides.append(Slide("section", words.questions_title, (part(number=4) + words.separator + words.questions_line,),
                        notes=notes.questions(topic, words), icon="questions", weight=4))
    slides += fitted(words.sources_title, tuple(words.citation(s) for s in sources), body, None, ceiling,
                     notes=notes.sources(sources, words), icon="sources", weight=0.5)
    slides.append(Slide("title", words.thank_you, _closing_lines(content, topic, words),
                        notes=notes.closing(content, topic, words), weight=0.5, **logo))
    return [_check_title(slide, frames, words) for slide in _unique_titles(slides, words)]


def _urgent_signs(content: Content, topic: Topic, body: Box, words: Wording = ENGLISH) -> list[Slide]:
    """The signs that need emergency help, before the signs to see a doctor about; none when there are none."""
    if not topic.urgent_signs:
        return []
    return _fitted(words.urgent_slide_title, topic.urgent_signs, body, words=words, icon="warning", weight=2,
                   notes=words.urgent_notes(words.urgent_lead_for(content.publisher), topic.urgent_signs))


def _unique_titles(slides: list[Slide], words: Wording = ENGLISH) -> list[Slide]:
    """A screen reader lists slides by title, so a title used again (a cause named like a part of the
    talk) is numbered: "Cold", then "Cold (2)"."""
    seen: dict[str, int] = {}
    unique = []
    for slide in slides:
        seen[slide.title] = seen.get(slide.title, 0) + 1
        if seen[slide.title] > 1:
            slide = dataclasses.replace(slide, title=words.say("repeated_title", title=slide.title,
                                                               number=seen[slide.title]))
        unique.append(slide)
    return unique


def _presenter_line(content: Content, words: Wording = ENGLISH) -> str:
    return content.publisher.name if content.publisher else words.community_talk


def _closing_lines(content: Content, topic: Topic, words: Wording = ENGLISH) -> tuple[str, ...]:
    publisher = content.publisher
    leaflet = (publisher.leaflet_from if publisher and publisher.leaflet_from
               else words.say("take_home", title=topic.title))
    if not publisher:
        return (leaflet,)
    return tuple(filter(None, [publisher.name, publisher.contact, leaflet]))


def _medicines(content: Content, cause: Cause) -> tuple[str, ...]:
    said = " ".join(filter(None, [cause.explanation, *cause.key_points, cause.self_care, cause.medical_care]))
    return tuple(named_medicines(said, content.checks.medicines))


def _room_for(picture, box: Box) -> tuple[Box, dict]:
    """The list's box, narrowed to make room for a picture beside it, and the slide's picture fields."""
    if picture is None:
        return box, {}
    return (dataclasses.replace(box, width=box.width * LIST_SHARE),
            {"image": picture.file, "image_alt": picture.alt})


def _fitted(title: str, items, box: Box, pictured: dict | None = None, ceiling: float = THEME.slides.title,
            words: Wording = ENGLISH, **fields) -> list[Slide]:
    """One slide for the items, or several titled "Title (1 of N)" when they do not fit; each set as large
    as its box allows for the room (never smaller than the template's size)."""
    fields.update(pictured or {})
    heights = [item_height(item, box) for item in items]
    groups = _balanced(list(items), heights, box) or _greedy(list(items), heights, box)
    if len(groups) == 1:
        return [Slide("content", title, tuple(groups[0]), body_size=room_size(groups[0], box, ceiling), **fields)]
    weight = fields.pop("weight", 1.0) / len(groups)
    return [Slide("content", words.say("numbered_title", title=title, number=n, total=len(groups)), tuple(group),
                  weight=weight, body_size=room_size(group, box, ceiling), **fields)
            for n, group in enumerate(groups, start=1)]


def room_size(items, box: Box, ceiling: float) -> float:
    """The largest of ROOM_SIZES below the title's size `ceiling` (or the box's own size) at which the items
    fill at most nine tenths of the box: fewer, shorter lines are set bigger for the back of the room."""
    for size in ROOM_SIZES:
        bigger = dataclasses.replace(box, size=size)
        if box.size < size < ceiling and sum(item_height(item, bigger) for item in items) <= box.height * 0.9:
            return float(size)
    return box.size


def _greedy(items: list[str], heights: list[float], box: Box) -> list[list[str]]:
    """Fill each slide as far as it goes."""
    groups: list[list[str]] = [[]]
    used = 0.0
    for item, height in zip(items, heights):
        if groups[-1] and (used + height > box.height or len(groups[-1]) == MAX_ITEMS):
            groups.append([])
            used = 0.0
        groups[-1].append(item)
        used += height
    return groups


def _balanced(items: list[str], heights: list[float], box: Box) -> list[list[str]] | None:
    """The same number of slides as filling them would take, with the items shared evenly
    (5 items as 3 + 2, not 4 + 1); None if an even share does not fit."""
    count = len(_greedy(items, heights, box))
    per_slide = -(-len(items) // count)
    groups = [list(range(i, min(i + per_slide, len(items)))) for i in range(0, len(items), per_slide)]
    if len(groups) != count or any(sum(heights[i] for i in group) > box.height for group in groups):
        return None
    return [[items[i] for i in group] for group in groups]


def item_height(item: str, box: Box) -> float:
    """Height in points of one bullet: its lines plus the space before it."""
    return box.lines(item) * box.size * 1.25 + box.size * 0.3


def _check_title(slide: Slide, frames: Frames, words: Wording = ENGLISH) -> Slide:
    """A title that would need more than two lines is set smaller, down to TITLE_FLOOR; only one that does
    not fit even then is refused. A cause's name is the content's to shorten; a title the deck always has
    is the template's to make room for."""
    if slide.role != "content" or frames.title.lines(slide.title) <= MAX_TITLE_LINES:
        return slide
    size = fitting_title_size(slide.title, frames.title)
    if size is not None:
        return dataclasses.replace(slide, title_size=size)
    if any(_is_fixed(slide.title, words.phrases[key], words) for key in FIXED_TITLE_KEYS):
        raise TemplateError(title_too_big(slide.title, frames))
    raise OutputError(f"the slide title '{slide.title}' needs more than {MAX_TITLE_LINES} lines even at "
                      f"{TITLE_FLOOR:g} pt; shorten it (it comes from a cause's name)")


def _is_fixed(title: str, fixed: str, words: Wording) -> bool:
    """Whether `title` is the fixed title `fixed`, or one of its numbered spill-over slides."""
    pattern = re.escape(words.phrases["numbered_title"])
    for name, value in (("title", re.escape(fixed)), ("number", r"\d+"), ("total", r"\d+")):
        pattern = pattern.replace(re.escape("{" + name + "}"), value)
    return title == fixed or re.fullmatch(pattern, title) is not None


def fitting_title_size(title: str, box: Box) -> float | None:
    """The largest whole size from the box's own down to TITLE_FLOOR at which `title` takes at most two
    lines (words wider than the box broken between characters); None if it does not fit even at the floor."""
    low, high = TITLE_FLOOR, int(box.size)
    if dataclasses.replace(box, size=low).lines(title) > MAX_TITLE_LINES:
        return None
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if dataclasses.replace(box, size=middle).lines(title) <= MAX_TITLE_LINES \
            else (low, middle - 1)
    return float(low)


def title_too_big(title: str, frames: Frames) -> str:
    return (f"{frames.template}'s title box is too narrow for the slide title '{title}' on {MAX_TITLE_LINES} "
            f"lines even at {TITLE_FLOOR:g} pt; make the title box of the title-and-content layout wider")


def title_size_too_big(title: str, frames: Frames) -> str:
    size = fitting_title_size(title, frames.title)
    return (f"{frames.template} sets slide titles at {frames.title.size:g} pt, too large for the slide title "
            f"'{title}' to fit on {MAX_TITLE_LINES} lines; set the title size to {size:g} pt or less in the "
            "Slide Master")
