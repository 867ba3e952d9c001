"""The talk-deck writer: one topic of the content model to a 16:9 PowerPoint deck.

Two steps, as in Pandoc's PowerPoint writer: `plan` (leaflets.deck.plan) turns the topic
into a list of slides, and `write` here draws them onto the template's layouts. All text
goes into the layouts' placeholders, so an organisation's template restyles the whole deck.
A template is read, checked and measured once (`prepare`), the same way for the content
check and for drawing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.util import Emu, Pt

from leaflets import files, languages
from leaflets.pictures import images, pngs
from leaflets.deck import package, pptx_lookup, text
from leaflets.content import Content, Topic
from leaflets.files import FileProblem
from leaflets.deck.accessible import make_accessible
from leaflets.deck.base import Base
from leaflets.deck.measure import metrics_for
from leaflets.deck.pages import Blanks, Deck, Page, make_blanks, place
from leaflets.deck.plan import (FIXED_TITLES, LIST_SHARE, MAX_TITLE_LINES, Box, Frames, Slide, fitting_title_size,
                                 timed_plan, title_size_too_big, title_too_big)
from leaflets.problems import TemplateError
from leaflets.deck.template import (bodies, check_placeholder_counts, find_layouts, text_style, theme_root,
                                    title_placeholder)
from leaflets.theme import THEME, asset

pptx_lookup.install()

DEFAULT_TEMPLATE = asset("deck-template.pptx")
BUILT_IN_TEMPLATE_SHA256 = "bc4f4f7420fbf8de344cc12fe9cfa89d1fe4092f85fb721acf9cf3fb6554c5cb"
"""The built-in template as shipped, which a test holds to every template check so that decks on it skip them.
Any other bytes at its path (assets/ is beside content.yaml in a checkout, where it may be edited) are checked."""
TEMPLATE_EXAMPLE = files.TEMPLATE_EXAMPLE
LARGEST_TITLE = 72  # pt: a template's titles above this are a mistake to report, not a size to shrink from
ICON_WORDS = {"causes": "magnifying glass", "warning": "warning triangle", "advice": "tick",
              "questions": "question mark", "sources": "open book"}


@dataclass(frozen=True)
class _Template:
    """A template read, checked and measured once per process: its bytes (without the template's own slides),
    its frames, and its new slides and notes page as python-pptx makes them."""

    data: bytes
    frames: Frames
    blanks: Blanks
    bases: dict = dataclasses.field(default_factory=dict, compare=False)  # East Asian typeface (or None) → Base

    def open(self, east_asian: str | None = None) -> Deck:
        """A deck to draw on the template; with `east_asian`, its theme sets East Asian text in that font."""
        base = self.bases.get(east_asian)
        if base is None:
            base = self.bases[east_asian] = Base(self.data, east_asian)
        return Deck(*base.new_presentation(), self.blanks)


def slides(content: Content, topic: Topic) -> list[Slide]:
    """The slides `write` draws, timed: what the speaker script prints."""
    return timed_plan(content, topic, prepare(content.deck.template or DEFAULT_TEMPLATE).frames)


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's talk deck to `path`, on content.yaml's template or the default one."""
    prepared = prepare(content.deck.template or DEFAULT_TEMPLATE)
    deck = prepared.open(THEME.fonts.deck_east_asian if languages.is_cjk(topic.language) else None)
    prs = deck.prs
    for number, slide in enumerate(timed_plan(content, topic, prepared.frames), start=1):
        page = _draw(deck, slide, prepared.frames, number)
        make_accessible(page.tree, page.notes, topic.language)
    package.set_properties(prs, content, topic)
    package.write_reproducibly(prs, path, package.dated(content, topic))


def prepare(template: Path, shown: str | None = None) -> _Template:
    """The template read, checked and measured exactly as `write` uses it; TemplateError saying what is wrong.
    The content check calls this too, so a template that passed it cannot fail while decks are drawn.
    Each distinct template (by its bytes) is prepared once per process."""
    shown = shown or str(template)
    try:
        data = files.read_bytes(template, shown, "a PowerPoint file", TEMPLATE_EXAMPLE)
    except FileProblem as problem:
        raise TemplateError(str(problem)) from None
    digest = hashlib.sha256(data).digest()
    if digest not in _PREPARED:
        while len(_PREPARED) >= PREPARED_AT_MOST:
            del _PREPARED[next(iter(_PREPARED))]  # the one prepared longest ago
        _PREPARED[digest] = _prepare(data, Path(shown).name, ours=digest.hex() == BUILT_IN_TEMPLATE_SHA256)
    return _PREPARED[digest]


PREPARED_AT_MOST = 2
"""Templates kept prepared in a process: a build uses one (and the default, prepared before the workers
start); --watch may see a template change. A template may hold tens of MB, so no more are kept."""
_PREPARED: dict[bytes, _Template] = {}


def _prepare(data: bytes, name: str, ours: bool = False) -> _Template:
    """A user's template checked, measured and tried; the built-in one (`ours`, tested with the package)
    only measured and tried."""
    data = package.check(data, name)
    frames = None
    if not ours:
        data, frames = _checked(data, name)
    try:
        scratch = Presentation(io.BytesIO(data))
        if not ours:
            package.check_embedded(scratch, name)
        scratch_layouts = find_layouts(scratch, f"the template {name}")
        frames = frames or _frames(scratch_layouts, name)
        try:
            blanks = make_blanks(scratch, scratch_layouts)
        except TemplateError as error:
            raise TemplateError(f"the template {name} cannot be used: {error}; correct it in PowerPoint's Slide "
                                "Master view (Reset the layout), or use another template") from None
        prepared = _Template(data, frames, blanks)
        _try_drawing(prepared)
    except TemplateError:
        raise
    except Exception as error:  # noqa: BLE001 - python-pptx failing on any part of it means the same
        raise TemplateError(f"the template {name} cannot be used ({_reason(error)}); {package.SAVE_AGAIN}") from None
    return prepared


def _checked(data: bytes, name: str) -> tuple[bytes, Frames]:
    """A user's template opened and checked as decks will use it: its bytes (without its own slides) and its
    measured frames; TemplateError saying what is wrong."""
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - any reading failure means the same to the editor
        saved_as = _saved_as(error)
        if saved_as:
            raise TemplateError(f"the template {name} is {saved_as} with a .pptx name; open it in PowerPoint and "
                                "save it as a PowerPoint Presentation (.pptx), or use another template") from None
        raise TemplateError(f"the template {name} cannot be opened as a PowerPoint template "
                            f"({_reason(error)}); {package.SAVE_AGAIN}") from None
    try:
        package.check_links(prs, name)
        package.check_macros(prs, name)
        package.check_properties(prs, name)
        check_placeholder_counts(prs, name)
        if package.without_slides(prs):
            buffer = io.BytesIO()
            prs.save(buffer)
            data = package.stored(buffer.getvalue())
        layouts = find_layouts(prs, f"the template {name}")
        _check_styles(prs, layouts, name)
        frames = _frames(layouts, name)
        _check_frames(frames)
    except TemplateError:
        raise
    except Exception as error:  # noqa: BLE001 - python-pptx failing on any part of it means the same
        raise TemplateError(f"the template {name} cannot be used ({_reason(error)}); {package.SAVE_AGAIN}") from None
    return data, frames


def _frames(layouts: dict, name: str) -> Frames:
    return dataclasses.replace(measure_frames(layouts), template=f"the template {name}")


# PowerPoint's other kinds of file, which python-pptx refuses by their main part's content type (it opens a
# .pptm, whose macros package.check_macros refuses).
_OTHER_KINDS = {"template.macroenabled": "a macro-enabled PowerPoint template (.potm)",
                "slideshow.macroenabled": "a macro-enabled PowerPoint show (.ppsm)",
                "template": "a PowerPoint template (.potx)",
                "slideshow": "a PowerPoint show (.ppsx)"}


def _saved_as(error: Exception) -> str | None:
    """Which other kind of PowerPoint file python-pptx refused, if it was one."""
    found = re.search(r"content type is '[^']*(?:presentationml|powerpoint)\.([a-z.]+)\.main\+xml'", str(error).lower())
    return _OTHER_KINDS.get(found.group(1)) if found else None


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    text = re.sub(r"file '<_io\.BytesIO object at 0x[0-9a-f]+>'", "it", text)
    return textwrap.shorten(text, 160, placeholder=" \u2026") or type(error).__name__


def _check_styles(prs, layouts: dict, name: str) -> None:
    """Every placeholder the deck writes into has readable sizes, indents and fonts, in every layout it uses;
    every slide master has a readable theme (a deck in Chinese sets the East Asian font in each)."""
    try:
        for master in prs.slide_masters:
            theme_root(master)
        for layout in layouts.values():
            for placeholder in (title_placeholder(layout), *bodies(layout)):
                text_style(layout, placeholder)
    except TemplateError as error:
        raise TemplateError(f"the template {name} cannot be used: {error}; correct it in PowerPoint's "
                            "Slide Master view, or use another template") from None


def _check_frames(frames: Frames) -> None:
    """The fixed slide titles fit the title box, and one list item fits the list box, at the template's sizes."""
    for title in FIXED_TITLES:
        if fitting_title_size(title, frames.title) is None:
            raise TemplateError(title_too_big(title, frames))
        if frames.title.lines(title) > MAX_TITLE_LINES and frames.title.size > LARGEST_TITLE:
            raise TemplateError(title_size_too_big(title, frames))
    body, minimum = frames.body, THEME.slides.min_body
    fits = min(body.height / 1.55, body.width / 6)  # one line of a bullet; about ten characters across
    if body.size > fits:
        remedy = (f"set the list text to {int(fits)} pt or less in the Slide Master" if fits >= minimum else
                  f"make the text box of the title-and-content layout larger (it is {body.width:.0f} × "
                  f"{body.height:.0f} pt inside its margins)")
        raise TemplateError(f"{frames.template} sets list text at {body.size:g} pt, too large for its text box "
                            f"to hold a list; {remedy}")


def _try_drawing(prepared: _Template) -> None:
    """One slide of each role drawn on the template and saved, as `write` will: python-pptx reads much of a
    template only when a slide is made from it, so a fault that would otherwise stop the build is found now."""
    deck = prepared.open()
    trial = [Slide("title", "Title", ("Subtitle",), notes="Notes"),
             Slide("section", "Section", ("Part 1 of 4",), icon="causes"),
             Slide("content", "Content", ("Item",), notes="Notes", icon="advice")]
    for number, slide in enumerate(trial, start=1):
        _draw(deck, slide, prepared.frames, number)
    prs = deck.prs
    if not ((prs.slide_width or 0) > 0 and (prs.slide_height or 0) > 0):
        raise ValueError("its slide size is not given")
    package.write_reproducibly(prs, io.BytesIO(), dt.datetime(2000, 1, 1), keep=True)  # the template's parts


def measure_frames(layouts: dict) -> Frames:
    """The content layout's body and title boxes, at the template's sizes (raised to the minimums)."""
    layout = layouts["content"]
    minimum = THEME.slides
    body_style = text_style(layout, bodies(layout)[0])
    title_style = text_style(layout, title_placeholder(layout))
    body_font, body_spread = metrics_for(body_style.font)
    title_font, title_spread = metrics_for(title_style.font, bold=True)
    icon_room = _icon_size(title_placeholder(layout).height) / 12700 + 12
    return Frames(
        body=Box(body_style.width, body_style.height, max(body_style.size, minimum.min_body), body_font, body_spread,
                 explicit=body_style.size < minimum.min_body),
        title=Box(title_style.width - icon_room, title_style.height, max(title_style.size, minimum.min_title),
                  title_font, title_spread, explicit=title_style.size < minimum.min_title),
    )


def _draw(deck: Deck, slide: Slide, frames: Frames, number: int) -> Page:
    page = deck.add_slide(slide.role)
    title = page.title.get_or_add_txBody()
    text.set_text(title, slide.title)
    if slide.title_size:
        text.set_size(title, slide.title_size)
    else:
        _raise_to_minimum(title, frames.title)
    body = page.body
    if body is not None:
        if slide.items:
            frame = body.get_or_add_txBody()
            text.set_text(frame, slide.items[0])
            for item in slide.items[1:]:
                text.add_paragraph(frame, item)
            if slide.role == "content" and slide.body_size > frames.body.size:
                text.set_size(frame, slide.body_size)
            elif slide.role == "content":
                _raise_to_minimum(frame, frames.body)
        else:
            body.getparent().remove(body)
    if slide.image and body is not None and slide.items:
        _add_picture(deck, page, slide.image, slide.image_alt)
    if slide.icon:
        _add_icon(deck, page, slide)
    if slide.role == "content" and slide.icon == "warning" and body is not None and slide.items:
        _add_warning_border(page)
    if slide.role == "title" and slide.logo:
        _add_logo(deck, page, slide.logo, slide.logo_text, deck.prs.slide_width)
    if slide.role != "title":
        _add_slide_number(page, number)
    if slide.notes:
        text.set_text(deck.add_notes(page).get_or_add_txBody(), slide.notes)
    return page


def _raise_to_minimum(frame, box: Box) -> None:
    """Sizes stay with the template, unless it sets this text below the minimum: then the minimum is set."""
    if box.explicit:
        text.set_size(frame, box.size)


def _icon_size(height: int) -> int:
    return int(min(height * 0.8, Emu(914400 * 0.85)))


def _add_icon(deck: Deck, page: Page, slide: Slide) -> None:
    """The part's icon at the right end of the title, with alt text; the title is narrowed to make room."""
    # The position the layout gives, then all four set: setting one alone moves the title to the corner.
    x, y, width, height = page.blank.title_box
    size = _icon_size(height)
    picture = deck.add_picture(page, pngs.png(slide.icon, pngs.COLOURS[slide.icon]), x + width - size,
                               y + (height - size) // 2, size, size)
    picture.nvPicPr.cNvPr.name = f"Icon: a {ICON_WORDS[slide.icon]}"  # the title says what it means: decorative
    place(page.title, x, y, width - size - Emu(152400), height)


def _add_picture(deck: Deck, page: Page, path: Path, alt: str) -> None:
    """The content's picture in the right part of the list's box, as large as fits, with its alt text;
    the list keeps the left part it was measured for."""
    x, y, width, height = page.body_box
    list_width = int(width * LIST_SHARE)
    place(page.body, x, y, list_width, height)
    page.body_box = (x, y, list_width, height)
    gap = Emu(182880)
    room_width, room_height = width - list_width - gap, height
    logo = images.read_for_output(path)
    scale = min(room_width / logo.width, room_height / logo.height)
    shown_width, shown_height = int(logo.width * scale), int(logo.height * scale)
    picture = deck.add_picture(page, pngs.image_png(logo), x + list_width + gap,
                               y + (room_height - shown_height) // 2, shown_width, shown_height)
    picture.nvPicPr.cNvPr.name = "Picture"
    picture.nvPicPr.cNvPr.set("descr", alt)


def _add_warning_border(page: Page) -> None:
    """A thick border in the warning colour around the signs: a slide the room cannot mistake for another,
    by its border's weight as much as its colour (it still stands out in greyscale). No fill, so it never
    covers the text whatever the stacking order."""
    pad = Emu(91440)
    x, y, width, height = page.body_box
    box = _add_shape(page, MSO_SHAPE.RECTANGLE, x - pad, y - pad, width + 2 * pad, height + 2 * pad)
    box.fill.background()
    box.line.color.rgb = RGBColor.from_string(THEME.colours.warning.lstrip("#"))
    box.line.width = Pt(6)
    box.name = "Warning border"
    style = box._element.find(qn("p:style"))
    if style is not None:  # the theme's shape style adds a shadow
        box._element.remove(style)


def _add_shape(page: Page, kind: MSO_SHAPE, x: int, y: int, width: int, height: int) -> Shape:
    """As python-pptx's shapes.add_shape."""
    shape_type = AutoShapeType(kind)
    shape_id = page.next_shape_id()
    element = page.tree.add_autoshape(shape_id, f"{shape_type.basename} {shape_id - 1}", shape_type.prst,
                                      x, y, width, height)
    return Shape(element, None)


def before_workers() -> None:
    """Render the slide icons, and read the template decks will be drawn on, in the process that starts the
    workers, which then share them: each would otherwise load pdfium and render the same five pictures, and
    read, check and measure the same template. A template the content names was read when the content was
    checked; otherwise decks are drawn on the default one."""
    for icon in ICON_WORDS:
        pngs.png(icon, pngs.COLOURS[icon])
    if not _PREPARED:
        prepare(DEFAULT_TEMPLATE)


def _add_logo(deck: Deck, page: Page, logo: Path, description: str, slide_width: int) -> None:
    """The publisher's logo top right, on a white card so that it shows on any background."""
    height = Emu(800000)
    picture = deck.add_picture(page, pngs.image_png(images.read_for_output(logo)), 0, 0, None, height)
    pad = Emu(120000)
    picture.x, picture.y = slide_width - picture.cx - Emu(457200) - pad, Emu(380000) + pad
    card = _add_shape(page, MSO_SHAPE.ROUNDED_RECTANGLE, picture.x - pad, picture.y - pad,
                      picture.cx + 2 * pad, height + 2 * pad)
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor.from_string(THEME.colours.paper.lstrip("#"))
    card.line.fill.background()
    card.name = "Logo card"
    # The card goes behind the picture, and both after the placeholders in reading order.
    page.tree.remove(card._element)
    picture.addprevious(card._element)
    picture.nvPicPr.cNvPr.name = "Logo"
    picture.nvPicPr.cNvPr.set("descr", description)


def _add_slide_number(page: Page, number: int) -> None:
    """A slide-number placeholder holding PowerPoint's slide-number field, where the layout has one."""
    page.add_slide_number(number)


# ----------------------------------------------------------------------------------------------
# What a screen reader needs from each slide.


