"""The A4 leaflet writer: one topic of the content model to a printable PDF.

The same writer makes the large-print leaflet: only the sizes differ.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from leaflets import blocks, fonts
from leaflets.content import Content, Topic
from leaflets.theme import THEME, PrintSizes
from leaflets.wording import authors, review_line

NOT_ADVICE = "Not a substitute for your doctor\u2019s advice"


def write(content: Content, topic: Topic, path: Path, sizes: PrintSizes = THEME.print) -> None:
    """Write the topic's leaflet to `path` as an A4 PDF at `sizes`."""
    fonts.register()
    margins = THEME.margins
    footer = Footer(content, topic, sizes, A4[0] - (margins.left + margins.right) * mm)
    doc = OutlinedDocument(
        str(path), pagesize=A4,
        leftMargin=margins.left * mm, rightMargin=margins.right * mm,
        topMargin=margins.top * mm, bottomMargin=footer.top + sizes.body,
        title=topic.title, subject=topic.summary, lang=content.language,
        author=authors(content.sources_of(topic)), creator="leaflets",
        keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
    )
    doc.build(story(content, topic, doc.width, sizes), canvasmaker=footer.canvas_class())


def story(content: Content, topic: Topic, width: float, sizes: PrintSizes) -> list[Flowable]:
    """The leaflet's flowables, in reading order."""
    about = blocks.about_block(content, topic, width, sizes)
    return [
        *blocks.header(content, topic, width, sizes),
        Spacer(0, sizes.body * 0.8),
        Paragraph(blocks.text(topic.summary), blocks.styles(sizes)["lead"]),
        *blocks.causes(topic, width, sizes),
        blocks.warning_panel(topic, width, sizes),
        *blocks.advice(topic, width, sizes),
        blocks.sources_block(content.sources_of(topic), width, sizes),
        *([about] if about else []),
    ]


class OutlinedDocument(SimpleDocTemplate):
    """A document that adds a bookmark for every flowable marked with `blocks.outlined`."""

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        title, level = outline
        key = f"section-{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level)
        self.canv.showOutline()


class Footer:
    """The footer on every page: what the leaflet is, who made it, when reviewed, and "Page N of M"."""

    def __init__(self, content: Content, topic: Topic, sizes: PrintSizes, width: float):
        style = blocks.styles(sizes)["footer"]
        first = f"{topic.title} \u00b7 {NOT_ADVICE}"
        second = " \u00b7 ".join(filter(None, [content.publisher.name if content.publisher else "", review_line(topic)]))
        self.size = sizes.footer
        self.width = width
        self.label_width = stringWidth("Page 99 of 99", THEME.fonts.regular, sizes.footer) + sizes.footer
        self.paragraph = Paragraph("<br/>".join(blocks.text(line) for line in (first, second) if line), style)
        _, self.height = self.paragraph.wrap(width - self.label_width, A4[1])
        self.baseline = THEME.margins.footer_baseline * mm
        self.top = self.baseline + self.height + 4

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        left = THEME.margins.left * mm
        right = left + self.width
        canvas.setStrokeColor(HexColor(THEME.colours.rule))
        canvas.setLineWidth(0.6)
        canvas.line(left, self.top, right, self.top)
        # The paragraph's last baseline sits on the footer baseline.
        self.paragraph.drawOn(canvas, left, self.baseline - self.size * 0.25)
        canvas.setFillColor(HexColor(THEME.colours.muted))
        canvas.setFont(THEME.fonts.regular, self.size)
        canvas.drawRightString(right, self.top - self.size * 1.2, f"Page {number} of {total}")

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
