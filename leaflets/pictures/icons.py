"""Section icons, drawn as SVG files in assets/icons/ and shared by every writer.

Each icon has a distinct shape (magnifier, warning triangle, tick, book, speech
bubble, question mark), so its meaning never depends on colour. An icon's main
colour is `currentColor` in its SVG source and is set from the theme here; the
cut-outs are paper white.
"""

from __future__ import annotations

import functools
import io
import operator
import re
from pathlib import Path

from lxml import etree
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.rl_config import _unset_
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

from leaflets import fonts
from leaflets.pictures import images, svg
from leaflets.pictures.images import Logo
from leaflets.pictures.pngs import COLOURS, NAMES
from leaflets.theme import THEME, asset



def drawing(name: str, size: float, colour: str) -> Drawing:
    """The icon as vector art `size` points square, in `colour`. The drawing is new; the shapes in it are
    converted once per process and shared, as a logo's are (they are only read when drawn)."""
    parsed = _parsed(name, colour)
    icon = SharedDrawing(parsed.width, parsed.height, *parsed.contents)
    icon.transform, icon.initialFontName = parsed.transform, parsed.initialFontName
    scale = size / icon.width
    icon.scale(scale, scale)
    icon.width = icon.height = size
    return icon


class SharedDrawing(Drawing):
    """A drawing of shapes shared between outputs (an icon, a logo, a QR code): as a PDF flowable, the
    operators that draw the same shapes at the same scale are worked out once per process (they do not
    depend on where it is drawn: the page is moved there first), and later copies of it write them again."""

    def draw(self, showBoundary=_unset_):  # noqa: N803 - reportlab's name
        canvas, contents = self.canv, tuple(self.contents)
        key = (tuple(map(id, contents)), tuple(self.transform), self.width, self.height, self.renderScale,
               getattr(self, "initialFontName", None), showBoundary, getattr(self, "_showBoundary", _unset_))
        kept = _OPERATORS.get(key)
        if kept is not None and all(map(operator.is_, kept[0], contents)):  # the very shapes, not new ones in their place
            canvas._code.extend(kept[1])
            return
        before, start = _footprint(canvas), len(canvas._code)
        super().draw(showBoundary)
        written = canvas._code[start:]
        # Kept only if it drew shapes in colours and changed nothing else: text, pictures or transparency
        # would have left fonts, images or graphics states in the document, which writing the operators
        # again would leave out.
        if _SHAPES_ONLY.fullmatch("\n".join(written)) and _footprint(canvas) == before:
            if len(_OPERATORS) >= _OPERATORS_AT_MOST:
                del _OPERATORS[next(iter(_OPERATORS))]
            _OPERATORS[key] = (contents, written)


# The PDF operators of shared drawings (see SharedDrawing), by their shapes and scale; the shapes are
# kept with them, so that no other shapes can take their place in memory and be taken for them.
_OPERATORS: dict[tuple, tuple[tuple, list[str]]] = {}
_OPERATORS_AT_MOST = 64
# PDF operators that draw paths in colours, with their numbers: nothing that needs a resource.
_SHAPES_ONLY = re.compile(r"(?:\s*+(?>[-+]?(?:\d+\.?\d*|\.\d+)|\[|\]|(?:q|Q|cm|w|J|j|M|d|m|l|c|v|y|h|re|S|s|f\*?"
                          r"|F|B\*?|b\*?|n|W\*?|RG|rg|G|g|K|k)(?![\w*])))*+\s*")


def _footprint(canvas) -> tuple:
    """What a canvas holds besides its operators: each attribute and the size of each collection among
    them (the colours, shadings, forms and links a page uses), the graphics states it has named, and the
    fonts and PDF objects of its document."""
    document = canvas._doc
    return (tuple((name, id(value), len(value) if isinstance(value, (list, dict, set)) else None)
                  for name, value in vars(canvas).items() if name != "_code"),
            len(canvas._extgstate._c), len(document.fontMapping), document.objectcounter)


def convert_all() -> None:
    """Convert every section icon in its colour now (each is converted once per process when first drawn)."""
    for name in NAMES:
        _parsed(name, COLOURS[name])


def rendered_png(name: str, colour: str, pixels: int) -> bytes:
    """The icon rendered now as a square PNG `pixels` wide (the slides' own are shipped: see pictures.pngs)."""
    return rasterise(drawing(name, 72, colour), pixels / 72)


def logo_drawing(logo: Logo) -> Drawing:
    """A checked SVG logo as a reportlab drawing of its own size, for the caller to scale. The drawing is
    new; the shapes in it are converted once per process and shared (they are only read when drawn)."""
    art = svg_art(logo.data)
    drawing = SharedDrawing(art.width, art.height, *art.contents)
    drawing.initialFontName = art.initialFontName
    return drawing


def logo_picture(logo: Logo) -> Image:
    """A checked PNG or JPEG logo as a reportlab picture, decoded by Pillow's reader for its kind only
    (reportlab, given a file, would let Pillow guess the format from any of its readers)."""
    return _Picture(logo)


class _Picture(Image):
    def __init__(self, logo: Logo):
        reader = ImageReader(images.pil_image(logo))
        if logo.kind == "JPEG":  # embedded as it is, as reportlab embeds a .jpg file
            reader.fp = io.BytesIO(logo.data)
            reader.jpeg_fh = reader._jpeg_fh
        self._img = reader  # set first: reportlab reads a stream's size from `_img` when there is one
        super().__init__(io.BytesIO(logo.data))


@functools.lru_cache(maxsize=4)
def svg_art(data: bytes) -> Drawing:
    """The drawing of SVG bytes that passed `svg.tree`; converted once per process (and before the
    workers start, when the content check made it), since a detailed logo takes a second or more."""
    return drawing_of_tree(svg.tree(data, "the logo"))


def rasterise(art: Drawing, scale: float) -> bytes:
    import pypdfium2 as pdfium

    fonts.register()
    page = pdfium.PdfDocument(renderPDF.drawToString(art))[0]
    image = page.render(scale=scale, may_draw_forms=False, fill_color=(255, 255, 255, 0)).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


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


@functools.cache
def _parsed(name: str, colour: str) -> Drawing:
    if name not in NAMES:
        raise ValueError(f"no icon named {name!r}; icons are {', '.join(NAMES)}")
    return svg_drawing(asset(f"icons/{name}.svg"), colour)
