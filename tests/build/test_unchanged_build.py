"""A build with nothing changed since the last one into its folder stops before it reads the content,
and says exactly what a build that read it would say."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from leaflets.cli import main
from tests.conftest import FIXTURES, ROOT

OPTIONS = ["--format", "pdf", "--format", "pptx", "--jobs", "1"]


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    """The command in a new process; its last stdout line lists the heavy libraries it imported."""
    script = ("import sys; from leaflets.cli import main; status = main(sys.argv[1:]); "
              "print(sorted(m for m in ('pydantic', 'reportlab', 'pptx', 'textstat', 'yaml', 'pikepdf') "
              "if m in sys.modules)); sys.exit(status)")
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


def branded(tmp_path):
    """The branded fixture (a logo, and one warning from the checks) copied where a test may change it."""
    shutil.copytree(FIXTURES / "assets", tmp_path / "assets")
    path = tmp_path / "content.yaml"
    shutil.copy(FIXTURES / "branded.yaml", path)
    return path


def test_a_build_with_nothing_changed_imports_no_content_model_renderer_or_checks(tmp_path):
    branded(tmp_path)
    first = run("--out", "out", *OPTIONS, cwd=tmp_path)
    second = run("--out", "out", *OPTIONS, cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout.splitlines()[-1] != "[]"
    assert second.stdout.splitlines() == ["up to date out/cramps.pdf", "up to date out/cramps.pptx",
                                          "2 outputs: 0 rebuilt, 2 up to date, 1 warning \u2014 see --check", "[]"]
    warning = first.stderr.splitlines()[0]
    assert warning.endswith("[old-source]") and second.stderr.splitlines() == [warning]


def test_a_build_with_nothing_changed_says_what_a_build_reading_the_content_says(tmp_path, capsys):
    path = branded(tmp_path)
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out), *OPTIONS]) == 0
    capsys.readouterr()
    assert main(["--content", str(path), "--out", str(out), *OPTIONS]) == 0
    unchanged = capsys.readouterr()
    (out / ".leaflets-build.json").unlink()
    assert main(["--content", str(path), "--out", str(out), *OPTIONS]) == 0
    assert capsys.readouterr() == unchanged


def test_a_changed_logo_is_built_again_after_a_build_with_nothing_changed(tmp_path):
    branded(tmp_path)
    run("--out", "out", *OPTIONS, cwd=tmp_path)
    logo = tmp_path / "assets" / "clinic-logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<!-- new --></svg>"), encoding="utf-8")
    again = run("--out", "out", *OPTIONS, cwd=tmp_path)
    assert again.stdout.splitlines()[:2] == ["wrote out/cramps.pdf", "wrote out/cramps.pptx"]


def test_an_output_changed_since_the_last_build_is_built_again(tmp_path):
    branded(tmp_path)
    run("--out", "out", *OPTIONS, cwd=tmp_path)
    (tmp_path / "out" / "cramps.pdf").write_bytes(b"%PDF-1.4 edited by hand")
    again = run("--out", "out", *OPTIONS, cwd=tmp_path)
    assert again.stdout.splitlines()[:2] == ["wrote out/cramps.pdf", "up to date out/cramps.pptx"]


def test_other_formats_asked_for_are_built_after_a_build_with_nothing_changed(tmp_path):
    branded(tmp_path)
    run("--out", "out", *OPTIONS, cwd=tmp_path)
    again = run("--out", "out", "--format", "trifold", "--jobs", "1", cwd=tmp_path)
    assert again.stdout.splitlines()[0] == "wrote out/cramps-trifold.pdf"


def test_strict_with_a_remembered_warning_still_builds_nothing(tmp_path):
    branded(tmp_path)
    run("--out", "out", *OPTIONS, cwd=tmp_path)
    strict = run("--out", "out", *OPTIONS, "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "1 finding with --strict; nothing was written."


def test_the_checks_found_while_workers_render_are_said_before_any_progress_line(tmp_path):
    branded(tmp_path)
    built = run("--out", "out", "--format", "pdf", "--format", "trifold", "--format", "pptx", "--jobs", "2",
                cwd=tmp_path)
    lines = built.stderr.splitlines()  # in a log there is no progress line; the warning is said once
    assert built.returncode == 0 and len(lines) == 1 and lines[0].endswith("[old-source]")
    assert built.stdout.splitlines()[-2].endswith("3 rebuilt, 0 up to date, 1 warning \u2014 see --check")


def test_a_last_build_record_naming_other_files_is_not_taken_at_its_word(tmp_path):
    branded(tmp_path)
    run("--out", "out", *OPTIONS, cwd=tmp_path)
    record = tmp_path / "out" / ".leaflets-build.json"
    os.mkfifo(tmp_path / "pipe")
    data = json.loads(record.read_text())
    data["named"] += ["/dev/zero", str(tmp_path / "pipe")]
    record.write_text(json.dumps(data))
    again = run("--out", "out", *OPTIONS, cwd=tmp_path)
    assert again.stdout.splitlines()[:2] == ["up to date out/cramps.pdf", "up to date out/cramps.pptx"]


def test_content_saved_again_while_a_build_renders_is_built_by_the_next_build(tmp_path, capsys, monkeypatch):
    from leaflets import cli

    path = branded(tmp_path)
    out = tmp_path / "out"
    real_update = cli.update

    def saved_while_rendering(*args, **kwargs):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: Cramps", "title: Night cramps"), encoding="utf-8")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(cli, "update", saved_while_rendering)
    assert main(["--content", str(path), "--out", str(out), *OPTIONS]) == 0
    monkeypatch.setattr(cli, "update", real_update)
    capsys.readouterr()
    assert main(["--content", str(path), "--out", str(out), *OPTIONS]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [f"wrote {out}/cramps.pdf", f"wrote {out}/cramps.pptx"]
