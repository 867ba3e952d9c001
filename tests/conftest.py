from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from leaflets import fonts, languages
from leaflets.build import build, output_path
from leaflets.content import load
from leaflets.formats import FORMATS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_content():
    """The seed content; without the Chinese font installed, only its English topics (the build leaves
    the Chinese ones out, saying how to install the font)."""
    content = load(ROOT / "content.yaml")
    if fonts.cjk_font_file() is None:
        content = replace(content, topics=tuple(t for t in content.topics
                                                             if not languages.is_cjk(t.language)))
    return content


@pytest.fixture(scope="session")
def seed_outputs(seed_content, tmp_path_factory):
    """The real content.yaml built once, in every format, into a temporary folder: {(topic id, format): path}."""
    out = tmp_path_factory.mktemp("out")
    build(seed_content, list(seed_content.topics), list(FORMATS), out)
    return {(topic.id, name): output_path(out, topic, name) for topic in seed_content.topics for name in FORMATS}


@pytest.fixture
def write_content(tmp_path):
    """Write YAML text to a content file in a temporary folder and return its path."""

    def write(text: str, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def normalise(text: str) -> str:
    """Text without any whitespace, to compare content with text read back from a PDF or deck."""
    return "".join(text.split())


@pytest.fixture(scope="session")
def other_template(tmp_path_factory):
    """A second deck template with other fonts, colours, layout names and order (tests/templates.py)."""
    from tests.templates import make_other_template
    return make_other_template(tmp_path_factory.mktemp("template") / "other.pptx")
