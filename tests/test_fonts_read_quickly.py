"""The print fonts read quickly give reportlab exactly what its own reading gives."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from leaflets import fonts


def _face_values(face) -> dict:
    values = {key: value for key, value in vars(face).items() if key not in ("_pos", "_pdfScale")}
    values["_pdfScale(1000)"] = face._pdfScale(1000)
    return values


def _font_values(font) -> dict:
    values = {key: value for key, value in vars(font).items() if key not in ("face", "state", "encoding")}
    values["encoding"] = (type(font.encoding), vars(font.encoding))
    values["state"] = type(font.state)
    return values


def _files():
    files = list(fonts.font_files().values())
    if fonts.cjk_font_file() is not None:
        files.append(fonts.cjk_font_file())
    return files


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_a_font_read_quickly_has_every_value_reportlab_reads_from_it(path):
    quick, slow = fonts.quickly_read_font("quick", path), TTFont("quick", str(path))
    assert _face_values(quick.face) == _face_values(slow.face)
    assert _font_values(quick) == _font_values(slow)
    assert type(quick.face).__mro__[1:] == type(slow.face).__mro__
    assert quick.face.makeSubset([*range(32, 127), 0x4E00, 0x7684, 0x3002]) == \
           slow.face.makeSubset([*range(32, 127), 0x4E00, 0x7684, 0x3002])


class _Document:
    """Stands for the PDF a font's subsets belong to (reportlab keys them by a weak reference to it)."""


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_text_split_into_a_fonts_subsets_gets_the_codes_reportlabs_own_splitting_gives(path):
    quick, slow = fonts.quickly_read_font("quick", path), TTFont("quick", str(path))
    texts = ["Plain ASCII, with (brackets) & 100% ~ {braces}.", "37\u00a0\u00b0C for 10\u00a0minutes", "",
             "don\u2019t \u2022 stop", "tab\there", "Plain again after others", "\u00a0", "\u4e00\u7684\u3002 and more"]
    # past 256 characters a font's codes go on in more subsets; drawn again, each keeps its code
    many = "".join(chr(code) for code in sorted(slow.face.charToGlyph) if code > 0x7F)[:400]
    texts += [many[::-1], "don\u2019t \u2022 stop", many, "\u4e00\u7684\u3002 and more", texts[0]]
    quick_document, slow_document = _Document(), _Document()
    assert [quick.splitString(text, quick_document) for text in texts] == \
           [slow.splitString(text, slow_document) for text in texts]
