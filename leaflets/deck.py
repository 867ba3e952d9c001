"""The talk-deck writer: one topic of the content model to a 16:9 PowerPoint deck.

Two steps, as in Pandoc's PowerPoint writer: `plan` turns the topic into a list of
slides (what to show, measured so that every list fits its box), and `write` draws
them onto a template's layouts (how to show it). All text goes into the layouts'
placeholders, so an organisation's template restyles the whole deck.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from leaflets.content import Cause, Content, Topic
from leaflets.measure import line_count
from leaflets.theme import THEME, asset
from leaflets.wording import ADVICE_HEADING, WARNING_HEADING, authors, causes_heading, citation, disclaimer

DEFAULT_TEMPLATE = asset("deck-template.pptx")
MAX_ITEMS = 6
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Slide:
    """One slide to draw: its layout role, title, list items and speaker notes."""

    role: str  # "title", "section" or "content"
    title: str
    items: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Box:
    """The text area of a content layout's body, in points."""

    width: float
    height: float


class TemplateError(Exception):
    """The template lacks a layout the deck needs."""


def write(content: Content, topic: Topic, path: Path, template: Path = DEFAULT_TEMPLATE) -> None:
    """Write the topic's talk deck to `path`."""
    prs = Presentation(str(template))
    layouts = find_layouts(prs)
    for slide in plan(content, topic, body_box(layouts["content"])):
        _draw(prs, layouts[slide.role], slide)
    _set_properties(prs, content, topic)
    prs.save(str(path))


def plan(content: Content, topic: Topic, box: Box) -> list[Slide]:
    """The slides of the talk, in order, with long lists spread over numbered slides."""
    sources = content.sources_of(topic)
    slides = [
        Slide("title", topic.title, tuple(filter(None, [topic.subtitle, "A community health talk"])),
              notes=f"Welcome everyone. Today's talk: {topic.title}.\n\n{topic.summary}"),
        *_fitted("What we will cover", _overview(topic), box, notes=topic.summary),
        Slide("section", causes_heading(topic), (f"{len(topic.causes)} possible causes",),
              notes="We will go through the possible causes one by one."),
    ]
    for cause in topic.causes:
        slides += _fitted(cause.name, _key_points(cause), box, notes=_cause_notes(cause))
    slides += _fitted(WARNING_HEADING, topic.warning_signs, box, notes=_warning_notes(topic))
    slides += _fitted(ADVICE_HEADING, topic.advice, box, notes=_advice_notes(topic))
    slides.append(Slide("section", "Questions?", ("Ask about anything from today's talk",),
                        notes=_question_notes(topic)))
    slides += _fitted("Sources", (*(citation(s) for s in sources), disclaimer("talk")), box,
                      notes="Where this information comes from:\n" + "\n".join(f"- {citation(s)}" for s in sources))
    return slides


def _overview(topic: Topic) -> tuple[str, ...]:
    return (causes_heading(topic), WARNING_HEADING, ADVICE_HEADING, "Your questions")


def _key_points(cause: Cause) -> tuple[str, ...]:
    if cause.key_points:
        return cause.key_points
    return tuple(sentence.strip() + "." for sentence in cause.explanation.rstrip(".").split(". ") if sentence.strip())


def _cause_notes(cause: Cause) -> str:
    notes = [cause.explanation]
    if cause.self_care:
        notes.append(f"What the person can do: {cause.self_care}")
    if cause.medical_care:
        notes.append(f"What a doctor may do: {cause.medical_care}")
    return "\n\n".join(notes)


def _warning_notes(topic: Topic) -> str:
    signs = "\n".join(f"- {sign}" for sign in topic.warning_signs)
    return f"Anyone with one of these signs should see a doctor, so that the cause can be found and treated:\n{signs}"


def _advice_notes(topic: Topic) -> str:
    return "Things people can do themselves:\n" + "\n".join(f"- {item}" for item in topic.advice)


def _question_notes(topic: Topic) -> str:
    return (
        "Invite questions from the audience. If nobody starts, ask: "
        f"\"Which of the causes we talked about could apply to you or someone you know?\"\n\n"
        f"Remind people that they can take a leaflet on {topic.title.lower()} home with them."
    )


def _fitted(title: str, items, box: Box, notes: str = "") -> list[Slide]:
    """One slide for the items, or several titled "Title (1 of N)" when they do not fit."""
    heights = [item_height(item, box) for item in items]
    groups = _balanced(list(items), heights, box) or _greedy(list(items), heights, box)
    if len(groups) == 1:
        return [Slide("content", title, tuple(groups[0]), notes)]
    return [Slide("content", f"{title} ({n} of {len(groups)})", tuple(group), notes)
            for n, group in enumerate(groups, start=1)]


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
    size = THEME.slides.body
    lines = line_count(item, THEME.fonts.deck_metrics, size, box.width)
    return lines * size * 1.25 + size * 0.3


def find_layouts(prs) -> dict:
    """The template's layouts for each role, found by their placeholders, not their position."""
    layouts = list(prs.slide_layouts)

    def kinds(layout):
        return {ph.placeholder_format.type for ph in layout.placeholders}

    def named(word):
        return [layout for layout in layouts if word in layout.name.lower()]

    title = [l for l in layouts if PP_PLACEHOLDER.CENTER_TITLE in kinds(l) and PP_PLACEHOLDER.SUBTITLE in kinds(l)]
    content = [l for l in layouts if PP_PLACEHOLDER.TITLE in kinds(l) and len(_bodies(l)) == 1
               and _bodies(l)[0].placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    section = [l for l in named("section") if PP_PLACEHOLDER.TITLE in kinds(l) and _bodies(l)]
    found = {"title": title, "content": content, "section": section}
    missing = [role for role, candidates in found.items() if not candidates]
    if missing:
        raise TemplateError(f"the template has no {', '.join(missing)} layout")
    return {role: candidates[0] for role, candidates in found.items()}


_TEXT_KINDS = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}


def _bodies(layout_or_slide) -> list:
    """The placeholders that take list text (not the title, date, footer or number)."""
    return [ph for ph in layout_or_slide.placeholders if ph.placeholder_format.type in _TEXT_KINDS]


def body_box(layout) -> Box:
    """The usable text area of the layout's body placeholder, in points."""
    body = _bodies(layout)[0]
    indent = 342900  # the bullet indent of a first-level item (marL) in the default master
    insets = 91440 * 2
    return Box(width=(body.width - insets - indent) / EMU_PER_PT, height=(body.height - 45720 * 2) / EMU_PER_PT)


def _draw(prs, layout, slide: Slide) -> None:
    page = prs.slides.add_slide(layout)
    page.shapes.title.text = slide.title
    body = next(iter(_bodies(page)), None)
    if body is not None:
        if slide.items:
            frame = body.text_frame
            frame.text = slide.items[0]
            for item in slide.items[1:]:
                frame.add_paragraph().text = item
        else:
            body._element.getparent().remove(body._element)
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes


def _set_properties(prs, content: Content, topic: Topic) -> None:
    sources = content.sources_of(topic)
    dated = dt.datetime.combine(max(source.date for source in sources), dt.time())
    props = prs.core_properties
    props.title, props.subject = _fit_property(topic.title), _fit_property(topic.summary)
    props.author = props.last_modified_by = _fit_property(authors(sources))
    props.keywords = _fit_property(topic.id)
    props.created = props.modified = dated
    props.revision = 1
    props.language = content.language


def _fit_property(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters; cut at a word and mark the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
