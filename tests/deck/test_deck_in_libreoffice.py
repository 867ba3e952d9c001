"""Decks opened in a real presentation program: LibreOffice Impress converts each deck to PDF,
and the rendered pages are checked for what an audience would see."""

from __future__ import annotations

from dataclasses import replace
import shutil
import subprocess

import pdfplumber
import pytest
from pptx import Presentation

from leaflets.build import build
from leaflets.content import load
from tests.conftest import FIXTURES
from tests.templates import make_other_template

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                                        "`.ci/run` installs libreoffice-impress")
LONG_LISTS = {"warning_signs": tuple(f"Warning sign {n}: a symptom that needs a few words to describe it well"
                                     for n in range(1, 13)),
              "advice": tuple(f"Advice {n}: something people can do at home, said in a full sentence"
                              for n in range(1, 13))}


@pytest.fixture(scope="module")
def rendered(seed_content, tmp_path_factory):
    """Every deck to check, built and converted in one LibreOffice run: {(template, topic): (pptx, pdf)}."""
    folder = tmp_path_factory.mktemp("decks")
    long_topic = replace(seed_content.topics[0], id="long-lists", **LONG_LISTS)
    content = replace(seed_content, topics=(*seed_content.topics, long_topic))
    templates = {"default": None, "other": make_other_template(folder / "other.pptx")}
    decks = {}
    for name, template in templates.items():
        chosen = replace(content, deck=replace(content.deck, template=template))
        for path in build(chosen, list(chosen.topics), ["pptx"], folder / name):
            decks[(name, path.stem)] = path
    # Both templates give the same file names, so each template's decks go to their own folder.
    renders = {}
    for name in templates:
        out = folder / f"pdf-{name}"
        paths = [p for (template, _), p in decks.items() if template == name]
        subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
                       check=True, capture_output=True, timeout=300)
        for path in paths:
            renders[(name, path.stem)] = (path, out / f"{path.stem}.pdf")
    return renders


CASES = [(template, topic) for template in ("default", "other")
         for topic in ("leg-cramps", "leg-cramps-middle-aged-women", "long-lists")]


@pytest.fixture(params=CASES, ids=lambda case: f"{case[0]}-{case[1]}")
def deck_pdf(request, rendered):
    return rendered[request.param]


def is_slide_number(word, page) -> bool:
    return word["text"].isdigit() and word["top"] > page.height * 0.85


def test_every_slide_is_rendered(deck_pdf):
    pptx, pdf = deck_pdf
    slides = Presentation(str(pptx)).slides
    with pdfplumber.open(pdf) as rendered:
        assert len(rendered.pages) == len(slides)
        for page, slide in zip(rendered.pages, slides):
            assert slide.shapes.title.text.split()[0] in page.extract_text()


def test_no_text_falls_outside_its_slide(deck_pdf):
    _, pdf = deck_pdf
    with pdfplumber.open(pdf) as rendered:
        for page in rendered.pages:
            for char in page.chars:
                assert 0 <= char["x0"] and char["x1"] <= page.width, char["text"]
                assert 0 <= char["top"] and char["bottom"] <= page.height, char["text"]


def test_text_is_at_least_24pt_except_slide_numbers(deck_pdf):
    """Body text at 24 pt or more; nothing at all under 18 pt but the slide numbers."""
    _, pdf = deck_pdf
    with pdfplumber.open(pdf) as rendered:
        for number, page in enumerate(rendered.pages, start=1):
            words = page.extract_words(extra_attrs=["size"])
            small = [w["text"] for w in words if w["size"] < 24 - 0.2 and not is_slide_number(w, page)]
            assert small == [], f"slide {number}"


def test_list_text_stays_inside_its_placeholder(deck_pdf):
    """Text that overflowed its box would run below the body placeholder's bottom edge."""
    pptx, pdf = deck_pdf
    prs = Presentation(str(pptx))
    scale = 72 / 914400
    with pdfplumber.open(pdf) as rendered:
        for page, slide in zip(rendered.pages, prs.slides):
            for shape in slide.placeholders:
                if shape.placeholder_format.idx != 1 or not shape.text_frame.text:
                    continue
                bottom = (shape.top + shape.height) * scale
                left, right = shape.left * scale, (shape.left + shape.width) * scale
                inside = [c for c in page.chars if left - 1 <= c["x0"] <= right and c["top"] >= shape.top * scale - 1
                          and c["size"] >= 20]  # not the slide number below the box
                assert all(c["bottom"] <= bottom + 1 for c in inside), slide.shapes.title.text


def test_titles_take_at_most_two_lines(deck_pdf):
    pptx, pdf = deck_pdf
    prs = Presentation(str(pptx))
    with pdfplumber.open(pdf) as rendered:
        for page, slide in zip(rendered.pages, prs.slides):
            title_size = max(c["size"] for c in page.chars)
            lines = {round(c["top"]) for c in page.chars if abs(c["size"] - title_size) < 0.5}
            assert len(lines) <= 2, slide.shapes.title.text


def test_branded_deck_renders_its_closing_slide(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    [pptx] = build(content, list(content.topics), ["pptx"], tmp_path)
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
                   check=True, capture_output=True, timeout=120)
    with pdfplumber.open(tmp_path / "cramps.pdf") as rendered:
        closing = " ".join(rendered.pages[-1].extract_text().split())
    assert "Thank you" in closing and "Riverside Community Health Centre" in closing
