"""The trifold writer: one topic on both sides of an A4 landscape sheet, folded in three (a letter fold).

Outside (page 1), left to right: the flap that folds in, the back, the cover.
Inside (page 2): three panels read left to right once the leaflet is opened.
The flap is 3 mm narrower than the other panels so that it tucks in when folded.

The structure tree (see tagging.py) reads the cover first, then the parts in the order the
cover's "Inside this leaflet" names them and the A4 leaflet prints them: the causes (inside),
the warning signs (the flap, which faces the reader next to the causes once the cover is
opened), the advice (inside), and the back (sources and publisher) last, as a reader turns
the folded leaflet over at the end.

The inside is measured first and set in three balanced panels (each cause whole in one panel);
a short topic brings its warning signs inside, to the middle panel, and puts the publisher's block
on the flap, so no inside panel is blank. "Words to know" goes on an outside panel with room.

Each part flows into its panels; a part that does not fit continues into a
hidden frame beside the sheet, which measures how much is over. A topic that
does not fit is refused with `TrifoldOverflow`, never clipped or set smaller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer
from reportlab.platypus.doctemplate import (ActionFlowable, BaseDocTemplate, CurrentFrameFlowable, NextPageTemplate, PageBreak,
                                            PageTemplate)
from reportlab.platypus.flowables import Flowable, KeepTogether, _listWrapOn
from reportlab.platypus.frames import Frame

from leaflets.print import blocks, tagging
from leaflets import fonts
from leaflets.pictures import icons
from leaflets.content import Content, Topic
from leaflets.problems import OutputError
from leaflets.theme import THEME
from leaflets import wording
from leaflets.wording import document_author

SHEET = landscape(A4)
SIZES = THEME.trifold
FLAP_WIDTH = 97 * mm
PANEL_WIDTH = (SHEET[0] - FLAP_WIDTH) / 2
OVERFLOW_HEIGHT = 5000 * mm


class TrifoldOverflow(OutputError):
    """The topic needs more room than the six panels give at the minimum type size."""


@dataclass(frozen=True)
class Panel:
    """One panel of the sheet: its name, left edge and width, and which of its sides are folds."""

    name: str
    left: float
    width: float
    fold_left: bool
    fold_right: bool

    def frame(self) -> Frame:
        """The panel's text area: clear of the paper's edges and of the folds."""
        margins = THEME.margins
        inset_left = (margins.fold_clearance if self.fold_left else margins.trifold_edge) * mm
        inset_right = (margins.fold_clearance if self.fold_right else margins.trifold_edge) * mm
        edge = margins.trifold_edge * mm
        return Frame(self.left + inset_left, edge, self.width - inset_left - inset_right, SHEET[1] - 2 * edge,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=self.name)

    def overflow(self) -> Frame:
        """A frame as wide as the panel's, off the sheet, that catches and measures what does not fit."""
        text = self.frame()
        return Frame(SHEET[0] + 50 * mm, SHEET[1] - OVERFLOW_HEIGHT, text._width, OVERFLOW_HEIGHT,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{self.name}-over")


OUTSIDE = (
    Panel("flap", 0, FLAP_WIDTH, fold_left=False, fold_right=True),
    Panel("back", FLAP_WIDTH, PANEL_WIDTH, fold_left=True, fold_right=True),
    Panel("cover", FLAP_WIDTH + PANEL_WIDTH, PANEL_WIDTH, fold_left=True, fold_right=False),
)
INSIDE = (
    Panel("inside-left", 0, PANEL_WIDTH, fold_left=False, fold_right=True),
    Panel("inside-middle", PANEL_WIDTH, PANEL_WIDTH, fold_left=True, fold_right=True),
    Panel("inside-right", 2 * PANEL_WIDTH, FLAP_WIDTH, fold_left=True, fold_right=False),
)
FOLDS = {1: (FLAP_WIDTH, FLAP_WIDTH + PANEL_WIDTH), 2: (PANEL_WIDTH, 2 * PANEL_WIDTH)}


def before_workers() -> None:
    """Called before the workers are started (see build/workers.py), so that they share what a first output makes."""
    blocks.prepare(SIZES)


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's trifold to `path`, or raise TrifoldOverflow saying how much is over.

    Layouts are tried from the fullest to the briefest; the first that fits every panel is kept. Each is
    first set in balanced panels, then, if the measured balance does not fit after all, flowed on."""
    fonts.register()
    words = wording.of(content, topic)
    document = tagging.Document(words.say("folded_title", title=topic.title), document_author(content),
                                topic.language, topic.summary, words.link_to)
    for detail, balanced in LAYOUTS:
        pdf = io.BytesIO()  # trial layouts stay in memory; only the one that fits is written
        doc = _TrifoldDocument(
            pdf, pagesize=SHEET, title=document.title, subject=topic.summary,
            lang=topic.language, author=document.author, creator="leaflets",
            keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
        )
        tree, marks = tagging.Element("Document"), tagging.Marks()
        doc._doSave = 0  # reportlab's own switch: a layout that does not fit is never written out as PDF
        doc.build(story(content, topic, detail, balanced, tree), canvasmaker=tagging.marking(Canvas, marks))
        if not doc.overflow():
            doc.canv.save()
            path.write_bytes(tagging.finish(pdf.getvalue(), tree, document))
            return
    raise TrifoldOverflow(_overflow_message(topic, doc.overflow()))


# (how much of each cause, whether the inside is set in balanced panels), fullest first.
LAYOUTS = [(detail, balanced) for detail in ("full", "explained", "key-points") for balanced in (True, False)]


def story(content: Content, topic: Topic, detail: str, balanced: bool, into: tagging.Element) -> list[Flowable]:
    """Each part in its panel: cover, flap and back outside; causes and advice across the inside.

    The parts are placed in panel order; their structure elements go into the tree in reading order.
    Where the inside panels break, and which outside panel has room for "Words to know", is measured
    first (see `_plan`). A topic whose inside would be mostly empty has its warning signs inside (the
    middle panel) and the publisher's block on the flap."""
    width = _width("inside-right")
    plan, measured = _plan(content, topic, detail) if balanced else (_Plan(), None)
    flap_width = _width("inside-middle" if plan.warning_inside else "flap")
    cover = _cover(content, topic, _width("cover"), into)
    if measured:  # the plan's causes and advice, already measured at this width: their tree goes in its place
        causes = measured.causes
        into.kids.extend(measured.cause_elements)
    else:
        causes = _units(_inside_causes(topic, width, detail, into))
    urgent = blocks.urgent_box(topic, content.publisher, flap_width, SIZES, into)
    warning = [*([urgent] if urgent else []), blocks.warning_panel(topic, flap_width, SIZES, into)]
    if measured:
        advice = measured.advice
        into.kids.extend(measured.advice_elements)
        if plan.advice_starts_panel:
            advice[0][0].spaceBefore = 0  # as blocks.advice(first=True) sets it
    else:
        advice = _units(blocks.advice(topic, width, SIZES, into, first=plan.advice_starts_panel))
    entries = content.words_to_know(topic)
    glossary = (blocks.words_to_know(entries, _width(plan.glossary), SIZES, into, wording.of(content, topic))
                if plan.glossary else None)
    back = _back(content, topic, _width("back"), into, with_about=not plan.warning_inside)
    about = blocks.about_block(content, topic, _width("flap"), SIZES, into) if plan.warning_inside else None
    if plan.warning_inside:
        warning[0].spaceBefore = 0
        inside = [*causes, [_StartPanel("inside-middle"), *warning], [_StartPanel("inside-right")], *advice,
                  *([[glossary]] if glossary else [])]
        flap = [about] if about else []
    else:
        inside = [*causes, *advice]
        for index, panel in reversed(plan.breaks):
            inside.insert(index, [_StartPanel(panel)])
        flap = warning + ([glossary] if plan.glossary == "flap" else [])
        back = ([glossary] if plan.glossary == "back" else []) + back
    flat = [part for unit in inside for part in unit]
    end_of_causes = next(i for i, part in enumerate(flat) if part is advice[0][0])
    return [
        CurrentFrameFlowable("cover"), *cover, _End("cover"),
        CurrentFrameFlowable("flap"), *flap, _End("flap"),
        CurrentFrameFlowable("back"), *back, _End("back"),
        NextPageTemplate("inside"), PageBreak(),
        *flat[:end_of_causes], _End("causes"), *flat[end_of_causes:], _End("inside-right"),
    ]


@dataclass(frozen=True)
class _Plan:
    """Where the inside breaks ((unit index, panel) pairs), where "Words to know" goes (a panel's name, or
    None: nowhere), and whether the warning signs go inside."""

    breaks: tuple[tuple[int, str], ...] = ()
    advice_starts_panel: bool = False
    glossary: str | None = None
    warning_inside: bool = False


@dataclass(frozen=True)
class _Measured:
    """The inside's causes and advice as the plan made and measured them, in units kept together, with the
    structure elements they are tagged with (to be placed in the document's tree in reading order)."""

    causes: list[list[Flowable]]
    cause_elements: list[tagging.Element]
    advice: list[list[Flowable]]
    advice_elements: list[tagging.Element]


# An inside (causes and advice) shorter than this many panels has the warning signs brought in beside it.
SHORT_INSIDE = 1.5


def _plan(content: Content, topic: Topic, detail: str) -> tuple[_Plan, _Measured]:
    """Measure the parts and plan the panels: the inside units split into three columns as even as they
    can be (the advice starting a panel when that costs little), and "Words to know" on the emptier outside
    panel that has room for it; a short inside takes the warning signs in. The causes and advice measured
    are the ones the story sets (a flowable breaks its lines once per width); the other parts are measured
    on copies that are not kept."""
    scratch = tagging.Element("Document")
    width, height = _width("inside-right"), INSIDE[0].frame()._height
    room = height * 0.97
    causes = _units(_inside_causes(topic, width, detail, scratch))
    causes_made = len(scratch.kids)
    advice = _units(blocks.advice(topic, width, SIZES, scratch))
    measured = _Measured(causes, scratch.kids[:causes_made], advice, scratch.kids[causes_made:])
    heights = [_height(unit, width) for unit in causes + advice]
    entries, words = content.words_to_know(topic), wording.of(content, topic)

    def warning(panel):
        urgent = blocks.urgent_box(topic, content.publisher, _width(panel), SIZES, scratch)
        return [*([urgent] if urgent else []), blocks.warning_panel(topic, _width(panel), SIZES, scratch)]

    def glossary(panel):
        return [blocks.words_to_know(entries, _width(panel), SIZES, scratch, words)] if entries else []

    causes_height, advice_height = sum(heights[:len(causes)]), sum(heights[len(causes):])
    if (causes_height + advice_height < SHORT_INSIDE * height and causes_height <= room
            and _height(warning("inside-middle"), _width("inside-middle")) <= room):
        if _height(advice[0] + sum(advice[1:], []) + glossary("inside-right"), width) <= room:
            return _Plan(advice_starts_panel=True, glossary="inside-right" if entries else None,
                         warning_inside=True), measured
    chosen = None
    if entries:
        back = _back(content, topic, _width("back"), scratch)
        # The emptier of the two, so the outside is balanced, if it has room.
        for panel, parts in sorted((("flap", warning("flap")), ("back", back)),
                                   key=lambda named: _height(named[1], _width(named[0]))):
            if _height(parts + glossary(panel), _width(panel)) <= room:
                chosen = panel
                break
    breaks = _balanced_breaks(heights, len(causes), height)
    if breaks is None:
        return _Plan(glossary=chosen), measured
    panels = ("inside-middle", "inside-right")
    return (_Plan(breaks=tuple(zip(breaks, panels)), advice_starts_panel=len(causes) in breaks, glossary=chosen),
            measured)


def _balanced_breaks(heights: list[float], advice_at: int, room: float) -> tuple[int, int] | None:
    """Where to start the middle and right panels so that the three columns are as even as they can be
    with every unit whole: the tallest column as short as it can be, a column taller than the one before
    it counted against, and the advice starting a panel preferred. None when no split fits."""
    best, chosen = None, None
    count = len(heights)
    for first in range(1, count):
        for second in range(first + 1, count + 1):
            columns = [sum(heights[:first]), sum(heights[first:second]), sum(heights[second:])]
            if max(columns) > room * 0.97:
                continue
            rising = sum(max(0.0, later - earlier) for earlier, later in zip(columns, columns[1:]))
            score = max(columns) + rising / 2 + (0 if advice_at in (first, second) else room * 0.1)
            if best is None or score < best:
                best, chosen = score, (first, second)
    if chosen and chosen[1] == count:
        return (chosen[0],)  # nothing for the right panel: the inside needs only two
    return chosen


def _units(flowables: list[Flowable]) -> list[list[Flowable]]:
    """The flowables in the runs that are kept together (each flagged to keep with the next)."""
    units: list[list[Flowable]] = [[]]
    for flowable in flowables:
        units[-1].append(flowable)
        if not flowable.getKeepWithNext():
            units.append([])
    return [unit for unit in units if unit]


def _height(flowables: list[Flowable], width: float) -> float:
    """How tall the flowables stand in a column `width` wide, spaces between them included."""
    def flat(parts):
        for part in parts:
            yield from (flat(part._content) if isinstance(part, KeepTogether) else [part])
    return _listWrapOn(list(flat(flowables)), width, None)[1]


class _StartPanel(ActionFlowable):
    """Go on in the named panel, unless the text has already reached it or a later one."""

    def __init__(self, panel: str):
        super().__init__()
        self.panel = panel

    def apply(self, doc) -> None:
        names = [frame.id for frame in doc.pageTemplate.frames]
        if names.index(doc.frame.id) < names.index(self.panel):
            doc.handle_currentFrame(self.panel)


def _cover(content: Content, topic: Topic, width: float, into: tagging.Element) -> list[Flowable]:
    style = blocks.styles(SIZES)
    words = wording.of(content, topic)
    contents = [("causes", words.causes_heading(topic)), ("warning", words.warning_heading),
                ("advice", words.advice_heading)]
    header = blocks.header(content, topic, width, SIZES, into)
    summary = blocks.tagged_paragraph(blocks.text(topic.summary), style["lead"], into)
    inside = blocks.tagged_paragraph(f"<b>{blocks.text(words.inside_this_leaflet)}</b>", style["body"], into)
    listed = into.add("L")
    return [
        *header,
        Spacer(0, SIZES.body),
        summary,
        Spacer(0, SIZES.body * 0.6),
        inside,
        *(blocks.icon_line(icon, icons.COLOURS[icon], line, width, SIZES, listed.add("LI"))
          for icon, line in contents),
    ]


def _back(content: Content, topic: Topic, width: float, into: tagging.Element,
          with_about: bool = True) -> list[Flowable]:
    words = wording.of(content, topic)
    back = [blocks.sources_block(content.sources_of(topic), width, SIZES, into, words=words)]
    about = blocks.about_block(content, topic, width, SIZES, into, with_translation=True) if with_about else None
    return back + ([about] if about else [])


def _inside_causes(topic: Topic, width: float, detail: str, into: tagging.Element) -> list[Flowable]:
    """The causes at the given detail, sized for the narrowest inside panel."""
    first, *rest = blocks.causes(topic, width, SIZES, into, detail)
    first.spaceBefore = 0
    return [first, *rest]


def _width(panel_name: str) -> float:
    panel = next(p for p in OUTSIDE + INSIDE if p.name == panel_name)
    return panel.frame()._width


class _End(Flowable):
    """An invisible mark at the end of a part, recording which frame it ended in and how low."""

    _ZEROSIZE = True

    def __init__(self, panel: str):
        super().__init__()
        self.panel = panel
        self.width = self.height = 0

    def draw(self) -> None:
        pass


class _TrifoldDocument(BaseDocTemplate):
    def __init__(self, filename, **kwargs):
        super().__init__(filename, **kwargs)
        self.ends: dict[str, tuple[str, float]] = {}
        outside = [frame for panel in OUTSIDE for frame in (panel.frame(), panel.overflow())]
        inside = [*(panel.frame() for panel in INSIDE), INSIDE[-1].overflow()]
        self.addPageTemplates([PageTemplate("outside", outside), PageTemplate("inside", inside)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _End):
            self.ends[flowable.panel] = (self.frame.id, self.frame._y)
        blocks.bookmark_if_outlined(self.canv, flowable)

    def overflow(self) -> dict[str, float]:
        """How many points each part ran on past its panels, for the parts that did not fit."""
        return {part: SHEET[1] - y for part, (frame_id, y) in self.ends.items() if frame_id.endswith("-over")}


_PART_NAMES = {"cover": "the cover", "flap": "the flap (warning signs)", "back": "the back (sources and contact)",
               "causes": "the inside panels (causes)", "inside-right": "the inside panels (causes and advice)"}


def _overflow_message(topic: Topic, overflow: dict[str, float]) -> str:
    if "inside-right" in overflow:
        overflow = {name: points for name, points in overflow.items() if name != "causes"}  # counted in the inside
    parts = "; ".join(f"{_PART_NAMES[name]} would need about {points / mm:.0f} mm more room"
                      for name, points in sorted(overflow.items()))
    return (f"topic '{topic.id}' does not fit a trifold at {SIZES.body:g} pt: {parts}. "
            "Shorten its key points, warning signs or advice, or leave 'trifold' out of 'formats'")
