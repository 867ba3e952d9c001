"""Slides that use the room: lists sized by how much is on them, a warning slide unlike the others,
short derived key points, and a sources slide that holds sources only."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Pt

from leaflets.checks.rules import LONG_SLIDE_LINE
from leaflets.content import load
from leaflets.deck.draw import DEFAULT_TEMPLATE, prepare
from leaflets.deck.plan import timed_plan
from leaflets.talk import key_points
from leaflets.wording import citation, disclaimer
from tests.checks.test_checks import findings_of


def test_a_short_list_is_set_larger_than_a_long_one_and_never_below_the_template(seed_content):
    frames = prepare(DEFAULT_TEMPLATE).frames
    slides = {s.title: s for s in timed_plan(seed_content, seed_content.topics[0], frames)}
    assert slides["Cold"].body_size > frames.body.size  # three short key points
    assert slides["Signs to see a doctor about"].body_size == frames.body.size  # five long signs
    assert all(s.body_size >= 24 and s.body_size < frames.title.size for s in slides.values())


def test_the_warning_slide_is_bordered_and_decorative_border_is_not_read(seed_outputs, seed_content):
    prs = Presentation(str(seed_outputs[(seed_content.topics[0].id, "pptx")]))
    for slide in prs.slides:
        borders = [shape for shape in slide.shapes if shape.name == "Warning border"]
        if slide.shapes.title.text == "Signs to see a doctor about":
            [border] = borders
            assert border.line.width == Pt(6) and str(border.line.color.rgb) == "9E1B1B"
            assert 'decorative' in border._element.xml
        else:
            assert borders == []


def test_the_sources_slide_holds_sources_and_the_disclaimer_is_said_at_the_close(seed_content):
    frames = prepare(DEFAULT_TEMPLATE).frames
    topic = seed_content.topics[0]
    slides = timed_plan(seed_content, topic, frames)
    sources = next(s for s in slides if s.title == "Sources")
    assert sources.items == tuple(citation(s) for s in seed_content.sources_of(topic))
    assert disclaimer("talk") in slides[-1].notes
    assert all(disclaimer("talk") not in item for s in slides for item in s.items)


def test_key_points_from_an_explanation_are_its_sentences_cut_at_clauses(write_content):
    content = load(write_content(EXPLAINED))
    [short, long] = content.topics[0].causes
    assert key_points(short) == ("Cold muscles cramp more easily.",
                                 "The blood vessels in the feet narrow in the cold.",
                                 "So less blood reaches the muscles of the feet and legs.")
    assert all(len(point.split()) <= LONG_SLIDE_LINE for point in key_points(short))
    assert any(len(point.split()) > LONG_SLIDE_LINE for point in key_points(long))


def test_the_long_slide_line_check_sees_lines_derived_from_an_explanation(write_content):
    path = write_content(EXPLAINED)
    lines = [f.line() for f in findings_of(path).findings if f.check == "long-slide-line"]
    assert len(lines) == 1
    assert ": warning: topic 'cramps', cause 2, explanation: the cause's slide shows 'Walking, running" in lines[0]
    assert "add key_points of 12 words or fewer for the slide [long-slide-line]" in lines[0]


EXPLAINED = """\
sources:
  - id: guide
    title: A guide to cramps
    publisher: Health Service
    date: 2025-01-31
topics:
  - id: cramps
    title: Cramps
    summary: Cramps are common.
    sources: [guide]
    causes:
      - name: Cold
        explanation: >-
          Cold muscles cramp more easily. The blood vessels in the feet narrow in the cold, so less
          blood reaches the muscles of the feet and legs.
      - name: Tired muscles
        explanation: >-
          Walking, running or exercising for a long time can overwork the muscles of the feet and legs.
    warning_signs:
      - Cramps that keep coming back
    advice:
      - Keep warm.
"""
