"""Words every output shares: section headings, the disclaimer, citations and dates."""

from __future__ import annotations

import datetime as dt

from leaflets.content import Source, Topic

WARNING_HEADING = "When to see a doctor"
ADVICE_HEADING = "What you can do"
WORDS_TO_KNOW_HEADING = "Words to know"
SOURCES_HEADING = "Where this information comes from"
WARNING_LEAD = "See a doctor if you have any of these:"
URGENT_HEADING = "Get help now"
# Said when the publisher gives no emergency line: never a phone number that nobody has checked.
URGENT_LEAD = "Get emergency help now if you have any of these:"
URGENT_SLIDE_TITLE = "Get emergency help now"


def urgent_lead(publisher) -> str:
    """'Call 999 or go to A&E if you have any of these:' from the publisher's emergency line, else the
    general URGENT_LEAD."""
    line = publisher.emergency.rstrip(" .:") if publisher and publisher.emergency else ""
    return f"{line} if you have any of these:" if line else URGENT_LEAD


def urgent_notes(lead: str, signs) -> str:
    """Speaker notes for the urgent signs slide: the lead and every sign, read out."""
    lines = ["Say this clearly: these signs cannot wait for an appointment.", lead,
             *(f"- {sign}." for sign in signs),
             "Ask the audience: \u201cWhat would you do first if you saw one of these?\u201d"]
    return "\n".join(lines)

# Speaker notes that hold for any slide of their kind.
MEDICINE_NOTE = ("Any medicine named here is something a doctor may prescribe. "
                 "Remind people not to start it on their own.")
CLOSING_DISCLAIMER_LEAD = "Before people leave, say:"
SIGNS_NOTE = "Anyone with one of these signs should see a doctor:"
ADVICE_NOTE = ("Ask the room which of these they already do, and which one they could start this week. "
               "Take two or three answers.")


def signs_causes(names: tuple[str, ...]) -> str:
    """After a warning sign in the notes, the causes the content says it can go with."""
    return f"(It can go with: {'; '.join(names)}, see the causes above.)"


def disclaimer(medium: str) -> str:
    """The notice that general information does not replace a doctor, for a 'leaflet' or a 'talk'."""
    return (
        f"This {medium} gives general information only. It does not replace advice from your doctor. "
        "If you are worried about your health, see a doctor."
    )


def causes_heading(topic: Topic) -> str:
    """'What can cause leg cramps?', keeping a leading acronym's capitals."""
    title = topic.title
    if len(title) > 1 and not title.split()[0].isupper():
        title = title[0].lower() + title[1:]
    return f"What can cause {title}?"


def duration(seconds: int) -> str:
    """'30 seconds', '1 minute', '2\u00bd minutes', '1 minute 15 seconds': exact, never rounded again."""
    minutes, rest = divmod(seconds, 60)
    if minutes == 0:
        return f"{rest} second{'' if rest == 1 else 's'}"
    if rest == 30:
        return f"{minutes}\u00bd minutes"
    whole = f"{minutes} minute{'' if minutes == 1 else 's'}"
    return f"{whole} {rest} second{'' if rest == 1 else 's'}" if rest else whole


def clock_time(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def timing_line(seconds: int, start: int, end: int, minutes: int) -> str:
    """The first line of a slide's notes: its own time and where it sits on the talk's clock."""
    return f"Time: {duration(seconds)} (from {clock_time(start)} until {clock_time(end)} of {minutes} minutes)."


def part_time_line(seconds: int) -> str:
    return f"This part: {duration(seconds)}."


def script_title(title: str) -> str:
    return f"Speaker script: {title}"


def script_lead(minutes: int, slides: int) -> str:
    return (f"A {minutes}-minute talk in {slides} slides. For each slide: a picture of it, its time, and what "
            "to say. Bring this page to a talk where there is no presenter view.")


def script_slide_heading(number: int, title: str) -> str:
    return f"Slide {number}: {title}"


def slide_picture_alt(number: int, title: str, items: tuple[str, ...]) -> str:
    """What a picture of a slide shows, in words: its title and its list."""
    shown = f"Picture of slide {number}: {title}"
    return f"{shown}. On the slide: {'; '.join(items)}" if items else shown


def page_of(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def format_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def citation(source: Source) -> str:
    """Title, publisher, author, date and address of a source, as plain text."""
    parts = [source.title, source.publisher, source.author, format_date(source.date), source.url]
    return ", ".join(part for part in parts if part)


def authors(sources: tuple[Source, ...]) -> str:
    return "; ".join(dict.fromkeys(source.author or source.publisher for source in sources))


def document_author(content: Content) -> str:
    """Who an output names as its author: the publisher, never the author of a source it cites."""
    return content.publisher.name if content.publisher else "leaflets"


def review_overdue(topic: Topic) -> bool:
    """Whether the topic's next review date has passed. The only output text that depends on the
    day of the build: a leaflet built after that date says so (and the manifest rebuilds it)."""
    return bool(topic.next_review and topic.next_review < dt.date.today())


def review_line(topic: Topic, with_reviewer: bool = True) -> str:
    """'Reviewed 1 November 2026 · Next review 1 November 2027 · Version 2', from the parts given."""
    parts = []
    if topic.reviewed:
        by = f" by {topic.reviewed_by}" if topic.reviewed_by and with_reviewer else ""
        parts.append(f"Reviewed {format_date(topic.reviewed)}{by}")
    if topic.next_review and review_overdue(topic):
        parts.append(f"Review overdue since {format_date(topic.next_review)}")
    elif topic.next_review:
        parts.append(f"Next review {format_date(topic.next_review)}")
    if topic.version:
        parts.append(f"Version {topic.version}")
    return " \u00b7 ".join(parts)
