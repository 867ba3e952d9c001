"""Speaker notes say only what the content says: each sentence is the content's own text or a fixed
phrase that holds for that slide."""

from __future__ import annotations

import pytest

from leaflets import wording
from leaflets.cli import main
from leaflets.content import load
from leaflets.deck.draw import DEFAULT_TEMPLATE, prepare
from leaflets.deck.plan import timed_plan
from leaflets.wording import ADVICE_NOTE, MEDICINE_NOTE

THREE_CAUSES = """\
sources:
  - id: guide
    title: A guide to cramps
    publisher: Health Service
    date: 2024-01-31
topics:
  - id: cramps
    title: Cramps
    summary: This leaflet explains what can cause cramps. Most cramps are harmless.
    sources: [guide]
    causes:
      - name: Cold
        explanation: Cold muscles cramp more easily.
      - name: Nerve damage from diabetes
        explanation: High blood sugar can damage the nerves to the feet.
        medical_care: A doctor may prescribe metformin to control blood sugar.
      - name: A slipped disc
        explanation: A disc in the back can press on a nerve.
    warning_signs:
      - Cramps that keep coming back
      - sign: Numbness or tingling in your feet
        causes: [Nerve damage from diabetes, 3]
      - Pain in your legs when you are cold
    advice:
      - Keep warm.
      - Stretch the muscle.
"""


@pytest.fixture
def slides(write_content):
    content = load(write_content(THREE_CAUSES))
    return {slide.title: slide for slide in timed_plan(content, content.topics[0], prepare(DEFAULT_TEMPLATE).frames)}


def test_the_medicine_reminder_is_only_on_slides_that_name_a_medicine(slides, seed_content):
    assert MEDICINE_NOTE in slides["Nerve damage from diabetes"].notes
    assert MEDICINE_NOTE not in slides["Cold"].notes and MEDICINE_NOTE not in slides["A slipped disc"].notes
    frames = prepare(DEFAULT_TEMPLATE).frames
    seed = {slide.title: slide for slide in timed_plan(seed_content, seed_content.topics[1], frames)}
    assert MEDICINE_NOTE not in seed["Getting cold"].notes
    assert MEDICINE_NOTE not in seed["A slipped disc in the lower back (lumbar disc herniation)"].notes
    assert MEDICINE_NOTE in seed["Bone spurs (bony growths) and calcium loss"].notes


def test_a_warning_sign_is_linked_only_to_the_causes_the_content_names(slides):
    notes = slides["Signs to see a doctor about"].notes.splitlines()
    assert "- Numbness or tingling in your feet (It can go with: Nerve damage from diabetes; A slipped disc, " \
           "see the causes above.)" in notes
    # "cold" in the sign and in a cause's name is not a link the content makes
    assert "- Pain in your legs when you are cold" in notes
    assert "- Cramps that keep coming back" in notes


def test_seed_warning_signs_name_no_causes_in_the_notes(seed_content):
    frames = prepare(DEFAULT_TEMPLATE).frames
    for topic in seed_content.topics:
        words = wording.of(seed_content, topic)
        notes = next(s.notes for s in timed_plan(seed_content, topic, frames) if s.title == words.signs_title)
        assert words.say("notes_sign_reason", causes="X").split("X")[0] not in notes


def test_a_warning_sign_naming_a_cause_the_topic_lacks_is_refused_at_the_topics_warning_signs(write_content, capsys, tmp_path):
    path = write_content(THREE_CAUSES.replace("causes: [Nerve damage from diabetes, 3]", "causes: [Diabetes]"))
    code = main(["--content", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    assert code != 0
    assert err[0] == str(path) + (":20:7: topic 'cramps', warning_signs: a warning sign names the cause 'Diabetes', which "
                      "is not one of this topic's causes; write one of their names exactly: Cold; Nerve damage from "
                      "diabetes; A slipped disc")


def test_the_opening_note_is_spoken_not_the_leaflets_framing(slides):
    opening = slides["Cramps"].notes
    assert "leaflet explains" not in opening
    assert "In short: Most cramps are harmless." in opening


def test_advice_notes_say_what_to_do_with_the_list_rather_than_repeat_it(slides):
    notes = slides["Things you can do"].notes
    assert ADVICE_NOTE in notes
    assert "Keep warm." not in notes and "Stretch the muscle." not in notes
