"""Words every output shares: section headings, the disclaimer, footers, citations, dates, the deck's
fixed titles and speaker notes, in the language of the topic they are printed with.

The phrases come from the language's catalogue (leaflets/languages/<language>.yaml), with any that
content.yaml replaces (`wording:` on the file, per language, or on a topic). The module-level names
(WARNING_HEADING, disclaimer, causes_heading, …) are the English wording."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Mapping

from leaflets import languages
from leaflets.content import Content, Source, Topic


class Wording:
    """The fixed wording of one language: every catalogue key is an attribute (words.warning_heading),
    and the phrases with placeholders are filled by `say` or the methods below."""

    def __init__(self, language: str, replaced: Mapping[str, str] | None = None):
        self.language = languages.catalogue_name(language) or "en"
        self.phrases = {**languages.phrases(self.language), **(replaced or {})}

    def __getattr__(self, key: str) -> str:
        try:
            return self.__dict__["phrases"][key]
        except KeyError:
            raise AttributeError(key) from None

    def say(self, key: str, **values) -> str:
        return self.phrases[key].format(**values)

    @property
    def is_english(self) -> bool:
        return self.language == "en"

    def in_sentence(self, title: str) -> str:
        """A title inside a sentence: in English its first letter lower case, unless it starts with an acronym."""
        if not self.is_english or len(title) < 2:
            return title
        first = title.split()[0]
        return title if first.isupper() and len(first) > 1 else title[0].lower() + title[1:]

    def causes_heading(self, topic: Topic) -> str:
        """'What can cause leg cramps?', keeping a leading acronym's capitals."""
        return self.say("causes_heading", title=self.in_sentence(topic.title))

    def disclaimer(self, medium: str) -> str:
        """The notice that general information does not replace a doctor, for a 'leaflet' or a 'talk'."""
        return self.phrases[f"disclaimer_{medium}"]

    def date(self, day: dt.date) -> str:
        """'13 November 2024' in English, '2024年11月13日' in Chinese; never the system locale's month names."""
        return self.say("date", day=day.day, month=self.months.split()[day.month - 1], year=day.year)

    def citation(self, source: Source) -> str:
        """Title, publisher, author, date and address of a source, as plain text."""
        parts = [source.title, source.publisher, source.author, self.date(source.date), source.url]
        return self.citation_separator.join(part for part in parts if part)

    def page_of(self, number: int, total: int) -> str:
        return self.say("page_of", number=number, total=total)

    def review_line(self, topic: Topic, with_reviewer: bool = True) -> str:
        """'Reviewed 1 November 2026 · Next review 1 November 2027 · Version 2', from the parts given."""
        parts = []
        if topic.reviewed:
            if topic.reviewed_by and with_reviewer:
                parts.append(self.say("reviewed_by", date=self.date(topic.reviewed), reviewer=topic.reviewed_by))
            else:
                parts.append(self.say("reviewed", date=self.date(topic.reviewed)))
        if topic.next_review and review_overdue(topic):
            parts.append(self.say("review_overdue", date=self.date(topic.next_review)))
        elif topic.next_review:
            parts.append(self.say("next_review", date=self.date(topic.next_review)))
        if topic.version:
            parts.append(self.say("version", version=topic.version))
        return self.separator.join(parts)

    def duration(self, seconds: float) -> str:
        """About how long, to the half minute: '30 seconds', '1 minute', '2½ minutes'."""
        half_minutes = max(1, round(seconds / 30))
        if half_minutes == 1:
            return self.half_minute
        whole, half = divmod(half_minutes, 2)
        count = f"{whole}{self.half}" if half else f"{whole}"
        return self.say("minutes_one" if count == "1" else "minutes_many", count=count)

    def exact_duration(self, seconds: int) -> str:
        """'30 seconds', '1 minute', '2½ minutes', '1 minute 15 seconds': exact, never rounded again."""
        minutes, rest = divmod(int(seconds), 60)
        rest_text = self.say("seconds_one" if rest == 1 else "seconds_many", count=rest)
        if minutes == 0:
            return rest_text
        if rest == 30:
            return self.say("minutes_many", count=f"{minutes}{self.half}")
        whole = self.say("minutes_one" if minutes == 1 else "minutes_many", count=minutes)
        return self.say("minutes_and_seconds", minutes=whole, seconds=rest_text) if rest else whole

    def timing_line(self, seconds: int, start: int, end: int, minutes: int) -> str:
        """The first line of a slide's notes: its own time and where it sits on the talk's clock."""
        return self.say("notes_time", duration=self.exact_duration(seconds), start=_clock(start), end=_clock(end),
                        minutes=minutes)

    def part_time_line(self, seconds: int) -> str:
        return self.say("notes_part_time", duration=self.exact_duration(seconds))

    def urgent_lead_for(self, publisher) -> str:
        """'Call 999 or go to A&E if you have any of these:' from the publisher's emergency line, else the
        general lead: never a phone number that nobody has checked."""
        line = publisher.emergency.rstrip(" .:。：") if publisher and publisher.emergency else ""
        return self.say("urgent_lead", emergency=line) if line else self.urgent_lead_default

    def urgent_notes(self, lead: str, signs) -> str:
        """Speaker notes for the urgent signs slide: the lead and every sign, read out."""
        return "\n".join([self.urgent_notes_lead, lead, *(self.say("notes_item", item=sign) for sign in signs),
                          self.urgent_notes_question])

    def slide_picture_alt(self, number: int, title: str, items: tuple[str, ...]) -> str:
        """What a picture of a slide shows, in words: its title and its list."""
        shown = self.say("slide_picture", number=number, title=title)
        return self.say("slide_picture_items", shown=shown, items=self.list_separator.join(items)) if items else shown


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@functools.cache
def _catalogue(language: str) -> Wording:
    return Wording(language)


def of(content: Content | None, topic: Topic | None = None) -> Wording:
    """The wording a topic is printed with: its language's catalogue, with the phrases content.yaml replaces
    for that language and then those the topic replaces."""
    language = topic.language if topic is not None else (content.language if content else "en")
    name = languages.catalogue_name(language) or "en"
    replaced = {**(content.wording.get(name, {}) if content else {}), **(topic.wording if topic else {})}
    return Wording(name, replaced) if replaced else _catalogue(name)


ENGLISH = _catalogue("en")
# The English wording under plain names, for callers (and tests) that speak of English output only.
WARNING_HEADING = ENGLISH.warning_heading
ADVICE_HEADING = ENGLISH.advice_heading
SOURCES_HEADING = ENGLISH.sources_heading
URGENT_HEADING = ENGLISH.urgent_heading
URGENT_SLIDE_TITLE = ENGLISH.urgent_slide_title
URGENT_LEAD = ENGLISH.urgent_lead_default
ADVICE_NOTE = ENGLISH.notes_advice_room
MEDICINE_NOTE = ENGLISH.notes_medicines


def disclaimer(medium: str) -> str:
    return ENGLISH.disclaimer(medium)


def causes_heading(topic: Topic) -> str:
    return of(None, topic).causes_heading(topic)


def citation(source: Source) -> str:
    return ENGLISH.citation(source)


def document_author(content: Content) -> str:
    """Who an output names as its author: the publisher, never the author of a source it cites."""
    return content.publisher.name if content.publisher else "leaflets"


def review_overdue(topic: Topic) -> bool:
    """Whether the topic's next review date has passed. The only output text that depends on the
    day of the build: a leaflet built after that date says so (and the manifest rebuilds it)."""
    return bool(topic.next_review and topic.next_review < dt.date.today())


def duration(seconds: int) -> str:
    return ENGLISH.exact_duration(seconds)
