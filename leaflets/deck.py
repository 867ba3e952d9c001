"""The talk-deck writer: one topic of the content model to a 16:9 PowerPoint deck.

Two steps, as in Pandoc's PowerPoint writer: `plan` turns the topic into a list of
slides (what to show, measured with the template's own type sizes so that every list
and title fits its box), and `write` draws them onto the template's layouts (how to
show it). All text goes into the layouts' placeholders, so an organisation's template
restyles the whole deck.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.opc.serialized import PackageWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from leaflets import files, icons, images, notes, package, pptx_lookup
from leaflets.content import Cause, Content, Topic
from leaflets.files import FileProblem
from leaflets.measure import metrics_for, wrap
from leaflets.problems import OutputError, TemplateError
from leaflets.template import (bodies, find_layouts, slide_number_placeholder, text_style, theme_root,
                               title_placeholder)
from leaflets.theme import THEME, asset
from leaflets.wording import ADVICE_HEADING, WARNING_HEADING, causes_heading, citation, disclaimer, document_author

__all__ = ["write", "plan", "Box", "Slide", "TemplateError", "DEFAULT_TEMPLATE"]

pptx_lookup.install()

DEFAULT_TEMPLATE = asset("deck-template.pptx")
TEMPLATE_EXAMPLE = "assets/our-template.pptx"
OVERVIEW_TITLE, SIGNS_TITLE, ADVICE_TITLE, SOURCES_TITLE = (
    "What we will cover", "Signs to see a doctor about", "Things you can do", "Sources")
FIXED_TITLES = (OVERVIEW_TITLE, SIGNS_TITLE, ADVICE_TITLE, SOURCES_TITLE)  # content slide titles not from content.yaml
MAX_ITEMS = 6
MAX_TITLE_LINES = 2
ICON_WORDS = {"causes": "magnifying glass", "warning": "warning triangle", "advice": "tick",
              "questions": "question mark", "sources": "open book"}


@dataclass(frozen=True)
class Slide:
    """One slide to draw: its layout role, title, list items, speaker notes and section icon."""

    role: str  # "title", "section" or "content"
    title: str
    items: tuple[str, ...] = ()
    notes: str = ""
    icon: str | None = None
    weight: float = 1.0  # its share of the talk's time
    logo: Path | None = None
    logo_text: str = ""


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


@dataclass(frozen=True)
class _Template:
    """A template read, checked and measured once per process: its bytes (without the template's own slides),
    its layouts' positions by role, its frames."""

    data: bytes
    roles: dict
    frames: Frames

    def open(self):
        prs = Presentation(io.BytesIO(self.data))
        return prs, {role: prs.slide_layouts[index] for role, index in self.roles.items()}


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's talk deck to `path`, on content.yaml's template or the default one."""
    prepared = prepare(content.deck.template or DEFAULT_TEMPLATE)
    prs, layouts = prepared.open()
    frames = prepared.frames
    slides = notes.with_timings(plan(content, topic, frames), content.deck.minutes)
    for number, slide in enumerate(slides, start=1):
        _draw(prs, layouts[slide.role], slide, frames, number)
    for page in prs.slides:
        _make_accessible(page, content.language)
    _set_properties(prs, content, topic)
    _write_reproducibly(prs, path, _dated(content, topic))


def _write_reproducibly(prs, path: Path, day: dt.datetime) -> None:
    """Save the deck as python-pptx's `save` does (same entries, same order, same bytes inside) but
    with every entry dated `day`: python-pptx stamps entries with the clock, so two builds a second
    apart would otherwise differ. Writing the entries once, rather than saving and re-zipping the
    saved deck, spares compressing every part twice and decompressing it once."""
    package = prs.part.package
    writer = PackageWriter(path, package._rels, tuple(package.iter_parts()))
    with _DatedZip(path, day) as target:
        writer._write_content_types_stream(target)
        writer._write_pkg_rels(target)
        writer._write_parts(target)


class _DatedZip:
    """The zip writer python-pptx's PackageWriter writes parts to, with a fixed date on every entry."""

    def __init__(self, path: Path, day: dt.datetime):
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)

    def __enter__(self) -> _DatedZip:
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
        self.zip.writestr(info, blob)


def resolve_template(value: str, folder: Path) -> Path:
    """The template path written in content.yaml, checked to be an ordinary .pptx file."""
    return files.resolve(value, folder, (".pptx",), "a PowerPoint file", TEMPLATE_EXAMPLE)


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
        if len(_PREPARED) >= 8:
            _PREPARED.clear()
        _PREPARED[digest] = _prepare(data, Path(shown).name)
    return _PREPARED[digest]


_PREPARED: dict[bytes, _Template] = {}


def _prepare(data: bytes, name: str) -> _Template:
    package.check(data, name)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - any reading failure means the same to the editor
        raise TemplateError(f"the template {name} cannot be opened as a PowerPoint template "
                            f"({_reason(error)}); {package.SAVE_AGAIN}") from None
    try:
        package.check_links(prs, name)
        if package.without_slides(prs):
            buffer = io.BytesIO()
            prs.save(buffer)
            data = buffer.getvalue()
        layouts = find_layouts(prs, f"the template {name}")
        _check_styles(layouts, name)
        frames = dataclasses.replace(measure_frames(layouts), template=f"the template {name}")
        _check_frames(frames)
        prepared = _Template(data, {role: prs.slide_layouts.index(layout) for role, layout in layouts.items()},
                             frames)
        _try_drawing(prepared)
    except TemplateError:
        raise
    except Exception as error:  # noqa: BLE001 - python-pptx failing on any part of it means the same
        raise TemplateError(f"the template {name} cannot be used ({_reason(error)}); {package.SAVE_AGAIN}") from None
    return prepared


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


def _check_styles(layouts: dict, name: str) -> None:
    """Every placeholder the deck writes into has readable sizes, indents and fonts, in every layout it uses."""
    try:
        for layout in layouts.values():
            theme_root(layout.slide_master)
            for placeholder in (title_placeholder(layout), *bodies(layout)):
                text_style(layout, placeholder)
    except TemplateError as error:
        raise TemplateError(f"the template {name} cannot be used: {error}; correct it in PowerPoint's "
                            "Slide Master view, or use another template") from None


def _check_frames(frames: Frames) -> None:
    """The fixed slide titles fit the title box, and one list item fits the list box, at the template's sizes."""
    for title in FIXED_TITLES:
        if frames.title.lines(title) > MAX_TITLE_LINES:
            raise TemplateError(_title_too_big(title, frames))
    body, minimum = frames.body, THEME.slides.min_body
    fits = min(body.height / 1.55, body.width / 6)  # one line of a bullet; about ten characters across
    if body.size > fits:
        remedy = (f"set the list text to {int(fits)} pt or less in the Slide Master" if fits >= minimum else
                  f"make the text box of the title-and-content layout larger (it is {body.width:.0f} × "
                  f"{body.height:.0f} pt inside its margins)")
        raise TemplateError(f"{frames.template} sets list text at {body.size:g} pt, too large for its text box "
                            f"to hold a list; {remedy}")


def _title_too_big(title: str, frames: Frames) -> str:
    box = frames.title
    low, high = THEME.slides.min_title, int(box.size)
    if dataclasses.replace(box, size=low).lines(title) > MAX_TITLE_LINES:
        return (f"{frames.template}'s title box is too narrow for the slide title '{title}' on {MAX_TITLE_LINES} "
                f"lines even at {low:g} pt; make the title box of the title-and-content layout wider")
    while low < high:  # the largest size at which the title fits
        middle = (low + high + 1) // 2
        low, high = (middle, high) if dataclasses.replace(box, size=middle).lines(title) <= MAX_TITLE_LINES \
            else (low, middle - 1)
    return (f"{frames.template} sets slide titles at {box.size:g} pt, too large for the slide title '{title}' to fit "
            f"on {MAX_TITLE_LINES} lines; set the title size to {low:g} pt or less in the Slide Master")


def _try_drawing(prepared: _Template) -> None:
    """One slide of each role drawn on the template and saved, as `write` will: python-pptx reads much of a
    template only when a slide is made from it, so a fault that would otherwise stop the build is found now."""
    prs, layouts = prepared.open()
    trial = [Slide("title", "Title", ("Subtitle",), notes="Notes"),
             Slide("section", "Section", ("Part 1 of 4",), icon="causes"),
             Slide("content", "Content", ("Item",), notes="Notes", icon="advice")]
    for number, slide in enumerate(trial, start=1):
        _draw(prs, layouts[slide.role], slide, prepared.frames, number)
    if not ((prs.slide_width or 0) > 0 and (prs.slide_height or 0) > 0):
        raise ValueError("its slide size is not given")
    prs.save(io.BytesIO())


def measure_frames(layouts: dict) -> Frames:
    """The content layout's body and title boxes, at the template's sizes (raised to the minimums)."""
    layout = layouts["content"]
    minimum = THEME.slides
    body_style = text_style(layout, bodies(layout)[0])
    title_style = text_style(layout, title_placeholder(layout))
    body_font, body_spread = metrics_for(body_style.font)
    title_font, title_spread = metrics_for(title_style.font, bold=True)
    icon_room = _icon_size(title_placeholder(layout)) / 12700 + 12
    return Frames(
        body=Box(body_style.width, body_style.height, max(body_style.size, minimum.min_body), body_font, body_spread,
                 explicit=body_style.size < minimum.min_body),
        title=Box(title_style.width - icon_room, title_style.height, max(title_style.size, minimum.min_title),
                  title_font, title_spread, explicit=title_style.size < minimum.min_title),
    )


def plan(content: Content, topic: Topic, frames: Frames) -> list[Slide]:
    """The slides of the talk, in order, with long lists spread over numbered slides."""
    sources = content.sources_of(topic)
    body = frames.body
    parts = [causes_heading(topic), WARNING_HEADING, ADVICE_HEADING, "Your questions"]
    logo = {"logo": content.publisher.logo, "logo_text": f"Logo of {content.publisher.name}"} \
        if content.publisher and content.publisher.logo else {}
    slides = [
        Slide("title", topic.title, tuple(filter(None, [topic.subtitle, _presenter_line(content)])),
              notes=notes.opening(topic), weight=1, **logo),
        *_fitted(OVERVIEW_TITLE, tuple(parts), body, notes=notes.overview(topic), weight=1),
        Slide("section", parts[0], (f"Part 1 of 4 \u00b7 {len(topic.causes)} possible causes",),
              notes=notes.causes_intro(topic, content.words_to_know(topic)), icon="causes", weight=0.5),
    ]
    for cause in topic.causes:
        slides += _fitted(cause.name, _key_points(cause), body, notes=notes.cause(cause), icon="causes", weight=3)
    slides += [Slide("section", WARNING_HEADING, ("Part 2 of 4",), notes=notes.warning_intro(), icon="warning",
                     weight=0.5)]
    slides += _fitted(SIGNS_TITLE, topic.warning_signs, body, notes=notes.warning_signs(topic),
                      icon="warning", weight=4)
    slides += [Slide("section", ADVICE_HEADING, ("Part 3 of 4",), notes=notes.advice_intro(), icon="advice",
                     weight=0.5)]
    slides += _fitted(ADVICE_TITLE, topic.advice, body, notes=notes.advice(topic), icon="advice", weight=4)
    slides.append(Slide("section", "Questions?", ("Part 4 of 4 \u00b7 Ask about anything from today's talk",),
                        notes=notes.questions(topic), icon="questions", weight=4))
    slides += _fitted(SOURCES_TITLE, (*(citation(s) for s in sources), disclaimer("talk")), body,
                      notes=notes.sources(sources), icon="sources", weight=0.5)
    slides.append(Slide("title", "Thank you", _closing_lines(content, topic), notes=notes.closing(content, topic),
                        weight=0.5, **logo))
    return [_check_title(slide, frames) for slide in _unique_titles(slides)]


def _unique_titles(slides: list[Slide]) -> list[Slide]:
    """A screen reader lists slides by title, so a title used again (a cause named like a part of the
    talk) is numbered: "Cold", then "Cold (2)"."""
    seen: dict[str, int] = {}
    unique = []
    for slide in slides:
        seen[slide.title] = seen.get(slide.title, 0) + 1
        if seen[slide.title] > 1:
            slide = dataclasses.replace(slide, title=f"{slide.title} ({seen[slide.title]})")
        unique.append(slide)
    return unique


def _presenter_line(content: Content) -> str:
    return content.publisher.name if content.publisher else "A community health talk"


def _closing_lines(content: Content, topic: Topic) -> tuple[str, ...]:
    publisher = content.publisher
    leaflet = (publisher.leaflet_from if publisher and publisher.leaflet_from
               else f"Take home the leaflet \u201c{topic.title}\u201d")
    if not publisher:
        return (leaflet,)
    return tuple(filter(None, [publisher.name, publisher.contact, leaflet]))


def _key_points(cause: Cause) -> tuple[str, ...]:
    if cause.key_points:
        return cause.key_points
    return tuple(sentence.strip() + "." for sentence in cause.explanation.rstrip(".").split(". ") if sentence.strip())


def _fitted(title: str, items, box: Box, **fields) -> list[Slide]:
    """One slide for the items, or several titled "Title (1 of N)" when they do not fit."""
    heights = [item_height(item, box) for item in items]
    groups = _balanced(list(items), heights, box) or _greedy(list(items), heights, box)
    if len(groups) == 1:
        return [Slide("content", title, tuple(groups[0]), **fields)]
    weight = fields.pop("weight", 1.0) / len(groups)
    return [Slide("content", f"{title} ({n} of {len(groups)})", tuple(group), weight=weight, **fields)
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
    return box.lines(item) * box.size * 1.25 + box.size * 0.3


def _check_title(slide: Slide, frames: Frames) -> Slide:
    """A title that would need more than two lines is refused: it cannot be shrunk below 32 pt. A cause's
    name is the content's to shorten; a title the deck always has is the template's to make room for."""
    if slide.role == "content" and frames.title.lines(slide.title) > MAX_TITLE_LINES:
        if any(re.fullmatch(rf"{re.escape(title)}( \(\d+ of \d+\))?", slide.title) for title in FIXED_TITLES):
            raise TemplateError(_title_too_big(slide.title, frames))
        raise OutputError(f"the slide title '{slide.title}' needs more than {MAX_TITLE_LINES} lines at "
                          f"{frames.title.size:g} pt; shorten it (it comes from a cause's name)")
    return slide


def _draw(prs, layout, slide: Slide, frames: Frames, number: int) -> None:
    page = prs.slides.add_slide(layout)
    page.shapes.title.text = slide.title
    _raise_to_minimum(page.shapes.title.text_frame, frames.title)
    body = next(iter(bodies(page)), None)
    if body is not None:
        if slide.items:
            frame = body.text_frame
            frame.text = slide.items[0]
            for item in slide.items[1:]:
                frame.add_paragraph().text = item
            if slide.role == "content":
                _raise_to_minimum(frame, frames.body)
        else:
            body._element.getparent().remove(body._element)
    if slide.icon:
        _add_icon(page, slide)
    if slide.role == "title" and slide.logo:
        _add_logo(page, slide.logo, slide.logo_text, prs.slide_width)
    if slide.role != "title":
        _add_slide_number(page, layout, number)
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes


def _raise_to_minimum(frame, box: Box) -> None:
    """Sizes stay with the template, unless it sets this text below the minimum: then the minimum is set."""
    if not box.explicit:
        return
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(box.size)


def _icon_size(title) -> int:
    return int(min(title.height * 0.8, Emu(914400 * 0.85)))


def _add_icon(page, slide: Slide) -> None:
    """The part's icon at the right end of the title, with alt text; the title is narrowed to make room."""
    title = page.shapes.title
    # Read the position the layout gives, then set all four: setting one alone moves the title to the corner.
    x, y, width, height = title.left, title.top, title.width, title.height
    size = _icon_size(title)
    left = x + width - size
    top = y + (height - size) // 2
    png = icons.png(slide.icon, icons.COLOURS[slide.icon])
    picture = page.shapes.add_picture(io.BytesIO(png), left, top, size, size)
    picture.name = f"Icon: a {ICON_WORDS[slide.icon]}"  # the title says what it means: decorative
    title.left, title.top, title.width, title.height = x, y, width - size - Emu(152400), height


def _add_logo(page, logo: Path, description: str, slide_width: int) -> None:
    """The publisher's logo top right, on a white card so that it shows on any background."""
    height = Emu(800000)
    picture = page.shapes.add_picture(io.BytesIO(icons.image_png(images.read_for_output(logo))), 0, 0, height=height)
    pad = Emu(120000)
    picture.left, picture.top = slide_width - picture.width - Emu(457200) - pad, Emu(380000) + pad
    card = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, picture.left - pad, picture.top - pad,
                                 picture.width + 2 * pad, height + 2 * pad)
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor.from_string(THEME.colours.paper.lstrip("#"))
    card.line.fill.background()
    card.name = "Logo card"
    # The card goes behind the picture, and both after the placeholders in reading order.
    page.shapes._spTree.remove(card._element)
    picture._element.addprevious(card._element)
    picture.name = "Logo"
    picture._element.nvPicPr.cNvPr.set("descr", description)


def _add_slide_number(page, layout, number: int) -> None:
    """A slide-number placeholder holding PowerPoint's slide-number field, where the layout has one."""
    placeholder = slide_number_placeholder(layout)
    if placeholder is None:
        return
    page.shapes.clone_placeholder(placeholder)
    shape = page.placeholders[placeholder.placeholder_format.idx]
    paragraph = shape.text_frame.paragraphs[0]._p
    paragraph.append(parse_xml(
        f'<a:fld {nsdecls("a")} id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:t>{number}</a:t></a:fld>'))


def _dated(content: Content, topic: Topic) -> dt.datetime:
    """The deck's date: the topic's last review, else its newest source; never the clock."""
    day = topic.reviewed or max(source.date for source in content.sources_of(topic))
    return dt.datetime.combine(day, dt.time())


def _set_properties(prs, content: Content, topic: Topic) -> None:
    dated = _dated(content, topic)
    props = prs.core_properties
    props.title, props.subject = _fit_property(topic.title), _fit_property(topic.summary)
    props.author = props.last_modified_by = _fit_property(document_author(content))
    props.keywords = _fit_property(topic.id)
    props.created = props.modified = dated
    props.revision = 1
    props.language = content.language


def _fit_property(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters; cut at a word and mark the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


# ----------------------------------------------------------------------------------------------
# What a screen reader needs from each slide.

_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def _make_accessible(page, language: str) -> None:
    """Reading order title, body, then the rest; every picture or drawn shape without alt text marked
    decorative; every run of text, on the slide and in its notes, in the content's language."""
    _order_for_reading(page)
    for shape in page.shapes:
        if shape.is_placeholder:
            continue
        properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
        if re.fullmatch(r"image\.\w+", properties.get("descr", "")):
            del properties.attrib["descr"]  # python-pptx's stand-in ("image.png"), not a description
        if not properties.get("descr"):
            _mark_decorative(shape)
    _set_language(page.shapes._spTree, language)
    if page.has_notes_slide:
        _set_language(page.notes_slide.shapes._spTree, language)


def _order_for_reading(page) -> None:
    """Screen readers read shapes in document order: the title first, then the body placeholders;
    pictures keep their order after them (and with it their stacking: a logo stays on its card)."""
    title = page.shapes.title
    body = [shape for shape in bodies(page)]
    first = [shape._element for shape in ([title] if title is not None else []) + body]
    tree = page.shapes._spTree
    anchor = tree.xpath("./p:grpSpPr")[0]
    for element in reversed(first):
        anchor.addnext(element)


def _mark_decorative(shape) -> None:
    """The Office 2019 "Mark as decorative" flag: readers skip the shape instead of announcing it unnamed."""
    properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
    if properties.xpath(f"./a:extLst/a:ext[@uri='{_DECORATIVE_EXT}']"):
        return
    extensions = properties.xpath("./a:extLst")
    holder = extensions[0] if extensions else properties.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst", {})
    if not extensions:
        properties.append(holder)
    holder.append(parse_xml(
        f'<a:ext {nsdecls("a")} uri="{_DECORATIVE_EXT}"><adec:decorative '
        'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>'))


def _set_language(tree, language: str) -> None:
    """The language of every run, field and paragraph end, so a screen reader picks the right voice."""
    for run_properties in tree.xpath(".//a:r/a:rPr | .//a:fld/a:rPr | .//a:endParaRPr"):
        run_properties.set("lang", language)
    for run in tree.xpath(".//a:r[not(a:rPr)] | .//a:fld[not(a:rPr)]"):
        run.insert(0, run.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr",
                                      {"lang": language}))
