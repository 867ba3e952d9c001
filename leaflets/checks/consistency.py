"""Does every part of a topic reach its outputs? Each output is read back as a reader sees
it (the PDF's text, the deck's slides and notes) and searched for the topic's texts.

Used by `--check` after a build and by the tests, so both ask the same question.
"""

from __future__ import annotations

from pathlib import Path

from leaflets.content import Topic

# Formats that may leave a cause's explanation and care lines out to fit (the trifold's
# briefer layouts); every format carries every cause name, urgent sign, warning sign and advice item.
BRIEF_FORMATS = {"trifold"}


def expected(topic: Topic, format_name: str) -> list[tuple[str, str]]:
    """(what it is, its text) for each part of the topic the output must carry."""
    parts = [("title", topic.title)]
    for number, cause in enumerate(topic.causes, start=1):
        parts.append((f"cause {number} name", cause.name))
        if format_name not in BRIEF_FORMATS:
            parts.append((f"cause {number} explanation", cause.explanation))
            parts += [(f"cause {number} self-care", cause.self_care)] if cause.self_care else []
            parts += [(f"cause {number} medical care", cause.medical_care)] if cause.medical_care else []
    parts += [(f"urgent sign {n}", sign) for n, sign in enumerate(topic.urgent_signs, start=1)]
    parts += [(f"warning sign {n}", sign) for n, sign in enumerate(topic.warning_sign_texts, start=1)]
    parts += [(f"advice item {n}", item) for n, item in enumerate(topic.advice, start=1)]
    return parts


def missing(topic: Topic, format_name: str, path: Path) -> list[str]:
    """The parts of `topic` that cannot be found in the output at `path`, named."""
    found = _squeezed(deck_text(path) if path.suffix == ".pptx" else pdf_text(path))
    return [name for name, text in expected(topic, format_name) if _squeezed(text) not in found]


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def deck_text(path: Path) -> str:
    """Every slide's text and speaker notes."""
    from pptx import Presentation

    texts = []
    for slide in Presentation(str(path)).slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def _squeezed(text: str) -> str:
    """Text without whitespace or soft hyphens, since line breaks fall differently in each output."""
    return "".join(text.replace("\u00ad", "").replace("\ufffe", "").split())
