"""What was built from what: a small manifest in the output folder, so that a rebuild
makes only the outputs whose inputs changed.

Each output's fingerprint is a hash of everything it is made from: its topic, the
sources it cites, the publisher (and the logo file's bytes), the deck settings and
template for decks, the assets, and the package's own code. Computing it needs no
renderer, so a build where nothing changed does not even import reportlab.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from leaflets import __version__
from leaflets.content import Content, Topic
from leaflets.theme import asset
from leaflets.wording import review_overdue

FILE_NAME = ".leaflets-manifest.json"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint(content: Content, topic: Topic, format_name: str) -> str:
    """A hash of every input of one output."""
    digest = hashlib.sha256()
    for part in _inputs(content, topic, format_name):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _inputs(content: Content, topic: Topic, format_name: str):
    yield __version__
    yield _code_and_assets()
    yield format_name
    yield content.language
    yield topic.model_dump_json()
    yield str(review_overdue(topic))
    yield json.dumps(content.words_to_know(topic))
    for source in content.sources_of(topic):
        yield source.model_dump_json()
    if content.publisher:
        yield content.publisher.model_dump_json()
        if content.publisher.logo:
            yield _file_hash(content.publisher.logo)
    if format_name == "pptx":
        yield content.deck.model_dump_json()
        if content.deck.template:
            yield _file_hash(content.deck.template)


@functools.cache
def _code_and_assets() -> str:
    """One hash of the package's code and assets, so that a change to either rebuilds everything."""
    files = (sorted(_PACKAGE.rglob("*.py")) + sorted(asset("icons").glob("*.svg")) + [asset("deck-template.pptx")]
             + sorted(asset("checks").glob("*.txt")))
    return hashlib.sha256(b"".join(_file_hash(f).encode() for f in files)).hexdigest()


@functools.cache
def _file_hash(path: Path) -> str:
    """A file's hash; a build reads each template or logo once, however many outputs use it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Manifest:
    """Output file name → fingerprint, as last built into one output folder."""

    def __init__(self, folder: Path, entries: dict[str, str]):
        self.folder = folder
        self.entries = entries

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
            entries = {str(k): str(v) for k, v in data.get("outputs", {}).items()}
        except (OSError, ValueError, AttributeError):
            entries = {}  # no manifest yet, or one damaged by hand: rebuild everything
        return cls(folder, entries)

    def is_current(self, name: str, print_: str) -> bool:
        return self.entries.get(name) == print_ and (self.folder / name).is_file()

    def stale(self, expected: set[str]) -> list[Path]:
        """Outputs this manifest built that the content no longer makes."""
        return [self.folder / name for name in sorted(self.entries) if name not in expected
                and (self.folder / name).exists()]

    def write(self) -> None:
        _write_json(self.folder / FILE_NAME, {"version": __version__, "outputs": dict(sorted(self.entries.items()))})


def _write_json(path: Path, data: dict) -> None:
    """Save atomically, like the outputs themselves."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f"{path.stem}.", suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(json.dumps(data, indent=1) + "\n")
    os.replace(name, path)


CHECKS_FILE = ".leaflets-checks.json"


def checks_key(content_file: Path, display_name: str) -> str:
    """What the content checks' findings depend on: the file, the package (its word lists too) and the day."""
    import datetime as dt

    parts = [Path(content_file).read_bytes(), display_name.encode(), _code_and_assets().encode(),
             dt.date.today().isoformat().encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def remembered_findings(folder: Path, key: str) -> list[str] | None:
    """The finding lines saved by the last build with the same inputs, if any."""
    try:
        data = json.loads((folder / CHECKS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("findings"), list):
        return None
    return [str(line) for line in data["findings"]]


def remember_findings(folder: Path, key: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write_json(folder / CHECKS_FILE, {"key": key, "findings": lines})
