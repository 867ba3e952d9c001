"""Make assets/deck-metrics.json, the width of every character reportlab's stringWidth measures in the
standard fonts a deck's text is measured with (leaflets/deck/measure.py), so that a deck worker measures
text without importing reportlab (its font registry, settings and utilities cost 25-40 ms a process).

stringWidth encodes a text in the font's encoding (WinAnsi for Helvetica, Times and Courier), gives what
that cannot encode to Symbol, then ZapfDingbats, and sums the whole-number widths of the glyphs it lands
on, in thousandths of the type size, before it scales them. A character's width therefore never depends on
its neighbours: the table keeps, for each font, every character one of those three encodings holds, with
the width stringWidth gives it alone. Any other character is drawn as a stand-in glyph; measure.py hands
text with one of those to stringWidth itself, so every width it returns is stringWidth's.

The widths are Adobe's metrics of the standard PDF fonts as reportlab ships them
(reportlab/pdfbase/_fontdata_widths_*.py), under reportlab's BSD licence, which the file repeats. Run this
again after upgrading reportlab; tests/deck/test_measure.py compares the table with stringWidth.

    python assets/make_metrics.py
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "deck-metrics.json"


def measured_fonts() -> list[str]:
    """The standard fonts measure.py measures with: the theme's, and each that `metrics_for` can name."""
    sys.path.insert(0, str(ROOT))
    from leaflets.deck import measure
    from leaflets.theme import THEME

    return sorted({*measure._BOLD, *measure._BOLD.values(),
                   THEME.fonts.deck_metrics, THEME.fonts.deck_metrics_bold})


def widths(font_name: str) -> dict[str, int]:
    """Each character the font or its substitutes encode, and its width as stringWidth gives it."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    font = getFont(font_name)
    table = {}
    for char in sorted(set().union(*(encodable(each.encName) for each in [font, *font.substitutionFonts]))):
        width = stringWidth(char, font_name, 1000)  # a whole number, give or take the scaling's rounding
        assert abs(width - round(width)) < 1e-6, (font_name, char, width)
        table[char] = round(width)
    return table


@functools.cache
def encodable(encoding: str) -> frozenset[str]:
    """Every character the encoding holds."""
    found = set()
    for code in range(0x110000):
        try:
            chr(code).encode(encoding)
        except UnicodeEncodeError:
            continue
        found.add(chr(code))
    return frozenset(found)


def licence() -> list[str]:
    import reportlab

    text = (Path(reportlab.__file__).parent / "license.txt").read_text(encoding="utf-8")
    lines = [" ".join(line.strip("#").split()) for line in text.splitlines()]
    return [line for line in lines if line]


def table_text() -> str:
    import reportlab

    head = {
        "about": f"Character widths in thousandths of the type size, as stringWidth of reportlab {reportlab.Version} "
                 "gives them; made by assets/make_metrics.py, do not edit. The metrics are Adobe's, as reportlab "
                 "ships them under this licence:",
        "licence": licence(),
    }
    fonts = ",\n".join(f"  {json.dumps(name)}: {json.dumps(widths(name), ensure_ascii=False, separators=(',', ':'))}"
                       for name in measured_fonts())
    return json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "widths": {\n' + fonts + "\n }\n}\n"


def main() -> None:
    OUT.write_text(table_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
