"""Rebuilding after a change: only the outputs whose inputs changed are made again."""

from __future__ import annotations

import os
import shutil

from leaflets.cli import main
from tests.conftest import FIXTURES

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
TWO_TOPICS = MINIMAL + """  - id: cold-feet
    title: Cold feet
    summary: Cold feet are common.
    sources: [guide]
    causes:
      - name: Cold weather
        explanation: Blood vessels narrow in the cold.
    warning_signs:
      - Feet that stay cold and pale
    advice:
      - Wear warm socks.
"""


def build(path, out, *options, capsys) -> list[str]:
    """Run the command for PDFs and decks; return the lines it printed."""
    assert main(["--content", str(path), "--out", str(out), "--format", "pdf", "--format", "pptx", *options]) == 0
    return capsys.readouterr().out.splitlines()


def stamps(folder) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if not p.name.startswith(".")}


def said(lines, verb):
    return sorted(line.split("/")[-1] for line in lines if line.startswith(verb))


def test_a_second_build_with_nothing_changed_writes_nothing(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    first = build(path, tmp_path / "out", capsys=capsys)
    before = stamps(tmp_path / "out")
    second = build(path, tmp_path / "out", capsys=capsys)
    assert said(first, "wrote") == ["cold-feet.pdf", "cold-feet.pptx", "cramps.pdf", "cramps.pptx"]
    assert said(second, "wrote") == []
    assert said(second, "up to date") == ["cold-feet.pdf", "cold-feet.pptx", "cramps.pdf", "cramps.pptx"]
    assert stamps(tmp_path / "out") == before


def test_changing_one_topic_rebuilds_only_that_topic(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    path.write_text(TWO_TOPICS.replace("Cold feet are common.", "Cold feet are very common."), encoding="utf-8")
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert said(lines, "wrote") == ["cold-feet.pdf", "cold-feet.pptx"]
    assert said(lines, "up to date") == ["cramps.pdf", "cramps.pptx"]


def test_changing_a_shared_source_rebuilds_every_topic_citing_it(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    path.write_text(TWO_TOPICS.replace("A guide to cramps", "A guide to cramps, second edition"), encoding="utf-8")
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert said(lines, "wrote") == ["cold-feet.pdf", "cold-feet.pptx", "cramps.pdf", "cramps.pptx"]


def test_deck_settings_rebuild_only_the_decks(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    path.write_text("deck:\n  minutes: 30\n" + TWO_TOPICS, encoding="utf-8")
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert said(lines, "wrote") == ["cold-feet.pptx", "cramps.pptx"]


def test_a_deleted_output_is_made_again(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    (tmp_path / "out" / "cramps.pdf").unlink()
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert said(lines, "wrote") == ["cramps.pdf"]


def test_force_rebuilds_everything(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    lines = build(path, tmp_path / "out", "--force", capsys=capsys)
    assert len(said(lines, "wrote")) == 4


def test_outputs_of_a_removed_topic_are_reported_then_removed_with_prune(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    (tmp_path / "out" / "notes.txt").write_text("the user's own file")
    path.write_text(MINIMAL, encoding="utf-8")
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert [line for line in lines if "not in" in line] == [
        f"not in {path} any more: {tmp_path / 'out' / name} (remove it with --prune)"
        for name in ("cold-feet.pdf", "cold-feet.pptx")]
    assert (tmp_path / "out" / "cold-feet.pdf").exists()
    lines = build(path, tmp_path / "out", "--prune", capsys=capsys)
    assert said(lines, "removed") == ["cold-feet.pdf", "cold-feet.pptx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "cramps.pdf", "cramps.pptx", "notes.txt"]


def test_a_damaged_manifest_means_a_full_rebuild_not_an_error(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    (tmp_path / "out" / ".leaflets-manifest.json").write_text("{not json")
    lines = build(path, tmp_path / "out", capsys=capsys)
    assert len(said(lines, "wrote")) == 4


def test_every_module_and_language_catalogue_of_the_package_counts_as_an_input():
    from leaflets.build import manifest
    from tests.conftest import ROOT

    counted = {path.resolve() for path in manifest.code_files()}
    package = ROOT / "leaflets"
    for path in [*package.rglob("*.py"), *package.rglob("*.yaml")]:
        assert path.resolve() in counted, f"a change to {path.relative_to(ROOT)} would not rebuild the outputs"
    assert (package / "print" / "leaflet.py").resolve() in counted


def test_a_change_to_the_package_rebuilds_every_output(write_content, tmp_path, capsys, monkeypatch):
    from leaflets.build import manifest

    module = tmp_path / "module.py"
    module.write_text("# one version\n", encoding="utf-8")
    monkeypatch.setattr(manifest, "code_files", lambda: [module])
    manifest._code_and_assets.cache_clear()
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    module.write_text("# another version\n", encoding="utf-8")
    manifest._code_and_assets.cache_clear()  # as a new process running the new code would
    again = build(path, tmp_path / "out", capsys=capsys)
    manifest._code_and_assets.cache_clear()
    assert said(again, "wrote") == ["cold-feet.pdf", "cold-feet.pptx", "cramps.pdf", "cramps.pptx"]


def test_an_output_rewritten_with_its_size_and_times_put_back_is_made_again(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    out = tmp_path / "out"
    build(path, out, capsys=capsys)
    leaflet = out / "cramps.pdf"
    original, times = leaflet.read_bytes(), leaflet.stat()
    leaflet.write_bytes(original[:-8] + b"%forged\n")  # the same size
    os.utime(leaflet, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert leaflet.stat().st_mtime_ns == times.st_mtime_ns
    lines = build(path, out, "--jobs", "1", capsys=capsys)
    assert said(lines, "wrote") == ["cramps.pdf"]
    assert leaflet.read_bytes() == original


def test_an_output_folder_copied_elsewhere_is_up_to_date_there(write_content, tmp_path, capsys):
    path = write_content(TWO_TOPICS)
    build(path, tmp_path / "out", capsys=capsys)
    shutil.copytree(tmp_path / "out", tmp_path / "copy")  # new files: other inodes, other change times
    lines = build(path, tmp_path / "copy", capsys=capsys)
    assert said(lines, "wrote") == []
    assert said(lines, "up to date") == ["cold-feet.pdf", "cold-feet.pptx", "cramps.pdf", "cramps.pptx"]
