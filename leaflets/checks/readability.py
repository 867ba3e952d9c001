"""Readability: sentences and words as the checks count them, and the Flesch-Kincaid and SMOG grades,
computed exactly as textstat 0.7.8 does without loading what textstat loads: its word and sentence
counting is a few lines here, a word's syllables come from a table of the CMU Pronouncing Dictionary
shipped in assets/, and a word the dictionary lacks is hyphenated with Pyphen's patterns, each read
when a word first needs it."""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
from pathlib import Path

from leaflets.theme import asset

WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201D)]?\s+(?=[\"\u201C(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return WORD.findall(text)


@functools.lru_cache(maxsize=4096)  # a topic's text is graded for its findings and again for its scores
def grade_level(text: str) -> float:
    """Flesch-Kincaid grade, as textstat 0.7.8 computes it."""
    words_in_text = len(_textstat_words(text))
    count = _textstat_sentences(text)
    per_sentence = words_in_text / count if count else 0.0
    per_word = syllable_count(text) / words_in_text if words_in_text else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


@functools.lru_cache(maxsize=4096)
def smog_index(text: str) -> float:
    """SMOG grade, as textstat 0.7.8 computes it."""
    polysyllables = len([w for w in _textstat_words(text) if _token_syllables(w) >= 3])
    count = _textstat_sentences(text)
    return (1.043 * (30 * (polysyllables / count)) ** 0.5) + 3.1291 if count else 0.0


def syllable_count(text: str) -> int:
    """textstat's count: a word's syllables in the CMU Pronouncing Dictionary, else Pyphen's hyphenation
    points plus one."""
    return sum(map(_word_syllables, _textstat_words(text, lowercase=True)))


@functools.lru_cache(maxsize=65536)
def _token_syllables(token: str) -> int:
    """syllable_count of one of textstat's words (which may still hold an apostrophe)."""
    return syllable_count(token)


# textstat 0.7.8's words (backend.selections.list_words with its defaults): punctuation removed except
# the apostrophes of contractions, then split at white space.
_NOT_A_CONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _textstat_words(text: str, lowercase: bool = False) -> list[str]:
    text = _PUNCTUATION.sub("", _NOT_A_CONTRACTION.sub("", text))
    return (text.lower() if lowercase else text).split()


def _textstat_sentences(text: str) -> int:
    """textstat's sentence count: runs ending in . ! or ?, not counting those of two words or fewer."""
    if not text:
        return 0
    found = _TEXTSTAT_SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(_textstat_words(sentence)) <= 2))


@functools.lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    known = dictionary_syllables(word)
    if known is not None:
        return known
    return len(_hyphenation().positions(word)) + 1


def dictionary_syllables(word: str) -> int | None:
    """The word's syllables in the table of assets/checks/syllables.txt (assets/make_syllables.py), looked up in
    its sorted lines without reading them into a dict (124,000 words took 40 ms a process); None if absent."""
    if not word.isascii():
        return None  # the dictionary's words are ASCII
    key = word.encode("ascii")
    data, firsts, starts = _syllable_lines()
    block = bisect.bisect_right(firsts, key) - 1
    if block < 0:
        return None
    line = data.find(b"\n" + key + b" ", starts[block] - 1, starts[block + 1])
    if line < 0:
        return None
    count = line + len(key) + 2
    return int(data[count:data.index(b"\n", count)])


@functools.cache
def _syllable_lines() -> tuple[bytes, list[bytes], list[int]]:
    """The table's bytes, and about every 4 KB the first word of a line and where the line starts (the last
    start being the end): a word's line lies between the sampled word at or before it and the next one."""
    data = asset("checks/syllables.txt").read_bytes()
    at = 0
    while data.startswith(b"#", at):
        at = data.index(b"\n", at) + 1
    firsts, starts = [], []
    while 0 < at < len(data):
        firsts.append(data[at:data.index(b" ", at)])
        starts.append(at)
        at = data.find(b"\n", at + 4096) + 1
    return data, firsts, starts + [len(data)]


@functools.cache
def _hyphenation():
    """Pyphen's US English hyphenation as textstat uses it, its patterns read lazily; Pyphen itself for a
    dictionary this reading does not follow exactly."""
    found = importlib.util.find_spec("pyphen")
    folder = Path(found.submodule_search_locations[0]) if found and found.submodule_search_locations else None
    path = folder / "dictionaries" / "hyph_en_US.dic" if folder else None
    patterns = _LazyPatterns.read(path) if path and path.is_file() else None
    if patterns is None:
        from textstat.backend.utils import get_pyphen

        return get_pyphen("en_US")
    return _Hyphenation(patterns)


# Pyphen 0.18's reading of a pattern such as '.ach4': digits are the weights between its letters.
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)").findall
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
# What Pyphen reads in ways the lazy reading does not: hex escapes, nonstandard hyphenation, digits other
# than 0-9, white space around a pattern.
_UNUSUAL = re.compile(r"\^\^|/|(?![0-9])\d|^[^\S\n]|[^\S\n]$", re.MULTILINE)


_ASCII = bytes(range(128))
_ASCII_BLANKS = [bytes([c]) for c in range(128) if c != ord("\n") and re.fullmatch(r"\s", chr(c))]
_DIGIT_OR_BLANK = re.compile(r"[\d\s]")


def _written_unusually(body: str, data: bytes) -> bool:
    """Whether `_UNUSUAL` is in `body` (whose UTF-8 is `data`), found mostly with byte searches: the regular
    expression took 4 ms over the 100 KB of Pyphen's US English patterns."""
    if b"^^" in data or b"/" in data:
        return True
    others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if _DIGIT_OR_BLANK.search(others):  # a digit or white space beyond ASCII: rare enough to search for in full
        return _UNUSUAL.search(body) is not None
    framed = b"\n" + data + b"\n"
    return any(blank in data and (b"\n" + blank in framed or blank + b"\n" in framed) for blank in _ASCII_BLANKS)


_SKIPPED_LINES = [b"\n\n"] + [b"\n" + start.encode() for start in _IGNORED]


def _pattern_runs(data: bytes, count: int) -> list[tuple[int, int]]:
    """(start, stop) of each run of the `count` lines of `data` that hold a pattern: all lines but the empty ones
    and those starting as `_IGNORED`, which are few, found by byte searches (a test of each line took 1.5 ms)."""
    framed = b"\n" + data + b"\n"  # line i is what follows the i-th newline here
    places = set()
    for needle in _SKIPPED_LINES:
        at = framed.find(needle)
        while at >= 0:
            places.add(at)
            at = framed.find(needle, at + 1)
    runs, start, line, counted = [], 0, 0, 0
    for at in sorted(places):
        line += framed.count(b"\n", counted, at)
        counted = at
        runs.append((start, line))
        start = line + 1
    runs.append((start, count))
    return [(start, stop) for start, stop in runs if start < stop]


class _LazyPatterns:
    """Pyphen's patterns by their letters; each is parsed as Pyphen parses it the first time a word needs it
    (Pyphen parses all 11,000 when it starts, 45 ms)."""

    def __init__(self, raw: dict[str, str]):
        self.raw, self.parsed = raw, {}
        self.maxlen = max(map(len, raw))  # at least Pyphen's: it leaves out patterns of only zeros

    @classmethod
    def read(cls, path: Path) -> _LazyPatterns | None:
        with path.open("rb") as stream:
            encoding = stream.readline().decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        body = path.read_text(encoding).split("\n", 1)[1]
        data = body.encode("utf-8", "surrogatepass")  # byte searches are many times quicker than str ones
        if _written_unusually(body, data):
            return None
        lines = body.split("\n")
        # Deleting the ASCII digits' bytes from UTF-8 deletes just those characters.
        tags = data.translate(None, b"0123456789").decode("utf-8", "surrogatepass").split("\n")
        raw, kept = {}, 0
        for start, stop in _pattern_runs(data, len(lines)):
            raw.update(zip(tags[start:stop], lines[start:stop]))
            kept += stop - start
        return cls(raw) if raw and len(raw) == kept else None  # a pattern written twice: Pyphen's way

    def get(self, tag: str):
        """(offset, weights) of the pattern with these letters, as Pyphen stores it; None if there is none."""
        try:
            return self.parsed[tag]
        except KeyError:
            pass
        line = self.raw.get(tag)
        if line is None:
            return None
        values = [int(digit or "0") for digit, _ in _PATTERN_PARTS(line)]
        if max(values) == 0:
            pattern = None
        else:
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            pattern = start, tuple(values[start:end])
        self.parsed[tag] = pattern
        return pattern


class _Hyphenation:
    """Pyphen's `Pyphen(lang='en_US').positions` (left and right 2), on lazily read patterns."""

    left = right = 2

    def __init__(self, patterns: _LazyPatterns):
        self.patterns = patterns

    def positions(self, word: str) -> list[int]:
        right = len(word) - self.right
        return [i for i in self._points(word.lower()) if self.left <= i <= right]

    @functools.lru_cache(maxsize=65536)
    def _points(self, word: str) -> tuple[int, ...]:
        pointed_word = f".{word}."
        references = [0] * (len(pointed_word) + 1)
        for i in range(len(pointed_word) - 1):
            stop = min(i + self.patterns.maxlen, len(pointed_word)) + 1
            for j in range(i + 1, stop):
                pattern = self.patterns.get(pointed_word[i:j])
                if not pattern:
                    continue
                offset, values = pattern
                slice_ = slice(i + offset, i + offset + len(values))
                references[slice_] = map(max, values, references[slice_])
        return tuple(i - 1 for i, reference in enumerate(references) if reference % 2)
