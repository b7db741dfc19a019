"""The published JSON Schema must be exactly what the model generates, and must accept the content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from guide.content.model import Guide
from guide.content.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parents[2]
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


def _closed_and_required(schema: dict[str, Any], node: dict[str, Any]) -> tuple[bool, set[str], set[str]]:
    """(allows no other key, the keys it knows, the keys it requires) of an object schema."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node.get("additionalProperties") is False, set(node.get("properties", {})), set(node.get("required", []))


def _edits(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], list[str]]]:
    """Documents made from real content, each with one key added or taken away, and the path
    of the object that changed (top level, or the first phase)."""
    phase_keys = list(data["phases"][0])
    out: list[tuple[str, dict[str, Any], list[str]]] = [("unknown top-level key", {**data, "colour": "red"}, [])]
    phases = [{**data["phases"][0], "colour": "red"}, *data["phases"][1:]]
    out.append(("unknown key in a phase", {**data, "phases": phases}, ["phases"]))
    for key in phase_keys:
        phase = {k: v for k, v in data["phases"][0].items() if k != key}
        out.append((f"phase without {key}", {**data, "phases": [phase, *data["phases"][1:]]}, ["phases"]))
    return out


def test_schema_refuses_the_unknown_and_missing_keys_the_model_refuses() -> None:
    """Each document the model refuses for an unknown or a missing key, the schema refuses
    too (the key is not among the object's properties, which allow no other, or it is
    required), and each it accepts, the schema accepts: editors see the errors the build gives."""
    schema = json.loads((SCHEMA_DIR / "guide.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "content" / "guide.yml").read_text(encoding="utf-8"))
    Guide.model_validate(data)  # the real content passes both
    checked = 0
    for what, document, path in _edits(data):
        try:
            Guide.model_validate(document)
            model_refuses = False
        except ValidationError:
            model_refuses = True
        node = schema if not path else schema["properties"]["phases"]["items"]
        closed, known, required = _closed_and_required(schema, node)
        target = document if not path else document["phases"][0]
        original = data if not path else data["phases"][0]
        schema_refuses = (closed and not set(target) <= known) or not required <= set(target)
        assert set(original) <= known, what
        assert model_refuses == schema_refuses, what
        checked += model_refuses
    assert checked >= 3  # an unknown key at the top and in a phase, and a missing title at least
