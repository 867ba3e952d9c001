"""Time a cold build of the seed content, and each step of it. Prints figures; asserts nothing.

    python benchmarks/build_seed.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_process_seconds(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "generate.py"), "--out", str(out)], check=True,
                   capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


PREPARE = """
import importlib, json, sys, time
sys.path.insert(0, sys.argv[1])
import leaflets.content
from leaflets import fonts
from leaflets.formats import DEFAULT_FORMATS, WRITERS
steps = {}
start = time.perf_counter()
modules = [importlib.import_module(WRITERS[name].module) for name in DEFAULT_FORMATS]
steps["import the writers"] = time.perf_counter() - start
start = time.perf_counter()
for module in modules:
    if hasattr(module, "before_workers"):
        module.before_workers()
steps["their before_workers()"] = time.perf_counter() - start
start = time.perf_counter()
fonts.register_cjk()
steps["read the Chinese font"] = time.perf_counter() - start
print(json.dumps(steps))
"""


def preparation_seconds() -> dict[str, float]:
    """What a build prepares to render, after reading the content, in a fresh process: a large build does it
    once before forking its workers; in a small one each kind of worker does its own part, side by side."""
    import json

    done = subprocess.run([sys.executable, "-c", PREPARE, str(ROOT)], check=True, capture_output=True,
                          text=True, cwd=ROOT)
    return json.loads(done.stdout)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        print(f"cold process, seed content (all four default formats): {cold_process_seconds(out / 'cold'):.3f} s")
        runs = [preparation_seconds() for _ in range(5)]
        for step in runs[0]:
            median = sorted(run[step] for run in runs)[len(runs) // 2]
            print(f"preparing to render, {step}: {median * 1000:.0f} ms (median of {len(runs)} processes)")

        start = time.perf_counter()
        from leaflets.content import load
        content = load(ROOT / "content.yaml")
        print(f"import + load content.yaml: {(time.perf_counter() - start) * 1000:.1f} ms")

        from leaflets.formats import WRITERS
        for name, writer in WRITERS.items():
            start = time.perf_counter()
            writer.write(content, content.topics[0], out / f"first{writer.suffix}")
            first = time.perf_counter() - start
            runs = []
            for topic in content.topics * 5:
                start = time.perf_counter()
                writer.write(content, topic, out / f"again{writer.suffix}")
                runs.append(time.perf_counter() - start)
            print(f"{name}: first output {first * 1000:.1f} ms (imports included), "
                  f"then {sum(runs) / len(runs) * 1000:.1f} ms per output")


if __name__ == "__main__":
    main()
