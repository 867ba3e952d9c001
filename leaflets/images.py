"""The publisher's logo, read as untrusted input: PNG, JPEG or SVG, decided by its bytes.

A logo arrives by e-mail, so its name says nothing about what it is. Pillow would open
dozens of formats, and some (PostScript, EPS) by running Ghostscript, so a raster logo is
opened only with Pillow's PNG and JPEG readers, from bytes already read, and only after its
first bytes say it is one of those. An SVG is parsed without DTDs, entities or network and
limited in size, elements (with every `<use>` copy counted), nesting and proportions, so
that drawing or rasterising it takes bounded time and memory. The content check and every
writer read a logo through `read`, so nothing reaches a decoder that was not checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from leaflets import files
from leaflets.files import FileProblem
from leaflets.problems import OutputError

SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
MAX_PIXELS = 4000 * 4000
MAX_ASPECT = 20  # a logo at most 20 times as wide as it is tall, or as tall as it is wide
MAX_SVG_BYTES = 3_000_000
# svglib converts, and reportlab draws, about 3000 elements or 300 KB of path data a second; a logo is converted
# once and drawn once per output, so this keeps a logo's share of a build to a few seconds.
MAX_SVG_COST = 2500
SVG_COST_CHARS = 100  # path data, other attributes and text: one element's work per 100 characters
MAX_SVG_DEPTH = 50
MAX_STYLE_RULES = 200  # svglib tries every rule on every element; drawing programs write a few dozen at most
MAX_USE_HOPS = 20
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_LINKS = (XLINK_HREF, "href")  # an embedded picture's data is checked as a picture, not counted as drawing work
EXAMPLE = "assets/logo.png"
KIND = "an image file"

# What a file's first bytes say it is, to tell the editor what they sent instead of a logo.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "a gzip-compressed file (an SVGZ drawing, perhaps)"),
    (b"%!PS", "PostScript (EPS)"),
    (b"\xc5\xd0\xd3\xc6", "PostScript (EPS)"),
    (b"%PDF", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon (ICO) file"),
    (b"8BPS", "a Photoshop (PSD) file"),
    (b"PK\x03\x04", "a ZIP archive (a Word, PowerPoint or zipped file)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


@dataclass(frozen=True)
class Logo:
    """A logo that passed every check: its kind ('PNG', 'JPEG' or 'SVG'), its bytes, and its size
    (pixels for a picture, points for a drawing)."""

    kind: str
    data: bytes
    width: float
    height: float


def resolve(value: str, folder: Path) -> Path:
    """The logo path written in content.yaml, checked to be an ordinary file of a usable type."""
    return files.resolve(value, folder, tuple(SUFFIXES), "an image file", EXAMPLE)


def read(path: Path, shown: str | None = None) -> Logo:
    """The logo at `path`, checked as the writers will use it; FileProblem saying what is wrong.
    `shown` is the name to use in messages (as content.yaml writes it)."""
    shown = shown or str(path)
    data = files.read_bytes(path, shown, KIND, EXAMPLE)
    expected = SUFFIXES.get(path.suffix.lower())
    if expected is None:
        raise FileProblem(f"'{shown}' is not a PNG, JPG or SVG file; give the path of one, for example '{EXAMPLE}'")
    key = (hashlib.sha256(data).digest(), expected)
    if key not in _CHECKED:
        if len(_CHECKED) > 16:
            _CHECKED.clear()
        _CHECKED[key] = _check(data, expected, shown)
    return _CHECKED[key]


_CHECKED: dict[tuple[bytes, str], Logo] = {}  # each distinct logo is checked once per process


def read_for_output(path: Path) -> Logo:
    """The logo for a writer: read and checked again, since it may have changed after the content was read."""
    try:
        return read(path)
    except FileProblem as problem:
        raise OutputError(f"the logo changed while the build ran: {problem}") from None


def _check(data: bytes, expected: str, shown: str) -> Logo:
    actual = what_it_is(data)
    if actual != expected:
        raise FileProblem(_mismatch(shown, actual, expected))
    if expected == "SVG":
        from leaflets.icons import svg_art

        svg_tree(data, shown)
        art = svg_art(data)
        _check_svg_size(art.width, art.height, shown)
        return Logo("SVG", data, art.width, art.height)
    width, height = raster_size(data, expected, f"'{shown}'")
    return Logo(expected, data, width, height)


def what_it_is(data: bytes) -> str:
    """'PNG', 'JPEG' or 'SVG' when the bytes are one, else words for what they seem to be."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "a WebP image"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC or AVIF photo"
    if _looks_like_svg(data):
        return "SVG"
    return "not an image this tool can read"


def _looks_like_svg(data: bytes) -> bool:
    """Text that starts like markup (after any byte-order mark); the SVG checks say what else it needs."""
    return data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _mismatch(shown: str, actual: str, expected: str) -> str:
    if actual in SUFFIXES.values():
        suffix = {"PNG": ".png", "JPEG": ".jpg", "SVG": ".svg"}[actual]
        return (f"'{shown}' is {'an SVG' if actual == 'SVG' else 'a ' + actual} file under a {expected} name; "
                f"rename it to end in {suffix}, or save it again as {expected}")
    if expected == "SVG" and actual.startswith("a gzip"):
        return f"'{shown}' is compressed (SVGZ); save it again as plain, uncompressed SVG"
    return (f"'{shown}' is {actual}, not {expected}; open it in an image program and save it as {expected} "
            "(a logo may be PNG, JPEG or SVG)")


def raster_size(data: bytes, kind: str, subject: str) -> tuple[int, int]:
    """The size in pixels of a PNG or JPEG, checked before it is decoded, then decoded once in full
    so that a damaged file is found now rather than while a leaflet is drawn."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            _check_pixels(width, height, subject)
            image.load()
    except FileProblem:
        raise
    except Image.DecompressionBombError:
        raise FileProblem(f"{subject} has far more pixels than a leaflet needs; save a smaller copy "
                          "(at most 4000 pixels on its longer side)") from None
    except Exception as error:  # noqa: BLE001 - any decoder failure means the same thing to the editor
        raise FileProblem(f"{subject} cannot be read as {kind} ({_reason(error)}); "
                          "save the file again from your image program") from None
    return width, height


def pil_image(logo: Logo):
    """A PNG or JPEG logo opened by Pillow's reader for its kind only, for the writers."""
    from PIL import Image

    return Image.open(io.BytesIO(logo.data), formats=[logo.kind])


def _check_pixels(width: int, height: int, subject: str) -> None:
    if width < 1 or height < 1:
        raise FileProblem(f"{subject} has no pixels ({width} × {height}); save the logo again")
    if width * height > MAX_PIXELS:
        raise FileProblem(f"{subject} is {width} × {height} pixels, far more than a leaflet needs; save a smaller "
                          "copy (at most 4000 pixels on its longer side)")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise FileProblem(f"{subject} is {width} × {height} pixels, {_stretched(width, height)}; crop it to the logo "
                          f"itself (at most {MAX_ASPECT} times as wide as it is tall)")


def _stretched(width: float, height: float) -> str:
    ratio = max(width, height) / min(width, height)
    side = "wide" if width > height else "tall"
    return f"{ratio:.0f} times as {side} as it is {'tall' if side == 'wide' else 'wide'}"


def _reason(error: Exception) -> str:
    text = str(error).split("\n")[0].strip().rstrip(".")
    return text[:120] or type(error).__name__


def svg_parser() -> etree.XMLParser:
    """A parser that loads no DTD, expands no entity, fetches nothing and keeps libxml2's size limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False)


def svg_tree(data: bytes, shown: str) -> etree._Element:
    """The root `<svg>` element of an SVG file, checked to be safe and cheap to draw."""
    if len(data) > MAX_SVG_BYTES:
        raise FileProblem(f"'{shown}' is {len(data) / 1e6:.1f} MB, more than an SVG logo needs (at most "
                          f"{MAX_SVG_BYTES / 1e6:.0f} MB); simplify it, or save it as PNG")
    if data.startswith(b"\x1f\x8b"):
        raise FileProblem(f"'{shown}' is compressed (SVGZ); save it again as plain, uncompressed SVG")
    if b"<!ENTITY" in data:
        raise FileProblem(_NO_DOCTYPE.format(shown=shown))
    try:
        root = etree.fromstring(data, svg_parser())
    except etree.XMLSyntaxError as error:
        raise FileProblem(f"'{shown}' is not well-formed SVG ({_reason(error)}); save it again from your "
                          "drawing program") from None
    if _declares_anything(root.getroottree().docinfo.internalDTD):
        raise FileProblem(_NO_DOCTYPE.format(shown=shown))
    if root.tag != f"{{{SVG_NS}}}svg":
        raise FileProblem(_not_svg(root, shown))
    _check_size_attributes(root, shown)
    _check_cost(root, shown)
    return root


_NO_DOCTYPE = ("'{shown}' declares entities in a DOCTYPE, which a logo does not need and which can make a small "
               "file huge; save it again as plain SVG (in Inkscape: Save As, Plain SVG)")


def _declares_anything(dtd) -> bool:
    """A DOCTYPE that declares entities or elements (a bare `<!DOCTYPE svg PUBLIC …>` line, as drawing programs
    write it, declares nothing, and is never loaded)."""
    return dtd is not None and (any(True for _ in dtd.iterentities()) or any(True for _ in dtd.iterelements()))


def _not_svg(root, shown: str) -> str:
    name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    if name == "svg":
        return (f"'{shown}' lacks the SVG namespace: its first element should read "
                f"<svg xmlns=\"{SVG_NS}\" …>; save it again from your drawing program")
    return f"'{shown}' is not an SVG drawing (its outer element is <{name}>, not <svg>); save the logo as SVG or PNG"


_LENGTH = re.compile(r"^\s*\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*(px|pt|pc|mm|cm|in)?\s*$")
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def _check_size_attributes(root, shown: str) -> None:
    """Width and height as positive lengths, or a viewBox of four numbers with a positive width and height."""
    how = ('give the <svg> element a viewBox of four numbers (for example viewBox="0 0 200 80") '
           "or a width and height in numbers")
    view_box = root.get("viewBox")
    if view_box is not None:
        values = re.findall(_NUMBER, view_box)
        if len(values) != 4 or re.sub(_NUMBER, "", view_box).replace(",", "").strip():
            raise FileProblem(f"'{shown}' has a viewBox '{_short(view_box)}' that is not four numbers; {how}")
        if not all(0 < float(v) < 1e9 for v in values[2:]):
            raise FileProblem(f"'{shown}' has a viewBox '{_short(view_box)}' with no area; {how}")
    for name in ("width", "height"):
        value = root.get(name)
        if value is None or (view_box is not None and value.strip().endswith("%")):
            continue
        match = _LENGTH.match(value)
        if not match or not 0 < float(match.group(1) + (match.group(2) or "")) < 1e9:
            raise FileProblem(f"'{shown}' has {name} '{_short(value)}', which is not a positive length; {how}")
    if view_box is None and (root.get("width") is None or root.get("height") is None):
        raise FileProblem(f"'{shown}' says neither its size nor its viewBox; {how}")


def _check_svg_size(width: float, height: float, shown: str) -> None:
    """The drawing's size as it will be drawn: positive, and not so thin that it cannot be a logo."""
    if not (width > 0 and height > 0) or width > 1e6 or height > 1e6:
        raise FileProblem(f"'{shown}' has no usable size ({width:g} × {height:g}); give the <svg> element "
                          'a viewBox, for example viewBox="0 0 200 80"')
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise FileProblem(f"'{shown}' is {width:g} × {height:g} points, {_stretched(width, height)}; crop it to the "
                          f"logo itself (at most {MAX_ASPECT} times as wide as it is tall)")


def _check_cost(root, shown: str) -> None:
    """Nesting, links and the work of drawing every element (each `<use>` copy counted in full)."""
    if max((_depth(element) for element in root.iter(etree.Element)), default=0) > MAX_SVG_DEPTH:
        raise FileProblem(f"'{shown}' nests its elements more than {MAX_SVG_DEPTH} deep; simplify it "
                          "(ungroup), or save it as PNG")
    by_id, rules = {}, 0
    for element in root.iter(etree.Element):
        if element.get("id") is not None:
            by_id.setdefault(element.get("id"), element)
        if etree.QName(element).localname == "style":
            rules += "".join(element.itertext()).count("{")
        _check_link(element, shown)
    if rules > MAX_STYLE_RULES:
        raise FileProblem(f"'{shown}' has {rules} style rules, more than a logo needs (at most {MAX_STYLE_RULES}); "
                          "save it again with styles written as attributes, or save it as PNG")
    cost = _Cost(by_id, shown)
    if cost.of(root, 0) > MAX_SVG_COST:
        raise cost.too_much()


def _depth(element) -> int:
    depth = 0
    while element is not None:
        element, depth = element.getparent(), depth + 1
    return depth


class _Cost:
    """The work of drawing a subtree: its elements and path data, with `<use>` copies expanded (memoised)."""

    def __init__(self, by_id: dict, shown: str):
        self.by_id, self.shown, self.known, self.open = by_id, shown, {}, set()

    def of(self, top, hops: int) -> int:
        if top in self.known:
            return self.known[top]
        if top in self.open:
            raise FileProblem(f"'{self.shown}' has a <use> element that copies itself; remove the loop, "
                              "or save the logo as PNG")
        if hops > MAX_USE_HOPS:
            raise FileProblem(f"'{self.shown}' copies copies of copies (<use>) more than {MAX_USE_HOPS} deep; "
                              "simplify it, or save it as PNG")
        self.open.add(top)
        total = 0
        for element in top.iter(etree.Element):
            data = sum(len(value) for key, value in element.attrib.items() if key not in _LINKS) + len(element.text or "")
            total += 1 + data // SVG_COST_CHARS
            if etree.QName(element).localname == "use":
                target = self.by_id.get(_href(element)[1:])
                if target is not None:
                    total += self.of(target, hops + 1)
            if total > MAX_SVG_COST:
                break
        self.open.discard(top)
        self.known[top] = total
        return total

    def too_much(self) -> FileProblem:
        return FileProblem(f"'{self.shown}' is too detailed to draw quickly (more than {MAX_SVG_COST} shapes, "
                           "counting every <use> copy); simplify it, or save it as PNG")


def _href(element) -> str:
    return (element.get(XLINK_HREF) or element.get("href") or "").strip()


def _check_link(element, shown: str) -> None:
    """A logo is one self-contained file: `<use>` refers inside it, `<image>` holds its PNG or JPEG inline."""
    name = etree.QName(element).localname
    href = _href(element)
    if name == "use" and href and not href.startswith("#"):
        raise FileProblem(f"'{shown}' uses a shape from another file ('{_short(href)}'); a logo must be one "
                          "self-contained file: copy the shape in, or save the logo as PNG")
    if name == "image":
        match = re.match(r"data:image/(png|jpe?g);base64,", href)
        if not match:
            raise FileProblem(f"'{shown}' shows a picture from another file or address ('{_short(href)}'); "
                              "embed the picture in the SVG, or save the logo as PNG")
        try:
            picture = base64.b64decode(re.sub(r"\s+", "", href[match.end():]), validate=True)
        except (binascii.Error, ValueError):
            raise FileProblem(f"'{shown}' holds a picture whose data is damaged; save the logo again") from None
        kind = "PNG" if match.group(1) == "png" else "JPEG"
        if what_it_is(picture) != kind:
            raise FileProblem(f"'{shown}' holds a picture said to be {kind} that is {what_it_is(picture)}; "
                              "save the logo again with a PNG or JPEG picture in it, or as PNG")
        raster_size(picture, kind, f"the {kind} picture inside '{shown}'")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
