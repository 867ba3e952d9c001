"""Time and peak memory of refusing each hostile logo or template, each build in its own process.
Prints figures; asserts nothing (tests/test_hostile_files.py checks what the user is told).

    python benchmarks/hostile_files.py
"""

from __future__ import annotations

import gzip
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
DEFAULT_TEMPLATE = ROOT / "assets" / "deck-template.pptx"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" {attributes}>{body}</svg>'


def svg(body: str = "", attributes: str = 'viewBox="0 0 64 40"') -> bytes:
    return SVG.format(attributes=attributes, body=body).encode()


def png_bomb() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(20_000_000), 9))
            + chunk(b"IEND", b""))


def entity_bomb(root: str) -> str:
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return f'<!DOCTYPE {root} [{entities}]>'


def use_bomb() -> bytes:
    levels = ['<rect id="u0" width="1" height="1"/>'] + [
        f'<g id="u{i}">' + f'<use href="#u{i - 1}"/>' * 10 + "</g>" for i in range(1, 9)]
    return svg(f"<defs>{''.join(levels)}</defs><use href='#u8'/>")


def template_with_part(path: Path, megabytes: int) -> None:
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry))
        with target.open("ppt/media/image9.png", "w", force_zip64=True) as part:
            zeros = bytes(1_000_000)
            for _ in range(megabytes):
                part.write(zeros)


def template_with_theme_bomb(path: Path) -> None:
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "ppt/theme/theme1.xml":
                data = data.replace(b"?>", b"?>" + entity_bomb("a:theme").encode(), 1).replace(
                    b'name="Office"', b'name="&a9;"', 1)
            target.writestr(entry.filename, data)


CASES = {
    "EPS named logo.png": ("logo", "logo.png", lambda p: p.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n"
                                                                      b"%%BoundingBox: 0 0 9 9\n{ } loop\n")),
    "PNG header of 100000 x 100000": ("logo", "logo.png", lambda p: p.write_bytes(png_bomb())),
    "gzip SVG holding 200 MB": ("logo", "logo.svg", lambda p: p.write_bytes(
        gzip.compress(svg(" " * 200_000_000), 9))),
    "SVG entity bomb": ("logo", "logo.svg", lambda p: p.write_bytes(
        entity_bomb("svg").encode() + svg("<text>&a9;</text>"))),
    "SVG <use> bomb (10^8 copies)": ("logo", "logo.svg", lambda p: p.write_bytes(use_bomb())),
    "SVG 20000 x 1 units": ("logo", "logo.svg", lambda p: p.write_bytes(svg(attributes='viewBox="0 0 20000 1"'))),
    "SVG with 100000 elements": ("logo", "logo.svg", lambda p: p.write_bytes(
        svg('<rect width="1" height="1"/>' * 100_000))),
    "template with a 1500 MB part": ("template", "big.pptx", lambda p: template_with_part(p, 1500)),
    "template theme entity bomb": ("template", "bomb.pptx", template_with_theme_bomb),
}


def measure(label: str, kind: str, name: str, folder: Path) -> tuple[float, int, int, float]:
    """Seconds to build, peak memory of the build process in MB, exit status, and the file's size in MB.
    The file is made in a process of its own: a child starts with its parent's peak memory on record."""
    subprocess.run([sys.executable, __file__, "--make", label, str(folder / name)], check=True)
    head = (f"publisher:\n  name: Clinic\n  logo: {name}\n" if kind == "logo" else f"deck:\n  template: {name}\n")
    content = folder / "content.yaml"
    content.write_text(head + MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "leaflets", "--content", str(content), "--out",
                                str(folder / "out")], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return (time.perf_counter() - start, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status),
            (folder / name).stat().st_size / 1e6)


def main() -> None:
    print(f"{'hostile input':34} {'file MB':>8} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
    for label, (kind, name, _) in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            seconds, peak, code, size = measure(label, kind, name, Path(folder))
        print(f"{label:34} {size:8.2f} {seconds:8.2f} {peak:8d} {code:5d}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        CASES[sys.argv[2]][2](Path(sys.argv[3]))
    else:
        main()
