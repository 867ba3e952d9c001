"""What tagging costs per printed output: each seed topic in each printed format, built as shipped
(tagged) and with the marked content and the structure tree switched off. Prints figures; asserts nothing.

    python benchmarks/tagging_cost.py

Times are CPU time (time.process_time), the median of 15 builds after one to warm up, so that
other work on the machine disturbs them less than wall-clock times.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15


def median_ms(write, content, topic, path: Path) -> float:
    write(content, topic, path)
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        write(content, topic, path)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def untagged():
    """Switch tagging off: no marked content on the canvas, no structure tree added afterwards."""
    from leaflets.print import tagging

    tagging.marking = lambda canvas_class, marks: canvas_class
    tagging.finish = lambda pdf_bytes, tree, document: pdf_bytes


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from leaflets.content import load
    from leaflets.formats import WRITERS

    content = load(ROOT / "content.yaml")
    formats = ["pdf", "large-print", "trifold"]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        tagged = {(name, topic.id): median_ms(WRITERS[name].write, content, topic, out / "a.pdf")
                  for name in formats for topic in content.topics}
        untagged()
        plain = {(name, topic.id): median_ms(WRITERS[name].write, content, topic, out / "b.pdf")
                 for name in formats for topic in content.topics}
    for key, with_tags in tagged.items():
        without = plain[key]
        print(f"{key[0]:12} {key[1]:30} untagged {without:6.1f} ms  tagged {with_tags:6.1f} ms  "
              f"+{(with_tags / without - 1) * 100:4.1f}%")


if __name__ == "__main__":
    main()
