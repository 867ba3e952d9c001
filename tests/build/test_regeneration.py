"""Regenerating safely: parallel builds give the same files, failures keep the last good
outputs, outputs stay inside the output folder, --watch rebuilds on change, and any valid
content builds with every string in both the leaflet and the deck."""

from __future__ import annotations

import gc
import io
import multiprocessing
import re
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflets import build
from leaflets.build import workers
from leaflets.checks import consistency
from leaflets import formats
from leaflets.cli import ProgressLine, main, parser
from leaflets.content import ContentError, load
from leaflets.problems import OutputError
from tests.build.watching import edit, wait_for, watching
from tests.conftest import FIXTURES
from tests.build.test_incremental import TWO_TOPICS

MINIMAL = FIXTURES / "minimal.yaml"


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_parallel_build_writes_the_same_bytes_as_one_process(write_content, tmp_path):
    path = write_content(TWO_TOPICS)
    assert main(["--content", str(path), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main(["--content", str(path), "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert len(files(tmp_path / "one")) == 8
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_workers_that_prepare_for_their_own_formats_write_what_workers_sharing_one_preparation_write(
        write_content, tmp_path, monkeypatch):
    content = load(write_content(TWO_TOPICS))
    outputs = [(topic, name) for topic in content.topics for name in ("pdf", "pptx", "trifold")]
    assert workers._by_writer([((t, n), None) for t, n in outputs], 2)[1][1] == 1  # a worker for the decks
    build.build_outputs(content, outputs, tmp_path / "own", jobs=2)
    monkeypatch.setattr(workers, "SPLIT_AT_MOST", 0)  # as in a large build
    build.build_outputs(content, outputs, tmp_path / "shared", jobs=2)
    assert len(files(tmp_path / "own")) == 6
    assert files(tmp_path / "own") == files(tmp_path / "shared")


def test_workers_started_before_the_content_is_read_write_what_one_process_writes(write_content, tmp_path,
                                                                                  monkeypatch):
    path = write_content(TWO_TOPICS)
    used = []
    real_collect = workers._collect_from_standby
    monkeypatch.setattr(workers, "_collect_from_standby", lambda chosen, *args: used.append(sorted(chosen))
                        or real_collect(chosen, *args))
    assert main(["--content", str(path), "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert main(["--content", str(path), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert used == [["deck", "print"]]
    assert files(tmp_path / "two") == files(tmp_path / "one")
    assert multiprocessing.active_children() == []


def test_workers_on_standby_stop_when_the_content_has_a_mistake_or_nothing_is_to_render(write_content, tmp_path):
    path = write_content(TWO_TOPICS)
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out), "--jobs", "2"]) == 0
    path.write_text(path.read_text() + "# a comment changes the file, not the outputs\n")
    assert main(["--content", str(path), "--out", str(out), "--jobs", "2"]) == 0
    assert multiprocessing.active_children() == []
    path.write_text(path.read_text().replace("summary:", "sumary:", 1))
    assert main(["--content", str(path), "--out", str(out), "--jobs", "2"]) == 1
    assert multiprocessing.active_children() == []


def test_work_too_large_for_the_workers_on_standby_is_rendered_by_a_pool_as_before(write_content, tmp_path,
                                                                                   monkeypatch):
    path = write_content(TWO_TOPICS)
    monkeypatch.setattr(workers, "SPLIT_AT_MOST", 1)  # four printed outputs are more than a standby takes
    assert main(["--content", str(path), "--out", str(tmp_path / "pool"), "--jobs", "2",
                 "--format", "pdf", "--format", "trifold", "--format", "pptx"]) == 0
    assert multiprocessing.active_children() == []
    assert main(["--content", str(path), "--out", str(tmp_path / "one"), "--jobs", "1",
                 "--format", "pdf", "--format", "trifold", "--format", "pptx"]) == 0
    assert files(tmp_path / "pool") == files(tmp_path / "one")


def test_a_small_build_gives_the_decks_and_the_printed_formats_a_worker_each_and_a_large_one_shares_them():
    def work(count, formats):
        return [((f"topic {n}", name), None) for n in range(count) for name in formats]

    small = workers._by_writer(work(2, ["pdf", "trifold", "pptx"]), 2)
    assert [(sorted({name for (_, name), _ in group}), jobs) for group, jobs in small] == [
        (["pdf", "trifold"], 1), (["pptx"], 1)]
    assert [jobs for _, jobs in workers._by_writer(work(4, ["pdf", "pptx"]), 4)] == [2, 2]
    assert len(workers._by_writer(work(4, ["pdf", "trifold"]), 2)) == 1  # no decks: one kind of worker
    assert len(workers._by_writer(work(4, ["pdf", "pptx"]), 1)) == 1


def test_a_parallel_build_reports_each_output_once_as_it_is_done_counting_up_to_all(write_content, tmp_path):
    content = load(write_content(TWO_TOPICS))
    outputs = [(topic, name) for topic in content.topics for name in ("pdf", "pptx", "trifold")]
    told = []
    build.build_outputs(content, outputs, tmp_path, jobs=2,
                        progress=lambda done, total, topic, name: told.append((done, total, topic.id, name)))
    assert [(done, total) for done, total, _, _ in told] == [(n, len(outputs)) for n in range(1, len(outputs) + 1)]
    assert sorted((topic_id, name) for _, _, topic_id, name in told) == sorted((t.id, n) for t, n in outputs)


def test_the_collector_is_paused_only_while_an_output_is_written_even_one_that_fails(write_content, tmp_path,
                                                                                      monkeypatch):
    content = load(write_content(TWO_TOPICS))
    topic = content.topics[0]
    seen = []

    def fail(self, content, topic, target):
        seen.append(gc.isenabled())
        raise OutputError("the leaflet cannot be made")

    monkeypatch.setattr(formats.Writer, "write", fail)
    with pytest.raises(OutputError):
        build.build_outputs(content, [(topic, "pdf")], tmp_path)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(OutputError):
            build.build_outputs(content, [(topic, "pdf")], tmp_path)
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()


def test_a_failing_worker_leaves_every_earlier_output_and_no_partial_files(write_content, tmp_path, monkeypatch):
    path = write_content(TWO_TOPICS)
    out = tmp_path / "out"
    assert main(["--content", str(path), "--out", str(out)]) == 0
    before = files(out)
    real_write = formats.Writer.write

    def fail_for_decks(self, content, topic, target):
        if self.suffix == ".pptx" and topic.id == "cold-feet":
            raise OutputError("the deck cannot be made")
        real_write(self, content, topic, target)

    monkeypatch.setattr(formats.Writer, "write", fail_for_decks)  # inherited by the forked workers
    assert main(["--content", str(path), "--out", str(out), "--force", "--jobs", "2"]) == 1
    assert files(out) == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".part")] == []


def test_jobs_must_be_a_whole_number_of_one_or_more(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["--jobs", "0"])
    assert "'0' is not a whole number of 1 or more" in capsys.readouterr().err


def test_progress_rewrites_one_line_on_a_terminal_and_prints_plain_lines_in_a_log():
    topic = SimpleNamespace(id="cramps")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = ProgressLine(stream)
        progress(1, 2, topic, "pdf")
        progress(2, 2, topic, "pptx")
    assert log.getvalue() == ""  # in a log, each output's own 'wrote' line says it
    assert "\n" not in terminal.getvalue()
    assert terminal.getvalue().startswith("\r\x1b[K[1/2] cramps (pdf)")
    assert terminal.getvalue().endswith("\r\x1b[K")  # the line is cleared when the build is done


def test_an_output_that_is_a_symlink_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"not ours")
    out = tmp_path / "out"
    out.mkdir()
    (out / "cramps.pdf").symlink_to(outside)
    assert main(["--content", str(MINIMAL), "--out", str(out), "--format", "pdf"]) == 0
    assert outside.read_bytes() == b"not ours"
    assert not (out / "cramps.pdf").is_symlink()
    assert (out / "cramps.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("topic_id", ["../../escape", "/etc/cron.d/x", "a/b", ".hidden", "a\\b",
                                      "c:escape"])  # on Windows, a file in the current folder of drive C
def test_a_topic_id_cannot_name_a_path_outside_the_output_folder(write_content, topic_id, tmp_path):
    path = write_content(MINIMAL.read_text(encoding="utf-8").replace("id: cramps", f"id: '{topic_id}'"))
    with pytest.raises(ContentError) as caught:
        load(path)
    assert "topic 1, id" in str(caught.value.problems[0])
    # The writer refuses such a name too, whatever built the model.
    with pytest.raises(OutputError):
        build.output_path(tmp_path, SimpleNamespace(id=topic_id), "pdf")


def test_a_content_file_of_many_megabytes_is_read_and_checked(write_content, capsys):
    topic = MINIMAL.read_text(encoding="utf-8").split("topics:\n", 1)[1]
    long_text = " ".join(["Cold muscles cramp more easily at night."] * 40)
    many = "".join(topic.replace("id: cramps", f"id: cramps-{n}")
                        .replace("Cold muscles cramp more easily.", long_text) for n in range(3000))
    path = write_content(MINIMAL.read_text(encoding="utf-8").split("topics:\n")[0] + "topics:\n" + many)
    assert path.stat().st_size > 5_000_000
    assert main(["--content", str(path), "--check"]) == 0
    assert "3000 topics" in capsys.readouterr().out


def test_watch_rebuilds_what_changed_and_keeps_going_through_a_mistake(write_content, tmp_path, capsys):
    path = write_content(MINIMAL.read_text(encoding="utf-8"))
    with watching("--content", str(path), "--out", str(tmp_path / "out"), "--format", "pdf"):
        said = wait_for(capsys, "watching")
        assert "wrote" in said
        assert re.search(rf"^\d\d:\d\d:\d\d watching {re.escape(str(path))} \(press Ctrl\+C to stop\)$", said, re.M)
        edit(path, "Keep warm.", "Keep warm at night.")
        said = wait_for(capsys, "wrote")
        assert re.search(rf"^\d\d:\d\d:\d\d changed: {re.escape(str(path))}; building again$", said, re.M)
        edit(path, "title: Cramps", "title: [Cramps")
        said = wait_for(capsys, "problem")
        assert "content.yaml:" in said and "nothing was written" in said
        edit(path, "title: [Cramps", "title: Cramps again")
        assert "wrote" in wait_for(capsys, "wrote")
    assert "Cramps again" in consistency.pdf_text(tmp_path / "out" / "cramps.pdf")
    assert "stopped watching" in capsys.readouterr().out


# Any valid content: words with markup characters, accents and long words, lists of any length.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüñçßø0123456789<>&\"'/;:()%",
               min_size=1, max_size=24)
LINE = st.lists(WORD, min_size=1, max_size=14).map(" ".join)
NAME = st.lists(WORD.filter(lambda w: len(w) <= 10), min_size=1, max_size=4).map(" ".join)
CAUSE = st.fixed_dictionaries({"name": NAME, "explanation": LINE},
                              optional={"self_care": LINE, "medical_care": LINE})


@st.composite
def content_files(draw) -> dict:
    return {
        "sources": [{"id": "guide", "title": draw(LINE), "publisher": draw(NAME), "date": "2024-01-31"}],
        "topics": [{
            "id": "topic", "title": draw(NAME), "summary": draw(LINE), "sources": ["guide"],
            "causes": draw(st.lists(CAUSE, min_size=1, max_size=5)),
            "warning_signs": draw(st.lists(LINE, min_size=1, max_size=8)),
            "advice": draw(st.lists(LINE, min_size=1, max_size=8)),
        }],
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=content_files())
def test_any_valid_content_builds_with_every_string_in_the_leaflet_and_the_deck(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    content = load(path)
    topic = content.topics[0]
    written = build.build(content, [topic], ["pdf", "large-print", "pptx"], folder / "out")
    for format_name, output in zip(["pdf", "large-print", "pptx"], written):
        assert consistency.missing(topic, format_name, output) == [], format_name
    printed = consistency.pdf_text(written[0])
    assert "".join(topic.summary.split()) in "".join(printed.split())
