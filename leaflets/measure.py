"""Measure how many lines a text takes in a box, with real font metrics.

python-pptx cannot measure text, so the deck writer asks here before it places a
list; reportlab's metrics for Helvetica match Arial, the deck's font.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` points, as a slide program would.

    Words wider than the line are broken between characters, as PowerPoint does.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        for piece in _pieces(word, font, size, width):
            candidate = f"{line} {piece}" if line else piece
            if line and stringWidth(candidate, font, size) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
    if line or not lines:
        lines.append(line)
    return lines


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    if stringWidth(word, font, size) <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and stringWidth(piece + char, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


def line_count(text: str, font: str, size: float, width: float) -> int:
    return len(wrap(text, font, size, width))
