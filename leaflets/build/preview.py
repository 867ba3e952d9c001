"""PNG pictures of every page of a PDF, so an editor can check a change without a PDF viewer."""

from __future__ import annotations

import os
from pathlib import Path

from leaflets.build.folder import temporary_beside

DPI = 100


def write_pages(pdf: Path) -> list[Path]:
    """Write `<name>-page<N>.png` beside `pdf` for each page; remove pictures of pages it no longer has."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        written = []
        for number, page in enumerate(document, start=1):
            target = pdf.with_name(f"{pdf.stem}-page{number}.png")
            temporary = temporary_beside(target)  # then renamed over a link in its place, never written through
            try:
                page.render(scale=DPI / 72).to_pil().save(temporary, format="PNG", optimize=True)
                os.replace(temporary, target)
            finally:
                temporary.unlink(missing_ok=True)
            written.append(target)
    finally:
        document.close()
    for stale in pdf.parent.glob(f"{pdf.stem}-page*.png"):
        if stale not in written and stale.stem.removeprefix(f"{pdf.stem}-page").isdigit():
            stale.unlink()
    return written
