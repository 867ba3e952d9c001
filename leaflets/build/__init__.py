"""Build: turn the content into the outputs that changed — render them (in worker processes), put them in
place all or nothing, and keep the output folder's manifest true. It may import every stage below it
(content, checks, the writers through leaflets.formats); only the command line imports it."""

from leaflets.build.outputs import Report, Stopped, build, build_outputs, default_jobs, output_path, update

__all__ = ["Report", "Stopped", "build", "build_outputs", "default_jobs", "output_path", "update"]
