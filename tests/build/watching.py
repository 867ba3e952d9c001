"""Running `--watch` inside a test: the watcher on a thread, editing a file it watches, and waiting for
what it says."""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

from leaflets.cli import parser, watch


@contextmanager
def watching(*options: str):
    """The watcher running with these command-line options until the block ends."""
    args = parser().parse_args([*options, "--jobs", "1", "--watch"])
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(args,), kwargs={"interval": 0.05, "stop": stop})
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join(10)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.02)  # a distinct modification time, on file systems that keep only milliseconds
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path)


def wait_for(capsys, word: str, seconds: float = 20) -> str:
    """What the watcher printed (out and err) up to the first time it says `word`."""
    said = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        captured = capsys.readouterr()
        said += captured.out + captured.err
        if word in said:
            return said
        time.sleep(0.05)
    raise AssertionError(f"the watcher did not say {word!r}; it said: {said!r}")
