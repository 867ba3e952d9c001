"""Read content.yaml into plain data while remembering where every value came from.

Only this module touches YAML. It composes the file with PyYAML's C composer into a
node tree (every node knows its line and column), refuses what PyYAML would accept
silently or dangerously (duplicate keys, object-constructing tags, aliases), and
turns the tree into plain dicts, lists and strings for validation.
"""

from __future__ import annotations

import itertools
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from leaflets.problems import ContentError, Problem, describe

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULL_SPELLINGS = {"", "~", "null", "Null", "NULL"}
# Characters that print as nothing or break a PDF: control characters, halves of a character (a
# lone surrogate) and byte order marks. YAML refuses them typed raw, but lets "\0" or "\ufeff" escapes in.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_MAX_DEPTH = 40
MAX_FILE_BYTES = 10_000_000  # about 30 times the seed's 3000 topics' worth; more is several files' work
MAX_VALUES = 250_000  # fields and items: 10 MB of topics like the seed's hold about 160,000; each costs ~300 bytes

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ':' followed by a space inside text needs the whole text in double quotes"),
    ("cannot start any token", "indent with spaces, not tabs, and put text starting with @ or ` in quotes"),
    ("did not find expected key", "check the indentation: items of one list or mapping must line up"),
    ("did not find expected '-'", "check the indentation: every item of a list starts with '- ' at the same column"),
    ("found undefined alias", "'*' starts a YAML alias; put text starting with '*' in double quotes"),
    ("expected alphabetic or numeric character", "'*' and '&' at the start of a value are YAML syntax; put the text in double quotes"),
    ("found unexpected end of stream", "a quote was opened and not closed"),
    ("found invalid Unicode character escape code", "a \\u or \\U escape must name a real character; type the character itself"),
    ("found unknown escape character", "inside double quotes write a backslash as \\\\, or use single quotes"),
    ("but found another document", "remove the '---' line: the file holds one document"),
)


@dataclass(frozen=True)
class ParsedFile:
    """A parsed content file: its plain data and the node tree that locates it."""

    file: str
    data: Any
    root: yaml.Node
    problems: tuple[Problem, ...] = ()
    text: str = ""

    def problem(self, loc: tuple, message: str, *, at_key: bool = False) -> Problem:
        """A problem about the value at `loc` (or, if it is missing, its parent)."""
        line, column = locate(self.root, loc, at_key=at_key)
        return Problem(self.file, line, column, describe(loc, self.data), message)


def read(path: Path, display_name: str | None = None) -> ParsedFile:
    """Read and parse a content file, or raise ContentError saying what is wrong."""
    name = display_name or str(path)
    text = _read_text(path, name)
    _check_shape(text, name)
    root = _compose(text, name)
    problems, fatal = _check_nodes(root, text, name)
    if fatal:
        raise ContentError(problems)
    return ParsedFile(name, _to_data(root), root, tuple(problems), text)


def _read_text(path: Path, name: str) -> str:
    try:
        raw = _read_bytes(path, name)
    except FileNotFoundError:
        raise ContentError([Problem(name, None, None, "", "no such file; give the content file's path with --content PATH")])
    except IsADirectoryError:
        raise ContentError([Problem(name, None, None, "", "this is a folder, not a file; give the path of the content .yaml file")])
    except OSError as error:
        raise ContentError([Problem(name, None, None, "", f"cannot be read ({error.strerror}); check the file's permissions")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_col(raw[: error.start].decode("utf-8", "replace"))
        raise ContentError([Problem(
            name, line, column, "",
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text; save the file as UTF-8 in your editor",
        )])
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise ContentError([Problem(name, 1, 1, "", "the file is empty; it needs a 'sources:' list and a 'topics:' list")])
    return text


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, refused unread if it is not a regular file (opening a pipe waits forever) or too large."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        raise ContentError([Problem(name, None, None, "", "is not a regular file (it is a device, pipe or socket); "
                                                          "give the path of the content .yaml file")])
    with path.open("rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw)) / 1e6
        raise ContentError([Problem(name, None, None, "", f"is {size:.1f} MB, more than the "
                                                          f"{MAX_FILE_BYTES / 1e6:.0f} MB a content file may be; "
                                                          "split its topics into several content files")])
    return raw


def _line_col(before: str) -> tuple[int, int]:
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _check_shape(text: str, name: str) -> None:
    """Refuse deep nesting and too many values before composing: PyYAML's composer recurses once per
    level (50,000 '[' crash the process) and keeps every value in memory. The parser that feeds it is
    a loop, so walking its events first is safe, and stops at the first level too deep. Most files are
    shown to be within both limits by counting characters (a fifth of the walk's time), and not walked."""
    if _surely_within_limits(text):
        return
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            values += 1
            if depth > _MAX_DEPTH:
                raise _shape_problem(name, event, "nested too deeply; this file needs only a few levels of lists "
                                                  "and fields")
            if values > MAX_VALUES:
                raise _shape_problem(name, event, f"the file holds more than {MAX_VALUES:,} values (fields and "
                                                  "list items); split its topics into several content files")
            depth += isinstance(event, yaml.CollectionStartEvent)
    except yaml.YAMLError:
        pass  # reported with its place and a hint by _compose, which meets the same error first


_RARE_LINE_BREAKS = "\r\x85\u2028\u2029"
# What may come before a block list or mapping on its line: blanks and - ? : (a file with a byte order mark is
# walked instead).
_LINE_START = re.compile("\n([ \t?:-]*)")
_LINE_START_AFTER_ANY_BREAK = re.compile("[\n\r\x85\u2028\u2029]([ \t?:-]*)")
_BLANKS = re.compile("[ \t]+")


def _surely_within_limits(text: str) -> bool:
    """Whether `text` can hold at most MAX_VALUES values and nest at most _MAX_DEPTH levels, judged from
    counts of characters; False means only that the events must be walked to know.

    Values: each value's first token is the first on its line or follows one of - ? : , [ { (or a
    '...' line), and the values without a token of their own (collections' starts, empty values) each
    need one of those characters; no character is used more than four times over.
    Depth: flow collections ([ {, and the one-pair mappings inside a flow list) are at most two per '['
    or '{'. Block collections are opened at the first token of a line or at one following only - ? :
    and blanks on its line, and each one open is indented further than the last (or is a list at its
    mapping's own indentation): so at most two per column such a token can start at."""
    if "\ufeff" in text:
        return False  # the parser skips byte order marks where the counts below would not (three at the start)
    rare_breaks = any(map(text.__contains__, _RARE_LINE_BREAKS))
    if _most_values(text, rare_breaks) > MAX_VALUES:
        return False
    at_most = _MAX_DEPTH // 2 - text.count("[") - text.count("{")
    return at_most >= 0 and len(_block_columns(text, rare_breaks, at_most)) <= at_most


def _most_values(text: str, rare_breaks: bool) -> int:
    """The most values (YAML nodes) `text` can hold."""
    lines = 1 + text.count("\n") + (sum(map(text.count, _RARE_LINE_BREAKS)) if rare_breaks else 0)
    return lines + text.count("...") + 4 * sum(map(text.count, "-?:,[{"))


def _block_columns(text: str, rare_breaks: bool, at_most: int) -> set[int]:
    """The columns at which a block list or mapping could start (where a token follows only blanks and
    - ? : on its line, right after a blank, or at the line's start), or more than `at_most` of them."""
    line_start = _LINE_START_AFTER_ANY_BREAK if rare_breaks else _LINE_START
    columns = {0}
    for run in set(line_start.findall("\n" + text)):
        columns.update(blanks.end() for blanks in itertools.islice(_BLANKS.finditer(run), at_most + 1))
        if len(columns) > at_most:
            break
    return columns


def _shape_problem(name: str, event: yaml.Event, message: str) -> ContentError:
    mark = event.start_mark
    return ContentError([Problem(name, mark.line + 1, mark.column + 1, "", message)])


def _compose(text: str, name: str) -> yaml.Node:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text[: error.position])
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise ContentError([Problem(
            name, line, column, "",
            f"the invisible control character U+{code:04X} is not allowed; delete it (retype the text around it)",
        )])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "invalid YAML").strip()
        known = _common_mistake(text, error)
        if known:
            line, column, message = known
            raise ContentError([Problem(name, line, column, "", message)])
        hint = next((h for key, h in _SYNTAX_HINTS if key in problem), "check the line for a missing quote, colon or indentation")
        raise ContentError([Problem(
            name, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "",
            f"this is not valid YAML ({problem}); {hint}",
        )])
    except yaml.YAMLError as error:
        raise ContentError([Problem(name, 1, 1, "", f"this is not valid YAML ({error})")])


# A curly quote opening a value (a curly apostrophe inside a word is just a letter, and prints well).
_CURLY_QUOTES = re.compile("(?:^|[:-][ ]++)([\u201c\u201d\u2018\u2019\u201e\u201f])")
_APOSTROPHE_IN_SINGLE_QUOTES = re.compile(r"(?:^|[:-][ ]++)'([^'\n]*+)'(\w++)")
_NO_SPACE_AFTER_DASH = re.compile(r"^[ ]*+-(?=[^\s-])")
_NO_SPACE_AFTER_COLON = re.compile(r"^[ ]*+(?:-[ ]++)?+([A-Za-z_]++):(?=[^\s/])(\S*+)")


def _common_mistake(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """The usual slips of someone typing YAML by hand, found on the lines the parser stopped at, each with
    its fix in plain words: (line, column, message), or None for anything else."""
    lines = text.splitlines()
    marks = [m for m in (error.context_mark, error.problem_mark) if m is not None]
    numbers = sorted({m.line for m in marks} | {m.line - 1 for m in marks if m.line > 0})
    for number in numbers:
        line = lines[number] if number < len(lines) else ""
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return (number + 1, line.index("\t") + 1, "this line is indented with a tab; YAML needs spaces: replace "
                    "the tab with spaces (most editors can be set to type spaces when you press Tab)")
        if curly := _CURLY_QUOTES.search(line):
            return (number + 1, curly.start(1) + 1, f"the text is in curly quotes ({curly.group(1)}), which YAML does "
                    "not read as quotes (they come from word processors); type straight double quotes (\") around "
                    "the whole text instead")
        if apostrophe := _APOSTROPHE_IN_SINGLE_QUOTES.search(line):
            word = apostrophe.group(1).split()[-1] if apostrophe.group(1).split() else ""
            return (number + 1, apostrophe.end(1) + 1, f"the apostrophe in \"{word}'{apostrophe.group(2)}\" ends the "
                    "text in single quotes early; put the whole text in double quotes instead (or write the "
                    "apostrophe twice: '')")
    for number in numbers:
        line = lines[number] if number < len(lines) else ""
        if _NO_SPACE_AFTER_DASH.search(line):
            dash = line.index("-")
            return (number + 1, dash + 1, f"a list item needs a space after its '-'; write "
                    f"'- {line[dash + 1:].strip()}'")
        if colon := _NO_SPACE_AFTER_COLON.search(line):
            return (number + 1, colon.end(1) + 1, f"a field name needs a space after its ':'; write "
                    f"'{colon.group(1)}: {line[colon.end(1) + 1:].strip()}'")
    if "\ufeff" in text:  # the parser stops where the text stops making sense, often lines after the mark
        return (*_line_col(text[: text.index("\ufeff")]), "the invisible character U+FEFF (a byte order mark, left "
                "where another file's text was pasted or joined in) is not allowed here; delete it (retype the "
                "start of the line)")
    return None


def _check_nodes(root: yaml.Node, text: str, name: str) -> tuple[list[Problem], bool]:
    """Problems PyYAML would let through (duplicate keys, tags, aliases, odd keys), and
    whether they are fatal: aliases and deep nesting stop reading before the tree is
    expanded, since an alias can make a small file expand into gigabytes."""
    seen: set[int] = set()
    aliased = deep = invisible = False
    ids = _ids_for_places(root)

    def at(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def mark_shared(*nodes: yaml.Node) -> None:
        """Find aliases in a part that `walk` reports without walking (a tagged value, a repeated or odd key):
        the tree is expanded next, and one alias of an alias of … there could fill the memory."""
        nonlocal aliased
        stack = list(nodes)
        while stack and not aliased:
            node = stack.pop()
            if id(node) in seen:
                aliased = True
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                stack.extend(part for pair in node.value for part in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)

    def walk(node: yaml.Node, loc: tuple, depth: int):
        nonlocal aliased, deep, invisible
        if id(node) in seen:
            aliased = True
            return
        seen.add(id(node))
        if depth > _MAX_DEPTH:
            deep = True
            yield Problem(name, *at(node), describe(loc, ids), "nested too deeply; this file needs only a few levels of lists and fields")
            return
        if node.tag not in _PLAIN_TAGS:
            yield Problem(name, *at(node), describe(loc, ids), f"the YAML tag '{node.tag}' is not allowed here; remove it and write plain text")
            if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                mark_shared(*(part for item in node.value for part in (item if isinstance(item, tuple) else (item,))))
            return
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "<<":
                    yield Problem(name, *at(key), describe(loc, ids), "YAML merge keys ('<<') are not supported; write the fields out")
                    mark_shared(value)
                    continue
                if not isinstance(key, yaml.ScalarNode) or key.tag not in _PLAIN_TAGS:
                    yield Problem(name, *at(key), describe(loc, ids), "a field name must be a plain word such as 'title'")
                    mark_shared(key, value)
                    continue
                if id(key) in seen:  # a field name with an anchor, used as a value elsewhere
                    aliased = True
                seen.add(id(key))
                if key.value in first_seen:
                    first_line = first_seen[key.value].start_mark.line + 1
                    yield Problem(
                        name, *at(key), describe(loc, ids),
                        f"'{key.value}' appears twice in this mapping (first on line {first_line}); "
                        "keep one and delete the other, or the first text would be lost",
                    )
                    mark_shared(value)
                    continue
                first_seen[key.value] = key
                yield from walk(value, loc + (key.value,), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, loc + (index,), depth + 1)
        elif found := _INVISIBLE.search(node.value):
            invisible = True
            yield Problem(name, *at(node), describe(loc, ids), f"the invisible control character "
                                                             f"U+{ord(found.group()):04X} is not allowed; delete it "
                                                             "(retype the text around it)")

    problems = list(walk(root, (), 0))
    if aliased:
        problems += _alias_problems(text, name)
    return problems, aliased or deep or invisible


_COMMENT_AFTER = re.compile(r"[ \t]++#([^\n]*+)")


def comments_after_text(parsed: ParsedFile):
    """Comments YAML took from the end of unquoted text: `advice: Raise the bed #1 tip` keeps only "Raise the
    bed". Yields (loc, line, column of the '#', the words dropped) for every plain text value followed by one."""
    def walk(node: yaml.Node, loc: tuple):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield from walk(value, loc + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, loc + (index,))
        elif not node.style and node.value and node.tag == "tag:yaml.org,2002:str":
            comment = _COMMENT_AFTER.match(parsed.text, node.end_mark.index)
            if comment:
                hash_at = comment.start(1) - 1
                yield loc, node.end_mark.line + 1, hash_at - parsed.text.rfind("\n", 0, hash_at), comment.group(1).strip()

    text = parsed.text
    if "#" in text and (" #" in text or "\t#" in text):  # else nothing is: the walk took 2 ms in 100 topics
        yield from walk(parsed.root, ())


def _ids_for_places(root: yaml.Node) -> dict:
    """Just the ids of the sources and topics, read from the nodes, to name places before the tree is data."""
    found: dict = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode):
                found[key.value] = [
                    {"id": k[1].value for k in [_keys(item).get("id")] if k and isinstance(k[1], yaml.ScalarNode)}
                    if isinstance(item, yaml.MappingNode) else None for item in value.value]
    return found


def _alias_problems(text: str, name: str):
    """One problem per anchor, at its first use."""
    reported: set[str] = set()
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.anchor not in reported:
            reported.add(event.anchor)
            mark = event.start_mark
            yield Problem(
                name, mark.line + 1, mark.column + 1, "",
                f"YAML aliases ('*{event.anchor}') are not supported; write the text out in full",
            )


def _to_data(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        # A key that is not plain text (a list, say) has been reported already; its value is left out.
        return {key.value: _to_data(value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item) for item in node.value]
    if node.tag == "tag:yaml.org,2002:null" and node.value in _NULL_SPELLINGS:
        return None
    # Every scalar stays text: the schema is text, and "NO" or "1.10" must not turn into False or 1.1.
    return node.value


def locate(root: yaml.Node, loc: tuple, *, at_key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `loc`, or of the nearest parent that exists.

    With `at_key`, point at the key naming the value instead (for unknown or duplicate fields).
    An empty value points at its key, since the empty value has no text of its own.
    """
    node, key_node = root, None
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        key_node, node = child
    mark_node = node
    if key_node is not None and (at_key or _is_empty(node)):
        mark_node = key_node
    return mark_node.start_mark.line + 1, mark_node.start_mark.column + 1


def _child(node: yaml.Node, part: str | int):
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return _keys(node).get(part)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The mapping's first (key, value) under each name, made once: a search through the keys for every
    problem took 22 s for a file of 20,000 unknown fields."""
    index = getattr(node, "_first_by_key", None)
    if index is None:
        index = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                index.setdefault(key.value, (key, value))
        node._first_by_key = index
    return index


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.value in _NULL_SPELLINGS
