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
