"""The checks' findings for a build, remembered in the output folder topic by topic, so that an edit to
one topic runs the checks on that topic only; the others' findings are said from what was saved, moved to
the lines their topics now start on.

A topic's saved findings are used only while everything they were found from is the same: the package (its
word lists too), the day, the content file's name, everything in the content outside the topics, the
topic's place in the list, its text exactly as written (so each finding's place within it is the same),
and for a translation the topic it translates. A topic with a finding placed outside its own lines (an old
source is placed at the source) is checked again each time. The file lives in the output folder and is read as untrusted: an
entry that is not exactly as a build writes it is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from leaflets.build import folder, manifest
from leaflets.checks import rules
from leaflets.checks.rules import Finding
from leaflets.content import Content
from leaflets.content.model import as_json
from leaflets.content.loader import ParsedFile
from leaflets.problems import Problem


def of_build(content: Content, parsed: ParsedFile, out_dir: Path, content_file: Path, display_name: str) -> list[str]:
    """The checks' warnings for a build, as --check prints them."""
    key = manifest.checks_key(content_file, display_name)
    lines = manifest.remembered_findings(out_dir, key)
    if lines is not None:
        return lines
    saved = _saved_topics(out_dir)
    today = dt.date.today()
    common = _common_key(content, parsed, today)
    findings = rules.comment_findings(content, parsed)
    remembered = {}
    for index, node in enumerate(_topic_nodes(parsed)):
        start, end = node.start_mark.line + 1, node.end_mark.line + 1
        topic_key = _topic_key(common, content, parsed, index, node)
        if topic_key in saved:
            found = [_finding(entry, start, parsed.file) for entry in saved[topic_key]]
        else:
            found = rules.topic_findings(content, parsed, index, today)
        if all(f.problem.line is not None and start <= f.problem.line <= end for f in found):
            remembered[topic_key] = [_entry(finding, start) for finding in found]
        findings += found
    lines = [finding.line() for finding in rules.in_order(findings)]
    try:
        manifest.remember_findings(out_dir, key, lines, remembered)
    except OSError:
        pass  # the build itself reports an output folder it cannot write to
    return lines


def _topic_nodes(parsed: ParsedFile) -> list[yaml.Node]:
    for key, value in parsed.root.value:
        if key.value == "topics":
            return value.value
    return []


def _common_key(content: Content, parsed: ParsedFile, today: dt.date) -> bytes:
    parts = [manifest.FileHashes().code_and_assets(), today.isoformat(), parsed.file,
             as_json(content, leave_out=("topics",))]
    return "\0".join(parts).encode()


def _topic_key(common: bytes, content: Content, parsed: ParsedFile, index: int, node: yaml.Node) -> str:
    # The loader refuses YAML aliases, so everything in a topic is written between its start and end.
    begin, end = node.start_mark.index, node.end_mark.index
    topic = content.topics[index]
    original = content.topic(topic.translation_of) if getattr(topic, "translation_of", None) else None
    digest = hashlib.sha256(common)
    for part in [str(index), str(node.start_mark.column), parsed.text[begin:end],
                 as_json(original) if original else ""]:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _entry(finding: Finding, start: int) -> list:
    p = finding.problem
    return [finding.check, p.line - start, p.column, p.path, p.message]


def _finding(entry: list, start: int, file: str) -> Finding:
    check, offset, column, path, message = entry
    return Finding(check, Problem(file, start + offset, column, path, message))


def _saved_topics(out_dir: Path) -> dict[str, list]:
    data = folder.read_json(out_dir / manifest.CHECKS_FILE, manifest.MAX_CHECKS_BYTES)
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, dict):
        return {}
    return {key: entries for key, entries in topics.items()
            if isinstance(entries, list) and all(map(_is_entry, entries))}


def _is_entry(entry) -> bool:
    return (isinstance(entry, list) and len(entry) == 5
            and all(isinstance(entry[i], str) and not manifest.has_control(entry[i]) for i in (0, 3, 4))
            and all(type(entry[i]) is int and 0 <= entry[i] < 10_000_000 for i in (1, 2)))

