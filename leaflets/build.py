"""Build outputs from the content model, all or nothing.

Each writer renders into a temporary file inside the output folder; only when every
output is complete are they renamed into place, so a failure leaves the previous
leaflets and decks exactly as they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from leaflets.content import Content, Topic
from leaflets.writers import WRITERS


def output_path(out_dir: Path, topic: Topic, format_name: str) -> Path:
    return out_dir / f"{topic.id}{WRITERS[format_name].suffix}"


def build(content: Content, topics: list[Topic], formats: list[str], out_dir: Path) -> list[Path]:
    """Write every format of every topic into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    finished: list[tuple[Path, Path]] = []
    try:
        for topic in topics:
            for format_name in formats:
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
