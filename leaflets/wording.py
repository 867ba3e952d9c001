"""Words every output shares: section headings, the disclaimer, citations and dates."""

from __future__ import annotations

import datetime as dt

from leaflets.content import Source, Topic

WARNING_HEADING = "When to see a doctor"
ADVICE_HEADING = "What you can do"
SOURCES_HEADING = "Where this information comes from"


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


def format_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def citation(source: Source) -> str:
    """Title, publisher, author, date and address of a source, as plain text."""
    parts = [source.title, source.publisher, source.author, format_date(source.date), source.url]
    return ", ".join(part for part in parts if part)


def authors(sources: tuple[Source, ...]) -> str:
    return "; ".join(dict.fromkeys(source.author or source.publisher for source in sources))
