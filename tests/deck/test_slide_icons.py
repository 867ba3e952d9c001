"""The slide icons a deck shows are pictures made once (assets/make_icons.py): they must still be
what the icons' SVG files render to in the theme's colours, and an icon in another colour is rendered."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from leaflets.pictures import icons, pngs
from leaflets.theme import asset


def pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGBA")


@pytest.mark.parametrize("name", pngs.NAMES)
def test_each_made_slide_icon_is_what_its_svg_renders_to(name):
    made = asset("icons/slides") / pngs.slide_icon_name(name, pngs.COLOURS[name], pngs.SLIDE_PIXELS)
    assert made.is_file(), "run python assets/make_icons.py"
    shipped = pixels(made.read_bytes())
    rendered = pixels(icons.rendered_png(name, pngs.COLOURS[name], pngs.SLIDE_PIXELS))
    assert shipped.size == rendered.size == (pngs.SLIDE_PIXELS, pngs.SLIDE_PIXELS)
    _, high = zip(*ImageChops.difference(shipped, rendered).getextrema())
    assert max(high) <= 8, f"{made.name} differs from its SVG by up to {max(high)}/255; run assets/make_icons.py"
    assert pngs.png(name, pngs.COLOURS[name]) == made.read_bytes()


def test_the_made_slide_icons_are_only_those_of_the_theme():
    names = sorted(path.name for path in asset("icons/slides").glob("*.png"))
    assert names == sorted(pngs.slide_icon_name(n, pngs.COLOURS[n], pngs.SLIDE_PIXELS) for n in pngs.NAMES)


def test_an_icon_in_another_colour_is_rendered_in_that_colour():
    def has_black(png: bytes) -> bool:
        return any(colour == (0, 0, 0, 255) for _, colour in pixels(png).getcolors(maxcolors=1 << 20))

    assert has_black(pngs.png("warning", "#000000"))
    assert not has_black(pngs.png("warning", pngs.COLOURS["warning"]))
