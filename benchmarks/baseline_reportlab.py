"""Baseline for benchmarks/speed.py: the leaflets written with plain reportlab and nothing else.

One A4 leaflet per topic (title, summary, each cause with its explanation, warning signs,
advice) in Atkinson Hyperlegible, from content.yaml read with yaml.safe_load. It is what a
short hand-written script would do, to compare the project's build with.

    python benchmarks/baseline_reportlab.py CONTENT.yaml OUT_FOLDER
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from xml.sax.saxutils import escape


def register_fonts() -> None:
    folder = resources.files("fontpkg_atkinson_hyperlegible") / "files"
    for name, face in (("Atkinson", "Regular"), ("Atkinson-Bold", "Bold")):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"AtkinsonHyperlegible-{face}.ttf")))


BODY = ParagraphStyle("body", fontName="Atkinson", fontSize=9.5, leading=12, spaceAfter=3)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=10, bulletIndent=0, spaceAfter=1)
TITLE = ParagraphStyle("title", fontName="Atkinson-Bold", fontSize=22, leading=26, spaceAfter=6)
HEADING = ParagraphStyle("heading", fontName="Atkinson-Bold", fontSize=13, leading=16, spaceBefore=6, spaceAfter=3)
CAUSE = ParagraphStyle("cause", parent=BODY, fontName="Atkinson-Bold", spaceAfter=1)


def leaflet(topic: dict, path: Path) -> None:
    story = [Paragraph(escape(topic["title"]), TITLE), Paragraph(escape(topic["summary"]), BODY),
             Paragraph("Causes", HEADING)]
    for cause in topic["causes"]:
        story += [Paragraph(escape(cause["name"]), CAUSE), Paragraph(escape(cause["explanation"]), BODY)]
    story.append(Paragraph("When to see a doctor", HEADING))
    story += [Paragraph(escape(sign), BULLET, bulletText="\u2022") for sign in topic["warning_signs"]]
    story.append(Paragraph("What you can do", HEADING))
    story += [Paragraph(escape(item), BULLET, bulletText="\u2022") for item in topic["advice"]]
    story.append(Spacer(1, 4 * mm))
    SimpleDocTemplate(str(path), pagesize=A4, title=topic["title"], leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=16 * mm, bottomMargin=16 * mm).build(story)


def main() -> None:
    content, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    for topic in yaml.safe_load(content.read_text(encoding="utf-8"))["topics"]:
        leaflet(topic, out / f"{topic['id']}.pdf")


if __name__ == "__main__":
    main()
