"""Pictures from content.yaml: on the cause's slide and the overview, in the leaflet beside the text,
each with the content's alt text; checked as a logo is."""

from __future__ import annotations

import pikepdf
import pytest
from pptx import Presentation

from leaflets.build import build
from leaflets.cli import main
from leaflets.content import load
from tests.conftest import FIXTURES
from tests.print.test_accessibility import elements, role

PICTURES = FIXTURES / "pictures.yaml"
TOPIC_ALT = "Three simple shapes standing for a leg, a foot and a stretch."
CAUSE_ALT = "A green cross beside a leaf, the sign of the clinic."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    content = load(PICTURES)
    out = tmp_path_factory.mktemp("pictures")
    paths = build(content, list(content.topics), ["pdf", "large-print", "trifold", "pptx", "script"], out)
    return {path.name: path for path in paths}


def test_the_pictures_are_on_their_slides_with_the_contents_alt_text(built):
    prs = Presentation(str(built["cramps.pptx"]))
    described = {slide.shapes.title.text: [shape._element.nvPicPr.cNvPr.get("descr") for shape in slide.shapes
                                           if shape.name == "Picture"] for slide in prs.slides}
    assert described["What we will cover"] == [TOPIC_ALT]
    assert described["Tired muscles"] == [CAUSE_ALT]
    assert described["Cold"] == []


@pytest.mark.parametrize("name", ["cramps.pdf", "cramps-large-print.pdf"])
def test_the_pictures_are_figures_with_the_contents_alt_text_in_the_leaflets(built, name):
    with pikepdf.open(built[name]) as pdf:
        alts = [str(e.Alt) for e in elements(pdf.Root.StructTreeRoot) if role(e) == "Figure" and "/Alt" in e]
    assert TOPIC_ALT in alts and CAUSE_ALT in alts


def test_a_picture_without_alt_text_is_refused_at_its_line(tmp_path, capsys):
    text = PICTURES.read_text().replace("          alt: A green cross beside a leaf, the sign of the clinic.\n", "")
    (tmp_path / "assets").mkdir()
    for asset in (FIXTURES / "assets").iterdir():
        (tmp_path / "assets" / asset.name).write_bytes(asset.read_bytes())
    path = tmp_path / "content.yaml"
    path.write_text(text)
    assert main(["--content", str(path), "--out", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:22:11: topic 'cramps', cause 1, image: ")
    assert "alt" in err[0]


def test_a_picture_that_is_postscript_is_refused_like_a_logo(tmp_path, capsys):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "stretch.png").write_bytes(b"%!PS-Adobe-3.0\nshowpage\n")
    (tmp_path / "assets" / "clinic-logo.svg").write_bytes((FIXTURES / "assets" / "clinic-logo.svg").read_bytes())
    path = tmp_path / "content.yaml"
    path.write_text(PICTURES.read_text())
    assert main(["--content", str(path), "--out", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:12:13: topic 'cramps', image.file: 'assets/stretch.png'")
    assert "PostScript" in err[0]
