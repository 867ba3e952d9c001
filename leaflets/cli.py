"""The `leaflets` / `python generate.py` command."""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import datetime as dt
import difflib
import errno
import gc
import os
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from leaflets.build import folder
from leaflets.build import preview
from leaflets.build import default_jobs, standby
from leaflets.formats import DEFAULT_FORMATS, WRITERS
from leaflets.problems import ContentError, OutputError, TemplateError, shown

if TYPE_CHECKING:
    from leaflets.build import Stopped

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_STOPPED = 130  # as a shell reports a program stopped by Ctrl+C

# At exit, Python collects every object it can before tearing modules down: 70 ms of a seed build, for
# memory the process is about to give back anyway. Frozen objects are left out of that collection; files
# are still flushed and closed, and exit handlers still run.
atexit.register(gc.freeze)


def parser() -> argparse.ArgumentParser:
    formats = "; ".join(f"{name}: {writer.description}" for name, writer in WRITERS.items())
    p = _Parser(
        prog="leaflets",
        description="Make printable A4 leaflets and talk decks from a content.yaml file.",
        epilog=f"Exit status: 0 done, 1 problems in the content file or the output folder, 2 wrong command options, 3 an internal error "
               f"(a bug in leaflets; the full report is saved to a file), 130 stopped with Ctrl+C. Formats: {formats}.",
    )
    p.add_argument("--content", type=Path, default=Path("content.yaml"), metavar="PATH",
                   help="the content file to read (default: content.yaml)")
    p.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                   help="the folder to write into (default: out)")
    p.add_argument("--topic", action="append", metavar="ID",
                   help="build only this topic; repeat for more (default: every topic)")
    p.add_argument("--format", action="append", type=_format_name, metavar="FORMAT",
                   help=f"build only this format, one of: {', '.join(WRITERS)}; repeat for more "
                        "(default: the 'formats' list in the content file, else all)")
    p.add_argument("--template", type=Path, metavar="PATH",
                   help="the PowerPoint template (.pptx) for the decks (default: 'deck: template:' in the "
                        "content file, else the built-in one)")
    p.add_argument("--check", action="store_true",
                   help="check the content file (readability, plain language, sources, review dates) and print "
                        "a report; write nothing. With --topic, check only those topics")
    p.add_argument("--list", action="store_true",
                   help="list the topics: title, language, review status, and each output with whether it is "
                        "up to date in --out; write nothing")
    p.add_argument("--strict", action="store_true",
                   help="treat the checks' warnings as errors: exit 1, and build nothing, if there are any")
    p.add_argument("--schema", action="store_true",
                   help="write content.schema.json beside the content file, for editors that complete and "
                        "check content.yaml as you type")
    p.add_argument("--force", action="store_true",
                   help="rebuild every output, even those whose content has not changed")
    p.add_argument("--prune", action="store_true",
                   help="remove outputs of topics that are no longer in the content file")
    p.add_argument("--watch", action="store_true",
                   help="keep running, and build again whenever the content file, the template or a file in "
                        "the assets folder changes")
    p.add_argument("--jobs", type=_positive, default=default_jobs(), metavar="N",
                   help="render in N processes at once (default: the number of cores, here %(default)s)")
    p.add_argument("--preview", action="store_true",
                   help="also write a PNG picture of every PDF page, named <file>-page<N>.png")
    return p


class _Parser(argparse.ArgumentParser):
    """argparse, with what the user typed shown safely in its error line (no terminal control characters)."""

    def error(self, message: str):
        super().error(shown(message))


def _format_name(text: str) -> str:
    """A format as typed, in any case ('PDF'); an unknown one is refused with the nearest name."""
    name = text.strip().lower()
    if name in WRITERS:
        return name
    return _refuse_name(f"'{text}' is not a format", name, list(WRITERS), "the formats are")


def _refuse_name(what: str, given: str, known: list[str], listing: str):
    guess = difflib.get_close_matches(given, known, n=1, cutoff=0.6)
    hint = f"did you mean '{guess[0]}'? " if guess else ""
    raise argparse.ArgumentTypeError(f"{what}; {hint}({listing}: {', '.join(known)})")


def _unknown_topics_line(unknown: list[str], known: list[str], content_path) -> str:
    """One line for topics not in the content file, with the nearest id for each."""
    said = []
    for topic_id in unknown:
        guess = difflib.get_close_matches(topic_id, known, n=1, cutoff=0.6)
        said.append(f"'{topic_id}' (did you mean '{guess[0]}'?)" if guess else f"'{topic_id}'")
    return shown(f"leaflets: error: unknown topic {', '.join(said)}; the topics in {content_path} are: "
                 f"{', '.join(known)}")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


class ProgressLine:
    """Progress of a build: one line rewritten in place on a terminal, plain lines in a log."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()

    def __call__(self, done: int, total: int, topic, format_name: str) -> None:
        if total < 2 or not self.live:
            return  # in a log, the line each output gets when it is written says it
        self.stream.write(f"\r\033[K[{done}/{total}] {topic.id} ({format_name})")
        if done == total:
            self.stream.write("\r\033[K")
        self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    """Run the command; whatever happens, say it in one line rather than a traceback."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return EXIT_STOPPED
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # the reader of the output has gone; so has anyone to tell
        return EXIT_CONTENT
    except MemoryError:
        print("leaflets: ran out of memory; make the content file, its logo or its template smaller",
              file=sys.stderr)
        return EXIT_CONTENT
    except RecursionError:
        print("leaflets: something in the input is nested too deeply to read; keep to a few levels of "
              "lists and fields", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as error:  # noqa: BLE001 - the last resort: a bug, said plainly, with its trace kept
        summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        print(f"leaflets: internal error ({summary}) \u2014 this is a bug in leaflets, not in your files; "
              f"{_save_crash_report(sys.argv[1:] if argv is None else argv)}", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        standby.stop()  # workers on standby that the command did not need


def _save_crash_report(argv: list[str]) -> str:
    try:
        handle, name = tempfile.mkstemp(prefix="leaflets-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as report:
            report.write(f"leaflets {' '.join(map(str, argv))}\n\n{traceback.format_exc()}")
    except OSError:
        return "the full report could not be saved"
    return f"the full report was saved to {name}"


def _run(argv: list[str] | None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.template and (args.template.suffix.lower() != ".pptx" or not os.path.lexists(args.template)):
        p.error(f"--template {args.template}: no such PowerPoint file; give the path of a .pptx template")
    if not (args.schema or args.watch):
        status = build_if_unchanged(args)
        if status is not None:
            return status
    if args.template:
        problem = _template_problem(args.template)
        if problem:
            print(f"{problem}. Nothing was written.", file=sys.stderr)
            return EXIT_CONTENT
    if args.schema:
        return write_schema(args.content)
    if args.list:
        return list_topics(args)
    if args.watch:
        return watch(args)
    return build_once(args)


def _open_template(template: Path, shown: str):
    """Open a template as the deck writer will (imported only when content names a template)."""
    from leaflets.deck.draw import prepare

    return prepare(template, shown)


def _template_problem(template: Path) -> str | None:
    """What makes the --template file unusable, checked as content.yaml's template is; None if nothing."""
    try:
        _open_template(template, str(template))
    except TemplateError as error:
        return str(error)
    return None


def write_schema(content_path: Path) -> int:
    from leaflets.content import schema

    target = content_path.parent / schema.FILE_NAME
    schema.write(target)
    print(f"wrote {target}")
    return EXIT_OK


def build_once(args: argparse.Namespace, *, list_current: bool = True) -> int:
    """Check the content and build what changed; print what was done; return the exit status."""
    # Imported before the workers fork, so that each need not import it (and the content model) again.
    from leaflets.build import workers  # noqa: F401

    _start_workers_if_likely_small(args)
    try:
        return _check_and_build(args, list_current)
    finally:
        standby.stop()


SMALL_CONTENT_BYTES = 64_000
"""Content up to this size (the seed's two topics are 20 KB) makes a build with few outputs."""


def _start_workers_if_likely_small(args: argparse.Namespace) -> None:
    """Start the workers now, to import and prepare the writers while the content is read and checked, if
    the build will probably render few outputs: a build into a folder a build has written before (what
    changed is usually a topic or two), of chosen topics, or of small content (see build/standby.py)."""
    if args.check or args.list or args.schema or args.jobs < 2:
        return
    from leaflets.build import manifest

    try:
        likely_small = (args.topic or (args.out / manifest.FILE_NAME).is_file()
                        or args.content.stat().st_size <= SMALL_CONTENT_BYTES)
    except OSError:
        return
    if likely_small:
        kinds: dict[str, list[str]] = {}
        for format_name in dict.fromkeys(args.format or DEFAULT_FORMATS):
            kinds.setdefault(WRITERS[format_name].kind, []).append(format_name)
        standby.start(kinds)



def _check_and_build(args: argparse.Namespace, list_current: bool) -> int:
    was_on = gc.isenabled()
    gc.disable()  # importing the content model makes many objects and no garbage (as reading it does)
    try:
        from leaflets.content import load_with_positions

        content, parsed = load_with_positions(args.content, str(args.content), open_template=_open_template)
    except ContentError as error:
        _print_problems(error.problems)
        count = len(error.problems)
        print(f"{count} problem{'s' * (count != 1)} in {shown(str(args.content))}; nothing was written.",
              file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:  # the workers on standby may have started: they are stopped, and so is this
        print(_NOTHING_WRITTEN, file=sys.stderr)
        return EXIT_STOPPED
    finally:
        if was_on:
            gc.enable()

    known = [topic.id for topic in content.topics]
    unknown = [topic_id for topic_id in args.topic or [] if topic_id not in known]
    if unknown:
        print(_unknown_topics_line(unknown, known, args.content), file=sys.stderr)
        return EXIT_USAGE

    if args.template:
        content = dataclasses.replace(content, deck=dataclasses.replace(content.deck, template=args.template.resolve()))

    if args.check:
        return report_checks(args, content, parsed)
    from leaflets.content.validate import topics_without_their_font

    unbuildable = topics_without_their_font(content, parsed)
    checks = _Findings(args, content, parsed)
    read = parsed.text  # what the outputs are made from: the next build is told of no other
    del parsed  # the file's node tree, a tenth of a large build's memory: the checks let it go once they ran
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        with folder.locked(args.out):
            return _build_locked(args, content, checks, list_current, unbuildable=unbuildable, read=read)
    except folder.FolderError as error:
        print(error, file=sys.stderr)
        return EXIT_CONTENT
    except OSError as error:
        print(f"{error.filename or args.out}: cannot write there ({error.strerror}); "
              "choose another folder with --out DIR. Nothing was changed.", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print(_NOTHING_WRITTEN, file=sys.stderr)
        return EXIT_STOPPED


_NOTHING_WRITTEN = "stopped; nothing was written; every output is as it was"


def update(*args, **kwargs):
    """leaflets.build.update, imported only when something is to be built (it brings in the content model)."""
    from leaflets.build import update as update_outputs

    return update_outputs(*args, **kwargs)


def build_if_unchanged(args: argparse.Namespace) -> int | None:
    """A whole build with nothing changed since the last one into the folder (content file, the files it
    names, the package, the options and the day), whose outputs still hold what was written: say so, as a
    build would, without reading the content, under the folder's lock. None when a build is needed; this
    needs only the standard library, the manifest and the saved findings."""
    if args.check or args.force or args.prune or args.preview or not args.out.is_dir():
        return None
    try:
        with folder.locked(args.out):
            unchanged = _unchanged_since_last_build(args)
            if unchanged is None:
                return None
            return _build_locked(args, None, _Findings(args, None, None, unchanged.findings), True, unchanged)
    except folder.FolderError as error:  # the lock is not to be had: waiting again would say it twice
        print(error, file=sys.stderr)
        return EXIT_CONTENT
    except OSError:
        return None  # the build proper says what is wrong


class _Unchanged:
    """What a build with nothing changed would find: the saved findings and a report of outputs up to date."""

    def __init__(self, findings: list[str], current: list[Path], stale: list[Path]):
        self.findings = findings
        self.written, self.current, self.stale, self.pruned = [], current, stale, []


def _unchanged_since_last_build(args: argparse.Namespace) -> _Unchanged | None:
    from leaflets.build import manifest

    folder.remove_leftovers(args.out)
    last = manifest.last_build(args.out)
    if last is None or not _may_read(args, last.named) or manifest.build_key(args.content, str(args.content), _build_options(args), last.named) != last.key:
        return None
    findings = manifest.remembered_findings(args.out, manifest.checks_key(args.content, str(args.content)))
    if findings is None or (findings and args.strict):
        return None
    outputs = manifest.still_current(args.out, last)
    return None if outputs is None else _Unchanged(findings, *outputs)


def _may_read(args: argparse.Namespace, named: list[str]) -> bool:
    """Whether the files a last build's record names are --template or files in the content file's folder:
    the record comes from the output folder, and no other file is read on its word (a content naming a logo
    elsewhere is read and built as usual)."""
    home = Path(args.content).resolve().parent
    template = args.template.resolve() if args.template else None
    return all(Path(name) == template or Path(name).is_relative_to(home) and ".." not in Path(name).parts
               for name in named)


def _build_options(args: argparse.Namespace) -> list:
    """The options that choose what a build makes (not how: --jobs, or what it prints: --strict)."""
    return [args.format, args.topic, str(args.template) if args.template else None]


def _build_record(args: argparse.Namespace, content, topics, formats, read: str) -> tuple | None:
    """What the next build with nothing changed is to find (see build_if_unchanged): the key of this build's
    inputs, the files the content names, the outputs it makes and those the content has; None if a named
    file cannot be read as a plain file, or the content file no longer holds the text `read` (saved again
    while this build ran: the next one must build it)."""
    from leaflets.build import manifest, output_path

    named = [str(path) for path in (content.publisher and content.publisher.logo, content.deck.template) if path]
    key = manifest.build_key(args.content, str(args.content), _build_options(args), named, read)
    if key is None:
        return None
    outputs = [output_path(args.out, topic, name).name for topic in topics for name in formats]
    expected = [output_path(args.out, topic, name).name for topic in content.topics for name in WRITERS]
    return key, named, outputs, expected


def _remember_build(args: argparse.Namespace, record: tuple | None) -> None:
    """Let the next build with nothing changed stop before it reads the content."""
    from leaflets.build import manifest

    if record is None:
        return
    try:
        manifest.remember_build(args.out, *record)
    except OSError:
        pass  # the next build reads the content


def _build_locked(args: argparse.Namespace, content, checks: _Findings, list_current: bool, unchanged=None,
                  unbuildable=(), read: str = "") -> int:
    """The build itself, holding the output folder's lock; with `unchanged`, a build that has nothing to do.
    `unbuildable`: the topics left out for want of their font, with the problem to say for each."""
    findings = checks.say() if args.strict or unchanged else []
    if findings and args.strict:
        print(f"{len(findings)} finding{'s' * (len(findings) != 1)} with --strict; nothing was written.",
              file=sys.stderr)
        return EXIT_CONTENT

    report = unchanged or _update_outputs(args, content, checks.say, unbuildable, read)
    if isinstance(report, int):
        return report
    for path in report.written:
        print(f"wrote {path}")
    if list_current:
        for path in report.current:
            print(f"up to date {path}")
    elif report.current:
        print(f"{len(report.current)} other output{'s' * (len(report.current) != 1)} up to date")
    for path in report.stale:
        print(f"not in {args.content} any more: {path} (remove it with --prune)")
    for path in report.pruned:
        print(f"removed {path}")
    print(_summary_line(len(report.written), len(report.current), len(checks.say()), args.strict))
    if args.preview:
        needed = [p for p in report.written + report.current
                  if p.suffix == ".pdf" and (p in report.written or not p.with_name(f"{p.stem}-page1.png").exists())]
        for path in needed:
            try:
                pictures = preview.write_pages(path)
            except OSError as error:
                print(f"{error.filename or path}: cannot write the preview pictures ({error.strerror or error}); "
                      "the outputs above were written", file=sys.stderr)
                return EXIT_CONTENT
            print(f"wrote {len(pictures)} preview{'s' * (len(pictures) != 1)} of {path}: {pictures[0].name} …")
    return EXIT_OK


def _summary_line(rebuilt: int, current: int, findings: int, strict: bool) -> str:
    """'8 outputs: 2 rebuilt, 6 up to date, 3 warnings — see --check'."""
    line = f"{_count(range(rebuilt + current), 'output')}: {rebuilt} rebuilt, {current} up to date"
    if findings:
        line += f", {_count(range(findings), 'error' if strict else 'warning')} \u2014 see --check"
    return line


class _Findings:
    """The checks' warnings for a build, said once. Without --strict they are found while the workers render
    (the checks of 100 topics take a third of a second), yet said before any progress line or output."""

    def __init__(self, args: argparse.Namespace, content, parsed, lines: list[str] | None = None):
        self.args, self.content, self.parsed, self.lines, self.said = args, content, parsed, lines, False

    def say(self) -> list[str]:
        if self.lines is None:
            self.lines = _findings_of_build(self.args, self.content, self.parsed)
            self.parsed = None
        if not self.said:
            self.said = True
            for line in self.lines:
                print(line, file=sys.stderr)
        return self.lines


def _update_outputs(args: argparse.Namespace, content, say_findings, unbuildable, read: str):
    """Build what changed: the report of what was done, or the exit status of a build that failed."""
    from leaflets.build import Stopped

    topics = [content.topic(t) for t in dict.fromkeys(args.topic)] if args.topic else list(content.topics)
    for _, problem in unbuildable:
        print(f"{problem.where}: warning: {problem.path}: {problem.message}", file=sys.stderr)
    left_out = {topic.id for topic, _ in unbuildable}
    topics = [topic for topic in topics if topic.id not in left_out]
    formats = list(dict.fromkeys(args.format or content.formats))
    record = []

    def beside():  # while the workers render
        say_findings()
        record.append(_build_record(args, content, topics, formats, read))

    try:
        report = update(content, topics, formats, args.out, force=args.force, prune=args.prune,
                        jobs=args.jobs, progress=ProgressLine(), beside=beside)
    except OutputError as error:
        say_findings()  # refused before rendering began
        where = "" if isinstance(error, TemplateError) else f"{args.content}: "
        print(f"{where}{error}. Nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    except Stopped as stop:
        if not isinstance(stop.cause, KeyboardInterrupt):
            say_findings()  # a folder that could not be written to may have stopped it before rendering began
        print(_stopped_line(stop, args.out), file=sys.stderr)
        return EXIT_STOPPED if isinstance(stop.cause, KeyboardInterrupt) else EXIT_CONTENT
    _remember_build(args, record[0] if record else _build_record(args, content, topics, formats, read))
    return report


MAX_PROBLEMS_SHOWN = 200  # a file with thousands of the same mistake gets the first ones and a count


def _print_problems(problems) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(problem, file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"\u2026 and {len(problems) - MAX_PROBLEMS_SHOWN} more problems like these; fix the ones above first",
              file=sys.stderr)


def _stopped_line(stop: Stopped, out: Path) -> str:
    """One line for a build that stopped: why, what to do, and exactly which outputs were replaced."""
    if stop.written:
        done = f"outputs already written: {', '.join(str(p) for p in stop.written)}; the others are as they were"
    else:
        done = "nothing was written; every output is as it was"
    error = stop.cause
    if isinstance(error, KeyboardInterrupt):
        return f"stopped; {done}"
    if not isinstance(error, OSError):  # a worker killed
        return ("leaflets: a process rendering the outputs ended before it was done (it was killed, or the "
                f"system ran short of memory); build again. Stopped; {done}.")
    what = {errno.ENOSPC: "the disk is full; free some space, then build again",
            errno.EDQUOT: "the disk quota is used up; free some space, then build again",
            errno.EISDIR: "it is a folder; move or rename that folder, then build again"}.get(error.errno, "choose another folder with --out DIR")
    return f"{error.filename or out}: cannot write it ({error.strerror or error}); {what}. Stopped; {done}."


def report_checks(args: argparse.Namespace, content, parsed) -> int:
    """`--check`: every finding on its line, the outputs already built checked against the content, then a table."""
    from leaflets.checks import rules

    report = rules.run(content, parsed, only=set(args.topic) if args.topic else None)
    lines = [finding.line(args.strict) for finding in report.findings]
    gaps = _missing_from_outputs(args, content)
    for line in lines + gaps:
        print(line)
    if lines or gaps:
        print()
    print(report.table())
    warnings = "errors" if args.strict else "warnings"
    checked = [topic for topic in content.topics if not args.topic or topic.id in args.topic]
    print(f"\n{args.content}: {_count(checked, 'topic')}, {_count(content.sources, 'source')}, "
          f"{_count(lines, warnings[:-1])}"
          + (f", {len(gaps)} gaps between the content and its outputs" if gaps else "") + ".")
    return EXIT_CONTENT if gaps or (lines and args.strict) else EXIT_OK


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'s' * (len(items) != 1)}"


def _missing_from_outputs(args: argparse.Namespace, content) -> list[str]:
    """Built outputs (in --out, up to date) that lack a cause, warning sign or advice item of their topic."""
    from leaflets.checks import consistency
    from leaflets.build import manifest
    from leaflets.build import output_path

    state = manifest.Manifest.read(args.out)
    hashes = manifest.FileHashes()
    lines = []
    for topic in content.topics:
        if args.topic and topic.id not in args.topic:
            continue
        for format_name in content.formats:
            path = output_path(args.out, topic, format_name)
            if state.is_current(path.name, manifest.fingerprint(content, topic, format_name, hashes)):
                lines += [f"{path}: error: {part} of topic '{topic.id}' is missing from it; build again with --force"
                          for part in consistency.missing(topic, format_name, path)]
    return lines


def _findings_of_build(args: argparse.Namespace, content, parsed) -> list[str]:
    """The checks' warnings, as --check prints them; remembered in the output folder topic by topic, so a
    rebuild checks again only the topics edited since (see build/findings.py)."""
    from leaflets.build import findings

    lines = findings.of_build(content, parsed, args.out, args.content, str(args.content))
    return [line.replace(": warning:", ": error:", 1) for line in lines] if args.strict else lines


def list_topics(args: argparse.Namespace) -> int:
    """`--list`: each topic with its title, language and review status, then its outputs and whether each is
    up to date in the output folder."""
    from leaflets.build import manifest, output_path
    from leaflets.content import load_with_positions

    try:
        content = load_with_positions(args.content, str(args.content), open_template=_open_template)[0]
    except ContentError as error:
        _print_problems(error.problems)
        print(f"{_count(error.problems, 'problem')} in {shown(str(args.content))}; fix them to list its topics.",
              file=sys.stderr)
        return EXIT_CONTENT
    state = manifest.Manifest.read(args.out)
    hashes = manifest.FileHashes()
    for topic in content.topics:
        if args.topic and topic.id not in args.topic:
            continue
        language = getattr(topic, "language", None) or content.language
        print(f"{topic.id}: {topic.title} ({language}; {_review_status(topic)})")
        for format_name in args.format or content.formats:
            path = output_path(args.out, topic, format_name)
            if not path.exists():
                status = "not built"
            elif state.is_current(path.name, manifest.fingerprint(content, topic, format_name, hashes)):
                status = "up to date"
            else:
                status = "out of date"
            print(f"  {format_name}: {path} ({status})")
    return EXIT_OK


def _review_status(topic) -> str:
    if not topic.reviewed:
        return "not reviewed"
    due = f", next review due {topic.next_review:%d %B %Y}" if topic.next_review else ""
    overdue = " (overdue)" if topic.next_review and topic.next_review < dt.date.today() else ""
    return f"reviewed {topic.reviewed:%d %B %Y}{' by ' + topic.reviewed_by if topic.reviewed_by else ''}{due}{overdue}"


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _watched_line(seen) -> str:
    """'watching content.yaml, assets/logo.png (…)': the files by name, the first few when there are many."""
    names = [str(path) for path in seen]
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return f"{_now()} watching {shown} (press Ctrl+C to stop)"


def watch(args: argparse.Namespace, interval: float = 0.5, stop: threading.Event | None = None) -> int:
    """Build, then build again whenever an input changes, until interrupted (or `stop` is set).
    The files are looked at before each build, so that a change saved while it runs is built next."""
    from leaflets.build import inputs

    stop = stop or threading.Event()
    named = inputs.named_files(args.content, args.template)
    seen = inputs.snapshot(args.content, named)
    try:
        if build_once(args) != EXIT_STOPPED:
            print(_watched_line(seen), flush=True)
            _rebuild_on_change(args, interval, stop, named, seen)
    except KeyboardInterrupt:
        pass
    print("stopped watching")
    return EXIT_OK


def _rebuild_on_change(args: argparse.Namespace, interval: float, stop: threading.Event, named, seen) -> None:
    from leaflets.build import inputs

    while not stop.wait(interval):
        changed = inputs.changes(seen, inputs.snapshot(args.content, named))
        if not changed:
            continue
        print(f"{_now()} changed: {', '.join(changed)}; building again", flush=True)
        named = inputs.named_files(args.content, args.template)
        seen = inputs.snapshot(args.content, named)
        if build_once(args, list_current=False) == EXIT_STOPPED:
            return
        sys.stdout.flush()
