"""What makes a deck readable by a screen reader: pictures described or marked decorative, shapes in
reading order (title, body, pictures), and every run of text in the content's language."""

from __future__ import annotations

import re

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls

from leaflets.deck.template import bodies

_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def make_accessible(page, language: str) -> None:
    """Reading order title, body, then the rest; every picture or drawn shape without alt text marked
    decorative; every run of text, on the slide and in its notes, in the content's language."""
    _order_for_reading(page)
    for shape in page.shapes:
        if shape.is_placeholder:
            continue
        properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
        if re.fullmatch(r"image\.\w+", properties.get("descr", "")):
            del properties.attrib["descr"]  # python-pptx's stand-in ("image.png"), not a description
        if not properties.get("descr"):
            _mark_decorative(shape)
    _set_language(page.shapes._spTree, language)
    if page.has_notes_slide:
        _set_language(page.notes_slide.shapes._spTree, language)


def _order_for_reading(page) -> None:
    """Screen readers read shapes in document order: the title first, then the body placeholders;
    pictures keep their order after them (and with it their stacking: a logo stays on its card)."""
    title = page.shapes.title
    body = [shape for shape in bodies(page)]
    first = [shape._element for shape in ([title] if title is not None else []) + body]
    tree = page.shapes._spTree
    anchor = tree.xpath("./p:grpSpPr")[0]
    for element in reversed(first):
        anchor.addnext(element)


def _mark_decorative(shape) -> None:
    """The Office 2019 "Mark as decorative" flag: readers skip the shape instead of announcing it unnamed."""
    properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
    if properties.xpath(f"./a:extLst/a:ext[@uri='{_DECORATIVE_EXT}']"):
        return
    extensions = properties.xpath("./a:extLst")
    holder = extensions[0] if extensions else properties.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst", {})
    if not extensions:
        properties.append(holder)
    holder.append(parse_xml(
        f'<a:ext {nsdecls("a")} uri="{_DECORATIVE_EXT}"><adec:decorative '
        'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>'))


def _set_language(tree, language: str) -> None:
    """The language of every run, field and paragraph end, so a screen reader picks the right voice."""
    for run_properties in tree.xpath(".//a:r/a:rPr | .//a:fld/a:rPr | .//a:endParaRPr"):
        run_properties.set("lang", language)
    for run in tree.xpath(".//a:r[not(a:rPr)] | .//a:fld[not(a:rPr)]"):
        run.insert(0, run.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr",
                                      {"lang": language}))
