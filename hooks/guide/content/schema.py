"""The JSON Schema of each content file, generated from the model classes.

Editors pick it up through the `# yaml-language-server: $schema=...` line at the top of each
content file. Regenerate after changing `model.py`:  `make schema`  (a test fails until then).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from ..content.model import Guide, LocalHelp, SafetyContent
from ..content.strings import StringsCatalog

SCHEMAS: dict[str, type[BaseModel]] = {
    "guide.schema.json": Guide,
    "safety.schema.json": SafetyContent,
    "helplines.schema.json": LocalHelp,
    "strings.schema.json": StringsCatalog,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("content/schema")
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (folder / name).write_text(schema_text(model), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
