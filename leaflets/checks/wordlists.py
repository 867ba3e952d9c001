"""The word lists the checks use: medical terms that need explaining and medicine names, one per line in
assets/checks/, extended per content file under `checks:`."""

from __future__ import annotations

import functools

from leaflets.content import mentions
from leaflets.theme import asset


@functools.cache
def medical_terms() -> tuple[str, ...]:
    return word_list("checks/medical-terms.txt")


@functools.cache
def medicines() -> tuple[str, ...]:
    return word_list("checks/medicines.txt")


def named_medicines(text: str, more: tuple[str, ...] = ()) -> list[str]:
    """The medicines (the built-in list and `more`, content.yaml's own) that `text` names, in name order."""
    lower = text.lower()
    return [name for name in _medicine_names(more) if name in lower and mentions(lower, name)]


@functools.lru_cache(maxsize=16)
def _medicine_names(more: tuple[str, ...]) -> tuple[str, ...]:
    """The built-in medicines and `more`, lower case (as `mentions` looks for them), in name order."""
    return tuple(sorted(set(medicines()) | {m.lower() for m in more}))


def word_list(name: str) -> tuple[str, ...]:
    """The names in one list of assets/checks/, lower case (which leaves Chinese as it is), without comments."""
    lines = asset(name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

