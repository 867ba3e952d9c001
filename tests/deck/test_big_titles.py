"""A template with large titles builds whatever the default template builds: long titles are set
smaller, down to a floor, before anything is refused."""

from __future__ import annotations

from dataclasses import replace
import pytest
from pptx import Presentation
from pptx.util import Pt

from leaflets.build import build
from leaflets.content import load
from leaflets.deck.draw import DEFAULT_TEMPLATE, prepare
from leaflets.deck.plan import TITLE_FLOOR, timed_plan
from tests.conftest import FIXTURES, ROOT
from tests.templates import make_big_title_template

LONG_NAME = "Nerve damage in the feet and lower legs from diabetes that has gone untreated for many years"
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"  # wider than the title box at 44 pt


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return make_big_title_template(tmp_path_factory.mktemp("big") / "big.pptx", 44)


def with_template(content, template):
    return replace(content, deck=replace(content.deck, template=template))


def titles_and_sizes(path):
    for slide in Presentation(str(path)).slides:
        runs = slide.shapes.title.text_frame.paragraphs[0].runs
        yield slide.shapes.title.text, runs[0].font.size


@pytest.mark.parametrize("name", ["content.yaml", "minimal.yaml", "branded.yaml", "markup.yaml", "pictures.yaml"])
def test_a_44_pt_title_template_builds_every_fixture(name, big, tmp_path):
    content = with_template(load(ROOT / name if name == "content.yaml" else FIXTURES / name), big)
    paths = build(content, list(content.topics), ["pptx"], tmp_path)
    assert paths and all(Presentation(str(path)).slides for path in paths)


@pytest.mark.parametrize("name", [LONG_NAME, f"Cramps from {LONG_WORD}"])
def test_a_title_too_long_for_two_lines_at_44_pt_is_set_smaller_not_refused(name, big, seed_content, tmp_path):
    topic = seed_content.topics[0]
    cause = replace(topic.causes[0], name=name)
    topic = replace(topic, causes=(cause, *topic.causes[1:]))
    default = {s.title: s for s in timed_plan(seed_content, topic, prepare(DEFAULT_TEMPLATE).frames)}
    assert name in default  # it builds on the default template
    content = with_template(seed_content, big)
    frames = prepare(big).frames
    slide = next(s for s in timed_plan(content, topic, frames) if s.title == name)
    assert frames.title.lines(name) > 2 and TITLE_FLOOR <= slide.title_size < 44
    [path] = build(content, [topic], ["pptx"], tmp_path)
    sizes = dict(titles_and_sizes(path))
    assert sizes[name] == Pt(slide.title_size)
    assert sizes["Sources"] is None  # a title that fits keeps the template's size
