"""The text rules the model applies to every field (folding white space, refusing words too long for a
line) give, on their quick paths, what their plain definitions give."""

from __future__ import annotations

import random
import sys

import pytest

from leaflets.content import model

PIECES = ["word", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\x1c", "\u200b", "\u00e9t\u00e9", "\u75bc\u75db",
          "https://example.org/" + "a" * 50, "b" * 61, "c" * 60, "me@" + "d" * 70, "\u75bc" * 70, "-"]


def made_up_texts(count: int) -> list[str]:
    chosen = random.Random(5)
    return ["".join(chosen.choice(PIECES) for _ in range(chosen.randint(0, 8))) for _ in range(count)]


def test_tidy_text_is_the_words_joined_by_single_spaces():
    for text in made_up_texts(20_000) + [chr(code) for code in range(sys.maxunicode + 1)]:
        assert model._tidy(text) == " ".join(text.split()), repr(text)


def plainly_fits(text: str) -> bool:
    return next((word for word in text.split() if len(word) > model.LONGEST_WORD and not model._is_address(word)
                 and not model._is_chinese(word)), None) is None


def test_a_word_too_long_for_a_line_is_refused_exactly_when_the_plain_rule_refuses_it():
    for text in made_up_texts(20_000):
        tidy = model._tidy(text)
        if plainly_fits(tidy):
            assert model._words_fit_a_line(tidy) == tidy
        else:
            with pytest.raises(ValueError, match="characters long, longer than a printed line can hold"):
                model._words_fit_a_line(tidy)
