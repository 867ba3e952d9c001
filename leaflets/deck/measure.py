"""Measure how many lines a text takes in a box, with real font metrics.

python-pptx cannot measure text, so the deck writer asks here before it places a
list. reportlab ships the metrics of Helvetica, Times and Courier, which match Arial,
Times New Roman and Courier New (and their Liberation twins) exactly; any other font
is measured as the nearest of these, made wider by a safety allowance.

The widths reportlab's stringWidth gives each character in these fonts are read from
assets/deck-metrics.json (made by assets/make_metrics.py), so a deck worker does not import
reportlab: a text with a character the table lacks is measured by stringWidth itself.
"""

from __future__ import annotations

import functools
import json

from leaflets import fonts
from leaflets.theme import asset


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` points, as a slide program would.

    Words wider than the line are broken between characters, as PowerPoint does; so is Chinese,
    which has no spaces between its words.
    """
    if fonts.has_cjk(text):
        return _wrap_chinese(text, font, size, width)
    lines: list[str] = []
    line, line_units = "", 0
    space = _units(" ", font)
    for word in text.split():
        for piece in _pieces(word, font, size, width):
            units = _units(piece, font)
            # As stringWidth(f"{line} {piece}", font, size), which sums the glyphs' widths (in thousandths of
            # the size) before it scales them: the line's sum is kept rather than measured again.
            if line and (line_units + space + units) * 0.001 * size > width:
                lines.append(line)
                line, line_units = piece, units
            elif line:
                line, line_units = f"{line} {piece}", line_units + space + units
            else:
                line, line_units = piece, units
    if line or not lines:
        lines.append(line)
    return lines


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    if _units(word, font) * 0.001 * size <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and string_width(piece + char, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


@functools.lru_cache(maxsize=16384)
def _units(word: str, font: str) -> int:
    """A word's width in thousandths of the type size, the whole number stringWidth sums from the font's
    glyph widths: the same words come back in every list a deck measures."""
    units = _table_units(word, font)
    return round(_reportlab_width(word, font, 1000)) if units is None else units


def string_width(text: str, font: str, size: float) -> float:
    """reportlab's stringWidth(text, font, size): the glyphs' whole-number widths summed, then scaled."""
    units = _table_units(text, font)
    return _reportlab_width(text, font, size) if units is None else units * 0.001 * size


def _table_units(text: str, font: str) -> int | None:
    """The sum of the table's widths of `text`'s characters; None if the table lacks the font or a character."""
    widths = _widths().get(font)
    if widths is None:
        return None
    try:
        return sum(map(widths.__getitem__, text))
    except KeyError:
        return None


@functools.cache
def _widths() -> dict[str, dict[str, int]]:
    return json.loads(asset("deck-metrics.json").read_text(encoding="utf-8"))["widths"]


def _reportlab_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _wrap_chinese(text: str, font: str, size: float, width: float) -> list[str]:
    """Chinese is measured one em per character (the East Asian fonts' advance), the rest as Latin text;
    a line breaks before any character but the punctuation that may not start one."""
    lines, line, used = [], "", 0.0
    for ch in " ".join(text.split()):
        advance = size if fonts.is_cjk(ch) else string_width(ch, font, size)
        if line and used + advance > width and ch not in fonts.CANNOT_START:
            lines.append(line)
            line, used = ch.lstrip(), 0.0 if ch == " " else advance
            continue
        line, used = line + ch, used + advance
    return lines + [line] if line or not lines else lines


def line_count(text: str, font: str, size: float, width: float) -> int:
    return len(wrap(text, font, size, width))


_EXACT = {
    "arial": "Helvetica", "helvetica": "Helvetica", "liberation sans": "Helvetica", "arimo": "Helvetica",
    "times new roman": "Times-Roman", "times": "Times-Roman", "liberation serif": "Times-Roman", "tinos": "Times-Roman",
    "courier new": "Courier", "courier": "Courier", "liberation mono": "Courier", "cousine": "Courier",
}
_SERIF_HINTS = ("serif", "georgia", "cambria", "garamond", "book", "palatino", "times", "minion", "baskerville")
_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
APPROXIMATION_ALLOWANCE = 1.12


def metrics_for(typeface: str, bold: bool = False) -> tuple[str, float]:
    """The reportlab font that measures `typeface`, and how much wider to allow for it (1.0 when exact)."""
    name = typeface.strip().lower()
    base, spread = _EXACT.get(name), 1.0
    if base is None:
        is_serif = any(hint in name for hint in _SERIF_HINTS) and "sans" not in name
        base, spread = ("Times-Roman" if is_serif else "Helvetica"), APPROXIMATION_ALLOWANCE
    return (_BOLD[base] if bold else base), spread
