"""SVG to reportlab drawings, with svglib: logos (checked first by `leaflets.pictures.svg`) and the
package's own icons.

Imported only when an SVG is to be converted: the section icons in the theme's colours are shipped
already converted (see `leaflets.pictures.icons`), so a leaflet without an SVG logo needs neither
svglib nor lxml.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import Drawing
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

from leaflets import fonts
from leaflets.pictures import svg
from leaflets.theme import THEME


@functools.lru_cache(maxsize=4)
def svg_art(data: bytes) -> Drawing:
    """The drawing of SVG bytes that passed `svg.tree`; converted once per process (and before the
    workers start, when the content check made it), since a detailed logo takes a second or more."""
    return drawing_of_tree(svg.tree(data, "the logo"))


def svg_drawing(path: Path, colour: str | None = None) -> Drawing:
    """One of the package's own SVG files as a reportlab drawing; `colour` sets what it draws in `currentColor`."""
    root = etree.fromstring(path.read_bytes(), svg.parser())
    if colour:
        root.set("color", colour)
    return drawing_of_tree(root)


def drawing_of_tree(root) -> Drawing:
    """A parsed `<svg>` element as a reportlab drawing. svglib gets the element re-serialised (so no DOCTYPE,
    no path to resolve links against) and a font map that only knows the print faces, so that it neither
    looks up fonts on the system (svglib would run fc-match) nor reads font files an SVG names."""
    drawing = svg2rlg(io.BytesIO(etree.tostring(root)), font_map=_PrintFaces())
    # A drawing's default font is Helvetica, which would sit unembedded in the PDF.
    drawing.initialFontName = THEME.fonts.regular
    return drawing


class _PrintFaces(FontMap):
    """Every font an SVG names is drawn in the print face of the same weight and style."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        fonts.register()
        faces = THEME.fonts
        bold, italic = weight not in ("normal", "400", "lighter"), style in ("italic", "oblique")
        name = {(False, False): faces.regular, (True, False): faces.bold, (False, True): faces.italic,
                (True, True): faces.bold_italic}[(bold, italic)]
        return name, False
