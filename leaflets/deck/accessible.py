"""What makes a deck readable by a screen reader: pictures described or marked decorative, shapes in
reading order (title, body, pictures), and every run of text in the content's language."""

from __future__ import annotations

import copy
import re

from lxml import etree

from pptx.oxml import parse_xml
from pptx.oxml.ns import _nsmap, nsdecls, qn

from leaflets import languages
from leaflets.deck.template import TEXT_KINDS, theme_root
from leaflets.theme import THEME

_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
# Compiled once: python-pptx's element.xpath() compiles its expression on every call.
_PROPERTIES = etree.XPath("./*[1]/p:cNvPr", namespaces=_nsmap)
_GROUP_PROPERTIES = etree.XPath("./p:grpSpPr", namespaces=_nsmap)
_DECORATIVE = etree.XPath(f"./a:extLst/a:ext[@uri='{_DECORATIVE_EXT}']", namespaces=_nsmap)
_EXTENSIONS = etree.XPath("./a:extLst", namespaces=_nsmap)
_SHAPE_TAGS = tuple(qn(f"p:{tag}") for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
_PLACEHOLDERS = etree.XPath(  # the p:ph of each shape in the tree that has one (python-pptx's iter_ph_elms)
    "./*[self::p:sp or self::p:grpSp or self::p:graphicFrame or self::p:cxnSp or self::p:pic or self::p:contentPart]"
    "/*[1]/p:nvPr/p:ph", namespaces=_nsmap)
_TEXT_KINDS = {kind.xml_value for kind in TEXT_KINDS}


def make_accessible(tree, notes, language: str) -> None:
    """Reading order title, body, then the rest; every picture or drawn shape without alt text marked
    decorative; every run of text, on the slide (shape tree `tree`) and in its notes (`notes`, if any), in
    the topic's language (and, for Chinese, with an East Asian font named, so PowerPoint sets it in one)."""
    placeholders = _order_for_reading(tree)
    for shape in tree.iterchildren(*_SHAPE_TAGS):
        if shape in placeholders:
            continue
        properties = _PROPERTIES(shape)[0]
        if re.fullmatch(r"image\.\w+", properties.get("descr", "")):
            del properties.attrib["descr"]  # python-pptx's stand-in ("image.png"), not a description
        if not properties.get("descr"):
            _mark_decorative(properties)
    east_asian = THEME.fonts.deck_east_asian if languages.is_cjk(language) else None
    _set_language(tree, languages.office_tag(language), east_asian)
    if notes is not None:
        _set_language(notes, languages.office_tag(language), east_asian)


def _order_for_reading(tree) -> set:
    """Screen readers read shapes in document order: the title first, then the body placeholders;
    pictures keep their order after them (and with it their stacking: a logo stays on its card).
    Returns the placeholders."""
    shapes: dict = {}  # shape → its first p:ph's idx and type, as python-pptx reads them (with its defaults)
    for ph in _PLACEHOLDERS(tree):
        shapes.setdefault(ph.getparent().getparent().getparent(), (int(ph.get("idx", "0")), ph.get("type", "obj")))
    found = [(shape, idx, kind) for shape, (idx, kind) in shapes.items()]
    title = next((shape for shape, idx, _ in found if idx == 0), None)
    body = [shape for shape, _, kind in sorted(found, key=lambda one: one[1]) if kind in _TEXT_KINDS]
    first = ([title] if title is not None else []) + body
    anchor = _GROUP_PROPERTIES(tree)[0]
    for element in reversed(first):
        anchor.addnext(element)
    return set(shapes)


def _mark_decorative(properties) -> None:
    """The Office 2019 "Mark as decorative" flag: readers skip the shape instead of announcing it unnamed."""
    if _DECORATIVE(properties):
        return
    extensions = _EXTENSIONS(properties)
    holder = extensions[0] if extensions else properties.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst", {})
    if not extensions:
        properties.append(holder)
    holder.append(copy.deepcopy(_DECORATIVE_FLAG))


_DECORATIVE_FLAG = parse_xml(
    f'<a:ext {nsdecls("a")} uri="{_DECORATIVE_EXT}"><adec:decorative '
    'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>')


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_RUN, _FIELD, _PARAGRAPH_END, _RUN_PROPERTIES = (f"{_A}{tag}" for tag in ("r", "fld", "endParaRPr", "rPr"))
# Children of a:rPr come in this order (CT_TextCharacterProperties); a:ea goes after a:latin.
_BEFORE_EA = {f"{_A}{name}" for name in ("ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill",
                                         "grpFill", "effectLst", "effectDag", "highlight", "uLnTx", "uLn",
                                         "uFillTx", "uFill", "latin")}


def _set_language(tree, language: str, east_asian: str | None = None) -> None:
    """The language of every run, field and paragraph end, so a screen reader picks the right voice;
    with `east_asian`, the font PowerPoint sets the run's Chinese characters in (a:ea). A run or field
    without properties is given them first."""
    for element in tree.iter(_RUN, _FIELD, _PARAGRAPH_END):
        if element.tag == _PARAGRAPH_END:
            found = (element,)
        else:
            found = element.findall(_RUN_PROPERTIES)
            if not found:
                found = (element.makeelement(_RUN_PROPERTIES, {}),)
                element.insert(0, found[0])
        for run_properties in found:
            run_properties.set("lang", language)
            if east_asian:
                run_properties.set("altLang", "en-US")
                _set_east_asian(run_properties, east_asian)


def _set_east_asian(run_properties, typeface: str) -> None:
    for old in run_properties.findall(f"{_A}ea"):
        run_properties.remove(old)
    ea = run_properties.makeelement(f"{_A}ea", {"typeface": typeface})
    position = sum(1 for child in run_properties if child.tag in _BEFORE_EA)
    run_properties.insert(position, ea)


def set_east_asian_theme_fonts(prs, typeface: str) -> None:
    """The theme's heading and body fonts for East Asian text, so text typed into the deck later is
    set in a Chinese font too."""
    for master in prs.slide_masters:
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        theme = master.part.part_related_by(RT.THEME)
        root = theme_root(master)
        for ea in root.xpath(".//a:fontScheme/*/a:ea", namespaces={"a": _A[1:-1]}):
            ea.set("typeface", typeface)
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
