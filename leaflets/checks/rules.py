"""Content checks a health writer relies on: readability, plain language, trust and action.

Each check looks at the content model and reports findings at the line and column of the
text concerned. Findings are warnings; `--strict` makes them errors. A check can be turned
off for all topics (`checks: ignore: [...]`) or for one (`ignore_checks: [...]`).

The word-level checks (passive voice, actions, calculations) are heuristics in the spirit
of AHRQ's PEMAT-P: they point a writer at a sentence to reread, not at a certain mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from leaflets import languages
from leaflets.checks import chinese, translations
from leaflets.content import Content, Topic, mentions, patient_text, patient_texts
from leaflets.content.loader import ParsedFile, comments_after_text
from leaflets.problems import Problem, shown
from leaflets.talk import key_points
from leaflets.checks.readability import grade_level, sentences, smog_index, words
from leaflets.checks.wordlists import may_mention, medical_terms, named_medicines, words_of

LONG_SENTENCE = 25  # words
LONG_SLIDE_LINE = 12  # words in a bullet shown on a slide
LONG_SUMMARY = 50  # words: the purpose should come first, in a sentence or two
DEFAULT_REVIEW_YEARS = 3
MIN_WORDS_FOR_GRADE = 30  # shorter texts give meaningless grade scores


def _starting_with(first: str, pattern: str) -> re.Pattern:
    """`pattern` (ignoring case) behind a look-ahead at `first`, the characters every alternative of it starts
    with: the same matches, found without trying every alternative at every place."""
    return re.compile(f"(?={first})(?:{pattern})", re.IGNORECASE)


PASSIVE = _starting_with("[aiwb]",
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+|not\s+)?"
    r"(\w+ed|known|given|taken|seen|shown|written|done|made|found|held|kept|told|brought|caught|thought|"
    r"felt|lost|meant|sent|spent|built|driven|broken|chosen|eaten|frozen|worn|cut|put|set)\b")
# Words ending in -ed that describe a state rather than make a passive ("is tired", "are related").
NOT_PASSIVE = {"tired", "worried", "pleased", "interested", "used", "limited", "related", "advanced", "balanced",
               "concerned", "supposed", "aged", "married", "needed", "scared", "bored", "confused", "excited",
               "swollen", "inflamed", "dehydrated", "overweight", "red", "bed", "shed"}
ACTION_VERBS = set("""
ask avoid be bend book breathe bring call change check choose cover cut do don't drink eat exercise find
follow get give go have keep learn let lie lift limit look lose make massage move note point pull put raise
read rest see sit sleep soak stand start stay stop stretch take talk tell think try turn use wait walk warm
wash wear write add apply cool flex hold loosen plan point press protect reduce relax remember seek set
share slow soak spend watch straighten support switch aim allow build carry cut dress elevate""".split())
# Words that may stand before the verb of an instruction: "Always keep …", "Do not sit …".
BEFORE_ACTION = {"always", "never", "please", "gently", "slowly", "regularly", "also", "then", "first", "next",
                 "do", "don't", "not", "each", "every", "day", "night", "morning", "evening"}
# A number is tried only from its first digit, and its digits are never given back: otherwise a long run of
# digits is tried from every position, each time to its end (40,000 digits took a minute).
# CALCULATION took 13 µs a line without the look-ahead, 4 with it.
CALCULATION = _starting_with(r"[\dpmods]",
                             r"(?<!\d)\d++\s*+[x\u00D7*\u00F7/]\s*+\d++|(?<!\d)\d++(?:\.\d++)?+\s*+%|\bper\s?cent\b|"
                             r"\bper\s++(?:\d++(?:\.\d++)?+\s*+)?+(?:kg|kilo|kilogram|pound|lb|stone)s?+\b|"
                             r"\bmg/kg\b|\bml/kg\b|\bof\s++(?:your\s++)?+body\s*+weight\b|"
                             r"\b(?:multiply|divide|subtract)\b")
# An amount of a medicine: "20 mg", "5 ml", "2 tablets". Same care as CALCULATION: a number is tried only from
# its first digit, and nothing is given back.
DOSE = _starting_with(r"\d", r"(?<![\d.,])\d++(?:[.,]\d++)?+\s*+(?:mg|mcg|\u00b5g|micrograms?|milligrams?|grams?|ml|"
                                 r"millilit(?:re|er)s?|units?|iu|tablets?|capsules?|puffs?|drops?|sachets?|teaspoons?|"
                                 r"tsp|spoonfuls?)\b")
VAGUE_HEADINGS = {"other", "others", "miscellaneous", "misc", "cause", "causes", "general", "more", "info",
                  "information", "details", "various", "etc", "unknown"}

# The fields whose text is printed; a comment after an id, a date or a format name loses nothing.
_NOT_TEXT = {"id", "date", "language", "formats", "logo", "template", "minutes", "reviewed", "next_review",
             "checks", "ignore_checks", "source", "sources", "url", "target_grade", "ignore"}

PEMAT_ITEMS = {
    "purpose stated first": "long-summary",
    "informative headings": "vague-heading",
    "medical terms defined": "undefined-term",
    "active voice": "passive-voice",
    "advice as actions for the reader": "advice-not-action",
    "no calculations needed": "calculation",
    "plain reading level": "reading-level",
    "short sentences": "long-sentence",
}


@dataclass(frozen=True)
class Finding:
    """One thing the checks noticed, at its place in the content file."""

    check: str
    problem: Problem

    def line(self, strict: bool = False) -> str:
        p = self.problem
        path = f" {p.path}:" if p.path else ""
        return shown(f"{p.where}: {'error' if strict else 'warning'}:{path} {p.message} [{self.check}]")


@dataclass(frozen=True)
class TopicScores:
    """A topic's line in the summary table."""

    topic_id: str
    smog: float
    grade: float
    longest_sentence: int
    findings: int
    pemat_met: int
    pemat_rated: int
    unit: str = "words"  # of the longest sentence

    @property
    def pemat(self) -> str:
        return f"{round(100 * self.pemat_met / self.pemat_rated)}%" if self.pemat_rated else "n/a"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    scores: tuple[TopicScores, ...] = field(default=())

    def table(self) -> str:
        rows = [("topic", "SMOG", "FK grade", "longest sentence", "findings", "PEMAT-style")]
        rows += [(s.topic_id, _score(s.smog), _score(s.grade), f"{s.longest_sentence} {s.unit}", str(s.findings),
                  s.pemat) for s in self.scores]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def run(content: Content, parsed: ParsedFile, today: dt.date | None = None, only: set[str] | None = None) -> Report:
    """Every check on every topic (or on the topics whose ids are in `only`), in file order, with each topic's
    scores."""
    today = today or dt.date.today()
    findings = comment_findings(content, parsed, {i for i, t in enumerate(content.topics) if only and t.id not in only})
    scores = []
    for index, topic in enumerate(content.topics):
        if only and topic.id not in only:
            continue
        found = topic_findings(content, parsed, index, today)
        findings += found
        scores.append(_scores(content, topic, found, set(content.checks.ignore) | set(topic.ignore_checks)))
    return Report(in_order(findings), tuple(scores))


def topic_findings(content: Content, parsed: ParsedFile, index: int, today: dt.date) -> list[Finding]:
    """What the checks find in one topic (but for words lost to comments: see comment_findings)."""
    topic = content.topics[index]
    off = set(content.checks.ignore) | set(topic.ignore_checks)
    return [f for f in _topic_findings(content, parsed, index, topic, today) if f.check not in off]


def in_order(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings in file order, each said once."""
    unique = {f.line(): f for f in findings}
    return tuple(sorted(unique.values(), key=lambda f: (f.problem.line or 0, f.problem.column or 0, f.check)))


def comment_findings(content: Content, parsed: ParsedFile, skipped_topics: set[int] = frozenset()) -> list[Finding]:
    """Words YAML dropped as a comment from the end of a text, in the whole file but the skipped topics."""
    if "comment-in-text" in content.checks.ignore:
        return []
    return _comment_findings(parsed, skipped_topics)


def _comment_findings(parsed: ParsedFile, skipped_topics: set[int]) -> list[Finding]:
    """Words YAML dropped as a comment from the end of a text: said with the words, and how to keep them."""
    found = []
    for loc, line, column, dropped in comments_after_text(parsed):
        if any(part in _NOT_TEXT for part in loc if isinstance(part, str)) or not dropped:
            continue
        if loc[:1] == ("topics",) and len(loc) > 1 and loc[1] in skipped_topics:
            continue
        where = parsed.problem(loc, "")
        found.append(Finding("comment-in-text", Problem(
            parsed.file, line, column, where.path,
            f"'#{dropped}' is left out of the leaflet: YAML reads ' #' after text as the start of a comment; "
            "to keep these words, put the whole text in double quotes")))
    return found


def _topic_findings(content: Content, parsed: ParsedFile, t: int, topic: Topic, today: dt.date):
    def at(loc: tuple, check: str, message: str) -> Finding:
        return Finding(check, parsed.problem(("topics", t, *loc), message))

    yield from translations.findings(content, topic, at)
    if languages.is_cjk(topic.language):
        yield from chinese.findings(content, topic, at)
        yield from _review_findings(content, parsed, t, topic, today, at)
        return

    for loc, text, kind in patient_texts(topic):
        for sentence in sentences(text):
            count = len(words(sentence))
            if count > LONG_SENTENCE:
                yield at(loc, "long-sentence", f"a sentence of {count} words ('{_opening(sentence)}'); "
                                               f"split it so that each has {LONG_SENTENCE} words or fewer")
            passive = _passive(sentence)
            if passive:
                yield at(loc, "passive-voice", f"'{passive}' is passive; say who does it, for example "
                                               "'your doctor may prescribe …' rather than '… is prescribed'")
        if kind == "slide" and len(words(text)) > LONG_SLIDE_LINE:
            yield at(loc, "long-slide-line", f"{len(words(text))} words is long for a slide line; "
                                             f"keep it to {LONG_SLIDE_LINE} words or fewer")
        if len(words(text)) >= MIN_WORDS_FOR_GRADE:
            grade = round(grade_level(text), 1)
            if grade > content.checks.target_grade:
                yield at(loc, "reading-level", f"reads at school grade {grade:.1f}, above the target of "
                                               f"{content.checks.target_grade:g}; use shorter sentences and "
                                               "everyday words")
        calculation = CALCULATION.search(text)
        if calculation:
            yield at(loc, "calculation", _calculation_advice(calculation.group(0)))
    yield from _term_findings(content, topic, at)
    for i, item in enumerate(topic.advice):
        if not is_action(item):
            yield at(("advice", i), "advice-not-action", f"'{_opening(item)}' does not say what the reader can "
                                                         "do; start it with the action, with a verb such as "
                                                         "'eat', 'avoid', 'take' or 'ask'")
    for loc, item, _ in patient_texts(topic):
        if loc[0] in ("advice", "warning_signs", "urgent_signs"):
            yield from _medicine_findings(content, item, loc, at)
            dose = DOSE.search(item)
            if dose:
                yield at(loc, "dose-in-advice", f"'{dose.group(0)}' is a dose; a leaflet cannot know the "
                                                "reader's dose: say 'as your pharmacist or doctor advises', "
                                                "or give the dose in a cause's 'medical_care'")
    if len(words(topic.summary)) > LONG_SUMMARY or len(sentences(topic.summary)) > 3:
        yield at(("summary",), "long-summary", "the summary should say what the leaflet is for in one or two "
                                               f"short sentences ({LONG_SUMMARY} words at most); move the rest "
                                               "into the causes or advice")
    for c, cause in enumerate(topic.causes):
        if cause.name.lower().strip(" .:") in VAGUE_HEADINGS:
            yield at(("causes", c, "name"), "vague-heading", f"'{cause.name}' does not tell the reader what "
                                                             "the section is about; name the cause")
        if not cause.key_points:
            for point in key_points(cause):
                if len(words(point)) > LONG_SLIDE_LINE:
                    yield at(("causes", c, "explanation"), "long-slide-line",
                             f"the cause's slide shows '{point}' ({len(words(point))} words) from this explanation; "
                             f"add key_points of {LONG_SLIDE_LINE} words or fewer for the slide")
        if len(topic.sources) > 1 and not cause.source:
            yield at(("causes", c), "cause-source", "this topic cites several sources; add 'source: <id>' to "
                                                    f"say which one this cause comes from ({', '.join(topic.sources)})")
    yield from _review_findings(content, parsed, t, topic, today, at)
    yield from _topic_grade_findings(content, topic, at)


def _topic_grade_findings(content: Content, topic: Topic, at):
    """The whole topic over the target grade, even when no single text is long enough to be scored alone."""
    smog = _topic_smog(topic)
    if round(smog, 1) > content.checks.target_grade:
        yield at((), "reading-level", f"the topic as a whole reads at SMOG grade {smog:.1f}, above the target "
                                           f"of {content.checks.target_grade:g}; use shorter sentences and everyday "
                                           "words, or, if the names of conditions and medicines keep it high, add "
                                           "'reading-level' to the topic's 'ignore_checks' with a comment saying so")


def _topic_smog(topic: Topic) -> float:
    return smog_index(" ".join(text for _, text, kind in patient_texts(topic) if kind != "heading"))


def _calculation_advice(found: str) -> str:
    if re.search(r"kg|kilo|pound|lb|stone|weight", found, re.IGNORECASE):
        return (f"'{found}' asks the reader to work out an amount from their weight; say the amount itself, or "
                "'ask your pharmacist how much to take'")
    if "%" in found or "cent" in found.lower():
        return f"'{found}' asks the reader to picture a percentage; say it as '1 in 4 people' or 'most people'"
    return f"'{found}' asks the reader to work something out; write the result instead"


def _term_findings(content: Content, topic: Topic, at):
    text = patient_text(topic).lower()
    defined = {term.lower() for term in content.glossary}
    terms = sorted(set(medical_terms()) | {t.lower() for t in content.checks.medical_terms}, key=len, reverse=True)
    reported: list[str] = []
    covered = [term for term in defined if mentions(text, term)]
    text_words = words_of(text)
    for term in terms:
        if not may_mention(text_words, term) or term not in text \
                or any(term in longer for longer in covered + reported) or not mentions(text, term):
            continue  # the word lookup passes most terms over; the next test is mentions' own first, made sooner
        if explained_in_place(text, term):
            continue
        reported.append(term)
        loc = next((loc for loc, field_text, _ in patient_texts(topic) if mentions(field_text.lower(), term)), ())
        yield at(loc, "undefined-term", f"'{term}' is a medical term; explain it in brackets where it is used, "
                                        f"or add it to the glossary: '{term}: <its meaning in plain words>'")


def _medicine_findings(content: Content, text: str, loc: tuple, at):
    for name in named_medicines(text, content.checks.medicines):
        yield at(loc, "medicine-in-advice", f"'{name}' is a medicine; name medicines only in a cause's "
                                            "'medical_care', as something a doctor may prescribe")


def _review_findings(content: Content, parsed: ParsedFile, t: int, topic: Topic, today: dt.date, at):
    missing = [name for name in ("reviewed", "next_review", "reviewed_by") if not getattr(topic, name)]
    if missing:
        yield at(("id",), "no-review", f"no {', '.join(missing)}; add when the topic was last checked by a "
                                       "health professional, when it is next due, and who checked it")
    if topic.next_review and topic.next_review < today:
        yield at(("next_review",), "review-overdue", f"the review was due on {topic.next_review:%d %B %Y}; "
                                                     "review the topic, then update 'reviewed' and 'next_review'")
    interval = (topic.next_review - topic.reviewed) if topic.reviewed and topic.next_review \
        else dt.timedelta(days=365 * DEFAULT_REVIEW_YEARS)
    for source in content.sources_of(topic):
        if source.date < today - interval:
            s = next(i for i, candidate in enumerate(content.sources) if candidate.id == source.id)
            yield Finding("old-source", parsed.problem(
                ("sources", s, "date"),
                f"'{source.title}' is from {source.date:%B %Y}, older than the review interval of "
                f"{_years(interval)} used by topic '{topic.id}'; check it is still current"))


def _score(value: float) -> str:
    return "n/a" if value != value else f"{value:.1f}"  # NaN for a language the grades do not apply to


def _years(interval: dt.timedelta) -> str:
    years = max(1, round(interval.days / 365))
    return f"{years} year{'s' * (years != 1)}"


def _scores(content: Content, topic: Topic, found: list[Finding], off: set[str]) -> TopicScores:
    if languages.is_cjk(topic.language):  # the English grades mean nothing for Chinese
        longest = max(chinese.length(s) for _, t, _ in patient_texts(topic) for s in chinese.sentences(t))
        return TopicScores(topic.id, float("nan"), float("nan"), longest, len(found), 0, 0, unit="characters")
    text = " ".join(text for _, text, kind in patient_texts(topic) if kind != "heading")
    failed = {f.check for f in found}
    rated = [check for check in PEMAT_ITEMS.values() if check not in off]
    smog = _topic_smog(topic)
    if smog > content.checks.target_grade and "reading-level" not in off:
        failed.add("reading-level")
    return TopicScores(topic.id, smog, grade_level(text),
                       max(len(words(s)) for _, t, _ in patient_texts(topic) for s in sentences(t)),
                       len(found), sum(check not in failed for check in rated), len(rated))


def is_action(item: str) -> bool:
    """Whether an advice item tells the reader what to do: a clause of it ("If …, rest") starts with a verb."""
    for clause in re.split(r"[,;:]\s*", item):
        lead = [w.lower() for w in words(clause)]
        while lead and lead[0] in BEFORE_ACTION:
            lead.pop(0)
        if lead and lead[0] in ACTION_VERBS:
            return True
    return False


def explained_in_place(lower_text: str, term: str) -> bool:
    """A term written next to its meaning in brackets: 'low calcium (hypocalcemia)' or 'hypocalcemia (low calcium)'.

    One pass over the brackets and the term's places, since a regular expression tried from every '('
    to the end of the text takes minutes on a text of many brackets."""
    last_close = lower_text.rfind(")")
    inside = False  # whether the nearest bracket before here is an opening one
    for mark in re.finditer(rf"[()]|\b(?={re.escape(term)})", lower_text):
        if mark.group():
            inside = mark.group() == "("
            continue
        end = mark.end() + len(term)
        if inside and last_close >= end and _WORD_END.match(lower_text, end):
            return True  # '(… term …)'
        after = _WORD_REST_AND_SPACE.match(lower_text, end).end()
        if lower_text[after:after + 1] == "(" and lower_text[after + 1:after + 2] not in ("", ")") \
                and last_close > after + 1:
            return True  # 'term (…)'
    return False


_WORD_END = re.compile(r"\b")
_WORD_REST_AND_SPACE = re.compile(r"\w*+\s*+")


def _passive(sentence: str) -> str | None:
    for match in PASSIVE.finditer(sentence):
        if match.group(1).lower() not in NOT_PASSIVE:
            return match.group(0)
    return None


def _opening(sentence: str, count: int = 6) -> str:
    shown = words(sentence)[:count]
    return " ".join(shown) + " …"
