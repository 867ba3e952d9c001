"""The deck writer builds slides, notes pages, pictures and the zip below python-pptx's object layer, for
speed; each of these gives exactly what python-pptx's own way gives, on templates unlike each other."""

from __future__ import annotations

from dataclasses import replace
import copy
import datetime as dt
import io
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.shapes.picture import CT_Picture
from pptx.oxml.ns import qn
from pptx.util import Emu
from lxml import etree

from leaflets import languages
from leaflets.content import load
from leaflets.deck import accessible, archive, draw, text
from leaflets.deck.pages import SLIDE_NUMBER_FIELD, place
from leaflets.deck.template import TEXT_KINDS, slide_number_placeholder
from leaflets.pictures import pngs
from leaflets.theme import THEME
from tests.conftest import FIXTURES

ICON = pngs.png("causes", pngs.COLOURS["causes"])
OTHER_ICON = pngs.png("advice", pngs.COLOURS["advice"])
AWKWARD = ["Title\twith a tab", "two\nparagraphs", "a\vsoft break", "bell\x07and\x1fcontrols", "", "\n", "end\n"]


def template_with_notes_master(path):
    prs = Presentation(str(draw.DEFAULT_TEMPLATE))
    prs.slides.add_slide(prs.slide_layouts[0]).notes_slide.notes_text_frame.text = "notes"
    prs.save(str(path))
    return path


def template_with_a_picture(path):
    """The default template with the causes icon on its slide master, as a logo would be, saved as its
    second picture with no first (a picture deleted), so that a deck's first picture fills the gap."""
    prs = Presentation(str(draw.DEFAULT_TEMPLATE))
    master = prs.slide_master
    _, deleted = master.part.get_or_add_image_part(io.BytesIO(pngs.png("questions", pngs.COLOURS["questions"])))
    _, rId = master.part.get_or_add_image_part(io.BytesIO(ICON))
    master.part.drop_rel(deleted)
    master.shapes._spTree.append(CT_Picture.new_pic(99, "Mark", "mark", rId, 0, 0, 300000, 300000))
    prs.save(str(path))
    return path


@pytest.fixture(params=["default", "other", "notes master", "picture", "python-pptx"])
def template(request, other_template, tmp_path):
    return {"default": lambda: draw.DEFAULT_TEMPLATE, "other": lambda: other_template,
            "notes master": lambda: template_with_notes_master(tmp_path / "notes.pptx"),
            "picture": lambda: template_with_a_picture(tmp_path / "picture.pptx"),
            "python-pptx": lambda: Presentation().save(str(tmp_path / "plain.pptx")) or tmp_path / "plain.pptx",
            }[request.param]()


def saved(prs) -> dict[str, bytes]:
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_slides_notes_pages_and_pictures_are_the_parts_python_pptx_would_make(template):
    prepared = draw.prepare(template)
    ours = prepared.open()
    theirs = Presentation(io.BytesIO(prepared.data))
    for step, role in enumerate(["title", "content", "section", "content"]):
        page = ours.add_slide(role)
        layout = theirs.slide_layouts[prepared.blanks.layouts[role]]
        slide = theirs.slides.add_slide(layout)
        for picture, height in ((ICON, Emu(300000)), (OTHER_ICON if step % 2 else ICON, Emu(200000))):
            ours.add_picture(page, picture, 10, 20, None, height)
            slide.shapes.add_picture(io.BytesIO(picture), 10, 20, height=height)
        ours.add_picture(page, ICON, 30, 40, 50, 60)
        slide.shapes.add_picture(io.BytesIO(ICON), 30, 40, 50, 60)
        if page.add_slide_number(step + 1) is not None:
            slide.shapes.clone_placeholder(slide_number_placeholder(layout))
            number = slide.shapes[-1]
            slide.placeholders[number.placeholder_format.idx].text_frame.paragraphs[0]._p.append(
                parse_xml(SLIDE_NUMBER_FIELD % (step + 1)))
        place(page.title, 100, 200, 3000 * step, 400)
        slide.shapes.title.left, slide.shapes.title.top, slide.shapes.title.width = 100, 200, 3000 * step
        slide.shapes.title.height = 400
        text.set_text(ours.add_notes(page).get_or_add_txBody(), f"Notes {step}\n\nmore")
        slide.notes_slide.notes_text_frame.text = f"Notes {step}\n\nmore"
    assert saved(ours.prs) == saved(theirs)


def test_text_is_set_as_python_pptx_sets_it():
    prepared = draw.prepare(draw.DEFAULT_TEMPLATE)
    ours, theirs = prepared.open(), Presentation(io.BytesIO(prepared.data))
    page = ours.add_slide("content")
    slide = theirs.slides.add_slide(theirs.slide_layouts[prepared.blanks.layouts["content"]])
    body = page.body.get_or_add_txBody()
    text.set_text(body, AWKWARD[1])
    frame = slide.placeholders[page.body.ph_idx].text_frame
    frame.text = AWKWARD[1]
    for item in AWKWARD:
        text.add_paragraph(body, item)
        frame.add_paragraph().text = item
    text.set_size(body, 31.5)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Emu(int(31.5 * 12700))
    text.set_text(page.title.get_or_add_txBody(), "\n".join(AWKWARD))
    slide.shapes.title.text = "\n".join(AWKWARD)
    assert saved(ours.prs) == saved(theirs)


def test_a_deck_zip_has_the_bytes_zipfile_would_write():
    day = dt.datetime(2024, 2, 29)
    entries = [("[Content_Types].xml", b"<Types/>" * 50), ("ppt/media/image1.png", ICON), ("empty", b""),
               ("ppt/slides/slide\u00e9.xml", "caf\u00e9".encode()), ("again.png", ICON)]
    ours = io.BytesIO()
    archive.write(ours, entries, day)
    archive.write(ours_again := io.BytesIO(), entries, day)  # the second time from the packed entries kept
    theirs = io.BytesIO()
    with zipfile.ZipFile(theirs, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 2, 29, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            package.writestr(info, data)
    assert ours.getvalue() == ours_again.getvalue() == theirs.getvalue()


def test_a_worker_draws_its_first_deck_on_the_template_read_before_the_workers_started(seed_content, tmp_path,
                                                                                       monkeypatch):
    monkeypatch.setattr(draw, "_PREPARED", {})
    draw.before_workers()
    read = []
    monkeypatch.setattr(draw, "_prepare", lambda *args: read.append(args))
    draw.write(seed_content, seed_content.topics[0], tmp_path / "deck.pptx")
    assert read == []
    assert Presentation(str(tmp_path / "deck.pptx")).slides


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_a_deck_shares_the_template_parts_it_leaves_alone_and_is_the_deck_drawn_on_the_template_opened_afresh(
        template, language, seed_content, tmp_path, monkeypatch):
    content = replace(seed_content, deck=replace(seed_content.deck, template=template))
    topic = next(topic for topic in content.topics if topic.language == language)
    draw.write(content, topic, tmp_path / "shared.pptx")
    draw.write(content, topic, tmp_path / "again.pptx")
    bases = draw.prepare(template).bases
    [base] = [base for typeface, base in bases.items() if (typeface is None) == (language == "en")]
    assert len(base.shared) > 10
    for part, shared in base.shared.items():  # nothing drawn on a deck changed a part the decks share
        assert shared.entries[0] == (part.partname.membername, part.blob)
        assert shared.entries[1:] == (((part.partname.rels_uri.membername, part._rels.xml),) if part._rels else ())
    monkeypatch.setattr(base, "shared", None)  # each deck opens the template afresh with python-pptx
    draw.write(content, topic, tmp_path / "afresh.pptx")
    drawn = [(tmp_path / name).read_bytes() for name in ("shared.pptx", "again.pptx", "afresh.pptx")]
    assert drawn[0] == drawn[1] == drawn[2]


def accessible_as_python_pptx_reads_it(tree, notes, language):
    """make_accessible written with python-pptx's own placeholder lookups and XPath searches."""
    placeholders = list(tree.iter_ph_elms())
    title = next((element for element in placeholders if element.ph_idx == 0), None)
    body = [element for element in sorted(placeholders, key=lambda element: element.ph_idx)
            if element.ph_type in TEXT_KINDS]
    anchor = tree.xpath("./p:grpSpPr")[0]
    for element in reversed(([title] if title is not None else []) + body):
        anchor.addnext(element)
    for shape in tree.iter_shape_elms():
        if not shape.has_ph_elm:
            properties = shape.xpath("./*[1]/p:cNvPr")[0]
            if re.fullmatch(r"image\.\w+", properties.get("descr", "")):
                del properties.attrib["descr"]
            if not properties.get("descr"):
                accessible._mark_decorative(properties)
    east_asian = THEME.fonts.deck_east_asian if languages.is_cjk(language) else None
    for part in (tree, notes) if notes is not None else (tree,):
        for run in part.xpath(".//a:r[not(a:rPr)] | .//a:fld[not(a:rPr)]"):
            run.insert(0, run.makeelement(qn("a:rPr"), {}))
        for run_properties in part.xpath(".//a:r/a:rPr | .//a:fld/a:rPr | .//a:endParaRPr"):
            run_properties.set("lang", languages.office_tag(language))
            if east_asian:
                run_properties.set("altLang", "en-US")
                accessible._set_east_asian(run_properties, east_asian)


@pytest.mark.parametrize("source", ["branded", "pictures", "seed"])
def test_reading_order_decorative_shapes_and_languages_are_set_as_python_pptx_lookups_set_them(
        template, source, seed_content, tmp_path, monkeypatch):
    content = seed_content if source == "seed" else load(FIXTURES / f"{source}.yaml")
    content = replace(content, deck=replace(content.deck, template=template))
    made = []

    def both_ways(tree, notes, language):
        properties = tree.find(qn("p:grpSpPr"))
        for shape in list(properties.itersiblings()):  # the shapes in reverse, for the reading order to right
            properties.addnext(shape)
        theirs = [copy.deepcopy(element) for element in (tree, notes)]  # each in a document of its own
        accessible_as_python_pptx_reads_it(*theirs, language)
        accessible.make_accessible(tree, notes, language)
        made.append(([etree.tostring(copy.deepcopy(element)) for element in (tree, notes)],
                     [etree.tostring(element) for element in theirs]))

    monkeypatch.setattr(draw, "make_accessible", both_ways)
    for topic in content.topics:
        draw.write(content, topic, tmp_path / "deck.pptx")
    assert len(made) > 10
    for ours, theirs in made:
        assert ours == theirs
