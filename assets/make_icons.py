"""Make the section icons as the writers use them, once, from their SVG files in assets/icons/, in the
theme's colours:

- assets/icons/slides/: the PNG pictures a deck shows. Rasterising them (reportlab draws the SVG, pdfium
  renders it) costs more than a whole deck.
- assets/icons/print/: the shapes svglib converts each SVG to, written down as JSON, which the printed
  formats draw. Converting them needs svglib and lxml, whose imports cost more than a leaflet.

Both are the same in every build. A file's name holds its icon and colour (and a picture's size), so an icon
in any other colour or size is converted when asked for. Run this again after changing an icon's SVG or
the theme's colours; tests/deck/test_slide_icons.py and tests/print/test_print_icons.py say when the files
no longer match.

    python assets/make_icons.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from leaflets.pictures import icons, pngs

    slides, prints = ROOT / "assets" / "icons" / "slides", ROOT / "assets" / "icons" / "print"
    for folder, pattern in ((slides, "*.png"), (prints, "*.json")):
        folder.mkdir(exist_ok=True)
        for old in folder.glob(pattern):
            old.unlink()
    for name in pngs.NAMES:
        colour = pngs.COLOURS[name]
        picture = slides / pngs.slide_icon_name(name, colour, pngs.SLIDE_PIXELS)
        picture.write_bytes(icons.rendered_png(name, colour, pngs.SLIDE_PIXELS))
        shapes = prints / icons.print_icon_name(name, colour)
        shapes.write_text(json.dumps(icons.as_data(icons.converted(name, colour))) + "\n", encoding="utf-8")
        print(f"wrote {picture.relative_to(ROOT)} and {shapes.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
