"""New slides, notes pages and pictures for a deck, made as python-pptx makes them but without its searches.

python-pptx builds a new slide by cloning its layout's placeholders one by one, and looks through every
part of the deck for the next free part name and for a picture already in it, each time: most of a deck's
drawing time. What a new slide of a layout, or a new notes page, is made of is the same for every deck on
a template, so python-pptx makes one of each once (`make_blanks`) and every slide starts as a copy;
`Deck` keeps the part names and pictures already used instead of searching for them.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass

from lxml import etree
from lxml.etree import SubElement
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import _Relationship
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import _nsmap, nsdecls, qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.simpletypes import ST_Coordinate, ST_Direction, ST_PositiveCoordinate
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from leaflets.deck.template import bodies, slide_number_placeholder
from leaflets.problems import TemplateError

SLIDE_NAME = "/ppt/slides/slide%d.xml"
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
IMAGE_PREFIX = "/ppt/media/image"
MAX_SLIDE_ID = 2147483647
SLIDE_NUMBER_FIELD = f'<a:fld {nsdecls("a")} id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:t>%d</a:t></a:fld>'
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_T, _XFRM, _OFF, _EXT = (f"{_A}{tag}" for tag in ("t", "xfrm", "off", "ext"))
_SLIDE_ID, _RELATIONSHIP_ID = qn("p:sldId"), qn("r:id")
_IDS = etree.XPath("//@id")
_NAMES = etree.XPath("//p:cNvPr/@name", namespaces=_nsmap)


@dataclass(frozen=True)
class Blank:
    """A new slide of one layout as python-pptx makes it, where its title and list are in its shape tree,
    where the layout puts them (x, y, width, height in EMU), and the slide-number placeholder to clone (with
    and without PowerPoint's slide-number field in its text)."""

    element: etree._Element
    title: int
    body: int | None
    title_box: tuple
    body_box: tuple | None
    number: etree._Element | None
    number_name: str = ""
    numbered: etree._Element | None = None  # `number` showing the slide-number field, where it goes into `number`


@dataclass(frozen=True)
class Blanks:
    """A template's new slides by role, its new notes page, and the part names and pictures it holds."""

    slides: dict
    layouts: dict  # role → the layout's position among the first master's layouts
    notes: etree._Element
    notes_body: int
    slide_names: frozenset  # part names in lower case: a package's part names are the same in any case
    notes_names: frozenset
    image_numbers: tuple
    images: dict  # SHA-1 of a picture in the template → its part name


def make_blanks(prs, layouts: dict) -> Blanks:
    """Make one slide of each role's layout, and one notes page, in `prs` (a template opened for this and
    thrown away after), and keep copies of them as they were made."""
    slide_names, names, numbers, images = _template_parts(prs)
    slides, notes = {}, None
    for role, layout in layouts.items():
        page = prs.slides.add_slide(layout)
        slides[role] = _blank(page, layout)
        if notes is None:
            notes = page.notes_slide
    placeholder = notes.notes_placeholder
    if placeholder is None:
        raise ValueError("its notes master has no placeholder for the speaker notes")
    return Blanks(slides=slides, layouts={role: prs.slide_layouts.index(layout) for role, layout in layouts.items()},
                  notes=copy.deepcopy(notes._element), notes_body=_position(placeholder._element),
                  slide_names=frozenset(slide_names), notes_names=frozenset(names),
                  image_numbers=tuple(sorted(numbers)), images=images)


def _template_parts(prs) -> tuple[list, list, list, dict]:
    """The part names of the template's slides and notes pages that are still in it (a layout may link to one),
    its pictures' numbers, and its pictures by SHA-1 (the first of each, in the order python-pptx looks through
    them). Names are compared in lower case, as PowerPoint compares them."""
    package = prs.part.package
    partnames = [part.partname for part in package.iter_parts()]
    slides = [name.lower() for name in partnames if name.lower().startswith(SLIDE_NAME[:-6])]
    names = [name.lower() for name in partnames if name.lower().startswith(NOTES_NAME[:-6].lower())]
    numbers = [name.idx for name in partnames if name.lower().startswith(IMAGE_PREFIX) and name.idx is not None]
    images: dict = {}
    for rel in package.iter_rels():
        if not rel.is_external and rel.reltype == RT.IMAGE and hasattr(rel.target_part, "sha1"):
            images.setdefault(rel.target_part.sha1, rel.target_part.partname)
    return slides, names, numbers, images


def _blank(page, layout) -> Blank:
    title = page.shapes.title  # the placeholder numbered 0, where PowerPoint and python-pptx look for the title
    if title is None or title.placeholder_format.type not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        raise TemplateError(f"its layout '{layout.name}' has no title in its first placeholder (numbered 0), where "
                            "PowerPoint and screen readers look for a slide's title")
    body = next(iter(bodies(page)), None)
    number = slide_number_placeholder(layout)
    number_sp, number_name, numbered = None, "", None
    if number is not None:
        sp = number.element
        number_sp = CT_Shape.new_placeholder_sp(0, "", sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)
        number_name = page.shapes.ph_basename(sp.ph_type)
        if sp.ph_orient == ST_Direction.VERT:
            number_name = f"Vertical {number_name}"
        if all(element.ph_idx != sp.ph_idx for element in page.shapes._spTree.iter_ph_elms()):
            numbered = copy.deepcopy(number_sp)
            numbered.get_or_add_txBody().p_lst[0].append(parse_xml(SLIDE_NUMBER_FIELD % 0))
    return Blank(element=copy.deepcopy(page._element), title=_position(title._element),
                 body=None if body is None else _position(body._element), title_box=_box(title),
                 body_box=None if body is None else _box(body), number=number_sp, number_name=number_name,
                 numbered=numbered)


def _position(element) -> int:
    return element.getparent().index(element)


def _box(shape) -> tuple:
    return shape.left, shape.top, shape.width, shape.height


class Page:
    """A slide being drawn: its part, its shape tree, its title and list placeholders and where they are."""

    def __init__(self, part, blank: Blank):
        self.part = part
        self.blank = blank
        self.tree = part._element.cSld.spTree
        self.title = self.tree[blank.title]
        self.body = None if blank.body is None else self.tree[blank.body]
        self.body_box = blank.body_box
        self.notes = None  # the notes page's shape tree, once it has one

    def next_shape_id(self) -> int:
        """One more than the largest id on the slide, as python-pptx numbers a new shape."""
        used = [int(value) for value in _IDS(self.tree) if value.isdigit()]
        return max(used) + 1 if used else 1

    def add_slide_number(self, shown: int | None = None) -> etree._Element | None:
        """The layout's slide-number placeholder cloned onto the slide (as python-pptx's clone_placeholder);
        with `shown`, PowerPoint's slide-number field showing it goes into the first paragraph of the slide's
        first placeholder with the same idx (as `slide.placeholders[idx]` finds it): the clone itself, unless
        the layout gave the slide another."""
        if self.blank.number is None:
            return None
        numbered = shown is not None and self.blank.numbered is not None
        sp = copy.deepcopy(self.blank.numbered if numbered else self.blank.number)
        shape_id = self.next_shape_id()
        names = _NAMES(self.tree)
        number = shape_id - 1
        while f"{self.blank.number_name} {number}" in names:
            number += 1
        properties = sp[0][0]  # p:nvSpPr/p:cNvPr, as new_placeholder_sp makes it
        properties.set("id", str(shape_id))
        properties.set("name", f"{self.blank.number_name} {number}")
        self.tree.insert_element_before(sp, "p:extLst")
        if numbered:
            next(sp.iter(_T)).text = str(shown)
        elif shown is not None:
            paragraph = self.placeholder(sp.ph_idx).get_or_add_txBody().p_lst[0]
            paragraph.append(parse_xml(SLIDE_NUMBER_FIELD % shown))
        return sp

    def placeholder(self, idx: int):
        """The first placeholder with `idx`, as python-pptx's `slide.placeholders[idx]` finds it."""
        return next(element for element in self.tree.iter_ph_elms() if element.ph_idx == idx)


class Deck:
    """One deck being made on an opened template: the slides, notes pages and pictures added to it, and
    the part names and pictures already used, which python-pptx would otherwise search the deck for."""

    def __init__(self, prs, notes_master, blanks: Blanks):
        self.prs = prs
        self.made_notes_master = notes_master  # the one python-pptx would make, made once for the template
        self.blanks = blanks
        self.package = prs.part.package
        layouts = prs.slide_layouts
        self.layouts = {role: layouts[index].part for role, index in blanks.layouts.items()}
        self.slide_ids = prs.part._element.get_or_add_sldIdLst()
        self.next_slide_id = self.slide_ids._next_id
        self.slide_names = set(blanks.slide_names)
        self.notes_names = set(blanks.notes_names)
        self.image_numbers = list(blanks.image_numbers)
        self.images: dict = {}
        self.notes_master = None

    def add_slide(self, role: str) -> Page:
        """A new slide of the role's layout, at the end of the deck (as python-pptx's add_slide)."""
        blank = self.blanks.slides[role]
        number = len(self.slide_ids) + 1
        while SLIDE_NAME % number in self.slide_names:  # a slide of the template's that a layout links to
            number += 1
        self.slide_names.add(SLIDE_NAME % number)
        partname = PackURI(SLIDE_NAME % number)
        part = SlidePart(partname, CT.PML_SLIDE, self.package, copy.deepcopy(blank.element))
        _relate_new(part, self.layouts[role], RT.SLIDE_LAYOUT)
        rId = _relate_new(self.prs.part, part, RT.SLIDE)
        if self.next_slide_id < MAX_SLIDE_ID:  # else python-pptx looks for a free id below it
            SubElement(self.slide_ids, _SLIDE_ID, {"id": str(self.next_slide_id), _RELATIONSHIP_ID: rId})
            self.next_slide_id += 1
        else:
            self.slide_ids.add_sldId(rId)
        return Page(part, blank)

    def add_notes(self, page: Page):
        """The slide's new notes page (as python-pptx's notes_slide); returns its notes placeholder."""
        if self.notes_master is None and self.made_notes_master is not None:
            self.notes_master = self.made_notes_master
            _relate_new(self.prs.part, self.notes_master, RT.NOTES_MASTER)  # as python-pptx relates the one it makes
        elif self.notes_master is None:
            self.notes_master = self.prs.part.notes_master_part  # the template's, or made from python-pptx's default
        partname = _next_partname(NOTES_NAME, self.notes_names)
        self.notes_names.add(partname.lower())
        part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, self.package, copy.deepcopy(self.blanks.notes))
        _relate_new(part, self.notes_master, RT.NOTES_MASTER)
        _relate_new(part, page.part, RT.SLIDE)
        _relate_new(page.part, part, RT.NOTES_SLIDE)
        page.notes = part._element.cSld.spTree
        return page.notes[self.blanks.notes_body]

    def add_picture(self, page: Page, blob: bytes, x: int, y: int, cx: int | None, cy: int | None):
        """A picture on the slide (as python-pptx's add_picture); the same picture twice is one part."""
        image_part = self._image_part(blob)
        rId = page.part.relate_to(image_part, RT.IMAGE)
        shape_id = page.next_shape_id()
        if not (cx and cy):
            cx, cy = image_part.scale(cx, cy)
        return page.tree.add_pic(shape_id, "Picture %d" % (shape_id - 1), image_part.desc, rId, x, y, cx, cy)

    def _image_part(self, blob: bytes):
        image = _image(blob)
        part = self.images.get(image.sha1)
        if part is None and image.sha1 in self.blanks.images:
            part = self._part_named(self.blanks.images[image.sha1])
        if part is None:
            number = _first_free(self.image_numbers)
            bisect.insort(self.image_numbers, number)
            part = ImagePart(PackURI(f"{IMAGE_PREFIX}{number}.{image.ext}"), image.content_type, self.package,
                             image.blob, image.filename)
        self.images[image.sha1] = part
        return part

    def _part_named(self, partname: str):
        return next(part for part in self.package.iter_parts() if part.partname == partname)


def _relate_new(source, target, reltype: str) -> str:
    """As source.relate_to(target, reltype) where `source` has no relationship of that type to `target`
    yet (a part just made), without looking through the relationships it has for one."""
    rels = source._rels
    table = rels._rels
    rId = "rId%d" % (len(table) + 1)  # the id python-pptx's _next_rId tries first
    if rId in table:
        return rels._add_relationship(reltype, target)
    table[rId] = _Relationship(rels._base_uri, rId, reltype, RTM.INTERNAL, target)
    return rId


def place(shape, x: int, y: int, cx: int, cy: int) -> None:
    """As python-pptx's shape.x, .y, .cx and .cy setters, in that order."""
    properties = shape.spPr
    if len(properties):  # python-pptx's own placing among what is there
        shape.x, shape.y, shape.cx, shape.cy = x, y, cx, cy
        return
    for value in (x, y):
        ST_Coordinate.validate(value)
    for value in (cx, cy):
        ST_PositiveCoordinate.validate(value)
    xfrm = SubElement(properties, _XFRM)
    SubElement(xfrm, _OFF, x=str(x), y=str(y))
    SubElement(xfrm, _EXT, cx=str(cx), cy=str(cy))


def _next_partname(template: str, taken: set) -> PackURI:
    """The part name python-pptx's next_partname gives, from the names already taken (in lower case), but
    compared in lower case."""
    prefix = template[: (template % 42).find("42")].lower()
    names = {name for name in taken if name.startswith(prefix)}
    for number in range(len(names) + 1, 0, -1):
        if (template % number).lower() not in names:
            return PackURI(template % number)
    raise AssertionError("no free part name")


def _first_free(numbers: list[int]) -> int:
    """The first picture number not in use, as python-pptx's next_image_partname counts."""
    for index, number in enumerate(numbers):
        if index + 1 < number:
            return index + 1
    return len(numbers) + 1


_IMAGES: dict[bytes, Image] = {}


def _image(blob: bytes) -> Image:
    """python-pptx's reading of a picture (its type, size and SHA-1), once per picture per process."""
    if blob not in _IMAGES:
        if len(_IMAGES) >= 32:
            _IMAGES.clear()
        _IMAGES[blob] = Image.from_blob(blob)
    return _IMAGES[blob]
