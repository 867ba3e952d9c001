"""The talk deck, read back with python-pptx as a presenter's program would see it."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.util import Emu

from leaflets.build import build
from leaflets.deck import MAX_ITEMS, Box, body_box, find_layouts, plan
from leaflets.theme import THEME
from leaflets.wording import causes_heading
from tests.conftest import normalise

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
    assert titles[-4:] == ["When to see a doctor", "What you can do", "Questions?", "Sources"]


def test_every_slide_has_a_unique_title_from_the_layout(deck):
    _, prs = deck
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert all(titles) and len(set(titles)) == len(titles)


def test_all_text_sits_in_layout_placeholders(deck):
    _, prs = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                assert shape.is_placeholder, shape.name


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


def test_body_and_title_sizes_meet_the_minimum(deck):
    """No run sets its own size, so sizes come from the template, which is at 24 pt and up."""
    _, prs = deck
    for slide in prs.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                assert all(run.font.size is None for run in paragraph.runs)
    p, a = "{http://schemas.openxmlformats.org/presentationml/2006/main}", "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    styles = prs.slide_master._element.find(f"{p}txStyles")
    for name, least in ((f"{p}titleStyle", THEME.slides.min_title), (f"{p}bodyStyle", THEME.slides.min_body)):
        sizes = [int(e.get("sz")) / 100 for e in styles.find(name).iter(f"{a}defRPr") if e.get("sz")]
        assert sizes and min(sizes) >= least


def test_document_properties_name_the_topic(deck, seed_content):
    topic, prs = deck
    assert prs.core_properties.title == topic.title
    assert prs.core_properties.author == seed_content.sources_of(topic)[0].author


def test_a_long_list_continues_on_numbered_slides(seed_content):
    topic = seed_content.topics[0]
    signs = tuple(f"Warning sign number {n} that takes a fair amount of room on the slide" for n in range(12))
    slides = plan(seed_content, topic.model_copy(update={"warning_signs": signs}), Box(width=770, height=340))
    continued = [s for s in slides if s.title.startswith("When to see a doctor")]
    assert len(continued) >= 2
    assert [s.title for s in continued] == [f"When to see a doctor ({n} of {len(continued)})"
                                            for n in range(1, len(continued) + 1)]
    assert [item for s in continued for item in s.items] == list(signs)
    assert all(len(s.items) <= MAX_ITEMS for s in continued)


def test_items_are_shared_evenly_across_continued_slides(seed_content):
    topic = seed_content.topics[0]
    advice = tuple(f"Advice {n}" for n in range(7))
    slides = plan(seed_content, topic.model_copy(update={"advice": advice}), Box(width=770, height=340))
    assert [len(s.items) for s in slides if s.title.startswith("What you can do")] == [4, 3]


def test_an_unbreakable_word_is_measured_across_lines(seed_content):
    from leaflets.deck import item_height
    box = Box(width=770, height=340)
    assert item_height("x" * 200, box) > 2 * item_height("x", box)


def test_layouts_are_found_by_role_not_position(seed_content, tmp_path):
    prs = Presentation(str(build(seed_content, [seed_content.topics[0]], ["pptx"], tmp_path)[0]))
    layouts = find_layouts(prs)
    assert {role: layout.name for role, layout in layouts.items()} == {
        "title": "Title Slide", "content": "Title and Content", "section": "Section Header"}
    box = body_box(layouts["content"])
    assert box.width > 700 and box.height > 300
