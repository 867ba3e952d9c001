"""The package reads as its pipeline: each stage imports only the stages below it (and the shared
vocabulary), so content never depends on a writer and print and deck never depend on each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "leaflets"

SHARED = {"problems", "files", "theme", "fonts", "formats", "languages"}
MAY_IMPORT = {
    "problems": set(),
    "files": {"problems"},
    "theme": set(),
    "fonts": {"theme"},
    "formats": set(),
    "languages": set(),
    "pictures": {"files", "fonts", "theme", "problems"},
    "content": SHARED | {"pictures"},
    "wording": {"content", "theme", "languages"},
    # The long-slide-line check reads the cause slides' lines as the deck derives them (talk.key_points).
    "checks": SHARED | {"content", "wording", "talk"},
    # The talk's slide list and clock: shared by the deck and the printed speaker script, so that the
    # script prints exactly what the deck shows without print and deck importing each other.
    "talk": {"theme", "content", "wording"},
    "print": SHARED | {"content", "pictures", "wording", "talk"},
    # The deck's notes remind people about medicines only on slides that name one: the checks' medicine list.
    "deck": SHARED | {"content", "pictures", "wording", "talk", "checks"},
    "build": SHARED | {"content", "checks", "wording"},
    "cli": SHARED | {"content", "checks", "wording", "build", "print", "deck"},
    "__main__": {"cli"},
    "__init__": set(),
}


def stage_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_stages(path: Path) -> set[str]:
    """Every stage a module imports, at its top or inside a function."""
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("leaflets"):
            parts = node.module.split(".")[1:]
            if parts:
                stages.add(parts[0])
            else:  # from leaflets import x, y
                stages |= {alias.name for alias in node.names if alias.name != "__version__"}
        elif isinstance(node, ast.Import):
            stages |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("leaflets.")}
    return stages


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_stage_imports_only_the_stages_below_it(path):
    stage = stage_of(path)
    foreign = imported_stages(path) - {stage} - MAY_IMPORT[stage]
    assert not foreign, f"{path.relative_to(PACKAGE)} ({stage}) imports {sorted(foreign)}"


def test_every_stage_is_known_to_the_rule():
    assert {stage_of(path) for path in MODULES} <= set(MAY_IMPORT)


def test_the_rule_finds_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from leaflets.deck import draw\n", encoding="utf-8")
    assert imported_stages(module) == {"deck"}


def test_the_writers_and_the_content_model_import_no_validation_library():
    """Processes that only write outputs receive a checked model: they never import pydantic."""
    import subprocess
    import sys

    script = ("import sys, leaflets.content, leaflets.print.leaflet, leaflets.print.trifold, leaflets.deck.draw; "
              "print(sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'pydantic_core')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
