"""Speaker notes a presenter can talk from: what to say on each slide, taken only from the
content, with a suggested time for each slide and part so the talk fits its length."""

from __future__ import annotations

import re
from dataclasses import replace

from leaflets.content import Cause, Content, Source, Topic
from leaflets.wording import ENGLISH, Wording


def opening(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.say("notes_opening", subject=words.in_sentence(topic.title), summary=topic.summary)


def overview(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.notes_overview


def causes_intro(topic: Topic, words_to_know: tuple[tuple[str, str], ...] = (), words: Wording = ENGLISH) -> str:
    names = words.list_separator.join(cause.name for cause in topic.causes)
    text = words.say("notes_causes", count=len(topic.causes), names=names)
    if words_to_know:
        terms = "\n".join(words.say("notes_term", term=term, meaning=meaning) for term, meaning in words_to_know)
        text += f"\n\n{words.notes_words_to_know}\n{terms}"
    return text


def cause(cause: Cause, words: Wording = ENGLISH) -> str:
    notes = [cause.explanation]
    if cause.self_care:
        notes.append(words.say("notes_self_care", text=cause.self_care))
    if cause.medical_care:
        notes.append(words.say("notes_medical_care", text=cause.medical_care))
        notes.append(words.notes_medicines)
    return "\n\n".join(notes)


def warning_intro(words: Wording = ENGLISH) -> str:
    return words.notes_warning_intro


def warning_signs(topic: Topic, words: Wording = ENGLISH) -> str:
    lines = [words.notes_signs_lead]
    for sign in topic.warning_signs:
        linked = related_causes(sign, topic) if words.is_english else []
        reason = words.say("notes_sign_reason", causes=words.list_separator.join(linked)) if linked else ""
        lines.append(words.say("notes_sign", sign=sign if words.is_english else sign.rstrip("。"), reason=reason))
    lines.append(words.notes_signs_question)
    return "\n".join(lines)


def advice_intro(words: Wording = ENGLISH) -> str:
    return words.notes_advice_intro


def advice(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.notes_advice_lead + "\n" + "\n".join(words.say("notes_item", item=item) for item in topic.advice)


def questions(topic: Topic, words: Wording = ENGLISH) -> str:
    return words.say("notes_questions", subject=words.in_sentence(topic.title))


def sources(cited: tuple[Source, ...], words: Wording = ENGLISH) -> str:
    return words.notes_sources_lead + "\n" + "\n".join(
        words.say("notes_item", item=words.citation(source)) for source in cited)


def closing(content: Content, topic: Topic, words: Wording = ENGLISH) -> str:
    contact = content.publisher.contact if content.publisher and content.publisher.contact else ""
    how = words.say("notes_closing_contact", contact=contact) if contact else ""
    return words.say("notes_closing", subject=words.in_sentence(topic.title), contact=how)


def related_causes(sign: str, topic: Topic) -> list[str]:
    """The causes whose own words share a telling word with the sign (not words every cause uses)."""
    sign_words = _telling_words(sign)
    every_cause = [_telling_words(" ".join([c.name, c.explanation, *c.key_points])) for c in topic.causes]
    common = {word for word in sign_words if sum(word in words for words in every_cause) > len(topic.causes) / 2}
    common |= _telling_words(topic.title)
    return [c.name for c, words in zip(topic.causes, every_cause) if (sign_words - common) & words]


def with_timings(slides: list, minutes: int, words: Wording = ENGLISH) -> list:
    """The slides with a suggested time at the top of each slide's notes, and each part's total."""
    total = sum(slide.weight for slide in slides)
    per_weight = minutes * 60 / total
    timed, elapsed = [], 0.0
    for index, slide in enumerate(slides):
        seconds = slide.weight * per_weight
        line = words.say("notes_time", duration=words.duration(seconds), clock=_clock(elapsed + seconds),
                         minutes=minutes)
        if slide.role == "section":
            part = _part_seconds(slides, index) * per_weight
            line += words.say("notes_part_time", duration=words.duration(part))
        elapsed += seconds
        timed.append(replace(slide, notes=f"{line}\n\n{slide.notes}"))
    return timed


def _part_seconds(slides: list, start: int) -> float:
    """The weight of a section slide and the content slides that follow it."""
    weight = slides[start].weight
    for slide in slides[start + 1:]:
        if slide.role != "content":
            break
        weight += slide.weight
    return weight


def _clock(seconds: float) -> str:
    seconds = round(seconds / 30) * 30
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


_STOP = {"about", "after", "again", "along", "other", "their", "there", "these", "which", "while", "with",
         "without", "together", "your", "keep", "coming", "back", "that", "this", "have", "from", "when",
         # parts of the body and everyday words that say nothing about a cause
         "legs", "feet", "foot", "hands", "hand", "muscle", "body", "people", "time", "long", "start", "new"}


def _telling_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {_stem(word) for word in words if len(word) >= 4 and word not in _STOP}


def _stem(word: str) -> str:
    for suffix in ("ness", "ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
