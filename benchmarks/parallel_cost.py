"""What rendering in worker processes costs in CPU, against rendering everything in the command's own process:
a cold build of a generated catalogue (A4 leaflet and deck per topic), alternately with the default jobs and
with --jobs 1, each a fresh process. Prints the median CPU of the main process and of its workers, and how
busy the machine's other processes kept its cores meanwhile. Asserts nothing.

    python benchmarks/parallel_cost.py [--runs 7] [--topics 100]

With the machine otherwise quiet the two cost the same CPU: 3.82 s and 3.83 s for 100 topics (eight runs
each, none more than 0.05 s from the median). What the workers add is small: each starts in 2 ms, takes a
fifth of a millisecond between outputs and some 25 ms to end, the pool's messages cost the main process
about 60 ms, and each worker measures the words and parses the markup of the catalogue's first topics again
(about 50 ms in all); an output takes no longer in a worker than in the main process (15.5 to 16.6 ms
against 16.3 to 18.1 ms on average, four instrumented builds of each). When other programs keep the machine
busy the build with workers costs 0.25 to 0.4 s more, and so it does with both workers held on one core
(taskset -c 0), where they never run at once. This points to the memory the processes use rather than to
what they do: two workers hold twice the data one process does, in a cache shared with everything else on
the host. A loop reading 30 MB at random costs 0.14 s of CPU in one process and 0.18 to 0.20 s in each of
two, on one core or two.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import catalogue  # noqa: E402

CPU_OF_BUILD = r"""
import resource, runpy, sys
sys.argv = ["generate.py", *sys.argv[1:]]
try:
    runpy.run_path("generate.py", run_name="__main__")
finally:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)
"""


def busy_ticks() -> int:
    """Clock ticks the machine's cores have spent busy since it started (every process, this one's too)."""
    user, nice, system, idle, iowait, *rest = map(int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:])
    return user + nice + system + sum(rest[:3])


def build(content: Path, out: Path, jobs: list[str]) -> tuple[float, float, float]:
    """CPU seconds of the main process and of its workers, and the seconds the other processes on the machine
    kept a core busy while it ran."""
    shutil.rmtree(out, ignore_errors=True)  # cold: no outputs, and no findings remembered from the last build
    before, ours = busy_ticks(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", CPU_OF_BUILD, "--content", str(content), "--out", str(out),
                           "--format", "pdf", "--format", "pptx", *jobs],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    main, workers = map(float, done.stderr.split()[-2:])
    others = (busy_ticks() - before) / os.sysconf("SC_CLK_TCK") - (after.ru_utime + after.ru_stime
                                                                  - ours.ru_utime - ours.ru_stime)
    return main, workers, max(others, 0.0)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--topics", type=int, default=100)
    args = p.parse_args()
    kinds = {"default jobs": [], "--jobs 1": ["--jobs", "1"]}
    results: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content.yaml"
        content.write_text(yaml.safe_dump(catalogue(args.topics), sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
        for _ in range(args.runs):
            for kind, jobs in kinds.items():
                results[kind].append(build(content, Path(folder) / "out", jobs))
    print(f"{args.topics} topics, {args.runs} runs each, median CPU seconds")
    for kind, runs in results.items():
        main_cpu, workers, others = (statistics.median(column) for column in zip(*runs))
        totals = sorted(round(m + w, 2) for m, w, _ in runs)
        print(f"{kind:13} main {main_cpu:.2f}  workers {workers:.2f}  total {statistics.median(totals):.2f} "
              f"{totals}  other processes busy {others:.1f} s")


if __name__ == "__main__":
    main()
