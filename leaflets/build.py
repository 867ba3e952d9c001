"""Build outputs from the content model, all or nothing.

Each writer renders into a temporary file inside the output folder; only when every
output is complete are they renamed into place, so a failure leaves the previous
leaflets and decks exactly as they were. Outputs are rendered in worker processes
when there are several to make; each is the same file whichever process made it.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from leaflets import manifest

from leaflets.content import Content, Topic
from leaflets.problems import OutputError
from leaflets.writers import WRITERS

Progress = Callable[[int, int, Topic, str], None]
"""Told after each output is rendered: how many are done, of how many, and which (topic, format) it was."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def output_path(out_dir: Path, topic: Topic, format_name: str) -> Path:
    """Where an output goes: always a file directly inside `out_dir`, whatever the topic id says."""
    name = f"{topic.id}{WRITERS[format_name].suffix}"
    if Path(name).name != name or name.startswith("."):
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


def update(content: Content, topics: list[Topic], formats: list[str], out_dir: Path,
           force: bool = False, prune: bool = False, jobs: int = 1, progress: Progress | None = None) -> Report:
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
    report.written = build_outputs(content, [(topic, name) for topic, name, _ in todo], out_dir, jobs, progress)
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


def build_outputs(content: Content, outputs: list[tuple[Topic, str]], out_dir: Path, jobs: int = 1,
                  progress: Progress | None = None) -> list[Path]:
    """Write each (topic, format) into `out_dir`, all or nothing, in up to `jobs` processes;
    return the paths written, in the order asked."""
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [output_path(out_dir, topic, format_name) for topic, format_name in outputs]
    temporaries = [_temporary_beside(target) for target in targets]
    try:
        work = list(zip(outputs, temporaries))
        if jobs > 1 and len(work) > 1:
            _render_in_workers(content, work, min(jobs, len(work)), progress)
        else:
            for done, ((topic, format_name), temporary) in enumerate(work, start=1):
                WRITERS[format_name].write(content, topic, temporary)
                if progress:
                    progress(done, len(work), topic, format_name)
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in zip(temporaries, targets):
        os.replace(temporary, target)
    return targets


def _render_in_workers(content: Content, work: list, jobs: int, progress: Progress | None) -> None:
    """Render in worker processes; the first failure cancels what has not started and is raised here."""
    for format_name in {format_name for (_, format_name), _ in work}:
        importlib.import_module(WRITERS[format_name].module)  # once here, inherited by forked workers
    gc.freeze()  # keep the collector from touching, and so copying, the pages the workers share with us
    try:
        with ProcessPoolExecutor(jobs, mp_context=_process_context(), initializer=_start_worker,
                                 initargs=(content,)) as pool:
            pending = {pool.submit(_render, topic.id, format_name, temporary): (topic, format_name)
                       for (topic, format_name), temporary in work}
            try:
                _collect(pending, len(work), progress)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()


def _collect(pending: dict, total: int, progress: Progress | None) -> None:
    """Wait for each output in turn, reporting progress; raise the first failure."""
    done_count = 0
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            topic, format_name = pending.pop(future)
            future.result()
            done_count += 1
            if progress:
                progress(done_count, total, topic, format_name)


def _process_context():
    # Forked workers start at once with the renderers already imported; elsewhere, the platform's default.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_WORKER_CONTENT: Content | None = None


def _start_worker(content: Content) -> None:
    global _WORKER_CONTENT
    _WORKER_CONTENT = content


def _render(topic_id: str, format_name: str, temporary: Path) -> None:
    WRITERS[format_name].write(_WORKER_CONTENT, _WORKER_CONTENT.topic(topic_id), temporary)


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
