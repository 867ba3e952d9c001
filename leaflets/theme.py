"""The one place for colours, fonts, sizes and margins shared by every writer.

Colours are hex strings, sizes are points and page distances are millimetres;
writers convert them to their library's types at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Palette:
    ink: str = "#1B1B1B"          # body text
    muted: str = "#4D4D4D"        # footers, captions
    paper: str = "#FFFFFF"
    primary: str = "#004F63"      # header band, headings
    on_primary: str = "#FFFFFF"   # text on the header band
    primary_tint: str = "#E6F0F3"
    warning: str = "#9E1B1B"      # "When to see a doctor": border, icon, heading
    warning_tint: str = "#FBEAEA"
    advice: str = "#17613A"       # "What you can do"
    advice_tint: str = "#E8F3EC"
    rule: str = "#7A9BA6"


@dataclass(frozen=True)
class PrintSizes:
    """Type sizes in points for one printed format. Nothing is smaller than `footer`."""

    title: float = 26
    subtitle: float = 15
    lead: float = 14
    heading: float = 17
    cause_name: float = 13.5
    body: float = 12
    footer: float = 9.5
    closing: float = 10.5         # the sources and disclaimer when set compactly to save a page
    icon: float = 22
    leading: float = 1.32         # line height as a multiple of the size
    gap: float = 1.2              # space above a section, as a multiple of the body size
    italics: bool = True          # clear-print guidance drops italics for large print


@dataclass(frozen=True)
class PageMargins:
    """Millimetres from the paper's edge. Printers clip the outer 5 mm."""

    left: float = 17
    right: float = 17
    top: float = 14
    bottom: float = 22
    footer_baseline: float = 10
    fold_clearance: float = 7     # no text within this of a trifold's fold (print shops ask for 5)
    trifold_edge: float = 9       # a trifold panel's outer edges: top, bottom and the sheet's sides


@dataclass(frozen=True)
class SlideSizes:
    """Type sizes in points for the talk deck; body text never goes below `min_body`."""

    title: float = 36
    min_title: float = 32
    body: float = 28
    min_body: float = 24
    title_slide: float = 44
    subtitle: float = 28


@dataclass(frozen=True)
class Fonts:
    """Print fonts (embedded in the PDF) and the deck's font, which PowerPoint must have."""

    regular: str = "AtkinsonHyperlegible"
    bold: str = "AtkinsonHyperlegible-Bold"
    italic: str = "AtkinsonHyperlegible-Italic"
    bold_italic: str = "AtkinsonHyperlegible-BoldItalic"
    # Arial is on every PowerPoint and LibreOffice (as metric-compatible Liberation Sans),
    # and reportlab's Helvetica metrics measure it.
    deck: str = "Arial"
    deck_metrics: str = "Helvetica"
    deck_metrics_bold: str = "Helvetica-Bold"
    # Chinese text: Droid Sans Fallback (TrueType outlines, which reportlab can embed), from Debian's
    # fonts-droid-fallback; a deck names the East Asian font Windows has, and viewers substitute theirs.
    cjk: str = "DroidSansFallback"
    deck_east_asian: str = "Microsoft YaHei"


@dataclass(frozen=True)
class Theme:
    colours: Palette = Palette()
    print: PrintSizes = PrintSizes()
    # Clear print (RNIB): 16 pt at least, 18 pt ideal, nothing under 12 pt, no italics.
    large_print: PrintSizes = PrintSizes(title=36, subtitle=22, lead=20, heading=25, cause_name=21, body=18,
                                         footer=14, closing=16, icon=32, leading=1.3, italics=False)
    # A folded panel is 82 mm wide, so headings are smaller, but nothing is under 12 pt.
    trifold: PrintSizes = PrintSizes(title=24, subtitle=14, lead=12.5, heading=14.5, cause_name=12.5, body=12,
                                     footer=12, closing=12, icon=18, leading=1.25)
    margins: PageMargins = PageMargins()
    slides: SlideSizes = SlideSizes()
    fonts: Fonts = Fonts()


THEME = Theme()


def asset(name: str) -> Path:
    """A file from assets/: the checkout's own when run from it, else the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "assets" / name
    if checkout.exists():
        return checkout
    return Path(str(resources.files("leaflets._assets") / name))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
