"""The content checks: each fires on a crafted bad example at the right line, and stays quiet on good content."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from leaflets.checks import rules
from leaflets.content import schema
from leaflets.cli import main
from leaflets.content import load_with_positions
from tests.conftest import FIXTURES, ROOT

TODAY = dt.date(2026, 11, 22)
EVERY_CHECK = FIXTURES / "checks" / "every-check.yaml"
PLAIN = FIXTURES / "checks" / "plain.yaml"
HEARTBURN = FIXTURES / "checks" / "heartburn.yaml"


def findings_of(path, today=TODAY):
    content, parsed = load_with_positions(path, "content.yaml")
    return rules.run(content, parsed, today)


@pytest.mark.parametrize("example", [EVERY_CHECK, HEARTBURN], ids=lambda p: p.stem)
def test_each_check_fires_at_its_line(example):
    expected = re.findall(r"^# expect: (\d+):(\d+): ([a-z-]+)$", example.read_text(), re.MULTILINE)
    found = [(str(f.problem.line), str(f.problem.column), f.check) for f in findings_of(example).findings]
    assert found == expected


def test_every_check_is_exercised_by_the_bad_examples():
    from leaflets.content import CHECK_NAMES

    found = {f.check for example in (EVERY_CHECK, HEARTBURN) for f in findings_of(example).findings}
    assert found == set(CHECK_NAMES)


def heartburn_line(check: str, contains: str = "") -> str:
    return next(f.line() for f in findings_of(HEARTBURN).findings if f.check == check and contains in f.line())


def test_a_comment_after_text_is_a_warning_quoting_the_dropped_words():
    assert heartburn_line("comment-in-text") == (
        "content.yaml:40:36: warning: topic 'heartburn', advice item 1: '#1 tip by 10 to 20 cm.' is left out of the "
        "leaflet: YAML reads ' #' after text as the start of a comment; to keep these words, put the whole text in "
        "double quotes [comment-in-text]")


def test_a_comment_on_its_own_line_or_after_an_id_is_not_a_warning(write_content):
    text = PLAIN.read_text().replace("  - id: cramps\n", "  # the first topic\n  - id: cramps  # short id\n")
    text = text.replace("      - Keep your feet warm at night.\n", "      - Keep your feet warm at night.\n      # more soon\n")
    assert [f.line() for f in findings_of(write_content(text)).findings] == []


def test_heartburn_medicines_doses_and_weight_calculations_are_found():
    assert {line.split(": warning: ")[1] for line in [heartburn_line("medicine-in-advice", "antacid"),
                                                      heartburn_line("medicine-in-advice", "omeprazole"),
                                                      heartburn_line("dose-in-advice"),
                                                      heartburn_line("calculation")]} == {
        "topic 'heartburn', advice item 2: 'antacid' is a medicine; name medicines only in a cause's 'medical_care', "
        "as something a doctor may prescribe [medicine-in-advice]",
        "topic 'heartburn', advice item 2: 'omeprazole' is a medicine; name medicines only in a cause's "
        "'medical_care', as something a doctor may prescribe [medicine-in-advice]",
        "topic 'heartburn', advice item 2: '20 mg' is a dose; a leaflet cannot know the reader's dose: say 'as your "
        "pharmacist or doctor advises', or give the dose in a cause's 'medical_care' [dose-in-advice]",
        "topic 'heartburn', advice item 2: 'per 10 kg' asks the reader to work out an amount from their weight; say "
        "the amount itself, or 'ask your pharmacist how much to take' [calculation]",
    }


def test_heartburn_anatomy_words_are_medical_terms():
    terms = {line.split("'")[3] for line in (f.line() for f in findings_of(HEARTBURN).findings
                                             if f.check == "undefined-term")}
    assert {"oesophagus", "sphincter", "reflux", "sternum"} <= terms


def test_the_word_lists_have_breadth_and_name_their_source():
    from leaflets.checks.wordlists import medical_terms, medicines
    from leaflets.theme import asset

    assert len(medicines()) >= 250 and len(medical_terms()) >= 200
    for name in ("medicines.txt", "medical-terms.txt"):
        assert "# Source:" in asset(f"checks/{name}").read_text()


def test_medicines_named_in_a_text_are_those_a_search_for_every_name_finds():
    import random

    from leaflets.checks.wordlists import _medicine_names, medicines, named_medicines
    from leaflets.content import mentions

    more = ("Zz", "co-codamol", "薄荷油", "B12 Complex", "Éstrogel", "x")
    pieces = [*random.Random(3).sample(medicines(), 40), *more, "-", " ", ". ", "s", "es", "non", "Take ", "(",
              "paracetamol-free", "aspirins", "calcium carbonate", "calcium", "\n"]
    chance = random.Random(5)
    for _ in range(3000):
        text = "".join(chance.choice(pieces) + chance.choice(["", " ", "", "s ", "-", "/"]) for _ in range(12))
        lower = text.lower()
        everyone = [name for name in _medicine_names(more) if name in lower and mentions(lower, name)]
        assert named_medicines(text, more) == everyone, text


def test_advice_suggestion_quotes_the_item_rather_than_a_leg_cramps_example():
    line = heartburn_line("advice-not-action")
    assert "'Smaller meals through the day …' does not say what the reader can do" in line
    assert "feet" not in " ".join(f.line() for f in findings_of(HEARTBURN).findings)


def test_a_topic_over_the_target_grade_is_a_finding_even_when_no_text_is_long():
    assert heartburn_line("reading-level").startswith(
        "content.yaml:22:5: warning: topic 'heartburn': the topic as a whole reads at SMOG grade 9.9, above the "
        "target of 8;")


def test_the_seed_says_why_its_reading_level_is_not_checked():
    seed = (ROOT / "content.yaml").read_text()
    assert seed.count("reading-level: the names of conditions and medicines") == 2
    assert [f.line() for f in findings_of(ROOT / "content.yaml").findings] == []


@pytest.mark.parametrize("hostile", ["1" * 100_000, "1 " * 50_000, "1." * 50_000, "per " * 25_000,
                                     "of body " * 12_500, "1,1" * 33_000])
def test_dose_and_calculation_patterns_finish_on_100_kb_of_near_misses(hostile):
    # a pattern that backtracks would take hours on these; each is a near miss that matches nothing
    assert rules.DOSE.search(hostile) is None
    assert rules.CALCULATION.search(hostile) is None


def test_plain_reviewed_content_passes_every_check():
    report = findings_of(PLAIN)
    assert [f.line() for f in report.findings] == []
    assert report.scores[0].pemat == "100%"


def test_a_finding_line_names_file_line_field_and_check():
    line = next(f for f in findings_of(EVERY_CHECK).findings if f.check == "medicine-in-advice").line()
    assert line.startswith("content.yaml:51:9: warning: topic 'cramps', warning sign 1: 'ibuprofen' is a medicine")
    assert line.endswith("[medicine-in-advice]")


def test_a_check_can_be_turned_off_for_one_topic_or_for_all(write_content):
    text = EVERY_CHECK.read_text()
    one = write_content(text.replace("    reviewed_by: Dr A. Example\n",
                                     "    reviewed_by: Dr A. Example\n    ignore_checks: [passive-voice]\n"))
    assert "passive-voice" not in {f.check for f in findings_of(one).findings}
    everywhere = write_content("checks:\n  ignore: [no-review, calculation]\n" + text)
    assert not {"no-review", "calculation"} & {f.check for f in findings_of(everywhere).findings}


def test_an_unknown_check_name_is_a_located_mistake_listing_the_names(write_content, capsys):
    path = write_content(PLAIN.read_text().replace("    sources: [guide]\n",
                                                   "    sources: [guide]\n    ignore_checks: [passive]\n"))
    assert main(["--content", str(path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "content.yaml:17:21: topic 'cramps', ignored check 1:" in err and "passive-voice" in err


def test_glossary_and_extra_lists_in_the_content_file_are_used(write_content):
    text = PLAIN.read_text().replace("      - Keep your feet warm at night.",
                                     "      - Keep your feet warm at night with a heat wrap.\n      - Avoid cramp tonic.")
    extra = write_content("checks:\n  medicines: [cramp tonic]\n  medical_terms: [heat wrap]\n" + text)
    found = {f.check: f.line() for f in findings_of(extra).findings}
    assert "'cramp tonic' is a medicine" in found["medicine-in-advice"]
    assert "'heat wrap' is a medical term" in found["undefined-term"]
    defined = write_content(extra.read_text().replace("glossary:\n", "glossary:\n  heat wrap: a warm pad\n"))
    assert "undefined-term" not in {f.check for f in findings_of(defined).findings}


def test_a_medical_term_explained_in_brackets_needs_no_glossary_entry(write_content):
    path = write_content(PLAIN.read_text().replace("glossary:\n  hypocalcemia: low calcium in the blood\n", "")
                         .replace("Doctors call this hypocalcemia.", "Doctors call this low calcium (hypocalcemia)."))
    assert [f.line() for f in findings_of(path).findings] == []


@pytest.mark.parametrize("item, action", [
    ("Keep your feet warm at night.", True), ("If a cramp starts, stretch the muscle.", True),
    ("Do not stand still for long.", True), ("Always wear warm socks.", True),
    ("Warmth is recommended.", False), ("Calcium is important.", False), ("Your doctor knows best.", False)])
def test_advice_counts_as_an_action_when_it_starts_with_what_to_do(item, action):
    assert rules.is_action(item) is action


def test_check_command_prints_findings_then_a_table_and_exits_0_with_warnings(capsys):
    assert main(["--content", str(EVERY_CHECK), "--check"]) == 0
    out = capsys.readouterr().out
    assert f"{EVERY_CHECK}:51:9: warning: topic 'cramps', warning sign 1:" in out
    assert re.search(r"^topic\s+SMOG\s+FK grade\s+longest sentence\s+findings\s+PEMAT-style$", out, re.MULTILINE)
    assert re.search(r"^cramps\s+\d+\.\d\s+\d+\.\d\s+31 words\s+\d+\s+0%$", out, re.MULTILINE)


def test_strict_turns_warnings_into_errors_and_exit_1(capsys, tmp_path):
    assert main(["--content", str(EVERY_CHECK), "--check", "--strict"]) == 1
    assert ": error: topic 'cramps', warning sign 1:" in capsys.readouterr().out
    assert main(["--content", str(EVERY_CHECK), "--out", str(tmp_path / "out"), "--strict"]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert not any((tmp_path / "out").glob("*.pdf"))


def test_a_normal_build_prints_the_warnings_and_still_builds(capsys, tmp_path):
    assert main(["--content", str(EVERY_CHECK), "--out", str(tmp_path), "--format", "pdf", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "warning: topic 'cramps', warning sign 1:" in captured.err
    assert (tmp_path / "cramps.pdf").exists()
    # A second build with nothing changed prints the same warnings, remembered from the first.
    assert main(["--content", str(EVERY_CHECK), "--out", str(tmp_path), "--format", "pdf", "--jobs", "1"]) == 0
    assert capsys.readouterr().err == re.sub(r"built \[\d+/\d+\] [a-z-]+ \(pdf\)\n", "", captured.err)


def test_the_seed_content_passes_the_strict_checks(capsys):
    assert main(["--content", str(ROOT / "content.yaml"), "--check", "--strict", "--out", "/nonexistent"]) == 0


def test_check_finds_an_output_that_lost_part_of_its_topic(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["--content", str(PLAIN), "--out", str(out), "--format", "pdf", "--jobs", "1"]) == 0
    from leaflets.checks import consistency
    monkeypatch.setattr(consistency, "pdf_text", lambda path: "Leg cramps")  # as if the text had been lost
    assert main(["--content", str(PLAIN), "--out", str(out), "--check"]) == 1
    assert f"{out / 'cramps.pdf'}: error: cause 1 name of topic 'cramps' is missing from it" in capsys.readouterr().out


def test_seed_outputs_carry_every_part_of_their_topic(seed_content, seed_outputs):
    from leaflets.checks import consistency

    for (topic_id, format_name), path in seed_outputs.items():
        assert consistency.missing(seed_content.topic(topic_id), format_name, path) == [], path


def test_shipped_schema_is_the_one_the_model_generates():
    assert (ROOT / schema.FILE_NAME).read_text(encoding="utf-8") == schema.text()
    assert (ROOT / "content.yaml").read_text().startswith(f"# yaml-language-server: $schema={schema.FILE_NAME}\n")


def test_schema_command_writes_a_schema_that_names_every_field(tmp_path, capsys):
    content = tmp_path / "content.yaml"
    assert main(["--content", str(content), "--schema"]) == 0
    written = json.loads((tmp_path / "content.schema.json").read_text())
    assert set(written["properties"]) >= {"sources", "topics", "glossary", "checks", "publisher"}
    assert "ignore_checks" in written["$defs"]["Topic"]["properties"]
    assert f"wrote {tmp_path / 'content.schema.json'}" in capsys.readouterr().out


def test_glossary_terms_a_topic_uses_reach_its_leaflet_and_notes(tmp_path):
    from leaflets.checks import consistency

    assert main(["--content", str(PLAIN), "--out", str(tmp_path), "--format", "pdf", "--format", "pptx"]) == 0
    printed = " ".join(consistency.pdf_text(tmp_path / "cramps.pdf").split())
    assert "Words to know" in printed and "hypocalcemia: low calcium in the blood" in printed
    assert "- hypocalcemia: low calcium in the blood" in consistency.deck_text(tmp_path / "cramps.pptx")


@pytest.mark.parametrize("text, shown", [
    ("Take 2 x 250 mg.", "2 x 250"), ("About 12.5 % of people.", "12.5 %"), ("Divide it.", "Divide"),
    ("1" * 100_000 + " x 3", "1" * 100_000 + " x 3"), ("1" * 100_000, None), ("1." * 50_000 + "5 %", "1.5 %"),
], ids=lambda value: str(value)[:16])
def test_a_calculation_is_shown_whole_and_a_long_run_of_digits_is_checked_in_one_pass(text, shown):
    found = rules.CALCULATION.search(text)
    assert (found and found.group(0)) == shown


@pytest.mark.parametrize("text, explained", [
    ("low calcium (hypocalcemia) can cramp", True), ("hypocalcemia (low calcium) can cramp", True),
    ("(see hypocalcemia (x) here)", True), ("hypocalcemia () then", False), ("(hypocalcemia", False),
    ("hypocalcemia) (", False), ("hypocalcemias (low calcium)", True), ("(hypocalcemias)", False),
    ("acute " + "(" * 100_000, False), ("(" * 50_000 + "hypocalcemia " * 10_000, False),
    ("hypocalcemia (" * 30_000, False), ("hypocalcemia (" * 30_000 + ")", True),
], ids=lambda value: str(value)[:16])
def test_a_term_explained_in_brackets_is_found_in_one_pass_over_any_number_of_brackets(text, explained):
    assert rules.explained_in_place(text, "hypocalcemia") is explained


@pytest.mark.parametrize("name", ["PASSIVE", "CALCULATION", "DOSE"])
def test_a_pattern_behind_its_look_ahead_finds_what_it_finds_alone(name):
    import random

    pattern = getattr(rules, name)
    first, alone = re.fullmatch(r"\(\?=(\[[^]]*\]|\\d)\)\(\?:(.*)\)", pattern.pattern, re.DOTALL).groups()
    alone = re.compile(alone, pattern.flags)
    pieces = ["1", "25", "3.5", " ", "  ", "x", "\u00d7", "/", "%", "per", "PER", "cent", "kg", "mg", "ml", "of", "your",
              "body", "weight", "multiply", "Divide", "\u017fubtract", "is", "was", "Been", "not", "gently", "given",
              "tired", "set", "tablets", "\u0130s", ",", ".", "a", "\n", "\u0663", "\u212a", "W", "b", " is given", "Was not ",
              "are kept", "being done", "be slowly ", "AM ", "cut", "used"]
    chosen = random.Random(name)
    texts = ["".join(chosen.choice(pieces) for _ in range(chosen.randint(1, 14))) for _ in range(20_000)]
    texts += [text for example in (EVERY_CHECK, HEARTBURN, ROOT / "content.yaml") for text in example.read_text().splitlines()]
    for text in texts:
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
            [(m.span(), m.groups()) for m in alone.finditer(text)], text
