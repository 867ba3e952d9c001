"""Speaker notes a presenter can talk from: what to say on each slide, in the topic's language. Every
sentence is either the content's own text or a fixed phrase that is true for that slide (a reminder
about medicines only where a medicine is named; a sign tied to a cause only where the content ties it)."""

from __future__ import annotations

import re

from leaflets.content import Cause, Content, Source, Topic
from leaflets.wording import ENGLISH, Wording


def opening(topic: Topic, words: Wording = ENGLISH) -> str:
    spoken = _spoken_summary(topic)
    text = words.say("notes_opening", subject=words.in_sentence(topic.title))
    return text + "\n\n" + words.say("notes_in_short", summary=spoken) if spoken else text


def _spoken_summary(topic: Topic) -> str:
    """The summary's sentences that a room can be told: those that speak of "this leaflet" (宣传单) are left out."""
    sentences = re.split(r"(?<=[.!?。！？])\s*", topic.summary)
    spoken = [s for s in sentences if s and not re.search(r"\bleaflets?\b|宣传单|本资料", s, re.IGNORECASE)]
    return " ".join(spoken) if topic.language.startswith("en") else "".join(spoken)


def overview(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.notes_overview


def causes_intro(topic: Topic, words_to_know: tuple[tuple[str, str], ...] = (), words: Wording = ENGLISH) -> str:
    names = words.list_separator.join(cause.name for cause in topic.causes)
    text = words.say("notes_causes", count=len(topic.causes), names=names)
    if words_to_know:
        terms = "\n".join(words.say("notes_term", term=term, meaning=meaning) for term, meaning in words_to_know)
        text += f"\n\n{words.notes_words_to_know}\n{terms}"
    return text


def cause(cause: Cause, medicines: tuple[str, ...] = (), words: Wording = ENGLISH) -> str:
    """The explanation and care in full; the reminder about medicines only where `medicines` names one."""
    notes = [cause.explanation]
    if cause.self_care:
        notes.append(words.say("notes_self_care", text=cause.self_care))
    if cause.medical_care:
        notes.append(words.say("notes_medical_care", text=cause.medical_care))
    if medicines:
        notes.append(words.notes_medicines)
    return "\n\n".join(notes)


def warning_intro(words: Wording = ENGLISH) -> str:
    return words.notes_warning_intro


def warning_signs(topic: Topic, words: Wording = ENGLISH) -> str:
    """Each sign, and the causes it can go with only where the content names them."""
    lines = [words.notes_signs_lead]
    for index, sign in enumerate(topic.warning_sign_texts):
        linked = topic.sign_causes(index)
        reason = words.say("notes_sign_reason", causes=words.list_separator.join(linked)) if linked else ""
        lines.append(words.say("notes_sign", sign=sign, reason=reason))
    lines.append(words.notes_signs_question)
    return "\n".join(lines)


def advice_intro(words: Wording = ENGLISH) -> str:
    return words.notes_advice_intro


def advice(topic: Topic, words: Wording = ENGLISH) -> str:
    """What to do with the list on the screen, rather than read it out again."""
    return words.notes_advice_room


def questions(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.say("notes_questions", subject=words.in_sentence(topic.title))


def sources(cited: tuple[Source, ...], words: Wording = ENGLISH) -> str:
    return words.notes_sources_lead + "\n" + "\n".join(
        words.say("notes_item", item=words.citation(source)) for source in cited)


def closing(content: Content, topic: Topic, words: Wording = ENGLISH) -> str:
    contact = content.publisher.contact if content.publisher and content.publisher.contact else ""
    how = words.say("notes_closing_contact", contact=contact) if contact else ""
    return (words.say("notes_closing", subject=words.in_sentence(topic.title), contact=how) + "\n\n"
            + words.say("notes_closing_disclaimer", disclaimer=words.disclaimer("talk")))
