"""Make assets/icons/slides/, the section icons as the PNG pictures a deck shows, one per icon in its
theme colour: rasterising them (reportlab draws the SVG, pdfium renders it) costs more than a whole deck,
and the pictures are the same in every build. A file's name holds its icon, colour and size, so an icon
in any other colour or size is rendered when asked for. Run it again after changing an icon's SVG or the
theme's colours; tests/deck/test_slide_icons.py says when the files no longer match.

    python assets/make_slide_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from leaflets.pictures import icons, pngs

    folder = ROOT / "assets" / "icons" / "slides"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for name in pngs.NAMES:
        colour = pngs.COLOURS[name]
        target = folder / pngs.slide_icon_name(name, colour, pngs.SLIDE_PIXELS)
        target.write_bytes(icons.rendered_png(name, colour, pngs.SLIDE_PIXELS))
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
