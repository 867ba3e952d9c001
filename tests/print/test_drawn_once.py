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


def _wrapped_and_drawn(paragraph_class, markup: str, style, widths) -> tuple:
    """The size a paragraph reports after being asked at each width in turn, the PDF it draws, and
    the PDFs of the two pieces it splits into at the last width."""
    paragraph = paragraph_class(markup, style, bulletText="\u2022")
    for width in widths:
        size = paragraph.wrap(width, 1000)
    pieces = paragraph_class(markup, style, bulletText="\u2022")
    pieces.wrap(widths[-1], 1000)
    pieces = pieces.split(widths[-1], style.leading * 2.5)
    for piece in pieces:
        piece.wrap(widths[-1], 1000)
    return size, [_drawn_paragraph(p) for p in [paragraph, *pieces]]


def _drawn_paragraph(paragraph) -> bytes:
    canvas = Canvas(io.BytesIO(), invariant=1)
    paragraph.drawOn(canvas, 20, 20)
    canvas.showPage()
    return canvas.getpdfdata()


def test_a_paragraph_asked_its_height_again_at_the_same_width_lays_out_and_splits_as_one_asked_once():
    from reportlab.platypus import Paragraph

    from leaflets.print import blocks
    from leaflets.theme import THEME

    class BrokenEachTime(blocks.ChineseParagraph):
        wrap = Paragraph.wrap

    style = blocks.styles(THEME.print)["bullet"]
    english = ("Stretch your <b>calf muscles</b> gently before bed, for 30\u00a0seconds, and again "
               "in the morning; see <a href=\"https://example.org\">example.org</a> for more. " * 3)
    chinese = blocks.text("睡前轻轻拉伸小腿肌肉，每次30秒，早上再做一次；更多内容见 example.org。" * 4)
    for made, plain, markup in ((blocks.LinesBrokenOnce, Paragraph, english),
                                (blocks.ChineseParagraph, BrokenEachTime, chinese)):
        styled = blocks._chinese(style) if made is blocks.ChineseParagraph else style
        for widths in ([200], [200, 200], [120, 200, 200], [200, 120, 200], [200, 200, 120]):
            assert _wrapped_and_drawn(made, markup, styled, widths) == _wrapped_and_drawn(plain, markup, styled, widths)


def test_a_qr_code_drawn_twice_from_its_shared_squares_draws_as_reportlabs_widget_draws_it():
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    from leaflets.print import blocks
    from leaflets.theme import THEME

    fonts.register()
    url = "https://health.example.org/leaflets/leg-cramps?from=qr"
    widget = QrCodeWidget(url, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    for size in (60, 90):
        as_widget = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                            initialFontName=THEME.fonts.regular)
        as_widget.add(widget)
        assert _pdf_of(blocks.qr_code(url, size)) == _pdf_of(as_widget)


def test_a_paragraph_of_markup_parsed_before_lays_out_as_one_parsed_afresh_after_the_first_was_set_and_split():
    from leaflets.print import blocks
    from leaflets.theme import THEME

    style = blocks.styles(THEME.print)["body"]
    markup = ("<b>Self-care:</b> stretch and <i>massage</i> the muscle; see "
              "<a href=\"https://example.org/cramps\">example.org/cramps</a>. " * 4)
    blocks._PARSED.clear()
    first = blocks.LinesBrokenOnce(markup, style)
    first.wrap(150, 1000)
    for piece in first.split(150, style.leading * 2.5):
        piece.wrap(150, 1000)
        _drawn_paragraph(piece)
    parsed_before = blocks.LinesBrokenOnce(markup, style)
    blocks._PARSED.clear()
    parsed_afresh = blocks.LinesBrokenOnce(markup, style)
    for paragraph in (parsed_before, parsed_afresh):
        paragraph.wrap(150, 1000)
    assert _drawn_paragraph(parsed_before) == _drawn_paragraph(parsed_afresh)
    assert _split_and_drawn(parsed_before, style) == _split_and_drawn(parsed_afresh, style)

    heading = blocks.styles(THEME.print)["heading"]
    after_body = blocks.LinesBrokenOnce(markup, heading)
    blocks._PARSED.clear()
    afresh = blocks.LinesBrokenOnce(markup, heading)
    for paragraph in (after_body, afresh):
        paragraph.wrap(150, 1000)
    assert _drawn_paragraph(after_body) == _drawn_paragraph(afresh)


def _split_and_drawn(paragraph, style) -> list[bytes]:
    pieces = paragraph.split(150, style.leading * 2.5)
    for piece in pieces:
        piece.wrap(150, 1000)
    return [_drawn_paragraph(piece) for piece in pieces]


def test_parsed_markup_kept_for_reuse_stays_within_its_bound_and_keeps_what_was_used_last():
    from leaflets.print import blocks
    from leaflets.theme import THEME

    style = blocks.styles(THEME.print)["body"]
    blocks._PARSED.clear()
    blocks.LinesBrokenOnce("<b>Often used</b>", style)
    for number in range(blocks._PARSED_AT_MOST + 50):
        blocks.LinesBrokenOnce(f"Line {number}", style)
        blocks.LinesBrokenOnce("<b>Often used</b>", style)
    assert len(blocks._PARSED) == blocks._PARSED_AT_MOST
    assert ("<b>Often used</b>", style, None, 1) in blocks._PARSED
    assert ("Line 0", style, None, 1) not in blocks._PARSED


def _pdf_with_text(lines) -> bytes:
    canvas = Canvas(io.BytesIO(), invariant=1)
    for n, (font, line) in enumerate(lines):
        canvas.setFont(font, 12)
        canvas.drawString(20, 20 + 14 * n, line)
    canvas.showPage()
    return canvas.getpdfdata()


def test_a_pdf_whose_font_subsets_were_made_for_an_earlier_pdf_embeds_and_writes_what_one_making_them_afresh_does():
    from leaflets.theme import THEME

    fonts.register()
    regular, bold = THEME.fonts.regular, THEME.fonts.bold
    pdfs = [
        [(regular, "Caf\u00e9 \u2022 na\u00efve \u2019quoted\u2019"), (bold, "Warning \u2013 signs")],
        [(regular, "\u2019quoted\u2019 Caf\u00e9 \u2022 na\u00efve"), (bold, "Warning \u2013 signs")],  # other order
        [(regular, "M\u00fcller \u00b7 37\u00a0\u00b0C"), (bold, "Warning \u2014 signs")],
        [(regular, "Caf\u00e9 \u2022 na\u00efve \u2019quoted\u2019"), (bold, "Warning \u2013 signs")],
    ]
    made_before = [_pdf_with_text(lines) for lines in pdfs]
    afresh = []
    for lines in pdfs:
        fonts._SUBSETS.clear()
        fonts._COMPRESSED.clear()
        fonts._WIDTHS.clear()
        afresh.append(_pdf_with_text(lines))
    assert made_before == afresh
    assert made_before[0] == made_before[3] != made_before[1]


def test_font_subsets_kept_for_reuse_stay_within_their_bound():
    from leaflets.theme import THEME

    fonts.register()
    fonts._SUBSETS.clear()
    fonts._COMPRESSED.clear()
    fonts._WIDTHS.clear()
    for code in range(0xC0, 0xC0 + fonts._SUBSETS_AT_MOST + 10):
        _pdf_with_text([(THEME.fonts.regular, f"Letter {chr(code)}")])
    assert len(fonts._SUBSETS) == fonts._SUBSETS_AT_MOST
    assert len(fonts._COMPRESSED) == 2 * fonts._SUBSETS_AT_MOST
    assert 0 < len(fonts._WIDTHS) <= fonts._SUBSETS_AT_MOST


def test_pieces_of_paragraphs_look_alike_exactly_when_reportlabs_accelerator_says_they_do():
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.platypus import Paragraph

    from leaflets.print import blocks
    from leaflets.theme import THEME

    style = blocks.styles(THEME.print)["body"]
    markup = [
        "Plain words and <b>bold words</b> and <i>italic</i> and <b><i>both</i></b>.",
        '<a href="https://example.org">a link</a> then <a href="https://example.org/other">another</a>.',
        '<font color="#aa0000">red</font> <font size="14">big</font> <super>up</super> <u>under</u> <strike>x</strike>',
        'one<br/>two <span backColor="#eeeeee">shaded</span> <nobr>kept together</nobr> \u00a0end',
        f'<font name="{THEME.fonts.bold}">named face</font> <a name="here"/>anchored last',
    ]
    pieces = []
    for text in markup:
        paragraph = Paragraph(text, style)
        pieces += paragraph.frags
        paragraph.wrap(120, 1000)
        pieces += [word for line in paragraph.blPara.lines for word in getattr(line, "words", [])]
    assert len(pieces) > 40
    assert [blocks.same_look(f, g) for f in pieces for g in pieces] == [sameFrag(f, g) for f in pieces for g in pieces]
    assert any(blocks.same_look(f, g) for f in pieces for g in pieces if f is not g)


def test_a_word_measured_before_measures_as_reportlab_measures_it_in_each_font_and_size_and_the_widths_stay_bounded():
    from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

    from leaflets.print import blocks
    from leaflets.theme import THEME

    fonts.register()
    words = ["calcium,", " ", "\u00a0", "Caf\u00e9", "don\u2019t", "37\u00a0\u00b0C", ""]
    faces = [THEME.fonts.regular, THEME.fonts.bold, THEME.fonts.italic, "Helvetica"]
    for _ in range(2):
        assert [blocks.word_width(word, face, size) for word in words for face in faces for size in (9, 12.5)] == \
               [stringWidth(word, face, size) for word in words for face in faces for size in (9, 12.5)]
        assert [blocks.ascent_and_descent(face, size) for face in faces for size in (9, 12.5, None)] == \
               [getAscentDescent(face, size) for face in faces for size in (9, 12.5, None)]
    blocks._WIDTHS.clear()
    for number in range(blocks._WIDTHS_AT_MOST + 10):
        blocks.word_width(f"w{number}", THEME.fonts.regular, 10)
    assert len(blocks._WIDTHS) <= blocks._WIDTHS_AT_MOST


def _flowable_pdf(drawings) -> bytes:
    canvas = Canvas(io.BytesIO(), invariant=1)
    for n, drawing in enumerate(drawings):
        drawing.drawOn(canvas, 10 + 30 * n, 20 + 7 * n)
    canvas.showPage()
    return canvas.getpdfdata()


def test_shared_drawings_drawn_again_write_what_drawing_them_afresh_writes_and_new_shapes_are_never_taken_for_old(
        monkeypatch):
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib.colors import HexColor

    from leaflets.print import blocks
    from leaflets.theme import THEME

    fonts.register()

    def drawings(call: int):
        shared = [icons.drawing(name, size, icons.COLOURS[name]) for name in ("warning", "advice") for size in (14, 22)]
        shared.append(blocks.qr_code("https://health.example.org/leaflets/leg-cramps", 60))
        translucent = icons.SharedDrawing(20, 20, Rect(0, 0, 10, 10, fillColor=HexColor("#aa0000"), fillOpacity=0.5),
                                          initialFontName=THEME.fonts.regular)
        in_helvetica = icons.SharedDrawing(20, 20, Rect(1, 1, 9, 9))  # sets reportlab's default font
        new_shapes = icons.SharedDrawing(20, 20, Rect(2, 2, 8, 8 + call), initialFontName=THEME.fonts.regular)
        return [*shared, translucent, in_helvetica, new_shapes]

    icons._OPERATORS.clear()
    made = [_flowable_pdf(drawings(call)) for call in (1, 2)]
    with monkeypatch.context() as patched:
        patched.setattr(icons.SharedDrawing, "draw", Drawing.draw)
        afresh = [_flowable_pdf(drawings(call)) for call in (1, 2)]
    assert made == afresh
    # Kept: the icons, the QR code, and the new shapes of each call (never found for the other call's);
    # not the translucent square (a graphics state) nor the one that sets a font.
    assert len(icons._OPERATORS) == 5 + 2


def test_a_paragraph_whose_lines_were_broken_for_an_earlier_one_lays_out_splits_and_draws_as_one_broken_afresh():
    from reportlab.platypus import Paragraph

    from leaflets.print import blocks
    from leaflets.theme import THEME

    class ChineseBrokenEachTime(blocks.ChineseParagraph):
        wrap = Paragraph.wrap

    styles = blocks.styles(THEME.print)
    english, chinese = (blocks.LinesBrokenOnce, Paragraph), (blocks.ChineseParagraph, ChineseBrokenEachTime)
    cases = [
        ("Stretch your calf muscles gently before bed, for 30\u00a0seconds, and again in the morning. " * 3,
         styles["body"], None, english),
        ("<b>What you can do:</b> stretch and <i>massage</i> the muscle; see "
         "<a href=\"https://example.org/cramps\">example.org/cramps</a> for more. " * 3, styles["body"], None, english),
        ("Keep your feet warm, especially in bed on cold nights, and drink enough water. " * 2,
         styles["bullet"], "\u2022", english),
        ("One line<br/>and <b>another</b> after a break, then words enough to wrap past the width. " * 2,
         styles["source"], None, english),
        ("https://health.example.org/leaflets/a-very-long-address-that-cannot-break-anywhere-at-all", styles["body"],
         None, english),
        (blocks.text("睡前轻轻拉伸小腿肌肉（每次30秒），早上再做一次；更多内容见 example.org。" * 3),
         blocks._chinese(styles["body"]), None, chinese),
        ("<b>" + blocks.text("你可以做的：") + "</b>" + blocks.text("注意腿脚保暖，特别是在寒冷的夜晚。" * 3),
         blocks._chinese(styles["bullet"]), "\u2022", chinese),
    ]
    blocks._BROKEN.clear()
    for markup, style, bullet, (maker, reference) in cases:
        for width in (150, 260):
            first = maker(markup, style, bulletText=bullet)
            first.wrap(width, 1000)
            for piece in first.split(width, style.leading * 2.5):  # splitting and drawing change the lines
                piece.wrap(width, 1000)
                _drawn_paragraph(piece)
            _drawn_paragraph(first)
            for made in (maker, reference):
                paragraph = made(markup, style, bulletText=bullet)
                size = paragraph.wrap(width, 1000)
                pieces = made(markup, style, bulletText=bullet)
                pieces.wrap(width, 1000)
                pieces = pieces.split(width, style.leading * 2.5)
                for piece in pieces:
                    piece.wrap(width, 1000)
                drawn = (size, _drawn_paragraph(paragraph), [_drawn_paragraph(piece) for piece in pieces])
                if made is reference:
                    assert drawn == kept
                kept = drawn
    assert len(blocks._BROKEN) >= 12  # all but the unbreakable address, at two widths
