"""The JSON Schema of content.yaml, generated from the content model (never kept by hand), so
that editors such as VS Code (with the YAML extension) complete field names and flag mistakes
while the file is typed. content.yaml's first line points them at it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from leaflets.content import Content

FILE_NAME = "content.schema.json"


def generate() -> dict:
    from pydantic import TypeAdapter

    schema = TypeAdapter(Content).json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "leaflets content file (content.yaml)",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def text() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path) -> None:
    """Write the schema beside the content file; a link or anything else already there is replaced,
    never written through."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text())
        os.chmod(name, 0o644)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
