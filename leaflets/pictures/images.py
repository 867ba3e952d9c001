"""The publisher's logo, read as untrusted input: PNG, JPEG or SVG, decided by its bytes.

A logo arrives by e-mail, so its name says nothing about what it is. Pillow would open
dozens of formats, and some (PostScript, EPS) by running Ghostscript, so a raster logo is
opened only with Pillow's PNG and JPEG readers, from bytes already read, and only after its
first bytes say it is one of those; an SVG is checked by `leaflets.pictures.svg`. A logo is drawn once
while it is checked, as the writers will draw it, so a fault in it is found then. The content
check and every writer read a logo through `read`, so nothing reaches a decoder unchecked.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from leaflets import files
from leaflets.files import FileProblem
from leaflets.problems import OutputError

SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
MAX_PIXELS = 4000 * 4000
MAX_ASPECT = 20  # a logo at most 20 times as wide as it is tall, or as tall as it is wide
EXAMPLE = "assets/logo.png"
UNKNOWN = "unknown"
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
        from leaflets.pictures import svg

        svg.tree(data, shown)
        width, height = _drawn(lambda: _svg_size(data), shown)
        svg.check_size(width, height, shown)
    else:
        width, height = raster_size(data, expected, f"'{shown}'")
    logo = Logo(expected, data, width, height)
    _drawn(lambda: _draw_once(logo), shown)
    return logo


def _svg_size(data: bytes) -> tuple[float, float]:
    from leaflets.pictures.drawings import svg_art

    art = svg_art(data)
    return art.width, art.height


def _draw_once(logo: Logo) -> None:
    """Draw the logo as the writers will: in a PDF (the slide picture is made by drawing one), and, for a
    picture, decoded to the pixels a PDF holds. What is made here is kept for the writers."""
    from leaflets.pictures import icons, pngs

    pngs.image_png(logo)
    if logo.kind != "SVG":
        icons.logo_picture(logo)._img.getRGBData()


def _drawn(draw, shown: str):
    try:
        return draw()
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - svglib, reportlab or Pillow failing on it means the same
        raise FileProblem(f"'{shown}' cannot be drawn ({reason(error)}); save it again from your image or "
                          "drawing program, or save it as PNG") from None


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
    return UNKNOWN


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
    if actual == UNKNOWN:
        return (f"'{shown}' cannot be read as {expected} (its bytes are not those of any image format); open it in "
                f"an image program and save it as {expected} (a logo may be PNG, JPEG or SVG)")
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
        raise FileProblem(f"{subject} cannot be read as {kind} ({reason(error)}); "
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
        raise FileProblem(f"{subject} is {width} × {height} pixels, {stretched(width, height)}; crop it to the logo "
                          f"itself (at most {MAX_ASPECT} times as wide as it is tall)")


def stretched(width: float, height: float) -> str:
    ratio = max(width, height) / min(width, height)
    side = "wide" if width > height else "tall"
    return f"{ratio:.0f} times as {side} as it is {'tall' if side == 'wide' else 'wide'}"


def reason(error: Exception) -> str:
    text = str(error).split("\n")[0].strip().rstrip(".")
    if "_fp_str" in text:  # reportlab's C number formatter, given infinity or NaN
        return "a number in it is too large, or not a number"
    return text[:120] or type(error).__name__


