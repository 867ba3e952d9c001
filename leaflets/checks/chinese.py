"""The checks that make sense for Chinese text, in place of the English ones (reading grades, passive
voice, action verbs and the English word lists mean nothing there): sentences and slide lines
measured in characters, medical terms from a Chinese list that need explaining, and medicines
named in the advice or warning signs."""

from __future__ import annotations

import functools
import re

from leaflets.content import Content, Topic, mentions, patient_text, patient_texts
from leaflets.checks.wordlists import word_list

LONG_SENTENCE = 40  # characters; plain-language guides for Chinese suggest 15 to 25, rarely above 40
LONG_SLIDE_LINE = 24  # characters in a bullet shown on a slide (about the 12 English words allowed)
LONG_SUMMARY = 100  # characters
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def length(text: str) -> int:
    """Characters a reader reads: not spaces or punctuation."""
    return sum(1 for ch in text if ch.isalnum())


@functools.cache
def medical_terms() -> tuple[str, ...]:
    return word_list("checks/medical-terms-zh.txt")


@functools.cache
def medicines() -> tuple[str, ...]:
    return word_list("checks/medicines-zh.txt")


def findings(content: Content, topic: Topic, at):
    """(check, location, message) of what the Chinese checks notice, through `at` as the English ones."""
    for loc, text, kind in patient_texts(topic):
        for sentence in sentences(text):
            if length(sentence) > LONG_SENTENCE:
                yield at(loc, "long-sentence", f"a sentence of {length(sentence)} characters ('{sentence[:12]}…'); "
                                               f"split it so that each has {LONG_SENTENCE} characters or fewer")
        if kind == "slide" and length(text) > LONG_SLIDE_LINE:
            yield at(loc, "long-slide-line", f"{length(text)} characters is long for a slide line; "
                                             f"keep it to {LONG_SLIDE_LINE} characters or fewer")
    if length(topic.summary) > LONG_SUMMARY or len(sentences(topic.summary)) > 3:
        yield at(("summary",), "long-summary", "the summary should say what the leaflet is for in one or two "
                                               f"short sentences ({LONG_SUMMARY} characters at most)")
    yield from _term_findings(content, topic, at)
    for section in ("advice", "warning_signs"):
        for i, item in enumerate(getattr(topic, section)):
            for name in sorted(set(medicines()) | set(content.checks.medicines)):
                if name in item:
                    yield at((section, i), "medicine-in-advice",
                             f"'{name}' is a medicine; name medicines only in a cause's 'medical_care', "
                             "as something a doctor may prescribe")


def _term_findings(content: Content, topic: Topic, at):
    text = patient_text(topic)
    defined = [term for term in content.glossary if mentions(text.lower(), term)]
    terms = sorted(set(medical_terms()) | set(content.checks.medical_terms), key=len, reverse=True)
    reported: list[str] = []
    for term in terms:
        if term not in text or any(term in longer for longer in defined + reported):
            continue
        if _explained_in_place(text, term):
            continue
        reported.append(term)
        loc = next((loc for loc, field_text, _ in patient_texts(topic) if term in field_text), ())
        yield at(loc, "undefined-term", f"'{term}' is a medical term; explain it in brackets where it is used "
                                        f"('…（{term}）'), or add it to the glossary: '{term}: <its meaning in plain words>'")


def _explained_in_place(text: str, term: str) -> bool:
    """'血液中的钙太少（低钙血症）' or '低钙血症（血液中的钙太少）'."""
    return re.search(rf"[（(][^）)]*{re.escape(term)}[^）)]*[）)]|{re.escape(term)}[（(]", text) is not None
