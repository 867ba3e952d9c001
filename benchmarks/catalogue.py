"""Build a generated catalogue of N topics (default 100 and 500) from the seed topics:
cold, again with nothing changed, and with one topic changed. Prints wall time, time
per output and the peak memory of each run; asserts nothing.

    python benchmarks/catalogue.py [N ...]
"""

from __future__ import annotations

import copy
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def catalogue(count: int) -> dict:
    """`count` topics: copies of the seed topics under new ids, each citing the seed sources."""
    seed = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    topics = []
    for n in range(count):
        topic = copy.deepcopy(seed["topics"][n % len(seed["topics"])])  # shared objects would dump as aliases
        topic["id"] = f"{topic['id']}-{n:04d}"
        topic["title"] = f"{topic['title']} ({n})"
        topics.append(topic)
    return {**seed, "formats": ["pdf", "pptx"], "topics": topics}


def run(content: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory of the child in MB, and the number of outputs written."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "--content", str(content), "--out", str(out)],
                            check=True, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    written = sum(line.startswith("wrote ") for line in result.stdout.splitlines())
    return seconds, max(peak, before) / 1024, written


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 500]
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            content = Path(folder) / "content.yaml"
            data = catalogue(count)
            content.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            out = Path(folder) / "out"
            for label in ("cold", "nothing changed", "one topic changed"):
                if label == "one topic changed":
                    data["topics"][0]["summary"] += " Changed."
                    content.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
                seconds, peak, written = run(content, out)
                per = f", {seconds / written * 1000:.0f} ms per output" if written else ""
                print(f"{count} topics, {label}: {seconds:.2f} s, {written} outputs written{per}, "
                      f"peak memory {peak:.0f} MB (largest child so far)")


if __name__ == "__main__":
    main()
