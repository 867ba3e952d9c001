"""Every printed format (A4, large print, trifold), read back from the PDF as the print room sees it."""

from __future__ import annotations

from dataclasses import replace
import collections

import pytest
from pypdf import PdfReader

from leaflets.build import build
from leaflets.cli import main
from leaflets.content import load
from leaflets.theme import THEME, contrast_ratio
from leaflets.print.trifold import TrifoldOverflow
from leaflets.wording import ADVICE_HEADING, SOURCES_HEADING, WARNING_HEADING, causes_heading
from tests.conftest import FIXTURES, normalise
from tests.pdf import A4, MM, chars_of, font_descriptors, outline_titles, page_sizes, text_of

TOPICS = ["leg-cramps", "leg-cramps-middle-aged-women"]
PRINTED = ["pdf", "large-print", "trifold"]
# Where a trifold is folded, measured from the left edge of each side of the sheet.
FOLDS_MM = {1: (97, 197), 2: (100, 200)}


@pytest.fixture(params=[(t, f) for t in TOPICS for f in PRINTED], ids=lambda p: f"{p[0]}-{p[1]}")
def printed(request, seed_content, seed_outputs):
    topic_id, format_name = request.param
    return seed_content.topic(topic_id), format_name, seed_outputs[(topic_id, format_name)]


@pytest.fixture(params=[(t, f) for t in TOPICS for f in ("pdf", "large-print")], ids=lambda p: f"{p[0]}-{p[1]}")
def flowing(request, seed_content, seed_outputs):
    """The formats that flow over as many A4 pages as they need."""
    topic_id, format_name = request.param
    return seed_content.topic(topic_id), format_name, seed_outputs[(topic_id, format_name)]


def body_size(path) -> float:
    """The size most characters are set in."""
    sizes = collections.Counter(round(char["size"], 1) for _, _, char in chars_of(path))
    return sizes.most_common(1)[0][0]


def test_page_size_and_orientation(printed):
    _, format_name, path = printed
    sizes = page_sizes(path)
    if format_name == "trifold":
        assert sizes == [pytest.approx((A4[1], A4[0]), abs=0.5)] * 2  # landscape, outside and inside
    else:
        assert all(size == pytest.approx(A4, abs=0.5) for size in sizes)


def test_every_cause_warning_sign_and_advice_item_is_printed(printed, seed_content):
    topic, _, path = printed
    text = normalise(text_of(path))
    expected = [topic.title, causes_heading(topic), WARNING_HEADING, ADVICE_HEADING, SOURCES_HEADING,
                *(cause.name for cause in topic.causes), *topic.warning_signs, *topic.advice,
                *(source.title for source in seed_content.sources_of(topic)), "does not replace advice"]
    assert [item for item in expected if normalise(item) not in text] == []


def test_a4_and_large_print_carry_every_explanation_and_care_line(flowing):
    topic, _, path = flowing
    text = normalise(text_of(path))
    expected = [topic.summary] + [part for c in topic.causes for part in (c.explanation, c.self_care, c.medical_care) if part]
    assert [item for item in expected if normalise(item) not in text] == []


def test_minimum_type_sizes(printed):
    _, format_name, path = printed
    smallest = round(min(char["size"] for _, _, char in chars_of(path)), 2)
    if format_name == "pdf":
        assert body_size(path) >= 12
        assert smallest >= 9  # only the footer is below 12 pt; checked closely in test_leaflet
    elif format_name == "large-print":
        assert body_size(path) >= 16
        assert smallest >= 12
    else:
        assert smallest >= 12


def test_large_print_has_no_italics(seed_outputs):
    for topic_id in TOPICS:
        fonts = {char["fontname"] for _, _, char in chars_of(seed_outputs[(topic_id, "large-print")])}
        assert not [font for font in fonts if "Italic" in font]


def test_all_text_is_at_least_5mm_inside_the_paper(printed):
    _, _, path = printed
    width = page_sizes(path)[0][0]
    for _, height, char in chars_of(path):
        assert 5 * MM <= char["x0"] and char["x1"] <= width - 5 * MM, char["text"]
        assert 5 * MM <= char["top"] and char["bottom"] <= height - 5 * MM, char["text"]


def test_no_character_lies_within_5mm_of_a_trifold_fold(seed_outputs):
    for topic_id in TOPICS:
        for page, _, char in chars_of(seed_outputs[(topic_id, "trifold")]):
            for fold in FOLDS_MM[page]:
                clear = char["x1"] <= (fold - 5) * MM or char["x0"] >= (fold + 5) * MM
                assert clear, f"{char['text']!r} on page {page} at {char['x0'] / MM:.1f} mm, fold at {fold} mm"


def test_trifold_cover_is_the_right_hand_outside_panel_and_sources_the_middle(seed_outputs, seed_content):
    topic = seed_content.topics[0]
    path = seed_outputs[(topic.id, "trifold")]
    reader = PdfReader(path)

    def panel_text(page, left_mm, right_mm):
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            sheet = pdf.pages[page]
            return normalise(sheet.crop((left_mm * MM, 0, min(right_mm * MM, sheet.width), sheet.height)).extract_text())

    assert normalise(topic.title) in panel_text(0, 197, 297)
    assert normalise(SOURCES_HEADING) in panel_text(0, 97, 197)
    assert normalise(WARNING_HEADING) in panel_text(0, 0, 97)
    assert normalise(causes_heading(topic)) in panel_text(1, 0, 100)
    assert len(reader.pages) == 2


def test_every_font_is_embedded(printed):
    _, _, path = printed
    fonts = font_descriptors(path)
    assert fonts and all("AtkinsonHyperlegible" in name for name in fonts)
    assert all({"/FontFile2", "/FontFile", "/FontFile3"} & set(d) for d in fonts.values())


def test_outline_lists_the_sections(printed):
    topic, _, path = printed
    titles = outline_titles(path)
    for heading in (causes_heading(topic), WARNING_HEADING, ADVICE_HEADING):
        assert heading in titles


def test_document_language_and_title_are_set(printed):
    topic, _, path = printed
    reader = PdfReader(path)
    assert reader.metadata.title.startswith(topic.title)
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_no_heading_ends_a_page(flowing):
    _, format_name, path = flowing
    sizes = THEME.print if format_name == "pdf" else THEME.large_print
    heading_sizes = {sizes.heading, sizes.cause_name}
    by_page = collections.defaultdict(list)
    for page, height, char in chars_of(path):
        if char["bottom"] < height - 25 * MM:  # above the footer
            by_page[page].append(char)
    for page, chars in list(by_page.items())[:-1]:
        last_line = max(char["bottom"] for char in chars)
        sizes_on_last_line = {round(c["size"], 1) for c in chars if abs(c["bottom"] - last_line) < 2}
        assert not sizes_on_last_line & heading_sizes, f"a heading ends page {page}"


def test_text_colours_meet_wcag_aa_on_their_backgrounds():
    """The pairs every print format and the default deck template use."""
    colours = THEME.colours
    pairs = {
        "body on paper": (colours.ink, colours.paper),
        "footer on paper": (colours.muted, colours.paper),
        "headings on paper": (colours.primary, colours.paper),
        "title on band": (colours.on_primary, colours.primary),
        "body on notice": (colours.ink, colours.primary_tint),
        "warning heading on its panel": (colours.warning, colours.warning_tint),
        "body on warning panel": (colours.ink, colours.warning_tint),
        "advice heading on paper": (colours.advice, colours.paper),
        "warning heading on paper": (colours.warning, colours.paper),
        "slide section title on tint": (colours.primary, colours.primary_tint),
        "slide numbers on paper": (colours.muted, colours.paper),
    }
    low = {name: round(contrast_ratio(*pair), 2) for name, pair in pairs.items() if contrast_ratio(*pair) < 4.5}
    assert low == {}


def test_warning_panel_stands_out_in_greyscale():
    """Its border must differ from the paper and its tint by luminance, not by hue alone."""
    colours = THEME.colours
    assert contrast_ratio(colours.warning, colours.warning_tint) >= 3
    assert contrast_ratio(colours.warning, colours.paper) >= 3


@pytest.fixture
def tripled(seed_content):
    """The first seed topic with three times as many causes, warning signs and advice items."""
    topic = seed_content.topics[0]
    causes = topic.causes + tuple(replace(c, name=f"{c.name} ({n})") for n in ("again", "third")
                                  for c in topic.causes)
    bigger = replace(topic, causes=causes, warning_signs=topic.warning_signs * 3, advice=topic.advice * 3)
    return replace(seed_content, topics=(bigger,)), bigger


@pytest.mark.parametrize("format_name", ["pdf", "large-print"])
def test_three_times_the_content_flows_on_with_nothing_missing(tripled, format_name, tmp_path):
    content, topic = tripled
    [path] = build(content, [topic], [format_name], tmp_path)
    text = normalise(text_of(path))
    assert [c.name for c in topic.causes if normalise(c.name) not in text] == []
    assert text.count(normalise(topic.causes[0].explanation)) == 3
    assert text.count(normalise(topic.warning_signs[-1])) == 3
    assert text.count(normalise(topic.advice[-1])) == 3


def test_trifold_refuses_content_it_cannot_fit_and_says_how_much_is_over(tripled, tmp_path):
    content, topic = tripled
    expected = (r"topic 'leg-cramps' does not fit a trifold at 12 pt: .*"
                r"the inside panels \(causes and advice\) would need about \d+ mm more room\.")
    with pytest.raises(TrifoldOverflow, match=expected):
        build(content, [topic], ["trifold"], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_command_reports_an_overfull_trifold_in_one_line(tmp_path, capsys, write_content):
    signs = "".join(f"      - Warning sign number {n} that needs a whole line of text to explain it well\n"
                    for n in range(40))
    path = write_content((FIXTURES / "minimal.yaml").read_text().replace(
        "    warning_signs:\n      - Cramps that keep coming back\n", "    warning_signs:\n" + signs))
    assert main(["--content", str(path), "--out", str(tmp_path / "out"), "--format", "trifold"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if ": warning:" not in line]
    assert len(err) == 1
    assert "the flap (warning signs) would need about" in err[0] and "Nothing was written" in err[0]
    assert not (tmp_path / "out" / "cramps-trifold.pdf").exists()


def test_branded_leaflet_prints_publisher_review_dates_and_a_qr_code(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    paths = build(content, list(content.topics), PRINTED, tmp_path)
    for path in paths:
        text = normalise(text_of(path))
        for expected in ["Riverside Community Health Centre", "Call 01234 567890",
                         "Reviewed 1 October 2026", "Next review 1 October 2027", "Version 2.1",
                         "Scan the code to read more", "https://health.example.org/cramps-guide"]:
            assert normalise(expected) in text, (path.name, expected)
    a4 = PdfReader(paths[0])
    for page in a4.pages:
        assert "Next review 1 October 2027" in " ".join(page.extract_text().split())


def test_leaflet_without_a_web_address_has_no_qr_code(seed_outputs):
    assert "Scan the code" not in text_of(seed_outputs[("leg-cramps", "pdf")])


@pytest.mark.parametrize("logo, message", [
    ("assets/missing.png", "publisher.logo: cannot find the file 'assets/missing.png'"),
    ("assets/broken.png", "publisher.logo: 'assets/broken.png' cannot be read as PNG"),
    ("assets/logo.gif", "publisher.logo: 'assets/logo.gif' is not a PNG or JPG or JPEG or SVG file"),
])
def test_a_missing_or_unreadable_logo_is_one_line_naming_the_file(logo, message, write_content, capsys):
    path = write_content(f"publisher:\n  name: Clinic\n  logo: {logo}\n"
                         + (FIXTURES / "minimal.yaml").read_text())
    (path.parent / "assets").mkdir()
    (path.parent / "assets" / "broken.png").write_bytes(b"not a picture")
    assert main(["--content", str(path), "--check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:3:9: {message}")
    assert len(err) == 2


def test_a_png_logo_is_printed(tmp_path, write_content):
    from PIL import Image
    path = write_content("publisher:\n  name: Clinic\n  logo: logo.png\n" + (FIXTURES / "minimal.yaml").read_text())
    Image.new("RGB", (300, 100), "#17613A").save(path.parent / "logo.png")
    [pdf] = build(load(path), list(load(path).topics), ["pdf"], tmp_path / "out")
    assert PdfReader(pdf).pages[0]["/Resources"]["/XObject"]


def test_an_enormous_logo_image_is_refused_before_it_is_decoded(write_content, capsys):
    from PIL import Image
    path = write_content("publisher:\n  name: Clinic\n  logo: huge.png\n" + (FIXTURES / "minimal.yaml").read_text())
    Image.new("1", (9000, 9000)).save(path.parent / "huge.png")  # a few kB on disk, 81 million pixels
    assert main(["--content", str(path), "--check"]) == 1
    err = capsys.readouterr().err.splitlines()[0]
    assert err.startswith(f"{path}:3:9: publisher.logo: 'huge.png' is 9000 × 9000 pixels")
