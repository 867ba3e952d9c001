"""Build a generated catalogue of N topics (default 100 and 500) from the seed topics:
cold, again with nothing changed, and with one topic changed. Prints wall time, time
per output and the peak memory of each run (all of the build's processes together,
sampled from /proc every 50 ms); asserts nothing.

    python benchmarks/catalogue.py [N ...] [--jobs N]
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def catalogue(count: int) -> dict:
    """`count` topics: copies of the seed's English topics under new ids, each citing the seed sources (the
    plain baseline scripts set Latin text only, so the comparison stays like for like)."""
    seed = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    english = [topic for topic in seed["topics"] if topic.get("language", seed.get("language", "en")).startswith("en")]
    topics = []
    for n in range(count):
        topic = copy.deepcopy(english[n % len(english)])  # shared objects would dump as aliases
        topic["id"] = f"{topic['id']}-{n:04d}"
        topic["title"] = f"{topic['title']} ({n})"
        topics.append(topic)
    glossary = {term: meaning for term, meaning in (seed.get("glossary") or {}).items() if term.isascii()}
    return {**seed, "formats": ["pdf", "pptx"], "topics": topics, "glossary": glossary}


def tree_memory_mb(root: int, peaks: dict[int, int] | None = None) -> float:
    """Proportional set size (shared pages split between the processes sharing them) of `root`
    and all its descendants, in MB; Linux only. With `peaks`, also records each process's own
    peak RSS (kB) there."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            todo += map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            status = Path(f"/proc/{pid}/status").read_text() if peaks is not None else ""
        except OSError:
            continue  # the process has just ended
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        if peaks is not None:
            hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
            peaks[pid] = max(peaks.get(pid, 0), hwm)
    return total / 1024


def run(content: Path, out: Path, jobs: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory of the whole build in MB, and the number of outputs written."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "--content", str(content),
                                  "--out", str(out), *jobs], stdout=log, stderr=subprocess.DEVNULL, cwd=ROOT)
        peak = 0.0
        while child.poll() is None:
            peak = max(peak, tree_memory_mb(child.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if child.returncode:
            raise SystemExit(f"the build failed with exit status {child.returncode}")
        log.seek(0)
        written = sum(line.startswith("wrote ") for line in log)
    return seconds, peak, written


def main() -> None:
    args = sys.argv[1:]
    jobs = args[args.index("--jobs"):][:2] if "--jobs" in args else []
    sizes = [int(arg) for arg in args if arg not in jobs] or [100, 500]
    print(f"{os.cpu_count()} cores; generate.py {' '.join(jobs) or '(default jobs)'}")
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
                seconds, peak, written = run(content, out, jobs)
                per = f", {seconds / written * 1000:.0f} ms per output" if written else ""
                print(f"{count} topics, {label}: {seconds:.2f} s, {written} outputs written{per}, "
                      f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
