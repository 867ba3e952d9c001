"""The print fonts: Atkinson Hyperlegible, from its PyPI package, registered with reportlab once."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from leaflets.theme import THEME

# Printable ASCII, Latin-1 and the usual typographic punctuation (curly quotes, dashes, bullet,
# ellipsis): characters every print face has, so most content is checked without opening a font.
# A test checks the fonts still cover this set.
COMMON = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100)])) | frozenset(
    "\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\t\n\r")


def font_files() -> dict[str, Path]:
    """The TTF file of each print font, by font name."""
    folder = resources.files("fontpkg_atkinson_hyperlegible") / "files"
    fonts = THEME.fonts
    return {
        fonts.regular: Path(str(folder / "AtkinsonHyperlegible-Regular.ttf")),
        fonts.bold: Path(str(folder / "AtkinsonHyperlegible-Bold.ttf")),
        fonts.italic: Path(str(folder / "AtkinsonHyperlegible-Italic.ttf")),
        fonts.bold_italic: Path(str(folder / "AtkinsonHyperlegible-BoldItalic.ttf")),
    }


@functools.cache
def register() -> None:
    """Make the print fonts known to reportlab, as one family so <b> and <i> find their faces."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    fonts = THEME.fonts
    pdfmetrics.registerFontFamily(fonts.regular, normal=fonts.regular, bold=fonts.bold,
                                  italic=fonts.italic, boldItalic=fonts.bold_italic)


@functools.cache
def _printable() -> frozenset[int]:
    """The characters every print face can draw (the faces share one character set)."""
    from reportlab.pdfbase import pdfmetrics

    register()
    faces = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in font_files()]
    return frozenset(set.intersection(*faces))


def missing_characters(text: str) -> list[str]:
    """The characters of `text` that the print font cannot draw, each once, in order."""
    if set(text) <= COMMON:
        return []
    printable = _printable()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in printable and not ch.isspace()))
