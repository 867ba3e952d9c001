"""Workers on standby: forked as soon as the command knows a build will probably render few outputs, before
it reads the content, one for the printed formats and one for the deck. Each imports and prepares its writers
while this process checks the content; `render` then sends each the content and its outputs, or stops them.

The command imports the content model (not its validator) before it forks them, and each worker imports
the writers of its formats. This module itself imports only what forking needs: `multiprocessing` would
cost more to import than the workers gain. Messages go over plain pipes as length-prefixed pickles; the
content is the model, frozen dataclasses that unpickle without the validator.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from contextlib import contextmanager

_WORKERS: dict[str, Worker] = {}  # kind of output ("print", "deck") → its worker on standby


def start(kinds: dict[str, list[str]]) -> None:
    """Fork a worker for each kind of output not yet on standby, preparing for its formats (kind → format
    names). Only where processes fork (Linux); a worker that cannot be started is simply not there."""
    if sys.platform != "linux":
        return
    gc.freeze()  # the workers' collector then leaves what they inherit alone, rather than look through it all
    try:
        for kind, formats in kinds.items():
            if kind not in _WORKERS:
                try:
                    _WORKERS[kind] = Worker(formats)
                except OSError:
                    pass
    finally:
        gc.unfreeze()


def waiting() -> dict[str, Worker]:
    return _WORKERS


def stop(kinds=None) -> None:
    """Stop the workers on standby (of `kinds`, else all) that will not be given work."""
    for kind in list(_WORKERS if kinds is None else kinds):
        worker = _WORKERS.pop(kind, None)
        if worker:
            worker.stop()


class Worker:
    """A forked process, with a pipe for the work it is sent and one for what it says back."""

    def __init__(self, formats: list[str]) -> None:
        work_in, work_out = os.pipe()
        said_in, said_out = os.pipe()
        parent = os.getpid()
        with interrupts_blocked():  # until the worker has set itself to ignore Ctrl+C (see _serve)
            pid = os.fork()
            if pid == 0:
                status = 1
                try:
                    _close_all_but(work_in, said_out)
                    status = _serve(work_in, said_out, formats, parent)
                finally:
                    os._exit(status)
        os.close(work_in)
        os.close(said_out)
        self.pid, self.work, self.said = pid, work_out, said_in

    def send(self, message: object) -> None:
        _send(self.work, message)

    def receive(self) -> object:
        return _receive(self.said)

    def stop(self) -> None:
        for close in (self.work, self.said):
            try:
                os.close(close)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _close_all_but(*kept: int) -> None:
    """Close every file the worker was born with but the terminal's and `kept`: a file lock another part of
    the program holds (one build waiting for another) would otherwise be held as long as the worker lives."""
    start = 3
    for fd in sorted(kept):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536)


def _serve(work_in: int, said_out: int, formats: list[str], parent: int) -> int:
    """The worker: prepare for `formats`, then write the outputs it is sent, saying (index, None) after each,
    or (None, (error, its trace)) and stopping at the first failure. Nothing it does reaches the terminal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the main process, which stops the workers
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with(parent)
    try:
        from leaflets.build import workers

        gc.disable()  # importing the writers makes many objects and no garbage, as reading the content does
        workers.prepare([("en", format_name) for format_name in formats])
        gc.enable()
        try:
            content, items = _receive(work_in)
        except EOFError:
            return 0  # not needed
        workers.read_chinese_font_if_printed([(content.topic(topic_id).language, name)
                                              for _, topic_id, name, _ in items])
        for index, topic_id, format_name, temporary in items:
            workers.write(content, content.topic(topic_id), format_name, temporary)
            _send(said_out, (index, None))
    except BaseException as error:  # noqa: BLE001 - said to the main process, which raises it
        _send_failure(said_out, error)
        return 1
    return 0


def _send_failure(said_out: int, error: BaseException) -> None:
    import traceback

    trace = "".join(traceback.format_exception(error))
    try:
        _send(said_out, (None, (error, trace)))
    except Exception:  # noqa: BLE001 - an error that cannot be pickled is said in its words
        try:
            _send(said_out, (None, (RuntimeError(f"{type(error).__name__}: {error}"), trace)))
        except OSError:
            pass  # the main process has gone, or stopped listening


def _send(fd: int, message: object) -> None:
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> object:
    import pickle

    return pickle.loads(_read_exactly(fd, int.from_bytes(_read_exactly(fd, 8), "big")))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other end of the pipe closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


@contextmanager
def interrupts_blocked():
    """Ctrl+C held back, as while processes are forked: they inherit it blocked until they have set
    themselves to ignore it; one that reaches this process meanwhile is taken when unblocked."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def die_with(parent: int) -> None:
    """End this worker when the main process ends, even by kill -9, which gives it no chance to say so."""
    if sys.platform == "linux":
        try:
            import ctypes

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
