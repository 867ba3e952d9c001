"""The checks' findings and scores on the seed, every fixture and a generated catalogue, pinned as they were
before the checks were made quicker: every finding's line word for word, and every grade to the last digit.
A change that means to alter a finding regenerates the file (python -m tests.checks.test_same_findings) and
says why in its commit."""

from __future__ import annotations

import datetime as dt
import re
import sys

import yaml

from leaflets.checks import rules
from leaflets.content import load_with_positions
from tests.conftest import FIXTURES, ROOT

TODAY = dt.date(2026, 11, 22)
PINNED = ROOT / "tests" / "checks" / "pinned-findings.txt"


def _without_ignores(text: str) -> str:
    """The seed with every check turned on, so that its grades and passive voice are reported too."""
    return re.sub(r"^ *ignore_checks:.*\n", "", text, flags=re.MULTILINE)


def _catalogue_text() -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from catalogue import catalogue
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return yaml.safe_dump(catalogue(12), allow_unicode=True, sort_keys=False)


def content_texts() -> dict[str, str]:
    """Name: content file text, for every content file whose findings are pinned."""
    seed = (ROOT / "content.yaml").read_text(encoding="utf-8")
    texts = {"content.yaml": seed, "content.yaml, every check on": _without_ignores(seed),
             "catalogue of 12": _catalogue_text()}
    for path in sorted(FIXTURES.glob("*.yaml")) + sorted((FIXTURES / "checks").glob("*.yaml")):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def report_text(folder) -> str:
    """Every pinned content file's findings and score lines, in one text."""
    lines = []
    for name, text in content_texts().items():
        path = folder / "content.yaml"
        path.write_text(text, encoding="utf-8")
        if (FIXTURES / "assets").exists():
            (folder / "assets").mkdir(exist_ok=True)
            for asset in (FIXTURES / "assets").iterdir():
                (folder / "assets" / asset.name).write_bytes(asset.read_bytes())
        content, parsed = load_with_positions(path, "content.yaml")
        report = rules.run(content, parsed, TODAY)
        lines.append(f"== {name}")
        lines += [f"{finding.check} {finding.line()}" for finding in report.findings]
        lines += [f"score {s.topic_id} smog={s.smog!r} grade={s.grade!r} longest={s.longest_sentence} {s.unit} "
                  f"findings={s.findings} pemat={s.pemat_met}/{s.pemat_rated}" for s in report.scores]
    return "\n".join(lines) + "\n"


def test_findings_and_scores_are_those_pinned(tmp_path):
    assert report_text(tmp_path) == PINNED.read_text(encoding="utf-8")


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        PINNED.write_text(report_text(Path(folder)), encoding="utf-8")
    print(f"wrote {PINNED}")
