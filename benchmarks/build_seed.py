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


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        print(f"cold process, seed content (all four default formats): {cold_process_seconds(out / 'cold'):.3f} s")

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
