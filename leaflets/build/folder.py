"""The output folder, which others may share and change: its lock, and reading and removing files in it
without ever following a link out of it.

Whatever is found in the folder (the manifest, saved findings, the lock file, the outputs) may have been
put there by someone else, so it is read only as a plain file of bounded size and never through a
symbolic link; anything else counts as absent.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

LOCK_NAME = ".leaflets-lock"
LOCK_WAIT_SECONDS = 120.0
"""How long a build waits for another build into the same folder before it gives up and says so."""

_LEFTOVER = re.compile(r"\.[a-z0-9.-]+\.[a-z0-9_]{8}(\.pdf|\.pptx|\.png|\.json)?\.part")
"""What a temporary file of this package looks like (see `temporary_beside`); only a dead build leaves one."""


class FolderError(Exception):
    """The output folder cannot be used as it is; the message is the whole line to print."""


def temporary_beside(target: Path) -> Path:
    """An empty new file in `target`'s folder to write into before renaming it over `target`."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f"{target.suffix}.part")
    os.close(handle)
    os.chmod(name, 0o666 & ~_UMASK)  # mkstemp makes private files; outputs are for sharing
    return Path(name)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename, leaving no temporary file behind whatever fails.
    An OSError names `path`, not the temporary file."""
    temporary = None
    try:
        temporary = temporary_beside(path)
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        if temporary:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            error.filename, error.filename2 = str(path), None
        raise


def read_plain_file(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a plain file (not a link, folder or pipe) of at most `limit` bytes."""
    with _opened_plain(path) as file:
        if file is None or os.fstat(file.fileno()).st_size > limit:
            return None
        try:
            data = file.read(limit + 1)
        except OSError:
            return None
        return data if len(data) <= limit else None


def read_json(path: Path, limit: int) -> Any:
    """The JSON value in `path`, or None when it is missing, not a plain file, too big or not JSON."""
    data = read_plain_file(path, limit)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
        return None


def file_hash(path: Path) -> str | None:
    """The sha256 of a plain file's bytes; None if it is missing or anything but a plain file."""
    with _opened_plain(path) as file:
        if file is None:
            return None
        digest = hashlib.sha256()
        try:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
        except OSError:
            return None
        return digest.hexdigest()


def signature(path: Path) -> tuple[int, ...] | None:
    """What the file system says of a plain file without reading it: device, inode, size, and the times of
    its last change of content and of anything (the latter set by the system alone, on every write, rename
    or chmod). None if it is missing or anything but a plain file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


@contextmanager
def _opened_plain(path: Path) -> Iterator[BinaryIO | None]:
    """`path` open for reading if it is a plain file, else None; a link is not followed, a pipe not waited on."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        yield None
        return
    try:
        plain = stat.S_ISREG(os.fstat(handle).st_mode)
    except OSError:
        plain = False
    if not plain:
        os.close(handle)
        yield None
        return
    with os.fdopen(handle, "rb") as file:
        yield file


def is_plain_file(path: Path) -> bool:
    """Whether `path` is a file, not a link to one."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of builds that were killed or interrupted. Call it holding the lock:
    then no live build owns any of them."""
    removed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if _LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    return removed


_held = threading.local()


@contextmanager
def locked(folder: Path, notice: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the folder's lock, so that two builds into one folder never interleave. A build that finds
    it taken says so once and waits up to LOCK_WAIT_SECONDS; the same thread may lock again inside."""
    key = _identity(folder)
    depth = getattr(_held, "folders", {})
    _held.folders = depth
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    handle = _open_lock_file(folder)
    try:
        _wait_for_lock(handle, folder, notice or _say)
        _say_who_holds(handle)
        depth[key] = 1
        try:
            yield
        finally:
            del depth[key]
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _identity(folder: Path) -> tuple[int, int]:
    info = os.stat(folder)
    return info.st_dev, info.st_ino


def _open_lock_file(folder: Path) -> int:
    path = folder / LOCK_NAME
    flags = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666)
        except PermissionError:  # made by another user of a shared folder: locking needs no write access
            handle = os.open(path, os.O_RDONLY | flags)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            raise FolderError(_not_a_lock_file(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise FolderError(_not_a_lock_file(path))
    return handle


def _not_a_lock_file(path: Path) -> str:
    return (f"{path}: is not a plain file, so builds into this folder cannot take turns; "
            "remove it (the next build makes it again), then build again")


def _wait_for_lock(handle: int, folder: Path, notice: Callable[[str], None]) -> None:
    deadline = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if deadline is None:
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            notice(f"waiting for another build into {folder} ({_holder(handle)}) …")
        elif time.monotonic() > deadline:
            raise FolderError(f"{folder}: another build ({_holder(handle)}) has been writing into this folder for "
                              f"over {LOCK_WAIT_SECONDS:g} s; let it finish or stop it, then build again")
        time.sleep(0.1)


def _say_who_holds(handle: int) -> None:
    holder = f"{os.getpid()}\n".encode()
    try:
        os.pwrite(handle, holder, 0)
        os.ftruncate(handle, len(holder))
    except OSError:
        pass  # opened read-only: a build waiting for this one cannot say which it is


def _holder(handle: int) -> str:
    """Who holds the lock, as its holder wrote it into the lock file: 'pid 1234'."""
    try:
        text = os.pread(handle, 16, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    return f"pid {text}" if text.isdigit() else "pid unknown"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
