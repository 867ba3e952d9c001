"""Hostile content files: deep nesting, huge files and fields, long runs of one character, odd bytes.

Each is made here, run through the command as a user runs it, and must end with one located line and
exit 1 (or build correctly): never a crash, a traceback or a wait without end.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

import pytest

from leaflets import cli
from tests.conftest import FIXTURES, ROOT

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def with_text(old: str, new: str) -> bytes:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1).encode("utf-8")


def generate(tmp_path, data: bytes, *options: str) -> tuple[int, list[str]]:
    """Run the command on `data` as content.yaml; its exit status and error lines, with the path shortened."""
    path = tmp_path / "content.yaml"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--content", str(path), "--out",
                           str(tmp_path / "out"), "--format", "pdf", "--jobs", "1", *options],
                          capture_output=True, text=True, errors="replace", timeout=120)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr.replace(str(path), "content.yaml").splitlines()


def refused(tmp_path, data: bytes) -> str:
    """The one problem the command reports for `data`, which it must refuse."""
    status, lines = generate(tmp_path, data)
    assert status == 1
    assert lines[1:] == ["1 problem in content.yaml; nothing was written."]
    assert not (tmp_path / "out").exists()
    return lines[0]


DEEP = "nested too deeply; this file needs only a few levels of lists and fields"


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 50_000, "1:44"),
    ("a: " + "{" * 50_000, "1:44"),
    ("a: " + "[" * 50_000 + "]" * 50_000, "1:44"),
    ("- " * 50_000 + "x", "1:83"),
    ("".join(f"{'  ' * level}k{level}:\n" for level in range(1000)) + "  " * 1000 + "x", "41:81"),
], ids=["flow-list", "flow-mapping", "closed-flow-list", "block-list", "block-mapping"])
def test_nesting_of_any_kind_is_refused_before_it_can_crash_the_reader(tmp_path, text, where):
    assert refused(tmp_path, text.encode()) == f"content.yaml:{where}: {DEEP}"


def test_a_file_over_ten_megabytes_is_refused_unread_with_its_size(tmp_path):
    assert refused(tmp_path, with_text("Cramps are common.", "Cramps are common. " * 650_000)) == (
        "content.yaml: is 12.4 MB, more than the 10 MB a content file may be; "
        "split its topics into several content files")


def test_a_file_of_more_values_than_memory_allows_is_refused_before_it_is_read_into_memory(tmp_path):
    assert refused(tmp_path, b"- a\n" * 300_000) == (
        "content.yaml:250000:3: the file holds more than 250,000 values (fields and list items); "
        "split its topics into several content files")


@pytest.mark.parametrize("field, text, length, limit, advice", [
    ("summary", "1" * 40_000, "40,000", "3,000", "split it into shorter sentences, or move some of it into "
                                                 "another cause, the advice or the warning signs"),
    ("summary", "acute " + "(" * 40_000, "40,006", "3,000", "split it into shorter sentences, or move some of it "
                                                            "into another cause, the advice or the warning signs"),
    ("summary", "is " * 130_000, "389,999", "3,000", "split it into shorter sentences, or move some of it into "
                                                     "another cause, the advice or the warning signs"),
    ("summary", "Cramps " + " " * 400_000 + "are common.", "400,018", "3,000",
     "split it into shorter sentences, or move some of it into another cause, the advice or the warning signs"),
    ("title", "Cramps " * 40, "279", "200", "shorten it, and say the rest in the text below it"),
    ("advice item 1", "Keep warm " * 60, "599", "500", "split it into shorter sentences or list items"),
], ids=["digits", "brackets", "repeated-word", "spaces", "title", "list-item"])
def test_a_text_too_long_for_its_field_says_how_long_it_is_and_what_to_do(tmp_path, field, text, length, limit,
                                                                         advice):
    old = {"summary": "Cramps are common.", "title": "title: Cramps", "advice item 1": "Keep warm."}[field]
    new = f"title: {text}" if field == "title" else text
    line = refused(tmp_path, with_text(old, new))
    assert line.endswith(f": topic 'cramps', {field}: this text is {length} characters long, more than the {limit} "
                         f"allowed here; {advice}")
    assert line.startswith("content.yaml:")


def test_a_paragraph_of_half_a_megabyte_is_refused_rather_than_laid_out_for_minutes(tmp_path):
    line = refused(tmp_path, with_text("Cold muscles cramp more easily.", "Cold muscles cramp more easily. " * 16_000))
    assert line.startswith("content.yaml:13:22: topic 'cramps', cause 1, explanation: this text is 511,999 characters")


def test_a_topic_longer_than_a_leaflet_is_refused_rather_than_made_into_hundreds_of_slides(tmp_path):
    explanation = " ".join(["Cold muscles cramp more easily at night."] * 70)
    causes = "".join(f"      - name: Cause {n}\n        explanation: {explanation}\n" for n in range(12))
    line = refused(tmp_path, with_text("      - name: Cold\n        explanation: Cold muscles cramp more easily.\n",
                                       causes))
    assert line == ("content.yaml:7:5: topic 'cramps': this topic's text is 34,576 characters long, more than the 30,000 "
                    "(about 12 printed pages) a leaflet may hold; split it into several topics")


def test_a_word_too_long_to_print_is_pointed_at_but_a_long_web_address_is_not(tmp_path):
    assert refused(tmp_path, with_text("Keep warm.", "Keep " + "w" * 100)) == (
        "content.yaml:17:9: topic 'cramps', advice item 1: the word 'wwwwwwwwwwwwwwwwwwww\u2026' is 100 characters long, "
        "longer than a printed line can hold (60 at most); put spaces in it, or write a web address in full, "
        "starting with https://")
    address = "https://example.org/" + "a" * 80
    status, _ = generate(tmp_path, with_text("Keep warm.", f"Keep warm; see {address}"), "--check")
    assert status == 0


@pytest.mark.parametrize("item", ["''", "Keep warm."])
def test_a_list_of_a_hundred_thousand_items_is_one_problem_not_one_per_item(tmp_path, item):
    data = with_text("advice:\n      - Keep warm.", "advice:\n" + f"      - {item}\n" * 100_000)
    assert refused(tmp_path, data) == (
        "content.yaml:17:7: topic 'cramps', advice: this list has 100,000 items, more than the 200 allowed; "
        "keep the most important ones, or split the topic into several topics")


@pytest.mark.parametrize("text, code", [('"Cramps \\0 are common."', "0000"), ('"Cramps \\ufeff are common."', "FEFF"),
                                        ('"Cramps \\x7f are common."', "007F"), ("Cramps \ufeffare common.", "FEFF")])
def test_invisible_characters_written_as_escapes_are_pointed_at_like_typed_ones(tmp_path, text, code):
    assert refused(tmp_path, with_text("Cramps are common.", text)) == (
        f"content.yaml:9:14: topic 'cramps', summary: the invisible control character U+{code} is not allowed; "
        "delete it (retype the text around it)")


def test_a_nul_byte_is_pointed_at(tmp_path):
    assert refused(tmp_path, with_text("Cramps are common.", "Cramps\0 are common.")) == (
        "content.yaml:9:20: the invisible control character U+0000 is not allowed; delete it "
        "(retype the text around it)")


def test_an_escape_that_names_half_a_character_is_pointed_at(tmp_path):
    assert refused(tmp_path, with_text("Cramps are common.", '"Cramps \\ud800 are common."')) == (
        "content.yaml:9:24: this is not valid YAML (found invalid Unicode character escape code); "
        "a \\u or \\U escape must name a real character; type the character itself")


def test_a_key_of_a_hundred_kilobytes_is_pointed_at(tmp_path):
    assert refused(tmp_path, b"k" * 100_000 + b": 1\n").startswith(
        "content.yaml:1:100001: this is not valid YAML (mapping values are not allowed in this context)")


def test_a_single_line_of_five_megabytes_is_read_and_refused_for_what_it_lacks(tmp_path):
    status, lines = generate(tmp_path, b"a: '" + b"x" * 5_000_000 + b"'\n")
    assert status == 1
    assert lines == [
        "content.yaml:1:1: 'sources' is required; write 'sources:' followed by items, each on its own line "
        "starting with '- '",
        "content.yaml:1:1: 'topics' is required; write 'topics:' followed by items, each on its own line "
        "starting with '- '",
        "content.yaml:1:1: a: unknown field 'a'; remove it, or use one of: checks, deck, formats, glossary, "
        "language, publisher, sources, topics, wording",
        "3 problems in content.yaml; nothing was written."]


@pytest.mark.parametrize("section, value, message", [
    ("deck:\n  minutes", ".inf", "deck.minutes: '.inf' is not a whole number of minutes from 5 to 180; "
                                 "write, for example, 20"),
    ("deck:\n  minutes", "1e999", "deck.minutes: '1e999' is not a whole number of minutes from 5 to 180; "
                                  "write, for example, 20"),
    ("deck:\n  minutes", "9" * 5000, f"deck.minutes: '{'9' * 5000}' is not a whole number of minutes from 5 to "
                                     "180; write, for example, 20"),
    ("checks:\n  target_grade", ".inf", "checks.target_grade: '.inf' is not a school grade from 3 to 16; "
                                        "write, for example, 8"),
    ("checks:\n  target_grade", "1e999", "checks.target_grade: '1e999' is not a school grade from 3 to 16; "
                                         "write, for example, 8"),
    ("checks:\n  target_grade", ".nan", "checks.target_grade: '.nan' is not a school grade from 3 to 16; "
                                        "write, for example, 8"),
])
def test_a_number_out_of_any_range_is_pointed_at_in_plain_words(tmp_path, section, value, message):
    line = refused(tmp_path, MINIMAL.encode() + f"{section}: {value}\n".encode())
    assert line.startswith("content.yaml:19:") and line.endswith(message)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_build(tmp_path, newline):
    status, _ = generate(tmp_path, MINIMAL.replace("\n", newline).encode())
    assert status == 0
    assert (tmp_path / "out" / "cramps.pdf").read_bytes().startswith(b"%PDF")


def test_yes_no_and_numbers_where_text_is_expected_stay_text(tmp_path):
    data = with_text("Keep warm.", "yes").replace(b"Cramps are common.", b"1e999")
    status, _ = generate(tmp_path, data, "--check")
    assert status == 0


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
def test_a_named_pipe_given_as_the_content_file_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "content.yaml")
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--content", "content.yaml", "--check"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == ("content.yaml: is not a regular file (it is a device, pipe or socket); "
                                           "give the path of the content .yaml file")


def test_a_bug_is_one_line_naming_the_saved_report_and_exits_3(tmp_path, monkeypatch, capsys):
    def broken(args, **_):
        raise ValueError("an impossible state\nover two lines")

    monkeypatch.setattr(cli, "build_once", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cli.main(["--content", str(FIXTURES / "minimal.yaml")]) == 3
    [line] = capsys.readouterr().err.splitlines()
    [report] = tmp_path.glob("leaflets-crash-*.txt")
    assert line == (f"leaflets: internal error (ValueError: an impossible state over two lines) \u2014 this is a bug "
                    f"in leaflets, not in your files; the full report was saved to {report}")
    assert "Traceback" in report.read_text() and "an impossible state" in report.read_text()


def test_ctrl_c_outside_a_build_says_stopped_and_exits_130(monkeypatch, capsys):
    def interrupted(args, **_):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_once", interrupted)
    assert cli.main(["--content", str(FIXTURES / "minimal.yaml")]) == 130
    assert capsys.readouterr().err == "stopped\n"


@pytest.mark.parametrize("error, said", [
    (MemoryError(), "leaflets: ran out of memory; make the content file, its logo or its template smaller"),
    (RecursionError(), "leaflets: something in the input is nested too deeply to read; keep to a few levels of "
                       "lists and fields"),
])
def test_running_out_of_memory_or_depth_is_one_line_not_an_internal_error(monkeypatch, capsys, error, said):
    def exhausted(args, **_):
        raise error

    monkeypatch.setattr(cli, "build_once", exhausted)
    assert cli.main(["--content", str(FIXTURES / "minimal.yaml")]) == 1
    assert capsys.readouterr().err == f"{said}\n"


def test_the_exit_statuses_are_documented_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "3 an internal error" in " ".join(capsys.readouterr().out.split())


def test_every_one_of_many_unknown_fields_is_pointed_at_in_its_place(tmp_path):
    status, lines = generate(tmp_path, MINIMAL.encode() + "".join(f"k{n}: x\n" for n in range(20_000)).encode())
    assert status == 1
    assert lines[0] == ("content.yaml:18:1: k0: unknown field 'k0'; remove it, or use one of: checks, deck, formats, "
                        "glossary, language, publisher, sources, topics, wording")
    assert lines[199].startswith("content.yaml:217:1: k199: unknown field 'k199'")
    assert lines[200:] == ["\u2026 and 19800 more problems like these; fix the ones above first",
                           "20000 problems in content.yaml; nothing was written."]


def test_a_field_name_that_is_a_list_is_pointed_at_not_a_crash(tmp_path):
    line = refused(tmp_path, with_text("summary:", "? [a, b]\n    : x\n    summary:"))
    assert line == "content.yaml:9:7: topic 'cramps': a field name must be a plain word such as 'title'"


def test_a_merge_key_or_a_tag_is_said_once(tmp_path):
    assert refused(tmp_path, b"!!python/object/apply:os.system ['true']\n") == (
        "content.yaml:1:1: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here; "
        "remove it and write plain text")


def test_a_review_date_far_in_the_future_still_builds_a_deck(tmp_path):
    data = with_text("summary:", "reviewed: 9998-01-01\n    next_review: 9999-12-31\n    summary:")
    status, lines = generate(tmp_path, data, "--format", "pptx")
    assert status == 0, lines
    assert (tmp_path / "out" / "cramps.pptx").is_file()


def test_the_schema_replaces_a_link_in_its_place_rather_than_writing_through_it(tmp_path):
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "content.yaml").write_bytes(MINIMAL.encode("utf-8"))
    (tmp_path / "content.schema.json").symlink_to(victim)
    assert cli.main(["--content", str(tmp_path / "content.yaml"), "--schema"]) == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "content.schema.json").is_symlink()


def test_thousands_of_one_mistake_print_the_first_two_hundred_and_a_count(tmp_path):
    topic = MINIMAL[MINIMAL.index("topics:\n") + len("topics:\n"):]
    status, lines = generate(tmp_path, (MINIMAL + topic * 300).encode("utf-8"))
    assert status == 1 and len(lines) == 202
    assert lines[-2] == "\u2026 and 100 more problems like these; fix the ones above first"
    assert lines[-1] == "300 problems in content.yaml; nothing was written."
