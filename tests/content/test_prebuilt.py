"""content.yaml is validated with the schema pydantic makes of the model, written out once as Python
(leaflets/content/prebuilt.py, by assets/make_validator.py), so that a build need not import pydantic's
schema generator; it is used only while it is current, and validates exactly as pydantic's own would."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pydantic_core
import pytest

from leaflets.content import ContentError, load, prebuilt, validate
from tests.conftest import FIXTURES, ROOT

CURRENT_CORE = prebuilt.PYDANTIC_CORE == pydantic_core.__version__


def make_validator():
    spec = importlib.util.spec_from_file_location("make_validator", ROOT / "assets" / "make_validator.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_prebuilt_schema_was_made_from_the_model_as_it_is():
    assert prebuilt.MODEL_DIGEST == validate.model_digest(), "run python assets/make_validator.py"


@pytest.mark.skipif(not CURRENT_CORE, reason="made by another pydantic-core; validation asks pydantic instead")
def test_the_prebuilt_schema_is_what_pydantic_makes_of_the_model():
    schema, config = make_validator().schema_and_config()
    assert prebuilt.SCHEMA == schema and prebuilt.CONFIG == config, "run python assets/make_validator.py"


@pytest.mark.skipif(not CURRENT_CORE, reason="made by another pydantic-core; validation asks pydantic instead")
def test_reading_content_does_not_import_pydantics_schema_generator():
    script = ("import sys; from leaflets.content import load; load('content.yaml'); "
              "print(sorted(m for m in sys.modules if m.startswith('pydantic.')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_prebuilt_schema_made_from_another_model_is_not_used(monkeypatch):
    monkeypatch.setattr(prebuilt, "MODEL_DIGEST", "0" * 64)
    assert validate._prebuilt(pydantic_core.__version__) is None
    monkeypatch.undo()
    assert validate._prebuilt("0.0.0") is None


FILES = [ROOT / "content.yaml", *sorted(FIXTURES.glob("*.yaml")), *sorted((FIXTURES / "mistakes").glob("*.yaml"))]


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_the_prebuilt_schema_reads_each_file_as_pydantic_does(path, monkeypatch):
    def read():
        validate._validator.cache_clear()
        try:
            return load(path, "content.yaml")
        except ContentError as error:
            return [str(problem) for problem in error.problems]

    fast = read()
    monkeypatch.setattr(validate, "_prebuilt", lambda version: None)
    slow = read()
    validate._validator.cache_clear()
    assert fast == slow
