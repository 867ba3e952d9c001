"""What is made once and shared between outputs gives what making it afresh gives."""

from __future__ import annotations

import copy
import io

from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas

from leaflets import fonts
from leaflets.pictures import icons


def _pdf_of(drawing) -> bytes:
    canvas = Canvas(io.BytesIO(), invariant=1)
    renderPDF.draw(drawing, canvas, 10, 10)
    canvas.showPage()
    return canvas.getpdfdata()


def _deep_copied_icon(name: str, size: float, colour: str):
    icon = copy.deepcopy(icons._parsed(name, colour))
    icon.scale(size / icon.width, size / icon.width)
    icon.width = icon.height = size
    return icon


def test_an_icon_draws_as_a_copy_of_its_own_would_even_after_others_sharing_its_shapes_were_scaled_and_moved():
    fonts.register()  # a drawing starts in the print font
    colour = icons.COLOURS["warning"]
    for size in (20, 50):
        other = icons.drawing("warning", 2 * size, colour)
        other.translate(5, 7)
        _pdf_of(other)
        assert _pdf_of(icons.drawing("warning", size, colour)) == _pdf_of(_deep_copied_icon("warning", size, colour))
