"""How the printed formats use the paper and where they break, read back from the PDF of every fixture:
pages and panels that are not left nearly empty, and breaks a typesetter would make."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from leaflets.build import build
from leaflets.content import load
from leaflets.print.blocks import text as printed_text
from leaflets.theme import THEME, contrast_ratio
from leaflets import wording
from leaflets.wording import URGENT_HEADING, URGENT_LEAD, WARNING_HEADING
from tests.conftest import FIXTURES, ROOT, normalise
from tests.pdf import leaflet_frames, page_fills, trifold_frames

PRINTED = ["pdf", "large-print", "trifold"]
SOURCES = {"seed": ROOT / "content.yaml", **{path.stem: path for path in sorted(FIXTURES.glob("*.yaml"))}}
# Fixtures with the text of a real leaflet (the others hold a line or two to test one thing).
REAL = {"seed", "short"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
UNIT_START = re.compile(rf"^(mm|cm|m|km|mg|g|kg|ml|°C|°F|%|tablets?|hours?|minutes?|days?|weeks?|months?|years?"
                        rf"|am|pm|{MONTHS})\b")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """(fixture name, content, topic, format, path) for every topic of every fixture in every printed format."""
    found = []
    for name, source in SOURCES.items():
        content = load(source)
        folder = tmp_path_factory.mktemp(name)
        for topic in content.topics:
            paths = build(content, [topic], PRINTED, folder)
            found += [(name, content, topic, fmt, path) for fmt, path in zip(PRINTED, paths)]
    return found


def regions(path, fmt) -> list[str]:
    """The text of each page (A4 and large print) or each panel (trifold), whitespace removed."""
    frames = trifold_frames if fmt == "trifold" else leaflet_frames
    with pdfplumber.open(path) as pdf:
        return [normalise(page.crop((x0, top - 1, x1, bottom + 1)).extract_text())
                for page in pdf.pages for x0, top, x1, bottom in frames(page)]


def lines(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in page.extract_text().splitlines()]


def region_of(texts: list[str], wanted: str) -> int | None:
    """The page or panel that holds all of `wanted`, or None when none does (it is split, or missing)."""
    wanted = normalise(wanted)
    return next((i for i, region in enumerate(texts) if wanted in region), None)


def test_no_page_of_a_leaflet_is_under_a_quarter_full_unless_it_is_the_only_one(outputs):
    for name, _, topic, fmt, path in outputs:
        if fmt == "trifold":
            continue
        fills = [fill for (fill,) in page_fills(path, leaflet_frames)]
        if len(fills) > 1:
            assert min(fills) >= 0.25, f"{name} {topic.id} {fmt}: pages filled {fills}"


def test_no_inside_panel_of_a_trifold_is_blank(outputs):
    for name, _, topic, fmt, path in outputs:
        if fmt == "trifold":
            outside, inside = page_fills(path, trifold_frames)
            assert min(inside) > 0, f"{name} {topic.id}: inside panels filled {inside}"


def test_a_real_trifold_fills_every_panel_on_both_sides(outputs):
    """Every panel of a real leaflet's trifold carries text, and no inside panel is under a fifth full."""
    for name, _, topic, fmt, path in outputs:
        if fmt == "trifold" and name in REAL:
            outside, inside = page_fills(path, trifold_frames)
            assert min(outside) > 0 and min(inside) >= 0.2, f"{topic.id}: {outside}, {inside}"


def test_a_short_three_cause_topic_fits_the_a4_and_large_print_without_a_stub_page(outputs):
    for name, _, topic, fmt, path in outputs:
        if name == "short" and fmt != "trifold":
            fills = [fill for (fill,) in page_fills(path, leaflet_frames)]
            assert len(fills) <= (2 if fmt == "pdf" else 3) and min(fills) >= 0.25, (topic.id, fmt, fills)


def test_words_to_know_is_printed_on_a_trifold_that_has_room(outputs):
    for name, content, topic, fmt, path in outputs:
        if fmt == "trifold" and name in REAL and content.words_to_know(topic):
            texts, words = regions(path, fmt), wording.of(content, topic)
            assert region_of(texts, words.words_to_know_heading) is not None, topic.id
            for term, meaning in content.words_to_know(topic):
                assert region_of(texts, f"{term}{words.term_separator}{meaning}") is not None, (topic.id, term)


def test_a_cause_stays_with_its_explanation_and_care_lines_on_one_page_or_panel(outputs):
    for name, _, topic, fmt, path in outputs:
        texts = regions(path, fmt)
        for cause in topic.causes:
            where = {region_of(texts, cause.name)}
            if fmt != "trifold":  # the trifold may leave these out to fit
                where |= {region_of(texts, part) for part in (cause.explanation, cause.self_care,
                                                               cause.medical_care) if part}
            assert len(where) == 1 and None not in where, f"{name} {topic.id} {fmt}: {cause.name} over {where}"


def test_a_heading_keeps_at_least_two_items_after_it(outputs):
    for name, content, topic, fmt, path in outputs:
        texts = regions(path, fmt)
        words = wording.of(content, topic)
        kept = [(words.advice_heading, topic.advice[:2]), (words.warning_heading, topic.warning_sign_texts[:2])]
        if topic.causes[0].name not in topic.summary:  # else the name is found first where the summary is
            kept.append((words.causes_heading(topic), (topic.causes[0].name,)))
        if topic.urgent_signs:
            kept.append((words.urgent_heading, topic.urgent_signs[:2]))
        for heading, following in kept:
            where = {region_of(texts, item) for item in following}
            assert len(where) == 1 and None not in where, f"{name} {topic.id} {fmt}: {following} split"
            region = texts[where.pop()]
            # The heading itself, not a care line's label such as "What you can do:".
            before = region[:region.rindex(normalise(following[0]))]
            assert re.search(re.escape(normalise(heading)) + "(?!:)", before), f"{name} {topic.id} {fmt}: {heading}"


def test_a_list_never_ends_a_page_or_panel_with_its_last_item_alone(outputs):
    for name, _, topic, fmt, path in outputs:
        texts = regions(path, fmt)
        if len(topic.advice) >= 2:
            assert region_of(texts, topic.advice[-2]) == region_of(texts, topic.advice[-1]), (name, topic.id, fmt)


def test_a_list_item_is_never_split(outputs):
    for name, _, topic, fmt, path in outputs:
        texts = regions(path, fmt)
        for item in (*topic.urgent_signs, *topic.warning_signs, *topic.advice):
            assert region_of(texts, item) is not None, f"{name} {topic.id} {fmt}: {item!r} is split or missing"


def test_no_line_breaks_between_a_number_and_its_unit_or_inside_a_date(outputs):
    checked = 0
    for name, _, topic, fmt, path in outputs:
        printed = lines(path)
        for line, after in zip(printed, printed[1:]):
            checked += 1
            assert not (re.search(r"\d$", line) and UNIT_START.match(after)), f"{name} {fmt}: {line!r} / {after!r}"
            assert not (re.search(rf"({MONTHS})$", line) and re.match(r"\d{4}\b", after)), f"{line!r} / {after!r}"
    assert checked > 500


@pytest.mark.parametrize("written, kept", [
    ("Raise the head of your bed by 10 to 20 cm.", "20\u00a0cm"),
    ("omeprazole 20 mg once a day", "20\u00a0mg"),
    ("A temperature of 37.5 °C or more", "37.5\u00a0°C"),
    ("Reviewed 15 January 2026", "15\u00a0January\u00a02026"),
    ("Next review March 2027", "March\u00a02027"),
    ("Sit up for 2 hours after a meal.", "2\u00a0hours"),
])
def test_a_number_is_set_with_a_no_break_space_before_its_unit_and_a_date_in_one_piece(written, kept):
    assert kept in printed_text(written)


def test_a_no_break_space_reads_back_as_a_space(outputs):
    """The text a reader copies or a screen reader reads has an ordinary or no-break space where it was typed."""
    name, content, topic, fmt, path = next(o for o in outputs if o[2].id == "heartburn" and o[3] == "pdf")
    text = " ".join(lines(path)).replace("\u00a0", " ")
    assert "by 10 to 20 cm." in text and "omeprazole 20 mg" in text and "37.5 °C" in text


def test_the_urgent_signs_come_before_when_to_see_a_doctor_led_by_the_publishers_emergency_line(outputs):
    for name, content, topic, fmt, path in outputs:
        if topic.urgent_signs:
            text = "".join(regions(path, fmt))
            lead = normalise(f"{content.publisher.emergency} if you have any of these:")
            # Heading, lead, then "When to see a doctor" (the trifold's cover names it too, earlier).
            text.index(normalise(WARNING_HEADING), text.index(lead, text.index(normalise(URGENT_HEADING))))


def test_without_an_emergency_line_the_urgent_signs_say_get_emergency_help_and_no_number(write_content, tmp_path):
    yaml = (FIXTURES / "short.yaml").read_text().replace("  emergency: Call 999 or go to A&E\n", "")
    content = load(write_content(yaml))
    topic = content.topic("heartburn")
    [path] = build(content, [topic], ["pdf"], tmp_path)
    text = normalise(" ".join(lines(path)))
    assert normalise(URGENT_LEAD) in text and "999" not in text


def test_the_urgent_box_reads_in_greyscale_white_on_dark_red_with_a_thick_border(outputs):
    assert contrast_ratio(THEME.colours.on_primary, THEME.colours.warning) >= 4.5
    assert contrast_ratio(THEME.colours.ink, THEME.colours.paper) >= 4.5
    name, content, topic, fmt, path = next(o for o in outputs if o[2].id == "heartburn" and o[3] == "pdf")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        heading = next(w for w in page.extract_words() if w["text"] == "Get")
        borders = [r for r in page.rects if r["stroke"] and r["linewidth"] >= 3.5
                   and r["top"] <= heading["top"] <= r["bottom"]]
        assert borders, "the urgent signs have no thick border around them"


def test_every_part_of_every_fixture_is_found_in_its_printed_outputs(outputs):
    """What --check reads back: the no-break spaces and moved sections lose nothing."""
    from leaflets.checks import consistency

    for name, _, topic, fmt, path in outputs:
        assert consistency.missing(topic, fmt, path) == [], (name, topic.id, fmt)
