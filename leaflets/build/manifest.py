"""What was built from what: a small manifest in the output folder, so that a rebuild
makes only the outputs whose inputs changed.

Each output's entry holds a fingerprint of everything it is made from (its topic, the
sources it cites, the publisher and the logo file's bytes, the deck settings and template
for decks, the assets, and the package's own code) and the hash of the bytes written. An
output is up to date only while both still match, so the manifest never vouches for a file
that was changed, replaced or left half-made since. Computing it needs no renderer, so a
build where nothing changed does not even import reportlab.

The manifest lives in the output folder and is read as untrusted: only entries naming a
file this package could have written there are kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leaflets import __version__
from leaflets.build import folder
from leaflets.theme import asset
from leaflets.formats import SLUG_PATTERN, WRITERS

if TYPE_CHECKING:
    from leaflets.content import Content, Topic

FILE_NAME = ".leaflets-manifest.json"
MAX_BYTES = 10_000_000
"""A manifest larger than this was not written by a build (12,000 outputs take about 2.5 MB) and is ignored;
parsing a hostile one of this size takes under 300 MB."""
_PACKAGE = Path(__file__).resolve().parent.parent  # leaflets/, whose every module and catalogue shapes the outputs
_HASH = re.compile(r"[0-9a-f]{64}")
_OUTPUT_NAME = re.compile(SLUG_PATTERN.strip("^$") + "(" + "|".join(re.escape(w.suffix) for w in WRITERS.values())
                          + ")")


class FileHashes:
    """The hashes of the files a build reads, each file read once per build however many outputs use it.
    Make a new one for every build, so that a file edited since (as --watch sees) is read again."""

    def __init__(self):
        self._known: dict[Path, str] = {}
        self._code: str | None = None
        self.topic_parts: dict[int, tuple[Topic, list[str]]] = {}

    def of(self, path: Path) -> str:
        path = Path(path)
        if path not in self._known:
            self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._known[path]

    def code_and_assets(self) -> str:
        """One hash of the package's code and assets, so that a change to either rebuilds everything."""
        if self._code is None:
            self._code = _code_and_assets()
        return self._code


def code_files() -> list[Path]:
    """The package's modules and language catalogues and the assets the outputs are made with."""
    return (sorted(_PACKAGE.rglob("*.py")) + sorted(_PACKAGE.rglob("*.yaml")) + sorted(asset("icons").glob("*.svg"))
            + sorted(asset("icons/slides").glob("*.png")) + sorted(asset("icons/print").glob("*.json"))
            + [asset("deck-template.pptx"), asset("deck-metrics.json")]
            + sorted(asset("checks").glob("*.txt")))


@functools.cache
def _code_and_assets() -> str:
    # Once per process: the code it runs is the code it loaded, whatever the files say later.
    return hashlib.sha256(b"".join(hashlib.sha256(f.read_bytes()).hexdigest().encode() for f in code_files())).hexdigest()


def fingerprint(content: Content, topic: Topic, format_name: str, hashes: FileHashes | None = None) -> str:
    """A hash of every input of one output."""
    digest = hashlib.sha256()
    for part in _inputs(content, topic, format_name, hashes or FileHashes()):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _inputs(content: Content, topic: Topic, format_name: str, hashes: FileHashes):
    from leaflets.content.model import as_json

    yield __version__
    yield hashes.code_and_assets()
    yield format_name
    known = hashes.topic_parts.get(id(topic))
    if known is None or known[0] is not topic:  # the same for each format of the topic: made once a build
        known = hashes.topic_parts[id(topic)] = (topic, list(_topic_inputs(content, topic, hashes)))
    yield from known[1]
    if format_name == "pptx":
        yield as_json(content.deck)
        if content.deck.template:
            yield hashes.of(content.deck.template)


def _topic_inputs(content: Content, topic: Topic, hashes: FileHashes):
    from leaflets.content.model import as_json
    from leaflets.wording import review_overdue

    yield content.language
    yield as_json(topic)
    yield str(review_overdue(topic))
    yield json.dumps(content.words_to_know(topic))
    for source in content.sources_of(topic):
        yield as_json(source)
    if content.publisher:
        yield as_json(content.publisher)
        if content.publisher.logo:
            yield hashes.of(content.publisher.logo)


def is_output_name(name: str) -> bool:
    """Whether `name` is a file name an output of this package can have: a topic id and a format's suffix,
    so never a path, a hidden file or a name with '..'."""
    return isinstance(name, str) and _OUTPUT_NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class Entry:
    """One output as built: the fingerprint of its inputs, the sha256 of the bytes written, and the file's
    signature (folder.signature) when they were last found to be those bytes."""

    inputs: str
    sha256: str
    signature: tuple[int, ...] | None = None


class Manifest:
    """Output file name → what it was built from and what was written, for one output folder."""

    def __init__(self, folder: Path, entries: dict[str, Entry]):
        self.folder = folder
        self.entries = entries

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        """The folder's manifest; an empty one (rebuild everything) when it is missing, damaged or not
        a plain file. Entries that could not have been written by a build are left out."""
        data = folder.read_json(out_dir / FILE_NAME, MAX_BYTES)
        outputs = data.get("outputs") if isinstance(data, dict) else None
        entries = {}
        for name, entry in (outputs.items() if isinstance(outputs, dict) else ()):
            if is_output_name(name) and isinstance(entry, dict) and all(
                    isinstance(entry.get(key), str) and _HASH.fullmatch(entry[key]) for key in ("inputs", "sha256")):
                entries[name] = Entry(entry["inputs"], entry["sha256"], _signature(entry.get("signature")))
        return cls(out_dir, entries)

    def is_current(self, name: str, inputs: str) -> bool:
        """Whether the output `name` was built from `inputs` and still holds exactly the bytes written then."""
        entry = self.entries.get(name)
        return entry is not None and entry.inputs == inputs and self.holds_what_was_written(name)

    def holds_what_was_written(self, name: str) -> bool:
        """Whether the output still holds the bytes written. A file whose signature is the one recorded when
        those bytes were last found in it has not been written to, renamed or replaced since (the system
        sets the change time on each), so it is not read again; any other is read and hashed, and its new
        signature recorded if it still holds them (a folder copied elsewhere, a file touched)."""
        entry = self.entries.get(name)
        if entry is None:
            return False
        path = self.folder / name
        signature = folder.signature(path)
        if signature is None:
            return False
        if entry.signature == signature:
            return True
        if folder.file_hash(path) != entry.sha256:
            return False
        self.entries[name] = Entry(entry.inputs, entry.sha256, signature)
        return True

    def record(self, name: str, inputs: str, sha256: str, signature: tuple[int, ...] | None = None) -> None:
        self.entries[name] = Entry(inputs, sha256, signature)

    def stale(self, expected: set[str]) -> list[Path]:
        """Outputs this manifest built, still as built, that the content no longer makes. Entries of files
        removed or changed since are forgotten: those files are no longer this package's to remove."""
        stale = []
        for name in sorted(set(self.entries) - expected):
            if self.holds_what_was_written(name):
                stale.append(self.folder / name)
            else:
                del self.entries[name]
        return stale

    def write(self) -> None:
        outputs = {name: {"inputs": entry.inputs, "sha256": entry.sha256, "signature": entry.signature}
                   for name, entry in sorted(self.entries.items())}
        _write_json(self.folder / FILE_NAME, {"version": __version__, "outputs": outputs})


def _write_json(path: Path, data: dict) -> None:
    """Save atomically, like the outputs themselves; compact, as json's C encoder writes it (with an indent it
    would use its Python one, several milliseconds for a large folder's manifest)."""
    folder.write_atomically(path, (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8"))


CHECKS_FILE = ".leaflets-checks.json"


MAX_CHECKS_BYTES = 10_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def checks_key(content_file: Path, display_name: str, hashes: FileHashes | None = None) -> str:
    """What the content checks' findings depend on: the file, the package (its word lists too) and the day."""
    parts = [Path(content_file).read_bytes(), display_name.encode(), (hashes or FileHashes()).code_and_assets().encode(),
             dt.date.today().isoformat().encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def remembered_findings(out_dir: Path, key: str) -> list[str] | None:
    """The finding lines saved by the last build with the same inputs, if any. The file is in the output
    folder, so it counts only if it is plain JSON holding lines of plain text (nothing a terminal obeys)."""
    data = folder.read_json(out_dir / CHECKS_FILE, MAX_CHECKS_BYTES)
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("findings"), list):
        return None
    lines = data["findings"]
    if not all(isinstance(line, str) and not has_control(line) for line in lines):
        return None
    return lines


def has_control(text: str) -> bool:
    """Whether a saved text holds a character a terminal obeys rather than prints."""
    return bool(_CONTROL.search(text))


def remember_findings(out_dir: Path, key: str, lines: list[str], topics: dict[str, list] | None = None) -> None:
    """Save a build's finding lines, and (see build/findings.py) each topic's findings by what they depend on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json(out_dir / CHECKS_FILE, {"key": key, "findings": lines, "topics": topics or {}})


BUILD_FILE = ".leaflets-build.json"
MAX_NAMED_BYTES = 100_000_000
"""A logo or template larger than this is not hashed to recognise a build with nothing changed (the loader
refuses far smaller ones); the build then reads the content as usual."""


@dataclass(frozen=True)
class LastBuild:
    """The last whole build into a folder: a hash of everything it was made from (`key`), the files the
    content named (logo, template), each output asked for with its inputs' fingerprint, in the order
    asked, and the name of every output the content could make."""

    key: str
    named: list[str]
    outputs: list[tuple[str, str]]
    expected: list[str]


def build_key(content_file: Path, display_name: str, options: list, named: list[str],
              read: str | None = None) -> str | None:
    """A hash of everything a whole build reads: the content file and the files it names (by path and
    bytes), the package's code, the options that choose the outputs, the folder it was run from and the day
    (review dates and checks depend on it). None when a named file cannot be read as a plain file, or the
    content file's text is no longer `read`, the text a build read."""
    hashes = FileHashes()
    digest = hashlib.sha256()
    for part in [__version__, hashes.code_and_assets(), os.getcwd(), str(Path(content_file).resolve()), display_name,
                 json.dumps(options), dt.date.today().isoformat(), json.dumps(named)]:
        digest.update(part.encode() + b"\0")
    for name in [content_file, *named]:
        data = _named_file(Path(name))
        if data is None:
            return None
        if read is not None and name is content_file and data.decode("utf-8-sig", "replace") != read:
            return None  # saved again since the build read it
        digest.update(hashlib.sha256(data).hexdigest().encode() + b"\0")
    return digest.hexdigest()


def _named_file(path: Path) -> bytes | None:
    """The bytes of a file the content names, followed through links (as the build reads it) but only a
    plain file of bounded size: the list of named files comes from the output folder."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_NAMED_BYTES:
                return None
            return file.read(MAX_NAMED_BYTES + 1)
        except OSError:
            return None


def last_build(out_dir: Path) -> LastBuild | None:
    """What the folder says its last whole build was; None when missing or not as a build writes it."""
    data = folder.read_json(out_dir / BUILD_FILE, MAX_BYTES)
    if not isinstance(data, dict) or not isinstance(data.get("key"), str):
        return None
    named, outputs, expected = data.get("named"), data.get("outputs"), data.get("expected")
    if not (isinstance(named, list) and all(isinstance(n, str) for n in named)
            and isinstance(outputs, list) and all(isinstance(o, list) and len(o) == 2 and is_output_name(o[0])
                                                  and isinstance(o[1], str) for o in outputs)
            and isinstance(expected, list) and all(is_output_name(e) for e in expected)):
        return None
    return LastBuild(data["key"], named, [tuple(o) for o in outputs], expected)


def remember_build(out_dir: Path, key: str, named: list[str], outputs: list[str], expected: list[str]) -> None:
    """Save what a whole build that has just finished was made from, with each output's fingerprint as the
    manifest holds it."""
    entries = Manifest.read(out_dir).entries
    if not all(name in entries for name in outputs):
        return
    _write_json(out_dir / BUILD_FILE, {"key": key, "named": named,
                                       "outputs": [[name, entries[name].inputs] for name in outputs],
                                       "expected": expected})


def _signature(value) -> tuple[int, ...] | None:
    """A signature as the manifest holds it, or None if it is not one (the file is then hashed)."""
    if isinstance(value, list) and len(value) == 5 and all(type(number) is int and number >= 0 for number in value):
        return tuple(value)
    return None


def still_current(out_dir: Path, build: LastBuild) -> tuple[list[Path], list[Path]] | None:
    """The outputs of `build` and the outputs of removed topics (see Manifest.stale), if the manifest still
    records every output of `build` as it was built then and each still holds the bytes written; else None."""
    state = Manifest.read(out_dir)
    for name, inputs in build.outputs:
        if not state.is_current(name, inputs):
            return None
    count = len(state.entries)
    stale = state.stale(set(build.expected))
    if len(state.entries) != count:  # a build would forget those entries in the manifest
        return None
    return [out_dir / name for name, _ in build.outputs], stale
