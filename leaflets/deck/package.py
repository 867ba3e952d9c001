"""A PowerPoint template's ZIP package, checked before anything in it is unpacked.

A template arrives by e-mail and is copied into every deck, so its package is untrusted:
a 2 MB file can hold a part that unpacks to gigabytes, thousands of entries, names that
climb out of a folder, XML entity bombs, or macros. The central directory says what every
entry unpacks to; those promises are checked against caps first, and Python's zipfile never
unpacks an entry past the size it promised. After python-pptx has opened it, the template's
own slides are dropped, so a deck carries only what its masters, layouts and theme use.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.coreprops import CT_CoreProperties
from pptx.oxml.ns import qn
from pptx.parts.coreprops import CorePropertiesPart

from leaflets.content import Content, Topic
from leaflets.deck import archive
from leaflets.problems import TemplateError
from leaflets.wording import document_author

MAX_ENTRIES = 1000
MAX_PART_BYTES = 20_000_000  # a picture in a layout
MAX_XML_BYTES = 5_000_000  # a slide master is usually under 100 KB
MAX_TOTAL_BYTES = 50_000_000
MAX_RATIO = 100  # XML packs about 10 to 1; a part of zeros packs about 1000 to 1
RATIO_FROM_BYTES = 1_000_000
MAX_NAME_CHARS = 260
_END_OF_DIRECTORY = b"PK\x05\x06"
# In PowerPoint's Save As list a "PowerPoint Template" is a .potx file, which python-pptx cannot open.
SAVE_AGAIN = "open it in PowerPoint and save it again as a PowerPoint Presentation (.pptx), or use another template"


def check(data: bytes, name: str) -> bytes:
    """Refuse a package whose directory promises more than a template needs, or whose XML declares entities;
    return it with every entry stored rather than deflated, each read no further than the size it promised.
    zipfile's `read` inflates the whole of an entry before cutting it to its promise, so an entry that says
    100 bytes and holds a few MB of packed zeros would unpack to gigabytes when python-pptx opened it."""
    _check_kind(data, name)
    _check_entry_count(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as opened:
            entries = opened.infolist()
            _check_entries(entries, name)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
                for entry in entries:
                    part = _read_as_promised(opened, entry)
                    if entry.filename.endswith((".xml", ".rels")):
                        _check_xml(part, entry.filename, name)
                    target.writestr(entry.filename, part)
    except TemplateError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError,
            OSError, zlib.error) as error:
        raise TemplateError(f"the template {name} is a damaged ZIP package ({error}); {SAVE_AGAIN}") from None
    return buffer.getvalue()


def _read_as_promised(opened: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, inflated a chunk at a time and no further than its promised size."""
    chunks = []
    with opened.open(entry) as stream:
        while chunk := stream.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)


def _check_kind(data: bytes, name: str) -> None:
    if data.startswith(b"PK\x03\x04"):
        return
    from leaflets.pictures.images import what_it_is

    actual = what_it_is(data)
    if actual.startswith("an old Office"):
        actual = "an old-format or password-protected PowerPoint file"
    elif actual in ("PNG", "JPEG", "SVG"):
        actual = f"{'an' if actual == 'SVG' else 'a'} {actual} image"
    elif actual == "unknown":
        actual = "not a PowerPoint file"
    raise TemplateError(f"the template {name} is {actual}, not a PowerPoint template; {SAVE_AGAIN}")


def _check_entry_count(data: bytes, name: str) -> None:
    """The entry count the end-of-directory record gives, read before zipfile builds an object per entry."""
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise TemplateError(f"the template {name} is a damaged ZIP package (it has no central directory); "
                            f"{SAVE_AGAIN}")
    (count,) = struct.unpack("<H", data[end + 10:end + 12])
    if MAX_ENTRIES < count < 0xFFFF:
        raise TemplateError(_too_many(name, count))


def _too_many(name: str, count: int) -> str:
    return (f"the template {name} holds {count} parts, far more than a template needs (at most {MAX_ENTRIES}); "
            "save a copy with only its slide masters and layouts")


def _check_entries(entries: list[zipfile.ZipInfo], name: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise TemplateError(_too_many(name, len(entries)))
    seen = set()
    for entry in entries:
        _check_name(entry.filename, seen, name)
        if entry.flag_bits & 0x1:
            raise TemplateError(f"the template {name} is encrypted; save it again without a password")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TemplateError(f"the template {name} is packed in a way PowerPoint does not use; {SAVE_AGAIN}")
        limit = MAX_XML_BYTES if entry.filename.endswith((".xml", ".rels")) else MAX_PART_BYTES
        if entry.file_size > limit:
            raise TemplateError(_too_large(name, entry, f"a part of {entry.file_size / 1e6:,.0f} MB unpacked "
                                                        f"(at most {limit / 1e6:.0f} MB)"))
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise TemplateError(_too_large(name, entry, f"a part that unpacks {entry.file_size // max(entry.compress_size, 1):,} "
                                                        "times larger than it is packed, as no real template does"))
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(f"the template {name} unpacks to {total / 1e6:,.0f} MB, more than a template needs "
                            f"(at most {MAX_TOTAL_BYTES / 1e6:.0f} MB); save a copy without slides, videos or "
                            "large pictures")
    if "[Content_Types].xml" not in seen or "_rels/.rels" not in seen:
        raise TemplateError(f"the template {name} is a ZIP archive but not a PowerPoint file; {SAVE_AGAIN}")


def _too_large(name: str, entry: zipfile.ZipInfo, what: str) -> str:
    return (f"the template {name} holds {what} ('{entry.filename[:80]}'); save a copy without slides, videos or "
            "large pictures, or use another template")


def _check_name(entry_name: str, seen: set, name: str) -> None:
    parts = entry_name.split("/")
    bad = (not entry_name or len(entry_name) > MAX_NAME_CHARS or entry_name.startswith("/") or "\\" in entry_name
           or ".." in parts or any(ord(ch) < 32 for ch in entry_name) or ":" in parts[0] or entry_name in seen)
    if bad:
        shown = entry_name[:80].encode("unicode_escape").decode("ascii")
        raise TemplateError(f"the template {name} holds a part named '{shown}', which PowerPoint would never write; "
                            f"{SAVE_AGAIN}")
    seen.add(entry_name)


def _check_xml(xml: bytes, part: str, name: str) -> None:
    """No part of a template declares entities (an entity bomb makes a few KB of XML into gigabytes)."""
    if not _in_utf8(xml):
        xml = _as_utf8(xml, part, name)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise TemplateError(_doctype(part, name))
    if b"vbaProject" in xml or CT.PML_PRES_MACRO_MAIN.encode() in xml:
        raise TemplateError(_MACROS.format(name=name))


def _doctype(part: str, name: str) -> str:
    return (f"the template {name} has a DOCTYPE in '{part[:80]}', which PowerPoint never writes and which can "
            f"expand a small file into gigabytes; {SAVE_AGAIN}")


_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)""")
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _in_utf8(xml: bytes) -> bool:
    """Whether the part is in UTF-8, as PowerPoint writes every part, so that searching its bytes finds its
    markup: in UTF-16, or under another declared encoding, "<!DOCTYPE" is other bytes."""
    head = xml[3:] if xml.startswith(codecs.BOM_UTF8) else xml
    if not head.startswith(b"<?xml"):
        return head[:1] == b"<" and head[1:2] != b"\0"
    declared = _ENCODING.search(head[:head.find(b"?>")])
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _as_utf8(xml: bytes, part: str, name: str) -> bytes:
    """A part in another encoding, read as python-pptx's parser will read it, and written out in UTF-8."""
    try:
        root = etree.fromstring(xml, _SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise TemplateError(f"the template {name} has a part '{part[:80]}' that is not well-formed XML ({error}); "
                            f"{SAVE_AGAIN}") from None
    if root.getroottree().docinfo.doctype:
        raise TemplateError(_doctype(part, name))
    return etree.tostring(root, encoding="utf-8")


_MACROS = ("the template {name} holds macros; save it as a PowerPoint Presentation (.pptx), which holds none, not as "
           "a macro-enabled one (.pptm)")


def check_links(prs, name: str) -> None:
    """Refuse pictures or other parts that the template links to outside itself (a network share or a web
    address, which PowerPoint would fetch whenever a deck is opened); web links in text are fine."""
    for rel in prs.part.package.iter_rels():
        if rel.is_external and rel.reltype != RT.HYPERLINK:
            raise TemplateError(f"the template {name} links to '{rel.target_ref[:80]}' outside itself; insert the "
                                "picture or file into the template instead of linking to it, or use another template")
        if not rel.is_external and _is_package_machinery(rel.target_partname):
            raise TemplateError(f"the template {name} relates a part to '{rel.target_partname[1:80]}', which is not a "
                                f"part of a presentation but part of its package's index; {SAVE_AGAIN}")


def _is_package_machinery(partname: str) -> bool:
    """[Content_Types].xml or a relationships part: a deck writes its own, and a part of that name beside it
    would be a second zip entry of one name."""
    lowered = partname.lower()
    return lowered == "/[content_types].xml" or lowered.endswith(".rels") or "/_rels/" in lowered


def check_macros(prs, name: str) -> None:
    """No macros, looked for again in the package as python-pptx read it: a content type or relationship type
    written with character references (vba&#x50;roject) passes the search of the XML's bytes in `check`, and a
    deck would carry the macros, under a content type PowerPoint refuses in a .pptx."""
    types = [prs.part.content_type] + [rel.reltype for rel in prs.part.package.iter_rels()]
    types += [part.content_type for part in prs.part.package.iter_parts()]
    if any("vbaproject" in kind.lower() or "macroenabled" in kind.lower() for kind in types):
        raise TemplateError(_MACROS.format(name=name))


def check_embedded(prs, name: str) -> None:
    """No embedded object or control in what every deck carries (`prs` is the template without its own slides):
    opening one (an OLE package, an ActiveX control) can run a program. A chart's workbook, embedded in the
    chart, is data, and stays."""
    for part in prs.part.package.iter_parts():
        masters = part.content_type.lower() in _MASTERS
        for rel in part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1].lower()
            if kind in _EMBEDDED or (kind == "package" and masters):
                raise TemplateError(f"the template {name} has an embedded object or control (OLE or ActiveX) in its "
                                    "slide master or a layout, which every deck would carry and which can run a "
                                    "program when opened; delete it in PowerPoint's Slide Master view, or use "
                                    "another template")


_MASTERS = {CT.PML_SLIDE_MASTER.lower(), CT.PML_SLIDE_LAYOUT.lower(), CT.PML_NOTES_MASTER.lower(),
            CT.PML_HANDOUT_MASTER.lower()}
_EMBEDDED = {"oleobject", "control", "activexcontrolbinary"}


def check_properties(prs, name: str) -> None:
    """The document properties are python-pptx's own part, which a deck's title, author and language are
    written into: a part of another type, or with another root, would take them silently or fail at the first
    deck."""
    try:
        properties = prs.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        return  # python-pptx makes its own when the first deck's properties are set
    if not (isinstance(properties, CorePropertiesPart) and isinstance(properties._element, CT_CoreProperties)):
        raise TemplateError(f"the template {name} has damaged document properties ('{str(properties.partname)[1:80]}'"
                            f"); {SAVE_AGAIN}")


SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension listing PowerPoint's sections of slides


def without_slides(prs) -> bool:
    """Drop the template's own slides, and with them every part only they use, its custom shows and its
    sections; True if there were any. A custom show names its slides by relationship id, which a deck's
    slides and notes master take again; sections name them by slide id, which a deck's slides number again."""
    presentation = prs.part._element
    listings = presentation.findall(qn("p:custShowLst")) + presentation.xpath(f"./p:extLst/p:ext[@uri='{SECTIONS}']")
    for listing in listings:
        listing.getparent().remove(listing)
    id_list = prs.slides._sldIdLst
    slide_ids = list(id_list)
    for slide_id in slide_ids:
        rel_id = slide_id.rId
        id_list.remove(slide_id)
        prs.part.drop_rel(rel_id)
    return bool(slide_ids or listings)


def stored(data: bytes) -> bytes:
    """The same package with every entry stored rather than deflated: opened for every deck, it then need
    not be inflated every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry))
    return buffer.getvalue()


def write_reproducibly(prs, target: Path | BinaryIO, day: dt.datetime, keep: bool = False) -> None:
    """Save the deck as python-pptx's `save` does (same entries, same order, same bytes inside, same zip)
    but with every entry dated `day`: python-pptx stamps entries with the clock, so two builds a second
    apart would otherwise differ. With `keep`, its entries are kept packed for the decks after it."""
    package = prs.part.package
    shared = getattr(package, "shared", {})  # the template's parts a deck shares (leaflets.deck.base)
    parts = _parts_in_order(package, shared)
    names = [shared[part].name_and_type if part in shared else (part.partname, part.content_type) for part in parts]
    entries = [("[Content_Types].xml", _content_types(parts, names)), ("_rels/.rels", _rels_xml(package._rels))]
    for part in parts:
        if part in shared:
            entries.extend(shared[part].entries)
            continue
        entries.append((part.partname.membername, part.blob))
        if part._rels._rels:
            entries.append((part.partname.rels_uri.membername, _rels_xml(part._rels)))
    if len({name.lower() for name, _ in entries}) < len(entries):  # PowerPoint compares part names in any case
        raise ValueError("two of the deck's parts have the same name")
    if isinstance(target, Path):
        with open(target, "wb") as file:
            archive.write(file, entries, day, keep)
    else:
        archive.write(target, entries, day, keep)


def _parts_in_order(package, shared: dict) -> list:
    """Every part once, in the order python-pptx's iter_parts gives them (depth first along the relationships)."""
    seen, order = set(), []

    def visit(children) -> None:
        for part in children:
            if part not in seen:
                seen.add(part)
                order.append(part)
                visit(shared[part].children if part in shared else _children(part))

    visit(_children(package))
    return order


def _children(source) -> list:
    return [rel._target for rel in _relationships(source._rels) if rel._target_mode != RTM.EXTERNAL]


def _relationships(rels):
    """The relationships in a python-pptx relationship list, read from its table: their public properties
    are lazy, and a deck walks hundreds of them."""
    return rels._rels.values()


_XML_MADE: dict = {}
"""The content types and relationship lists already serialised, by what they list: most are the same in
every deck (python-pptx builds each from scratch)."""


def _content_types(parts: list, names: list) -> bytes:
    key = ("types", *names)
    return _remembered(key, lambda: serialize_part_xml(_ContentTypesItem.xml_for(parts)))


def _rels_xml(rels) -> bytes:
    key = (rels._base_uri, *((rel._rId, rel._reltype, rel._target_mode,
                              rel._target if rel._target_mode == RTM.EXTERNAL else rel._target.partname)
                             for rel in _relationships(rels)))
    return _remembered(key, lambda: rels.xml)


def _remembered(key: tuple, make) -> bytes:
    made = _XML_MADE.get(key)
    if made is None:
        if len(_XML_MADE) >= 2000:
            _XML_MADE.clear()
        made = _XML_MADE[key] = make()
    return made


def dated(content: Content, topic: Topic) -> dt.datetime:
    """The deck's date: the topic's last review, else its newest source; never the clock."""
    day = topic.reviewed or max(source.date for source in content.sources_of(topic))
    return dt.datetime.combine(day, dt.time())


def set_properties(prs, content: Content, topic: Topic) -> None:
    day = dated(content, topic)
    props = prs.core_properties
    props.title, props.subject = _fit_property(topic.title), _fit_property(topic.summary)
    props.author = props.last_modified_by = _fit_property(document_author(content))
    props.keywords = _fit_property(topic.id)
    props.created = props.modified = day
    props.revision = 1
    props.language = topic.language


def _fit_property(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters; cut at a word and mark the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
