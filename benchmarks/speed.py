"""Every speed goal of the project measured in one run, as ratios, so that they hold on a noisy machine.

Each case is a whole `python generate.py` process, timed against a yardstick run next to it:
Python importing the libraries every build needs (`import yaml, reportlab.platypus, pptx`), or
plain reportlab and python-pptx scripts making the same leaflets and decks
(benchmarks/baseline_reportlab.py and benchmarks/baseline_pptx.py, run one after the other).
The commands alternate within each round; each figure is the median of the rounds, and each
ratio the median of the rounds' ratios of a case to the yardstick run beside it. CPU time is the user + system time of the finished child processes
(and their own children: the build's workers). Peak memory is measured on one cold build of a
larger catalogue by sampling every 50 ms the proportional set size (PSS: pages shared between
processes split among them) of the build process and all its descendants, summed; the sum of
each process's own peak resident size (VmHWM), an upper bound that counts shared pages once per
process, is printed beside it. The package is compiled to bytecode first, as installing it does
(a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile every changed module on every run).
Prints a markdown table; asserts nothing.

    python benchmarks/speed.py [--runs 5] [--topics 100] [--memory-topics 500]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import catalogue, tree_memory_mb  # noqa: E402

PYTHON = sys.executable
IMPORT = [PYTHON, "-c", "import yaml, reportlab.platypus, pptx"]
GENERATE = [PYTHON, str(ROOT / "generate.py")]
PDF_AND_DECK = ["--format", "pdf", "--format", "pptx"]
ALL_FORMATS = ["--format", "pdf", "--format", "trifold", "--format", "large-print", "--format", "pptx"]


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> Timing:
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    timing = Timing(time.perf_counter() - start, children_cpu() - cpu)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit status {done.returncode}:\n{done.stderr}")
    return timing


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def one_round(folder: Path, topics: int, baseline_first: bool) -> dict[str, tuple[Timing, Timing]]:
    """Every command once: each case with its yardstick, run right before it (or, for the
    catalogue, before or after it in turn)."""
    got: dict[str, tuple[Timing, Timing]] = {}
    got["seed, PDF + deck"] = timed(IMPORT), timed([*GENERATE, "--out", str(folder / "seed-2"), *PDF_AND_DECK])
    got["seed, all formats"] = timed(IMPORT), timed([*GENERATE, "--out", str(folder / "seed-4"), *ALL_FORMATS])

    data = catalogue(topics)
    content = folder / "content.yaml"
    write_yaml(content, data)
    build = [*GENERATE, "--content", str(content), "--out", str(folder / "out"), *PDF_AND_DECK]
    baselines = [[PYTHON, str(ROOT / "benchmarks" / f"baseline_{lib}.py"), str(content), str(folder / "plain")]
                 for lib in ("reportlab", "pptx")]
    if baseline_first:
        plain = timed(baselines[0]) + timed(baselines[1])
        got["catalogue, cold"] = plain, timed(build)
    else:
        cold = timed(build)
        got["catalogue, cold"] = timed(baselines[0]) + timed(baselines[1]), cold

    got["catalogue, nothing changed"] = timed(IMPORT), timed(build)
    data["topics"][0]["summary"] += " Changed."
    write_yaml(content, data)
    got["catalogue, one topic changed"] = timed(IMPORT), timed(build)
    return got


def peak_memory(folder: Path, topics: int) -> tuple[float, float, float]:
    """Peak summed PSS (MB), sum of each process's peak RSS (MB), and wall seconds of a cold build."""
    content = folder / "content.yaml"
    write_yaml(content, catalogue(topics))
    start = time.perf_counter()
    child = subprocess.Popen([*GENERATE, "--content", str(content), "--out", str(folder / "out"), *PDF_AND_DECK],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, peaks = 0.0, {}
    while child.poll() is None:
        peak = max(peak, tree_memory_mb(child.pid, peaks))
        time.sleep(0.05)
    if child.returncode:
        raise SystemExit(f"the {topics}-topic build failed with exit status {child.returncode}")
    return peak, sum(peaks.values()) / 1024, time.perf_counter() - start


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor() or "unknown CPU")
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()} on {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of every command (default 5)")
    parser.add_argument("--topics", type=int, default=100, help="topics in the generated catalogue (default 100)")
    parser.add_argument("--memory-topics", type=int, default=500,
                        help="topics in the catalogue whose peak memory is measured; 0 skips it (default 500)")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "leaflets", quiet=1)

    started, load_before = dt.datetime.now(dt.timezone.utc), os.getloadavg()
    pairs: dict[str, list[tuple[Timing, Timing]]] = {}
    for n in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            for name, pair in one_round(Path(folder), args.topics, baseline_first=n % 2 == 0).items():
                pairs.setdefault(name, []).append(pair)
        print(f"round {n + 1}/{args.runs} done", file=sys.stderr)
    memory = None
    if args.memory_topics:
        with tempfile.TemporaryDirectory() as folder:
            memory = peak_memory(Path(folder), args.memory_topics)
    minutes = (dt.datetime.now(dt.timezone.utc) - started).total_seconds() / 60

    def median(name: str, of) -> float:
        return statistics.median(of(yardstick, case) for yardstick, case in pairs[name])

    print(f"Measured {started:%Y-%m-%d %H:%M} UTC on {machine()}; load average {load_before[0]:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end; {args.runs} rounds, {minutes:.1f} minutes.")
    print("Yardsticks: `python -c \"import yaml, reportlab.platypus, pptx\"` (import), and "
          "benchmarks/baseline_reportlab.py then benchmarks/baseline_pptx.py on the same catalogue (plain). "
          "A ratio is the median over the rounds of each run's time over its yardstick's in the same round; "
          "the CPU ratio likewise with CPU time, which other work on the machine disturbs less.\n")
    print("| case | measured (median) | against (median) | ratio | CPU ratio | goal | |")
    print("|---|---|---|---|---|---|---|")
    n = args.topics
    cases = [("seed, PDF + deck", "seed, fresh folder, PDF + deck", "import", 2.5, "wall"),
             ("seed, all formats", "seed, fresh folder, all four formats", "import", 3.5, "wall"),
             ("catalogue, cold", f"{n} topics, PDF + deck, fresh folder, wall time", "plain", 0.7, "wall"),
             ("catalogue, cold", f"{n} topics, PDF + deck, fresh folder, CPU time", "plain", 1.2, "cpu"),
             ("catalogue, nothing changed", f"{n} topics, nothing changed", "import", 0.6, "wall"),
             ("catalogue, one topic changed", f"{n} topics, one topic changed", "import", 1.5, "wall")]
    for name, label, yardstick, goal, kind in cases:
        wall = median(name, lambda y, c: c.wall / y.wall)
        cpu = median(name, lambda y, c: c.cpu / y.cpu)
        ratio = wall if kind == "wall" else cpu
        measured = median(name, lambda y, c: getattr(c, kind))
        against = median(name, lambda y, c: getattr(y, kind))
        print(f"| {label} | {measured:.2f} s | {yardstick} {against:.2f} s | {wall:.2f}× | {cpu:.2f}× | "
              f"≤ {goal:g}× | {'pass' if ratio <= goal else 'FAIL'} |")
    if memory:
        pss, rss, seconds = memory
        print(f"| {args.memory_topics} topics, PDF + deck, fresh folder: peak memory of all processes | "
              f"{pss:.0f} MB | | | | < 200 MB | {'pass' if pss < 200 else 'FAIL'} |")
        print(f"\nPeak memory: the largest sum of PSS over the build process and its workers, sampled every "
              f"50 ms during one cold build ({seconds:.1f} s); the sum of each process's own peak RSS, "
              f"which counts shared pages in every process, was {rss:.0f} MB.")
    print("\nEvery run, seconds, wall/CPU, yardstick then case: " + "; ".join(
        f"{name}: " + " ".join(f"{y.wall:.2f}/{y.cpu:.2f} {c.wall:.2f}/{c.cpu:.2f}," for y, c in runs).rstrip(",")
        for name, runs in pairs.items()))


if __name__ == "__main__":
    main()
