"""Section icons, drawn as SVG files in assets/icons/ and shared by every writer.

Each icon has a distinct shape (magnifier, warning triangle, tick, book, speech
bubble, question mark), so its meaning never depends on colour. An icon's main
colour is `currentColor` in its SVG source and is set from the theme here; the
cut-outs are paper white.
"""

from __future__ import annotations

import copy
import functools
import io
from pathlib import Path

from lxml import etree
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from leaflets import fonts
from leaflets.theme import THEME, asset

NAMES = ("causes", "warning", "advice", "sources", "contact", "questions")
# Each icon's colour from the theme; the warning and advice colours mark their sections everywhere.
COLOURS = {"causes": THEME.colours.primary, "warning": THEME.colours.warning, "advice": THEME.colours.advice,
           "sources": THEME.colours.primary, "contact": THEME.colours.primary, "questions": THEME.colours.primary}


def drawing(name: str, size: float, colour: str) -> Drawing:
    """The icon as vector art `size` points square, in `colour`."""
    icon = copy.deepcopy(_parsed(name, colour))
    scale = size / icon.width
    icon.scale(scale, scale)
    icon.width = icon.height = size
    return icon


@functools.cache
def png(name: str, colour: str, pixels: int = 384) -> bytes:
    """The icon as a square PNG with a transparent background, for slides."""
    return _rasterise(drawing(name, 72, colour), pixels / 72)


def image_png(path: Path, height_pixels: int = 240) -> bytes:
    """An image file (PNG, JPG or SVG) as PNG bytes, for slides, which cannot rely on SVG."""
    if path.suffix.lower() != ".svg":
        return path.read_bytes()
    art = svg_drawing(path)
    return _rasterise(art, height_pixels / art.height)


def _rasterise(art: Drawing, scale: float) -> bytes:
    import pypdfium2 as pdfium

    fonts.register()
    page = pdfium.PdfDocument(renderPDF.drawToString(art))[0]
    image = page.render(scale=scale, may_draw_forms=False, fill_color=(255, 255, 255, 0)).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def svg_drawing(path: Path, colour: str | None = None) -> Drawing:
    """Any SVG file as a reportlab drawing; `colour` sets what the file draws in `currentColor`."""
    tree = etree.parse(str(path))
    if colour:
        tree.getroot().set("color", colour)
    drawing = svg2rlg(io.BytesIO(etree.tostring(tree)))
    # A drawing's default font is Helvetica, which would sit unembedded in the PDF.
    drawing.initialFontName = THEME.fonts.regular
    return drawing


@functools.cache
def _parsed(name: str, colour: str) -> Drawing:
    if name not in NAMES:
        raise ValueError(f"no icon named {name!r}; icons are {', '.join(NAMES)}")
    return svg_drawing(asset(f"icons/{name}.svg"), colour)
