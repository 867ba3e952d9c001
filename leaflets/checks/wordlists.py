"""The word lists the checks use: medical terms that need explaining and medicine names, one per line in
assets/checks/, extended per content file under `checks:`."""

from __future__ import annotations

import functools

from leaflets.theme import asset


@functools.cache
def medical_terms() -> tuple[str, ...]:
    return _word_list("checks/medical-terms.txt")


@functools.cache
def medicines() -> tuple[str, ...]:
    return _word_list("checks/medicines.txt")


def _word_list(name: str) -> tuple[str, ...]:
    lines = asset(name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

