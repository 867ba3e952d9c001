"""The A4 leaflet writer: one topic of the content model to a printable PDF.

The same writer makes the large-print leaflet: only the sizes differ.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from leaflets.print import blocks, tagging
from leaflets import fonts
from leaflets.content import Content, Topic
from leaflets.theme import THEME, PrintSizes
from leaflets import wording
from leaflets.wording import document_author


# A last page filled less than this is worth a try at setting the back matter compactly.
NEARLY_EMPTY = 0.35
# No page but the only one is filled less than this: the sections are moved on to balance the pages.
LEAST_FILL = 0.25
# Where a page may be started early to carry more onto a nearly empty last page, latest first.
BALANCING_BREAKS = ("words-to-know", "advice", "warning")


def before_workers() -> None:
    """Called before the workers are started (see build/workers.py), so that they share what a first output makes."""
    blocks.prepare(THEME.print)


def write(content: Content, topic: Topic, path: Path, sizes: PrintSizes = THEME.print) -> None:
    """Write the topic's leaflet to `path` as a tagged A4 PDF at `sizes`.

    A last page that would be nearly empty is avoided as a typesetter would: first by setting the lines a
    little closer and the sources and disclaimer as a compact closing block, kept if that saves the page;
    else by starting the last page at an earlier section, so that it is not a stub."""
    fonts.register()
    laid_out = _laid_out(content, topic, sizes)
    if _mostly_empty(laid_out, NEARLY_EMPTY):
        compact = _laid_out(content, topic, tighter(sizes), compact=True)
        if compact[2].page < laid_out[2].page:
            laid_out = compact
    for section in BALANCING_BREAKS:
        if not _mostly_empty(laid_out, LEAST_FILL):
            break
        balanced = _laid_out(content, topic, sizes, break_before=section)
        if balanced[2].page == laid_out[2].page and balanced[2].least_fill >= LEAST_FILL:
            laid_out = balanced
    pdf, tree, doc = laid_out
    doc.canv.save()  # only the layout kept is written out as PDF (footers, fonts, objects)
    path.write_bytes(tagging.finish(pdf.getvalue(), tree, doc.document))


def _mostly_empty(laid_out, fill: float) -> bool:
    doc = laid_out[2]
    return doc.page > 1 and doc.last_fill < fill


def tighter(sizes: PrintSizes) -> PrintSizes:
    """The format's sizes with lines a little closer (never under 1.25 times the type size) and less space
    between sections; the type sizes stay as they are."""
    return dataclasses.replace(sizes, leading=min(sizes.leading, 1.25), gap=min(sizes.gap, 0.8))


def _laid_out(content: Content, topic: Topic, sizes: PrintSizes, compact: bool = False,
              break_before: str | None = None):
    """(the PDF's file, its structure tree, the document, which knows its pages and how full the last is).

    The pages are laid out and drawn, but the file stays empty until `doc.canv.save()`: a trial layout
    that is not kept costs no footers, font subsets or PDF objects."""
    margins = THEME.margins
    footer = Footer(content, topic, sizes, A4[0] - (margins.left + margins.right) * mm)
    tree, marks = tagging.Element("Document"), tagging.Marks()
    footer.tree = tree
    document = tagging.Document(topic.title, document_author(content), topic.language, topic.summary,
                                wording.of(content, topic).link_to)
    pdf = io.BytesIO()
    doc = OutlinedDocument(
        pdf, pagesize=A4,
        leftMargin=margins.left * mm, rightMargin=margins.right * mm,
        topMargin=margins.top * mm, bottomMargin=footer.top + sizes.body,
        title=document.title, subject=topic.summary, lang=topic.language,
        author=document.author, creator="leaflets",
        keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
    )
    doc.document = document
    doc._doSave = 0  # reportlab's own switch (multiBuild uses it) to leave the saving to the caller
    doc.build(story(content, topic, doc.width, sizes, tree, compact, break_before),
              canvasmaker=tagging.marking(footer.canvas_class(), marks))
    return pdf, tree, doc


def story(content: Content, topic: Topic, width: float, sizes: PrintSizes, into: tagging.Element,
          compact: bool = False, break_before: str | None = None) -> list[Flowable]:
    """The leaflet's flowables, in reading order; each adds its part of the structure tree to `into`.

    `compact` sets the back matter as one closing block; `break_before` starts a page at that section."""
    header = blocks.header(content, topic, width, sizes, into)
    summary = blocks.tagged_paragraph(blocks.text(topic.summary), blocks.styles(sizes)["lead"], into)
    shown = [Spacer(0, sizes.body * 0.4), blocks.picture(topic.image, sizes, into)] if topic.image else []
    causes = blocks.causes(topic, width, sizes, into)
    urgent = blocks.urgent_box(topic, content.publisher, width, sizes, into)
    warning = blocks.warning_panel(topic, width, sizes, into)
    advice = blocks.advice(topic, width, sizes, into)
    words = wording.of(content, topic)
    glossary = blocks.words_to_know(content.words_to_know(topic), width, sizes, into, words)
    if compact:
        closing = [blocks.closing_block(content, topic, width, sizes, into, words)]
    else:
        sources = blocks.sources_block(content.sources_of(topic), width, sizes, into, words=words)
        about = blocks.about_block(content, topic, width, sizes, into)
        closing = [sources, *([about] if about else [])]
    page = {name: [PageBreak()] if name == break_before else [] for name in BALANCING_BREAKS}
    return [
        *header,
        Spacer(0, sizes.body * 0.8),
        summary,
        *shown,
        *causes,
        *page["warning"],
        *([urgent] if urgent else []),
        warning,
        *page["advice"],
        *advice,
        *(page["words-to-know"] + [glossary] if glossary else []),
        *closing,
    ]


class OutlinedDocument(BaseDocTemplate):
    """One frame per page, text flush with its edges, and a bookmark for every block marked `outlined`."""

    def __init__(self, filename: str, **kwargs):
        super().__init__(filename, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        self.addPageTemplates([PageTemplate("page", [frame])])

    last_fill = 0.0  # how far down the last page the text reaches, as a share of the frame's height
    least_fill = 1.0  # the same for the emptiest page

    def afterFlowable(self, flowable: Flowable) -> None:
        blocks.bookmark_if_outlined(self.canv, flowable)
        frame = self.frame
        if frame is not None:  # None once the page has ended
            self.last_fill = (frame._y2 - frame._y) / (frame._y2 - frame._y1)

    def handle_pageEnd(self) -> None:
        self.least_fill = min(self.least_fill, self.last_fill)
        super().handle_pageEnd()


class Footer:
    """The footer on every page: what the leaflet is, "Page N of M", then who made it and when it was reviewed."""

    def __init__(self, content: Content, topic: Topic, sizes: PrintSizes, width: float):
        style = blocks.styles(sizes)["footer"]
        self.words = words = wording.of(content, topic)
        publisher = content.publisher.name if content.publisher else ""
        about = words.separator.join(filter(None, [publisher, words.review_line(topic, with_reviewer=False),
                                                   blocks.translated_from(content, topic)]))
        self.size, self.width = sizes.footer, width
        label_width = self.label_width(words.page_of(99, 99)) + sizes.footer
        self.lines = [(blocks.paragraph(blocks.text(f"{topic.title}{words.separator}{words.not_advice}"), style),
                       width - label_width)]
        if about:
            self.lines.append((blocks.paragraph(blocks.text(about), style), width))
        self.heights = [paragraph.wrap(line_width, A4[1])[1] for paragraph, line_width in self.lines]
        self.baseline = THEME.margins.footer_baseline * mm
        self.top = self.baseline + sum(self.heights) + 4

    tree: tagging.Element | None = None  # where a one-page leaflet's footer lines are read

    def label_width(self, label: str) -> float:
        return sum(stringWidth(part, font, self.size) for part, font in self.label_parts(label))

    def label_parts(self, label: str) -> list[tuple[str, str]]:
        """The page label in runs of one font each: Chinese in the Chinese font, the rest in the print font."""
        parts: list[tuple[str, str]] = []
        if fonts.has_cjk(label):
            fonts.register_cjk()
        for ch in label:
            font = THEME.fonts.cjk if fonts.is_cjk(ch) else THEME.fonts.regular
            if parts and parts[-1][1] == font:
                parts[-1] = (parts[-1][0] + ch, font)
            else:
                parts.append((ch, font))
        return parts

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        """The footer; a pagination artifact, except that a one-page leaflet's footer lines are read
        at the end (they repeat on no other page, so no reader would otherwise hear them)."""
        left = THEME.margins.left * mm

        def rule_and_number():
            canvas.setStrokeColor(HexColor(THEME.colours.rule))
            canvas.setLineWidth(0.6)
            canvas.line(left, self.top, left + self.width, self.top)
            canvas.setFillColor(HexColor(THEME.colours.muted))
            label = self.words.page_of(number, total)
            x = left + self.width - self.label_width(label)
            for part, font in self.label_parts(label):
                canvas.setFont(font, self.size)
                canvas.drawString(x, self.top - 2 - self.size, part)
                x += stringWidth(part, font, self.size)

        y = self.top - 2
        for (paragraph, _), height in zip(self.lines, self.heights):
            y -= height
            draw_line = lambda paragraph=paragraph, y=y: paragraph.drawOn(canvas, left, y)  # noqa: E731
            if total == 1 and self.tree is not None and getattr(canvas, "marks", None) is not None:
                tagging.draw_marked(canvas, self.tree.add("P"), draw_line)
            else:
                tagging.draw_footer(canvas, draw_line)
        tagging.draw_footer(canvas, rule_and_number)

    def canvas_class(self) -> type[Canvas]:
        """A canvas that draws this footer once the page count is known."""
        footer = self

        class FooterCanvas(Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self):
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                for number, state in enumerate(self._pages, start=1):
                    self.__dict__.update(state)
                    footer.draw(self, number, len(self._pages))
                    super().showPage()
                super().save()

        return FooterCanvas
