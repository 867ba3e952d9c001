"""Baseline for benchmarks/speed.py: the talk decks written with plain python-pptx and nothing else.

One deck per topic from python-pptx's default template: a title slide, then one slide per
cause with its key points and the explanation in the speaker notes; content.yaml read with
yaml.safe_load. It is what a short hand-written script would do, to compare the project's
build with.

    python benchmarks/baseline_pptx.py CONTENT.yaml OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from pptx import Presentation


def deck(topic: dict, path: Path) -> None:
    presentation = Presentation()
    title = presentation.slides.add_slide(presentation.slide_layouts[0])
    title.shapes.title.text = topic["title"]
    title.placeholders[1].text = topic.get("subtitle") or ""
    for cause in topic["causes"]:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = cause["name"]
        body = slide.placeholders[1].text_frame
        points = cause.get("key_points") or [cause["explanation"]]
        body.text = points[0]
        for point in points[1:]:
            body.add_paragraph().text = point
        notes = [cause["explanation"], cause.get("self_care"), cause.get("medical_care")]
        slide.notes_slide.notes_text_frame.text = "\n\n".join(part for part in notes if part)
    presentation.save(str(path))


def main() -> None:
    content, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for topic in yaml.safe_load(content.read_text(encoding="utf-8"))["topics"]:
        deck(topic, out / f"{topic['id']}.pptx")


if __name__ == "__main__":
    main()
