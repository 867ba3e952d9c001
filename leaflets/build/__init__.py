"""Build: turn the content into the outputs that changed — render them (in worker processes), put them in
place all or nothing, and keep the output folder's manifest true. It may import every stage below it
(content, checks, the writers through leaflets.formats); only the command line imports it.

The names below are imported when first used, so that the manifest and the folder (standard library
only) can be read without the content model: a build with nothing changed stops before it is needed."""

from __future__ import annotations

import os

__all__ = ["Report", "Stopped", "build", "build_outputs", "default_jobs", "output_path", "update"]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def __getattr__(name: str):
    if name in __all__:
        from leaflets.build import outputs

        return getattr(outputs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
