"""Section icons, drawn as SVG files in assets/icons/ and shared by every writer.

Each icon has a distinct shape (magnifier, warning triangle, tick, book, speech
bubble, question mark), so its meaning never depends on colour. An icon's main
colour is `currentColor` in its SVG source and is set from the theme here; the
cut-outs are paper white.
"""

from __future__ import annotations

import functools
import io
import json
import operator
import re

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Line, Path, PolyLine, Polygon, Rect
from reportlab.lib.colors import Color
from reportlab.rl_config import _unset_
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image

from leaflets import fonts
from leaflets.pictures import images
from leaflets.pictures.images import Logo
from leaflets.pictures.pngs import COLOURS, NAMES, icon_stem
from leaflets.theme import asset


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
    """Make every section icon's drawing in its colour now (each is made once per process when first drawn)."""
    for name in NAMES:
        _parsed(name, COLOURS[name])


def rendered_png(name: str, colour: str, pixels: int) -> bytes:
    """The icon rendered now as a square PNG `pixels` wide (the slides' own are shipped: see pictures.pngs)."""
    return rasterise(drawing(name, 72, colour), pixels / 72)


def logo_drawing(logo: Logo) -> Drawing:
    """A checked SVG logo as a reportlab drawing of its own size, for the caller to scale. The drawing is
    new; the shapes in it are converted once per process and shared (they are only read when drawn)."""
    from leaflets.pictures.drawings import svg_art

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


def rasterise(art: Drawing, scale: float) -> bytes:
    import pypdfium2 as pdfium

    fonts.register()
    page = pdfium.PdfDocument(renderPDF.drawToString(art))[0]
    image = page.render(scale=scale, may_draw_forms=False, fill_color=(255, 255, 255, 0)).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@functools.cache
def _parsed(name: str, colour: str) -> Drawing:
    """The icon's drawing: in the theme's colours, the shapes converted once by assets/make_icons.py; in any
    other, converted from its SVG now."""
    if name not in NAMES:
        raise ValueError(f"no icon named {name!r}; icons are {', '.join(NAMES)}")
    made = asset("icons/print") / print_icon_name(name, colour)
    if made.is_file():
        return from_data(json.loads(made.read_text(encoding="utf-8")))
    return converted(name, colour)


def converted(name: str, colour: str) -> Drawing:
    from leaflets.pictures.drawings import svg_drawing

    return svg_drawing(asset(f"icons/{name}.svg"), colour)


def print_icon_name(name: str, colour: str) -> str:
    return f"{icon_stem(name, colour)}.json"


# The shapes an icon's SVG converts to, and how they are written down: each object's class and attributes as
# svglib left them, so that the drawing made from them is the one svglib makes, to the last digit.
_SHAPES = {cls.__name__: cls for cls in (Drawing, Group, Circle, Ellipse, Line, Path, PolyLine, Polygon, Rect)}


def as_data(node) -> dict:
    """A drawing converted from SVG as data for JSON; TypeError for anything it could not write exactly."""
    if type(node) not in _SHAPES.values():
        raise TypeError(f"cannot write a {type(node).__name__} as icon data")
    attributes = {key: _as_value(value) for key, value in vars(node).items() if key not in ("_attrMap", "contents")}
    data = {"shape": type(node).__name__, "attributes": attributes}
    if isinstance(node, Group):
        data["contents"] = [as_data(kid) for kid in node.contents]
    return data


def _as_value(value):
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is Color:
        return {"color": [value.red, value.green, value.blue, value.alpha]}
    if type(value) in (list, tuple):
        items = [_as_value(item) for item in value]
        return items if type(value) is list else {"tuple": items}
    raise TypeError(f"cannot write a {type(value).__name__} as icon data")


def from_data(data: dict):
    """The drawing `as_data` wrote down."""
    cls = _SHAPES[data["shape"]]
    node = cls(0, 0) if cls is Drawing else cls() if cls is Group else cls.__new__(cls)
    vars(node).update((key, _from_value(value)) for key, value in data["attributes"].items())
    if "contents" in data:
        node.contents = [from_data(kid) for kid in data["contents"]]
    return node


def _from_value(value):
    if isinstance(value, list):
        return [_from_value(item) for item in value]
    if isinstance(value, dict):
        if "color" in value:
            return Color(*value["color"])
        return tuple(_from_value(item) for item in value["tuple"])
    return value
