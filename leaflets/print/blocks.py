"""The building blocks every printed format is made of, at the sizes of one `PrintSizes`.

The A4 leaflet, the large-print leaflet and the trifold lay out the same blocks
(header, causes, warning panel, advice, sources, publisher) in different frames.
Every block is a reportlab flowable that flows on or splits rather than clipping.

Every block also adds its part of the PDF's structure tree to `into` (see tagging.py):
headings, paragraphs, lists and figures, in reading order; tables only arrange the page,
so their backgrounds and borders, and icons beside the words they illustrate, are artifacts.
"""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from leaflets import fonts
from leaflets.pictures import icons, images
from leaflets.print import tagging
from leaflets.content import Cause, Content, Publisher, Source, Topic
from leaflets.print.tagging import Element
from leaflets.theme import THEME, PrintSizes
from leaflets import wording
from leaflets.wording import ENGLISH, Wording

LOGO_HEIGHT = 14 * mm


def text(value: str) -> str:
    """Content is plain text; reportlab reads markup, so <, > and & must be escaped. Chinese runs are
    set in the Chinese font, the Latin letters and digits among them in the print font."""
    return fonts.mixed(escape(value))


def paragraph(markup: str, style: ParagraphStyle, **kwargs) -> Paragraph:
    """A paragraph; one with Chinese in it breaks between characters (and never before 。，、？！ and the like)."""
    if fonts.has_cjk(markup):
        return ChineseParagraph(markup, _chinese(style), **kwargs)
    return Paragraph(markup, style, **kwargs)


class ChineseParagraph(Paragraph):
    """Chinese line breaking with the rules reportlab keeps only in part: no line starts with closing
    punctuation (reportlab hangs one such mark in the margin, not two, as in '）。') and none ends with an
    opening bracket. A line that breaks a rule is set one character shorter, until none does."""

    def breakLinesCJK(self, maxWidths):
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        for _ in range(50):
            lines = super().breakLinesCJK(widths)
            texts = [_line_text(line) for line in lines.lines]
            wrong = next((n for n in range(len(texts) - 1)
                          if texts[n + 1][:1] in fonts.CANNOT_START or texts[n][-1:] in fonts.CANNOT_END), None)
            if wrong is None:
                return lines
            widths += [widths[-1]] * (len(texts) - len(widths))
            widths[wrong] -= self.style.fontSize
        return lines


def _line_text(line) -> str:
    if isinstance(line, (tuple, list)):  # one font: (extra space, [text])
        return "".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


@functools.lru_cache(maxsize=256)  # headings make a style per call; keep the cache bounded
def _chinese(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-zh", parent=style, wordWrap="CJK")


def link(url: str) -> str:
    """Markup for a web address that is also a link a screen reader announces (and a PDF viewer follows)."""
    return f'<a href="{escape(url, {chr(34): "&quot;"})}">{text(url)}</a>'


def table(rows, **kwargs) -> Table:
    """A layout table: its backgrounds and borders are artifacts; what its cells hold is tagged by its maker."""
    return Table(rows, renderCB=tagging.artifact_table_callback, **kwargs)


def boxed_table(rows, weight: float, colour: str, **kwargs) -> Table:
    """A layout table with a border, drawn as one rectangle: a table's BOX is drawn as a rule per row
    side, which accessibility checkers read as a data grid that needs tagging."""
    def render(drawn: Table, event: str, *args) -> None:
        tagging.artifact_table_callback(drawn, event, *args)
        if event == "startLines":
            canvas = drawn.canv
            canvas.saveState()
            canvas.setStrokeColor(HexColor(colour))
            canvas.setLineWidth(weight)
            canvas.rect(0, 0, drawn._width, drawn._height, stroke=1, fill=0)
            canvas.restoreState()

    return Table(rows, renderCB=render, **kwargs)


def tagged_paragraph(markup: str, style: ParagraphStyle, into: Element, role: str = "P") -> Paragraph:
    return tagging.tag(paragraph(markup, style), into.add(role))


def table_style(*commands) -> TableStyle:
    """Table commands, with the cell font set: a table's default Helvetica would be left unembedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), THEME.fonts.regular), *commands])


def _no_padding() -> tuple:
    return (("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0))


def outlined(flowable: Flowable, title: str, level: int = 0) -> Flowable:
    """Mark a flowable as the start of a section for the PDF's outline (bookmarks)."""
    flowable.outline = (title, level)
    return flowable


def bookmark_if_outlined(canvas, flowable: Flowable) -> None:
    """Add the outline entry for a flowable marked by `outlined`, once it has been drawn."""
    outline = getattr(flowable, "outline", None)
    if outline is None:
        return
    title, level = outline
    key = f"section-{id(flowable)}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(title, key, level)
    canvas.showOutline()


def header(content: Content, topic: Topic, width: float, sizes: PrintSizes, into: Element) -> list[Flowable]:
    """The publisher's letterhead, when there is one, then the title band."""
    style = styles(sizes)
    top = letterhead(content.publisher, width, sizes, into, wording.of(content, topic)) if content.publisher else None
    rows = [[tagged_paragraph(text(topic.title), style["title"], into, "H1")]]
    if topic.subtitle:
        rows.append([tagged_paragraph(text(topic.subtitle), style["subtitle"], into)])
    band = table(rows, colWidths=[width], cornerRadii=[6, 6, 6, 6])
    band.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(THEME.colours.primary)),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, 0), 12), ("BOTTOMPADDING", (0, -1), (-1, -1), 13),
    ))
    band = outlined(band, topic.title)
    if top is None:
        return [band]
    return [top, Spacer(0, 6), band]


def letterhead(publisher: Publisher, width: float, sizes: PrintSizes, into: Element,
               words: Wording = ENGLISH) -> Flowable:
    """The logo and the organisation's name on one line."""
    if not publisher.logo:
        return tagged_paragraph(text(publisher.name), styles(sizes)["publisher"], into)
    image = tagging.tag(logo(publisher.logo, LOGO_HEIGHT, max_width=width / 3),
                        into.add("Figure", alt=words.say("logo_of", name=publisher.name)))
    name = tagged_paragraph(text(publisher.name), styles(sizes)["publisher"], into)
    image_width, _ = image.wrap(width, LOGO_HEIGHT)
    row = table([[image, name]], colWidths=[image_width + 10, width - image_width - 10])
    row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding()))
    return row


def logo(path: Path, height: float, max_width: float) -> Flowable:
    """The publisher's logo at `height`, keeping its proportions (narrower if it would pass `max_width`)."""
    checked = images.read_for_output(path)
    if checked.kind == "SVG":
        drawing = icons.logo_drawing(checked)
        scale = min(height / drawing.height, max_width / drawing.width)
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        return drawing
    image = icons.logo_picture(checked)
    scale = min(height / image.imageHeight, max_width / image.imageWidth)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def section_heading(title: str, icon: str, width: float, sizes: PrintSizes, into: Element) -> Table:
    """A heading (H2) in its icon's colour, after the icon, kept with what follows it.

    The icon repeats what the heading says, so it is an artifact."""
    size, colour = sizes.icon, icons.COLOURS[icon]
    style = ParagraphStyle("h", parent=styles(sizes)["heading"], textColor=HexColor(colour))
    row = table([[tagging.artifact(icons.drawing(icon, size, colour)), tagged_paragraph(text(title), style, into, "H2")]],
                colWidths=[size + 8, width - size - 8])
    row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding()))
    row.keepWithNext = True
    row.spaceBefore, row.spaceAfter = sizes.body * 1.2, sizes.body * 0.5
    return outlined(row, title)


def causes(topic: Topic, width: float, sizes: PrintSizes, into: Element, detail: str = "full") -> list[Flowable]:
    """The causes section, each cause in "full", "explained" (without care) or by its "key-points"."""
    words = wording.of(None, topic)
    heading = section_heading(words.causes_heading(topic), "causes", width, sizes, into)
    if detail == "key-points":
        blocks = [brief_cause_block(cause, sizes, into) for cause in topic.causes]
    else:
        blocks = [cause_block(cause, sizes, into, with_care=detail == "full", words=words) for cause in topic.causes]
    return [heading, *(part for block in blocks for part in block)]


def cause_block(cause: Cause, sizes: PrintSizes, into: Element, with_care: bool = True,
                words: Wording = ENGLISH) -> list[Flowable]:
    """A cause's name (H3) kept with its explanation, then what the person and a doctor can do."""
    style = styles(sizes)
    parts: list[Flowable] = [KeepTogether([tagged_paragraph(text(cause.name), style["cause"], into, "H3"),
                                           tagged_paragraph(text(cause.explanation), style["body"], into)])]
    if not with_care:
        return parts
    # Each a short paragraph: moved whole to the next page or panel rather than split.
    if cause.self_care:
        parts.append(KeepTogether([tagged_paragraph(f"<b>{text(words.self_care_label)}</b>{words.label_gap}{text(cause.self_care)}",
                                                    style["body"], into)]))
    if cause.medical_care:
        parts.append(KeepTogether([tagged_paragraph(f"<b>{text(words.medical_care_label)}</b>{words.label_gap}{text(cause.medical_care)}",
                                                    style["body"], into)]))
    return parts


def brief_cause_block(cause: Cause, sizes: PrintSizes, into: Element) -> list[Flowable]:
    """A cause's name (H3) and its key points (its explanation when it has none) as a list, kept together."""
    style = styles(sizes)
    points = cause.key_points or (cause.explanation,)
    name = tagged_paragraph(text(cause.name), style["cause"], into, "H3")
    return [KeepTogether([name, *bullets(points, sizes, into)])]


def warning_panel(topic: Topic, width: float, sizes: PrintSizes, into: Element) -> Flowable:
    """A bordered panel that stands out in greyscale by its border, icon and bold heading."""
    colours, style = THEME.colours, styles(sizes)
    pad, words = sizes.body, wording.of(None, topic)
    heading = section_heading(words.warning_heading, "warning", width - 2 * pad, sizes, into)
    heading.spaceBefore, heading.outline = 0, None
    rows = [[heading], [tagged_paragraph(text(words.warning_lead), style["body_bold"], into)],
            *([sign] for sign in bullets(topic.warning_signs, sizes, into, keep_whole=False))]
    panel = boxed_table(rows, 2.5, colours.warning, colWidths=[width], splitByRow=1)
    panel.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(colours.warning_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.8), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.8),
    ))
    panel.spaceBefore = sizes.body * 1.3
    # Kept whole when it fits a page, so its heading never ends a page alone.
    return KeepTogether([outlined(panel, words.warning_heading)])


def advice(topic: Topic, width: float, sizes: PrintSizes, into: Element, first: bool = False) -> list[Flowable]:
    """The advice section; `first` when it starts a page or panel, so it needs no space above."""
    heading = section_heading(wording.of(None, topic).advice_heading, "advice", width, sizes, into)
    if first:
        heading.spaceBefore = 0
    return [heading, *bullets(topic.advice, sizes, into)]


def words_to_know(entries: tuple[tuple[str, str], ...], width: float, sizes: PrintSizes,
                  into: Element, words: Wording = ENGLISH) -> Flowable | None:
    """The glossary entries a topic uses, in a box outlined in the primary colour; None when there are none.

    Tagged as a heading and a list; an entry has no printed label, so its list item is all LBody."""
    if not entries:
        return None
    colours, style = THEME.colours, styles(sizes)
    pad = sizes.body * 0.8
    rows = [[tagged_paragraph(text(words.words_to_know_heading), style["heading"], into, "H2")]]
    entry_list = into.add("L")
    rows += [[tagging.tag(paragraph(f"<b>{text(term)}</b>{text(words.term_separator)}{text(meaning)}", style["body"]),
                          entry_list.add("LI").add("LBody"))] for term, meaning in entries]
    box = boxed_table(rows, 1.5, colours.primary, colWidths=[width], splitByRow=1)
    box.setStyle(table_style(
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.7), ("BOTTOMPADDING", (0, 0), (-1, 0), pad * 0.3),
        ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.6),
    ))
    box.spaceBefore = sizes.body * 1.2
    return KeepTogether([outlined(box, words.words_to_know_heading)])


def icon_line(icon: str, colour: str, value: str, width: float, sizes: PrintSizes, item: Element) -> Table:
    """A line of body text after a small icon, as in a list of contents; the icon is an artifact."""
    size = sizes.body * 1.4
    line = table([[tagging.artifact(icons.drawing(icon, size, colour)),
                   tagging.tag(paragraph(text(value), styles(sizes)["body"]), item.add("LBody"))]],
                 colWidths=[size + 6, width - size - 6])
    line.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding(),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), sizes.body * 0.3)))
    return line


def bullets(values, sizes: PrintSizes, into: Element, keep_whole: bool = True) -> list[Flowable]:
    """A bulleted list (L, with an LI of Lbl and LBody for each item); an item is never split across pages.

    `keep_whole=False` for items that are rows of a table, which never splits a row."""
    items = into.add("L")
    style = styles(sizes)["bullet"]
    paragraphs = [tagging.tag_list_item(paragraph(text(value), style, bulletText="\u2022"), items.add("LI"))
                  for value in values]
    return [unsplit(p) for p in paragraphs] if keep_whole else paragraphs


def unsplit(flowable: Flowable) -> Flowable:
    """Move `flowable` whole to the next page or panel rather than split it; split only what is taller
    than a whole frame. (KeepTogether does the same but lays the paragraph out twice.)"""
    split = flowable.split

    def split_only_at_top(available_width, available_height):
        frame = getattr(flowable, "_frame", None)  # set by the frame while it asks for a split
        return split(available_width, available_height) if frame is None or frame._atTop else []

    vars(flowable)["split"] = split_only_at_top
    return flowable


def sources_block(sources: tuple[Source, ...], width: float, sizes: PrintSizes, into: Element,
                  words: Wording = ENGLISH) -> Flowable:
    """The sources cited and the notice that this is not a doctor's advice, kept together."""
    style = styles(sizes)
    parts: list[Flowable] = [
        section_heading(words.sources_heading, "sources", width, sizes, into),
        *(tagged_paragraph(source_citation(source, sizes, words), style["source"], into) for source in sources),
        notice(words.disclaimer("leaflet"), width, sizes, into),
    ]
    return KeepTogether(parts)


def notice(value: str, width: float, sizes: PrintSizes, into: Element) -> Table:
    """Bold text on a tinted panel."""
    pad = sizes.body * 0.8
    panel = table([[tagged_paragraph(text(value), styles(sizes)["notice"], into)]], colWidths=[width])
    panel.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(THEME.colours.primary_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
    ))
    panel.spaceBefore = sizes.body * 0.7
    return panel


def source_citation(source: Source, sizes: PrintSizes, words: Wording = ENGLISH) -> str:
    """The shared citation, with the title in italics as a reference list sets it (in quotes for large print),
    and its web address as a link."""
    rest = text(words.citation(source.model_copy(update={"title": "", "url": None})).lstrip(words.citation_separator))
    title = f"<i>{text(source.title)}</i>" if sizes.italics else text(words.say("quoted_title", title=source.title))
    comma = text(words.citation_separator)
    address = f"{comma}{link(source.url)}" if source.url else ""
    return f"{title}{comma}{rest}{address}{text(words.full_stop)}"


def about_block(content: Content, topic: Topic, width: float, sizes: PrintSizes, into: Element,
                with_translation: bool = False) -> Flowable | None:
    """Who publishes the leaflet, how to reach them, when it was reviewed, and a QR code to read more."""
    style = styles(sizes)
    words = wording.of(content, topic)
    parts: list[Flowable] = [tagged_paragraph(line, style["body"], into) for line in about_lines(content, topic, with_translation)]
    url = topic.qr_url(content.sources_of(topic))
    if url:
        code = tagging.tag(qr_code(url, sizes.body * 6.5), into.add("Figure", alt=words.say("qr_code_of", url=url)))
        caption = tagged_paragraph(f"<b>{text(words.scan_to_read)}</b><br/>{link(url)}", style["body"], into)
        if width < 100 * mm:  # a narrow panel: the address gets the full width below the code
            parts += [code, caption]
        else:
            row = table([[code, caption]], colWidths=[code.width + 10, width - code.width - 10])
            row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding()))
            parts.append(row)
    if not parts:
        return None
    if isinstance(parts[0], Drawing):  # the QR code alone: a drawing takes no spaceBefore
        return KeepTogether([Spacer(0, sizes.body), *parts])
    parts[0].spaceBefore = sizes.body
    return KeepTogether(parts)


def translated_from(content: Content, topic: Topic) -> str:
    """'Translated from "Leg cramps"' for a translation; empty for an original."""
    if not topic.translation_of:
        return ""
    return wording.of(content, topic).say("translated_from", title=content.topic(topic.translation_of).title)


def about_lines(content: Content, topic: Topic, with_translation: bool = False) -> list[str]:
    """Paragraph markup for the publisher, contact and review lines that are given."""
    lines, words = [], wording.of(content, topic)
    publisher = content.publisher
    if publisher:
        lines.append(f"<b>{text(words.say('published_by', name=publisher.name))}</b>")
        lines += [text(value) for value in (publisher.contact,) if value]
        lines += [link(publisher.url)] if publisher.url else []
        lines += [text(value) for value in (publisher.leaflet_from,) if value]
    review = words.review_line(topic)
    if review:
        lines.append(text(review))
    if with_translation and topic.translation_of:
        lines.append(text(translated_from(content, topic)))
    return lines


def qr_code(url: str, size: float) -> Drawing:
    """A QR code for `url`, `size` points square including its quiet zone."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                      initialFontName=THEME.fonts.regular)
    drawing.add(widget)
    return drawing


@functools.cache
def styles(sizes: PrintSizes) -> dict[str, ParagraphStyle]:
    """The paragraph styles of one format, all left-aligned and ragged-right."""
    fonts.register()
    colours, names = THEME.colours, THEME.fonts
    ink = HexColor(colours.ink)

    def style(name, size, font=names.regular, colour=ink, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * sizes.leading,
                              textColor=colour, alignment=TA_LEFT, **extra)

    body = sizes.body
    return {
        "title": style("title", sizes.title, names.bold, HexColor(colours.on_primary)),
        "subtitle": style("subtitle", sizes.subtitle, colour=HexColor(colours.on_primary), spaceBefore=2),
        "publisher": style("publisher", sizes.lead, names.bold, HexColor(colours.primary)),
        "lead": style("lead", sizes.lead, spaceAfter=2),
        "heading": style("heading", sizes.heading, names.bold),
        "cause": style("cause", sizes.cause_name, names.bold, HexColor(colours.primary),
                       spaceBefore=body * 0.6, spaceAfter=body * 0.15, keepWithNext=1),
        "body": style("body", body, spaceAfter=body * 0.25),
        "body_bold": style("body_bold", body, names.bold, spaceAfter=body * 0.2),
        "bullet": style("bullet", body, leftIndent=body * 1.2, bulletIndent=body * 0.15,
                        bulletFontName=names.bold, bulletFontSize=body, spaceAfter=body * 0.25),
        "source": style("source", body, spaceAfter=body * 0.25),
        "notice": style("notice", body, names.bold),
        "footer": style("footer", sizes.footer, colour=HexColor(colours.muted)),
    }
