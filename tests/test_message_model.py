"""The message check's learned backstop (hooks/guide/message_model.py): training is repeatable,
the checked-in models are what training makes from today's tuning drafts, and the page's own
inference (message-match.js under Node) agrees with Python's. No browser. Run with -s to see
the cross-validated figures on the tuning drafts (the held-out drafts are never read here).
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
import yaml

from guide.content import MODEL_FOLDER, load_content
from guide.message_model import (
    DRAFTS,
    FEATURES_JS,
    HARMLESS,
    flags,
    languages,
    model_file,
    probabilities,
    summary,
    train,
    tuning_drafts,
)
from guide.message_rules import rules_data
from support import ROOT

LANGUAGES = languages(ROOT)
RETRAIN = "retrain: PYTHONPATH=hooks .venv/bin/python -m guide message-model"


@pytest.fixture(scope="module")
def trained() -> dict[str, tuple[str, dict[str, Any]]]:
    return {code: train(ROOT, code) for code in LANGUAGES}


def test_every_language_has_tuning_drafts() -> None:
    assert LANGUAGES == ["en", "es", "fr"]


def test_training_twice_gives_the_same_bytes() -> None:
    # From one reading of the drafts, so an edit to them meanwhile cannot make a difference.
    _, drafts = tuning_drafts(ROOT, "es")
    assert model_file("tune.es.yml", drafts)[0] == model_file("tune.es.yml", drafts)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_checked_in_model_is_what_training_makes_now(
    trained: dict[str, tuple[str, dict[str, Any]]], code: str
) -> None:
    text, report = trained[code]
    print(f"\n{code}: cross-validated on the tuning drafts, {summary(report)}")
    for label, row in report.items():
        shares = ", ".join(f"{k} {row[k] / row['drafts']:.0%}" for k in ("rules", "model", "rules+model"))
        print(f"  {label:14} {row['drafts']:4} drafts flagged: {shares}")
    path = ROOT / "content" / MODEL_FOLDER / f"{code}.json"
    assert path.is_file(), RETRAIN
    assert path.read_text(encoding="utf-8") == text, f"{path} is not what the drafts and rules make now: {RETRAIN}"
    assert len(text.encode()) < 60_000


def _node(script: str, payload: dict[str, Any]) -> Any:
    run = subprocess.run(
        ["node", str(ROOT / script)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_finds_what_python_computes(code: str) -> None:
    # One danger rule with no phrase per class, so `judge` says exactly what `learned` found.
    model = json.loads((ROOT / "content" / MODEL_FOLDER / f"{code}.json").read_text(encoding="utf-8"))
    rules = rules_data(load_content(ROOT / "content", language=code).guide, code)
    rules["danger"] = [{"id": c, "kind": "danger"} for c in model["classes"] if c != HARMLESS]
    rules["model"] = model
    drafts = [d["text"] for d in yaml.safe_load((ROOT / DRAFTS / f"tune.{code}.yml").read_text())["drafts"]][::20]
    found = _node(FEATURES_JS.as_posix(), {"rules": rules, "phase": "reconnect", "drafts": drafts})
    judged = _node("tests/js/judge.cjs", {"rules": rules, "phase": "reconnect", "drafts": drafts})
    thresholds = model["thresholds"]
    flagged = 0
    for draft, one, verdict in zip(drafts, found, judged, strict=True):
        p = probabilities(model, one["features"])
        assert abs(sum(p.values()) - 1) < 1e-9
        if any(abs(p.get(c, 0) - t) < 1e-9 for c, t in thresholds.items()):
            continue  # too near a threshold for two float summations to be sure to agree
        assert sorted(verdict["danger"]) == sorted(flags(p, thresholds)), draft
        flagged += bool(verdict["danger"])
    assert 0 < flagged < len(drafts)  # both verdicts were met
