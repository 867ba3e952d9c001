"""Pictures for slides, as PNG bytes: the section icons, drawn once by assets/make_icons.py and
shipped, and logos, which a slide cannot show as SVG.

Light to import, so that a deck is made without reportlab's drawing and paragraph modules: they are
imported (from leaflets.pictures.icons) only to rasterise an SVG logo, or an icon in a colour that was
not shipped.
"""

from __future__ import annotations

import functools

from leaflets.pictures import images
from leaflets.pictures.images import Logo
from leaflets.theme import THEME, asset

NAMES = ("causes", "warning", "advice", "sources", "contact", "questions")
# Each icon's colour from the theme; the warning and advice colours mark their sections everywhere.
COLOURS = {"causes": THEME.colours.primary, "warning": THEME.colours.warning, "advice": THEME.colours.advice,
           "sources": THEME.colours.primary, "contact": THEME.colours.primary, "questions": THEME.colours.primary}
SLIDE_PIXELS = 384
MAX_RASTER_WIDTH = 240 * images.MAX_ASPECT  # pixels of a logo on a slide, whatever its SVG says


@functools.cache
def png(name: str, colour: str, pixels: int = SLIDE_PIXELS) -> bytes:
    """The icon as a square PNG with a transparent background, for slides: in the theme's colours, the
    picture made once by assets/make_icons.py; in any other, rendered now."""
    made = asset("icons/slides") / slide_icon_name(name, colour, pixels)
    if made.is_file():
        return made.read_bytes()
    from leaflets.pictures import icons

    return icons.rendered_png(name, colour, pixels)


def icon_stem(name: str, colour: str) -> str:
    """The start of the name of an icon's file made by assets/make_icons.py: the icon and its colour."""
    return f"{name}-{colour.lstrip('#').lower()}"


def slide_icon_name(name: str, colour: str, pixels: int) -> str:
    return f"{icon_stem(name, colour)}-{pixels}.png"


@functools.lru_cache(maxsize=4)
def image_png(logo: Logo, height_pixels: int = 240) -> bytes:
    """A checked logo as PNG or JPEG bytes, for slides, which cannot rely on SVG; a drawing is rasterised
    `height_pixels` high, and never wider than MAX_RASTER_WIDTH whatever its proportions."""
    if logo.kind != "SVG":
        return logo.data
    from leaflets.pictures import icons

    art = icons.logo_drawing(logo)
    return icons.rasterise(art, min(height_pixels / art.height, MAX_RASTER_WIDTH / art.width))
