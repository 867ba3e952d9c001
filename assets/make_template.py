"""Make assets/deck-template.pptx, the default 16:9 talk-deck template.

It starts from python-pptx's built-in template, widens every layout to 16:9 and
applies the shared theme (colours, Arial, type sizes), so that the deck writer
itself sets no colours or sizes and a user's own template can replace this one.

    python assets/make_template.py
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from leaflets.theme import THEME  # noqa: E402

WIDE, HIGH = Emu(12192000), Emu(6858000)
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
OUT = Path(__file__).resolve().parent / "deck-template.pptx"


def main() -> None:
    prs = Presentation()
    scale = WIDE / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE, HIGH
    master = prs.slide_master
    for part in [master, *master.slide_layouts]:
        _widen(part, scale)
    _style_text(master)
    _theme_colours_and_fonts(master)
    _place_master_placeholders(master)
    _add_accent_bar(prs)
    _style_title_layout(_layout(prs, "Title Slide"))
    _style_section_layout(_layout(prs, "Section Header"))
    _place_content_layout(_layout(prs, "Title and Content"))
    prs.core_properties.title = "leaflets talk deck"
    prs.save(OUT)
    print(f"wrote {OUT}")


def _layout(prs, name):
    return next(layout for layout in prs.slide_master.slide_layouts if layout.name == name)


def _widen(part, scale: float) -> None:
    for off in part._element.iter(f"{{{A}}}off"):
        off.set("x", str(int(int(off.get("x")) * scale)))
    for ext in part._element.iter(f"{{{A}}}ext"):
        if ext.get("cx") is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * scale)))


def _set_run_props(defrpr, size: float | None = None, colour: str | None = None, bold: bool | None = None):
    if size is not None:
        defrpr.set("sz", str(int(size * 100)))
    if bold is not None:
        defrpr.set("b", "1" if bold else "0")
    if colour is not None:
        for old in defrpr.findall("a:solidFill", NS):
            defrpr.remove(old)
        defrpr.insert(0, _colour_element("solidFill", colour))


def _style_text(master) -> None:
    sizes, colours = THEME.slides, THEME.colours
    styles = master._element.find("p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    _set_run_props(title.find("a:defRPr", NS), sizes.title, colours.primary, True)
    for level in range(1, 10):
        size = sizes.body if level == 1 else sizes.min_body
        ppr = styles.find(f"p:bodyStyle/a:lvl{level}pPr", NS)
        _set_run_props(ppr.find("a:defRPr", NS), size, colours.ink)
        spacing = ppr.find("a:spcBef/a:spcPct", NS)
        spacing.set("val", "40000")
    for level in range(1, 10):
        ppr = styles.find(f"p:bodyStyle/a:lvl{level}pPr", NS)
        if ppr is not None and ppr.find("a:buChar", NS) is not None:
            ppr.insert(list(ppr).index(ppr.find("a:buFont", NS)), _colour_element("buClr", colours.primary))


def _colour_element(tag: str, hex_colour: str):
    element = etree.Element(f"{{{A}}}{tag}")
    etree.SubElement(element, f"{{{A}}}srgbClr", val=hex_colour.lstrip("#").upper())
    return element


def _theme_colours_and_fonts(master) -> None:
    theme_part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    colours, fonts = THEME.colours, THEME.fonts
    scheme = theme.find(".//a:clrScheme", NS)
    for slot, value in {"dk1": colours.ink, "lt1": colours.paper, "dk2": colours.primary, "lt2": colours.primary_tint,
                        "accent1": colours.primary, "accent2": colours.warning, "accent3": colours.advice,
                        "hlink": colours.primary, "folHlink": colours.primary}.items():
        slot_element = scheme.find(f"a:{slot}", NS)
        for child in list(slot_element):
            slot_element.remove(child)
        etree.SubElement(slot_element, f"{{{A}}}srgbClr", val=value.lstrip("#").upper())
    scheme.set("name", "leaflets")
    for latin in theme.findall(".//a:fontScheme/*/a:latin", NS):
        latin.set("typeface", fonts.deck)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place_master_placeholders(master) -> None:
    """Title high and wide, body below it, slide number bottom right; 0.5 in side margins."""
    side, width = Emu(457200), WIDE - Emu(914400)
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind == 1:  # title
            ph.left, ph.top, ph.width, ph.height = side, Emu(380000), width, Emu(1280000)
        elif kind == 2:  # body
            ph.left, ph.top, ph.width, ph.height = side, Emu(1780000), width, Emu(4480000)
        elif kind in (15, 16):  # footer, date: not used
            ph.top = Emu(6356350)
        elif kind == 13:  # slide number
            ph.left, ph.top, ph.width, ph.height = WIDE - Emu(457200 + 1600000), Emu(6356350), Emu(1600000), Emu(365125)
            _set_run_props(_lvl1_defrpr(ph), 14, THEME.colours.muted)
        if kind == 2:
            ph._element.find(".//a:bodyPr", NS).set("anchor", "t")


def _lvl1_defrpr(ph):
    body = ph._element.find("p:txBody", NS)
    lst = body.find("a:lstStyle", NS)
    if lst is None:
        lst = etree.Element(f"{{{A}}}lstStyle")
        body.insert(1, lst)
    lvl1 = lst.find("a:lvl1pPr", NS)
    if lvl1 is None:
        lvl1 = etree.SubElement(lst, f"{{{A}}}lvl1pPr")
    defrpr = lvl1.find("a:defRPr", NS)
    if defrpr is None:
        defrpr = etree.SubElement(lvl1, f"{{{A}}}defRPr")
    return defrpr


def _add_accent_bar(prs) -> None:
    """A thin primary-coloured bar along the top of every content slide."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDE, Emu(120000))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(THEME.colours.primary)
    bar.line.fill.background()
    bar.name = "Accent bar"
    tree = prs.slide_master.shapes._spTree
    tree.insert(2, copy.deepcopy(bar._element))
    _drop_slide(prs, 0)


def _drop_slide(prs, index: int) -> None:
    slide_ids = prs.slides._sldIdLst
    rel_id = slide_ids[index].rId
    prs.part.drop_rel(rel_id)
    slide_ids.remove(slide_ids[index])


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _style_title_layout(layout) -> None:
    """White on the primary colour, text left-aligned on the left two-thirds."""
    layout._element.set("showMasterSp", "0")
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = _rgb(THEME.colours.primary)
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind == 3:  # centred title
            ph.left, ph.top, ph.width, ph.height = Emu(914400), Emu(1700000), Emu(10363200), Emu(2100000)
            ph._element.find(".//a:bodyPr", NS).set("anchor", "b")
            defrpr = _lvl1_defrpr(ph)
            defrpr.getparent().set("algn", "l")
            _set_run_props(defrpr, THEME.slides.title_slide, THEME.colours.on_primary, True)
        elif kind == 4:  # subtitle
            ph.left, ph.top, ph.width, ph.height = Emu(914400), Emu(3950000), Emu(10363200), Emu(1600000)
            defrpr = _lvl1_defrpr(ph)
            defrpr.getparent().set("algn", "l")
            _set_run_props(defrpr, THEME.slides.subtitle, THEME.colours.on_primary)


def _style_section_layout(layout) -> None:
    """Section dividers: the tinted background, a large title above a short line of text."""
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = _rgb(THEME.colours.primary_tint)
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind == 1:
            ph.left, ph.top, ph.width, ph.height = Emu(914400), Emu(1900000), Emu(10363200), Emu(1500000)
            ph._element.find(".//a:bodyPr", NS).set("anchor", "b")
            defrpr = _lvl1_defrpr(ph)
            defrpr.getparent().set("algn", "l")
            defrpr.attrib.pop("cap", None)
            _set_run_props(defrpr, THEME.slides.title_slide, THEME.colours.primary, True)
        elif kind == 2:
            ph.left, ph.top, ph.width, ph.height = Emu(914400), Emu(3550000), Emu(10363200), Emu(1500000)
            ph._element.find(".//a:bodyPr", NS).set("anchor", "t")
            defrpr = _lvl1_defrpr(ph)
            _set_run_props(defrpr, THEME.slides.subtitle, THEME.colours.ink)


def _place_content_layout(layout) -> None:
    for ph in layout.placeholders:
        if ph.placeholder_format.idx == 1:
            ph.left, ph.top, ph.width, ph.height = Emu(457200), Emu(1780000), WIDE - Emu(914400), Emu(4480000)


if __name__ == "__main__":
    main()
