"""The message check's rules as data for the page: one small JSON file per language build.

The page fetches it when the reader first reaches the box (message-check.js), as search loads
on first use, so no page carries the phrase lists. Its name carries a hash of its bytes, so a
host may cache it for good. Pure: knows nothing of MkDocs; the hook writes the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content.model import Guide, MessageRule

FOLDER = "assets/js/"  # beside site.js: the script finds the file relative to itself


@dataclass(frozen=True)
class RulesFile:
    name: str  # e.g. "message-rules.1a2b3c4d.json", in FOLDER
    text: str


def _rule(rule: MessageRule) -> dict[str, Any]:
    data: dict[str, Any] = {"id": rule.id, "kind": rule.kind}
    if rule.phrases:
        data["phrases"] = list(rule.phrases)
    if rule.together:
        data["together"] = [list(part) for part in rule.together]
    if rule.limits:
        data["limits"] = {name: value for name, value in rule.limits if value is not None}
    return data


def rules_data(guide: Guide, language: str, model: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What message-match.js `prepare`s: the danger rules, each phase's own points, spellings,
    and the learned backstop (`model`, content/message-model/xx.json) where there is one."""
    data = {
        "lang": language,
        "spellings": dict(sorted(guide.message_spellings.items())),
        "danger": [_rule(rule) for rule in guide.message_danger],
        # `include` points are questions only the reader can answer: the page asks them, no rule looks.
        "phases": {
            phase.id: [_rule(rule) for rule in phase.message_rules if rule.kind != "include"]
            for phase in guide.phases
            if phase.message_rules
        },
    }
    if model is not None:
        data["model"] = dict(model)
    return data


def rules_file(guide: Guide, language: str, model: Mapping[str, Any] | None = None) -> RulesFile:
    text = json.dumps(rules_data(guide, language, model), ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return RulesFile(f"message-rules.{digest}.json", text)
