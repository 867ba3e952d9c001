"""The section icons the printed formats draw are shapes converted once (assets/make_icons.py): they must
still be what svglib makes of the icons' SVG files in the theme's colours, exactly; an icon in any other
colour is converted when asked for."""

from __future__ import annotations

import json

import pytest

from leaflets.pictures import icons, pngs
from leaflets.theme import asset


@pytest.mark.parametrize("name", pngs.NAMES)
def test_each_shipped_icon_is_exactly_what_svglib_makes_of_its_svg(name):
    colour = pngs.COLOURS[name]
    shipped = asset("icons/print") / icons.print_icon_name(name, colour)
    assert shipped.is_file(), "run python assets/make_icons.py"
    fresh = icons.as_data(icons.converted(name, colour))
    assert json.loads(shipped.read_text(encoding="utf-8")) == fresh, f"{shipped.name} is out of date; run assets/make_icons.py"


@pytest.mark.parametrize("name", pngs.NAMES)
def test_a_shipped_icon_read_back_is_the_drawing_it_was_written_from(name):
    drawing = icons.converted(name, pngs.COLOURS[name])
    again = icons.from_data(json.loads(json.dumps(icons.as_data(drawing))))
    assert icons.as_data(again) == icons.as_data(drawing)
    assert [type(kid) for kid in again.contents[0].contents] == [type(kid) for kid in drawing.contents[0].contents]


def test_the_shipped_icons_are_only_those_of_the_theme():
    names = sorted(path.name for path in asset("icons/print").glob("*.json"))
    assert names == sorted(icons.print_icon_name(n, pngs.COLOURS[n]) for n in pngs.NAMES)


def test_an_icon_in_another_colour_is_converted_in_that_colour():
    black = icons.drawing("warning", 18, "#000000")
    theme = icons.drawing("warning", 18, pngs.COLOURS["warning"])
    fills = {kid.fillColor.hexval() for kid in black.contents[0].contents if kid.fillColor is not None}
    assert "0x000000" in fills
    assert "0x000000" not in {kid.fillColor.hexval() for kid in theme.contents[0].contents if kid.fillColor is not None}


def test_anything_but_plain_shapes_is_refused_rather_than_written_inexactly():
    from reportlab.graphics.shapes import String

    drawing = icons.converted("warning", pngs.COLOURS["warning"])
    drawing.contents[0].contents.append(String(0, 0, "text"))
    with pytest.raises(TypeError, match="String"):
        icons.as_data(drawing)
