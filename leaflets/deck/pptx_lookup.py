"""A faster placeholder lookup for python-pptx, installed when the deck writer is imported.

python-pptx finds a shape's placeholder element (`<p:ph>`) with an XPath expression that
lxml compiles afresh on every call, and a deck asks for it thousands of times (each
inherited position, each placeholder search, each slide and notes page cloned from its
layout): about a quarter of a deck's build time. The same expression, compiled once,
gives the same element. tests/test_deck.py checks that against python-pptx's own lookup.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import _nsmap
from pptx.oxml.shapes.shared import BaseShapeElement

PLACEHOLDER_PATH = "./*[1]/p:nvPr/p:ph"
_find_placeholder = etree.XPath(PLACEHOLDER_PATH, namespaces=_nsmap)
ORIGINAL = BaseShapeElement.ph


def _placeholder(shape: BaseShapeElement):
    found = _find_placeholder(shape)
    return found[0] if found else None


def install() -> None:
    BaseShapeElement.ph = property(_placeholder, doc=ORIGINAL.__doc__)
