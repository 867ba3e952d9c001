"""A PowerPoint template's ZIP package, checked before anything in it is unpacked.

A template arrives by e-mail and is copied into every deck, so its package is untrusted:
a 2 MB file can hold a part that unpacks to gigabytes, thousands of entries, names that
climb out of a folder, XML entity bombs, or macros. The central directory says what every
entry unpacks to; those promises are checked against caps first, and Python's zipfile never
unpacks an entry past the size it promised. After python-pptx has opened it, the template's
own slides are dropped, so a deck carries only what its masters, layouts and theme use.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem

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
SAVE_AGAIN = "open it in PowerPoint and save it again as a PowerPoint template (.pptx), or use another template"


def check(data: bytes, name: str) -> None:
    """Refuse a package whose directory promises more than a template needs, or whose XML declares entities."""
    _check_kind(data, name)
    _check_entry_count(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as opened:
            entries = opened.infolist()
            _check_entries(entries, name)
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    _check_xml(opened.read(entry), entry.filename, name)
    except TemplateError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError,
            OSError) as error:
        raise TemplateError(f"the template {name} is a damaged ZIP package ({error}); {SAVE_AGAIN}") from None


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
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise TemplateError(f"the template {name} has a DOCTYPE in '{part[:80]}', which PowerPoint never writes "
                            f"and which can expand a small file into gigabytes; {SAVE_AGAIN}")
    if b"vbaProject" in xml or CT.PML_PRES_MACRO_MAIN.encode() in xml:
        raise TemplateError(f"the template {name} holds macros; save it as a PowerPoint template without macros "
                            "(.pptx, not .pptm)")


def check_links(prs, name: str) -> None:
    """Refuse pictures or other parts that the template links to outside itself (a network share or a web
    address, which PowerPoint would fetch whenever a deck is opened); web links in text are fine."""
    for rel in prs.part.package.iter_rels():
        if rel.is_external and rel.reltype != RT.HYPERLINK:
            raise TemplateError(f"the template {name} links to '{rel.target_ref[:80]}' outside itself; insert the "
                                "picture or file into the template instead of linking to it, or use another template")


def without_slides(prs) -> bool:
    """Drop the template's own slides, and with them every part only they use; True if there were any."""
    id_list = prs.slides._sldIdLst
    slide_ids = list(id_list)
    for slide_id in slide_ids:
        rel_id = slide_id.rId
        id_list.remove(slide_id)
        prs.part.drop_rel(rel_id)
    return bool(slide_ids)


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
