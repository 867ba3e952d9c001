"""The command as a user runs it: what it writes, prints and exits with."""

from __future__ import annotations

import subprocess
import sys
import tempfile

import pytest

from leaflets import formats
from leaflets import fonts
from leaflets.cli import main
from tests.conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal.yaml"
BAD = FIXTURES / "mistakes" / "wrong-types-and-empty.yaml"


def outputs(folder):
    """The files a user sees in the output folder (not the hidden manifest)."""
    return [p for p in folder.iterdir() if not p.name.startswith(".")]


def run(*args: str) -> int:
    return main([str(arg) for arg in args])


def test_builds_every_topic_in_every_format_and_says_what_it_wrote(tmp_path, capsys):
    assert run("--content", MINIMAL, "--out", tmp_path / "out") == 0
    names = ["cramps.pdf", "cramps-trifold.pdf", "cramps-large-print.pdf", "cramps.pptx"]
    assert sorted(p.name for p in outputs(tmp_path / "out")) == sorted(names)
    assert capsys.readouterr().out.splitlines() == [f"wrote {tmp_path / 'out' / name}" for name in names] + [
        "4 outputs: 4 rebuilt, 0 up to date, 1 warning \u2014 see --check"]


def test_formats_setting_in_the_content_file_chooses_what_a_plain_run_makes(tmp_path, write_content):
    path = write_content("formats: [large-print, pptx]\n" + MINIMAL.read_text(encoding="utf-8"))
    assert run("--content", path, "--out", tmp_path / "out") == 0
    assert sorted(p.name for p in outputs(tmp_path / "out")) == ["cramps-large-print.pdf", "cramps.pptx"]


def test_format_option_overrides_the_formats_setting(tmp_path, write_content):
    path = write_content("formats: [pptx]\n" + MINIMAL.read_text(encoding="utf-8"))
    assert run("--content", path, "--out", tmp_path / "out", "--format", "trifold") == 0
    assert [p.name for p in outputs(tmp_path / "out")] == ["cramps-trifold.pdf"]


def test_preview_writes_a_picture_of_every_pdf_page(tmp_path):
    assert run("--content", MINIMAL, "--out", tmp_path, "--format", "pdf", "--format", "trifold", "--preview") == 0
    pictures = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pictures == ["cramps-page1.png", "cramps-trifold-page1.png", "cramps-trifold-page2.png"]
    from PIL import Image
    with Image.open(tmp_path / "cramps-trifold-page1.png") as image:
        assert image.width > image.height  # landscape, as printed


def test_format_option_builds_only_that_format(tmp_path):
    assert run("--content", MINIMAL, "--out", tmp_path, "--format", "pdf") == 0
    assert [p.name for p in outputs(tmp_path)] == ["cramps.pdf"]


def test_topic_option_builds_only_that_topic(tmp_path):
    assert run("--content", ROOT / "content.yaml", "--out", tmp_path, "--topic", "leg-cramps", "--format", "pdf") == 0
    assert [p.name for p in outputs(tmp_path)] == ["leg-cramps.pdf"]


def test_unknown_topic_is_a_usage_error_listing_the_known_ones(tmp_path, capsys):
    assert run("--content", MINIMAL, "--out", tmp_path, "--topic", "cramp") == 2
    assert capsys.readouterr().err == (f"leaflets: error: unknown topic 'cramp' (did you mean 'cramps'?); the topics "
                                       f"in {MINIMAL} are: cramps\n")
    assert not tmp_path.joinpath("cramps.pdf").exists()


def test_unknown_format_is_a_usage_error_listing_the_formats(capsys):
    with pytest.raises(SystemExit) as exit_:
        run("--format", "docx")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "leaflets: error: argument --format: 'docx' is not a format; (the formats are: pdf, trifold, large-print, pptx, script)")


def test_a_misspelt_format_gets_did_you_mean(capsys):
    with pytest.raises(SystemExit):
        run("--format", "PFD")
    assert capsys.readouterr().err.splitlines()[-1] == (
        "leaflets: error: argument --format: 'PFD' is not a format; did you mean 'pdf'? "
        "(the formats are: pdf, trifold, large-print, pptx, script)")


def test_format_names_are_read_in_any_case(tmp_path):
    assert run("--content", MINIMAL, "--out", tmp_path, "--format", "PDF", "--format", "Large-Print") == 0
    assert sorted(p.name for p in outputs(tmp_path)) == ["cramps-large-print.pdf", "cramps.pdf"]


def test_a_misspelt_topic_gets_did_you_mean(tmp_path, capsys):
    assert run("--content", ROOT / "content.yaml", "--out", tmp_path, "--topic", "leg-cramp") == 2
    assert capsys.readouterr().err.splitlines() == [
        "leaflets: error: unknown topic 'leg-cramp' (did you mean 'leg-cramps'?); the topics in "
        f"{ROOT / 'content.yaml'} are: leg-cramps, leg-cramps-middle-aged-women, leg-cramps-zh, leg-cramps-middle-aged-women-zh"]


def test_check_with_topic_checks_only_that_topic(tmp_path, write_content, capsys):
    cramps_topic = MINIMAL.read_text(encoding="utf-8").split("topics:\n")[1].replace("[guide]", "[nhs-heartburn]")
    path = write_content((FIXTURES / "checks" / "heartburn.yaml").read_text(encoding="utf-8") + cramps_topic)
    assert run("--content", path, "--out", tmp_path, "--check", "--topic", "cramps") == 0
    out = capsys.readouterr().out
    assert "heartburn" not in out
    assert out.splitlines()[-1] == f"{path}: 1 topic, 1 source, 1 warning."


def test_each_output_gets_one_line_and_the_build_ends_with_a_summary(tmp_path, write_content, capsys):
    path = write_content(MINIMAL.read_text(encoding="utf-8"))
    assert run("--content", path, "--out", tmp_path, "--format", "pdf", "--format", "pptx", "--jobs", "1") == 0
    capsys.readouterr()
    path.write_text(path.read_text(encoding="utf-8").replace("formats", "formats"), encoding="utf-8")
    assert run("--content", path, "--out", tmp_path, "--format", "pdf", "--format", "pptx", "--format", "trifold",
               "--jobs", "1") == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [f"wrote {tmp_path / 'cramps-trifold.pdf'}",
                                        f"up to date {tmp_path / 'cramps.pdf'}",
                                        f"up to date {tmp_path / 'cramps.pptx'}",
                                        "3 outputs: 1 rebuilt, 2 up to date, 1 warning \u2014 see --check"]
    assert "built [" not in printed.err


def test_list_shows_each_topic_with_title_language_review_and_outputs(tmp_path, capsys):
    assert run("--content", MINIMAL, "--out", tmp_path, "--format", "pdf") == 0
    capsys.readouterr()
    assert run("--content", MINIMAL, "--out", tmp_path, "--list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "cramps: Cramps (en; not reviewed)",
        f"  pdf: {tmp_path / 'cramps.pdf'} (up to date)",
        f"  trifold: {tmp_path / 'cramps-trifold.pdf'} (not built)",
        f"  large-print: {tmp_path / 'cramps-large-print.pdf'} (not built)",
        f"  pptx: {tmp_path / 'cramps.pptx'} (not built)",
    ]


def test_content_problems_exit_1_with_one_line_each_and_write_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert run("--content", BAD, "--out", out) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 6
    assert err[0].startswith(f"{BAD}:13:5: topic 'cramps', title: this is empty")
    assert err[-1] == f"5 problems in {BAD}; nothing was written."
    assert not out.exists()


def test_content_problems_leave_earlier_outputs_untouched(tmp_path):
    assert run("--content", MINIMAL, "--out", tmp_path) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert run("--content", BAD, "--out", tmp_path) == 1
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_failure_while_writing_keeps_every_earlier_output(tmp_path, tmp_path_factory, monkeypatch):
    assert run("--content", ROOT / "content.yaml", "--out", tmp_path) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = []

    def fail_on_third(self, content, topic, path):
        calls.append(path)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        path.write_bytes(b"half-built")

    monkeypatch.setattr(formats.Writer, "write", fail_on_third)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("reports")))
    assert run("--content", ROOT / "content.yaml", "--out", tmp_path, "--force") == 3
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_check_validates_and_writes_nothing(tmp_path, capsys):
    assert run("--content", MINIMAL, "--out", tmp_path / "out", "--check") == 0
    assert capsys.readouterr().out.endswith("minimal.yaml: 1 topic, 1 source, 1 warning.\n")
    assert not (tmp_path / "out").exists()


def test_generate_script_runs_without_a_traceback_on_bad_content(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--content", str(BAD), "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 6


def test_generate_script_builds_the_seed_content(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in outputs(tmp_path / "out")) == sorted(
        f"{topic}{suffix}" for topic in ("leg-cramps", "leg-cramps-middle-aged-women",
                                         *(("leg-cramps-zh", "leg-cramps-middle-aged-women-zh")
                                           if fonts.cjk_font_file() else ()))
        for suffix in (".pdf", "-trifold.pdf", "-large-print.pdf", ".pptx"))


def test_an_output_folder_that_is_a_file_is_reported_plainly(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    assert run("--content", MINIMAL, "--out", blocker) == 1
    assert "cannot write there" in capsys.readouterr().err
    assert blocker.read_text() == "not a folder"


def test_control_characters_typed_in_an_option_are_shown_as_codes(capsys):
    with pytest.raises(SystemExit):
        run("--format", "p\x1b[31mdf")
    line = capsys.readouterr().err.splitlines()[-1]
    assert "\x1b" not in line and "'p\\x1b[31mdf' is not a format" in line


def test_control_characters_in_an_unknown_topic_are_shown_as_codes(capsys):
    assert run("--content", ROOT / "content.yaml", "--topic", "x\u202ey") == 2
    line = capsys.readouterr().err.splitlines()[-1]
    assert "\u202e" not in line and "unknown topic 'x\\u202ey'" in line
