"""Speaker notes a presenter can talk from: what to say on each slide, taken only from the
content, with a suggested time for each slide and part so the talk fits its length."""

from __future__ import annotations

import re
from leaflets.content import Cause, Content, Source, Topic
from leaflets.wording import (ADVICE_NOTE, CLOSING_DISCLAIMER_LEAD, MEDICINE_NOTE, SIGNS_NOTE, citation, disclaimer,
                              signs_causes)


def opening(topic: Topic) -> str:
    return (f"Welcome everyone, and thank you for coming. Today's talk is about {_lower(topic.title)}.\n\n"
            f"To start, ask the audience: \u201cWhat would you like to know about {_lower(topic.title)} today?\u201d "
            "Take two or three answers and come back to them at the end.\n\n"
            + _spoken_summary(topic))


def _spoken_summary(topic: Topic) -> str:
    """The summary's sentences that a room can be told: those that speak of "this leaflet" are left out."""
    spoken = [sentence for sentence in re.split(r"(?<=[.!?])\s+", topic.summary)
              if sentence and not re.search(r"\bleaflets?\b", sentence, re.IGNORECASE)]
    return f"In short: {' '.join(spoken)}" if spoken else ""


def overview(topic: Topic) -> str:
    return ("The talk has four parts: the possible causes, the signs that mean someone should see a doctor, "
            "what people can do themselves, and time for questions. "
            "Tell people there is a leaflet to take home, so they need not write anything down.")


def causes_intro(topic: Topic, words_to_know: tuple[tuple[str, str], ...] = ()) -> str:
    names = "; ".join(cause.name for cause in topic.causes)
    text = f"We will go through {len(topic.causes)} possible causes, one by one: {names}."
    if words_to_know:
        terms = "\n".join(f"- {term}: {meaning}" for term, meaning in words_to_know)
        text += ("\n\nWords to know. Explain these in plain words when they come up "
                 f"(they are also on the leaflet):\n{terms}")
    return text


def cause(cause: Cause, medicines: tuple[str, ...] = ()) -> str:
    """The explanation and care in full; the reminder about medicines only where `medicines` names one."""
    notes = [cause.explanation]
    if cause.self_care:
        notes.append(f"What the person can do: {cause.self_care}")
    if cause.medical_care:
        notes.append(f"What a doctor may do: {cause.medical_care}")
    if medicines:
        notes.append(MEDICINE_NOTE)
    return "\n\n".join(notes)


def warning_intro() -> str:
    return ("This is the most important part of the talk: the signs that mean someone should see a doctor, "
            "so that the cause can be found and treated.")


def warning_signs(topic: Topic) -> str:
    """Each sign, and the causes it can go with only where the content names them."""
    lines = [SIGNS_NOTE]
    for index, sign in enumerate(topic.warning_sign_texts):
        linked = topic.sign_causes(index)
        lines.append(f"- {sign}" + (f" {signs_causes(linked)}" if linked else ""))
    lines.append("Ask the audience: \u201cWhich of these signs would make you book an appointment?\u201d")
    return "\n".join(lines)


def advice_intro() -> str:
    return "Now the things people can do themselves, starting today."


def advice(topic: Topic) -> str:
    """What to do with the list on the screen, rather than read it out again."""
    return ADVICE_NOTE


def questions(topic: Topic) -> str:
    return ("Invite questions from the audience. If nobody starts, ask: "
            "\u201cWhich of the causes we talked about could apply to you or someone you know?\u201d\n\n"
            "Answer from what is in this talk and its leaflet; for anything about a person's own health, "
            "suggest they see their doctor.\n\n"
            f"Remind people that they can take a leaflet on {_lower(topic.title)} home with them.")


def sources(cited: tuple[Source, ...]) -> str:
    return "Where this information comes from:\n" + "\n".join(f"- {citation(source)}" for source in cited)


def closing(content: Content, topic: Topic) -> str:
    contact = content.publisher.contact if content.publisher and content.publisher.contact else ""
    how = f" To get in touch: {contact}." if contact else ""
    return (f"Thank everyone for coming. Point out where to pick up the leaflet on {_lower(topic.title)}.{how}\n\n"
            f"{CLOSING_DISCLAIMER_LEAD} {disclaimer('talk')}")


def _lower(title: str) -> str:
    """A title inside a sentence: its first letter lower case, unless it starts with an acronym."""
    first = title.split()[0]
    return title if first.isupper() and len(first) > 1 else title[0].lower() + title[1:]
