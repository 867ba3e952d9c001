"""The A4 leaflet writer: one topic of the content model to a printable PDF."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from leaflets import icons
from leaflets.content import Cause, Content, Source, Topic
from leaflets.theme import THEME, font_files
from leaflets.wording import (ADVICE_HEADING, SOURCES_HEADING, WARNING_HEADING, authors, causes_heading,
                              citation, disclaimer)
ICON_SIZE = 22


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's leaflet to `path` as an A4 PDF."""
    _register_fonts()
    margins = THEME.margins
    doc = SimpleDocTemplate(
        str(path), pagesize=A4,
        leftMargin=margins.left * mm, rightMargin=margins.right * mm,
        topMargin=margins.top * mm, bottomMargin=margins.bottom * mm,
        title=topic.title, subject=topic.summary, lang=content.language,
        author=authors(content.sources_of(topic)), creator="leaflets",
        keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
    )
    doc.build(story(content, topic, doc.width), canvasmaker=_footer_canvas(topic.title))


def story(content: Content, topic: Topic, width: float) -> list[Flowable]:
    """The leaflet's flowables, in reading order."""
    return [
        _header(topic, width),
        Spacer(0, 10),
        Paragraph(_text(topic.summary), _styles()["lead"]),
        *_causes(topic, width),
        _warning_panel(topic, width),
        *_advice(topic, width),
        _sources_block(content.sources_of(topic), width),
    ]


def _header(topic: Topic, width: float) -> Flowable:
    styles = _styles()
    rows = [[Paragraph(_text(topic.title), styles["title"])]]
    if topic.subtitle:
        rows.append([Paragraph(_text(topic.subtitle), styles["subtitle"])])
    table = Table(rows, colWidths=[width], cornerRadii=[6, 6, 6, 6])
    table.setStyle(_table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(THEME.colours.primary)),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, 0), 12), ("BOTTOMPADDING", (0, -1), (-1, -1), 13),
    ))
    return table


def _section_heading(text: str, icon, colour: str, width: float) -> Table:
    """A heading with its icon, kept with what follows it."""
    drawing = icon(ICON_SIZE, colour, THEME.colours.paper)
    style = ParagraphStyle("h", parent=_styles()["heading"], textColor=HexColor(colour))
    table = Table([[drawing, Paragraph(_text(text), style)]], colWidths=[ICON_SIZE + 8, width - ICON_SIZE - 8])
    table.setStyle(_table_style(
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ))
    table.keepWithNext = True
    table.spaceBefore, table.spaceAfter = 14, 6
    return table


def _causes(topic: Topic, width: float) -> list[Flowable]:
    heading = _section_heading(causes_heading(topic), icons.causes, THEME.colours.primary, width)
    return [heading, *(_cause_block(cause) for cause in topic.causes)]


def _cause_block(cause: Cause) -> Flowable:
    styles = _styles()
    parts = [Paragraph(_text(cause.name), styles["cause"]), Paragraph(_text(cause.explanation), styles["body"])]
    if cause.self_care:
        parts.append(Paragraph(f"<b>What you can do:</b> {_text(cause.self_care)}", styles["body"]))
    if cause.medical_care:
        parts.append(Paragraph(f"<b>What a doctor may do:</b> {_text(cause.medical_care)}", styles["body"]))
    return KeepTogether(parts)


def _warning_panel(topic: Topic, width: float) -> Flowable:
    """A bordered panel that stands out in greyscale by its border, icon and bold heading."""
    colours, styles = THEME.colours, _styles()
    inner = width - 24
    heading = _section_heading(WARNING_HEADING, icons.warning, colours.warning, inner)
    heading.spaceBefore = 0
    lead = Paragraph("See a doctor if you have any of these:", styles["body_bold"])
    rows = [[heading], [lead], *([_bullet(sign, styles["bullet"])] for sign in topic.warning_signs)]
    table = Table(rows, colWidths=[width], splitByRow=1)
    table.setStyle(_table_style(
        ("BOX", (0, 0), (-1, -1), 2.5, HexColor(colours.warning)),
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(colours.warning_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ))
    table.spaceBefore = 16
    return table


def _advice(topic: Topic, width: float) -> list[Flowable]:
    heading = _section_heading(ADVICE_HEADING, icons.advice, THEME.colours.advice, width)
    return [heading, *(_bullet(item, _styles()["bullet"]) for item in topic.advice)]


def _bullet(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_text(text), style, bulletText="\u2022")


def _sources_block(sources: tuple[Source, ...], width: float) -> Flowable:
    styles = _styles()
    parts: list[Flowable] = [
        _section_heading(SOURCES_HEADING, icons.sources, THEME.colours.primary, width),
        *(Paragraph(_citation(source), styles["source"]) for source in sources),
    ]
    notice = Table([[Paragraph(_text(disclaimer("leaflet")), styles["disclaimer"])]], colWidths=[width])
    notice.setStyle(_table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(THEME.colours.primary_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ))
    notice.spaceBefore = 8
    return KeepTogether([*parts, notice])


def _table_style(*commands) -> TableStyle:
    """Table commands, with the cell font set: a table's default Helvetica would be left unembedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), THEME.fonts.regular), *commands])


def _citation(source: Source) -> str:
    """The shared citation, with the title in italics as a reference list sets it."""
    rest = _text(citation(source.model_copy(update={"title": ""})).lstrip(", "))
    return f"<i>{_text(source.title)}</i>, {rest}."


def _text(value: str) -> str:
    """Content is plain text; reportlab reads markup, so <, > and & must be escaped."""
    return escape(value)


def _footer_canvas(title: str) -> type[Canvas]:
    """A canvas that draws the footer, with "Page N of M", once the page count is known."""
    colours, margins, size = THEME.colours, THEME.margins, THEME.print.footer

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
                self._draw_footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int):
            left, right = margins.left * mm, A4[0] - margins.right * mm
            baseline = margins.footer_baseline * mm
            self.setStrokeColor(HexColor(colours.rule))
            self.setLineWidth(0.6)
            self.line(left, baseline + size + 4, right, baseline + size + 4)
            self.setFillColor(HexColor(colours.muted))
            self.setFont(THEME.fonts.regular, size)
            self.drawString(left, baseline, f"{title} \u00b7 Not a substitute for your doctor\u2019s advice")
            self.drawRightString(right, baseline, f"Page {number} of {total}")

    return FooterCanvas


@functools.cache
def _register_fonts() -> None:
    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    fonts = THEME.fonts
    pdfmetrics.registerFontFamily(fonts.regular, normal=fonts.regular, bold=fonts.bold,
                                  italic=fonts.italic, boldItalic=fonts.bold_italic)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    colours, sizes, fonts = THEME.colours, THEME.print, THEME.fonts
    ink = HexColor(colours.ink)

    def style(name, size, font=fonts.regular, colour=ink, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * sizes.leading,
                              textColor=colour, alignment=TA_LEFT, **extra)

    return {
        "title": style("title", sizes.title, fonts.bold, HexColor(colours.on_primary)),
        "subtitle": style("subtitle", sizes.subtitle, colour=HexColor(colours.on_primary), spaceBefore=2),
        "lead": style("lead", sizes.lead, spaceAfter=2),
        "heading": style("heading", sizes.heading, fonts.bold),
        "cause": style("cause", sizes.cause_name, fonts.bold, HexColor(colours.primary), spaceBefore=8, spaceAfter=2),
        "body": style("body", sizes.body, spaceAfter=3),
        "body_bold": style("body_bold", sizes.body, fonts.bold, spaceAfter=2),
        "bullet": style("bullet", sizes.body, leftIndent=14, bulletIndent=2, bulletFontName=fonts.bold,
                        bulletFontSize=sizes.body, spaceAfter=3),
        "source": style("source", sizes.body, spaceAfter=3),
        "disclaimer": style("disclaimer", sizes.body, fonts.bold),
    }
