"""Logos and templates arrive by e-mail. A hostile or broken one is refused before anything is drawn:
exit 1, one plain line at the line of content.yaml that names it (or naming the --template file),
no traceback, nothing written, and no program or Pillow reader other than PNG's and JPEG's reached."""

from __future__ import annotations

import base64
import io
import os
import re
import signal
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, Image
from pptx import Presentation

from leaflets.cli import main
from leaflets.content import load
from leaflets.deck.draw import DEFAULT_TEMPLATE
from leaflets.deck.plan import Box, Frames, plan
from leaflets.problems import TemplateError
from leaflets.theme import THEME as LOOK
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "minimal.yaml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
THEME = "ppt/theme/theme1.xml"


# ----- helpers: content naming a file, a build, and what the user sees -----

def content_naming(folder: Path, logo: str | None = None, template: str | None = None) -> Path:
    head = f'publisher:\n  name: Riverside Clinic\n  logo: "{logo}"\n' if logo else ""
    head += f'deck:\n  template: "{template}"\n' if template else ""
    path = folder / "content.yaml"
    path.write_text(head + MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def build(content: Path, *options: str) -> Path:
    out = content.parent / "out"
    build.code = main(["--content", str(content), "--out", str(out), *options])
    return out


def refusal(capsys, content: Path, *options: str) -> tuple[str, Path]:
    """Build and return the one problem line and the output folder; fails unless the build was refused
    with exit 1, one problem line, no traceback and nothing written."""
    out = build(content, *options)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = [line for line in captured.err.splitlines() if line and ": warning:" not in line]
    problems = [line for line in lines if not re.match(r"\d+ problems? in ", line)]
    assert build.code == 1, captured.err
    assert len(problems) == 1, lines
    assert not out.exists() or not any(out.iterdir())
    return problems[0], out


def logo_refusal(capsys, tmp_path: Path, name: str, data: bytes | None = None) -> str:
    if data is not None:
        (tmp_path / name).write_bytes(data)
    content = content_naming(tmp_path, logo=name)
    line, _ = refusal(capsys, content)
    assert line.startswith(f"{content}:3:9: publisher.logo: '{name[:20]}"), line
    return line


def template_refusal(capsys, tmp_path: Path, name: str) -> str:
    content = content_naming(tmp_path, template=name)
    line, _ = refusal(capsys, content)
    assert line.startswith(f"{content}:2:13: deck.template: "), line
    return line


def picture(kind: str, size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 60)).save(buffer, kind)
    return buffer.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def svg(body: str = '<rect width="10" height="10"/>', attributes: str = 'viewBox="0 0 64 40"') -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}>{body}</svg>'.encode()


def template_with(path: Path, edit=None, add: dict[str, bytes] | None = None, drop=()) -> Path:
    """The default template with some parts edited (name: bytes -> bytes), added or dropped."""
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename in drop:
                continue
            data = source.read(entry)
            if edit and entry.filename in edit:
                data = edit[entry.filename](data)
            target.writestr(entry.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return path


# ----- logos: decided by their bytes -----

def test_logo_that_is_postscript_is_refused_before_any_program_runs(tmp_path, capsys, monkeypatch):
    opened = []
    original = EpsImagePlugin.EpsImageFile._open
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", lambda self: (opened.append(1), original(self))[1])
    marker = tmp_path / "written-by-postscript"
    eps = (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
           b"(" + str(marker).encode() + b") (w) file dup (ran) writestring closefile\nshowpage\n")
    line = logo_refusal(capsys, tmp_path, "logo.png", eps)
    assert line.endswith("'logo.png' is PostScript (EPS), not PNG; open it in an image program and save it as PNG "
                         "(a logo may be PNG, JPEG or SVG)")
    assert not opened and not marker.exists()


@pytest.mark.parametrize("kind, words", [("WEBP", "a WebP image"), ("GIF", "a GIF image"), ("BMP", "a BMP image"),
                                         ("TIFF", "a TIFF image")])
def test_logo_in_another_image_format_says_what_it_really_is(tmp_path, capsys, kind, words):
    line = logo_refusal(capsys, tmp_path, "logo.png", picture(kind))
    assert line.endswith(f"'logo.png' is {words}, not PNG; open it in an image program and save it as PNG "
                         "(a logo may be PNG, JPEG or SVG)")


def test_jpeg_named_png_is_told_to_rename_it(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.png", picture("JPEG"))
    assert line.endswith("'logo.png' is a JPEG file under a PNG name; rename it to end in .jpg, or save it again as PNG")


def test_truncated_png_is_refused_as_unreadable(tmp_path, capsys):
    noise = Image.frombytes("RGB", (120, 120), os.urandom(120 * 120 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    line = logo_refusal(capsys, tmp_path, "logo.png", buffer.getvalue()[: len(buffer.getvalue()) // 2])
    assert "'logo.png' cannot be read as PNG (" in line
    assert line.endswith("save the file again from your image program")


def test_png_a_hundred_thousand_pixels_wide_and_one_high_is_refused(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.png", picture("PNG", (100_000, 1)))
    assert line.endswith("'logo.png' is 100000 × 1 pixels, 100000 times as wide as it is tall; crop it to the logo "
                         "itself (at most 20 times as wide as it is tall)")


def test_png_whose_header_promises_billions_of_pixels_is_refused_before_decoding(tmp_path, capsys):
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(b"\0" * 1_000_000, 9)) + png_chunk(b"IEND", b""))
    line = logo_refusal(capsys, tmp_path, "logo.png", bomb)
    assert "far more pixels than a leaflet needs; save a smaller copy" in line


def test_logo_that_is_a_folder_or_a_pipe_says_what_it_is_without_opening_it(tmp_path, capsys):
    (tmp_path / "folder.png").mkdir()
    line = logo_refusal(capsys, tmp_path, "folder.png")
    assert line.endswith("'folder.png' is a folder, not an image file; write the path of the file itself, "
                         "for example 'assets/logo.png'")
    os.mkfifo(tmp_path / "pipe.png")
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the build opened the named pipe and waited"))
    signal.alarm(20)
    try:
        line = logo_refusal(capsys, tmp_path, "pipe.png")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert line.endswith("'pipe.png' is not a regular file (it is a named pipe); write the path of an ordinary "
                         "file, for example 'assets/logo.png'")


def test_logo_path_too_long_for_the_file_system_is_a_content_problem(tmp_path, capsys):
    name = "a" * 296 + ".png"
    line = logo_refusal(capsys, tmp_path, name)
    assert "is too long for a file name (300 characters); give the file a shorter name" in line


def test_logo_link_to_a_picture_is_followed_but_a_link_to_a_folder_is_not(tmp_path, capsys):
    (tmp_path / "real.png").write_bytes(picture("PNG"))
    (tmp_path / "logo.png").symlink_to(tmp_path / "real.png")
    build(content_naming(tmp_path, logo="logo.png"), "--format", "pdf")
    assert build.code == 0 and (tmp_path / "out" / "cramps.pdf").exists()
    capsys.readouterr()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "dir.png").symlink_to(tmp_path / "out")
    assert "'dir.png' is a folder" in logo_refusal(capsys, tmp_path / "other", "dir.png")


# ----- SVG logos: parsed without entities, bounded in what they cost to draw -----

def test_gzip_compressed_svg_is_refused_unopened(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", zlib.compress(svg())[:0] + _gzip(svg()))
    assert line.endswith("'logo.svg' is compressed (SVGZ); save it again as plain, uncompressed SVG")


def _gzip(data: bytes) -> bytes:
    import gzip
    return gzip.compress(data)


def test_svg_with_an_entity_bomb_is_refused(tmp_path, capsys):
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]>'.encode() + svg("<text>&a9;</text>")
    line = logo_refusal(capsys, tmp_path, "logo.svg", bomb)
    assert "'logo.svg' declares entities in a DOCTYPE" in line


def test_svg_use_bomb_is_refused_as_too_detailed(tmp_path, capsys):
    levels = ['<rect id="u0" width="1" height="1"/>'] + [
        f'<g id="u{i}">' + f'<use href="#u{i - 1}"/>' * 10 + "</g>" for i in range(1, 9)]
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(f"<defs>{''.join(levels)}</defs><use href='#u8'/>"))
    assert line.endswith("'logo.svg' is too detailed to draw quickly (more than 2500 shapes, counting every copy "
                         "made with <use>, every use of a gradient, pattern or clip path, and the pixels of pictures); "
                         "simplify it, or save it as PNG")


def test_svg_with_a_hundred_thousand_elements_is_refused(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg('<rect width="1" height="1"/>' * 100_000))
    assert "'logo.svg' is too detailed to draw quickly" in line


def test_svg_use_that_copies_itself_is_refused(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg('<g id="loop"><use href="#loop"/></g>'))
    assert "has an element that copies itself (with <use> or url(#…)); remove the loop" in line


def test_xml_file_with_another_outer_element_is_not_an_svg(tmp_path, capsys):
    page = b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'
    line = logo_refusal(capsys, tmp_path, "logo.svg", page)
    assert line.endswith("'logo.svg' is not an SVG drawing (its outer element is <html>, not <svg>); save the logo "
                         "as SVG or PNG")


@pytest.mark.parametrize("attributes, words", [
    ('width="0" height="40"', "has width '0', which is not a positive length"),
    ('width="abc" height="40"', "has width 'abc', which is not a positive length"),
    ('viewBox="0 0 abc 40"', "has a viewBox '0 0 abc 40' that is not four numbers"),
    ('width="64"', "says neither its size nor its viewBox"),
    ('viewBox="0 0 20000 1"', "is 15000 × 0.75 points, 20000 times as wide as it is tall"),
])
def test_svg_without_a_usable_size_is_refused(tmp_path, capsys, attributes, words):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(attributes=attributes))
    assert f"'logo.svg' {words}" in line


def test_svg_that_shows_a_file_from_elsewhere_is_refused(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg('<image href="../secret.png" width="9" height="9"/>'))
    assert "shows a picture from another file or address ('../secret.png')" in line


def test_svg_with_postscript_posing_as_an_embedded_png_is_refused(tmp_path, capsys):
    import base64
    eps = base64.b64encode(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 1 1\nshowpage\n").decode()
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(f'<image href="data:image/png;base64,{eps}"/>'))
    assert "holds a picture said to be PNG that is PostScript (EPS)" in line


def test_wide_svg_logo_is_rasterised_for_slides_at_a_bounded_size(tmp_path):
    from leaflets.pictures import images, pngs

    (tmp_path / "logo.svg").write_bytes(svg(attributes='viewBox="0 0 19000 1000"'))
    png = pngs.image_png(images.read(tmp_path / "logo.svg"))
    assert Image.open(io.BytesIO(png)).size[0] <= pngs.MAX_RASTER_WIDTH


def test_svg_text_in_any_font_is_drawn_in_the_print_face_without_looking_fonts_up(tmp_path, monkeypatch):
    import subprocess

    from leaflets.pictures import images
    from leaflets.print.blocks import logo

    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail(f"ran a program: {a}"))
    (tmp_path / "logo.svg").write_bytes(svg('<text x="1" y="20" font-family="Made Up Sans">Clinic</text>'))
    drawing = logo(tmp_path / "logo.svg", 40, 200)
    assert images.read(tmp_path / "logo.svg").kind == "SVG"
    assert set(font_names(drawing)) == {LOOK.fonts.regular}


def font_names(node):
    yield from filter(None, [getattr(node, "fontName", None)])
    for child in getattr(node, "contents", []):
        yield from font_names(child)


# ----- templates: the package checked before it is unpacked, then opened as the writer will -----

def test_template_with_a_part_unpacking_to_hundreds_of_megabytes_is_refused_unread(tmp_path, capsys):
    path = template_with(tmp_path / "big.pptx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        with package.open("ppt/media/image9.png", "w", force_zip64=True) as part:
            zeros = bytes(1_000_000)
            for _ in range(200):
                part.write(zeros)
    assert path.stat().st_size < 1_000_000
    line = template_refusal(capsys, tmp_path, "big.pptx")
    assert line.endswith("the template big.pptx holds a part of 200 MB unpacked (at most 20 MB) "
                         "('ppt/media/image9.png'); save a copy without slides, videos or large pictures, "
                         "or use another template")


def test_template_whose_directory_claims_a_part_of_gigabytes_is_refused(tmp_path, capsys):
    path = template_with(tmp_path / "liar.pptx", add={"ppt/media/image9.png": b"x" * 100})
    data = bytearray(path.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # the last central directory record: the added part
    data[entry + 24:entry + 28] = struct.pack("<I", 3_000_000_000)
    path.write_bytes(bytes(data))
    line = template_refusal(capsys, tmp_path, "liar.pptx")
    assert "the template liar.pptx holds a part of 3,000 MB unpacked" in line


def test_template_with_thousands_of_parts_is_refused(tmp_path, capsys):
    template_with(tmp_path / "many.pptx", add={f"junk/{i}.bin": b"" for i in range(5000)})
    line = template_refusal(capsys, tmp_path, "many.pptx")
    assert "the template many.pptx holds 5036 parts, far more than a template needs (at most 1000)" in line


@pytest.mark.parametrize("old, new, words", [
    (b'sz="3600"', b'sz="abc"', "gives a text size (sz) of 'abc', which is not a whole number"),
    (b'lIns="91440"', b'lIns="x"', "gives a text box inset (lIns) of 'x', which is not a whole number"),
])
def test_template_with_a_number_that_is_not_a_number_is_refused(tmp_path, capsys, old, new, words):
    template_with(tmp_path / "odd.pptx", edit={MASTER: lambda xml: xml.replace(old, new)})
    line = template_refusal(capsys, tmp_path, "odd.pptx")
    assert f"the template odd.pptx cannot be used: its slide master {words}; correct it in PowerPoint's " \
           "Slide Master view, or use another template" in line


def test_template_without_a_theme_is_refused(tmp_path, capsys):
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    template_with(tmp_path / "bare.pptx", drop=[THEME],
                  edit={rels: lambda xml: re.sub(rb'<Relationship [^>]*theme"[^>]*/>', b"", xml)})
    line = template_refusal(capsys, tmp_path, "bare.pptx")
    assert "the template bare.pptx cannot be used: its slide master has no theme" in line


def test_template_whose_theme_holds_an_entity_bomb_is_refused_unparsed(tmp_path, capsys):
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE a:theme [{entities}]>'.encode()
    template_with(tmp_path / "bomb.pptx", edit={THEME: lambda xml: xml.replace(b"?>", b"?>" + bomb, 1)
                                               .replace(b'name="Office"', b'name="&a9;"', 1)})
    line = template_refusal(capsys, tmp_path, "bomb.pptx")
    assert "the template bomb.pptx has a DOCTYPE in 'ppt/theme/theme1.xml'" in line


def test_zip_that_is_not_a_presentation_is_refused(tmp_path, capsys):
    with zipfile.ZipFile(tmp_path / "photos.pptx", "w") as package:
        package.writestr("holiday.txt", "not slides")
    line = template_refusal(capsys, tmp_path, "photos.pptx")
    assert "the template photos.pptx is a ZIP archive but not a PowerPoint file" in line


def test_template_that_is_a_folder_is_refused(tmp_path, capsys):
    (tmp_path / "folder.pptx").mkdir()
    line = template_refusal(capsys, tmp_path, "folder.pptx")
    assert line.endswith("'folder.pptx' is a folder, not a PowerPoint file; write the path of the file itself, "
                         "for example 'assets/our-template.pptx'")


def test_template_with_macros_is_refused(tmp_path, capsys):
    types = "[Content_Types].xml"
    template_with(tmp_path / "macro.pptx", add={"ppt/vbaProject.bin": b"\0" * 64}, edit={types: lambda xml: xml.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')})
    assert "the template macro.pptx holds macros" in template_refusal(capsys, tmp_path, "macro.pptx")


def test_template_linking_a_picture_from_a_network_share_is_refused(tmp_path, capsys):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(DEFAULT_TEMPLATE))
    prs.slide_master.part.relate_to("file://server/share/logo.png", RT.IMAGE, is_external=True)
    prs.save(str(tmp_path / "linked.pptx"))
    line = template_refusal(capsys, tmp_path, "linked.pptx")
    assert "the template linked.pptx links to 'file://server/share/logo.png' outside itself" in line


def test_template_with_huge_titles_is_blamed_with_the_size_it_needs(tmp_path, capsys):
    template_with(tmp_path / "shouty.pptx", edit={MASTER: lambda xml: xml.replace(b'sz="3600"', b'sz="400000"')})
    line = template_refusal(capsys, tmp_path, "shouty.pptx")
    assert re.search(r"the template shouty.pptx sets slide titles at 4000 pt, too large for the slide title "
                     r"'What we will cover' to fit on 2 lines; set the title size to \d+ pt or less in the Slide "
                     r"Master$", line), line


def test_fixed_title_that_does_not_fit_is_blamed_on_the_template_not_the_content(seed_content):
    frames = Frames(body=Box(width=770, height=340), title=Box(width=120, height=90, size=36, font="Helvetica-Bold"),
                    template="the template narrow.pptx")
    with pytest.raises(TemplateError, match="the template narrow.pptx's title box is too narrow for the slide "
                                            "title 'What we will cover'"):
        plan(seed_content, seed_content.topics[0], frames)


def test_template_given_with_the_option_is_checked_the_same_way(tmp_path, capsys):
    (tmp_path / "eps.pptx").write_bytes(b"%!PS-Adobe-3.0\nshowpage\n")
    line, _ = refusal(capsys, MINIMAL, "--format", "pptx", "--template", str(tmp_path / "eps.pptx"))
    assert line == ("the template eps.pptx is PostScript (EPS), not a PowerPoint template; open it in PowerPoint and "
                    "save it again as a PowerPoint Presentation (.pptx), or use another template. Nothing was written.")
    (tmp_path / "dir.pptx").mkdir()
    line, _ = refusal(capsys, MINIMAL, "--template", str(tmp_path / "dir.pptx"))
    assert line.startswith(f"'{tmp_path / 'dir.pptx'}' is a folder, not a PowerPoint file")


def test_a_deck_carries_none_of_the_template_slides_or_their_pictures(tmp_path):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    noise = io.BytesIO()
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(noise, "PNG")
    slide.shapes.add_picture(noise, 0, 0)
    prs.save(str(tmp_path / "with-slides.pptx"))
    assert (tmp_path / "with-slides.pptx").stat().st_size > 1_000_000
    out = build(content_naming(tmp_path, template="with-slides.pptx"), "--format", "pptx")
    assert build.code == 0
    deck = out / "cramps.pptx"
    with zipfile.ZipFile(deck) as package:
        assert not [name for name in package.namelist() if name.startswith("ppt/media/image") and
                    package.getinfo(name).file_size > 100_000]
    assert deck.stat().st_size < 200_000
    assert Presentation(str(deck)).slides[0].shapes.title.text == "Cramps"


TOO_DETAILED = ("'logo.svg' is too detailed to draw quickly (more than 2500 shapes, counting every copy made with "
                "<use>, every use of a gradient, pattern or clip path, and the pixels of pictures); simplify it, or "
                "save it as PNG")


@pytest.mark.parametrize("shared, use", [
    ('<clipPath id="x">' + '<rect width="1" height="1"/>' * 2000 + "</clipPath>", 'clip-path="url(#x)"'),
    ('<linearGradient id="x">' + '<stop offset="0.5" stop-color="red"/>' * 1500 + "</linearGradient>", 'fill="url(#x)"'),
    ('<linearGradient id="x">' + '<stop offset="0.5" stop-color="red"/>' * 1500 + "</linearGradient>",
     'style="fill: url(\'#x\')"'),
], ids=["clip-path", "gradient", "gradient-in-style"])
def test_svg_drawing_with_a_large_shared_part_many_times_is_refused_as_too_detailed(tmp_path, capsys, shared, use):
    # Under the shape limit once, but converted and drawn at each of its 440 uses: minutes and gigabytes.
    body = f"<defs>{shared}</defs>" + f'<rect width="4" height="4" {use}/>' * 440
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(body))
    assert line.endswith(TOO_DETAILED)


@pytest.mark.parametrize("cheap, costly, use", [
    ('<rect id="x" width="1" height="1"/>', '<g id="x">' + '<path d="M0 0 L1 1 L2 0 Z"/>' * 150 + "</g>",
     '<use href="#x"/>'),
    ('<linearGradient id="x"/>', '<linearGradient id="x">' + '<stop offset="0.5" stop-color="red"/>' * 1500
     + "</linearGradient>", '<rect width="4" height="4" fill="url(#x)"/>'),
], ids=["use", "gradient"])
def test_svg_naming_a_cheap_and_a_costly_element_alike_is_counted_at_the_costly_one(tmp_path, capsys, cheap, costly,
                                                                                     use):
    # svglib draws the last element of an id; counting the first let these through, for a minute and gigabytes.
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(f"<defs>{cheap}{costly}</defs>" + use * 1100))
    assert line.endswith(TOO_DETAILED)


def test_svg_logo_painted_by_a_style_sheet_as_illustrator_writes_it_is_drawn(tmp_path):
    stops = "".join(f'<stop offset="{i / 4}" stop-color="#00{i}f63"/>' for i in range(5))
    gradients = f'<linearGradient id="linear-gradient">{stops}</linearGradient>' + "".join(
        f'<linearGradient id="linear-gradient-{i}" x1="0" x2="{i}" href="#linear-gradient"/>' for i in range(2, 11))
    sheet = "".join(f".cls-{i}{{fill:url(#linear-gradient{'' if i == 1 else f'-{i}'});}}" for i in range(1, 11))
    shapes = "".join(f'<path class="cls-{1 + i % 10}" d="M{i} 0 L{i + 3} 30 L{i + 6} 0 Z"/>' for i in range(200))
    (tmp_path / "logo.svg").write_bytes(svg(f"<defs><style>{sheet}</style>{gradients}</defs>{shapes}",
                                            'viewBox="0 0 220 40"'))
    assert load(content_naming(tmp_path, logo="logo.svg")).publisher.logo.name == "logo.svg"


def test_svg_holding_large_pictures_is_refused_as_too_detailed(tmp_path, capsys):
    embedded = base64.b64encode(picture("PNG", (2000, 2000))).decode()
    body = "".join(f'<image width="10" height="10" href="data:image/png;base64,{embedded}"/>' for _ in range(7))
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(body))
    assert line.endswith(TOO_DETAILED)


def test_svg_with_a_style_rule_of_thousands_of_selectors_is_refused(tmp_path, capsys):
    selectors = ", ".join(f".c{i} rect" for i in range(5000))
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(f"<style>{selectors} {{fill:#123456}}</style><rect width='1' height='1'/>"))
    assert "'logo.svg' has 5000 style selectors, more than a logo needs (at most 200)" in line


def test_svg_logo_with_a_few_gradients_shared_by_its_shapes_is_drawn(tmp_path):
    stops = '<stop offset="0" stop-color="#004f63"/><stop offset="1" stop-color="#17613a"/>'
    defs = (f'<defs><linearGradient id="base">{stops}</linearGradient>'
            + "".join(f'<linearGradient id="g{i}" href="#base" x2="{i}"/>' for i in range(1, 4)) + "</defs>")
    shapes = "".join(f'<rect x="{i * 3}" width="2" height="30" fill="url(#g{1 + i % 3})"/>' for i in range(20))
    (tmp_path / "logo.svg").write_bytes(svg(defs + shapes))
    content = content_naming(tmp_path, logo="logo.svg")
    assert load(content).publisher.logo.name == "logo.svg"


def test_svg_of_a_vanishing_size_is_refused_as_having_no_usable_size(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(attributes='width="1e-8" height="1e-8"'))
    assert "'logo.svg' has no usable size (7.5e-09 × 7.5e-09); give the <svg> element a viewBox" in line


def test_svg_with_numbers_too_large_to_draw_says_so_in_plain_words(tmp_path, capsys):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg('<rect width="nan" height="1e400"/><path d="M 0 0 L 1e999 1 Z"/>'))
    assert "'logo.svg' cannot be drawn (a number in it is too large, or not a number); save it again" in line


def test_svg_with_thousands_of_style_rules_is_refused(tmp_path, capsys):
    rules = "".join(f".c{i} rect{{fill:#123456}}" for i in range(5000))
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(f"<style>{rules}</style><rect width='1' height='1'/>"))
    assert "'logo.svg' has 5000 style selectors, more than a logo needs (at most 200)" in line


def test_svg_logo_with_an_embedded_png_is_accepted(tmp_path):
    import base64

    embedded = base64.b64encode(picture("PNG")).decode()
    (tmp_path / "logo.svg").write_bytes(svg(f'<image width="40" height="20" href="data:image/png;base64,{embedded}"/>'))
    build(content_naming(tmp_path, logo="logo.svg"), "--format", "pdf")
    assert build.code == 0


def test_logo_written_as_a_list_is_a_content_problem(tmp_path, capsys):
    content = content_naming(tmp_path)
    content.write_text("publisher:\n  name: Clinic\n  logo: [a.png]\n" + content.read_text(encoding="utf-8"))
    line, _ = refusal(capsys, content)
    assert line.endswith("publisher.logo: should be the path of a file, relative to content.yaml; "
                         "for example 'assets/logo.png'")


def test_template_with_huge_list_text_is_blamed_with_the_size_it_needs(tmp_path, capsys):
    template_with(tmp_path / "loud.pptx", edit={MASTER: lambda xml: xml.replace(b'sz="2800"', b'sz="40000"')})
    line = template_refusal(capsys, tmp_path, "loud.pptx")
    assert re.search(r"the template loud.pptx sets list text at 400 pt, too large for its text box to hold a list; "
                     r"set the list text to \d+ pt or less in the Slide Master$", line), line


@pytest.mark.parametrize("shape", ['<rect width="abc" height="1"/>', '<path d="M 1 x"/>',
                                   '<rect width="1" height="1" stroke="red" stroke-dasharray="0 0"/>'])
def test_svg_that_svglib_or_reportlab_cannot_draw_is_refused_when_read(tmp_path, capsys, shape):
    line = logo_refusal(capsys, tmp_path, "logo.svg", svg(shape))
    assert "'logo.svg' cannot be drawn (" in line
    assert line.endswith("save it again from your image or drawing program, or save it as PNG")


@pytest.mark.parametrize("content_type, kind", [
    ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml", "a PowerPoint template (.potx)"),
    ("application/vnd.ms-powerpoint.template.macroEnabled.main+xml", "a macro-enabled PowerPoint template (.potm)"),
    ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml", "a PowerPoint show (.ppsx)"),
    ("application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml", "a macro-enabled PowerPoint show (.ppsm)"),
], ids=["potx", "potm", "ppsx", "ppsm"])
def test_another_kind_of_powerpoint_file_renamed_says_to_save_it_as_a_presentation(tmp_path, capsys, content_type, kind):
    main_type = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    template_with(tmp_path / "ours.pptx", edit={"[Content_Types].xml": lambda xml: xml.replace(main_type, content_type.encode())})
    line = template_refusal(capsys, tmp_path, "ours.pptx")
    assert line.endswith(f"the template ours.pptx is {kind} with a .pptx name; open it in PowerPoint and save it as a "
                         "PowerPoint Presentation (.pptx), or use another template")
