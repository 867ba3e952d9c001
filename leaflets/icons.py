"""Section icons drawn as vector art, so they print sharp at any size and in greyscale.

Each icon has a distinct shape (magnifier, warning triangle, tick) so its meaning
does not depend on colour.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect
from reportlab.lib.colors import HexColor

from leaflets.theme import THEME


def _canvas(size: float) -> tuple[Drawing, float]:
    """A square drawing on a 24-unit grid; its font is the embedded one, since a drawing
    otherwise sets Helvetica, which would then sit unembedded in the PDF."""
    drawing = Drawing(size, size, initialFontName=THEME.fonts.regular)
    return drawing, size / 24


def causes(size: float, colour: str, on_colour: str) -> Drawing:
    """A magnifying glass in a disc: 'what is behind this'."""
    d, s = _canvas(size)
    d.add(Circle(12 * s, 12 * s, 12 * s, fillColor=HexColor(colour), strokeColor=None))
    d.add(Circle(10.5 * s, 13.5 * s, 5 * s, fillColor=None, strokeColor=HexColor(on_colour), strokeWidth=2.2 * s))
    d.add(Line(14 * s, 10 * s, 18.5 * s, 5.5 * s, strokeColor=HexColor(on_colour), strokeWidth=2.8 * s, strokeLineCap=1))
    return d


def warning(size: float, colour: str, on_colour: str) -> Drawing:
    """A warning triangle with an exclamation mark."""
    d, s = _canvas(size)
    d.add(Polygon([1 * s, 2 * s, 23 * s, 2 * s, 12 * s, 22.5 * s], fillColor=HexColor(colour),
                  strokeColor=HexColor(colour), strokeWidth=1.5 * s, strokeLineJoin=1))
    d.add(Rect(10.8 * s, 9 * s, 2.4 * s, 8 * s, rx=1.1 * s, fillColor=HexColor(on_colour), strokeColor=None))
    d.add(Circle(12 * s, 5.8 * s, 1.4 * s, fillColor=HexColor(on_colour), strokeColor=None))
    return d


def advice(size: float, colour: str, on_colour: str) -> Drawing:
    """A tick in a disc: 'things you can do'."""
    d, s = _canvas(size)
    d.add(Circle(12 * s, 12 * s, 12 * s, fillColor=HexColor(colour), strokeColor=None))
    d.add(PolyLine([6.5 * s, 12 * s, 10.5 * s, 8 * s, 17.5 * s, 16 * s], strokeColor=HexColor(on_colour),
                   strokeWidth=2.8 * s, strokeLineCap=1, strokeLineJoin=1))
    return d


def sources(size: float, colour: str, on_colour: str) -> Drawing:
    """An open book: 'where this comes from'."""
    d, s = _canvas(size)
    d.add(Circle(12 * s, 12 * s, 12 * s, fillColor=HexColor(colour), strokeColor=None))
    paper = HexColor(on_colour)
    d.add(Polygon([5 * s, 7 * s, 11.3 * s, 6 * s, 11.3 * s, 17 * s, 5 * s, 18 * s], fillColor=paper, strokeColor=None))
    d.add(Polygon([12.7 * s, 6 * s, 19 * s, 7 * s, 19 * s, 18 * s, 12.7 * s, 17 * s], fillColor=paper, strokeColor=None))
    return d
