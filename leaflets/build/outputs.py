"""Build outputs from the content model, all or nothing.

Each writer renders into a temporary file inside the output folder; only when every
output is complete are they renamed into place, so a failure while rendering leaves the
previous leaflets and decks exactly as they were. Outputs are rendered in worker processes
when there are several to make; each is the same file whichever process made it.

`update` holds the output folder's lock while it works, so two builds into one folder take
turns; it removes what killed builds left, and records each output in the manifest only
once it is in place, with the hash of its bytes.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from leaflets.build import folder, manifest, workers

from leaflets.content import Content, Topic
from leaflets.problems import OutputError
from leaflets.formats import WRITERS
from leaflets.build.workers import Progress



def output_path(out_dir: Path, topic: Topic, format_name: str) -> Path:
    """Where an output goes: always a file directly inside `out_dir`, whatever the topic id says."""
    name = f"{topic.id}{WRITERS[format_name].suffix}"
    # A path elsewhere (on Windows, "c:x" is one too, on drive C), or a hidden file.
    if "/" in name or "\\" in name or ":" in name or name.startswith("."):
        raise OutputError(f"topic id '{topic.id}' cannot be used as a file name; use lower-case letters, "
                          "digits and hyphens")
    return out_dir / name


@dataclass
class Report:
    """What a build did: outputs written, outputs already up to date, and outputs of removed topics."""

    written: list[Path] = field(default_factory=list)
    current: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)


class Stopped(Exception):
    """A build stopped by a failure to write (`cause`, an OSError), a worker killed (workers.WorkerLost) or by
    Ctrl+C (a KeyboardInterrupt), after putting the outputs in `written` in place; every other output is as it was."""

    def __init__(self, cause: BaseException, written: list[Path]):
        super().__init__(str(cause))
        self.cause = cause
        self.written = written


def update(content: Content, topics: list[Topic], formats: list[str], out_dir: Path,
           force: bool = False, prune: bool = False, jobs: int = 1, progress: Progress | None = None,
           beside: Callable[[], object] | None = None) -> Report:
    """Build the outputs whose inputs changed since the last build (all of them with `force`),
    record them in the folder's manifest, and find (with `prune`, remove) outputs of removed topics.
    `beside` is called once: while the outputs render (see `render`) when they are few, else before the
    workers start, so that what it holds is not added to the workers' peak memory.
    Raises Stopped when writing fails or is interrupted; the manifest then still tells the truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with folder.locked(out_dir):
        folder.remove_leftovers(out_dir)
        state = manifest.Manifest.read(out_dir)
        hashes = manifest.FileHashes()
        report = Report()
        todo = []
        for topic in topics:
            for format_name in formats:
                target = output_path(out_dir, topic, format_name)
                inputs = manifest.fingerprint(content, topic, format_name, hashes)
                if not force and state.is_current(target.name, inputs):
                    report.current.append(target)
                else:
                    todo.append((topic, format_name, inputs))
        temporaries: list[Path] = []
        try:
            if beside and len(todo) > BESIDE_AT_MOST * jobs:
                beside()
                beside = None
            temporaries = render(content, [(topic, name) for topic, name, _ in todo], out_dir, jobs, progress,
                                 beside)
            with _interrupts_held():
                try:
                    for (topic, format_name, inputs), temporary in zip(todo, temporaries):
                        target = output_path(out_dir, topic, format_name)
                        written = folder.file_hash(temporary)
                        _put_in_place(temporary, target)
                        state.record(target.name, inputs, written, folder.signature(target))
                        report.written.append(target)
                except BaseException:
                    with suppress(OSError):  # if even this fails, the old manifest's hashes disown the new files
                        state.write()
                    raise
                finally:
                    _remove(temporaries)
                expected = {output_path(out_dir, topic, name).name for topic in content.topics for name in WRITERS}
                report.stale = state.stale(expected)
                if prune:
                    report.pruned, report.stale = [_remove_output(path) for path in report.stale], []
                    for path in report.pruned:
                        del state.entries[path.name]
                state.write()
        except (OSError, KeyboardInterrupt, workers.WorkerLost) as error:
            _remove(temporaries)
            raise Stopped(error, report.written) from error
    return report


BESIDE_AT_MOST = 4
"""Outputs per worker up to which `update` calls `beside` while they render. The content checks take a
third of a second for 100 topics, which is most of the time of a build that renders a few outputs; when
it renders many, it is a small share, and run before the workers it keeps 40 MB off the peak at 500 topics."""


def _put_in_place(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as error:
        error.filename = str(target)  # the user knows the output, not our temporary file
        error.filename2 = None
        raise


def _remove_output(path: Path) -> Path:
    """Remove an output and its preview pictures; `path` is a plain file named as an output (see Manifest)."""
    for picture in path.parent.glob(f"{path.stem}-page*.png"):
        if picture.stem.removeprefix(f"{path.stem}-page").isdigit():
            with suppress(IsADirectoryError):
                picture.unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    return path


def build(content: Content, topics: list[Topic], formats: list[str], out_dir: Path) -> list[Path]:
    """Write every format of every topic into `out_dir`; return the paths written."""
    return build_outputs(content, [(topic, name) for topic in topics for name in formats], out_dir)


def build_outputs(content: Content, outputs: list[tuple[Topic, str]], out_dir: Path, jobs: int = 1,
                  progress: Progress | None = None) -> list[Path]:
    """Write each (topic, format) into `out_dir`, all or nothing, in up to `jobs` processes;
    return the paths written, in the order asked. Keeps no manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    temporaries = render(content, outputs, out_dir, jobs, progress)
    targets = [output_path(out_dir, topic, format_name) for topic, format_name in outputs]
    try:
        for temporary, target in zip(temporaries, targets):
            _put_in_place(temporary, target)
    finally:
        _remove(temporaries)
    return targets


def render(content: Content, outputs: list[tuple[Topic, str]], out_dir: Path, jobs: int = 1,
           progress: Progress | None = None, beside: Callable[[], object] | None = None) -> list[Path]:
    """Render each (topic, format) into a temporary file in `out_dir`, in up to `jobs` processes, and
    return those files in the order asked; on any failure, or Ctrl+C, none of them is left behind.
    `beside` is called once before the first output is reported to `progress`: while the workers render,
    or first when there are none."""
    targets = [output_path(out_dir, topic, format_name) for topic, format_name in outputs]
    _refuse_shared_names(outputs, targets)
    temporaries: list[Path] = []
    try:
        with _interrupts_held():  # a Ctrl+C between making a file and noting it would leave the file behind
            for target in targets:
                temporaries.append(folder.temporary_beside(target))
        work = list(zip(outputs, temporaries))
        if not workers.render_on_standby(content, work, progress, beside):
            _render_started_here(content, work, jobs, progress, beside)
    except OSError as error:
        _remove(temporaries)
        named = dict(zip(map(str, temporaries), map(str, targets)))
        if error.filename in named:
            error.filename = named[error.filename]  # the user knows the output, not our temporary file
        raise
    except BaseException:
        _remove(temporaries)
        raise
    return temporaries


def _render_started_here(content: Content, work: list, jobs: int, progress: Progress | None,
                         beside: Callable[[], object] | None) -> None:
    """`work` rendered by workers forked now, or in this process when one job or one output is asked for."""
    if jobs > 1 and len(work) > 1:
        workers.render(content, work, min(jobs, len(work)), progress, beside)
        return
    if beside:
        beside()
    for done, ((topic, format_name), temporary) in enumerate(work, start=1):
        workers.write(content, topic, format_name, temporary)
        if progress:
            progress(done, len(work), topic, format_name)


def _remove(temporaries: list[Path]) -> None:
    for temporary in temporaries:
        temporary.unlink(missing_ok=True)


def _refuse_shared_names(outputs: list[tuple[Topic, str]], targets: list[Path]) -> None:
    """Two outputs with one file name would overwrite each other; the content check says where (see
    content._output_name_problems), this keeps any other caller from losing one silently."""
    first: dict[str, tuple[Topic, str]] = {}
    for (topic, format_name), target in zip(outputs, targets):
        if target.name in first and first[target.name] != (topic, format_name):
            other, other_format = first[target.name]
            raise OutputError(f"topic '{topic.id}' would write {target.name}, which topic '{other.id}' already "
                              f"writes as its {other_format}; give one of them another id")
        first.setdefault(target.name, (topic, format_name))


@contextmanager
def _interrupts_held():
    """Hold Ctrl+C back for a moment of work that must be done whole: outputs put in place and recorded, so
    that the manifest always describes them; temporary files made and noted, so that none is left behind.
    The interruption takes effect when that is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            signal.raise_signal(signal.SIGINT)
