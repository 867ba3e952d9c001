"""Reading PDFs back as a printer and a reader would see them."""

from __future__ import annotations

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4
A4 = (595.28, 841.89)


def chars_of(path):
    """(page number, page height, pdfplumber char) for every character printed."""
    with pdfplumber.open(path) as pdf:
        return [(page.page_number, page.height, char) for page in pdf.pages for char in page.chars]


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def page_sizes(path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages]


def font_descriptors(path) -> dict[str, dict]:
    """Each font used, by its name, with its font descriptor (which holds the embedded font file)."""
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            fonts[font["/BaseFont"]] = described["/FontDescriptor"]
    return fonts


def outline_titles(path) -> list[str]:
    def flatten(items):
        for item in items:
            if isinstance(item, list):
                yield from flatten(item)
            else:
                yield item.title

    return list(flatten(PdfReader(path).outline))


def page_fills(path, frames) -> list[list[float]]:
    """How full each text frame of each page is: from the frame's top down to the lowest text baseline
    in it, as a share of the frame's height. `frames(page)` gives a page's frames as (x0, top, x1, bottom)
    in points from the top left (pdfplumber's coordinates)."""
    fills = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            row = []
            for x0, top, x1, bottom in frames(page):
                baselines = [char["bottom"] for char in page.chars
                             if x0 - 1 <= char["x0"] < x1 and top - 1 <= char["top"] and char["bottom"] <= bottom + 1]
                row.append(round((max(baselines) - top) / (bottom - top), 2) if baselines else 0.0)
            fills.append(row)
    return fills


def leaflet_frames(page):
    """The A4 and large-print leaflet's one text frame: within the top margin and above the footer's rule."""
    from leaflets.theme import THEME

    rule = min((line["top"] for line in page.lines if line["x1"] - line["x0"] > page.width / 2), default=page.height)
    return [(0, THEME.margins.top * MM, page.width, rule - 2)]


def trifold_frames(page):
    """A trifold side's three panels, left to right, each its full height within the sheet's edges."""
    from leaflets.print.trifold import INSIDE, OUTSIDE

    panels = OUTSIDE if page.page_number == 1 else INSIDE
    frames = [panel.frame() for panel in panels]
    return [(f._x1, page.height - f._y2, f._x2, page.height - f._y1) for f in frames]
