"""The large-print leaflet: the A4 leaflet at clear-print sizes (18 pt body, no italics)."""

from __future__ import annotations

from pathlib import Path

from leaflets.print import blocks, leaflet
from leaflets.content import Content, Topic
from leaflets.theme import THEME


def before_workers() -> None:
    """Called before the workers are started (see build/workers.py), so that they share what a first output makes."""
    blocks.prepare(THEME.large_print)


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's large-print leaflet to `path` as an A4 PDF."""
    leaflet.write(content, topic, path, THEME.large_print)
