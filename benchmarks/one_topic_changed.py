"""What the main process of a rebuild spends when one topic of a catalogue changed (pdf and pptx, after a
first whole build): the wall time and the main process's own CPU time unprofiled, and the parts named below
under cProfile (whose figures are inflated, so compare them between checkouts, not with the others). Each
round copies the first build's output folder afresh, so that every run rebuilds the same topic. Checkouts
alternate within each round; prints medians in ms. Asserts nothing.

    python benchmarks/one_topic_changed.py [--runs 9] [--topics 100] [CHECKOUT ...]

Compile each checkout first (`python -m compileall -q CHECKOUT/leaflets`) when Python may not write bytecode.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import catalogue  # noqa: E402

FORMATS = ["--format", "pdf", "--format", "pptx"]
PARTS = {  # part: (module file, function), matched in the profile by file name and function name
    "update before rendering": None,
    "manifest fingerprints": ("manifest.py", "fingerprint"),
    "  words_to_know": ("model.py", "words_to_know"),
    "manifest is_current": ("manifest.py", "is_current"),
    "findings of the build": ("cli.py", "_findings_of_build"),
    "  import of the checks": ("rules.py", "<module>"),
    "  checks of the topic": ("rules.py", "topic_findings"),
    "    hyphenation patterns": ("readability.py", "_hyphenation"),
    "  comments after text": ("loader.py", "comments_after_text"),
}
MEASURED = ("import resource, runpy, sys; sys.argv = sys.argv[1:]; sys.path.insert(0, '.')\n"
            "try: runpy.run_path('generate.py', run_name='__main__')\nexcept SystemExit: pass\n"
            "r = resource.getrusage(resource.RUSAGE_SELF); print('CPU', r.ru_utime + r.ru_stime, file=sys.stderr)")


def profiled_parts(profile: Path, checkout: Path) -> dict[str, float]:
    times: dict[tuple[str, str], float] = {}
    for (file, _, function), (_, _, _, cumulative, _) in pstats.Stats(str(profile)).stats.items():
        if file.startswith(str(checkout)):
            key = (Path(file).name, function)
            times[key] = times.get(key, 0.0) + cumulative
    before_rendering = times.get(("outputs.py", "update"), 0.0) - times.get(("outputs.py", "render"), 0.0)
    return {part: times.get(where, 0.0) if where else before_rendering for part, where in PARTS.items()}


def rebuild(checkout: Path, work: Path, profile: bool) -> dict[str, float]:
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(work / "first-build", out, symlinks=True)
    shutil.copy(work / "changed.yaml", work / "content.yaml")
    args = ["generate.py", "--content", str(work / "content.yaml"), "--out", str(out), *FORMATS]
    try:
        if profile:
            subprocess.run([sys.executable, "-m", "cProfile", "-o", str(work / "run.prof"), *args], cwd=checkout,
                           capture_output=True, check=True)
            return profiled_parts(work / "run.prof", checkout)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", MEASURED, *args], cwd=checkout, capture_output=True, text=True,
                              check=True)
        return {"wall": time.perf_counter() - start, "main process CPU": float(done.stderr.rsplit("CPU ", 1)[1])}
    finally:
        shutil.copy(work / "first.yaml", work / "content.yaml")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--topics", type=int, default=100)
    p.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    args = p.parse_args()
    checkouts = [c.resolve() for c in args.checkouts]
    data = catalogue(args.topics)
    with tempfile.TemporaryDirectory() as folder:
        works = {}
        for n, checkout in enumerate(checkouts):
            work = works[checkout] = Path(folder) / str(n)
            work.mkdir()
            (work / "first.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            changed = {**data, "topics": [{**data["topics"][0], "summary": data["topics"][0]["summary"] + " Changed."},
                                          *data["topics"][1:]]}
            (work / "changed.yaml").write_text(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True),
                                               encoding="utf-8")
            shutil.copy(work / "first.yaml", work / "content.yaml")
            subprocess.run([sys.executable, "generate.py", "--content", str(work / "content.yaml"), "--out",
                            str(work / "first-build"), *FORMATS], cwd=checkout, capture_output=True, check=True)
        times: dict[str, dict[Path, list[float]]] = {}
        for _ in range(args.runs):
            for checkout in checkouts:
                for profile in (False, True):
                    for part, seconds in rebuild(checkout, works[checkout], profile).items():
                        times.setdefault(part, {}).setdefault(checkout, []).append(seconds)
    print(f"{'one topic of %d changed' % args.topics:28}" + "".join(f"{c.name:>14}" for c in checkouts) + "   (median ms)")
    for part, by_checkout in times.items():
        print(f"{part:28}" + "".join(f"{statistics.median(by_checkout[c]) * 1000:14.1f}" for c in checkouts))


if __name__ == "__main__":
    main()
