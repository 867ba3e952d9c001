"""The urgent signs in the talk: a slide of their own, before the signs to see a doctor about."""

from __future__ import annotations

from leaflets.checks import consistency
from leaflets.content import load
from leaflets.deck.plan import SIGNS_TITLE, Box, Frames, plan
from leaflets.wording import URGENT_LEAD, URGENT_SLIDE_TITLE
from tests.conftest import FIXTURES

BOX = Frames(body=Box(width=770, height=340), title=Box(width=700, height=90, size=36, font="Helvetica-Bold"))


def test_urgent_signs_have_a_warning_slide_before_the_warning_signs_whose_notes_read_them():
    content = load(FIXTURES / "short.yaml")
    topic = content.topic("heartburn")
    slides = plan(content, topic, BOX)
    titles = [slide.title for slide in slides]
    urgent = slides[titles.index(URGENT_SLIDE_TITLE)]
    assert titles.index(URGENT_SLIDE_TITLE) + 1 == titles.index(SIGNS_TITLE)
    assert urgent.icon == "warning" and urgent.items == topic.urgent_signs
    assert "Call 999 or go to A&E if you have any of these:" in urgent.notes
    assert all(sign in urgent.notes for sign in topic.urgent_signs)


def test_a_topic_without_urgent_signs_has_no_urgent_slide(seed_content):
    titles = [slide.title for slide in plan(seed_content, seed_content.topics[0], BOX)]
    assert URGENT_SLIDE_TITLE not in titles


def test_without_an_emergency_line_the_notes_use_the_general_phrase(write_content):
    yaml = (FIXTURES / "short.yaml").read_text().replace("  emergency: Call 999 or go to A&E\n", "")
    content = load(write_content(yaml))
    urgent = next(s for s in plan(content, content.topic("heartburn"), BOX) if s.title == URGENT_SLIDE_TITLE)
    assert URGENT_LEAD in urgent.notes and "999" not in urgent.notes


def test_every_urgent_sign_is_expected_in_every_output():
    topic = load(FIXTURES / "short.yaml").topic("heartburn")
    for format_name in ("pdf", "large-print", "trifold", "pptx"):
        expected = dict(consistency.expected(topic, format_name))
        assert [expected[f"urgent sign {n}"] for n in (1, 2)] == list(topic.urgent_signs)
