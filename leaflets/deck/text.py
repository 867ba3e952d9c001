"""Text put into a shape's text body element exactly as python-pptx's text setters put it (the same
paragraphs, runs, line breaks and escapes), without building its proxy objects for every run."""

from __future__ import annotations

import re

from lxml.etree import SubElement
from pptx.oxml.simpletypes import ST_TextFontSize
from pptx.util import Pt

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P, _R, _T, _BR, _RPR = (f"{_A}{tag}" for tag in ("p", "r", "t", "br", "rPr"))
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
_LINES = re.compile("\n|\v")


def set_text(text_body, text: str) -> None:
    """As TextFrame.text = text: one paragraph per line."""
    for paragraph in text_body.findall(_P):
        text_body.remove(paragraph)
    for line in text.split("\n"):
        add_paragraph(text_body, line)


def add_paragraph(text_body, text: str) -> None:
    """As TextFrame.add_paragraph().text = text: line feeds and vertical tabs become line breaks."""
    paragraph = SubElement(text_body, _P)
    for index, piece in enumerate(_LINES.split(text)):
        if index:
            SubElement(paragraph, _BR)
        if piece:
            SubElement(SubElement(paragraph, _R), _T).text = _CONTROL.sub(_escaped, piece)


def _escaped(match: re.Match) -> str:
    return "_x%04X_" % ord(match.group(1))


def set_size(text_body, size: float) -> None:
    """As run.font.size = Pt(size) on every run of every paragraph (a run's properties go before its text)."""
    centipoints = Pt(size).centipoints
    ST_TextFontSize.validate(centipoints)
    for run in text_body.iterfind(f"{_P}/{_R}"):
        properties = run.find(_RPR)
        if properties is None:
            properties = run.makeelement(_RPR, {})
            text = run.find(_T)
            if text is None:
                run.append(properties)
            else:
                text.addprevious(properties)
        properties.set("sz", str(centipoints))
