"""The speed figures in the README come from benchmarks/: each script must still find what it imports from
the package (running them takes minutes, so they are not run here)."""

from __future__ import annotations

import ast
import importlib
import importlib.util

import pytest

from tests.conftest import ROOT

SCRIPTS = sorted((ROOT / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_each_benchmark_finds_what_it_imports_from_the_package(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "leaflets":
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name) or importlib.util.find_spec(f"{node.module}.{alias.name}"), \
                    f"{script.name} imports {alias.name} from {node.module}, which has no such name"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "leaflets":
                    importlib.import_module(alias.name)


def test_there_are_benchmarks():
    assert any(script.name == "speed.py" for script in SCRIPTS)
