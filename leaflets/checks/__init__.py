"""Checks: the content checks (readability, plain language, sources, review dates) that `--check` reports,
and the consistency check that reads built outputs back. They read the content model and may import
content, problems, theme and wording; never a writer or the build."""
