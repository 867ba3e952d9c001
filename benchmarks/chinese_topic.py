"""Time each writer on an English topic and on its Chinese translation from the seed content, in one
process after a first warm-up build (so font loading is counted once, separately), and print the
output sizes. Prints figures; asserts nothing.

    python benchmarks/chinese_topic.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from leaflets import fonts
    from leaflets.content import load
    from leaflets.formats import WRITERS

    start = time.perf_counter()
    fonts.register()
    print(f"register the print font: {time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    fonts.register_cjk()
    print(f"register the Chinese font ({fonts.cjk_font_file()}, "
          f"{fonts.cjk_font_file().stat().st_size / 1e6:.1f} MB): {time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    content = load(ROOT / "content.yaml")
    print(f"load and check the seed content (4 topics): {time.perf_counter() - start:.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        for topic_id in ("leg-cramps", "leg-cramps-zh"):
            topic = content.topic(topic_id)
            for name, writer in WRITERS.items():
                path = Path(folder) / f"{topic.id}{writer.suffix}"
                writer.write(content, topic, path)  # warm-up
                start = time.perf_counter()
                writer.write(content, topic, path)
                print(f"{topic_id:16} {name:12} {time.perf_counter() - start:.3f} s  {path.stat().st_size / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
