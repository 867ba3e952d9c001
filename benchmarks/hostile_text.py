"""Time `generate.py` on hostile content files: deep nesting, long runs of one character, huge
fields and odd bytes. Each case is made here, built as a PDF leaflet into a temporary folder
with a time limit, and reported with its wall time, exit status and first line of error output;
asserts nothing.

    python benchmarks/hostile_text.py [CASE ...] [--limit SECONDS]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def _with(old: str, new: str) -> bytes:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1).encode("utf-8")


def _deep_mapping(depth: int) -> bytes:
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)).encode() + b"  " * depth + b"x\n"


CASES = {
    "flow-sequence-50k": b"a: " + b"[" * 50_000 + b"\n",
    "flow-mapping-50k": b"a: " + b"{" * 50_000 + b"\n",
    "flow-closed-50k": b"a: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "block-sequence-50k": b"- " * 50_000 + b"x\n",
    "block-mapping-1000": _deep_mapping(1000),
    "digits-40k-summary": _with("Cramps are common.", "1" * 40_000),
    "digits-400k-summary": _with("Cramps are common.", "1" * 400_000),
    "digits-spaces-40k": _with("Cramps are common.", "1 " * 20_000),
    "acute-parens-40k": _with("Cramps are common.", "acute " + "(" * 40_000),
    "parens-400k": _with("Cramps are common.", "(" * 400_000),
    "paragraph-500k": _with("Cold muscles cramp more easily.", "Cold muscles cramp more easily. " * 16_000),
    "spaces-400k": _with("Cramps are common.", "Cramps " + " " * 400_000 + "are common."),
    "hyphens-400k": _with("Cramps are common.", "a-" * 200_000 + "a"),
    "repeated-is-400k": _with("Cramps are common.", "is " * 130_000),
    "long-word-400k": _with("Cramps are common.", "a" * 400_000),
    "long-advice-word-100k": _with("Keep warm.", "Keep " + "w" * 100_000),
    "one-line-5mb": b"a: '" + b"x" * 5_000_000 + b"'\n",
    "key-100k": b"k" * 100_000 + b": 1\n",
    "empty-items-100k": _with("advice:\n      - Keep warm.", "advice:\n" + "      - ''\n" * 100_000),
    "advice-items-100k": _with("advice:\n      - Keep warm.", "advice:\n" + "      - Keep warm.\n" * 100_000),
    "nul-byte": _with("Cramps are common.", "Cramps\0 are common."),
    "bom-in-middle": _with("Cramps are common.", "Cramps \ufeffare common."),
    "escaped-surrogate": _with("Cramps are common.", '"Cramps \\ud800 are common."'),
    "escaped-nul": _with("Cramps are common.", '"Cramps \\0 are common."'),
    "crlf": MINIMAL.replace("\n", "\r\n").encode(),
    "cr-only": MINIMAL.replace("\n", "\r").encode(),
    "minutes-inf": MINIMAL.encode() + b"deck:\n  minutes: .inf\n",
    "minutes-1e999": MINIMAL.encode() + b"deck:\n  minutes: 1e999\n",
    "grade-inf": MINIMAL.encode() + b"checks:\n  target_grade: .inf\n",
    "grade-nan": MINIMAL.encode() + b"checks:\n  target_grade: .nan\n",
    "big-file-12mb": _with("Cramps are common.", "Cramps are common. " * 650_000),
}


def run(name: str, data: bytes, limit: float) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content.yaml"
        path.write_bytes(data)
        command = [sys.executable, str(ROOT / "generate.py"), "--content", str(path), "--out",
                   str(Path(folder) / "out"), "--format", "pdf", "--jobs", "1"]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=limit,
                                  cwd=folder)
        except subprocess.TimeoutExpired:
            return f"{name:24} > {limit:.0f} s  (stopped)"
        seconds = time.perf_counter() - start
        first = (done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or [""])[0]
        first = first.replace(str(path), "content.yaml")
        traceback = "  TRACEBACK" if "Traceback" in done.stderr else ""
        return f"{name:24} {seconds:6.1f} s  exit {done.returncode:<4}{traceback} {first[:150]}"


def main(argv: list[str]) -> None:
    limit = 120.0
    if "--limit" in argv:
        at = argv.index("--limit")
        limit = float(argv[at + 1])
        del argv[at:at + 2]
    for name in argv or CASES:
        print(run(name, CASES[name], limit), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
