"""The fixed wording: one catalogue per language, each with every phrase and the same placeholders,
and content.yaml's replacements of single phrases."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from leaflets import languages, wording
from leaflets.content import load
from leaflets.problems import ContentError


def placeholders(phrase: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(phrase) if name)


@pytest.mark.parametrize("language", languages.names())
def test_every_catalogue_has_every_phrase_with_the_same_placeholders(language):
    english, other = languages.phrases("en"), languages.phrases(language)
    assert set(other) == set(english)
    assert {key: placeholders(phrase) for key, phrase in other.items()} == \
           {key: placeholders(phrase) for key, phrase in english.items()}


def test_english_and_chinese_catalogues_are_the_two_languages():
    assert languages.names() == ("en", "zh-Hans")


@pytest.mark.parametrize("tag, catalogue", [("en", "en"), ("en-GB", "en"), ("zh-Hans", "zh-Hans"),
                                            ("zh-CN", "zh-Hans"), ("fr", None), ("zh-TW", None)])
def test_language_tags_read_their_catalogue(tag, catalogue):
    assert languages.catalogue_name(tag) == catalogue


def test_dates_are_written_in_each_language_without_the_system_locale():
    day = dt.date(2024, 11, 13)
    assert wording.Wording("en").date(day) == "13 November 2024"
    assert wording.Wording("zh-Hans").date(day) == "2024年11月13日"


def test_talk_timings_are_said_in_each_language():
    assert wording.Wording("en").duration(150) == "2½ minutes"
    assert wording.Wording("en").duration(60) == "1 minute"
    assert wording.Wording("zh-Hans").duration(150) == "2.5 分钟"
    assert wording.Wording("zh-Hans").duration(20) == "30 秒"


CONTENT = """\
language: {language}
{wording}
sources:
  - {{id: s, title: T, publisher: P, date: 2024-01-01}}
topics:
  - id: a
    title: Cramps
    summary: Cramps are common.
    sources: [s]
{topic_wording}
    causes: [{{name: Cold, explanation: Cold makes muscles cramp.}}]
    warning_signs: [Pain]
    advice: [Keep warm.]
"""


def test_an_organisation_replaces_a_phrase_for_its_language_and_a_topic_replaces_it_again(write_content):
    content = load(write_content(CONTENT.format(
        language="en-GB", wording='wording: {en: {warning_heading: "When to get help", advice_heading: "Try this"}}',
        topic_wording='    wording: {advice_heading: "Things to try"}')))
    words = wording.of(content, content.topics[0])
    assert (words.warning_heading, words.advice_heading) == ("When to get help", "Things to try")
    assert wording.of(content, None).sources_heading == "Where this information comes from"


def test_a_misspelt_phrase_key_is_refused_with_a_guess(write_content):
    path = write_content(CONTENT.format(language="en", wording='wording: {en: {warning_headin: "Get help"}}',
                                        topic_wording=""))
    with pytest.raises(ContentError) as error:
        load(path)
    assert str(error.value).splitlines() == [
        f"{path}:2:15: wording.en: 'warning_headin' is not a phrase the outputs print; did you mean 'warning_heading'?"]


def test_a_language_without_a_catalogue_is_refused_naming_those_there_are(write_content):
    path = write_content(CONTENT.format(language="fr", wording="", topic_wording=""))
    with pytest.raises(ContentError) as error:
        load(path)
    assert str(error.value).splitlines() == [
        f"{path}:1:11: language: there is no wording for the language 'fr'; write one of: en, zh-Hans "
        "(en-GB and zh-CN are accepted too)"]


def test_a_phrase_the_file_replaces_for_a_language_reaches_every_output_of_its_topics(write_content, tmp_path):
    from leaflets.build import build, output_path
    from leaflets.checks.consistency import deck_text, pdf_text

    content = load(write_content(CONTENT.format(
        language="en", wording='wording: {en: {warning_heading: "When to get help now"}, '
                               'zh-Hans: {warning_heading: "出现这些情况请就医"}}', topic_wording="")))
    build(content, list(content.topics), ["pdf", "pptx"], tmp_path)
    topic = content.topics[0]
    assert "When to get help now" in " ".join(pdf_text(output_path(tmp_path, topic, "pdf")).split())
    assert "When to get help now" in deck_text(output_path(tmp_path, topic, "pptx"))
    assert "When to see a doctor" not in pdf_text(output_path(tmp_path, topic, "pdf"))


def test_a_translation_of_a_topic_that_is_not_there_is_refused_with_a_guess(write_content):
    path = write_content(CONTENT.format(language="en", wording="", topic_wording="    translation_of: b"))
    text = path.read_text(encoding="utf-8").replace("translation_of: b", "translation_of: aa")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(path)
    assert str(error.value).splitlines() == [
        f"{path}:10:21: topic 'a', translation_of: there is no other topic 'aa'; write the id of the topic this "
        "one translates"]


def test_a_misspelt_phrase_key_in_a_topic_is_refused_where_it_is(write_content):
    path = write_content(CONTENT.format(language="en", wording="", topic_wording='    wording: {disclaimer: "x"}'))
    with pytest.raises(ContentError) as error:
        load(path)
    assert str(error.value).splitlines() == [
        f"{path}:10:14: topic 'a', wording: 'disclaimer' is not a phrase the outputs print; did you mean "
        "'disclaimer_talk'?"]
