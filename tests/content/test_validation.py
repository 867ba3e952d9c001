"""Loading content.yaml: the model, and every mistake reported at its line."""

from __future__ import annotations

import re
from pathlib import Path

from dataclasses import FrozenInstanceError
import pytest

from leaflets import fonts
from leaflets.content import ContentError, load
from leaflets.content.model import as_json
from tests.conftest import FIXTURES

MISTAKES = sorted((FIXTURES / "mistakes").glob("*.yaml"))


def problems_of(path: Path, name: str = "content.yaml") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(path, name)
    return [str(problem) for problem in caught.value.problems]


def test_seed_content_has_both_articles_as_topics(seed_content):
    chinese = ["leg-cramps-zh", "leg-cramps-middle-aged-women-zh"] if fonts.cjk_font_file() else []
    assert [topic.id for topic in seed_content.topics] == ["leg-cramps", "leg-cramps-middle-aged-women", *chinese]
    assert [source.author for source in seed_content.sources] == ["Dr. Chen Jian", "Dr. Lin Yunfei"]
    assert str(seed_content.sources[0].date) == "2024-11-13"


def test_seed_content_names_every_cause_of_both_articles(seed_content):
    names = " ".join(cause.name for topic in seed_content.topics for cause in topic.causes).lower()
    for term in ["overworked", "cold", "hypocalcemia", "lumbar disc herniation", "diabetic peripheral neuropathy",
                 "bone spurs", "joints, blood vessels and hip"]:
        assert term in names


def test_seed_content_keeps_medicines_out_of_advice_and_warning_signs(seed_content):
    medicines = ["gentongping", "yaotongning", "duhuo", "acarbose", "glimepiride", "gliquidone",
                 "calcium carbonate", "calcium citrate", "risedronate"]
    for topic in seed_content.topics:
        patient_lines = " ".join(topic.advice + topic.warning_signs).lower()
        assert not [m for m in medicines if m in patient_lines]
    doctor_lines = " ".join(c.medical_care or "" for t in seed_content.topics for c in t.causes).lower()
    assert all(m in doctor_lines for m in medicines)


def test_seed_content_drops_the_unsupported_immunity_claim(seed_content):
    assert "immun" not in as_json(seed_content).lower()


def test_model_cannot_be_changed_once_loaded(seed_content):
    with pytest.raises(FrozenInstanceError):
        seed_content.topics[0].title = "Changed"


def test_line_breaks_in_folded_text_become_single_spaces(write_content):
    path = write_content((FIXTURES / "minimal.yaml").read_text().replace(
        "summary: Cramps are common.", "summary: |\n      Cramps are\n      common.   Often."))
    assert load(path).topics[0].summary == "Cramps are common. Often."


@pytest.mark.parametrize("fixture", MISTAKES, ids=[path.stem for path in MISTAKES])
def test_each_mistake_is_reported_at_its_line(fixture):
    expected = [line.removeprefix("# expect: ") for line in fixture.read_text().splitlines() if line.startswith("# expect: ")]
    assert problems_of(fixture) == [f"content.yaml:{line}" for line in expected]


def test_missing_explanation_points_at_its_line():
    [problem] = problems_of(FIXTURES / "mistakes" / "missing-explanation.yaml")
    assert problem.startswith("content.yaml:13:9: topic 'cramps', cause 1: 'explanation' is required")


def test_every_problem_in_a_file_is_reported_together():
    problems = problems_of(FIXTURES / "mistakes" / "wrong-types-and-empty.yaml")
    assert len(problems) == 5
    assert all(re.match(r"content\.yaml:\d+:\d+: ", line) for line in problems)


def test_bytes_that_are_not_utf8_are_pointed_at(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_bytes(b"sources:\n  - id: caf\xe9\n")
    assert problems_of(path) == [
        "content.yaml:2:12: byte 0xe9 is not UTF-8 text; save the file as UTF-8 in your editor"
    ]


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_an_empty_file_says_what_it_needs(write_content, text):
    assert problems_of(write_content(text)) == [
        "content.yaml:1:1: the file is empty; it needs a 'sources:' list and a 'topics:' list"
    ]


def test_a_missing_file_is_named(tmp_path):
    assert problems_of(tmp_path / "nope.yaml", "nope.yaml") == [
        "nope.yaml: no such file; give the content file's path with --content PATH"
    ]


def test_a_folder_given_as_the_content_file_is_named(tmp_path):
    assert problems_of(tmp_path, "content.yaml") == [
        "content.yaml: this is a folder, not a file; give the path of the content .yaml file"
    ]


def test_a_file_that_is_not_a_mapping_says_what_to_write(write_content):
    assert problems_of(write_content("- just\n- a list\n")) == [
        "content.yaml:1:1: the file holds a list, not the fields of a content file; start it with 'sources:' "
        "and 'topics:', each at the start of a line (see docs/content.md)"
    ]


def test_characters_that_would_drive_the_terminal_are_shown_as_codes(write_content):
    text = (FIXTURES / "minimal.yaml").read_text().replace("title: Cramps", "title: Cramps\u202e backwards")
    [line] = problems_of(write_content(text), name="con\x1b[31mtent.yaml")
    assert line.startswith("con\\x1b[31mtent.yaml:8:12: topic 'cramps', title: ")
    assert "'\\u202e' (U+202E)" in line
    assert "\u202e" not in line and "\x1b" not in line


def test_words_yaml_would_turn_into_booleans_stay_text(write_content):
    text = (FIXTURES / "minimal.yaml").read_text().replace("title: Cramps", "title: No")
    assert load(write_content(text)).topics[0].title == "No"


def test_an_alias_bomb_is_refused_without_expanding(write_content):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    problems = problems_of(write_content("\n".join(lines) + "\n"))
    assert problems[0] == "content.yaml:2:10: YAML aliases ('*a0') are not supported; write the text out in full"
    assert len(problems) == 8  # one per anchor, not one per use


@pytest.mark.parametrize("place", ["a repeated field", "a tagged list", "a merge key"])
def test_aliases_in_a_part_reported_for_something_else_are_refused_too(write_content, place):
    # Each part is reported without being read further, but its aliases would be expanded next: with 30 links
    # in the chain rather than 8, that took gigabytes.
    chain = ["&a0 [x, x]"] + [f"&a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    text = {"a repeated field": "title: One\ntitle: [" + ", ".join(chain) + "]\n",
            "a tagged list": "title: !list [" + ", ".join(chain) + "]\n",
            "a merge key": "<<: [" + ", ".join(chain) + "]\n"}[place]
    problems = problems_of(write_content(text))
    assert any(line.startswith("content.yaml:") and "YAML aliases ('*a0') are not supported" in line for line in problems)


def test_an_alias_of_a_field_name_is_refused(write_content):
    text = (FIXTURES / "minimal.yaml").read_text().replace("  - id: cramps", "  - &name id: cramps\n    subtitle: *name")
    problems = problems_of(write_content(text))
    assert any("YAML aliases ('*name') are not supported" in line for line in problems)


def test_an_invisible_control_character_is_pointed_at(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_bytes(b"sources:\n  - id: a\x01b\n")
    assert problems_of(path) == [
        "content.yaml:2:10: the invisible control character U+0001 is not allowed; delete it (retype the text around it)"
    ]


def test_deep_nesting_is_refused_without_a_crash(write_content):
    [problem] = problems_of(write_content("a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert problem.startswith("content.yaml:1:") and "nested too deeply" in problem


def test_characters_checked_without_opening_the_font_are_all_in_the_font():
    from leaflets import fonts

    assert sorted(ch for ch in fonts.COMMON if ord(ch) not in fonts._printable() and not ch.isspace()) == []


def test_loading_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    load(FIXTURES / "minimal.yaml")
    problems_of(FIXTURES / "mistakes" / "missing-explanation.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        load(FIXTURES / "minimal.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()
