"""Tagged PDF (PDF/UA-1) for the printed formats: a structure tree a screen reader can follow.

reportlab writes no structure tree, so it is made in two steps:

1. While the story is put together, every block names its place in the tree (`Element`), and
   `tag` makes its flowable draw inside marked content (`/P <</MCID n>> BDC … EMC`) tied to that
   element. A flowable split across pages keeps its element, so the element gets a piece of
   marked content on each page. What only decorates (backgrounds, borders, icons next to the
   words they illustrate, footers) is drawn inside `/Artifact BMC … EMC`.
2. Once reportlab has written the file, `finish` adds the tree itself (read with pikepdf,
   appended as an incremental update): the StructTreeRoot, the ParentTree that maps each
   page's marked content back to its element, Link elements for the web addresses, and the
   document-level entries PDF/UA asks for (MarkInfo, Lang, DisplayDocTitle, XMP metadata
   with pdfuaid:part).

The tree's order is the reading order, set by the order the elements are made in, which need
not be the order they are drawn in (the trifold draws its cover after the flap).
"""

from __future__ import annotations

from html import escape
import io
import re
from dataclasses import dataclass, field

from reportlab.platypus.flowables import Flowable

# A piece of marked content: (page number from 1, MCID on that page).
Mark = tuple[int, int]


@dataclass(eq=False)
class Element:
    """A structure element: its standard role (P, H1, LI…), alternative text, and its kids in reading order."""

    role: str
    alt: str | None = None
    kids: list = field(default_factory=list)  # Element, Mark or Annotation

    def add(self, role: str, alt: str | None = None) -> Element:
        """A new child element, after the ones made before it."""
        child = Element(role, alt)
        self.kids.append(child)
        return child


@dataclass(frozen=True)
class Annotation:
    """A link annotation: the page it is on and its place in that page's /Annots."""

    page: int
    index: int


class Marks:
    """The marked content of one build: which element each MCID of each page belongs to."""

    def __init__(self) -> None:
        self.pages: dict[int, list[Element]] = {}

    def begin(self, canvas, element: Element) -> None:
        page = canvas.getPageNumber()
        owners = self.pages.setdefault(page, [])
        element.kids.append((page, len(owners)))
        canvas.addLiteral(f"/{element.role} <</MCID {len(owners)}>> BDC")
        owners.append(element)

    @staticmethod
    def end(canvas) -> None:
        canvas.addLiteral("EMC")

    @staticmethod
    def begin_artifact(canvas) -> None:
        canvas.addLiteral("/Artifact BMC")


def marking(canvas_class: type, marks: Marks) -> type:
    """`canvas_class` carrying `marks`, which tagged flowables find through the canvas they draw on."""

    class MarkedCanvas(canvas_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.marks = marks

    return MarkedCanvas


def tag(flowable: Flowable, element: Element) -> Flowable:
    """Make `flowable` (and every piece it splits into) draw as marked content of `element`.

    Web addresses it draws as links become Link elements inside `element`.
    """
    if getattr(flowable, "_element", None) is element:
        return flowable
    return _wrap(flowable, element, lambda canvas, marks, draw: _marked(canvas, marks, element, draw))


def tag_list_item(flowable: Flowable, item: Element) -> Flowable:
    """A bulleted paragraph as a list item: its bullet is the Lbl, its text the LBody."""
    label, body = item.add("Lbl"), item.add("LBody")

    def draw_item(canvas, marks, draw):
        # A bulleted paragraph draws its bullet and then its text, each as one text object.
        roles = iter([label, body] if getattr(flowable, "bulletText", None) else [body])
        draw_text = canvas.drawText

        def marked_text(text_object):
            marks.begin(canvas, next(roles, body))
            draw_text(text_object)
            marks.end(canvas)

        canvas.drawText = marked_text
        try:
            _with_links(canvas, body, draw)
        finally:
            del canvas.drawText

    return _wrap(flowable, body, draw_item)


def artifact(flowable: Flowable) -> Flowable:
    """Draw `flowable` as decoration a screen reader skips (an icon beside the words it illustrates)."""
    return _wrap(flowable, None, lambda canvas, marks, draw: _as_artifact(canvas, draw))


def artifact_table_callback(table, event: str, *args) -> None:
    """A Table `renderCB`: its backgrounds and rules are artifacts (its cells are tagged one by one)."""
    canvas = table.canv
    if getattr(canvas, "marks", None) is None:
        return
    if event in ("startBG", "startLines"):
        Marks.begin_artifact(canvas)
    elif event in ("endBG", "endLines"):
        Marks.end(canvas)


def draw_footer(canvas, draw) -> None:
    """Call `draw()` (a running footer or page number) inside pagination artifact marked content."""
    canvas.addLiteral("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    draw()
    Marks.end(canvas)


def draw_marked(canvas, element: Element, draw) -> None:
    """Call `draw()` inside marked content of `element` (text drawn straight on the canvas)."""
    _marked(canvas, canvas.marks, element, draw)


def _wrap(flowable: Flowable, element: Element | None, around) -> Flowable:
    draw_on, split = flowable.drawOn, flowable.split

    def drawOn(canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name
        marks = getattr(canvas, "marks", None)
        draw = lambda: draw_on(canvas, x, y, _sW)  # noqa: E731
        if marks is None:
            return draw()
        around(canvas, marks, draw)

    def split_pieces(available_width, available_height):
        pieces = split(available_width, available_height)
        if element is None:
            return [piece if piece is flowable else artifact(piece) for piece in pieces]
        return [piece if piece is flowable else tag(piece, element) for piece in pieces]

    # Through __dict__: a Drawing refuses attributes it does not declare.
    vars(flowable).update(drawOn=drawOn, split=split_pieces, _element=element)
    return flowable


def _marked(canvas, marks: Marks, element: Element, draw) -> None:
    marks.begin(canvas, element)
    _with_links(canvas, element, draw)
    marks.end(canvas)


def _with_links(canvas, element: Element, draw) -> None:
    """Draw, and give each link annotation the drawing added a Link element in `element`."""
    before = len(canvas._annotationrefs)
    draw()
    page = canvas.getPageNumber()
    for index in range(before, len(canvas._annotationrefs)):
        element.add("Link").kids.append(Annotation(page, index))


def _as_artifact(canvas, draw) -> None:
    Marks.begin_artifact(canvas)
    draw()
    Marks.end(canvas)


# ----------------------------------------------------------------------------------------------
# After reportlab: the structure tree and the document-level entries, with pikepdf.


@dataclass(frozen=True)
class Document:
    """What the document-level entries say: title, author (the publisher), language."""

    title: str
    author: str
    language: str
    subject: str = ""
    link_to: str = "Link to {url}"  # what a link annotation says, in the document's language


def load_pdf_library() -> None:
    """Import pikepdf, which `finish` uses; it takes longer to import than a leaflet takes to tag."""
    import pikepdf  # noqa: F401


def finish(pdf_bytes: bytes, tree: Element, document: Document) -> bytes:
    """The PDF reportlab wrote, with its structure tree and accessibility entries added.

    pikepdf reads the file and changes the few objects reportlab wrote that need new entries
    (catalog, document info, pages, link annotations); the structure tree's objects are written
    here as PDF text. Everything is appended as an incremental update, so nothing reportlab wrote
    is written again, and the same input gives the same bytes.
    """
    import pikepdf
    from pikepdf import Dictionary, Name, String

    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    pages = [page.obj for page in pdf.pages]
    page_refs = [b"%d 0 R" % page.objgen[0] for page in pages]
    written: dict[int, bytes] = {}
    next_number = int(pdf.trailer.Size)
    links: list[tuple[Annotation, int]] = []
    numbers: dict[int, int] = {}  # id(element) -> its object number

    def number_of(element: Element) -> int:
        nonlocal next_number
        numbers[id(element)] = next_number
        next_number += 1
        return numbers[id(element)]

    def make(element: Element, parent: int) -> None:
        number = number_of(element)
        kids, alt = [], element.alt
        for kid in element.kids:
            if isinstance(kid, Element):
                if _drawn(kid):
                    make(kid, number)
                    kids.append(b"%d 0 R" % numbers[id(kid)])
            elif isinstance(kid, Annotation):
                annotation = pages[kid.page - 1].Annots[kid.index]
                kids.append(b"<< /Type /OBJR /Obj %d 0 R /Pg %s >>" % (annotation.objgen[0], page_refs[kid.page - 1]))
                links.append((kid, number))
                uri = annotation.get("/A", {}).get("/URI")
                if uri is not None:
                    alt = str(uri)  # the address is read in its paragraph; the Link says where it goes
            else:
                page, mcid = kid
                kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (page_refs[page - 1], mcid))
        written[number] = (b"<< /Type /StructElem /S /%s /P %d 0 R /K [ %s ]%s >>" % (
            element.role.encode(), parent, b" ".join(kids), b" /Alt " + _pdf_string(alt) if alt else b""))

    root = next_number
    next_number += 1
    if _drawn(tree):
        make(tree, root)
    key = len(pages)
    nums = []
    owners = _owners(tree)
    for index, page in enumerate(pages):
        page.StructParents = index
        refs = b" ".join(b"%d 0 R" % numbers[id(owner)] for owner in owners.get(index + 1, []))
        nums.append(b"%d [ %s ]" % (index, refs))
    changed = [*pages, pdf.Root, pdf.trailer.Info]
    for annotation, number in links:
        page = pages[annotation.page - 1]
        annot = page.Annots[annotation.index]
        annot.StructParent = key
        annot.F = 4  # printed, so print and screen agree
        uri = annot.get("/A", {}).get("/URI")
        if uri is not None:
            annot.Contents = String(document.link_to.format(url=uri))
        page.Tabs = Name.S
        changed.append(annot)
        nums.append(b"%d %d 0 R" % (key, number))
        key += 1
    parent_tree, metadata = next_number, next_number + 1
    next_number += 2
    top = b"%d 0 R" % numbers[id(tree)] if id(tree) in numbers else b""
    written[root] = b"<< /Type /StructTreeRoot /K [ %s ] /ParentTree %d 0 R /ParentTreeNextKey %d >>" % (
        top, parent_tree, key)
    written[parent_tree] = b"<< /Nums [ %s ] >>" % b" ".join(nums)
    xmp = _xmp(document).encode("utf-8")
    written[metadata] = (b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp)
                         + xmp + b"\nendstream")

    catalog = pdf.Root
    for name in ("/StructTreeRoot", "/Metadata"):
        if name in catalog:
            del catalog[name]
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(document.language)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.docinfo.Title = String(document.title)
    pdf.docinfo.Author = String(document.author)
    for obj in changed:
        written[obj.objgen[0]] = obj.unparse(resolved=True)
    written[catalog.objgen[0]] = (written[catalog.objgen[0]].rstrip()[:-2]
                                  + b" /StructTreeRoot %d 0 R /Metadata %d 0 R >>" % (root, metadata))
    trailer = pikepdf.Dictionary(Size=next_number, Root=pdf.Root, Info=pdf.trailer.Info, ID=pdf.trailer.ID)
    return _appended(pdf_bytes, written, trailer.unparse(resolved=True))


def _drawn(element: Element) -> bool:
    """Whether anything of `element` was drawn (the trifold's briefer layouts leave blocks out)."""
    return any(not isinstance(kid, Element) or _drawn(kid) for kid in element.kids)


def _pdf_string(value: str) -> bytes:
    """A PDF text string: literal when plain ASCII, else UTF-16BE with its byte-order mark."""
    if value.isascii() and value.isprintable():
        return b"(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def _appended(original: bytes, objects: dict[int, bytes], trailer: bytes) -> bytes:
    """`original` with an incremental update: `objects` by number, a cross-reference section for
    them, and `trailer` pointing back to the original's. Writing the whole file again (with qpdf)
    would cost more than the tagging itself."""
    previous = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", original).group(1))
    out = bytearray(original if original.endswith(b"\n") else original + b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n"
    numbers = sorted(offsets)
    start = 0
    while start < len(numbers):  # one subsection per run of consecutive object numbers
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        out += b"%d %d\n" % (numbers[start], end - start + 1)
        out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in numbers[start:end + 1])
        start = end + 1
    out += b"trailer\n" + trailer.rstrip()[:-2] + b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    return bytes(out)


def _owners(tree: Element) -> dict[int, list[Element]]:
    """Each page's MCIDs in order, as the element each belongs to (the ParentTree's arrays)."""
    found: dict[int, dict[int, Element]] = {}

    def walk(element: Element) -> None:
        for kid in element.kids:
            if isinstance(kid, Element):
                walk(kid)
            elif isinstance(kid, tuple):
                page, mcid = kid
                found.setdefault(page, {})[mcid] = element

    walk(tree)
    return {page: [by_mcid[i] for i in sorted(by_mcid)] for page, by_mcid in found.items()}


def _xmp(document: Document) -> str:
    title, author = escape(document.title, quote=False), escape(document.author, quote=False)
    language = escape(document.language, quote=False)
    description = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(document.subject, quote=False)}'
                   f'</rdf:li></rdf:Alt></dc:description>') if document.subject else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>'
        f'{description}'
        f'<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>'
        '<pdfuaid:part>1</pdfuaid:part>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    )
