"""The mistakes people make typing content.yaml by hand, each reported in their words with the fix,
and YAML's quiet changes to a writer's text, each caught (issue 16)."""

from __future__ import annotations

import pytest

from leaflets.content import ContentError, load
from tests.conftest import FIXTURES

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def only_problem(path) -> str:
    with pytest.raises(ContentError) as caught:
        load(path, "content.yaml")
    [problem] = caught.value.problems
    return str(problem)


def with_line(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


def test_a_tab_indent_is_named_as_a_tab_with_the_fix(write_content):
    path = write_content(with_line("    title: Cramps\n", "    title: Cramps\n\ttitle2: x\n"))
    assert only_problem(path) == (
        "content.yaml:9:1: this line is indented with a tab; YAML needs spaces: replace the tab with spaces "
        "(most editors can be set to type spaces when you press Tab)")


def test_a_tab_after_spaces_is_named_as_a_tab_too(write_content):
    path = write_content(with_line("    summary: Cramps are common.\n", "  \t  summary: Cramps are common.\n"))
    assert only_problem(path).startswith("content.yaml:9:3: this line is indented with a tab;")


def test_an_apostrophe_inside_single_quotes_is_not_called_an_indentation_problem(write_content):
    path = write_content(with_line("      - Keep warm.\n", "      - 'Don't eat late.'\n      - Keep warm.\n"))
    assert only_problem(path) == (
        "content.yaml:17:13: the apostrophe in \"Don't\" ends the text in single quotes early; put the whole text "
        "in double quotes instead (or write the apostrophe twice: '')")


def test_an_apostrophe_inside_single_quotes_in_a_field(write_content):
    path = write_content(with_line("    summary: Cramps are common.", "    summary: 'Cramps don't last.'"))
    assert only_problem(path).startswith("content.yaml:9:25: the apostrophe in \"don't\" ends the text")


def test_curly_quotes_from_a_word_processor_are_named_as_curly(write_content):
    path = write_content(with_line("    title: Cramps", "    title: \u201cHeartburn: the basics\u201d"))
    assert only_problem(path) == (
        "content.yaml:8:12: the text is in curly quotes (\u201c), which YAML does not read as quotes (they come "
        "from word processors); type straight double quotes (\") around the whole text instead")


def test_a_colon_in_a_list_item_says_to_quote_the_item(write_content):
    path = write_content(with_line("      - Keep warm.", "      - Tip: eat smaller meals"))
    assert only_problem(path) == (
        "content.yaml:17:9: topic 'cramps', advice item 1: a ': ' inside a list item makes YAML read 'Tip' as a "
        "field name; put the whole item in double quotes: - \"Tip: eat smaller meals\"")


def test_a_missing_space_after_a_dash_is_named_with_the_line_to_write(write_content):
    path = write_content(with_line("      - Keep warm.", "      - Keep warm.\n      -Rest."))
    assert only_problem(path) == "content.yaml:18:7: a list item needs a space after its '-'; write '- Rest.'"


def test_a_missing_space_after_a_colon_is_named_with_the_line_to_write(write_content):
    path = write_content(with_line("    title: Cramps", "    title:Cramps"))
    assert only_problem(path) == "content.yaml:8:10: a field name needs a space after its ':'; write 'title: Cramps'"


def test_a_web_address_is_not_taken_for_a_missing_space(write_content):
    path = write_content(with_line("    title: Cramps", "    title: Cramps\n    https://example.org"))
    assert "needs a space after its ':'" not in only_problem(path)


def test_locations_count_from_one_and_name_the_topic(write_content):
    path = write_content(with_line("      - Keep warm.", "      - Keep warm.\n      -"))
    assert only_problem(path) == (
        "content.yaml:18:8: topic 'cramps', advice item 2: this is empty; write the text after '- ', or delete "
        "the empty line")


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "true", "False", "1.10", "1e3", "0x1F", "~x"])
def test_words_yaml_would_turn_into_true_or_numbers_stay_as_written(write_content, written):
    path = write_content(with_line("      - Keep warm.", f"      - {written}") .replace("title: Cramps",
                                                                                      f"title: {written}"))
    topic = load(path).topics[0]
    assert (topic.title, topic.advice[0]) == (written, written)


def test_a_comment_after_text_loses_the_words_from_the_leaflet_but_not_from_the_warning(write_content):
    """The loss itself is what the 'comment-in-text' check reports; the text really is cut."""
    from leaflets.checks import rules
    from leaflets.content import load_with_positions

    path = write_content(with_line("      - Keep warm.", "      - Raise the head of your bed #1 tip by 10 to 20 cm."))
    content, parsed = load_with_positions(path, "content.yaml")
    assert content.topics[0].advice[0] == "Raise the head of your bed"
    [finding] = [f for f in rules.run(content, parsed).findings if f.check == "comment-in-text"]
    assert finding.line() == (
        "content.yaml:17:36: warning: topic 'cramps', advice item 1: '#1 tip by 10 to 20 cm.' is left out of the "
        "leaflet: YAML reads ' #' after text as the start of a comment; to keep these words, put the whole text "
        "in double quotes [comment-in-text]")


def test_a_comment_after_a_tab_is_reported_like_one_after_a_space(write_content):
    from leaflets.checks import rules
    from leaflets.content import load_with_positions

    path = write_content(with_line("      - Keep warm.", "      - Raise the head of your bed\t#1 tip"))
    content, parsed = load_with_positions(path, "content.yaml")
    assert content.topics[0].advice[0] == "Raise the head of your bed"
    [finding] = [f for f in rules.run(content, parsed).findings if f.check == "comment-in-text"]
    assert finding.line().startswith("content.yaml:17:36: warning: topic 'cramps', advice item 1: '#1 tip' is left "
                                     "out of the leaflet")


def test_a_curly_apostrophe_inside_a_word_is_not_taken_for_curly_quotes(write_content):
    path = write_content(with_line("    title: Cramps", "    title: Cramps: don\u2019t wait"))
    assert "curly" not in only_problem(path)


@pytest.mark.parametrize("pasted_before", ["topics:", "    title: Cramps"])
def test_a_byte_order_mark_pasted_in_with_other_text_is_named_where_it_is(write_content, pasted_before):
    line_number = MINIMAL.splitlines().index(pasted_before) + 1
    path = write_content(with_line(pasted_before, "\ufeff" + pasted_before))
    assert only_problem(path) == (
        f"content.yaml:{line_number}:1: the invisible character U+FEFF (a byte order mark, left where another file's "
        "text was pasted or joined in) is not allowed here; delete it (retype the start of the line)")


def test_an_unknown_field_in_a_warning_sign_is_named_once_with_the_fields_a_sign_may_have(write_content):
    path = write_content(with_line("      - Cramps that keep coming back\n",
                                   "      - sign: Cramps that keep coming back\n        causes: [1]\n"
                                   "        colour: red\n"))
    assert only_problem(path) == (
        "content.yaml:17:9: topic 'cramps', warning sign 1, colour: unknown field 'colour'; remove it, or use "
        "one of: causes, sign")


def test_a_colon_in_a_warning_sign_says_to_quote_it_rather_than_asking_for_sign_and_causes(write_content):
    path = write_content(with_line("      - Cramps that keep coming back", "      - Note: cramps that keep coming back"))
    assert only_problem(path) == (
        "content.yaml:15:9: topic 'cramps', warning sign 1: a ': ' inside a list item makes YAML read 'Note' as "
        "a field name; put the whole item in double quotes: - \"Note: cramps that keep coming back\"")


def test_a_warning_sign_with_no_causes_points_at_its_empty_list(write_content):
    path = write_content(with_line("      - Cramps that keep coming back\n",
                                   "      - sign: Cramps that keep coming back\n        causes: []\n"))
    assert only_problem(path) == (
        "content.yaml:16:17: topic 'cramps', warning sign 1, causes: this is empty; write 'causes:' followed by "
        "items, each on its own line starting with '- '")


def test_a_list_given_as_a_warning_signs_cause_is_one_line_without_the_validators_names(write_content):
    path = write_content(with_line("      - Cramps that keep coming back\n",
                                   "      - sign: Cramps that keep coming back\n        causes: [[Cold]]\n"))
    assert only_problem(path) == (
        "content.yaml:16:18: topic 'cramps', warning sign 1, cause 1: should be text, not a list; write the text "
        "on one line after the colon")
