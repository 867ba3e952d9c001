"""Time what checking outputs against the manifest costs: hashing each output's bytes, as every
rebuild does before it calls an output up to date. Prints figures; asserts nothing.

    python benchmarks/output_hashes.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from leaflets.build import folder, manifest
    from leaflets.build import update
    from leaflets.content import load
    from leaflets.formats import FORMATS

    content = load(ROOT / "content.yaml")
    with tempfile.TemporaryDirectory() as name:
        out = Path(name)
        update(content, list(content.topics), list(FORMATS), out)
        outputs = sorted(p for p in out.iterdir() if not p.name.startswith("."))
        size = sum(p.stat().st_size for p in outputs)
        rounds = 50
        start = time.perf_counter()
        for _ in range(rounds):
            for path in outputs:
                folder.file_hash(path)
        each = (time.perf_counter() - start) / rounds
        print(f"hash {len(outputs)} outputs ({size / 1e6:.2f} MB): {each * 1000:.2f} ms, "
              f"{each / len(outputs) * 1000:.3f} ms an output")

        start = time.perf_counter()
        for _ in range(rounds):
            hashes = manifest.FileHashes()
            for topic in content.topics:
                for format_name in FORMATS:
                    manifest.fingerprint(content, topic, format_name, hashes)
        print(f"fingerprints of every output, once a build: {(time.perf_counter() - start) / rounds * 1000:.2f} ms")

        start = time.perf_counter()
        for _ in range(rounds):
            update(content, list(content.topics), list(FORMATS), out)
        print(f"a whole rebuild with nothing changed (lock, manifest, hashes): "
              f"{(time.perf_counter() - start) / rounds * 1000:.2f} ms")


if __name__ == "__main__":
    main()
