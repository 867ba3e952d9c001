"""The output folder is shared ground: whatever is found in it (the manifest, saved findings, links,
leftovers of killed builds) is never trusted to say what to delete or what is up to date, builds into
one folder take turns, and a build that fails or is stopped halfway says exactly what it replaced."""

from __future__ import annotations

from dataclasses import replace
import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from leaflets import build, cli
from leaflets.build import outputs
from leaflets.checks import consistency
from leaflets.build import folder, manifest
from leaflets import formats
from leaflets.cli import main
from leaflets.content import load
from leaflets.problems import OutputError
from tests.conftest import FIXTURES, ROOT
from tests.build.watching import edit, wait_for, watching

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
TOPIC = MINIMAL.split("topics:\n", 1)[1]
MANIFEST = ".leaflets-manifest.json"


def with_topics(*ids: str) -> str:
    """The minimal content with one topic per id."""
    return MINIMAL.split("topics:\n", 1)[0] + "topics:\n" + "".join(
        TOPIC.replace("id: cramps", f"id: {topic_id}").replace("title: Cramps", f"title: Topic {topic_id[:40]}")
        for topic_id in ids)


def run(path, out, *options) -> int:
    return main(["--content", str(path), "--out", str(out), "--format", "pdf", "--format", "pptx", *options])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]


def assert_manifest_tells_the_truth(out: Path) -> None:
    """Every output the manifest vouches for holds exactly the bytes it recorded."""
    for name, entry in recorded(out).items():
        assert sha256(out / name) == entry["sha256"], name


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".part"))


def errors(err: str) -> list[str]:
    """What a build said on stderr, without the content checks' warnings and its progress."""
    return [line for line in err.splitlines() if ": warning: " not in line and not line.startswith("built [")]


def said(text: str, verb: str) -> list[str]:
    return sorted(line.rsplit("/", 1)[-1] for line in text.splitlines() if line.startswith(verb))


# 1. --prune deletes only what a build wrote, inside the output folder.

@pytest.mark.parametrize("entry", ["../content.yaml", "{victim}", "sub/../../content.yaml", "..", ".",
                                   ".leaflets-manifest.json", "cramps.pdf/../../content.yaml", "content.yaml",
                                   "../out/../content.yaml"])
def test_prune_never_deletes_a_file_a_hostile_manifest_names(entry, write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    entry = entry.format(victim=path)  # an absolute path
    data = json.loads((out / MANIFEST).read_text())
    data["outputs"][entry] = {"inputs": "0" * 64, "sha256": sha256(path)}  # the victim's own hash, even
    (out / MANIFEST).write_text(json.dumps(data))
    capsys.readouterr()
    assert run(path, out, "--prune") == 0
    printed = capsys.readouterr()
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert said(printed.out, "removed") == [] and errors(printed.err) == []
    assert said(printed.out, "up to date") == ["cramps.pdf", "cramps.pptx"]
    assert entry not in recorded(out)


def test_prune_does_not_follow_a_link_that_the_manifest_names(write_content, tmp_path, capsys):
    path = write_content(with_topics("cramps", "cold-feet"))
    out = tmp_path / "out"
    assert run(path, out) == 0
    outside = tmp_path / "precious.pdf"
    outside.write_bytes((out / "cold-feet.pdf").read_bytes())  # same bytes as the recorded output
    (out / "cold-feet.pdf").unlink()
    (out / "cold-feet.pdf").symlink_to(outside)
    path.write_text(with_topics("cramps"), encoding="utf-8")
    capsys.readouterr()
    assert run(path, out, "--prune") == 0
    assert said(capsys.readouterr().out, "removed") == ["cold-feet.pptx"]
    assert outside.exists() and (out / "cold-feet.pdf").is_symlink()  # not ours any more: left alone
    assert "cold-feet.pdf" not in recorded(out)


def test_prune_leaves_an_output_that_was_changed_since_it_was_built(write_content, tmp_path, capsys):
    path = write_content(with_topics("cramps", "cold-feet"))
    out = tmp_path / "out"
    assert run(path, out) == 0
    (out / "cold-feet.pdf").write_bytes(b"%PDF the user's own edit")
    path.write_text(with_topics("cramps"), encoding="utf-8")
    capsys.readouterr()
    assert run(path, out, "--prune") == 0
    assert said(capsys.readouterr().out, "removed") == ["cold-feet.pptx"]
    assert (out / "cold-feet.pdf").read_bytes() == b"%PDF the user's own edit"


def nested(depth: int) -> str:
    return '{"outputs": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("manifest_text", [
    nested(100_000), "[" * 100_000, "{not json", "", "\xff\xfe", "[]", "null", '"outputs"', '{"outputs": []}',
    '{"outputs": {"cramps.pdf": 5}}', '{"outputs": {"cramps.pdf": "abc"}}',
    '{"outputs": {"cramps.pdf": {"inputs": [], "sha256": {}}}}', '{"outputs": {"7": {"inputs": "x"}}}',
], ids=lambda text: repr(text[:30]))
def test_a_damaged_or_hostile_manifest_means_a_full_rebuild(manifest_text, write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_bytes(manifest_text.encode("utf-8", "surrogateescape"))
    assert run(path, out) == 0
    printed = capsys.readouterr()
    assert said(printed.out, "wrote") == ["cramps.pdf", "cramps.pptx"] and errors(printed.err) == []
    assert_manifest_tells_the_truth(out)


def test_a_manifest_too_large_to_be_ours_is_ignored(write_content, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(manifest, "MAX_BYTES", 1000)
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    data = json.loads((out / MANIFEST).read_text())
    data["padding"] = "x" * 1000
    (out / MANIFEST).write_text(json.dumps(data))
    capsys.readouterr()
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf", "cramps.pptx"]


def test_a_manifest_that_is_a_link_is_not_read_and_is_replaced_not_written_through(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text((out / MANIFEST).read_text())  # would say everything is up to date
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(elsewhere)
    before = elsewhere.read_text()
    capsys.readouterr()
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf", "cramps.pptx"]
    assert elsewhere.read_text() == before
    assert not (out / MANIFEST).is_symlink()


def test_a_manifest_that_is_a_pipe_is_not_waited_on(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / MANIFEST)
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf", "cramps.pptx"]
    assert_manifest_tells_the_truth(out)


def test_a_manifest_that_is_a_folder_gets_one_line_saying_what_to_do(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    (out / MANIFEST).mkdir(parents=True)
    (out / MANIFEST / "keep.txt").write_text("a user's file")
    assert run(path, out) == 1
    printed = capsys.readouterr()
    assert errors(printed.err) == [
        f"{out / MANIFEST}: cannot write it (Is a directory); it is a folder; move or rename that folder, then "
        f"build again. Stopped; outputs already written: {out / 'cramps.pdf'}, {out / 'cramps.pptx'}; "
        "the others are as they were."]
    assert (out / MANIFEST / "keep.txt").exists() and leftovers(out) == []


@pytest.mark.parametrize("hostile", ["link", "deep", "terminal", "folder"])
def test_saved_findings_from_the_output_folder_are_used_only_when_plain(hostile, write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    key = manifest.checks_key(path, str(path))
    saved = out / manifest.CHECKS_FILE
    if hostile == "link":
        elsewhere = tmp_path / "findings.json"
        elsewhere.write_text(json.dumps({"key": key, "findings": ["INJECTED"]}))
        saved.symlink_to(elsewhere)
    elif hostile == "deep":
        saved.write_text('{"key": "' + key + '", "findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    elif hostile == "terminal":
        saved.write_text(json.dumps({"key": key, "findings": ["INJECTED \x1b]0;title\x07"]}))
    else:
        saved.mkdir()
    assert run(path, out) == 0
    printed = capsys.readouterr()
    assert "INJECTED" not in printed.err + printed.out and "Traceback" not in printed.err
    assert said(printed.out, "wrote") == ["cramps.pdf", "cramps.pptx"]


# 3. "Up to date" is true: the manifest describes the bytes on disk, whatever happened.

def test_an_output_changed_after_its_build_is_built_again(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    stamp = (out / "cramps.pdf").stat()
    (out / "cramps.pdf").write_bytes(b"%PDF" + b"x" * (stamp.st_size - 4))  # same size, same time
    os.utime(out / "cramps.pdf", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    capsys.readouterr()
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf"]


def test_a_build_killed_between_two_renames_is_repaired_by_the_next(write_content, tmp_path, capsys):
    """On disk: the old manifest, one output already replaced by a newer build, the other not."""
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    old_manifest, old_deck = (out / MANIFEST).read_bytes(), (out / "cramps.pptx").read_bytes()
    edit(path, "Keep warm.", "Keep warm at night.")
    assert run(path, out) == 0
    (out / MANIFEST).write_bytes(old_manifest)
    (out / "cramps.pptx").write_bytes(old_deck)
    edit(path, "Keep warm at night.", "Keep warm.")
    capsys.readouterr()
    assert run(path, out) == 0
    printed = capsys.readouterr().out
    assert said(printed, "wrote") == ["cramps.pdf"] and said(printed, "up to date") == ["cramps.pptx"]
    assert "at night" not in consistency.pdf_text(out / "cramps.pdf")


def test_leftovers_of_a_killed_build_are_removed_by_the_next(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    for name in (".cramps.k1l2e3d4.pdf.part", ".cramps.a_b9c8d7.pptx.part", "..leaflets-manifest.x1y2z3w4.json.part",
                 ".leaflets-manifest.q9w8e7r6.part", ".cramps-page1.z0z0z0z0.png.part"):
        (out / name).write_bytes(b"half")
    (out / ".notes.part").write_text("a user's own file")
    (out / MANIFEST).write_text('{"version": "1", "outputs": {"cramps.pdf": {"inputs": "ab')  # cut short
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf", "cramps.pptx"]
    assert leftovers(out) == [".notes.part"]
    assert_manifest_tells_the_truth(out)


def test_a_rename_onto_a_folder_says_so_and_leaves_a_true_manifest(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    (out / "cramps.pptx").mkdir(parents=True)
    (out / "cramps.pptx" / "slides.txt").write_text("a user's folder")
    assert run(path, out) == 1
    printed = capsys.readouterr()
    assert errors(printed.err) == [
        f"{out / 'cramps.pptx'}: cannot write it (Is a directory); it is a folder; move or rename that folder, "
        f"then build again. Stopped; outputs already written: {out / 'cramps.pdf'}; the others are as they were."]
    assert said(printed.out, "wrote") == []
    assert list(recorded(out)) == ["cramps.pdf"] and leftovers(out) == []
    assert_manifest_tells_the_truth(out)
    (out / "cramps.pptx" / "slides.txt").unlink()
    (out / "cramps.pptx").rmdir()
    assert run(path, out) == 0
    printed = capsys.readouterr().out
    assert said(printed, "wrote") == ["cramps.pptx"] and said(printed, "up to date") == ["cramps.pdf"]


def enospc_for(name: str, monkeypatch) -> None:
    """Make every rename onto `name` fail as on a full disk."""
    real = os.replace

    def replace(source, target, **kwargs):
        if Path(target).name == name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))
        return real(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_full_disk_halfway_keeps_the_earlier_outputs_and_a_true_manifest(write_content, tmp_path, capsys,
                                                                           monkeypatch):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    old_deck = (out / "cramps.pptx").read_bytes()
    edit(path, "Keep warm.", "Keep warm at night.")
    enospc_for("cramps.pptx", monkeypatch)
    capsys.readouterr()
    assert run(path, out) == 1
    assert errors(capsys.readouterr().err) == [
        f"{out / 'cramps.pptx'}: cannot write it (No space left on device); the disk is full; free some space, "
        f"then build again. Stopped; outputs already written: {out / 'cramps.pdf'}; the others are as they were."]
    assert (out / "cramps.pptx").read_bytes() == old_deck and leftovers(out) == []
    assert_manifest_tells_the_truth(out)
    monkeypatch.undo()
    assert run(path, out) == 0
    printed = capsys.readouterr().out
    assert said(printed, "wrote") == ["cramps.pptx"] and said(printed, "up to date") == ["cramps.pdf"]


def test_a_full_disk_while_writing_the_manifest_leaves_one_that_vouches_for_nothing_new(write_content, tmp_path,
                                                                                         capsys, monkeypatch):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    old_manifest = (out / MANIFEST).read_bytes()
    edit(path, "Keep warm.", "Keep warm at night.")
    enospc_for(MANIFEST, monkeypatch)
    capsys.readouterr()
    assert run(path, out) == 1
    err = "\n".join(errors(capsys.readouterr().err)) + "\n"
    assert err.startswith(f"{out / MANIFEST}: cannot write it (No space left on device); the disk is full")
    assert err.endswith(f"outputs already written: {out / 'cramps.pdf'}, {out / 'cramps.pptx'}; "
                        "the others are as they were.\n")
    assert leftovers(out) == []
    assert (out / MANIFEST).read_bytes() == old_manifest  # its hashes are of the old files: it vouches for neither
    monkeypatch.undo()
    assert run(path, out) == 0
    assert said(capsys.readouterr().out, "wrote") == ["cramps.pdf", "cramps.pptx"]


def test_a_full_disk_while_rendering_changes_nothing(write_content, tmp_path, capsys, monkeypatch):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    assert run(path, out) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != manifest.CHECKS_FILE}
    edit(path, "Keep warm.", "Keep warm at night.")

    real_write = formats.Writer.write

    def full(self, content, topic, target):
        if self.suffix != ".pptx":
            return real_write(self, content, topic, target)
        Path(target).write_bytes(b"PK half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(formats.Writer, "write", full)
    capsys.readouterr()
    assert run(path, out) == 1
    assert errors(capsys.readouterr().err) == [
        f"{out / 'cramps.pptx'}: cannot write it (No space left on device); the disk is full; free some space, "
        "then build again. Stopped; nothing was written; every output is as it was."]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != manifest.CHECKS_FILE} == before


# Builds into one folder take turns.

def test_two_builds_of_different_topics_into_one_folder_at_once_both_count(write_content, tmp_path):
    path = write_content(with_topics("cramps", "cold-feet", "hiccups"))
    out = tmp_path / "out"
    command = [sys.executable, "generate.py", "--content", str(path), "--out", str(out), "--format", "pdf",
               "--jobs", "1"]
    runs = [subprocess.Popen([*command, "--topic", topic], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for topic in ("cramps", "cold-feet", "hiccups")]
    results = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0, 0], results
    assert sorted(recorded(out)) == ["cold-feet.pdf", "cramps.pdf", "hiccups.pdf"]
    assert_manifest_tells_the_truth(out)
    for topic in ("cramps", "cold-feet", "hiccups"):
        assert f"Topic {topic}" in consistency.pdf_text(out / f"{topic}.pdf")
    assert main(["--content", str(path), "--out", str(out), "--format", "pdf"]) == 0


def hold_lock(out: Path, pid: int = 4242):
    """Take the folder's lock as another build would; returns the open file (close it to release)."""
    out.mkdir(parents=True, exist_ok=True)
    import fcntl

    holder = open(out / folder.LOCK_NAME, "a+")
    fcntl.flock(holder, fcntl.LOCK_EX)
    holder.truncate(0)
    holder.write(f"{pid}\n")
    holder.flush()
    return holder


def test_a_second_build_into_a_busy_folder_says_so_once_and_waits(write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    holder = hold_lock(out)
    result = []
    second = threading.Thread(target=lambda: result.append(run(path, out)))
    second.start()
    try:
        said_so = wait_for(capsys, "waiting")
    finally:
        holder.close()
    second.join(60)
    assert result == [0]
    assert said_so.splitlines() == [f"waiting for another build into {out} (pid 4242) …"]
    assert "wrote" in capsys.readouterr().out


def test_a_build_that_cannot_get_the_folder_says_who_has_it(write_content, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(folder, "LOCK_WAIT_SECONDS", 0.3)
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    holder = hold_lock(out)
    try:
        assert run(path, out) == 1
    finally:
        holder.close()
    assert errors(capsys.readouterr().err) == [
        f"waiting for another build into {out} (pid 4242) …",
        f"{out}: another build (pid 4242) has been writing into this folder for over 0.3 s; "
        "let it finish or stop it, then build again"]
    assert [p.name for p in out.iterdir()] == [folder.LOCK_NAME]


@pytest.mark.parametrize("kind", ["link", "folder"])
def test_a_lock_file_that_is_not_a_file_gets_one_line(kind, write_content, tmp_path, capsys):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not ours")
    if kind == "link":
        (out / folder.LOCK_NAME).symlink_to(elsewhere)
    else:
        (out / folder.LOCK_NAME).mkdir()
    assert run(path, out) == 1
    assert errors(capsys.readouterr().err) == [
        f"{out / folder.LOCK_NAME}: is not a plain file, so builds into this folder cannot take turns; remove it "
        "(the next build makes it again), then build again"]
    assert elsewhere.read_text() == "not ours"


# 4. --watch builds every change, also one saved while it builds.

def test_watch_rebuilds_when_the_logo_is_edited(tmp_path, capsys):
    branded = (FIXTURES / "branded.yaml").read_text(encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(branded, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    logo = tmp_path / "assets" / "clinic-logo.svg"
    logo.write_bytes((FIXTURES / "assets" / "clinic-logo.svg").read_bytes())
    with watching("--content", str(path), "--out", str(tmp_path / "out"), "--format", "pdf"):
        assert "wrote" in wait_for(capsys, "watching")
        before = (tmp_path / "out" / "cramps.pdf").read_bytes()
        edit(logo, "</svg>", '<rect x="0" y="0" width="5" height="5" fill="#ff0000"/></svg>')
        printed = wait_for(capsys, "changed")
        while "wrote" not in printed and "up to date" not in printed:
            printed += wait_for(capsys, "\n")
    assert f"changed: {logo}" in printed
    assert (tmp_path / "out" / "cramps.pdf").read_bytes() != before


def test_watch_builds_a_change_saved_while_it_was_building(write_content, tmp_path, capsys, monkeypatch):
    path = write_content(MINIMAL)
    calls = []
    real_update = cli.update

    def update_while_editing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first rebuild: the content was read; save a change now
            edit(path, "Keep warm.", "Keep warm in bed.")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(cli, "update", update_while_editing)
    with watching("--content", str(path), "--out", str(tmp_path / "out"), "--format", "pdf"):
        wait_for(capsys, "watching")
        edit(path, "title: Cramps", "title: Night cramps")
        wait_for(capsys, "wrote")
        said_later = wait_for(capsys, "wrote")  # without a second change seen, it would never write again
    assert len(calls) == 3 and f"changed: {path}" in said_later
    assert "in bed" in consistency.pdf_text(tmp_path / "out" / "cramps.pdf")


# 5. Two topics never write one file.

def test_two_topics_whose_outputs_share_a_file_name_are_a_located_content_error(write_content, tmp_path, capsys):
    path = write_content(with_topics("cramps", "cramps-trifold"))
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out)]) == 1
    assert errors(capsys.readouterr().err) == [
        f"{path}:18:9: topic 'cramps-trifold', id: topic 'cramps-trifold' would write cramps-trifold.pdf, which topic 'cramps' "
        "(line 7) already writes as its trifold; give this topic another id",
        f"1 problem in {path}; nothing was written."]
    assert not out.exists()


def test_outputs_sharing_a_name_are_refused_by_the_builder_too(tmp_path):
    content = load(FIXTURES / "minimal.yaml")
    twin = replace(content.topics[0], id="cramps-large-print")
    with pytest.raises(OutputError, match="would write cramps-large-print.pdf"):
        build.build(content, [content.topics[0], twin], ["large-print", "pdf"], tmp_path)
    assert list(tmp_path.iterdir()) == []


# 10. Names, leftovers and interruptions.

def test_an_id_too_long_for_a_file_name_is_a_content_problem_and_leaves_nothing(write_content, tmp_path, capsys):
    path = write_content(with_topics("a" * 250))
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{path}:7:9: topic 1, id: an id of 250 characters makes file names too long for the output folder; "
        "use at most 200")
    assert not out.exists()


def test_an_id_of_the_longest_allowed_length_builds_with_its_previews(write_content, tmp_path, capsys):
    path = write_content(with_topics("a" * 200))
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out), "--format", "large-print", "--preview"]) == 0
    assert leftovers(out) == [] and (out / f"{'a' * 200}-large-print-page1.png").exists()


def test_ctrl_c_while_outputs_are_put_in_place_says_which_were(write_content, tmp_path, capsys, monkeypatch):
    path = write_content(MINIMAL)
    out = tmp_path / "out"
    real = outputs._put_in_place

    def interrupted(temporary, target):
        if target.name == "cramps.pptx":
            raise KeyboardInterrupt
        real(temporary, target)

    monkeypatch.setattr(outputs, "_put_in_place", interrupted)
    assert run(path, out) == 130
    assert errors(capsys.readouterr().err) == [
        f"stopped; outputs already written: {out / 'cramps.pdf'}; the others are as they were"]
    assert leftovers(out) == [] and list(recorded(out)) == ["cramps.pdf"]
    assert_manifest_tells_the_truth(out)


def test_ctrl_c_while_rendering_writes_nothing_and_prints_no_traceback(write_content, tmp_path, capsys, monkeypatch):
    path = write_content(MINIMAL)
    out = tmp_path / "out"

    def interrupted(self, content, topic, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(formats.Writer, "write", interrupted)
    assert run(path, out, "--jobs", "1") == 130
    assert errors(capsys.readouterr().err) == ["stopped; nothing was written; every output is as it was"]
    assert leftovers(out) == [] and not (out / "cramps.pdf").exists()


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


def start_parallel_build(path: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """Start a two-process build as a user would, and wait until its workers render (they start before the
    content is read, and render once the output folder holds their files). What it prints goes to files
    beside the content (stderr.txt), not pipes, which workers that live on would keep open."""
    with open(path.parent / "stdout.txt", "w") as stdout, open(path.parent / "stderr.txt", "w") as stderr:
        process = subprocess.Popen([sys.executable, "generate.py", "--content", str(path), "--out", str(out),
                                    "--format", "pdf", "--format", "pptx", "--jobs", "2"], cwd=ROOT,
                                   stdout=stdout, stderr=stderr, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(children_of(process.pid)) < 2 or not (out.is_dir() and any(out.glob(".*.part"))):
        assert process.poll() is None and time.monotonic() < deadline, (path.parent / "stderr.txt").read_text()
        time.sleep(0.02)
    return process, children_of(process.pid)


def wait_until_gone(pids: list[int], seconds: float = 5) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_do_not_outlive_a_build_killed_with_kill_9(write_content, tmp_path, capsys):
    path = write_content(with_topics("cramps", "cold-feet", "hiccups", "chilblains", "stitches"))
    out = tmp_path / "out"
    process, workers = start_parallel_build(path, out)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    survivors = wait_until_gone(workers)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
    assert run(path, out) == 0
    printed = capsys.readouterr().out
    names = sorted(f"{topic}{suffix}" for topic in ("cramps", "cold-feet", "hiccups", "chilblains", "stitches")
                   for suffix in (".pdf", ".pptx"))
    assert sorted(said(printed, "wrote") + said(printed, "up to date")) == names
    assert leftovers(out) == []
    assert_manifest_tells_the_truth(out)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_in_a_terminal_stops_the_build_and_its_workers_with_one_line(write_content, tmp_path):
    path = write_content(with_topics("cramps", "cold-feet", "hiccups", "chilblains", "stitches"))
    out = tmp_path / "out"
    process, workers = start_parallel_build(path, out)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the build and its workers
    process.wait(timeout=30)
    err = (path.parent / "stderr.txt").read_text()
    assert process.returncode == 130, err
    assert err.splitlines()[-1].startswith("stopped; ") and "Traceback" not in err
    assert len(errors(err)) == 1
    assert wait_until_gone(workers) == []
    assert leftovers(out) == []


def test_a_worker_killed_while_rendering_stops_the_build_with_one_line_and_every_output_as_it_was(
        write_content, tmp_path, capsys, monkeypatch):
    from leaflets.build import workers as rendering

    path = write_content(with_topics("cramps", "cold-feet"))
    out = tmp_path / "out"
    assert run(path, out, "--jobs", "2") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    parent, real_write = os.getpid(), rendering.write

    def killed_in_a_worker(content, topic, format_name, temporary):
        if os.getpid() != parent and format_name == "pptx":
            os.kill(os.getpid(), signal.SIGKILL)  # as kill -9, or the system short of memory, would
        real_write(content, topic, format_name, temporary)

    monkeypatch.setattr(rendering, "write", killed_in_a_worker)
    for split_at_most in (8, 0):  # the workers on standby; a pool, as a large build has
        monkeypatch.setattr(rendering, "SPLIT_AT_MOST", split_at_most)
        capsys.readouterr()
        assert run(path, out, "--jobs", "2", "--force") == 1
        assert errors(capsys.readouterr().err) == [
            "leaflets: a process rendering the outputs ended before it was done (it was killed, or the "
            "system ran short of memory); build again. Stopped; nothing was written; every output is as it was."]
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ctrl_c_just_after_a_temporary_file_is_made_leaves_none_behind(write_content, tmp_path, monkeypatch):
    content = load(write_content(MINIMAL))
    out = tmp_path / "out"
    out.mkdir()
    real_temporary = folder.temporary_beside

    def interrupted(target):
        made = real_temporary(target)
        signal.raise_signal(signal.SIGINT)  # as a terminal's Ctrl+C, landing the moment the file exists
        return made

    monkeypatch.setattr(folder, "temporary_beside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.build_outputs(content, [(content.topics[0], "pdf"), (content.topics[0], "pptx")], out)
    assert leftovers(out) == []
