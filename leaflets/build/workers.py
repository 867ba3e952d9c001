"""Rendering in worker processes: forked with the writers imported (or, in a small build, importing their own),
stopped together on the first failure or Ctrl+C, and never outliving the build that started them (even one
killed with kill -9). A small build's outputs go to the workers started on standby before the content was
read (standby.py), when there are some."""

from __future__ import annotations

import dataclasses
import gc
import importlib
import os
import signal
import sys
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from leaflets import fonts, languages
from leaflets.build import standby
from leaflets.content import Content, Topic
from leaflets.formats import WRITERS

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[int, int, Topic, str], None]
"""Told after each output is rendered: how many are done, of how many, and which (topic, format) it was."""


def render(content: Content, work: list, jobs: int, progress: Progress | None,
           beside: Callable[[], object] | None = None) -> None:
    """Render in worker processes; the first failure cancels what has not started and is raised here.
    On Ctrl+C the workers are stopped at once; they ignore it themselves, so they print nothing.

    A large build prepares what its outputs share (imports, fonts, the template) here, once, and forks
    workers that share it. A small one, which is mostly that preparation, forks at once a worker for the
    printed formats and one for the deck, and each prepares only what its own formats need, side by side."""
    # The pool is imported here, not with this module, which the workers on standby import too.
    from concurrent.futures import ProcessPoolExecutor

    groups = _by_writer(work, jobs) if len(work) <= SPLIT_AT_MOST * jobs else [(work, jobs)]
    if len(groups) == 1:
        prepare(_kinds(work), shared=True)
    gc.freeze()  # keep the collector from touching, and so copying, the pages the workers share with us
    try:
        with ExitStack() as pools:
            started = []
            for group, group_jobs in groups:
                ready = () if len(groups) == 1 else _kinds(group)
                started.append((pools.enter_context(ProcessPoolExecutor(
                    group_jobs, mp_context=_process_context(), initializer=_start_worker,
                    initargs=(content, os.getpid(), ready))), group))
            try:
                # Workers start inside submit(); with Ctrl+C blocked they inherit it blocked, until each
                # has set itself to ignore it. A Ctrl+C meanwhile reaches this process when unblocked.
                with standby.interrupts_blocked():
                    pending = {pool.submit(_render, topic.id, format_name, temporary): (topic, format_name)
                               for pool, group in started for (topic, format_name), temporary in group}
                if beside:
                    beside()  # in this process, which would otherwise only wait
                _collect(pending, len(work), progress)
            except BaseException as stop:
                if isinstance(stop, KeyboardInterrupt):
                    for pool, _ in started:
                        _stop_workers(pool)
                for pool, _ in started:
                    pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()


SPLIT_AT_MOST = 8
"""Outputs per worker up to which a build gives the printed formats and the deck workers of their own,
each preparing only its own formats (see render); the most of one kind a worker on standby is given."""


def _by_writer(work: list, jobs: int) -> list[tuple[list, int]]:
    """The work split into the deck's and the printed formats', each with its share of the jobs; one group
    when there is only one kind, or a single job."""
    decks = [item for item in work if WRITERS[item[0][1]].kind == "deck"]
    prints = [item for item in work if WRITERS[item[0][1]].kind != "deck"]
    if not decks or not prints or jobs < 2:
        return [(work, jobs)]
    deck_jobs = max(1, min(jobs - 1, round(jobs * len(decks) / len(work))))
    return [(prints, jobs - deck_jobs), (decks, deck_jobs)]


def _kinds(work: list) -> list[tuple[str, str]]:
    """The (language, format) of each output of `work`."""
    return [(topic.language, format_name) for (topic, format_name), _ in work]


def prepare(kinds: list[tuple[str, str]], shared: bool = False) -> None:
    """Make what outputs of these (language, format) kinds would each make first: their writers' imports and
    shared parts, and the Chinese font for a Chinese one that is printed (a deck leaves fonts to PowerPoint).
    `shared`: here, for forked workers, where a format with one output to make is left to make its own."""
    formats = [format_name for _, format_name in kinds]
    for format_name in dict.fromkeys(formats):
        module = importlib.import_module(WRITERS[format_name].module)
        if hasattr(module, "before_workers") and (formats.count(format_name) > 1 or not shared):
            module.before_workers()
    read_chinese_font_if_printed(kinds)


def read_chinese_font_if_printed(kinds: list[tuple[str, str]]) -> None:
    if any(languages.is_cjk(language) and WRITERS[name].kind == "print" for language, name in kinds):
        fonts.register_cjk()  # reading the Chinese font's tables takes longer than a leaflet


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # The pool has no public way to stop its processes before Python 3.14 (terminate_workers).
    for process in list(getattr(pool, "_processes", {}).values()):
        with suppress(Exception):
            process.kill()


def _collect(pending: dict, total: int, progress: Progress | None) -> None:
    """Wait for each output in turn, reporting progress; raise the first failure."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    # as_completed waits on every future once; wait(FIRST_COMPLETED) in a loop would add a waiter to each
    # pending future every time one finishes, quadratic in the number of outputs.
    for done_count, future in enumerate(as_completed(pending), start=1):
        topic, format_name = pending[future]
        try:
            future.result()
        except BrokenProcessPool:
            raise WorkerLost() from None
        if progress:
            progress(done_count, total, topic, format_name)


def _process_context():
    # Forked workers start at once with the renderers already imported; elsewhere, the platform's default.
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_WORKER_CONTENT: Content | None = None


def _start_worker(content: Content, parent: int, ready: list = ()) -> None:
    """`ready`: the (language, format) of the outputs this worker is for, when it prepares for them itself."""
    global _WORKER_CONTENT
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the main process, which stops the workers
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    standby.die_with(parent)
    _WORKER_CONTENT = content
    if ready:
        prepare(ready)


def _render(topic_id: str, format_name: str, temporary: Path) -> None:
    write(_WORKER_CONTENT, _WORKER_CONTENT.topic(topic_id), format_name, temporary)


def write(content: Content, topic: Topic, format_name: str, path: Path) -> None:
    """Write one output with Python's collector paused, then collect the young objects it left. An output is
    thousands of objects, many in cycles (documents, drawings, XML trees) that all die once it is written;
    collected as they are made, the live ones are looked through again and again as they age into older
    generations. Collected once, after, they are found in one pass: the collector took 0.31 of the 4 s of
    CPU of a 100-topic build, and takes 0.13 s. The cycles are freed an output at a time, so peak memory
    does not grow."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        WRITERS[format_name].write(content, topic, path)
    finally:
        if was_on:
            gc.enable()
            gc.collect(0)


def render_on_standby(content: Content, work: list, progress: Progress | None,
                      beside: Callable[[], object] | None = None) -> bool:
    """Render `work` as `render` does, by the workers on standby, if each kind of output in it has one and at
    most SPLIT_AT_MOST outputs; False if not (the workers on standby are then stopped)."""
    waiting = standby.waiting()
    counts: dict[str, int] = {}
    for (_, format_name), _ in work:
        kind = WRITERS[format_name].kind
        counts[kind] = counts.get(kind, 0) + 1
    if not counts or any(kind not in waiting or count > SPLIT_AT_MOST for kind, count in counts.items()):
        standby.stop()
        return False
    standby.stop([kind for kind in waiting if kind not in counts])
    chosen = dict(waiting)
    try:
        items: dict[str, list] = {kind: [] for kind in chosen}
        for index, ((topic, format_name), temporary) in enumerate(work):
            items[WRITERS[format_name].kind].append((index, topic.id, format_name, temporary))
        # A worker reads its outputs once it has prepared. Each is sent the content with only the topics it
        # writes (and those they translate), which a pipe holds at once however long the content, so this
        # process goes on to `beside` without waiting for the workers to be ready. A worker that has stopped
        # is found when its answer does not come.
        shared = _with_topics(content, {topic.id for (topic, _), _ in work})
        for kind, worker in chosen.items():
            _send_quietly(worker, (shared, items[kind]))
        if beside:
            beside()
        _collect_from_standby(chosen, counts, work, progress)
    finally:
        standby.stop()
    return True


def _with_topics(content: Content, ids: set[str]) -> Content:
    """`content` with only the topics `ids` names and the ones they are translations of (a leaflet prints the
    title of its original)."""
    ids = ids | {topic.translation_of for topic in content.topics if topic.id in ids and topic.translation_of}
    return dataclasses.replace(content, topics=tuple(topic for topic in content.topics if topic.id in ids))


def _send_quietly(worker: standby.Worker, message: tuple) -> None:
    with suppress(OSError):
        worker.send(message)


def _collect_from_standby(chosen: dict, counts: dict, work: list, progress: Progress | None) -> None:
    import select

    owed = {worker.said: counts[kind] for kind, worker in chosen.items()}
    by_pipe = {worker.said: (kind, worker) for kind, worker in chosen.items()}
    done_count = 0
    while any(owed.values()):
        ready, _, _ = select.select([pipe for pipe, count in owed.items() if count], [], [])
        for pipe in ready:
            kind, worker = by_pipe[pipe]
            try:
                index, error = worker.receive()
            except EOFError:
                raise WorkerLost() from None
            if error is not None:
                raise error[0] from WorkerTraceback(error[1])
            owed[pipe] -= 1
            done_count += 1
            if progress:
                topic, format_name = work[index][0]
                progress(done_count, len(work), topic, format_name)


class WorkerLost(Exception):
    """A worker ended before it said it was done: killed from outside (kill -9, or by the system when memory
    runs short), which no output of leaflets can be blamed for; the build stops as when the disk is full."""


class WorkerTraceback(Exception):
    """Where in a worker an error was raised: the cause of the error raised again in the main process."""

    def __str__(self) -> str:
        return self.args[0]
