"""The published JSON Schema must be exactly what the model generates, and must accept the content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guide.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "content" / "schema"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), f"content/schema/{name} is stale: run `make schema`"


def test_every_content_file_points_editors_at_its_schema() -> None:
    for content in sorted((ROOT / "content").glob("*.yml")):
        first = content.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=schema/"), content.name
        schema = content.parent / first.split("$schema=")[1]
        assert schema.exists(), f"{content.name} names a missing schema"
        assert json.loads(schema.read_text(encoding="utf-8"))["type"] == "object"


def test_schema_rejects_what_the_model_rejects() -> None:
    schema = json.loads((SCHEMA_DIR / "guide.schema.json").read_text(encoding="utf-8"))
    phase = schema["$defs"]["Phase"]
    assert phase["additionalProperties"] is False
    assert {"id", "title", "summary", "why", "steps", "checklist"} <= set(phase["required"])
    data = yaml.safe_load((ROOT / "content" / "guide.yml").read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
