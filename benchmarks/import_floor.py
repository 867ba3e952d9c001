"""How much of a one-topic rebuild is importing code: each command below is a fresh Python process, run
in turn with the import yardstick of benchmarks/speed.py beside it; prints the median wall and CPU time of
each and its ratio to the yardstick. Asserts nothing.

    python benchmarks/import_floor.py [--runs 9]

A rebuild of one leaflet and one deck must import all of it somewhere: the content model and its
validator before the content can be read, and the writers before anything is drawn. One process
importing everything shows what that costs without parallel work; a build spreads it over the main
process and two workers, which import no validator.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "yardstick: yaml, reportlab.platypus, pptx": "import yaml, reportlab.platypus, pptx",
    "the command and the content model": "import leaflets.cli, leaflets.content",
    "the same, and its validator (pydantic-core, the prebuilt schema)":
        "import leaflets.cli, leaflets.content.validate as v; v._validator()",
    "the printed formats' writer, with pikepdf": "import leaflets.content, leaflets.print.leaflet, pikepdf",
    "the deck's writer": "import leaflets.content, leaflets.deck.draw",
    "all of it in one process": "import leaflets.cli, leaflets.content.validate as v, leaflets.print.leaflet, "
                                "pikepdf, leaflets.deck.draw, leaflets.checks.rules; v._validator()",
}


def timed(code: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "leaflets", quiet=1)
    yardstick = next(iter(COMMANDS.values()))
    ratios: dict[str, list[tuple[float, float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, code in COMMANDS.items():
            base_wall, _ = timed(yardstick)
            wall, cpu = timed(code)
            ratios[name].append((wall, cpu, wall / base_wall))
    print("| imports | wall (median) | CPU (median) | wall / yardstick beside it |\n|---|---|---|---|")
    for name, runs in ratios.items():
        walls, cpus, over = zip(*runs)
        print(f"| {name} | {statistics.median(walls) * 1000:.0f} ms | {statistics.median(cpus) * 1000:.0f} ms "
              f"| {statistics.median(over):.2f}× |")


if __name__ == "__main__":
    main()
