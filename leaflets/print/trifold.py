"""The trifold writer: one topic on both sides of an A4 landscape sheet, folded in three (a letter fold).

Outside (page 1), left to right: the flap that folds in, the back, the cover.
Inside (page 2): three panels read left to right once the leaflet is opened.
The flap is 3 mm narrower than the other panels so that it tucks in when folded.

The structure tree (see tagging.py) reads the cover first, then the parts in the order the
cover's "Inside this leaflet" names them and the A4 leaflet prints them: the causes (inside),
the warning signs (the flap, which faces the reader next to the causes once the cover is
opened), the advice (inside), and the back (sources and publisher) last, as a reader turns
the folded leaflet over at the end.

Each part flows into its own panel; a part that does not fit continues into a
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
from reportlab.platypus import Paragraph, Spacer
from reportlab.platypus.doctemplate import (BaseDocTemplate, CurrentFrameFlowable, NextPageTemplate, PageBreak,
                                            PageTemplate)
from reportlab.platypus.flowables import Flowable
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


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's trifold to `path`, or raise TrifoldOverflow saying how much is over.

    Layouts are tried from the fullest to the briefest; the first that fits every panel is kept.
    """
    fonts.register()
    document = tagging.Document(wording.of(content, topic).say("folded_title", title=topic.title),
                                document_author(content), topic.language, topic.summary,
                                wording.of(content, topic).link_to)
    for detail, advice_on_own_panel in LAYOUTS:
        pdf = io.BytesIO()  # trial layouts stay in memory; only the one that fits is written
        doc = _TrifoldDocument(
            pdf, pagesize=SHEET, title=document.title, subject=topic.summary,
            lang=topic.language, author=document.author, creator="leaflets",
            keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
        )
        tree, marks = tagging.Element("Document"), tagging.Marks()
        doc.build(story(content, topic, detail, advice_on_own_panel, tree),
                  canvasmaker=tagging.marking(Canvas, marks))
        causes_end = doc.ends["causes"][0]
        if advice_on_own_panel and causes_end not in ("inside-left", "inside-middle"):
            continue  # the causes reached the last panel, so the advice cannot have it to itself
        if not doc.overflow():
            path.write_bytes(tagging.finish(pdf.getvalue(), tree, document))
            return
    raise TrifoldOverflow(_overflow_message(topic, doc.overflow()))


# (how much of each cause, whether the advice gets the last inside panel to itself), fullest first.
LAYOUTS = [(detail, own) for detail in ("full", "explained", "key-points") for own in (True, False)]


def story(content: Content, topic: Topic, detail: str, advice_on_own_panel: bool,
          into: tagging.Element) -> list[Flowable]:
    """Each part in its panel: cover, flap and back outside; causes and advice across the inside.

    The parts are made in reading order (which sets the structure tree's order) and placed in panel order."""
    width = _width("inside-right")
    move = [CurrentFrameFlowable("inside-right")] if advice_on_own_panel else []
    cover = _cover(content, topic, _width("cover"), into)
    causes = _inside_causes(topic, width, detail, into)
    flap = blocks.warning_panel(topic, _width("flap"), SIZES, into)
    advice = blocks.advice(topic, width, SIZES, into, first=advice_on_own_panel)
    back = _back(content, topic, _width("back"), into)
    return [
        CurrentFrameFlowable("cover"), *cover, _End("cover"),
        CurrentFrameFlowable("flap"), flap, _End("flap"),
        CurrentFrameFlowable("back"), *back, _End("back"),
        NextPageTemplate("inside"), PageBreak(),
        *causes, _End("causes"),
        *move, *advice, _End("inside-right"),
    ]


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


def _back(content: Content, topic: Topic, width: float, into: tagging.Element) -> list[Flowable]:
    words = wording.of(content, topic)
    back = [blocks.sources_block(content.sources_of(topic), width, SIZES, into, words)]
    about = blocks.about_block(content, topic, width, SIZES, into, with_translation=True)
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
