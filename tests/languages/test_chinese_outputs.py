"""Topics in Simplified Chinese: every output carries all their text, in an embedded Chinese font that
a reader can copy text from, broken into lines by the Chinese rules; decks mark the language and the
East Asian font on every run."""

from __future__ import annotations

import re

import pdfplumber
import pikepdf
import pytest
from pptx import Presentation

from leaflets import fonts
from leaflets.checks import consistency
from leaflets.cli import main
from leaflets.content import load
from leaflets.formats import FORMATS
from leaflets.problems import ContentError
from leaflets.theme import THEME

pytestmark = pytest.mark.skipif(fonts.cjk_font_file() is None, reason="needs fonts-droid-fallback")

CHINESE = ["leg-cramps-zh", "leg-cramps-middle-aged-women-zh"]
PDF_FORMATS = [name for name in FORMATS if name != "pptx"]
LEAFLETS = [name for name in PDF_FORMATS if name != "script"]  # the speaker script has no leaflet footer
CLOSING = "。，、？！：；）」』》"
OPENING = "（「『《"


@pytest.mark.parametrize("topic_id", CHINESE)
@pytest.mark.parametrize("format_name", FORMATS)
def test_every_chinese_cause_warning_sign_and_advice_item_reaches_every_output(seed_content, seed_outputs,
                                                                               topic_id, format_name):
    topic = seed_content.topic(topic_id)
    assert consistency.missing(topic, format_name, seed_outputs[(topic_id, format_name)]) == []


@pytest.mark.parametrize("topic_id", CHINESE)
@pytest.mark.parametrize("format_name", LEAFLETS)
def test_chinese_text_reads_back_from_the_pdf_with_its_headings_and_footer(seed_outputs, topic_id, format_name):
    with pdfplumber.open(seed_outputs[(topic_id, format_name)]) as pdf:
        text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    assert "什么时候要看医生" in text and "您可以做什么" in text
    assert "本资料只提供一般性的信息" in text or "本宣传单只提供一般性的信息" in text
    assert re.search(r"译自《Legcramps(inmiddle-agedwomen)?》", text)
    if format_name != "trifold":
        assert "第1页，共" in text
    english = [phrase for phrase in ("Wordstoknow", "Whattodo", "Wheretoseeadoctor", "Wherethisinformation")
               if phrase in text]
    assert not english, english


@pytest.mark.parametrize("topic_id", CHINESE)
@pytest.mark.parametrize("format_name", PDF_FORMATS)
def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket(seed_outputs, topic_id,
                                                                                  format_name):
    with pdfplumber.open(seed_outputs[(topic_id, format_name)]) as pdf:
        lines = [line["text"].strip() for page in pdf.pages for line in page.extract_text_lines(layout=False)]
    assert [line for line in lines if line[:1] in CLOSING] == []
    assert [line for line in lines if line[-1:] in OPENING] == []


@pytest.mark.parametrize("format_name", PDF_FORMATS)
def test_every_font_is_embedded_with_a_tounicode_map_and_the_document_is_in_chinese(seed_outputs, format_name):
    with pikepdf.open(seed_outputs[("leg-cramps-zh", format_name)]) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
        fonts_used = {}
        for page in pdf.pages:
            for name, font in page.Resources.Font.items():
                fonts_used[str(font.BaseFont)] = font
        assert any("DroidSansFallback" in name for name in fonts_used)
        for name, font in fonts_used.items():
            assert "/ToUnicode" in font, name
            assert "/FontFile2" in font.FontDescriptor, name


def test_latin_letters_and_digits_among_chinese_are_set_in_the_print_font(seed_outputs):
    with pdfplumber.open(seed_outputs[("leg-cramps-zh", "pdf")]) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
    latin = {char["fontname"].split("+")[-1] for char in chars if char["text"] in "LegcrampsG"}
    chinese = {char["fontname"].split("+")[-1] for char in chars if char["text"] in "腿抽筋"}
    assert latin and all(name.startswith("AtkinsonHyperlegible") for name in latin)
    assert chinese == {THEME.fonts.cjk}


@pytest.mark.parametrize("topic_id", CHINESE)
def test_every_deck_run_carries_the_chinese_language_and_an_east_asian_font(seed_outputs, topic_id):
    deck = Presentation(str(seed_outputs[(topic_id, "pptx")]))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    runs = []
    for slide in deck.slides:
        trees = [slide.shapes._spTree] + ([slide.notes_slide.shapes._spTree] if slide.has_notes_slide else [])
        for tree in trees:
            runs += tree.iter(f"{a}rPr")
    assert runs
    assert {run.get("lang") for run in runs} == {"zh-CN"}
    assert all(run.find(f"{a}ea").get("typeface") == THEME.fonts.deck_east_asian for run in runs)
    theme = deck.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode("utf-8")
    assert theme.count(f'<a:ea typeface="{THEME.fonts.deck_east_asian}"/>') == 2


def test_the_deck_reads_in_chinese_with_its_fixed_titles_and_timed_notes(seed_outputs):
    deck = Presentation(str(seed_outputs[("leg-cramps-zh", "pptx")]))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides if slide.shapes.title is not None]
    assert titles[:3] == ["腿抽筋", "今天讲什么", "哪些原因会引起腿抽筋？"]
    assert "需要看医生的信号" in titles and titles[-1] == "谢谢"
    notes = deck.slides[3].notes_slide.notes_text_frame.text
    assert notes.startswith("时间：") and "医生可能会" not in notes.splitlines()[0]


def test_english_topics_stay_in_english_beside_chinese_ones(seed_outputs):
    with pdfplumber.open(seed_outputs[("leg-cramps", "pdf")]) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
        fonts_used = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert "When to see a doctor" in text and "Page 1 of" in text
    assert not any("DroidSansFallback" in name for name in fonts_used)


TOPIC = """\
language: {file_language}
sources:
  - {{id: s, title: T, publisher: P, date: 2024-01-01}}
topics:
  - id: a
    language: {language}
    title: {title}
    summary: 抽筋很常见。
    sources: [s]
    causes: [{{name: 受凉, explanation: 受凉使肌肉抽筋。}}]
    warning_signs: [疼痛]
    advice: [注意保暖。]
"""


def test_chinese_in_an_english_topic_is_refused_where_it_is(write_content):
    path = write_content(TOPIC.format(file_language="en", language="en", title="Cramps"))
    with pytest.raises(ContentError) as error:
        load(path)
    first = str(error.value).splitlines()[0]
    assert first.startswith(f"{path}:8:14: topic 'a', summary: the leaflet font cannot print '抽' (U+62BD)")
    assert first.endswith("(the font covers Latin-script languages, and Chinese in a topic with "
                          "'language: zh-Hans')")


def test_other_scripts_in_a_chinese_topic_are_still_refused(write_content):
    path = write_content(TOPIC.format(file_language="en", language="zh-Hans", title="抽筋 \U0001F600 Кошка"))
    with pytest.raises(ContentError) as error:
        load(path)
    assert str(error.value).splitlines() == [
        f"{path}:7:12: topic 'a', title: the leaflet font cannot print '\U0001F600' (U+1F600), 'К' (U+041A), "
        "'о' (U+043E), 'ш' (U+0448), 'к' (U+043A); they would show as empty boxes. Remove it or say it in words "
        "(the font covers Latin-script languages)"]


def test_without_the_chinese_font_the_build_leaves_chinese_topics_out_in_one_line_and_builds_the_rest(
        write_content, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(fonts, "cjk_font_file", lambda: None)
    english = TOPIC.format(file_language="en", language="en", title="Cramps").split("topics:\n")[1]
    for chinese, latin in (("抽筋很常见。", "Cramps are common."), ("受凉使肌肉抽筋。", "Cold."), ("受凉", "Cold"),
                           ("疼痛", "Pain"), ("注意保暖。", "Keep warm.")):
        english = english.replace(chinese, latin)
    path = write_content(TOPIC.format(file_language="en", language="zh-CN", title="抽筋")
                         + english.replace("id: a", "id: b"))
    assert main(["--content", str(path), "--out", str(tmp_path / "out"), "--format", "pdf", "--jobs", "1"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "Chinese" in line]
    assert warnings == [
        f"{path}:6:15: warning: topic 'a', language: Chinese text needs the font Droid Sans Fallback, which is "
        "not installed; install it with 'apt-get install fonts-droid-fallback'; topic 'a' was not built"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["b.pdf"]


def test_english_content_never_needs_the_chinese_font(write_content, monkeypatch):
    monkeypatch.setattr(fonts, "cjk_font_file", lambda: None)
    text = TOPIC.format(file_language="en", language="en", title="Cramps")
    text = re.sub(r"summary: .*", "summary: Cramps are common.", text)
    for chinese, english in (("受凉使肌肉抽筋。", "Cold."), ("受凉", "Cold"), ("疼痛", "Pain"), ("注意保暖。", "Keep warm.")):
        text = text.replace(chinese, english)
    assert load(write_content(text)).topics[0].language == "en"
