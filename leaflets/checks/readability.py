"""Readability: sentences and words as the checks count them, and the Flesch-Kincaid and SMOG grades,
computed as textstat 0.7.8 does from a syllable table shipped in assets/."""

from __future__ import annotations

import functools
import re

from leaflets.theme import asset

WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201D)]?\s+(?=[\"\u201C(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade, as textstat 0.7.8 computes it."""
    from textstat.backend.counts import count_words
    from textstat.backend.metrics import words_per_sentence

    per_sentence, words_in_text = words_per_sentence(text), count_words(text)
    per_word = syllable_count(text) / words_in_text if words_in_text else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def smog_index(text: str) -> float:
    """SMOG grade, as textstat 0.7.8 computes it."""
    from textstat.backend.counts import count_sentences
    from textstat.backend.selections import list_words

    polysyllables = len([w for w in list_words(text) if syllable_count(w) >= 3])
    count = count_sentences(text)
    return (1.043 * (30 * (polysyllables / count)) ** 0.5) + 3.1291 if count else 0.0


def syllable_count(text: str) -> int:
    """textstat's count: a word's syllables in the CMU Pronouncing Dictionary, else Pyphen's hyphenation
    points plus one. The dictionary's counts come from a table made once (assets/make_syllables.py):
    textstat reads the whole dictionary in every process, which takes longer than the checks."""
    from textstat.backend.selections import list_words

    return sum(map(_word_syllables, list_words(text, lowercase=True)))


@functools.lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    known = syllable_table().get(word)
    if known is not None:
        return known
    from textstat.backend.utils import get_pyphen

    return len(get_pyphen("en_US").positions(word)) + 1


@functools.cache
def syllable_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in asset("checks/syllables.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            count, *words_with_count = line.split(" ")
            table.update(dict.fromkeys(words_with_count, int(count)))
    return table
