"""Make leaflets/content/prebuilt.py: the schema pydantic validates content.yaml with, written out once as
Python, so that a build hands it straight to pydantic-core instead of importing pydantic's schema generator
and running it over the model on every start (about 55 ms of every build that reads the content).

The schema is what `pydantic.TypeAdapter(Content).core_schema` makes from leaflets/content/model.py: plain
data, naming the model's classes and check functions, without the parts only the JSON Schema for editors
uses. validate.py uses it only while it is current: made by the installed pydantic-core, from the model as
it is (the module records a digest of model.py and formats.py); otherwise it asks pydantic as before.
tests/content/test_prebuilt.py fails while it is out of date. Run this after changing the model or
upgrading pydantic:

    python assets/make_validator.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "leaflets" / "content" / "prebuilt.py"


def schema_and_config() -> tuple[dict, dict]:
    sys.path.insert(0, str(ROOT))
    from pydantic import TypeAdapter
    from pydantic._internal._config import ConfigWrapper

    from leaflets.content.model import Content

    return _without_metadata(TypeAdapter(Content).core_schema), ConfigWrapper(None).core_config(None)


def _without_metadata(value: Any) -> Any:
    """The schema without what only the JSON Schema uses, and with its references named by their class alone
    (pydantic adds the class's address in memory, which differs from one run to the next)."""
    if isinstance(value, dict):
        return {key: re.sub(r":\d+$", "", item) if key in ("ref", "schema_ref") else _without_metadata(item)
                for key, item in value.items() if key != "metadata"}
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def as_python(value: Any, indent: int = 0) -> str:
    """`value` as a Python expression: the model's classes, functions and objects by their names in it."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{key!r}: {as_python(item, indent + 1)}," for key, item in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "\n".join(f"{inner}{as_python(item, indent + 1)}," for item in value) + f"\n{pad}]"
    if isinstance(value, tuple):
        return "(" + "".join(f"{as_python(item, indent + 1)}, " for item in value) + ")"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if value is dict or value is Path:
        return value.__name__
    if getattr(value, "__module__", None) == "leaflets.content.model":
        if isinstance(value, type) or callable(value) and hasattr(value, "__qualname__"):
            return f"model.{value.__qualname__}"
        return f"model.{value!r}"  # the model's dataclasses have reprs that make them again
    raise ValueError(f"cannot write {value!r} ({type(value).__name__}) as Python")


def module_text() -> str:
    import pydantic_core

    from leaflets.content.validate import model_digest

    schema, config = schema_and_config()
    return (f'"""The schema pydantic validates content.yaml with, made by assets/make_validator.py (do not edit; run\n'
            f'it again after changing leaflets/content/model.py). validate.py uses it only while it is current."""\n\n'
            f"from pathlib import Path\n\n"
            f"from leaflets.content import model\n\n"
            f"PYDANTIC_CORE = {pydantic_core.__version__!r}\n"
            f"MODEL_DIGEST = {model_digest()!r}\n"
            f"CONFIG = {as_python(config)}\n"
            f"SCHEMA = {as_python(schema)}\n")


def main() -> None:
    OUT.write_text(module_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
