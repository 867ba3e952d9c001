"""The reading grades come from a syllable table made once instead of textstat's whole pronunciation
dictionary, and are exactly the grades textstat gives."""

from __future__ import annotations

import importlib.util
import re

import pytest
import textstat
import yaml

from leaflets.checks import readability
from leaflets.content import load, patient_texts
from leaflets.theme import asset
from tests.conftest import FIXTURES, ROOT

# Words and marks where word splitting, contractions and the dictionary fallback could part ways.
AWKWARD = [
    "", "   ", ".", "It's the patient's own 'choice' — don't stop.", "Rock'n'roll isn't 'bout cramps.",
    "Self-care: anti-inflammatory, over-the-counter, e.g. ibuprofen (200 mg) at 8 a.m.",
    "İstanbul, Çorum, naïve café, Ångström, straße, ΑΒΓ.", "Hmm. Shh! Mm? Fs", "Gastrocnemius myoclonus; "
    "hypomagnesaemia; dysaesthesia; paracetamol; rhabdomyolysis.", "1 in 4 people: 25% of 100_000.",
]


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def texts_of(path) -> list[str]:
    """Every string in a content file; for one that loads, also each topic's text as the checks grade it."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
    except yaml.YAMLError:
        return path.read_text(encoding="utf-8").splitlines()
    texts = strings_in(data)
    try:
        content = load(path)
    except Exception:  # the mistakes fixtures: their strings are still text to grade
        return texts
    for topic in content.topics:
        texts.append(" ".join(text for _, text, kind in patient_texts(topic) if kind != "heading"))
    return texts


CONTENT_FILES = [ROOT / "content.yaml", *sorted(FIXTURES.rglob("*.yaml"))]


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_grades_and_syllables_are_textstats_on_every_content_file(path):
    texts = texts_of(path)
    assert texts
    for text in texts + AWKWARD:
        assert readability.syllable_count(text) == textstat.syllable_count(text), text
        assert readability.grade_level(text) == textstat.flesch_kincaid_grade(text), text
        assert readability.smog_index(text) == textstat.smog_index(text), text


def test_every_word_of_the_seed_content_counts_as_textstat_counts_it():
    words = {w for text in texts_of(ROOT / "content.yaml") for w in text.split()}
    assert len(words) > 300
    assert {w: readability.syllable_count(w) for w in words} == {w: textstat.syllable_count(w) for w in words}


def test_shipped_syllable_table_is_the_installed_dictionarys():
    spec = importlib.util.spec_from_file_location("make_syllables", ROOT / "assets" / "make_syllables.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    assert asset("checks/syllables.txt").read_text(encoding="utf-8") == maker.table_text(maker.syllable_counts())


def test_syllable_table_names_the_dictionarys_licence():
    head = asset("checks/syllables.txt").read_text(encoding="utf-8")[:3000]
    assert "# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved." in head
    assert "# THIS SOFTWARE IS PROVIDED BY CARNEGIE MELLON UNIVERSITY" in head


def table_counts() -> dict[str, int]:
    spec = importlib.util.spec_from_file_location("make_syllables", ROOT / "assets" / "make_syllables.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    return maker.syllable_counts()


def test_a_word_is_found_in_the_sorted_table_as_in_the_dictionary():
    counts = table_counts()
    assert {word: readability.dictionary_syllables(word) for word in counts} == counts
    near_misses = {word + suffix for word in counts for suffix in ("a", "'")} | {word[:-1] for word in counts}
    near_misses |= {"", " ", "\n", "a" * 70, "\u00e9clair", "zzzzzz", "\x00", "~"}
    assert {word: readability.dictionary_syllables(word) for word in near_misses - set(counts)} == \
        dict.fromkeys(near_misses - set(counts))


def test_lazily_read_hyphenation_patterns_are_pyphens():
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    patterns = readability._LazyPatterns.read(path)
    assert patterns is not None  # the installed dictionary is read lazily, not through Pyphen
    read = {tag: patterns.get(tag) for tag in patterns.raw}
    assert {tag: pattern for tag, pattern in read.items() if pattern} == \
        {tag: (start, tuple(map(int, values))) for tag, (start, values) in pyphen.HyphDict(path).patterns.items()}
    assert patterns.maxlen >= pyphen.HyphDict(path).maxlen


def test_words_the_dictionary_lacks_count_as_textstat_counts_them():
    import random

    lists = " ".join(asset(f"checks/{name}").read_text(encoding="utf-8")
                     for name in ("medicines.txt", "medical-terms.txt"))
    chosen = random.Random(8)
    made_up = ["".join(chosen.choice("abcdefghijklmnopqrstuvwxyz'") for _ in range(chosen.randint(1, 18)))
               for _ in range(3000)]
    words = {w for w in lists.split() + made_up if not w.startswith("#")}
    lacking = [w for w in words if readability.dictionary_syllables(w.lower()) is None]
    assert len(lacking) > 2000
    assert {w: readability.syllable_count(w) for w in words} == {w: textstat.syllable_count(w) for w in words}


def test_a_hyphenation_dictionary_written_unusually_is_left_to_pyphen(tmp_path):
    (tmp_path / "plain.dic").write_text("UTF-8\n.a2ch4\n.ad4der\nff\n", encoding="utf-8")
    plain = readability._LazyPatterns.read(tmp_path / "plain.dic")
    assert (plain.get(".ach"), plain.get(".adder"), plain.get("ff")) == ((2, (2, 0, 4)), (3, (4,)), None)
    for body in (".a2ch4\n^^e9a1\n", "ff1f/f=f,1,2\n", ".a2ch4 \n", ".a2ch4\n.a3ch4\n", ".a2ch\u0664\n"):
        (tmp_path / "unusual.dic").write_text("UTF-8\n" + body, encoding="utf-8")
        assert readability._LazyPatterns.read(tmp_path / "unusual.dic") is None, body


def _read_line_by_line(body: str):
    """The hyphenation patterns of a dictionary's `body` read one line at a time, as Pyphen's reading is
    spelt out: None where the quick reading must leave the dictionary to Pyphen."""
    unusual = r"\^\^|/|(?![0-9])\d|^[^\S\n]|[^\S\n]$"
    if re.search(unusual, body, re.MULTILINE):
        return None
    kept = [(re.sub("[0-9]", "", line), line) for line in body.split("\n")
            if line and not line.startswith(readability._IGNORED)]
    raw = dict(kept)
    return raw if raw and len(raw) == len(kept) else None


def test_hyphenation_patterns_read_with_byte_searches_are_those_read_line_by_line(tmp_path):
    import random

    usual = ["\n", "\n", "\n", "\n", " ", ".a2ch4", "ff", "1", "9", "ab", "a1b", "\u00e9", "\u2019", "%", "#",
             "LEFTHYPHENMIN 2", "COMPOUNDRIGHTHYPHENMIN"]
    unusual = ["\t", "\x1c", "\u00a0", "\u2003", "\u0664", "\u00bd", "^", "^^", "/"]
    chosen = random.Random(3)
    bodies = ["", "\n", "\n\n", ".a2ch4", ".a2ch4\n", "\n.a2ch4", "% x\n.a2ch4\n\n", "1\n2\n", "LEFTHYPHENMIN 2\n"]
    bodies += ["".join(chosen.choice(unusual if chosen.random() < 0.02 else usual)
                       for _ in range(chosen.randint(1, 40))) for _ in range(3000)]
    for number, body in enumerate(bodies):
        path = tmp_path / f"{number}.dic"
        path.write_bytes(("UTF-8\n" + body).encode("utf-8"))
        patterns = readability._LazyPatterns.read(path)
        assert (patterns.raw if patterns else None) == _read_line_by_line(body), repr(body)
