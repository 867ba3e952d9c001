"""The print fonts: Atkinson Hyperlegible, from its PyPI package, registered with reportlab once."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from leaflets.theme import THEME


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
    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    fonts = THEME.fonts
    pdfmetrics.registerFontFamily(fonts.regular, normal=fonts.regular, bold=fonts.bold,
                                  italic=fonts.italic, boldItalic=fonts.bold_italic)


@functools.cache
def _printable() -> frozenset[int]:
    """The characters every print face can draw (the faces share one character set)."""
    register()
    faces = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in font_files()]
    return frozenset(set.intersection(*faces))


def missing_characters(text: str) -> list[str]:
    """The characters of `text` that the print font cannot draw, each once, in order."""
    printable = _printable()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in printable and not ch.isspace()))
