"""A build remembers each topic's findings, so an edit to one topic checks only that topic: the findings
it says must be exactly those a full check of the edited file gives, on their new lines."""

from __future__ import annotations

import json

import pytest

from leaflets.build import findings, manifest
from leaflets.checks import rules
from leaflets.content import load_with_positions
from tests.conftest import FIXTURES

EVERY_CHECK = FIXTURES / "checks" / "every-check.yaml"
HEARTBURN = FIXTURES / "checks" / "heartburn.yaml"


def full_check(path) -> list[str]:
    content, parsed = load_with_positions(path, str(path))
    return [finding.line() for finding in rules.run(content, parsed).findings]


def build_again(path, out, checked_topics) -> tuple[list[str], list[int]]:
    """What a build says, and which topics it checked (before a full check, which counts too)."""
    checked_topics.clear()
    said = build_findings(path, out)
    return said, list(checked_topics)


def build_findings(path, out) -> list[str]:
    content, parsed = load_with_positions(path, str(path))
    return findings.of_build(content, parsed, out, path, str(path))


@pytest.fixture
def checked_topics(monkeypatch):
    """The indexes of the topics the checks ran on."""
    seen = []
    real = rules.topic_findings

    def counting(content, parsed, index, today):
        seen.append(index)
        return real(content, parsed, index, today)

    monkeypatch.setattr(rules, "topic_findings", counting)
    return seen


def copy_of(fixture, tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("fixture", [EVERY_CHECK, HEARTBURN], ids=lambda p: p.stem)
def test_a_first_build_says_what_a_full_check_says(fixture, tmp_path):
    assert build_findings(fixture, tmp_path / "out") == full_check(fixture)


def test_an_edit_to_one_topic_checks_only_that_topic_and_moves_the_others_findings(tmp_path, checked_topics):
    path = copy_of(EVERY_CHECK, tmp_path)
    out = tmp_path / "out"
    build_findings(path, out)
    # Three more lines in the first topic move every finding after them, the other topics' too.
    edit(path, "    summary: >-\n      Cramps are common.",
         "    # a note\n\n    # another\n    summary: >-\n      Cramps are very common.")
    said, checked = build_again(path, out, checked_topics)
    assert checked == [0]
    assert said == full_check(path)
    assert len(said) > 15


def test_an_edit_to_an_original_checks_its_translation_again(tmp_path, checked_topics):
    path = copy_of(EVERY_CHECK, tmp_path)
    out = tmp_path / "out"
    build_findings(path, out)
    # The first topic is checked every time: its old-source findings are placed at its sources.
    edit(path, "      - 抽筋时很痛\n", "      - 抽筋时很痛\n      - 抽筋后腿还痛\n")
    said, checked = build_again(path, out, checked_topics)
    assert checked == [0, 2]
    assert said == full_check(path)
    edit(path, "This leaflet explains night cramps.", "This leaflet explains cramps at night.")
    said, checked = build_again(path, out, checked_topics)
    assert checked == [0, 1, 2]
    assert said == full_check(path)


def test_an_edit_outside_the_topics_checks_every_topic_again_unless_it_changes_no_value(tmp_path, checked_topics):
    path = copy_of(EVERY_CHECK, tmp_path)
    out = tmp_path / "out"
    build_findings(path, out)
    edit(path, "  - id: second\n", "  - id: second\n    # a comment moves the lines below it\n")
    said, checked = build_again(path, out, checked_topics)
    assert checked == [0], "the first topic's old-source findings are placed at its sources, so it is always checked"
    assert said == full_check(path)
    path.write_text("checks:\n  target_grade: 6\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    said, checked = build_again(path, out, checked_topics)
    assert checked == [0, 1, 2]
    assert said == full_check(path)


@pytest.mark.parametrize("entry", [
    ["long-sentence", 1, 1, "summary", "\x1b[2Jcleared"],
    ["long-sentence", "1", 1, "summary", "text"],
    ["long-sentence", 1, None, "summary", "text"],
    ["long-sentence", -40, 1, "summary", "text"],
    ["long-sentence", 1, 1, "summary"],
    "long-sentence",
])
def test_a_saved_finding_not_as_a_build_writes_it_is_ignored_and_the_topic_checked(tmp_path, checked_topics, entry):
    out = tmp_path / "out"
    build_findings(HEARTBURN, out)
    store = out / manifest.CHECKS_FILE
    data = json.loads(store.read_text(encoding="utf-8"))
    data["key"] = "changed"  # as after an edit elsewhere in the file
    data["topics"] = {key: [entry] for key in data["topics"]}
    store.write_text(json.dumps(data), encoding="utf-8")
    said, checked = build_again(HEARTBURN, out, checked_topics)
    assert checked == [0]
    assert said == full_check(HEARTBURN)
