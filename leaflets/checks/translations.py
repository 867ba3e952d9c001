"""Translations kept in step with their original: a translation says which topic it translates
(`translation_of`), and when it was last reviewed, against which text of the original
(`reviewed_against`, the fingerprint `--check` prints). The checks warn when the original has
changed since, and when the translation has fewer causes, warning signs or advice items."""

from __future__ import annotations

import hashlib

from leaflets.content import Content, Topic, patient_text


def fingerprint(topic: Topic) -> str:
    """Twelve hex digits that change whenever any text a patient reads in the topic changes."""
    return hashlib.sha256(patient_text(topic).encode("utf-8")).hexdigest()[:12]


def findings(content: Content, topic: Topic, at):
    if not topic.translation_of:
        return
    original = content.topic(topic.translation_of)
    now = fingerprint(original)
    if topic.reviewed_against and topic.reviewed_against != now:
        yield at(("reviewed_against",), "translation-outdated",
                 f"'{original.id}' has changed since this translation was reviewed against it; check the "
                 f"translation against the original now, then write reviewed_against: \"{now}\"")
    elif topic.reviewed and not topic.reviewed_against:
        yield at(("reviewed",), "translation-outdated",
                 f"this translation does not say which text of '{original.id}' it was reviewed against; if it "
                 f"matches the original as it is now, write reviewed_against: \"{now}\"")
    for section, label in (("causes", "causes"), ("warning_signs", "warning signs"), ("advice", "advice items")):
        have, want = len(getattr(topic, section)), len(getattr(original, section))
        if have != want:
            yield at((section,), "translation-incomplete",
                     f"this translation has {have} {label} and '{original.id}' has {want}; translate every "
                     "one, in the same order, with nothing added")
