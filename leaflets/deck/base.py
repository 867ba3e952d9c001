"""A template opened once per process, its parts shared by every deck drawn on it.

python-pptx parses every part of a template each time it opens one, and serialises each again when a deck
is saved. But a deck changes only two of them: the presentation part (its slide list and relationships)
and the document properties; its slides, notes pages and pictures are new parts that hang from them. So a
template is opened once (`Base`); each deck gets its own copy of those two parts and of the package's
relationships, shares every other part (masters, layouts, themes, the notes master) with the base, and
its zip takes those parts' entries as they were made once. Nothing drawn on a deck may change a shared
part: tests/deck/test_same_as_python_pptx.py reads them back after decks are drawn.
"""

from __future__ import annotations

import copy
import io

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.package import Package
from pptx.parts.slide import NotesMasterPart

from leaflets.deck.accessible import set_east_asian_theme_fonts


class DeckPackage(Package):
    """A deck's package: `shared` gives, for each part it shares with the template's base, what that part
    puts in the zip (see `Shared`)."""

    def __init__(self, shared: dict):
        super().__init__(None)
        self.shared = shared


class Shared:
    """What a shared part puts in a deck's zip, made once: its name and content type, its entries (its
    bytes and its relationships') and the parts it relates to, in order."""

    __slots__ = ("name_and_type", "entries", "children")

    def __init__(self, part):
        self.name_and_type = (part.partname, part.content_type)
        self.entries = ((part.partname.membername, part.blob),)
        if part._rels:
            self.entries += ((part.partname.rels_uri.membername, part._rels.xml),)
        self.children = tuple(rel.target_part for rel in part._rels.values() if not rel.is_external)


class Base:
    """A template's package opened once (with the theme's East Asian fonts set, for a Chinese deck),
    the notes master python-pptx would make for a deck if the template has none, and the shared parts'
    entries."""

    def __init__(self, data: bytes, east_asian: str | None = None):
        prs = Presentation(io.BytesIO(data))
        if east_asian:
            set_east_asian_theme_fonts(prs, east_asian)
        self.package = prs.part.package
        self.presentation = prs.part
        self.core = _related(self.package, RT.CORE_PROPERTIES)
        own = {self.presentation, self.core}
        self.notes_master = None
        if _related(self.presentation, RT.NOTES_MASTER) is None:
            # Made on the template before any slide, it gets the part names a deck's would (slides and
            # pictures are not themes or notes masters); related to a deck's presentation where python-pptx
            # would make it, at the deck's first notes page.
            self.notes_master = NotesMasterPart.create_default(self.package)
        parts = [*self.package.iter_parts(), *_closure(self.notes_master)]
        shared = [part for part in parts if part not in own]
        self.shared = None  # a template whose parts refer back to the two a deck copies is opened per deck
        if not any(rel.target_part in own for part in shared for rel in part._rels.values() if not rel.is_external):
            self.shared = {part: Shared(part) for part in shared}
        self._data, self._east_asian = data, east_asian

    def new_presentation(self) -> tuple:
        """A presentation to draw one deck on, as python-pptx's Presentation(template) opens it, and the notes
        master to relate it to at its first notes page (None: python-pptx's own, from the template or made)."""
        if self.shared is None:
            prs = Presentation(io.BytesIO(self._data))
            if self._east_asian:
                set_east_asian_theme_fonts(prs, self._east_asian)
            return prs, None
        package = DeckPackage(self.shared)
        presentation = _copied(self.presentation, package)
        core = self.core and _copied(self.core, package)
        instead = {self.presentation: presentation, self.core: core}
        _copy_rels(self.package._rels, package._rels, instead)
        _copy_rels(self.presentation._rels, presentation._rels, instead)
        return presentation.presentation, self.notes_master


def _related(source, reltype: str):
    try:
        return source.part_related_by(reltype)
    except KeyError:
        return None


def _closure(part) -> list:
    """`part` and every part it leads to."""
    if part is None:
        return []
    return [part, *(found for rel in part._rels.values() if not rel.is_external for found in _closure(rel.target_part))]


def _copied(part, package):
    """A part of the deck's own with a copy of `part`'s XML (its relationships are copied after)."""
    return type(part)(part.partname, part.content_type, package, copy.deepcopy(part._element))


def _copy_rels(source, target, instead: dict) -> None:
    """`source`'s relationships, same ids and order, into `target`, pointing at the deck's own parts."""
    for rel in source.values():
        target._rels[rel.rId] = type(rel)(target._base_uri, rel.rId, rel.reltype, rel._target_mode,
                                          rel._target if rel.is_external else instead.get(rel._target, rel._target))
