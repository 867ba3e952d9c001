"""A deck measures its text from a table of the standard fonts' widths (assets/make_metrics.py) instead of
importing reportlab: every width must still be exactly the one reportlab's stringWidth gives."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from leaflets.deck import measure
from leaflets.theme import asset
from tests.conftest import FIXTURES, ROOT

TABLE = json.loads(asset("deck-metrics.json").read_text(encoding="utf-8"))["widths"]
SIZES = [1, 7.5, 11, 18, 20.5, 28, 44, 1000]
SAMPLES = [
    "Drink plenty of water and rest for two days.",
    "Café, naïve, Ørsted, Łódź, São Paulo, Dvořák, straße, œuvre",
    "If your temperature is ≥ 38 °C – call “111” • or ‘999’ … now ±5 µg ½ ©",
    "多喝水，多休息。Take 2 paracetamol tablets (500 mg) 每天三次。",
    "Feeling better? 😀👍🏽 Keep going ❤️ ✓ ✔ ★ ☎ → ← ∞ ≠ √ α β Ω",
    "Tab\there, line\nbreak, non\u00a0breaking, zero\u200bwidth, soft\u00adhyphen",
    "Ünïcödé ßtraße ﬁnancial ﬂow Ǆ ǅ ǆ ĳ \u0301combining",
    "",
]


def test_the_table_covers_each_font_a_deck_is_measured_with():
    fonts = {measure.metrics_for(face, bold)[0] for face in ["Arial", "Georgia", "Courier New", "Calibri"]
             for bold in (False, True)}
    assert fonts <= set(TABLE)


@pytest.mark.parametrize("font", sorted(TABLE))
def test_every_character_in_the_table_measures_as_reportlab_measures_it(font):
    for char in TABLE[font]:
        for size in SIZES:
            assert measure.string_width(char, font, size) == stringWidth(char, font, size), \
                f"{char!r} in {font} at {size}: run python assets/make_metrics.py"


@pytest.mark.parametrize("font", sorted(TABLE))
def test_texts_measure_as_reportlab_measures_them_whatever_their_characters(font):
    texts = SAMPLES + ["".join(TABLE[font]), " ".join(SAMPLES)]
    for text in texts:
        for size in SIZES:
            assert measure.string_width(text, font, size) == stringWidth(text, font, size), (text, font, size)
        measure._units.cache_clear()
        assert measure._units(text, font) == round(stringWidth(text, font, 1000)), (text, font)


def test_a_font_the_table_lacks_is_measured_by_reportlab():
    assert "Symbol" not in TABLE
    assert measure.string_width("αβγ ≥", "Symbol", 12) == stringWidth("αβγ ≥", "Symbol", 12)


def test_the_table_is_what_make_metrics_writes_for_the_installed_reportlab():
    spec = importlib.util.spec_from_file_location("make_metrics", ROOT / "assets" / "make_metrics.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    assert asset("deck-metrics.json").read_text(encoding="utf-8") == maker.table_text(), \
        "run python assets/make_metrics.py"


def test_a_deck_is_built_without_importing_reportlab(tmp_path):
    script = ("import sys; from leaflets.cli import main; status = main(sys.argv[1:]); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab')); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", script, "--content", str(FIXTURES / "markup.yaml"),
                           "--format", "pptx", "--jobs", "1", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "out").glob("*.pptx"))
    assert done.stdout.splitlines()[-1] == "[]"
