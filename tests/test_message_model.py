"""The message check's learned backstop (hooks/guide/message_check/model.py): training is repeatable,
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

from guide.content.loading import MODEL_FOLDER, load_content
from guide.message_check.model import (
    DRAFTS,
    FEATURES_JS,
    FOLDS,
    GATE,
    HARMLESS,
    SAFE_YAML,
    SELF_HARM,
    Draft,
    batches,
    danger,
    folds,
    gated,
    inputs_digest,
    languages,
    model_file,
    probabilities,
    summary,
    train,
    tuning_drafts,
)
from guide.message_check.rules import rules_data
from support import ROOT

LANGUAGES = languages(ROOT)
RETRAIN = "retrain: PYTHONPATH=hooks .venv/bin/python -m guide message-model"


def test_every_language_has_tuning_drafts() -> None:
    assert LANGUAGES == ["en", "es", "fr"]


def test_a_batch_begins_at_a_named_comment_or_a_class_heading_met_again() -> None:
    text = """drafts:
  # --- threat ---
  - {class: threat, text: "a"}
  # --- harmless ---
  - {class: harmless, text: "b"}
  # --- threat ---
  - {class: threat, text: "c"}
  # --- writer 2, blind ---
  - {class: threat, text: "d"}
  # --- harmless ---
  - {class: harmless, text: "e"}
  # a plain note is no batch
  - {class: harmless, text: "f"}
"""
    # The class heading after a named batch starts another: a named set of drafts ends where
    # the file goes back to sections by class.
    assert batches(text) == [0, 0, 1, 2, 3, 3]


@pytest.mark.parametrize("code", LANGUAGES)
def test_cross_validation_keeps_each_writer_s_batch_in_one_fold(code: str) -> None:
    text = (ROOT / DRAFTS / f"tune.{code}.yml").read_text(encoding="utf-8")
    batch = batches(text)
    assert len(batch) == len(yaml.load(text, Loader=SAFE_YAML)["drafts"])
    assert len(set(batch)) > FOLDS  # the comments do mark the batches
    fold = folds([Draft("harmless", (), (), b) for b in batch])
    assert len(set(fold)) == FOLDS
    assert all(len({f for f, b in zip(fold, batch, strict=True) if b == one}) == 1 for one in set(batch))


def test_training_twice_gives_the_same_bytes() -> None:
    # From one reading of the drafts, so an edit to them meanwhile cannot make a difference.
    # Every sixth draft, every class still in: the same code path as the whole file, at a sixth
    # of the cost (the whole file is trained once, below, against the checked-in model).
    _, drafts = tuning_drafts(ROOT, "es")
    some = drafts[::6]
    assert {d.label for d in some} == {d.label for d in drafts}
    assert model_file("tune.es.yml", some)[0] == model_file("tune.es.yml", some)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_checked_in_model_was_trained_on_today_s_drafts_rules_and_trainer(code: str) -> None:
    # The quick check (seconds, no training): what training would read now hashes to what the
    # checked-in model records. An edited draft, rule or trainer without a retrain fails here.
    _, drafts = tuning_drafts(ROOT, code)
    recorded = json.loads((ROOT / "content" / MODEL_FOLDER / f"{code}.json").read_text(encoding="utf-8"))
    assert recorded["trained_from"]["inputs"] == inputs_digest(drafts), RETRAIN


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_checked_in_model_is_what_training_makes_now(code: str) -> None:
    # The whole proof, byte for byte (about 30 s a language; one a test, so the workers share them).
    text, report = train(ROOT, code)
    print(f"\n{code}: cross-validated on the tuning drafts, {summary(report)}")
    for label, row in report.items():
        kinds = ("rules before the gate", "rules", "model", "rules+model")
        shares = ", ".join(f"{k} {row[k] / row['drafts']:.0%}" for k in kinds)
        print(f"  {label:14} {row['drafts']:4} drafts flagged: {shares}")
    path = ROOT / "content" / MODEL_FOLDER / f"{code}.json"
    assert path.is_file(), RETRAIN
    assert path.read_text(encoding="utf-8") == text, f"{path} is not what the drafts and rules make now: {RETRAIN}"
    assert len(text.encode()) < 140_000  # fetched once, on the first No, inside the rules file


def _node(script: str, payload: dict[str, Any]) -> Any:
    run = subprocess.run(
        ["node", str(ROOT / script)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def test_a_rule_hit_counts_under_the_gate_and_a_self_harm_hit_always() -> None:
    t = {GATE: 0.5}
    hits = ("watching", SELF_HARM)
    assert gated(hits, {HARMLESS: 0.4}, t) == ["watching", SELF_HARM]
    assert gated(hits, {HARMLESS: 0.5}, t) == ["watching", SELF_HARM]
    assert gated(hits, {HARMLESS: 0.6}, t) == [SELF_HARM]
    assert gated(("watching",), {HARMLESS: 1.0}, {GATE: 1.0}) == ["watching"]  # a gate of 1 lets all in


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_finds_what_python_computes(code: str) -> None:
    # The page's judge (rules, the gate, the model) against Python's `danger`, given the same
    # features and raw rule hits (features.cjs, run with no model, so every hit is raw).
    model = json.loads((ROOT / "content" / MODEL_FOLDER / f"{code}.json").read_text(encoding="utf-8"))
    rules = rules_data(load_content(ROOT / "content", language=code).guide, code)
    drafts = [
        d["text"] for d in yaml.load((ROOT / DRAFTS / f"tune.{code}.yml").read_text(), Loader=SAFE_YAML)["drafts"]
    ][::10]
    found = _node(FEATURES_JS.as_posix(), {"rules": rules, "phase": "reconnect", "drafts": drafts})
    judged = _node("tests/js/judge.cjs", {"rules": {**rules, "model": model}, "phase": "reconnect", "drafts": drafts})
    t = model["thresholds"]
    flagged = held_back = 0
    for draft, one, verdict in zip(drafts, found, judged, strict=True):
        p = probabilities(model, one["features"])
        assert abs(sum(p.values()) - 1) < 1e-9
        edges = ((p[HARMLESS], t[HARMLESS]), (p.get(SELF_HARM, 0), t[SELF_HARM]), (p[HARMLESS], t[GATE]))
        if any(abs(v - edge) < 1e-9 for v, edge in edges):
            continue  # too near a threshold for two float summations to be sure to agree
        assert sorted(set(verdict["danger"])) == danger(tuple(one["danger"]), p, t), draft
        flagged += bool(verdict["danger"])
        held_back += bool(set(one["danger"]) - set(verdict["danger"]))
    assert 0 < flagged < len(drafts)  # both verdicts were met
    assert held_back > 0  # and the gate held back a rule's hit
