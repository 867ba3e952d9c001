"""Reading skips work it can prove is not needed: the walk over the parser's events when counting characters shows
the file within the limits of depth and size, and the search of every value for characters the font lacks when no
character of the file is one. Each must leave every problem as the full work finds it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets.content import ContentError, load, loader
from leaflets.content import validate
from tests.conftest import FIXTURES, ROOT

DEEP = "nested too deeply; this file needs only a few levels of lists and fields"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def problems_of(path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(path, "content.yaml")
    return [str(problem) for problem in caught.value.problems]


def ladder(levels: int, brackets: int = 0, line_break: str = "\n") -> str:
    """A mapping holding a list holding a mapping ..., two more spaces in on each line: two levels per column,
    the most a counting of columns allows; then `brackets` flow lists around the last value."""
    lines = ["k0:"] + [f"{'  ' * (level - 1)}- k{level}:" for level in range(1, levels)]
    return line_break.join(lines) + " " + "[" * brackets + "x" + "]" * brackets + "\n"


@pytest.mark.parametrize("text", [ladder(20), ladder(10, brackets=10), ladder(11, brackets=9)],
                         ids=["forty-block-levels", "block-and-flow", "block-and-more-flow"])
def test_a_file_nested_right_up_to_the_limit_is_read(write_content, text):
    assert not [problem for problem in problems_of(write_content(text)) if DEEP in problem]


@pytest.mark.parametrize("text, where", [
    (ladder(21), "21:41"),
    (ladder(21, line_break="\r\n"), "21:41"),
    (ladder(21, line_break="\r"), "21:41"),
    (ladder(21, line_break="\u2028"), "21:41"),
    (ladder(16, brackets=10), "16:46"),
    ("- " * 41 + "x", "1:83"),
], ids=["one-level-over", "windows-lines", "old-mac-lines", "unicode-lines", "flow-lists-over", "one-line"])
def test_a_file_nested_one_level_over_the_limit_is_refused_where_it_goes_over(tmp_path, text, where):
    path = tmp_path / "content.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert problems_of(path) == [f"content.yaml:{where}: {DEEP}"]


def test_nesting_behind_byte_order_marks_is_refused_rather_than_crashing_the_reader(tmp_path):
    # The parser skips byte order marks at the start, which counting characters took for text; 30,000 levels
    # behind three of them then reached PyYAML's recursive composer, which crashed the process.
    path = tmp_path / "content.yaml"
    path.write_bytes(("\ufeff" * 3 + "- " * 30_000 + "x\n").encode("utf-8"))
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--content", str(path), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].endswith(f"content.yaml:1:84: {DEEP}")


def events_of(text: str) -> tuple[int, int]:
    """The values and the deepest level the parser reads in `text`, up to its first error, as the walk counts."""
    values = depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=loader._Loader):
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent):
                values, deepest = values + 1, max(deepest, depth)
                depth += isinstance(event, yaml.CollectionStartEvent)
    except yaml.YAMLError:
        pass
    return values, deepest


PIECES = ["- ", "? ", ": ", "k: ", "- k: ", "-", ":", ",", ", ", "[", "]", "{", "}", "a", "'q'", '"d"', "&x ", "*x",
          "!t ", "|", ">", " ", "  ", "\t", "#c", "---", "...", "\ufeff", "x: y: z"]
LINES = st.lists(st.tuples(st.integers(0, 9), st.lists(st.sampled_from(PIECES), max_size=8)), min_size=1, max_size=30)


@settings(max_examples=400, deadline=None)
@given(LINES, st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85"]))
def test_counting_characters_never_finds_fewer_values_or_levels_than_the_parser(lines, line_break):
    text = line_break.join(" " * indent + "".join(pieces) for indent, pieces in lines)
    if "\ufeff" in text:
        assert not loader._surely_within_limits(text)  # walked, whatever the counts say
        return
    values, deepest = events_of(text)
    rare_breaks = line_break != "\n"
    assert values <= loader._most_values(text, rare_breaks)
    flow = text.count("[") + text.count("{")
    assert deepest <= 2 * (flow + len(loader._block_columns(text, rare_breaks, at_most=10**6)))


def test_a_character_the_font_lacks_is_found_even_when_written_as_an_escape(write_content):
    path = write_content(MINIMAL.replace("Cramps are common.", '"Cramps are common \\U0001F600."'))
    assert problems_of(path) == [
        "content.yaml:9:14: topic 'cramps', summary: the leaflet font cannot print '\U0001F600' (U+1F600); it would "
        "show as an empty box. Remove it or say it in words (the font covers Latin-script languages)"]


@pytest.mark.parametrize("path", [ROOT / "content.yaml", *sorted(FIXTURES.rglob("*.yaml"))], ids=lambda path: path.name)
def test_skipping_the_search_for_unprintable_characters_finds_what_searching_every_value_finds(path, monkeypatch):
    try:
        parsed = loader.read(path, "content.yaml")
    except ContentError:
        return
    found = [str(problem) for problem in validate._unprintable_problems(parsed)]
    monkeypatch.setattr(validate, "_prints_every_character", lambda text: False)
    assert [str(problem) for problem in validate._unprintable_problems(parsed)] == found
