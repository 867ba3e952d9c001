"""The A4 leaflet, read back from the PDF as a printer and a reader would see it."""

from __future__ import annotations

from dataclasses import replace
import pytest
from pypdf import PdfReader

from leaflets.build import build
from leaflets.content import load
from leaflets.wording import causes_heading
from tests.conftest import FIXTURES, normalise
from tests.pdf import A4, MM, chars_of, text_of
TOPICS = ["leg-cramps", "leg-cramps-middle-aged-women"]


@pytest.fixture(params=TOPICS)
def leaflet(request, seed_content, seed_outputs):
    return seed_content.topic(request.param), seed_outputs[(request.param, "pdf")]


def test_leaflet_is_a4_portrait_and_fits_one_sheet_double_sided(leaflet):
    _, path = leaflet
    pages = PdfReader(path).pages
    assert 1 <= len(pages) <= 2
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)


def test_sections_are_in_reading_order(leaflet):
    topic, path = leaflet
    printed = normalise(text_of(path))
    order = [topic.summary, causes_heading(topic), topic.causes[-1].explanation, "When to see a doctor",
             topic.warning_signs[-1], "What you can do", topic.advice[-1], "Where this information comes from",
             "does not replace advice from your doctor"]
    position = 0
    for text in order:
        position = printed.index(normalise(text), position)  # raises if found only earlier


def test_footer_numbers_pages_as_n_of_m(leaflet):
    _, path = leaflet
    pages = PdfReader(path).pages
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page.extract_text()


def test_body_text_is_at_least_12pt_and_nothing_is_below_9pt(leaflet):
    _, path = leaflet
    footer_zone = 20 * MM
    for _, height, char in chars_of(path):
        assert char["size"] >= 9 - 0.01
        if char["bottom"] < height - footer_zone:
            assert char["size"] >= 12 - 0.01, char["text"]


def test_document_title_author_subject_and_language_are_set(leaflet, seed_content):
    topic, path = leaflet
    reader = PdfReader(path)
    assert reader.metadata.title == topic.title
    assert reader.metadata.author == "leaflets"  # the seed names no publisher; never a cited source's author
    assert reader.metadata.subject == topic.summary
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_markup_characters_in_content_print_literally(tmp_path):
    content = load(FIXTURES / "markup.yaml")
    [path] = build(content, list(content.topics), ["pdf"], tmp_path)
    printed = normalise(text_of(path))
    for text in ["Cramps <i>& spasms</i>", "Use 2 < 3 and 5 > 4 & keep the literal text <b> as typed.",
                 "Cold & damp <br/>", "Pain > 3 days & swelling", "Keep warm: wear socks <b>at night</b>.",
                 "Salt & water <b>not bold</b>", 'R&D "Health" Service']:
        assert normalise(text) in printed


def test_a_long_web_address_wraps_inside_the_margins(tmp_path):
    content = load(FIXTURES / "markup.yaml")
    [path] = build(content, list(content.topics), ["pdf"], tmp_path)
    assert "wrap/somewhere" in normalise(text_of(path))
    for _, _, char in chars_of(path):
        assert char["x1"] <= A4[0] - 5 * MM


def test_a_topic_with_much_more_content_flows_onto_more_pages(tmp_path, seed_content):
    topic = seed_content.topics[0]
    longer = replace(topic, causes=topic.causes * 3, advice=topic.advice * 4)
    content = replace(seed_content, topics=(longer,))
    [path] = build(content, [longer], ["pdf"], tmp_path)
    printed = normalise(text_of(path))
    assert printed.count(normalise(topic.causes[-1].explanation)) == 3
    assert printed.count(normalise(topic.advice[-1])) == 4
    assert len(PdfReader(path).pages) > 2


def test_same_content_gives_the_same_bytes_a_second_apart_in_every_print_format(tmp_path, seed_content):
    import time
    formats = ["pdf", "trifold", "large-print"]
    first = [p.read_bytes() for p in build(seed_content, [seed_content.topics[0]], formats, tmp_path / "a")]
    time.sleep(1.1)
    second = [p.read_bytes() for p in build(seed_content, [seed_content.topics[0]], formats, tmp_path / "b")]
    assert first == second
