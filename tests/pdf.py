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
