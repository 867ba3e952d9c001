"""Which characters the fonts can draw is read from their cmap tables without registering them with
reportlab, and is exactly what reportlab would find."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase.ttfonts import TTFontFile

from leaflets import fonts

VERA = sorted((Path(reportlab.__file__).parent / "fonts").glob("Vera*.ttf"))


def reportlabs_coverage(path: Path) -> set[int]:
    return set(TTFontFile(str(path)).charToGlyph)


def assert_same_coverage(path: Path) -> None:
    read, known = fonts.coverage(path), reportlabs_coverage(path)
    assert set(read) == known
    beyond = {code + step for code in known for step in (-1, 1)} | set(range(0, 0x30000, 97))
    assert {code for code in beyond if code in read} == beyond & known


@pytest.mark.parametrize("path", [*fonts.font_files().values(), *VERA], ids=lambda path: path.name)
def test_a_print_fonts_characters_read_from_its_cmap_are_those_reportlab_finds(path):
    assert_same_coverage(path)


def test_the_chinese_fonts_characters_read_from_its_cmap_are_those_reportlab_finds():
    path = fonts.cjk_font_file()
    if path is None:
        pytest.skip("the Chinese font is not installed")
    assert_same_coverage(path)


def test_the_characters_every_print_face_draws_are_those_of_the_registered_faces():
    from reportlab.pdfbase import pdfmetrics

    fonts.register()
    faces = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in fonts.font_files()]
    assert fonts._printable() == set.intersection(*faces)


def test_a_font_collection_is_read_by_reportlab(tmp_path, monkeypatch):
    collection = tmp_path / "fonts.ttc"
    collection.write_bytes(b"ttcf" + bytes(60))
    monkeypatch.setattr("reportlab.pdfbase.ttfonts.TTFontFile", lambda path: type("Face", (), {"charToGlyph": {65: 1, 0x4E00: 2}}))
    covered = fonts.coverage(collection)
    assert (65 in covered, 0x4E00 in covered, 66 in covered) == (True, True, False)


def test_a_text_needs_its_characters_looked_up_exactly_when_one_is_not_common():
    import sys

    assert [code for code in range(sys.maxunicode + 1)
            if (fonts._UNCOMMON.search(chr(code)) is None) != (chr(code) in fonts.COMMON)] == []
