"""Build outputs from the content model, all or nothing.

Each writer renders into a temporary file inside the output folder; only when every
output is complete are they renamed into place, so a failure leaves the previous
leaflets and decks exactly as they were.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from leaflets import manifest

from leaflets.content import Content, Topic
from leaflets.writers import WRITERS


def output_path(out_dir: Path, topic: Topic, format_name: str) -> Path:
    return out_dir / f"{topic.id}{WRITERS[format_name].suffix}"


@dataclass
class Report:
    """What a build did: outputs written, outputs already up to date, and outputs of removed topics."""

    written: list[Path] = field(default_factory=list)
    current: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)


def update(content: Content, topics: list[Topic], formats: list[str], out_dir: Path,
           force: bool = False, prune: bool = False) -> Report:
    """Build the outputs whose inputs changed since the last build (all of them with `force`),
    record them in the folder's manifest, and find (with `prune`, remove) outputs of removed topics."""
    out_dir.mkdir(parents=True, exist_ok=True)
    state = manifest.Manifest.read(out_dir)
    report = Report()
    todo = []
    for topic in topics:
        for format_name in formats:
            target = output_path(out_dir, topic, format_name)
            print_ = manifest.fingerprint(content, topic, format_name)
            if not force and state.is_current(target.name, print_):
                report.current.append(target)
            else:
                todo.append((topic, format_name, print_))
    report.written = build_outputs(content, [(topic, name) for topic, name, _ in todo], out_dir)
    for (_, _, print_), target in zip(todo, report.written):
        state.entries[target.name] = print_
    expected = {output_path(out_dir, topic, name).name for topic in content.topics for name in WRITERS}
    report.stale = state.stale(expected)
    if prune:
        for path in report.stale:
            for picture in path.parent.glob(f"{path.stem}-page*.png"):
                picture.unlink()
            path.unlink()
            del state.entries[path.name]
        report.pruned, report.stale = report.stale, []
    state.write()
    return report


def build(content: Content, topics: list[Topic], formats: list[str], out_dir: Path) -> list[Path]:
    """Write every format of every topic into `out_dir`; return the paths written."""
    return build_outputs(content, [(topic, name) for topic in topics for name in formats], out_dir)


def build_outputs(content: Content, outputs: list[tuple[Topic, str]], out_dir: Path) -> list[Path]:
    """Write each (topic, format) into `out_dir`, all or nothing; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    finished: list[tuple[Path, Path]] = []
    try:
        for topic, format_name in outputs:
            target = output_path(out_dir, topic, format_name)
            temporary = _temporary_beside(target)
            finished.append((temporary, target))
            WRITERS[format_name].write(content, topic, temporary)
    except BaseException:
        for temporary, _ in finished:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in finished:
        os.replace(temporary, target)
    return [target for _, target in finished]


def _temporary_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f"{target.suffix}.part")
    os.close(handle)
    os.chmod(name, 0o666 & ~_UMASK)  # mkstemp makes private files; outputs are for sharing
    return Path(name)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
