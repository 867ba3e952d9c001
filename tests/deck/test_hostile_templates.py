"""Templates made to break the deck writer below python-pptx's object layer: each is refused with one plain
line, or makes a deck whose zip PowerPoint and LibreOffice can open."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI

from leaflets.deck import draw, package
from leaflets.deck.draw import DEFAULT_TEMPLATE
from leaflets.pictures import pngs
from tests.content.test_hostile_files import MASTER, build, content_naming, template_refusal, template_with

PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
CONTENT_LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
TYPES = "[Content_Types].xml"


def related(target: str, kind: str, rid: str = "rId90"):
    """An edit adding a relationship to a .rels part."""
    return lambda xml: xml.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" '
                                                        f'Target="{target}"/></Relationships>'.encode())


def typed(part: str, kind: str):
    """An edit giving a part its content type in [Content_Types].xml."""
    return lambda xml: xml.replace(b"</Types>", f'<Override PartName="/{part}" ContentType="{kind}"/></Types>'
                                   .encode())


def built_deck(capsys, tmp_path, name: str) -> zipfile.ZipFile:
    out = build(content_naming(tmp_path, template=name), "--format", "pptx")
    captured = capsys.readouterr()
    assert build.code == 0, captured.err
    assert "Traceback" not in captured.err
    deck = out / "cramps.pptx"
    assert len(Presentation(str(deck)).slides) > 3
    return zipfile.ZipFile(deck)


def test_template_part_that_inflates_past_the_size_it_promised_is_read_only_as_far_as_its_promise(tmp_path):
    zeros = bytes(100_000_000)
    path = template_with(tmp_path / "liar.pptx", add={"ppt/media/zeros.bin": zeros})
    del zeros
    data = bytearray(path.read_bytes())
    promise = struct.pack("<3I", zlib.crc32(bytes(100)), 0, 100)  # CRC, packed size (kept), unpacked size
    local = data.rfind(b"PK\x03\x04", 0, data.find(b"ppt/media/zeros.bin") + 1)
    central = data.rfind(b"PK\x01\x02")
    data[local + 14:local + 18], data[local + 22:local + 26] = promise[:4], promise[8:]
    data[central + 16:central + 20], data[central + 24:central + 28] = promise[:4], promise[8:]
    tracemalloc.start()
    try:
        checked = package.check(bytes(data), "liar.pptx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    with zipfile.ZipFile(io.BytesIO(checked)) as opened:
        assert opened.getinfo("ppt/media/zeros.bin").compress_type == zipfile.ZIP_STORED
        assert opened.read("ppt/media/zeros.bin") == bytes(100)
    assert peak < 20_000_000


def test_template_part_in_utf16_that_declares_entities_is_refused(tmp_path, capsys):
    bomb = '<!DOCTYPE p:presentationPr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    template_with(tmp_path / "wide.pptx", edit={"ppt/presProps.xml": lambda xml: xml.decode()
                  .replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("?>", "?>" + bomb, 1).encode("utf-16")})
    line = template_refusal(capsys, tmp_path, "wide.pptx")
    assert line.endswith("the template wide.pptx has a DOCTYPE in 'ppt/presProps.xml', which PowerPoint never "
                         "writes and which can expand a small file into gigabytes; open it in PowerPoint and save "
                         "it again as a PowerPoint Presentation (.pptx), or use another template")


def test_template_part_in_utf16_without_entities_makes_a_deck(tmp_path, capsys):
    template_with(tmp_path / "wide.pptx", edit={"ppt/presProps.xml": lambda xml: xml.decode()
                  .replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")})
    built_deck(capsys, tmp_path, "wide.pptx")


def test_template_with_macros_named_in_character_references_is_refused(tmp_path, capsys):
    hidden = "http://schemas.microsoft.com/office/2006/relationships/vba&#x50;roject"
    main = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    template_with(tmp_path / "macros.pptx", add={"ppt/macros.dat": b"\xd0\xcf\x11\xe0" + bytes(500)},
                  edit={PRESENTATION_RELS: related("macros.dat", hidden),
                        TYPES: lambda xml: typed("ppt/macros.dat", "application/vnd.ms-office.vba&#x50;roject")(
                            xml.replace(main, b"application/vnd.ms-powerpoint.presentation.&#x6D;acroEnabled"
                                              b".main+xml"))})
    line = template_refusal(capsys, tmp_path, "macros.pptx")
    assert line.endswith("the template macros.pptx holds macros; save it as a PowerPoint Presentation (.pptx), which "
                         "holds none, not as a macro-enabled one (.pptm)")


@pytest.mark.parametrize("edit", [
    {"docProps/core.xml": lambda xml: b'<?xml version="1.0" encoding="UTF-8"?><properties/>'},
    {TYPES: lambda xml: xml.replace(b"application/vnd.openxmlformats-package.core-properties+xml",
                                    b"application/xml")},
], ids=["another root", "another content type"])
def test_template_with_document_properties_python_pptx_cannot_write_into_is_refused(tmp_path, capsys, edit):
    template_with(tmp_path / "props.pptx", edit=edit)
    line = template_refusal(capsys, tmp_path, "props.pptx")
    assert line.endswith("the template props.pptx has damaged document properties ('docProps/core.xml'); open it "
                         "in PowerPoint and save it again as a PowerPoint Presentation (.pptx), or use another template")


def test_template_whose_unused_second_slide_master_has_no_theme_is_refused(tmp_path, capsys):
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source:
        master, rels = source.read(MASTER), source.read(MASTER_RELS)
    master_type = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
    template_with(tmp_path / "two.pptx", add={
        "ppt/slideMasters/slideMaster2.xml": master,
        "ppt/slideMasters/_rels/slideMaster2.xml.rels": re.sub(rb'<Relationship [^>]*theme"[^>]*/>', b"", rels)},
        edit={TYPES: typed("ppt/slideMasters/slideMaster2.xml", master_type),
              PRESENTATION_RELS: related("slideMasters/slideMaster2.xml", RT.SLIDE_MASTER),
              "ppt/presentation.xml": lambda xml: xml.replace(
                  b"</p:sldMasterIdLst>", b'<p:sldMasterId id="2147483800" r:id="rId90"/></p:sldMasterIdLst>')})
    line = template_refusal(capsys, tmp_path, "two.pptx")
    assert line.endswith("the template two.pptx cannot be used: its slide master has no theme (the colours and "
                         "fonts of a template); correct it in PowerPoint's Slide Master view, or use another "
                         "template")


def test_layout_whose_placeholder_0_is_the_list_and_not_the_title_is_refused(tmp_path, capsys):
    template_with(tmp_path / "swapped.pptx", edit={CONTENT_LAYOUT: lambda xml: xml.replace(
        b'<p:ph type="title"/>', b'<p:ph type="title" idx="5"/>').replace(b'<p:ph idx="1"/>', b'<p:ph idx="0"/>')})
    line = template_refusal(capsys, tmp_path, "swapped.pptx")
    assert line.endswith("the template swapped.pptx cannot be used: its layout 'Title and Content' has no title in "
                         "its first placeholder (numbered 0), where PowerPoint and screen readers look for a slide's "
                         "title; correct it in PowerPoint's Slide Master view (Reset the layout), or use another "
                         "template")


def template_with_a_slide_a_layout_links_to(path, slide_name: str = "slide1.xml"):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Kept"
    slide.notes_slide.notes_text_frame.text = "Kept notes"
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.endswith(".rels") or entry.filename == TYPES:
                data = data.replace(b"slides/slide1.xml", f"slides/{slide_name}".encode())
            if entry.filename == LAYOUT_RELS:
                data = related(f"../slides/{slide_name}", RT.SLIDE)(data)
            target.writestr(entry.filename.replace("slides/slide1.xml", f"slides/{slide_name}")
                            .replace("slides/_rels/slide1.xml", f"slides/_rels/{slide_name}"), data)
    return path


@pytest.mark.parametrize("slide_name", ["slide1.xml", "Slide2.xml"])
def test_template_slide_that_a_layout_links_to_keeps_a_part_name_of_its_own(tmp_path, capsys, slide_name):
    template_with_a_slide_a_layout_links_to(tmp_path / "linked.pptx", slide_name)
    with built_deck(capsys, tmp_path, "linked.pptx") as deck:
        names = [name.lower() for name in deck.namelist()]
    assert f"ppt/slides/{slide_name.lower()}" in names
    assert len(names) == len(set(names))


def test_template_picture_named_in_capitals_keeps_a_part_name_of_its_own(tmp_path, capsys):
    template_with(tmp_path / "capitals.pptx",
                  add={"ppt/media/Image1.png": pngs.png("questions", pngs.COLOURS["questions"])},
                  edit={MASTER_RELS: related("../media/Image1.png", RT.IMAGE),
                        TYPES: typed("ppt/media/Image1.png", "image/png")})
    with built_deck(capsys, tmp_path, "capitals.pptx") as deck:
        names = [name.lower() for name in deck.namelist()]
    assert "ppt/media/image1.png" in names and "ppt/media/image2.png" in names
    assert len(names) == len(set(names))


def test_template_custom_shows_and_sections_of_its_own_slides_are_left_out_of_a_deck(tmp_path, capsys):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[1])
    prs.save(str(tmp_path / "shows.pptx"))
    ids = re.findall(rb'<p:sldId id="(\d+)" r:id="(rId\d+)"/>', template_part(tmp_path / "shows.pptx"))
    shows = (b'<p:custShowLst><p:custShow name="Short" id="0"><p:sldLst>'
             + b"".join(b'<p:sld r:id="%s"/>' % rid for _, rid in ids) + b"</p:sldLst></p:custShow></p:custShowLst>")
    sections = (b'<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst xmlns:p14='
                b'"http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section name="Ours" '
                b'id="{11111111-2222-3333-4444-555555555555}"><p14:sldIdLst>'
                + b"".join(b'<p14:sldId id="%s"/>' % number for number, _ in ids)
                + b"</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>")
    with zipfile.ZipFile(tmp_path / "shows.pptx") as source, \
            zipfile.ZipFile(tmp_path / "both.pptx", "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "ppt/presentation.xml":
                data = data.replace(b"<p:defaultTextStyle>", shows + b"<p:defaultTextStyle>")
                data = data.replace(b"</p:presentation>", sections + b"</p:presentation>")
            target.writestr(entry, data)
    with built_deck(capsys, tmp_path, "both.pptx") as deck:
        presentation = deck.read("ppt/presentation.xml")
    assert b"custShow" not in presentation and b"sectionLst" not in presentation


def template_part(path, name: str = "ppt/presentation.xml") -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(name)


@pytest.mark.parametrize("target", ["/[Content_Types].xml", "_rels/slideLayout1.xml.rels"])
def test_template_relating_a_part_to_its_package_index_is_refused(tmp_path, capsys, target):
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
    template_with(tmp_path / "index.pptx", edit={LAYOUT_RELS: related(target, kind)})
    line = template_refusal(capsys, tmp_path, "index.pptx")
    shown = "ppt/slideLayouts/" + target if not target.startswith("/") else target[1:]
    assert line.endswith(f"the template index.pptx relates a part to '{shown}', which is not a part of a "
                         "presentation but part of its package's index; open it in PowerPoint and save it again as "
                         "a PowerPoint Presentation (.pptx), or use another template")


def test_deck_with_two_parts_of_one_name_in_any_case_is_not_written(tmp_path):
    deck = draw.prepare(DEFAULT_TEMPLATE).open()
    page = deck.add_slide("content")
    page.part.partname = PackURI("/ppt/slideLayouts/SlideLayout1.xml")
    with pytest.raises(ValueError, match="two of the deck's parts have the same name"):
        package.write_reproducibly(deck.prs, tmp_path / "deck.pptx", dt.datetime(2024, 1, 1))


def placeholders(count: int, kind: str) -> bytes:
    return b"".join(f'<p:sp><p:nvSpPr><p:cNvPr id="{100 + n}" name="Extra {n}"/><p:cNvSpPr/><p:nvPr><p:ph type="{kind}" '
                    f'idx="{100 + n}"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'.encode() for n in range(count))


def test_layout_with_hundreds_of_placeholders_is_refused_before_a_slide_is_made_from_it(tmp_path, capsys):
    template_with(tmp_path / "crowded.pptx", edit={CONTENT_LAYOUT: lambda xml: xml.replace(
        b"</p:spTree>", placeholders(500, "pic") + b"</p:spTree>")})
    line = template_refusal(capsys, tmp_path, "crowded.pptx")
    assert line.endswith("the template crowded.pptx has a layout 'Title and Content' with 505 placeholders, far more "
                         "than a slide needs (at most 100); delete them in PowerPoint's Slide Master view, or use "
                         "another template")


def test_notes_master_with_hundreds_of_placeholders_is_refused_before_a_notes_page_is_made_from_it(tmp_path, capsys):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    prs.slides.add_slide(prs.slide_layouts[0]).notes_slide.notes_text_frame.text = "notes"
    prs.notes_master._element.cSld.spTree.extend(
        etree.fromstring(b'<p:spTree xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
                         + placeholders(500, "body") + b"</p:spTree>"))
    prs.save(str(tmp_path / "crowded.pptx"))
    line = template_refusal(capsys, tmp_path, "crowded.pptx")
    assert "the template crowded.pptx has a notes master with 50" in line


EMBEDDED = ("has an embedded object or control (OLE or ActiveX) in its slide master or a layout, which every deck "
            "would carry and which can run a program when opened; delete it in PowerPoint's Slide Master view, or "
            "use another template")


@pytest.mark.parametrize("rels, kind, part, content_type", [
    (LAYOUT_RELS, RT.OLE_OBJECT, "ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject"),
    (LAYOUT_RELS, RT.PACKAGE, "ppt/embeddings/letter.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (MASTER_RELS, RT.CONTROL, "ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
], ids=["ole-in-layout", "package-in-layout", "activex-in-master"])
def test_template_carrying_an_embedded_object_or_control_into_every_deck_is_refused(tmp_path, capsys, rels, kind,
                                                                                    part, content_type):
    target = "../" + part.removeprefix("ppt/")
    template_with(tmp_path / "embedded.pptx", edit={rels: related(target, kind), TYPES: typed(part, content_type)},
                  add={part: b"<x/>" if part.endswith(".xml") else b"\xd0\xcf\x11\xe0" + bytes(60)})
    line = template_refusal(capsys, tmp_path, "embedded.pptx")
    assert line.endswith(f"the template embedded.pptx {EMBEDDED}")


def test_template_whose_own_slide_holds_an_embedded_object_makes_decks_without_it(tmp_path, capsys):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.add_ole_object(io.BytesIO(b"\xd0\xcf\x11\xe0" + bytes(60)), "Package", 0, 0)
    prs.save(tmp_path / "sample.pptx")
    deck = built_deck(capsys, tmp_path, "sample.pptx")
    assert not [name for name in deck.namelist() if "embeddings" in name]


@pytest.mark.parametrize("moved", ["layout", "master"])
def test_embedded_object_in_a_layout_or_master_stored_under_another_name_is_refused_too(tmp_path, capsys, moved):
    from pptx.opc.package import Part

    prs = Presentation(str(DEFAULT_TEMPLATE))
    holder = prs.slide_layouts[1].part if moved == "layout" else prs.slide_master.part
    holder.partname = PackURI(f"/ppt/elsewhere/{moved}1.xml")  # parts are found through relationships, not names
    blob = Part(PackURI("/ppt/embeddings/oleObject1.bin"), "application/vnd.openxmlformats-officedocument.oleObject",
                prs.part.package, b"\xd0\xcf\x11\xe0" + bytes(60))
    holder.relate_to(blob, RT.OLE_OBJECT)
    prs.save(tmp_path / "moved.pptx")
    line = template_refusal(capsys, tmp_path, "moved.pptx")
    assert line.endswith(f"the template moved.pptx {EMBEDDED}")


def test_the_built_in_template_passes_every_check_a_template_named_in_the_content_gets():
    """Decks on the built-in template skip those checks at run time; this is where it is held to them."""
    from leaflets.deck import draw, package

    assert hashlib.sha256(draw.DEFAULT_TEMPLATE.read_bytes()).hexdigest() == draw.BUILT_IN_TEMPLATE_SHA256
    data = package.check(draw.DEFAULT_TEMPLATE.read_bytes(), "deck-template.pptx")
    checked_data, frames = draw._checked(data, "deck-template.pptx")
    prepared = draw.prepare(draw.DEFAULT_TEMPLATE)
    assert checked_data == prepared.data and frames == prepared.frames


def test_the_built_in_template_edited_in_place_is_held_to_every_check_a_named_template_gets(
        tmp_path, capsys, monkeypatch):
    """assets/deck-template.pptx sits beside content.yaml in a checkout, where a user may brand it in place."""
    from pptx.opc.package import Part

    from leaflets.cli import main
    from tests.build.test_incremental import TWO_TOPICS

    prs = Presentation(str(DEFAULT_TEMPLATE))
    blob = Part(PackURI("/ppt/embeddings/oleObject1.bin"), "application/vnd.openxmlformats-officedocument.oleObject",
                prs.part.package, b"\xd0\xcf\x11\xe0" + bytes(60))
    prs.slide_master.part.relate_to(blob, RT.OLE_OBJECT)
    edited = tmp_path / "deck-template.pptx"
    prs.save(edited)
    monkeypatch.setattr(draw, "DEFAULT_TEMPLATE", edited)
    (tmp_path / "content.yaml").write_text(TWO_TOPICS)
    assert main(["--content", str(tmp_path / "content.yaml"), "--out", str(tmp_path / "out"), "--format", "pptx",
                 "--jobs", "1"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"the template deck-template.pptx {EMBEDDED}. Nothing was written."
    assert not (tmp_path / "out" / "cramps.pptx").exists()
