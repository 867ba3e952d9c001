"""The word lists the checks use: medical terms that need explaining and medicine names, one per line in
assets/checks/, extended per content file under `checks:`."""

from __future__ import annotations

import functools
import re

from leaflets.content import mentions
from leaflets.theme import asset


@functools.cache
def medical_terms() -> tuple[str, ...]:
    return word_list("checks/medical-terms.txt")


@functools.cache
def medicines() -> tuple[str, ...]:
    return word_list("checks/medicines.txt")


def named_medicines(text: str, more: tuple[str, ...] = ()) -> list[str]:
    """The medicines (the built-in list and `more`, content.yaml's own) that `text` names, in name order.
    Only names that begin like one of the text's words are looked for (`mentions` wants a whole word)."""
    lower = text.lower()
    always, by_start = _medicine_index(more)
    starts = {word[:3] for word in _WORD.findall(lower)}
    candidates = sorted([*always, *(name for start in starts & by_start.keys() for name in by_start[start])])
    return [name for name in candidates if name in lower and mentions(lower, name)]


_WORD = re.compile(r"(?<![\w-])\w+")  # where `mentions` lets a name begin


@functools.lru_cache(maxsize=16)
def _medicine_index(more: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, list[str]]]:
    """The names `mentions` finds only as whole words, by their first three letters (all word characters);
    the others (shorter, or Chinese, found anywhere) are always looked for."""
    always, by_start = [], {}
    for name in _medicine_names(more):
        if re.fullmatch(r"\w{3}", name[:3]) and (name.isascii() or re.search(r"[A-Za-z\u00c0-\u024f]", name)):
            by_start.setdefault(name[:3], []).append(name)
        else:
            always.append(name)
    return tuple(always), by_start


def words_of(text: str) -> set[str]:
    """The words of `text` as `may_mention` looks them up."""
    return set(_WORD.findall(text))


def may_mention(words: set[str], term: str) -> bool:
    """False only when `mentions(text, term)` is False for the text whose words_of are `words`: a term a text
    mentions starts where one of its words does, and that word is the term's first word or (a one-word term)
    the term or its plural. A set lookup, where searching the text for each of the hundreds of listed terms
    was most of the time of the medical term check."""
    needed = _words_needed(term)
    return needed is None or not words.isdisjoint(needed)


@functools.lru_cache(maxsize=4096)
def _words_needed(term: str) -> tuple[str, ...] | None:
    """The words one of which a text mentioning `term` has; None when the text's words cannot tell."""
    term = term.lower()
    first = _WORD.match(term)
    if first is None or not term.isascii() and not _LATIN.search(term):
        return None  # no word to look up, or Chinese, which mentions finds anywhere in a word
    if first.end() < len(term):
        return (first.group(),)
    return (term, term + "s", term + "es")


_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@functools.lru_cache(maxsize=16)
def _medicine_names(more: tuple[str, ...]) -> tuple[str, ...]:
    """The built-in medicines and `more`, lower case (as `mentions` looks for them), in name order."""
    return tuple(sorted(set(medicines()) | {m.lower() for m in more}))


def word_list(name: str) -> tuple[str, ...]:
    """The names in one list of assets/checks/, lower case (which leaves Chinese as it is), without comments."""
    lines = asset(name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

