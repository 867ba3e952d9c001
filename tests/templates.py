"""A second deck template, unlike the default: another font, other colours, other layout
names and order, a narrower body box, and body text set below the 24 pt minimum."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from leaflets.deck.draw import DEFAULT_TEMPLATE

FONT = "Times New Roman"
TITLE_SIZE, BODY_SIZE = 40, 22
PURPLE, INK = "4B1E6B", "222222"
NAMES = {"Title Slide": "Cover", "Section Header": "Chapter opener", "Title and Content": "Text with heading"}


def make_other_template(path: Path) -> Path:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    master = prs.slide_master
    _fonts(master)
    _text_styles(master)
    for layout in master.slide_layouts:
        if layout.name == "Title Slide":
            for colour in layout._element.iter(qn("a:srgbClr")):
                if colour.getparent().getparent().tag == qn("p:bgPr"):
                    colour.set("val", PURPLE)
        if layout.name in NAMES:
            layout._element.cSld.set("name", NAMES[layout.name])
    content = next(l for l in master.slide_layouts if l.name == NAMES["Title and Content"])
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = Emu(2400000), Emu(2000000), Emu(8000000), Emu(4000000)
    # Put the content layout last, so that it is not where a fixed index would look.
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    entry = next(e for e in id_list if master.part.related_part(e.get(qn("r:id"))).slide_layout == content)
    id_list.remove(entry)
    id_list.append(entry)
    prs.save(str(path))
    return path


def _fonts(master) -> None:
    theme_part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    for latin in theme.iter(qn("a:latin")):
        if latin.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", FONT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(master) -> None:
    styles = master._element.find(qn("p:txStyles"))
    for style, size, colour in (("p:titleStyle", TITLE_SIZE, PURPLE), ("p:bodyStyle", BODY_SIZE, INK)):
        for run in styles.find(qn(style)).iter(qn("a:defRPr")):
            run.set("sz", str(size * 100))
            for fill in run.iter(qn("a:srgbClr")):
                fill.set("val", colour)


def make_big_title_template(path: Path, size: int = 44) -> Path:
    """The default template with every slide title set at `size` pt in the Slide Master."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    master = prs.slide_master
    for run in master._element.find(qn("p:txStyles")).find(qn("p:titleStyle")).iter(qn("a:defRPr")):
        run.set("sz", str(size * 100))
    for layout in master.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type in (1, 3):  # title, centred title
                for run in shape._element.iter(qn("a:defRPr")):
                    run.attrib.pop("sz", None)
    prs.save(str(path))
    return path
