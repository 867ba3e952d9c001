"""The files a build reads, and how to tell that one of them changed (for --watch)."""

from __future__ import annotations

from pathlib import Path

from leaflets.content import ContentError, load

Stamp = tuple[int, int, int] | None
"""Modification time, size and inode (an editor that saves by renaming makes a new one); None when missing."""


def named_files(content_path: Path, template: Path | None) -> list[Path]:
    """The files the build reads besides content.yaml and its assets folder: the template given on the
    command line, and the logo and template the content names (as far as the content can be read now).
    Reading the content takes time, so the watcher asks again only after something changed."""
    paths = [template] if template else []
    try:
        content = load(content_path)
    except ContentError:
        return paths  # the editor is still fixing it; the content file is watched anyway
    if content.publisher and content.publisher.logo:
        paths.append(content.publisher.logo)
    if content.deck.template:
        paths.append(content.deck.template)
    return paths


def snapshot(content_path: Path, named: list[Path]) -> dict[Path, Stamp]:
    """The stamp of the content file, of every file in the assets folder beside it, and of `named`."""
    paths = [content_path]
    assets = content_path.parent / "assets"
    if assets.is_dir():
        paths += sorted(p for p in assets.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {Path(path): _stamp(Path(path)) for path in [*paths, *named]}


def changes(before: dict[Path, Stamp], after: dict[Path, Stamp]) -> list[str]:
    """What changed between two snapshots, in words: 'content.yaml', 'logo.png (new)', 'old.svg (removed)'."""
    said = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if old is None:
            said.append(f"{path} (new)")
        elif new is None:
            said.append(f"{path} (removed)")
        else:
            said.append(str(path))
    return said


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
