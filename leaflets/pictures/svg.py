"""An SVG logo, read as untrusted input: parsed without DTDs, entities or network, and bounded in what it
costs to draw.

svglib would follow links to other files, look fonts up with a program, and take seconds per thousand
shapes (exponentially many, through nested `<use>` copies); a small file can declare an entity bomb or
a size of 20000 × 1. The tree is checked for all of that before svglib is given it, re-serialised
(leaflets/pictures/drawings.py `drawing_of_tree`), with a font map that looks nothing up.
"""

from __future__ import annotations

import base64
import binascii
import re

from lxml import etree

from leaflets.pictures import images
from leaflets.files import FileProblem

MAX_BYTES = 3_000_000
# svglib converts, and reportlab draws, about 3000 elements or 300 KB of path data a second; a logo is converted
# once and drawn once per output, so this keeps a logo's share of a build to a few seconds.
MAX_COST = 2500
COST_CHARS = 100  # path data, other attributes and text: one element's work per 100 characters
STOPS_PER_SHAPE = 4  # a gradient's stops drawn at each use: about a quarter of a shape's work each
COST_PIXELS = 10_000  # an embedded picture is decoded every time it is drawn: one element's work per 10,000 pixels
MAX_DEPTH = 50
MAX_STYLE_RULES = 200  # svglib tries every rule on every element; drawing programs write a few dozen at most
MAX_USE_HOPS = 20
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_LINKS = (XLINK_HREF, "href")  # an embedded picture's data is checked as a picture, not counted as drawing work


def parser() -> etree.XMLParser:
    """A parser that loads no DTD, expands no entity, fetches nothing and keeps libxml2's size limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False)


def tree(data: bytes, shown: str) -> etree._Element:
    """The root `<svg>` element of an SVG file, checked to be safe and cheap to draw."""
    if len(data) > MAX_BYTES:
        raise FileProblem(f"'{shown}' is {len(data) / 1e6:.1f} MB, more than an SVG logo needs (at most "
                          f"{MAX_BYTES / 1e6:.0f} MB); simplify it, or save it as PNG")
    if data.startswith(b"\x1f\x8b"):
        raise FileProblem(f"'{shown}' is compressed (SVGZ); save it again as plain, uncompressed SVG")
    if b"<!ENTITY" in data:
        raise FileProblem(_NO_DOCTYPE.format(shown=shown))
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        raise FileProblem(f"'{shown}' is not well-formed SVG ({images.reason(error)}); save it again from your "
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


def check_size(width: float, height: float, shown: str) -> None:
    """The drawing's size as it will be drawn: positive, and not so thin that it cannot be a logo."""
    if not (min(width, height) >= 0.01 and max(width, height) <= 1e6):  # also NaN
        raise FileProblem(f"'{shown}' has no usable size ({width:g} × {height:g}); give the <svg> element "
                          'a viewBox, for example viewBox="0 0 200 80"')
    if max(width, height) > images.MAX_ASPECT * min(width, height):
        raise FileProblem(f"'{shown}' is {width:g} × {height:g} points, {images.stretched(width, height)}; crop it to the "
                          f"logo itself (at most {images.MAX_ASPECT} times as wide as it is tall)")


def _check_cost(root, shown: str) -> None:
    """Nesting, links and the work of drawing every element (each `<use>` copy counted in full)."""
    if max((_depth(element) for element in root.iter(etree.Element)), default=0) > MAX_DEPTH:
        raise FileProblem(f"'{shown}' nests its elements more than {MAX_DEPTH} deep; simplify it "
                          "(ungroup), or save it as PNG")
    by_id, rules, pixels, sheets, classes, elements = {}, 0, {}, [], {}, 0
    for element in root.iter(etree.Element):
        elements += 1
        for name in (element.get("class") or "").split():
            classes[name] = classes.get(name, 0) + 1
        if element.get("id") is not None:
            by_id.setdefault(element.get("id"), []).append(element)
        if etree.QName(element).localname == "style":
            sheets.append("".join(element.itertext()))
            rules += _selectors(sheets[-1])
        size = _check_link(element, shown)
        if size:
            pixels[element] = size[0] * size[1]
    if rules > MAX_STYLE_RULES:
        raise FileProblem(f"'{shown}' has {rules} style selectors, more than a logo needs (at most {MAX_STYLE_RULES}); "
                          "save it again with styles written as attributes, or save it as PNG")
    cost = _Cost(by_id, pixels, shown)
    total = cost.of(root, 0)
    for sheet in sheets:
        if total <= MAX_COST:
            total += cost.of_sheet(sheet, classes, elements)
    if total > MAX_COST:
        raise cost.too_much()


_URL = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)", re.IGNORECASE)  # a paint, clip, mask, filter or marker
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_GRADIENTS = {"linearGradient", "radialGradient"}


def _selectors(css: str) -> int:
    """How many selectors a style sheet's rules have (svglib tries each on every element)."""
    return sum(len(selector.split(",")) for selector in re.findall(r"([^{}]*)\{", css))


def _depth(element) -> int:
    depth = 0
    while element is not None:
        element, depth = element.getparent(), depth + 1
    return depth


class _Cost:
    """The work of drawing a subtree: its elements, path data and pictures' pixels, and at every use what it
    draws with, as svglib converts and reportlab draws them: a `<use>`'s copy, a clip path, mask, pattern,
    filter or marker (named by `url(#…)`) in full, and a gradient's stops (its own, or those it takes from
    another: svglib reads a gradient once, but each shape filled with it is drawn with every stop). Where
    several elements share an id, the costliest counts (svglib takes the last). Memoised."""

    def __init__(self, by_id: dict, pixels: dict, shown: str):
        self.by_id, self.pixels, self.shown, self.known, self.open, self.uses = by_id, pixels, shown, {}, set(), {}

    def of(self, top, hops: int) -> int:
        if top in self.known:
            return self.known[top]
        if top in self.open:
            raise FileProblem(f"'{self.shown}' has an element that copies itself (with <use> or url(#…)); remove the loop, "
                              "or save the logo as PNG")
        if hops > MAX_USE_HOPS:
            raise FileProblem(f"'{self.shown}' copies copies of copies (<use>) more than {MAX_USE_HOPS} deep; "
                              "simplify it, or save it as PNG")
        self.open.add(top)
        total = 0
        for element in top.iter(etree.Element):
            data = sum(len(value) for key, value in element.attrib.items() if key not in _LINKS) + len(element.text or "")
            total += 1 + data // COST_CHARS + self.pixels.get(element, 0) // COST_PIXELS
            for target in _URL.findall(" ".join(value for key, value in element.attrib.items() if key not in _LINKS)):
                total += self.per_use(target, hops)
            href = _href(element)
            if href.startswith("#") and etree.QName(element).localname not in _GRADIENTS:  # <use>, a pattern's
                total += max((self.of(copied, hops + 1) for copied in self.by_id.get(href[1:], ())), default=0)
            if total > MAX_COST:
                break
        self.open.discard(top)
        self.known[top] = total
        return total

    def per_use(self, target: str, hops: int) -> int:
        """What one use of the element named `target` adds to drawing the shape that names it."""
        if target not in self.uses:
            self.uses[target] = max((1 + self._stops(named, 0) // STOPS_PER_SHAPE
                                     if etree.QName(named).localname in _GRADIENTS
                                     else self.of(named, hops + 1) for named in self.by_id.get(target, ())), default=0)
        return self.uses[target]

    def _stops(self, gradient, hops: int) -> int:
        own = sum(1 for kid in gradient if isinstance(kid.tag, str) and etree.QName(kid).localname == "stop")
        href = _href(gradient)
        if own or hops > MAX_USE_HOPS or not href.startswith("#"):
            return own
        return max((self._stops(other, hops + 1) for other in self.by_id.get(href[1:], ())
                    if etree.QName(other).localname in _GRADIENTS), default=0)

    def of_sheet(self, css: str, classes: dict[str, int], elements: int) -> int:
        """What a style sheet's rules that paint, clip or mask with `url(#…)` add: each use per element the rule
        can apply to (the `classes` count, for a plain class selector; else all `elements`)."""
        total = 0
        for selectors, declarations in _RULE.findall(css):
            targets = _URL.findall(declarations)
            if not targets:
                continue
            applies = sum(classes.get(selector[1:], 0) if re.fullmatch(r"\.[\w-]+", selector) else elements
                          for selector in map(str.strip, selectors.split(",")) if selector)
            total += applies * sum(self.per_use(target, 0) for target in targets)
            if total > MAX_COST:
                break
        return total

    def too_much(self) -> FileProblem:
        return FileProblem(f"'{self.shown}' is too detailed to draw quickly (more than {MAX_COST} shapes, "
                           "counting every copy made with <use>, every use of a gradient, pattern or clip path, and "
                           "the pixels of pictures); simplify it, or save it as PNG")


def _href(element) -> str:
    return (element.get(XLINK_HREF) or element.get("href") or "").strip()


def _check_link(element, shown: str) -> tuple[int, int] | None:
    """A logo is one self-contained file: `<use>` refers inside it, `<image>` holds its PNG or JPEG inline (whose
    size in pixels is returned)."""
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
        if images.what_it_is(picture) != kind:
            raise FileProblem(f"'{shown}' holds a picture said to be {kind} that is {images.what_it_is(picture)}; "
                              "save the logo again with a PNG or JPEG picture in it, or as PNG")
        return images.raster_size(picture, kind, f"the {kind} picture inside '{shown}'")
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
