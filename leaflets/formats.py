"""The table of output formats: name → the module that writes it, its file name and what it is.

A new output format is one new module with `write(content, topic, path)` and one line here.
Modules are imported when first used, so the content model can name the formats cheaply.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Writer:
    """An output format: the module whose `write(content, topic, path)` makes it, and its file name."""

    module: str
    suffix: str
    description: str
    slides_from: str | None = None  # a format that prints the deck's slides gets them from this module's `slides`
    default: bool = True  # built by a plain `python generate.py` unless content.yaml lists its formats
    kind: str = "print"  # "print" (reportlab, with the print and Chinese fonts) or "deck" (python-pptx)

    def write(self, content, topic, path: Path) -> None:
        writer = importlib.import_module(self.module)
        if self.slides_from:
            # The plan is the deck's, measured on its template; handed over here so that print and deck
            # need not import each other.
            slides = importlib.import_module(self.slides_from).slides(content, topic)
            writer.write(content, topic, path, slides)
        else:
            writer.write(content, topic, path)


WRITERS: dict[str, Writer] = {
    "pdf": Writer("leaflets.print.leaflet", ".pdf", "A4 leaflet to print"),
    "trifold": Writer("leaflets.print.trifold", "-trifold.pdf", "A4 landscape leaflet folded in three (letter fold)"),
    "large-print": Writer("leaflets.print.large_print", "-large-print.pdf", "A4 leaflet in 18 pt large print"),
    "pptx": Writer("leaflets.deck.draw", ".pptx", "16:9 talk deck with speaker notes", kind="deck"),
    "script": Writer("leaflets.print.script", "-script.pdf", "A4 speaker script: each slide, its time and notes",
                     slides_from="leaflets.deck.draw", default=False),
}

FORMATS = tuple(WRITERS)
DEFAULT_FORMATS = tuple(name for name, writer in WRITERS.items() if writer.default)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""What a topic id may be: it names the topic's output files (and so the entries of the output folder's manifest)."""
