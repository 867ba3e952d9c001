"""The speaker script: every slide's picture, time and notes, in clear print, tagged, from the deck's plan."""

from __future__ import annotations

import pikepdf
import pytest

from leaflets import wording
from leaflets.build import build
from leaflets.cli import main
from leaflets.deck.draw import slides as deck_slides
from tests.conftest import normalise
from tests.pdf import A4, chars_of, page_sizes, text_of
from tests.print.test_accessibility import elements, role


@pytest.fixture(scope="module")
def scripts(seed_content, tmp_path_factory):
    out = tmp_path_factory.mktemp("script")
    paths = build(seed_content, list(seed_content.topics), ["script"], out)
    return {topic.id: path for topic, path in zip(seed_content.topics, paths)}


def test_the_script_pages_hold_every_slides_title_and_every_note(seed_content, scripts):
    for topic in seed_content.topics:
        text = normalise(text_of(scripts[topic.id]))
        words = wording.of(seed_content, topic)
        for number, slide in enumerate(deck_slides(seed_content, topic), start=1):
            assert normalise(words.say("script_slide_heading", number=number, title=slide.title)) in text
            for line in slide.notes.splitlines():
                assert normalise(line.removeprefix("- ")) in text, line


def test_the_script_is_a4_in_print_no_smaller_than_12_pt_outside_the_slide_pictures(scripts):
    for path in scripts.values():
        assert all(size == pytest.approx(A4, abs=0.5) for size in page_sizes(path))
        sizes = {round(char["size"], 1) for _, _, char in chars_of(path)}
        reading = {size for size in sizes if size >= 9}  # the pictures' text is smaller by design; the footer 9.5
        assert min(reading - {9.5}) >= 12


def test_the_script_is_tagged_with_each_slide_picture_described(seed_content, scripts):
    topic = seed_content.topics[0]
    with pikepdf.open(scripts[topic.id]) as pdf:
        assert pdf.Root.MarkInfo.Marked
        tree = list(elements(pdf.Root.StructTreeRoot))
        figures = [str(e.Alt) for e in tree if role(e) == "Figure"]
        headings = [e for e in tree if role(e) == "H2"]
    slides = deck_slides(seed_content, topic)
    assert len(figures) == len(headings) == len(slides)
    assert figures[3].startswith(f"Picture of slide 4: {slides[3].title}. On the slide: {slides[3].items[0]}")


def test_the_script_is_the_same_bytes_when_built_again(seed_content, scripts, tmp_path):
    topic = seed_content.topics[0]
    [again] = build(seed_content, [topic], ["script"], tmp_path)
    assert again.read_bytes() == scripts[topic.id].read_bytes()


def test_format_script_builds_only_the_script(tmp_path, capsys):
    from tests.conftest import FIXTURES
    code = main(["--content", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path), "--format", "script"])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["cramps-script.pdf"]
