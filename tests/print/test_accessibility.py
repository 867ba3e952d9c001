"""Every printed format is a tagged PDF a screen reader can follow (PDF/UA-1), read back with pikepdf."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pdfplumber
import pikepdf
import pytest

from leaflets.build import build
from leaflets.content import load
from leaflets.wording import URGENT_HEADING, WARNING_HEADING
from tests.conftest import FIXTURES, ROOT, normalise

PRINTED = ["pdf", "large-print", "trifold"]
SOURCES = {"seed": ROOT / "content.yaml", "markup": FIXTURES / "markup.yaml", "branded": FIXTURES / "branded.yaml",
           "short": FIXTURES / "short.yaml"}
# Operators that put ink on the page: text, paths, shadings, images and forms.
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every topic of the seed and of the markup, branded and short fixtures, in every printed format."""
    outputs = []
    for name, source in SOURCES.items():
        content = load(source)
        folder = tmp_path_factory.mktemp(name)
        for topic in content.topics:
            paths = build(content, [topic], PRINTED, folder)
            outputs += [(content, topic, fmt, path) for fmt, path in zip(PRINTED, paths)]
    return outputs


@pytest.fixture(params=range(2 * 3 + 3 + 3 + 2 * 3), ids=lambda i: f"output{i}")
def output(request, printed):
    return printed[request.param]


# ---------------------------------------------------------------------------------------------
# Reading the tree back


def struct_kids(node) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def elements(node):
    """Every structure element under `node`, depth first in tree order."""
    for kid in struct_kids(node):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            yield kid
            yield from elements(kid)


def role(element) -> str:
    return str(element.S)[1:]


def marks_of(element, pages) -> list[tuple[int, int]]:
    """(page index, MCID) of the marked content directly in `element`, in order."""
    found = []
    for kid in struct_kids(element):
        if isinstance(kid, int):
            found.append((pages.index(element.Pg.objgen), kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.append((pages.index(kid.Pg.objgen), int(kid.MCID)))
    return found


def page_ids(pdf) -> list:
    return [page.obj.objgen for page in pdf.pages]


def marked_content(page) -> list[tuple[int | None, bool, str]]:
    """Each painting operator of the page with the MCID it is inside (if any) and whether it is in an artifact."""
    stack, painted = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append((str(operands[0]), mcid))
        elif op == "BMC":
            stack.append((str(operands[0]), None))
        elif op == "EMC":
            stack.pop()
        elif op in PAINTING:
            mcids = [mcid for _, mcid in stack if mcid is not None]
            artifact = any(tag == "/Artifact" for tag, _ in stack)
            painted.append((mcids[-1] if mcids else None, artifact, op))
    assert not stack, "a marked-content sequence is left open at the end of the page"
    return painted


def tree_text(path, pdf) -> str:
    """The text a screen reader reads: the structure tree walked in order, each MCID's characters."""
    by_mark: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as plumber:
        for index, page in enumerate(plumber.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, char["mcid"])
                    by_mark[key] = by_mark.get(key, "") + char["text"]
    pages = page_ids(pdf)
    root = pdf.Root.StructTreeRoot
    return "".join(by_mark.get(mark, "") for element in elements(root) for mark in marks_of(element, pages))


def tagged_page_text(path) -> str:
    """The tagged characters in the order they are drawn, page after page (artifacts left out)."""
    with pdfplumber.open(path) as plumber:
        return "".join(char["text"] for page in plumber.pages for char in page.chars if char.get("mcid") is not None)


# ---------------------------------------------------------------------------------------------


def test_every_drawing_on_every_page_is_tagged_content_or_an_artifact(output):
    *_, path = output
    pdf = pikepdf.open(path)
    for number, page in enumerate(pdf.pages, start=1):
        untagged = [op for mcid, artifact, op in marked_content(page) if mcid is None and not artifact]
        assert untagged == [], f"page {number} draws {untagged[:5]} outside any tag or artifact"


def test_every_marked_content_sequence_belongs_to_exactly_one_element(output):
    *_, path = output
    pdf = pikepdf.open(path)
    pages = page_ids(pdf)
    owners: dict[tuple[int, int], list] = {}
    for element in elements(pdf.Root.StructTreeRoot):
        for mark in marks_of(element, pages):
            owners.setdefault(mark, []).append(role(element))
    assert all(len(roles) == 1 for roles in owners.values()), {m: r for m, r in owners.items() if len(r) > 1}
    parent_tree = dict(zip(pdf.Root.StructTreeRoot.ParentTree.Nums[::2], pdf.Root.StructTreeRoot.ParentTree.Nums[1::2]))
    for index, page in enumerate(pdf.pages):
        drawn = {mcid for mcid, _, _ in marked_content(page) if mcid is not None}
        assert drawn == {mcid for (p, mcid) in owners if p == index}
        in_parent_tree = parent_tree[int(page.obj.StructParents)]
        for mcid in drawn:
            assert (index, mcid) in marks_of(in_parent_tree[mcid], pages)


def test_headings_start_at_the_title_and_never_skip_a_level(output):
    _, topic, _, path = output
    pdf = pikepdf.open(path)
    levels = [int(role(e)[1]) for e in elements(pdf.Root.StructTreeRoot) if re.fullmatch(r"H[1-6]", role(e))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert levels.count(3) == len(topic.causes)


def test_every_list_item_has_a_body_and_every_bullet_is_its_label(output):
    _, topic, _, path = output
    pdf = pikepdf.open(path)
    lists = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "L"]
    items = [kid for lst in lists for kid in struct_kids(lst)]
    assert items and all(role(item) == "LI" for item in items)
    bulleted = 0
    for item in items:
        roles = [role(kid) for kid in struct_kids(item)]
        assert roles in (["Lbl", "LBody"], ["LBody"]), roles
        bulleted += roles == ["Lbl", "LBody"]
    assert bulleted >= len(topic.warning_signs) + len(topic.advice)
    text = tree_text(path, pdf)
    assert text.count("\u2022") == bulleted  # every bullet drawn is a label, read as one


def test_every_figure_has_alternative_text_and_icons_beside_headings_are_artifacts(output):
    content, topic, _, path = output
    pdf = pikepdf.open(path)
    figures = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "Figure"]
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
    alts = [str(figure.Alt) for figure in figures]
    if content.publisher and content.publisher.logo:
        assert f"Logo of {content.publisher.name}" in alts
    url = topic.qr_url(content.sources_of(topic))
    assert (f"QR code that opens {url}" in alts) == bool(url)


def test_document_names_its_language_title_publisher_and_pdf_ua_part(output):
    content, topic, _, path = output
    pdf = pikepdf.open(path)
    assert str(pdf.Root.Lang) == topic.language
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.Author) == (content.publisher.name if content.publisher else "leaflets")
    assert topic.title in str(pdf.docinfo.Title)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == str(pdf.docinfo.Title)
        assert xmp["dc:creator"] == [str(pdf.docinfo.Author)]


def test_every_web_address_is_a_described_link_in_the_tree(output):
    content, topic, _, path = output
    pdf = pikepdf.open(path)
    links = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "Link"]
    in_tree = {kid.Obj.objgen for link in links for kid in struct_kids(link) if kid.get("/Type") == "/OBJR"}
    annotations = [annot for page in pdf.pages for annot in page.get("/Annots", [])]
    addresses = {source.url for source in content.sources_of(topic) if source.url}
    assert {str(a.A.URI) for a in annotations} >= addresses
    for annot in annotations:
        assert annot.objgen in in_tree
        assert str(annot.Contents) == f"Link to {annot.A.URI}"
        assert "/StructParent" in annot


def test_screen_reader_order_reads_the_content_in_reading_order(output):
    content, topic, fmt, path = output
    pdf = pikepdf.open(path)
    read = normalise(tree_text(path, pdf))
    expected = [topic.title, topic.summary, *(cause.name for cause in topic.causes), *topic.urgent_signs,
                *topic.warning_signs, *topic.advice, *(source.title for source in content.sources_of(topic))]
    position = 0
    for text in map(normalise, expected):
        found = read.find(text, position)
        assert found >= 0, f"{text!r} is not read after position {position}"
        position = found + len(text)
    if fmt != "trifold":  # one column: the order it is drawn in is the order it is read
        assert read == normalise(tagged_page_text(path))


def element_text(element, pdf, path) -> str:
    """The characters of an element and everything under it, in tree order."""
    by_mark: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as plumber:
        for index, page in enumerate(plumber.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    by_mark[(index, char["mcid"])] = by_mark.get((index, char["mcid"]), "") + char["text"]
    pages = page_ids(pdf)
    return "".join(by_mark.get(mark, "") for e in [element, *elements(element)] for mark in marks_of(e, pages))


def test_urgent_signs_are_a_heading_then_a_list_of_bulleted_items_before_the_warning_signs(printed):
    with_urgent_signs = [o for o in printed if o[1].urgent_signs]
    assert {fmt for *_, fmt, _ in with_urgent_signs} == {"pdf", "large-print", "trifold"}
    for content, topic, fmt, path in with_urgent_signs:
        pdf = pikepdf.open(path)
        tree = list(elements(pdf.Root.StructTreeRoot))
        headings = [(i, element_text(e, pdf, path)) for i, e in enumerate(tree) if role(e) == "H2"]
        urgent = next(i for i, text in headings if text == URGENT_HEADING)
        warning = next(i for i, text in headings if text == WARNING_HEADING)
        assert urgent < warning, fmt
        signs = next(e for e in tree[urgent:] if role(e) == "L")
        items = struct_kids(signs)
        assert [[role(kid) for kid in struct_kids(item)] for item in items] == [["Lbl", "LBody"]] * len(items)
        assert [normalise(element_text(item, pdf, path)) for item in items] == \
            [normalise("\u2022" + sign) for sign in topic.urgent_signs]


def test_trifold_reads_cover_then_causes_warning_signs_advice_and_back_last(printed):
    content, topic, _, path = next(o for o in printed if o[2] == "trifold" and o[0].publisher is None)
    read = normalise(tree_text(path, pikepdf.open(path)))
    order = [topic.summary, topic.causes[0].name, topic.warning_signs[0], topic.advice[0],
             content.sources_of(topic)[0].title]
    positions = [read.find(normalise(text)) for text in order]
    assert -1 not in positions and positions == sorted(positions)


def test_every_font_is_embedded_with_a_unicode_map(output):
    *_, path = output
    pdf = pikepdf.open(path)
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descriptor = font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            assert "/ToUnicode" in font, font.BaseFont
    with pdfplumber.open(path) as plumber:
        unreadable = [c["text"] for page in plumber.pages for c in page.chars if c["text"] in ("", "\ufffd")
                      or c["text"].startswith("(cid:")]
    assert unreadable == []


def test_a_paragraph_split_across_pages_is_one_element_and_a_list_item_is_never_split(write_content, tmp_path):
    long = " ".join(["Muscles tire after a long day of standing and walking, and then they cramp at night."] * 12)
    advice = "\n".join(f"      - Advice number {n}, " + "stretch the calf gently before bed and again in the morning. " * 3
                       for n in range(14))
    path = write_content(f"""\
sources:
  - id: guide
    title: A guide to cramps
    publisher: Health Service
    date: 2024-01-31
topics:
  - id: cramps
    title: Cramps
    summary: Cramps are common.
    sources: [guide]
    causes:
      - name: Tired muscles
        explanation: "{long} {long}"
    warning_signs:
      - Cramps that keep coming back
    advice:
{advice}
""")
    content = load(path)
    [pdf_path] = build(content, list(content.topics), ["large-print"], tmp_path / "out")
    pdf = pikepdf.open(pdf_path)
    pages = page_ids(pdf)
    paragraphs = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "P"]
    spread = [p for p in paragraphs if len({page for page, _ in marks_of(p, pages)}) > 1]
    assert spread, "the long explanation should run over a page break as one P"
    items = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "LI"]
    for item in items:
        assert len({page for kid in struct_kids(item) for page, _ in marks_of(kid, pages)}) == 1


def test_rebuilding_a_tagged_pdf_gives_the_same_bytes(tmp_path):
    content = load(FIXTURES / "branded.yaml")
    first = build(content, list(content.topics), PRINTED, tmp_path / "a")
    second = build(content, list(content.topics), PRINTED, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_independent_pdf_ua_checker_finds_no_errors_in_any_format(printed, tmp_path):
    """outloud (PyPI, offline): PDF/UA-1 machine checks plus semantic ones (link text, prose hidden as
    artifacts, drawn grids no table announces)."""
    pytest.importorskip("outloud")
    report = tmp_path / "report.json"
    paths = [str(path) for *_, path in printed]
    subprocess.run([sys.executable, "-c", "from outloud.cli import main; main()", "--json", str(report),
                    "--fail-on", "never", "-q", *paths], check=True, capture_output=True)
    results = json.loads(report.read_text())["results"]
    assert len(results) == len(paths) and all(result["error"] is None for result in results)
    errors = [(result["path"], finding["rule"], finding["message"]) for result in results
              for finding in result["findings"] if finding["severity"] == "error"]
    assert errors == []
