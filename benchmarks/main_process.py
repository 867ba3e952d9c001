"""What the main process of a build spends before and beside the renderers, phase by phase: importing the
command and the content model, loading and validating content.yaml (with the Chinese font coverage
check), and the content checks; for the seed and a generated catalogue. Each round is a fresh process
per checkout, the checkouts alternating; prints the median of each phase in ms. Asserts nothing.

    python benchmarks/main_process.py [--runs 7] [--topics 100] [CHECKOUT ...]

With several checkouts (folders holding a `leaflets` package), compares them side by side.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import catalogue  # noqa: E402

PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
import leaflets.cli
from leaflets.content import load_with_positions
t1 = time.perf_counter()
content, parsed = load_with_positions(sys.argv[1], "content.yaml")
t2 = time.perf_counter()
from leaflets.checks import rules
findings = rules.run(content, parsed).findings
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "checks": t3 - t2}))
"""


def phases(checkout: Path, content: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PHASES, str(content)], cwd=checkout, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--topics", type=int, default=100)
    p.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "catalogue.yaml"
        big.write_text(yaml.safe_dump(catalogue(args.topics), sort_keys=False, allow_unicode=True), encoding="utf-8")
        contents = {"seed": ROOT / "content.yaml", f"{args.topics} topics": big}
        times: dict = {}
        for _ in range(args.runs):
            for label, content in contents.items():
                for checkout in args.checkouts:
                    for phase, seconds in phases(checkout.resolve(), content).items():
                        times.setdefault((label, phase), {}).setdefault(checkout, []).append(seconds)
    print("content      phase    " + "  ".join(f"{str(c):>24}" for c in args.checkouts) + "   (median ms)")
    for (label, phase), by_checkout in times.items():
        cells = "  ".join(f"{statistics.median(by_checkout[c]) * 1000:24.1f}" for c in args.checkouts)
        print(f"{label:12} {phase:8} {cells}")


if __name__ == "__main__":
    main()
