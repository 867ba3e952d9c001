"""The large-print leaflet: the A4 leaflet at clear-print sizes (18 pt body, no italics)."""

from __future__ import annotations

from pathlib import Path

from leaflets.print import leaflet
from leaflets.content import Content, Topic
from leaflets.theme import THEME


def write(content: Content, topic: Topic, path: Path) -> None:
    """Write the topic's large-print leaflet to `path` as an A4 PDF."""
    leaflet.write(content, topic, path, THEME.large_print)
