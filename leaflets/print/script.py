"""The speaker script: the talk printed for a presenter with no presenter view (a community hall, a
laptop on a table). For each slide a small drawing of the slide, its time on the talk's clock, and its
notes in clear print (12 pt on A4), tagged like the leaflets.

It prints the slides the deck draws: `formats` hands it the deck's own plan (leaflets.talk.Slide), so
the two cannot disagree about what is on a slide or when."""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from leaflets import fonts
from leaflets.content import Content, Topic
from leaflets.print import blocks, tagging
from leaflets.print.leaflet import OutlinedDocument
from leaflets.talk import Slide
from leaflets.theme import THEME
from leaflets import wording
from leaflets.wording import ENGLISH, Wording, document_author

SIZES = THEME.print  # 12 pt body: clear print
THUMB_WIDTH = 80 * mm
SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0  # a 16:9 slide in points, as the deck draws it
PICTURE_SHARE = 0.6  # of the list's width left beside a picture, as the deck draws it


def before_workers() -> None:
    """Called before the workers are started (see build/workers.py), so that they share what a first output makes."""
    blocks.prepare(SIZES)


def write(content: Content, topic: Topic, path: Path, slides: list[Slide]) -> None:
    """Write the topic's speaker script to `path` as a tagged A4 PDF."""
    fonts.register()
    margins = THEME.margins
    tree, marks = tagging.Element("Document"), tagging.Marks()
    words = wording.of(content, topic)
    title = words.say("script_title", title=topic.title)
    document = tagging.Document(title, document_author(content), topic.language, topic.summary, words.link_to)
    pdf = io.BytesIO()
    doc = OutlinedDocument(
        pdf, pagesize=A4,
        leftMargin=margins.left * mm, rightMargin=margins.right * mm,
        topMargin=margins.top * mm, bottomMargin=margins.top * mm + SIZES.footer * 2,
        title=title, subject=topic.summary, lang=topic.language, author=document.author, creator="leaflets",
        keywords=[topic.id], invariant=1, displayDocTitle=1, initialFontName=THEME.fonts.regular,
    )
    doc.build(story(content, topic, slides, doc.width, tree, words),
              canvasmaker=tagging.marking(_numbered_canvas(title, words), marks))
    path.write_bytes(tagging.finish(pdf.getvalue(), tree, document))


def story(content: Content, topic: Topic, slides: list[Slide], width: float, into: tagging.Element,
          words: Wording = ENGLISH) -> list:
    style = blocks.styles(SIZES)
    lead = words.say("script_lead", minutes=content.deck.minutes, slides=len(slides))
    flowables = [
        blocks.tagged_paragraph(blocks.text(words.say("script_title", title=topic.title)), style["heading"], into,
                                "H1"),
        blocks.tagged_paragraph(blocks.text(lead), style["lead"], into),
        Spacer(0, SIZES.body),
    ]
    for number, slide in enumerate(slides, start=1):
        flowables.append(_slide_block(slide, number, width, into, words))
    return flowables


def _slide_block(slide: Slide, number: int, width: float, into: tagging.Element, words: Wording = ENGLISH):
    """The slide's heading, its picture, then its notes; the first paragraph of the notes is its time."""
    style = blocks.styles(SIZES)
    heading = words.say("script_slide_heading", number=number, title=slide.title)
    parts = [blocks.outlined(blocks.tagged_paragraph(blocks.text(heading), style["cause"], into, "H2"), heading),
             tagging.tag(thumbnail(slide), into.add("Figure", words.slide_picture_alt(number, slide.title, slide.items))),
             Spacer(0, SIZES.body * 0.5)]
    for index, paragraph in enumerate(slide.notes.split("\n\n")):
        listed: list[str] = []
        for line in [*paragraph.split("\n"), ""]:
            if line.startswith("- "):
                listed.append(line[2:])
                continue
            if listed:  # a run of "- " lines is one list, where it stands among the lines
                parts += blocks.bullets(listed, SIZES, into)
                listed = []
            if line:
                parts.append(blocks.tagged_paragraph(blocks.text(line),
                                                     style["body_bold" if index == 0 else "body"], into))
    parts.append(Spacer(0, SIZES.body))
    return KeepTogether(parts)


def _font_of(ch: str, font: str) -> str:
    return THEME.fonts.cjk if fonts.is_cjk(ch) else font


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """The lines of `text` in `width`: at spaces, and for Chinese between any two characters."""
    if not fonts.has_cjk(text):
        return simpleSplit(text, font, size, width)
    fonts.register_cjk()
    lines, line, used = [], "", 0.0
    for ch in text:
        advance = stringWidth(ch, _font_of(ch, font), size)
        if line and used + advance > width and ch not in fonts.CANNOT_START:
            lines.append(line)
            line, used = "", 0.0
        line, used = line + ch, used + advance
    return [*lines, line] if line else lines


def _draw_line(drawing: Drawing, x: float, y: float, line: str, font: str, size: float, ink) -> None:
    """One line of a thumbnail, each run in a font that has its characters (Chinese in the Chinese font)."""
    if not fonts.has_cjk(line):
        drawing.add(String(x, y, line, fontName=font, fontSize=size, fillColor=ink))
        return
    run, run_font = "", None
    for ch in line + "\0":
        ch_font = _font_of(ch, font) if ch != "\0" else None
        if run and ch_font != run_font:
            drawing.add(String(x, y, run, fontName=run_font, fontSize=size, fillColor=ink))
            x += stringWidth(run, run_font, size)
            run = ""
        run, run_font = run + (ch if ch != "\0" else ""), ch_font


def thumbnail(slide: Slide, width: float = THUMB_WIDTH) -> Drawing:
    """A small vector drawing of the slide: its title and list as the deck sets them, in a frame."""
    scale = width / SLIDE_WIDTH
    drawing = Drawing(width, SLIDE_HEIGHT * scale)
    drawing.initialFontName = THEME.fonts.regular  # not Helvetica, which would sit unembedded in the PDF
    colours, names = THEME.colours, THEME.fonts
    dark = slide.role == "title"
    background = {"title": colours.primary, "section": colours.primary_tint}.get(slide.role, colours.paper)
    ink = HexColor(colours.on_primary if dark else colours.ink)
    height = SLIDE_HEIGHT * scale
    drawing.add(Rect(0, 0, width, height, fillColor=HexColor(background),
                     strokeColor=HexColor(colours.rule), strokeWidth=0.8))
    if slide.role == "content":
        drawing.add(Rect(0, height - 8 * scale, width, 8 * scale, fillColor=HexColor(colours.primary),
                         strokeColor=None))
    margin, y = 48 * scale, height - (50 if slide.role == "content" else 190) * scale
    title_size = (slide.title_size or THEME.slides.title) * scale
    title_ink = ink if dark else HexColor(colours.primary)
    for line in _split(slide.title, names.bold, title_size, width - 2 * margin):
        y -= title_size * 1.1
        _draw_line(drawing, margin, y, line, names.bold, title_size, title_ink)
    if slide.role == "content" and slide.icon == "warning":
        # the deck's thick warning border around the list
        drawing.add(Rect(margin * 0.6, 40 * scale, width - 1.2 * margin, y - title_size * 0.4 - 40 * scale,
                         fillColor=None, strokeColor=HexColor(colours.warning), strokeWidth=6 * scale))
    y -= title_size * 0.8
    body_size = slide.body_size * scale
    list_width = width - 2 * margin
    if slide.image:  # the deck puts the picture in the right part of the list's box; shown here as a panel
        list_width *= PICTURE_SHARE
        drawing.add(Rect(margin + list_width + 12 * scale, 60 * scale, width - 2 * margin - list_width - 12 * scale,
                         y - title_size * 0.8 - 60 * scale, fillColor=HexColor(colours.primary_tint),
                         strokeColor=HexColor(colours.rule), strokeWidth=0.5))
    for item in slide.items:
        lines = _split(item, names.regular, body_size, list_width - body_size)
        for index, line in enumerate(lines):
            y -= body_size * 1.2
            if index == 0 and slide.role == "content":
                drawing.add(String(margin, y, "\u2022", fontName=names.regular, fontSize=body_size, fillColor=ink))
            _draw_line(drawing, margin + body_size, y, line, names.regular, body_size, ink)
        y -= body_size * 0.3
    return drawing


def _numbered_canvas(title: str, words: Wording = ENGLISH):
    """A canvas that prints "title · Page N of M" at the foot of every page, as a pagination artifact."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                tagging.draw_footer(self, lambda number=number: self._footer(title, number, total))
                super().showPage()
            super().save()

        def _footer(self, text: str, number: int, total: int) -> None:
            self.setFillColor(HexColor(THEME.colours.muted))
            x, line = THEME.margins.left * mm, f"{text}{words.separator}{words.page_of(number, total)}"
            for run in re.findall(r"(?:[^\u3000-\u9fff\uff00-\uffef]+|[\u3000-\u9fff\uff00-\uffef]+)", line):
                font = THEME.fonts.cjk if fonts.is_cjk(run[0]) else THEME.fonts.regular
                self.setFont(font, SIZES.footer)
                self.drawString(x, THEME.margins.footer_baseline * mm, run)
                x += stringWidth(run, font, SIZES.footer)

    return NumberedCanvas
