"""Reading a file the user names (the publisher's logo, the deck template) as untrusted input.

Logos and templates arrive by e-mail. A name may point at a folder, a named pipe (opening
it would wait forever), a device, or be too long for the file system; the file may be far
larger than any logo. Each of these is a plain sentence here, never an exception from the
operating system. The bytes are read once, from a file that is checked to be an ordinary
file before and after it is opened; the readers of images and templates decide what
they are from those bytes alone.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 20_000_000
MAX_NAME_BYTES = 255  # one part of a path, as the common file systems allow
MAX_PATH_CHARS = 1024
TEMPLATE_EXAMPLE = "assets/our-template.pptx"


class FileProblem(ValueError):
    """What is wrong with a named file, in plain words, with what to do about it."""


def resolve(value: str, folder: Path, suffixes: tuple[str, ...], kind: str, example: str) -> Path:
    """The path `value` names, relative to `folder`, checked before anything is opened: a known suffix,
    a length the file system takes, and an ordinary file (a link is followed only to one)."""
    text = value.strip()
    if any(ord(ch) < 32 for ch in text):
        raise FileProblem(f"'{_shown(value)}' has a control character in it; write the path of the file, "
                          f"for example '{example}'")
    long_part = next((part for part in Path(text).parts if len(os.fsencode(part)) > MAX_NAME_BYTES), None)
    if long_part is not None or len(text) > MAX_PATH_CHARS:
        raise FileProblem(f"'{_shown(value)}' is too long for a file name ({len(long_part or text)} characters); "
                          f"give the file a shorter name, for example '{example}'")
    path = Path(os.path.abspath(folder / text))  # a link keeps the name written; it is followed when read
    if path.suffix.lower() not in suffixes:
        raise FileProblem(f"'{_shown(value)}' is not a {' or '.join(s.lstrip('.').upper() for s in suffixes)} file; "
                          f"give the path of one, for example '{example}'")
    check_regular(path, value, kind, example)
    return path


def check_regular(path: Path, value: str, kind: str, example: str) -> os.stat_result:
    """The file's status, if it is an ordinary file of a usable size; otherwise what it is instead."""
    try:
        info = path.stat()
    except OSError as error:
        raise FileProblem(_unreachable(error, path, value, example)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(f"'{_shown(value)}' is a folder, not {kind}; write the path of the file itself, "
                          f"for example '{example}'")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"'{_shown(value)}' is not a regular file (it is {_file_type(info.st_mode)}); "
                          f"write the path of an ordinary file, for example '{example}'")
    if info.st_size > MAX_FILE_BYTES:
        raise FileProblem(f"'{_shown(value)}' is {info.st_size / 1e6:.0f} MB, too large to use; "
                          f"save a smaller copy (under {MAX_FILE_BYTES / 1e6:.0f} MB)")
    if info.st_size == 0:
        raise FileProblem(f"'{_shown(value)}' is empty; save the file again and write its path")
    return info


def read_bytes(path: Path, value: str, kind: str, example: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, at most `limit` bytes, read only if it is an ordinary file.

    The file is opened without waiting (a named pipe put in its place after the check would
    otherwise block) and checked again once open, so what is read is what was checked."""
    check_regular(path, value, kind, example)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise FileProblem(_unreachable(error, path, value, example)) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FileProblem(f"'{_shown(value)}' is not a regular file; write the path of an ordinary file, "
                              f"for example '{example}'")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileProblem(f"'{_shown(value)}' is over {limit / 1e6:.0f} MB, too large to use; save a smaller copy")
    if not data:
        raise FileProblem(f"'{_shown(value)}' is empty; save the file again and write its path")
    return data


def _unreachable(error: OSError, path: Path, value: str, example: str) -> str:
    shown = _shown(value)
    if error.errno == errno.ENAMETOOLONG:
        return f"'{shown}' is too long for a file name; give the file a shorter name, for example '{example}'"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"'{shown}' cannot be read (permission denied); let your user read it, or copy it into assets/"
    if error.errno == errno.ELOOP:
        return f"'{shown}' is a link that leads round in a circle; write the path of the file itself"
    return (f"cannot find the file '{shown}' (looked for {_shown(str(path))}); "
            f"put it in the assets/ folder and write its path, for example '{example}'")


def _file_type(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def _shown(value: str, limit: int = 80) -> str:
    """A name as it can be printed on one line: control characters escaped, very long ones cut in the middle."""
    text = "".join(ch if ord(ch) >= 32 else repr(ch)[1:-1] for ch in value.strip())
    return text if len(text) <= limit else f"{text[:limit // 2]}…{text[-limit // 2:]}"
