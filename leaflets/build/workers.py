"""Rendering in worker processes: forked with the writers imported (or, in a small build, importing their own),
stopped together on the first failure or Ctrl+C, and never outliving the build that started them (even one
killed with kill -9).

A build that is likely small starts its workers on standby before it reads the content (`stand_by`): one
for the printed formats and one for the deck, each importing and preparing its writers while this process
imports the validator and checks the content. The content they are then sent is the model, frozen
dataclasses that unpickle without the validator."""

from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Callable

from leaflets import fonts, languages
from leaflets.content import Content, Topic
from leaflets.formats import WRITERS

Progress = Callable[[int, int, Topic, str], None]
"""Told after each output is rendered: how many are done, of how many, and which (topic, format) it was."""


def render(content: Content, work: list, jobs: int, progress: Progress | None,
           beside: Callable[[], object] | None = None) -> None:
    """Render in worker processes; the first failure cancels what has not started and is raised here.
    On Ctrl+C the workers are stopped at once; they ignore it themselves, so they print nothing.

    A large build prepares what its outputs share (imports, fonts, the template) here, once, and forks
    workers that share it. A small one, which is mostly that preparation, forks at once a worker for the
    printed formats and one for the deck, and each prepares only what its own formats need, side by side."""
    groups = _by_writer(work, jobs) if len(work) <= SPLIT_AT_MOST * jobs else [(work, jobs)]
    if len(groups) == 1:
        _prepare(_kinds(work), shared=True)
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
                with _interrupts_blocked():
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
each preparing only its own formats (see render)."""


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


def _prepare(kinds: list[tuple[str, str]], shared: bool = False) -> None:
    """Make what outputs of these (language, format) kinds would each make first: their writers' imports and
    shared parts, and the Chinese font for a Chinese one that is printed (a deck leaves fonts to PowerPoint).
    `shared`: here, for forked workers, where a format with one output to make is left to make its own."""
    formats = [format_name for _, format_name in kinds]
    for format_name in dict.fromkeys(formats):
        module = importlib.import_module(WRITERS[format_name].module)
        if hasattr(module, "before_workers") and (formats.count(format_name) > 1 or not shared):
            module.before_workers()
    _read_chinese_font_if_printed(kinds)


def _read_chinese_font_if_printed(kinds: list[tuple[str, str]]) -> None:
    if any(languages.is_cjk(language) and WRITERS[name].kind == "print" for language, name in kinds):
        fonts.register_cjk()  # reading the Chinese font's tables takes longer than a leaflet


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # The pool has no public way to stop its processes before Python 3.14 (terminate_workers).
    for process in list(getattr(pool, "_processes", {}).values()):
        with suppress(Exception):
            process.kill()


@contextmanager
def _interrupts_blocked():
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _collect(pending: dict, total: int, progress: Progress | None) -> None:
    """Wait for each output in turn, reporting progress; raise the first failure."""
    # as_completed waits on every future once; wait(FIRST_COMPLETED) in a loop would add a waiter to each
    # pending future every time one finishes, quadratic in the number of outputs.
    for done_count, future in enumerate(as_completed(pending), start=1):
        topic, format_name = pending[future]
        future.result()
        if progress:
            progress(done_count, total, topic, format_name)


def _process_context():
    # Forked workers start at once with the renderers already imported; elsewhere, the platform's default.
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
    _die_with(parent)
    _WORKER_CONTENT = content
    if ready:
        _prepare(ready)


def _die_with(parent: int) -> None:
    """End this worker when the main process ends, even by kill -9, which gives it no chance to say so."""
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it ended before the request was made
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(0.5)
    os._exit(1)


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


# ----------------------------------------------------------------------------------------------
# Workers on standby, started before the content is read.

_STANDBY: Standby | None = None


def stand_by(formats: list[str]) -> None:
    """Start a worker for the printed formats among `formats` and one for the deck, each importing and
    preparing its writers at once; `render` hands them a small build's outputs (at most SPLIT_AT_MOST of
    each kind). Only where processes fork (Linux); a worker that cannot be started is simply not there."""
    global _STANDBY
    if sys.platform != "linux" or _STANDBY is not None:
        return
    kinds = {}
    for format_name in dict.fromkeys(formats):
        kinds.setdefault(WRITERS[format_name].kind, []).append(format_name)
    _STANDBY = Standby(kinds)


def render_on_standby(content: Content, work: list, progress: Progress | None,
                      beside: Callable[[], object] | None = None) -> bool:
    """Render `work` as `render` does, by the workers on standby, if they can take it; False if there are
    none or it is too much for them (they are then stopped)."""
    if _STANDBY is None or _STANDBY.take(work) is None:
        return False
    _STANDBY.render(content, work, progress, beside)
    return True


def stop_standing_by() -> None:
    """Stop the workers on standby that were not given work (a build with nothing to render, or a large one)."""
    global _STANDBY
    if _STANDBY is not None:
        _STANDBY.stop()
        _STANDBY = None


class Standby:
    """One forked worker per kind of output ("print", "deck"), waiting on a pipe for its outputs."""

    def __init__(self, kinds: dict[str, list[str]]) -> None:
        self.workers: dict[str, tuple[multiprocessing.Process, object]] = {}
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the collector would otherwise touch, and so copy, the pages the workers share with us
        try:
            with _interrupts_blocked():
                for kind, formats in kinds.items():
                    ours, theirs = context.Pipe()
                    worker = context.Process(target=_stand_by, args=(theirs, os.getpid(), formats), daemon=True)
                    try:
                        worker.start()
                    except OSError:
                        continue
                    theirs.close()
                    self.workers[kind] = (worker, ours)
        finally:
            gc.unfreeze()

    def take(self, work: list) -> Standby | None:
        """This standby, if its workers can render `work` (each kind has a worker, and at most SPLIT_AT_MOST
        outputs); the workers of a kind with no outputs are stopped. None, with every worker stopped, if not."""
        counts: dict[str, int] = {}
        for (_, format_name), _ in work:
            kind = WRITERS[format_name].kind
            counts[kind] = counts.get(kind, 0) + 1
        if not counts or any(kind not in self.workers or count > SPLIT_AT_MOST for kind, count in counts.items()):
            stop_standing_by()
            return None
        for kind in [kind for kind in self.workers if kind not in counts]:
            self._stop(kind)
        return self

    def render(self, content: Content, work: list, progress: Progress | None,
               beside: Callable[[], object] | None) -> None:
        """As `render`: the first failure stops every worker and is raised here; so is Ctrl+C."""
        global _STANDBY
        _STANDBY = None  # used once
        try:
            items: dict[str, list] = {kind: [] for kind in self.workers}
            for index, ((topic, format_name), temporary) in enumerate(work):
                items[WRITERS[format_name].kind].append((index, topic.id, format_name, temporary))
            for kind, (_, pipe) in self.workers.items():
                pipe.send((content, items[kind]))
            if beside:
                beside()
            self._collect(work, progress)
        finally:
            self.stop()

    def _collect(self, work: list, progress: Progress | None) -> None:
        owed = {pipe: sum(WRITERS[format_name].kind == kind for (_, format_name), _ in work)
                for kind, (_, pipe) in self.workers.items()}
        kinds = {pipe: kind for kind, (_, pipe) in self.workers.items()}
        done_count = 0
        while any(owed.values()):
            for pipe in wait([pipe for pipe, count in owed.items() if count]):
                try:
                    index, error = pipe.recv()
                except EOFError:
                    raise BrokenProcessPool(f"the {kinds[pipe]} worker stopped unexpectedly") from None
                if error is not None:
                    raise error[0] from WorkerTraceback(error[1])
                owed[pipe] -= 1
                done_count += 1
                if progress:
                    topic, format_name = work[index][0]
                    progress(done_count, len(work), topic, format_name)

    def stop(self) -> None:
        for kind in list(self.workers):
            self._stop(kind)

    def _stop(self, kind: str) -> None:
        worker, pipe = self.workers.pop(kind)
        with suppress(Exception):
            worker.kill()
            worker.join()
        pipe.close()


def _stand_by(pipe, parent: int, formats: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the main process, which stops the workers
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)
    _prepare([("en", format_name) for format_name in formats])
    try:
        content, items = pipe.recv()
    except EOFError:
        os._exit(0)
    try:
        _read_chinese_font_if_printed([(content.topic(topic_id).language, name) for _, topic_id, name, _ in items])
        for index, topic_id, format_name, temporary in items:
            write(content, content.topic(topic_id), format_name, temporary)
            pipe.send((index, None))
    except BaseException as error:  # noqa: BLE001 - sent to the main process, which raises it
        _send_failure(pipe, error)
        os._exit(1)
    os._exit(0)


class WorkerTraceback(Exception):
    """Where in a worker an error was raised: the cause of the error raised again in the main process."""

    def __str__(self) -> str:
        return self.args[0]


def _send_failure(pipe, error: BaseException) -> None:
    import traceback

    trace = "".join(traceback.format_exception(error))
    try:
        pipe.send((None, (error, trace)))
    except Exception:  # noqa: BLE001 - an error that cannot be pickled is sent as its words
        pipe.send((None, (RuntimeError(f"{type(error).__name__}: {error}"), trace)))
