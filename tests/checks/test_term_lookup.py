"""The medical term check passes over a term when the text's words show it cannot be there, and only then."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets.checks.wordlists import may_mention, words_of
from leaflets.content import mentions

TERMS = ["cramp", "muscle cramp", "anti-inflammatory", "raynaud's", "vitamin b12", "ménière", "(rare)", "box",
         "抽筋", "腿抽筋"]
TEXTS = ["Cramps at night.", "a muscle cramp, then muscle cramps", "cramp-like pain", "anti-inflammatory gel",
         "raynaud's phenomenon", "take vitamin b12 daily", "ménière's disease", "very (rare) signs", "boxes",
         "夜里腿抽筋", "no term here", "cramping", "muscle-cramp"]


def test_a_term_passed_over_by_its_words_is_never_one_the_text_mentions():
    seen = set()
    for text in TEXTS:
        lower = text.lower()
        for term in TERMS:
            if mentions(lower, term):
                assert may_mention(words_of(lower), term), (text, term)
            seen.add(may_mention(words_of(lower), term))
    assert seen == {True, False}  # the lookup does pass terms over


def a_term(data, lower: str, alphabet: str) -> str:
    """A piece of `lower` (so often found in it), or a short text from `alphabet`."""
    start = data.draw(st.integers(0, len(lower)))
    return data.draw(st.one_of(st.just(lower[start:start + data.draw(st.integers(1, 8))]),
                               st.text(alphabet=alphabet, min_size=1, max_size=6)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abes -(')\u00e9\u62bd\u7b4b\n", max_size=30), st.data())
def test_any_term_found_in_any_text_passes_the_word_lookup(text, data):
    lower = text.lower()
    term = a_term(data, lower, "abes -\u00e9\u62bd")
    if term and mentions(lower, term):
        assert may_mention(words_of(lower), term)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abes -_1(')\u00e9\u00c9\u62bd\n", max_size=30), st.data())
def test_a_term_is_found_where_it_stands_as_a_whole_word_with_a_simple_plural(text, data):
    import re

    lower = text.lower()
    term = a_term(data, lower, "abes -_1(\u00e9")
    if not term or (not term.isascii() and not re.search(r"[A-Za-z\u00c0-\u024f]", term)):
        return  # Chinese: found wherever it stands
    whole_word = rf"(?<![\w-]){re.escape(term.lower())}(?:s|es)?(?![\w-])"
    assert mentions(lower, term) == (re.search(whole_word, lower) is not None)
