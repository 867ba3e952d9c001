"""The building blocks every printed format is made of, at the sizes of one `PrintSizes`.

The A4 leaflet, the large-print leaflet and the trifold lay out the same blocks
(header, causes, warning panel, advice, sources, publisher) in different frames.
Every block is a reportlab flowable that flows on or splits rather than clipping.

Every block also adds its part of the PDF's structure tree to `into` (see tagging.py):
headings, paragraphs, lists and figures, in reading order; tables only arrange the page,
so their backgrounds and borders, and icons beside the words they illustrate, are artifacts.
"""

from __future__ import annotations

import dataclasses
from html import escape
import functools
import re
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as platypus_paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paraparser import ParaFrag

from leaflets import fonts, languages
from leaflets.pictures import icons, images
from leaflets.print import tagging
from leaflets.content import Cause, Content, Publisher, Source, Topic
from leaflets.print.tagging import Element
from leaflets.theme import THEME, PrintSizes
from leaflets import wording
from leaflets.wording import ENGLISH, Wording

LOGO_HEIGHT = 14 * mm


@functools.lru_cache(maxsize=4096)  # fixed wording and shared sources come again in every output
def text(value: str) -> str:
    """Content is plain text; reportlab reads markup, so <, > and & must be escaped. A number stays on
    the line of its unit, and a date on one line (see `unbroken`); Chinese runs are set in the Chinese
    font, the Latin letters and digits among them in the print font."""
    return fonts.mixed(escape(unbroken(value), quote=False))


NBSP = "\u00a0"
_UNITS = (r"(?:mm|cm|m|km|mg|mcg|µg|g|kg|ml|mL|l|L|°C|°F|°|%|kcal|IU|units?|tablets?|capsules?|puffs?|drops?"
          r"|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|am|pm|a\.m\.|p\.m\.)")
_NUMBER_AND_UNIT = re.compile(rf"(?<![\w.])(\d+(?:[.,]\d+)?) +(?={_UNITS}(?![\w°]))")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(\d{{1,2}}) +({_MONTHS})(?: +(\d{{4}}))?\b|\b({_MONTHS}) +(\d{{4}})\b")


def unbroken(value: str) -> str:
    """`value` with no-break spaces where a typesetter would not break a line: between a number and its
    unit (10 cm, 20 mg, 37.5 °C, "10 to 20 cm" keeps "20 cm") and inside a date (15 January 2026)."""
    value = _NUMBER_AND_UNIT.sub(lambda m: m.group(1) + NBSP, value)
    return _DATE.sub(lambda m: NBSP.join(filter(None, m.groups())), value)


def paragraph(markup: str, style: ParagraphStyle, **kwargs) -> Paragraph:
    """A paragraph; one with Chinese in it breaks between characters (and never before 。，、？！ and the like)."""
    if fonts.has_cjk(markup):
        return ChineseParagraph(markup, _chinese(style), **kwargs)
    return LinesBrokenOnce(markup, style, **kwargs)


# Parsed markup by (markup, style, bullet, case sensitivity), least recently used first; about a
# kilobyte each, the least recently used dropped past this many.
_PARSED: dict[tuple, tuple] = {}
_PARSED_AT_MOST = 1000


class LinesBrokenOnce(Paragraph):
    """A paragraph that breaks its lines once for each width it is given. Platypus asks most paragraphs
    their height two or three times at the same width (a KeepTogether, then the frame; a table, then
    its cell again), and breaking the lines is most of what laying out a leaflet costs."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        # The height asked for plays no part in a paragraph's wrap; a split that finds no room drops
        # the broken lines (blPara), and then they are broken again.
        mine = vars(self)
        if mine.get("_broken_at") == availWidth and "blPara" in mine:
            return self.width, self.height
        key = (mine.get("_markup"), availWidth)
        if key[0] is not None:
            broken = _BROKEN.pop(key, None)
            if broken is not None:  # the same markup in the same style at this width: its lines
                _BROKEN[key] = broken
                mine.update(_copied(broken), _broken_at=availWidth)
                return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._broken_at = availWidth
        if key[0] is not None and self.width == availWidth:  # else too narrow to break at all
            broken = _lines_to_keep(self)
            if broken is not None:
                if len(_BROKEN) >= _PARSED_AT_MOST:
                    del _BROKEN[next(iter(_BROKEN))]
                _BROKEN[key] = _copied(broken)
        return size

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - reportlab's names
        # The same markup in the same style is parsed once per process: the trifold measures its panels
        # on copies of the blocks it then sets, and a leaflet may be laid out more than once. Each
        # paragraph gets its own copies of the parsed pieces (reportlab changes them as it sets lines).
        if frags is not None or not isinstance(text, str) or not isinstance(bulletText, (str, type(None))):
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, style, bulletText, self.caseSensitive)
        parsed = _PARSED.pop(key, None)
        if parsed is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if isinstance(self.bulletText, (str, type(None))):  # not the pieces of a <bullet> in the markup
                if len(_PARSED) >= _PARSED_AT_MOST:
                    del _PARSED[next(iter(_PARSED))]
                _PARSED[key] = (self.text, self.style, [frag.clone() for frag in self.frags], self.bulletText)
                self._markup = (*key, self.encoding)
            return None
        _PARSED[key] = parsed  # now the most recently used
        self._markup = (*key, self.encoding)
        cleaned, parsed_style, parsed_frags, bullet = parsed
        return super()._setup(cleaned, parsed_style, bullet, [frag.clone() for frag in parsed_frags], cleaner)


# The lines a paragraph of markup broke into at a width (what Paragraph.wrap leaves on it), by the
# markup's key in _PARSED and the width, least recently used first, as many as there are parsed: the same
# markup in the same style breaks the same way at the same width, and fixed wording, shared sources and
# a leaflet laid out again repeat it. Each paragraph gets its own copy (reportlab changes the lines as it
# splits and sets them).
_BROKEN: dict[tuple, dict] = {}


def _lines_to_keep(paragraph: Paragraph) -> dict | None:
    """What wrapping left on `paragraph`, when it is of the kinds `_copied` copies whole: lines of plain
    words in one style, or lines of pieces in several (never hyphenated or split words)."""
    mine = vars(paragraph)
    lines = mine.get("blPara")
    if lines is None or "frags" not in mine:
        return None
    if paragraph.style.wordWrap == "CJK":  # broken between characters, into lines of pieces
        if lines.kind == 1 and _plain_pieces(lines):
            return {name: mine[name] for name in _SET_BY_CJK_WRAP}
        return None
    if lines.kind == 0:
        if not all(type(line) is tuple and all(type(word) is str for word in line[1]) for line in lines.lines):
            return None
    elif lines.kind == 1:
        if not (_plain_pieces(lines) and all(type(word) in _PLAIN_FRAG_WORDS for word in paragraph.frags)):
            return None
    else:
        return None
    return {name: mine[name] for name in _SET_BY_WRAP + (("frags",) if lines.kind == 1 else ())}


def _plain_pieces(lines) -> bool:
    return type(lines) is platypus_paragraph.ParaLines and all(
        type(line) is platypus_paragraph.FragLine and all(type(word) is ParaFrag for word in line.words)
        for line in lines.lines)


_SET_BY_WRAP = ("width", "height", "_wrapWidths", "_width_max", "_splitLongWordCount", "_hyphenations", "blPara")
_SET_BY_CJK_WRAP = ("width", "height", "_wrapWidths", "blPara")
_PLAIN_FRAG_WORDS = (list, platypus_paragraph._HSFrag)  # a word's pieces, [width, (piece, text), ...]


def _copied(broken: dict) -> dict:
    """A copy of what `_lines_to_keep` kept that no paragraph shares with another."""
    copied = dict(broken, _wrapWidths=list(broken["_wrapWidths"]))
    lines = broken["blPara"]
    if lines.kind == 0:
        copied["blPara"] = lines.clone(lines=[(space, list(words)) for space, words in lines.lines])
    else:
        copied["blPara"] = lines.clone(lines=[line.clone(words=[word.clone() for word in line.words])
                                              for line in lines.lines])
        if "frags" in broken:
            copied["frags"] = [type(word)(word) for word in broken["frags"]]
    return copied


# What makes two pieces of a paragraph look alike (reportlab's accelerator compares these).
_LOOKS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()


def same_look(f, g) -> bool:
    """reportlab's sameFrag (whether two pieces of a paragraph set as one run), deciding as its C accelerator
    does, but without the error the accelerator raises and clears for each attribute a piece lacks: it
    is asked for every word of a paragraph with bold or a link in it, and the errors were most of the
    time such a paragraph took to break into lines."""
    if hasattr(f, "cbDefn") or hasattr(g, "cbDefn") or hasattr(f, "lineBreak") or hasattr(g, "lineBreak"):
        return False
    for name in _LOOKS:
        a, b = getattr(f, name, _ABSENT), getattr(g, name, _ABSENT)
        if a is not b and (a is _ABSENT or b is _ABSENT or a != b):
            return False
    return True


# The width of a word (or a space) in a font at a size, as reportlab's line breaking measures it, which
# it does for every word each time a paragraph is broken and, in a paragraph with bold or a link, for
# the spaces before each word on the line again; emptied when it holds this many (some 200 bytes each).
_WIDTHS: dict[tuple, float] = {}
_WIDTHS_AT_MOST = 20_000


def word_width(text, fontName, fontSize, encoding="utf8") -> float:  # noqa: N803 - reportlab's names
    """reportlab's stringWidth, measured once per process for each word, font and size."""
    font = getFont(fontName)
    key = (text, font, fontSize, encoding)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _WIDTHS_AT_MOST:
            _WIDTHS.clear()
        width = _WIDTHS[key] = font.stringWidth(text, fontSize, encoding)
    return width


def ascent_and_descent(fontName, fontSize=None) -> tuple[float, float]:  # noqa: N803 - reportlab's names
    """reportlab's getAscentDescent, once per process for each font and size: line breaking asks it for
    every word of a paragraph with bold or a link in it, and for every character of Chinese (and for a
    TrueType font it raises and catches an error each time)."""
    return _ascent_and_descent(getFont(fontName), fontName, fontSize)


@functools.lru_cache(maxsize=256)
def _ascent_and_descent(font, fontName, fontSize) -> tuple[float, float]:  # noqa: N803 - reportlab's names
    return getAscentDescent(fontName, fontSize)


# The names reportlab's line breaking calls these by (Chinese is broken in textsplit).
platypus_paragraph.sameFrag, platypus_paragraph.stringWidth = same_look, word_width
platypus_paragraph.getAscentDescent = ascent_and_descent
textsplit.stringWidth = word_width


class ChineseParagraph(LinesBrokenOnce):
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


@functools.lru_cache(maxsize=256)
def _chinese(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-zh", parent=style, wordWrap="CJK")


# One style object per variant, so that paragraphs in it find their parsed markup (keyed by style).
@functools.lru_cache(maxsize=64)
def _in_colour(style: ParagraphStyle, colour: str, name: str) -> ParagraphStyle:
    return ParagraphStyle(name, parent=style, textColor=HexColor(colour))


@functools.lru_cache(maxsize=64)
def _in_bold(style: ParagraphStyle, name: str) -> ParagraphStyle:
    return ParagraphStyle(name, parent=style, fontName=THEME.fonts.bold)


def link(url: str) -> str:
    """Markup for a web address that is also a link a screen reader announces (and a PDF viewer follows)."""
    address = escape(url, quote=False).replace('"', "&quot;")
    return f'<a href="{address}">{text(url)}</a>'


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


def picture(image, sizes: PrintSizes, into: Element) -> Flowable:
    """A picture from content.yaml, a little taller than three lines of body text and left-aligned,
    tagged as a figure whose alternative text is the content's `alt`."""
    height = sizes.body * 6
    drawn = logo(image.file, height, height * 3)
    drawn.hAlign = "LEFT"
    return tagging.tag(drawn, into.add("Figure", image.alt))


def section_heading(title: str, icon: str, width: float, sizes: PrintSizes, into: Element) -> Table:
    """A heading (H2) in its icon's colour, after the icon, kept with what follows it.

    The icon repeats what the heading says, so it is an artifact."""
    size, colour = sizes.icon, icons.COLOURS[icon]
    style = _in_colour(styles(sizes)["heading"], colour, "h")
    row = table([[tagging.artifact(icons.drawing(icon, size, colour)), tagged_paragraph(text(title), style, into, "H2")]],
                colWidths=[size + 8, width - size - 8])
    row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding()))
    row.keepWithNext = True
    row.spaceBefore, row.spaceAfter = sizes.body * sizes.gap, sizes.body * 0.5
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
    """A cause's name (H3), its explanation, and what the person and a doctor can do, kept together on
    one page or panel when they fit there; when they do not, the name still stays with its explanation
    (its style keeps it with the next paragraph) and each care line moves whole rather than split."""
    style = styles(sizes)
    parts: list[Flowable] = [tagged_paragraph(text(cause.name), style["cause"], into, "H3")]
    if cause.image:
        parts.append(picture(cause.image, sizes, into))
    parts.append(tagged_paragraph(text(cause.explanation), style["body"], into))
    if with_care:
        for label, care in ((words.self_care_label, cause.self_care), (words.medical_care_label, cause.medical_care)):
            if care:
                parts.append(unsplit(tagged_paragraph(f"<b>{text(label)}</b>{words.label_gap}{text(care)}",
                                                      style["body"], into)))
    return kept_with_next(parts)


def kept_with_next(parts: list[Flowable]) -> list[Flowable]:
    """`parts` kept together with what follows each, so the page or panel breaks before them when they fit
    on the next. (Each flags the next rather than sitting in a KeepTogether: a KeepTogether inside another
    reports itself too tall for any page, so the outer one would always start a new page.)"""
    for part in parts[:-1]:
        # A vector picture (reportlab's Drawing) refuses attributes it does not declare; platypus reads
        # keepWithNext from any flowable all the same.
        vars(part)["keepWithNext"] = True
    return parts


def brief_cause_block(cause: Cause, sizes: PrintSizes, into: Element) -> list[Flowable]:
    """A cause's name (H3) and its key points (its explanation when it has none) as a list, kept together."""
    style = styles(sizes)
    points = cause.key_points or (cause.explanation,)
    name = tagged_paragraph(text(cause.name), style["cause"], into, "H3")
    return kept_with_next([name, *bullets(points, sizes, into)])


def warning_panel(topic: Topic, width: float, sizes: PrintSizes, into: Element) -> Flowable:
    """A bordered panel that stands out in greyscale by its border, icon and bold heading."""
    colours, style = THEME.colours, styles(sizes)
    pad, words = sizes.body, wording.of(None, topic)
    heading = section_heading(words.warning_heading, "warning", width - 2 * pad, sizes, into)
    heading.spaceBefore, heading.outline = 0, None
    rows = [[heading], [tagged_paragraph(text(words.warning_lead), style["body_bold"], into)],
            *([sign] for sign in bullets(topic.warning_sign_texts, sizes, into, keep_whole=False))]
    panel = boxed_table(rows, 2.5, colours.warning, colWidths=[width], splitByRow=1)
    panel.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(colours.warning_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.8), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.8),
    ))
    panel.spaceBefore = sizes.body * (sizes.gap + 0.1)
    # Kept whole when it fits a page, so its heading never ends a page alone.
    return KeepTogether([outlined(panel, words.warning_heading)])


def urgent_box(topic: Topic, publisher: Publisher | None, width: float, sizes: PrintSizes,
               into: Element) -> Flowable | None:
    """The signs that need emergency help, as health services print red-flag symptoms: a white heading on
    a dark red band with the warning icon, then the signs in bold inside a thick dark red border, so the
    box reads as the most urgent thing on the page in greyscale too. None when the topic has none."""
    if not topic.urgent_signs:
        return None
    colours, style = THEME.colours, styles(sizes)
    pad, words = sizes.body, wording.of(None, topic)
    on_dark = _in_colour(style["heading"], colours.on_primary, "urgent-heading")
    size = sizes.icon
    band = table([[tagging.artifact(icon_on_paper("warning", size)),
                   tagged_paragraph(text(words.urgent_heading), on_dark, into, "H2")]],
                 colWidths=[size + 8, width - 2 * pad - size - 8])
    band.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_no_padding()))
    lead = tagged_paragraph(text(words.urgent_lead_for(publisher)), style["body_bold"], into)
    bold_bullet = _in_bold(style["bullet"], "urgent-sign")
    items = into.add("L")
    signs = [tagging.tag_list_item(LinesBrokenOnce(text(sign), bold_bullet, bulletText="\u2022"), items.add("LI"))
             for sign in topic.urgent_signs]
    rows = [[band], [lead], *([sign] for sign in signs)]
    box = boxed_table(rows, 4, colours.warning, colWidths=[width], splitByRow=1)
    box.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(colours.warning)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.6), ("BOTTOMPADDING", (0, 0), (-1, 0), pad * 0.6),
        ("TOPPADDING", (0, 1), (-1, 1), pad * 0.6), ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.8),
    ))
    box.spaceBefore = sizes.body * (sizes.gap + 0.1)
    return KeepTogether([outlined(box, words.urgent_heading)])


def icon_on_paper(name: str, size: float) -> Drawing:
    """The icon in its colour on a white disc, so it shows on a dark band (its cut-outs are white)."""
    from reportlab.graphics.shapes import Circle

    colour = icons.COLOURS[name]
    disc = Drawing(size, size, initialFontName=THEME.fonts.regular)  # else Helvetica, unembedded
    disc.add(Circle(size / 2, size / 2, size / 2, fillColor=HexColor(THEME.colours.paper), strokeColor=None))
    inner = icons.drawing(name, size * 0.7, colour)
    inner.translate(size * 0.15, size * 0.17)
    disc.add(inner)
    return disc


def advice(topic: Topic, width: float, sizes: PrintSizes, into: Element, first: bool = False) -> list[Flowable]:
    """The advice section; `first` when it starts a page or panel, so it needs no space above."""
    heading = section_heading(wording.of(None, topic).advice_heading, "advice", width, sizes, into)
    if first:
        heading.spaceBefore = 0
    return kept_list(heading, bullets(topic.advice, sizes, into))


def kept_list(heading: Flowable, items: list[Flowable]) -> list[Flowable]:
    """A heading and its list, the heading kept with the first two items and the last item with the one
    before it, so no page or panel starts or ends with a heading and one item."""
    if len(items) >= 2:
        items[-2].keepWithNext = True
    return [*kept_with_next([heading, *items[:2]]), *items[2:]]


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
    box.spaceBefore = sizes.body * sizes.gap
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
                  compact: bool = False, text_width: float | None = None, words: Wording = ENGLISH) -> Flowable:
    """The sources cited and the notice that this is not a doctor's advice, kept together.

    `compact` sets them as a closing block at the format's `closing` size, which may save a page;
    `text_width`, when narrower than the heading's, is the width of the disclaimer's panel."""
    style = styles(sizes)
    cited = style["closing"] if compact else style["source"]
    heading = section_heading(words.sources_heading, "sources", width, sizes, into)
    if compact:
        heading.spaceBefore = sizes.body * 0.8
    parts: list[Flowable] = [
        heading,
        *(tagged_paragraph(source_citation(source, sizes, words), cited, into) for source in sources),
        notice(words.disclaimer("leaflet"), text_width or width, sizes, into, compact),
    ]
    return KeepTogether(parts)


def notice(value: str, width: float, sizes: PrintSizes, into: Element, compact: bool = False) -> Table:
    """Bold text on a tinted panel."""
    pad = (sizes.closing if compact else sizes.body) * 0.8
    panel = table([[tagged_paragraph(text(value), styles(sizes)["closing_notice" if compact else "notice"], into)]],
                  colWidths=[width])
    panel.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(THEME.colours.primary_tint)),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
    ))
    panel.spaceBefore = sizes.body * 0.7
    return panel


def closing_block(content: Content, topic: Topic, width: float, sizes: PrintSizes, into: Element,
                  words: Wording = ENGLISH) -> Flowable:
    """The sources and disclaimer beside who published the leaflet, at the format's `closing` size, under
    the sources' heading: the back matter in as little height as it can take, to save a page."""
    gap = sizes.body * 1.2
    column = (width - gap) / 2
    sources = sources_block(content.sources_of(topic), width, sizes, into, compact=True, text_width=column,
                            words=words)
    about = about_block(content, topic, column, sizes, into, compact=True)
    if about is None:
        return sources
    # A table cell lays out a list of flowables; a KeepTogether in one would report itself too tall.
    heading, *left = sources._content
    right = about._content
    right[0].spaceBefore = 0
    row = table([[left, right]], colWidths=[column + gap, column])
    row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding(),
                             ("RIGHTPADDING", (0, 0), (0, 0), gap)))
    return KeepTogether([heading, row])


def source_citation(source: Source, sizes: PrintSizes, words: Wording = ENGLISH) -> str:
    """The shared citation, with the title in italics as a reference list sets it (in quotes for large print),
    and its web address as a link."""
    rest = text(words.citation(dataclasses.replace(source, title="", url=None)).lstrip(words.citation_separator))
    title = f"<i>{text(source.title)}</i>" if sizes.italics else text(words.say("quoted_title", title=source.title))
    comma = text(words.citation_separator)
    address = f"{comma}{link(source.url)}" if source.url else ""
    return f"{title}{comma}{rest}{address}{text(words.full_stop)}"


def about_block(content: Content, topic: Topic, width: float, sizes: PrintSizes, into: Element,
                compact: bool = False, with_translation: bool = False) -> Flowable | None:
    """Who publishes the leaflet, how to reach them, when it was reviewed, and a QR code to read more;
    `compact` sets the lines at the format's `closing` size."""
    style = styles(sizes)
    words = wording.of(content, topic)
    line_style = style["closing"] if compact else style["body"]
    parts: list[Flowable] = [tagged_paragraph(line, line_style, into)
                             for line in about_lines(content, topic, with_translation)]
    url = topic.qr_url(content.sources_of(topic))
    if url:
        code = tagging.tag(qr_code(url, sizes.body * 6.5), into.add("Figure", alt=words.say("qr_code_of", url=url)))
        caption = tagged_paragraph(f"<b>{text(words.scan_to_read)}</b><br/>{link(url)}", line_style, into)
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
    squares = qr_squares(url)
    x0, y0, x1, y1 = squares.getBounds()
    drawing = icons.SharedDrawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                      initialFontName=THEME.fonts.regular)
    drawing.add(squares)
    return drawing


@functools.lru_cache(maxsize=16)
def qr_squares(url: str) -> Group:
    """The squares of the QR code for `url`, as reportlab's QR widget draws them, worked out once per
    process: the widget encodes the address again each time it is measured or drawn, which cost more than
    the rest of a leaflet. The shapes are shared, and only read when drawn."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # only a topic or publisher with a web page needs it

    return QrCodeWidget(url, barLevel="M", barBorder=4).draw()


def prepare(sizes: PrintSizes) -> None:
    """Make what every printed output makes when it is first written: the print fonts registered, the
    format's paragraph styles, the section icons converted, the PDF library the structure tree is added
    with imported, and the catalogues of fixed wording read. A writer's `before_workers` calls it in the process that starts the workers, which then
    share it instead of each paying for it on its first output."""
    styles(sizes)
    icons.convert_all()
    tagging.load_pdf_library()
    for name in languages.names():  # each catalogue of fixed wording is a YAML file to read
        languages.phrases(name)


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
        "closing": style("closing", sizes.closing, spaceAfter=sizes.closing * 0.2),
        "closing_notice": style("closing_notice", sizes.closing, names.bold),
        "footer": style("footer", sizes.footer, colour=HexColor(colours.muted)),
    }
