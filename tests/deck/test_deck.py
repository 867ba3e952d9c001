"""The talk deck, read back with python-pptx as a presenter's program would see it."""

from __future__ import annotations

from dataclasses import replace
import random
import re

import pytest
from pptx import Presentation
from reportlab.pdfbase.pdfmetrics import stringWidth

from leaflets.build import build
from leaflets.deck.draw import measure_frames
from leaflets.deck.measure import wrap
from leaflets.deck.plan import MAX_ITEMS, Box, Frames, item_height, plan
from leaflets.deck.template import find_layouts
from leaflets.wording import causes_heading, duration
from leaflets.cli import main
from leaflets.content import load
from leaflets.deck.draw import DEFAULT_TEMPLATE
from leaflets.problems import OutputError
from tests.conftest import FIXTURES, normalise

TOPICS = ["leg-cramps", "leg-cramps-middle-aged-women"]


@pytest.fixture(params=TOPICS)
def deck(request, seed_content, seed_outputs):
    return seed_content.topic(request.param), Presentation(str(seed_outputs[(request.param, "pptx")]))


def slide_texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_deck_is_16_by_9(deck):
    _, prs = deck
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_slides_follow_the_talk(deck):
    topic, prs = deck
    titles = list(dict.fromkeys(re.sub(r" \(\d+ of \d+\)$", "", s.shapes.title.text) for s in prs.slides))
    assert titles[:3] == [topic.title, "What we will cover", causes_heading(topic)]
    assert titles[3:3 + len(topic.causes)] == [cause.name for cause in topic.causes]
    assert titles[3 + len(topic.causes):] == ["When to see a doctor", "Signs to see a doctor about", "What you can do",
                                              "Things you can do", "Questions?", "Sources", "Thank you"]


def test_each_part_of_the_talk_opens_with_a_section_divider(deck):
    _, prs = deck
    sections = [s.shapes.title.text for s in prs.slides if s.slide_layout.name == "Section Header"]
    assert sections[1:] == ["When to see a doctor", "What you can do", "Questions?"]


def test_every_slide_has_a_unique_title_from_the_layout(deck):
    _, prs = deck
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert all(titles) and len(set(titles)) == len(titles)


def test_all_text_sits_in_layout_placeholders_and_icons_beside_titles_are_decorative(deck):
    _, prs = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                assert shape.is_placeholder, shape.name
            if shape.shape_type == 13:  # a picture: the section icon, which repeats the title
                assert shape.name.startswith("Icon: a ")
                assert decorative(shape) and not shape._element.nvPicPr.cNvPr.get("descr")


def test_no_shape_runs_outside_its_slide(deck):
    _, prs = deck
    for slide in prs.slides:
        for shape in slide.placeholders:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_cause_slides_summarise_and_notes_carry_the_full_explanation(deck):
    topic, prs = deck
    slides = {slide.shapes.title.text: slide for slide in prs.slides}
    for cause in topic.causes:
        slide = slides[cause.name]
        notes = normalise(slide.notes_slide.notes_text_frame.text)
        assert normalise(cause.explanation) in notes
        for extra in (cause.self_care, cause.medical_care):
            assert extra is None or normalise(extra) in notes
        assert 1 <= len(slide.placeholders[1].text_frame.paragraphs) <= MAX_ITEMS


def test_every_warning_sign_and_advice_item_is_on_a_slide(deck):
    topic, prs = deck
    shown = normalise(" ".join(slide_texts(slide) for slide in prs.slides))
    assert all(normalise(item) in shown for item in (*topic.warning_signs, *topic.advice))


def test_every_slide_has_speaker_notes(deck):
    _, prs = deck
    assert all(slide.has_notes_slide and slide.notes_slide.notes_text_frame.text for slide in prs.slides)


TIME = re.compile(r"Time: (.+?) \(from (\d+):(\d\d) until (\d+):(\d\d) of (\d+) minutes\)\.")


def read_clock(notes: list[str]) -> list[tuple[str, int, int, int]]:
    """(own time as written, start, end, talk minutes) from the first line of each slide's notes."""
    found = [TIME.match(text) for text in notes]
    assert all(found), [text[:80] for text, match in zip(notes, found) if not match]
    return [(m[1], int(m[2]) * 60 + int(m[3]), int(m[4]) * 60 + int(m[5]), int(m[6])) for m in found]


def assert_clock_adds_up(notes: list[str], minutes: int) -> None:
    clock = read_clock(notes)
    assert clock[0][1] == 0 and clock[-1][2] == minutes * 60
    for (_, _, end, _), (_, start, _, _) in zip(clock, clock[1:]):
        assert start == end
    for own, start, end, talk in clock:
        assert talk == minutes and end > start and own == duration(end - start)
    assert sum(end - start for _, start, end, _ in clock) == minutes * 60


def test_notes_give_a_time_for_every_slide_adding_up_to_the_talk_length(deck):
    _, prs = deck
    assert_clock_adds_up([slide.notes_slide.notes_text_frame.text for slide in prs.slides], 20)


@pytest.mark.parametrize("name", ["seed", "minimal.yaml", "branded.yaml", "markup.yaml", "pictures.yaml"])
@pytest.mark.parametrize("minutes", [5, 20, 45, 180])
def test_every_slide_starts_where_the_last_ended_and_the_talk_ends_on_time(name, minutes):
    from leaflets.deck.draw import prepare
    from leaflets.deck.plan import timed_plan
    content = load(FIXTURES.parent.parent / "content.yaml" if name == "seed" else FIXTURES / name)
    content = replace(content, deck=replace(content.deck, minutes=minutes))
    frames = prepare(content.deck.template or DEFAULT_TEMPLATE).frames
    for topic in (topic for topic in content.topics if topic.language.startswith("en")):
        slides = timed_plan(content, topic, frames)
        assert_clock_adds_up([slide.notes for slide in slides], minutes)
        sections = [slide for slide in slides if slide.role == "section"]
        for slide in sections:
            part = re.search(r"This part: (.+?)\.", slide.notes)[1]
            index = slides.index(slide)
            following = [s for s in slides[index + 1:]]
            own = slide.seconds + sum(s.seconds for s in
                                      following[:next((i for i, s in enumerate(following) if s.role != "content"),
                                                      len(following))])
            assert part == duration(own)


def test_a_clock_rounded_to_half_minutes_gives_each_slide_its_share():
    from leaflets.talk import Slide, with_timings
    slides = with_timings([Slide("content", str(n), weight=w) for n, w in enumerate([1, 1, 0.5, 3, 3, 3, 0.5])], 20)
    assert [(s.start, s.end) for s in slides] == [
        (0, 90), (90, 210), (210, 240), (240, 540), (540, 840), (840, 1140), (1140, 1200)]
    assert slides[1].notes == "Time: 2 minutes (from 1:30 until 3:30 of 20 minutes)."


def test_notes_list_each_warning_sign_and_ask_the_audience(deck):
    topic, prs = deck
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides
                     if s.shapes.title.text.startswith("Signs to see a doctor about"))
    assert "Anyone with one of these signs should see a doctor:" in notes
    assert all(normalise(sign) in normalise(notes) for sign in topic.warning_signs)
    assert "Ask the audience" in notes


def test_notes_with_medicines_say_they_are_for_a_doctor_to_prescribe(deck):
    topic, prs = deck
    slides = {slide.shapes.title.text: slide for slide in prs.slides}
    for cause in topic.causes:
        if cause.medical_care and "prescribe" in cause.medical_care:
            assert "not to start it on their own" in slides[cause.name].notes_slide.notes_text_frame.text


def test_talk_length_comes_from_the_deck_minutes_setting(seed_content, tmp_path):
    content = replace(seed_content, deck=replace(seed_content.deck, minutes=45))
    [path] = build(content, [content.topics[0]], ["pptx"], tmp_path)
    last = Presentation(str(path)).slides[-1].notes_slide.notes_text_frame.text
    assert "until 45:00 of 45 minutes)" in last


def test_slides_between_the_opening_and_closing_carry_a_slide_number_field(deck):
    _, prs = deck
    last = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        fields = slide._element.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}fld")
        if number in (1, last):
            assert not fields
        else:
            assert [f.get("type") for f in fields] == ["slidenum"]


def test_publisher_logo_opens_and_closes_the_deck_with_alt_text(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    [path] = build(content, list(content.topics), ["pptx"], tmp_path)
    slides = list(Presentation(str(path)).slides)
    for slide in (slides[0], slides[-1]):
        [logo] = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert logo._element.nvPicPr.cNvPr.get("descr") == "Logo of Riverside Community Health Centre"
        assert logo.left + logo.width <= Presentation(str(path)).slide_width


def test_closing_slide_names_the_publisher_and_where_to_get_the_leaflet(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    [path] = build(content, list(content.topics), ["pptx"], tmp_path)
    closing = Presentation(str(path)).slides[-1]
    text = slide_texts(closing)
    assert closing.shapes.title.text == "Thank you"
    for expected in ("Riverside Community Health Centre", "Call 01234 567890", "Ask at reception for this leaflet"):
        assert expected in text


def test_default_template_sizes_come_from_the_template_at_24pt_and_up(deck):
    """The default template sets 28 pt body and 36 pt titles itself, so no run carries a size, except a short
    list set larger for the room."""
    _, prs = deck
    for slide in prs.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                larger = shape.placeholder_format.idx == 1 and slide.slide_layout.name == "Title and Content"
                assert all(run.font.size is None or (larger and run.font.size.pt > 28) for run in paragraph.runs)
    frames = measure_frames(find_layouts(prs))
    assert frames.body.size == 28 and frames.title.size == 36 and frames.body.font == "Helvetica"


def test_a_template_with_small_body_text_is_raised_to_24pt(seed_content, other_template, tmp_path):
    content = replace(seed_content, deck=replace(seed_content.deck, template=other_template))
    [path] = build(content, [content.topics[0]], ["pptx"], tmp_path)
    prs = Presentation(str(path))
    frames = measure_frames(find_layouts(prs))
    assert frames.body.size == 24 and frames.body.explicit and frames.title.size == 40
    assert frames.body.font == "Times-Roman"
    sizes = [{run.font.size.pt for p in slide.placeholders[1].text_frame.paragraphs for run in p.runs}
             for slide in prs.slides if slide.slide_layout.name == "Text with heading"]
    assert all(len(size) == 1 and min(size) >= 24 for size in sizes)
    assert {24.0} in sizes  # a full slide at the minimum, never below it


def test_document_properties_name_the_topic(deck, seed_content):
    topic, prs = deck
    assert prs.core_properties.title == topic.title
    assert prs.core_properties.author == "leaflets"  # no publisher in the seed; never a cited source's author


BOX = Frames(body=Box(width=770, height=340), title=Box(width=700, height=90, size=36, font="Helvetica-Bold"))


def test_a_long_list_continues_on_numbered_slides(seed_content):
    topic = seed_content.topics[0]
    signs = tuple(f"Warning sign number {n} that takes a fair amount of room on the slide" for n in range(12))
    slides = plan(seed_content, replace(topic, warning_signs=signs), BOX)
    continued = [s for s in slides if s.title.startswith("Signs to see a doctor about")]
    assert len(continued) >= 2
    assert [s.title for s in continued] == [f"Signs to see a doctor about ({n} of {len(continued)})"
                                            for n in range(1, len(continued) + 1)]
    assert [item for s in continued for item in s.items] == list(signs)
    assert all(len(s.items) <= MAX_ITEMS for s in continued)


def test_items_are_shared_evenly_across_continued_slides(seed_content):
    topic = seed_content.topics[0]
    advice = tuple(f"Advice {n}" for n in range(7))
    slides = plan(seed_content, replace(topic, advice=advice), BOX)
    assert [len(s.items) for s in slides if s.title.startswith("Things you can do")] == [4, 3]


def test_an_unbreakable_word_is_measured_across_lines():
    box = Box(width=770, height=340)
    assert item_height("x" * 200, box) > 2 * item_height("x", box)


def test_lines_break_where_measuring_each_whole_line_with_reportlab_breaks_them():
    def measured(text, font, size, width):  # each candidate line measured whole, words too wide cut by character
        lines, line = [], ""
        for word in text.split():
            pieces, piece = [], ""
            for char in word if stringWidth(word, font, size) > width else ():
                if piece and stringWidth(piece + char, font, size) > width:
                    pieces.append(piece)
                    piece = ""
                piece += char
            for piece in pieces + [piece] if pieces or piece else [word]:
                if line and stringWidth(f"{line} {piece}", font, size) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = f"{line} {piece}" if line else piece
        return lines + [line] if line or not lines else lines

    words = ["a", "leg", "cramps", "naïve", "—", "“quoted”", "x" * 40, "≥", "café", "WWWW", "iiii", "€5", "½", "✓"]
    chance = random.Random(7)
    for _ in range(2000):
        text = " ".join(chance.choice(words) for _ in range(chance.randint(0, 25)))
        font = chance.choice(["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier"])
        size = chance.choice([18, 24, 28.5, 31, 32, 36, 40])
        start = " ".join(text.split()[:chance.randint(1, 8)])
        width = chance.choice([stringWidth(start, font, size), chance.uniform(20, 800)])  # exactly a line, or not
        assert wrap(text, font, size, width) == measured(text, font, size, width), (text, font, size, width)


def test_a_cause_name_too_long_for_a_two_line_title_is_a_clear_error(seed_content):
    topic = seed_content.topics[0]
    long_name = "A very long name for a cause " * 6
    cause = replace(topic.causes[0], name=long_name.strip())
    with pytest.raises(OutputError, match="needs more than 2 lines even at 28 pt; shorten it"):
        plan(seed_content, replace(topic, causes=(cause,)), BOX)


def test_layouts_are_found_by_role_not_position_or_name(other_template):
    layouts = find_layouts(Presentation(str(other_template)))
    assert {role: layout.name for role, layout in layouts.items()} == {
        "title": "Cover", "content": "Text with heading", "section": "Chapter opener"}


def test_a_template_without_a_section_layout_is_an_error_naming_it(tmp_path, capsys):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for layout in list(prs.slide_layouts):
        if layout.name == "Section Header":
            prs.slide_layouts.remove(layout)
    prs.save(str(tmp_path / "plain.pptx"))
    code = main(["--content", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path / "out"),
                 "--format", "pptx", "--template", str(tmp_path / "plain.pptx")])
    err = [line for line in capsys.readouterr().err.splitlines() if ": warning:" not in line]
    assert code == 1 and len(err) == 1
    assert err[0].startswith("the template plain.pptx has no section layout: it needs a section header layout")
    assert not (tmp_path / "out" / "cramps.pptx").exists()


def test_template_option_must_name_a_pptx_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--content", str(FIXTURES / "minimal.yaml"), "--template", str(tmp_path / "missing.pptx")])
    assert exit_.value.code == 2
    assert "no such PowerPoint file" in capsys.readouterr().err


def test_same_content_gives_the_same_deck_bytes_a_second_apart(seed_content, tmp_path):
    import time
    first = build(seed_content, [seed_content.topics[0]], ["pptx"], tmp_path / "a")[0].read_bytes()
    time.sleep(1.1)
    second = build(seed_content, [seed_content.topics[0]], ["pptx"], tmp_path / "b")[0].read_bytes()
    assert first == second


def test_deck_entries_are_dated_from_the_content_not_the_clock(seed_content, tmp_path):
    import zipfile
    [path] = build(seed_content, [seed_content.topics[0]], ["pptx"], tmp_path)
    newest = max(s.date for s in seed_content.sources_of(seed_content.topics[0]))
    with zipfile.ZipFile(path) as package:
        assert {entry.date_time[:3] for entry in package.infolist()} == {(newest.year, newest.month, newest.day)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_compiled_placeholder_lookup_finds_what_python_pptx_finds(seed_outputs, other_template):
    from leaflets.deck import pptx_lookup

    for path in [seed_outputs[("leg-cramps", "pptx")], DEFAULT_TEMPLATE, other_template]:
        prs = Presentation(str(path))
        parts = [*prs.slides, *prs.slide_layouts, *prs.slide_masters,
                 *(slide.notes_slide for slide in prs.slides if slide.has_notes_slide)]
        shapes = [shape._element for part in parts for shape in part.shapes]
        assert sum(pptx_lookup.ORIGINAL.fget(shape) is not None for shape in shapes) > 10
        assert [shape.ph for shape in shapes] == [pptx_lookup.ORIGINAL.fget(shape) for shape in shapes]


def test_deck_holds_exactly_the_entries_python_pptx_would_save(seed_content, tmp_path, monkeypatch):
    import io
    import zipfile
    from leaflets.deck import package
    saved = io.BytesIO()
    write = package.write_reproducibly

    def write_and_save(prs, path, day):
        write(prs, path, day)
        prs.save(saved)

    monkeypatch.setattr(package, "write_reproducibly", write_and_save)
    [path] = build(seed_content, [seed_content.topics[0]], ["pptx"], tmp_path)
    with zipfile.ZipFile(path) as ours, zipfile.ZipFile(saved) as theirs:
        assert ours.namelist() == theirs.namelist()
        assert [ours.read(name) for name in ours.namelist()] == [theirs.read(name) for name in theirs.namelist()]
def decorative(shape) -> bool:
    return bool(shape._element.xpath("./*[1]/p:cNvPr/a:extLst/a:ext/*[local-name()='decorative'][@val='1']"))


def test_every_picture_and_drawn_shape_has_alt_text_or_is_decorative(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    [path] = build(content, list(content.topics), ["pptx"], tmp_path)
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if not shape.is_placeholder:
                described = shape._element.xpath("./*[1]/p:cNvPr/@descr")
                assert described or decorative(shape), shape.name
                assert not (described and decorative(shape)), shape.name
        names = [shape.name for shape in slide.shapes]
        if "Logo" in names:  # the logo is described, its white card behind it is decorative
            assert names.index("Logo card") == names.index("Logo") - 1


def test_slides_read_title_then_body_then_pictures(deck):
    _, prs = deck
    for slide in prs.slides:
        shapes = list(slide.shapes)
        assert shapes[0].shape_id == slide.shapes.title.shape_id
        kinds = ["picture" if not shape.is_placeholder else "text" for shape in shapes
                 if shape.is_placeholder is False or shape.placeholder_format.type not in (13,)]  # 13: slide number
        assert kinds == sorted(kinds, key=lambda kind: kind == "picture"), kinds


def test_every_run_of_text_on_slides_and_in_notes_carries_the_content_language(tmp_path, write_content):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content = load(write_content("language: en-GB\n" + text))
    [path] = build(content, list(content.topics), ["pptx"], tmp_path / "out")
    for slide in Presentation(str(path)).slides:
        trees = [slide.shapes._spTree] + ([slide.notes_slide.shapes._spTree] if slide.has_notes_slide else [])
        for tree in trees:
            runs = tree.xpath(".//a:r | .//a:fld")
            assert runs
            assert {run.xpath("./a:rPr/@lang")[0] for run in runs} == {"en-GB"}


def test_a_cause_named_like_a_part_of_the_talk_gets_a_numbered_slide_title(tmp_path, write_content):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("name: Cold", "name: Questions?")
    content = load(write_content(text))
    [path] = build(content, list(content.topics), ["pptx"], tmp_path / "out")
    titles = [slide.shapes.title.text for slide in Presentation(str(path)).slides]
    assert len(set(titles)) == len(titles)
    assert "Questions? (2)" in titles
