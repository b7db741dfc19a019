"""The message check's learned backstop: a small model trained on the tuning drafts, so a draft
the phrase rules never foresaw can still get "Do not send this" (danger = rule hits + model hits).

Multinomial logistic regression over the draft's features, one weight per class per feature,
L2-regularised, then pruned to the largest weights so each language's file stays small
(content/message-model/xx.json, checked in; the page gets it inside the rules, message_rules.py).
The features come from message-match.js itself, run under Node (tests/js/features.cjs), so the
page and the training share one implementation of them. The thresholds are chosen by k-fold
cross-validation on the tuning drafts only (tests/data/drafts/tune.xx.yml; the held-out drafts
are never read here): at most 2% of harmless drafts flagged, by the rules and the model together,
for the most danger drafts caught. Everything is deterministic: same drafts, same bytes.

  PYTHONPATH=hooks python -m guide message-model     retrain every language's file
"""

from __future__ import annotations

import json
import math
import random
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content import load_content
from .languages import LANGUAGES
from .message_rules import rules_data

DRAFTS = Path("tests/data/drafts")  # tune.xx.yml; heldout.xx.yml is never read
FEATURES_JS = Path("tests/js/features.cjs")
HARMLESS, SELF_HARM = "harmless", "self-harm"
PHASE = "reconnect"  # the danger rules are the same on every phase that has the check

FOLDS = 5
SEED = 20261207
EPOCHS = 20
RATE = 0.5  # SGD step, shrinking as 1 / (1 + epoch / 4)
L2 = 1e-5  # per draft
MIN_DRAFTS = 2  # a feature seen in fewer training drafts gets no weight: it would only learn noise
KEEP = 3500  # weights kept (the largest), all classes together: about 55 KB of JSON
DIGITS = 3  # weights rounded, so the file is short and stable
FALSE_ALARMS = 0.02  # of harmless drafts, rules and model together, cross-validated


@dataclass(frozen=True)
class Draft:
    label: str
    features: tuple[str, ...]
    rules: tuple[str, ...]  # the danger rules it meets


def tuning_drafts(root: Path, language: str) -> tuple[Path, list[Draft]]:
    """The language's tuning drafts with their features and rule hits, from one Node run."""
    path = root / DRAFTS / f"tune.{language}.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["drafts"]
    rules = rules_data(load_content(root / "content", language=language).guide, language)
    run = subprocess.run(
        ["node", str(root / FEATURES_JS)],
        input=json.dumps({"rules": rules, "phase": PHASE, "drafts": [d["text"] for d in raw]}),
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    out = json.loads(run.stdout)
    return path, [Draft(d["class"], tuple(o["features"]), tuple(o["danger"])) for d, o in zip(raw, out, strict=True)]


# --- the model ------------------------------------------------------------------------------


def fit(drafts: list[Draft], classes: list[str]) -> dict[str, Any]:
    """The model, small: trained on every feature, cut to its largest weights, then trained
    again on the features that kept one, so the weights left make up for the ones cut."""
    first = _fit(drafts, classes, None)
    return _fit(drafts, classes, {f for w in first["weights"].values() for f in w})


def _fit(drafts: list[Draft], classes: list[str], only: set[str] | None) -> dict[str, Any]:
    """SGD on the log loss, in a fixed order; the L2 shrink is applied once an epoch."""
    seen = Counter(f for d in drafts for f in d.features if only is None or f in only)
    vocabulary = sorted(f for f, n in seen.items() if n >= MIN_DRAFTS)
    weights = [dict.fromkeys(vocabulary, 0.0) for _ in classes]  # per class: C-speed sums below
    bias = [0.0] * len(classes)
    rows = [
        ([f for f in d.features if f in weights[0]], 1 / math.sqrt(len(d.features) or 1), classes.index(d.label))
        for d in drafts
    ]
    order = list(range(len(rows)))
    shuffle = random.Random(SEED)
    for epoch in range(EPOCHS):
        rate = RATE / (1 + epoch / 4)
        shuffle.shuffle(order)
        for i in order:
            feats, scale, label = rows[i]
            p = _softmax([b + scale * sum(map(w.__getitem__, feats)) for b, w in zip(bias, weights, strict=True)])
            for k, w in enumerate(weights):
                step = rate * ((k == label) - p[k])
                bias[k] += step
                if abs(step) > 1e-6:  # a class already right costs no update
                    for f in feats:
                        w[f] += step * scale
        shrink = (1 - rate * L2) ** len(rows)
        for w in weights:
            for f in w:
                w[f] *= shrink
    # The largest weights only, rounded; ties by class then feature, so the cut is reproducible.
    ranked = sorted(
        ((-abs(v), k, f, v) for k, w in enumerate(weights) for f, v in w.items() if round(v, DIGITS)),
        key=lambda t: t[:3],
    )[:KEEP]
    kept: dict[str, dict[str, float]] = {c: {} for c in classes}
    for _, k, f, v in ranked:
        kept[classes[k]][f] = round(v, DIGITS)
    return {
        "classes": classes,
        "bias": [round(b, DIGITS) for b in bias],
        "weights": {c: dict(sorted(w.items())) for c, w in kept.items()},
    }


def _softmax(z: list[float]) -> list[float]:
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def probabilities(model: dict[str, Any], features: tuple[str, ...] | list[str]) -> dict[str, float]:
    """What message-match.js `learned` computes, in Python: the same sums in the same order."""
    classes = model["classes"]
    sums = [0.0] * len(classes)
    for f in features:
        for k, c in enumerate(classes):
            if f in model["weights"][c]:
                sums[k] += model["weights"][c][f]
    scale = math.sqrt(len(features) or 1)
    return dict(zip(classes, _softmax([b + s / scale for b, s in zip(model["bias"], sums, strict=True)]), strict=True))


def flags(p: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """The danger ids the model finds, as message-match.js `learned` gives them."""
    ids = [SELF_HARM] if p.get(SELF_HARM, 0.0) > thresholds[SELF_HARM] else []
    if p[HARMLESS] < thresholds[HARMLESS]:
        likeliest = max((c for c in p if c != HARMLESS), key=lambda c: p[c])  # first of equals, as in JS
        ids += [] if likeliest in ids else [likeliest]
    return ids


# --- thresholds by cross-validation ---------------------------------------------------------


def cross_validated(drafts: list[Draft], classes: list[str]) -> list[dict[str, float]]:
    """Each draft's probabilities from a model that never saw it: stratified folds, fixed."""
    fold = [0] * len(drafts)
    for label in classes:
        members = [i for i, d in enumerate(drafts) if d.label == label]
        random.Random(f"{SEED}{label}").shuffle(members)
        for n, i in enumerate(members):
            fold[i] = n % FOLDS
    out: list[dict[str, float]] = [{} for _ in drafts]
    for k in range(FOLDS):
        model = fit([d for d, f in zip(drafts, fold, strict=True) if f != k], classes)
        for i, d in enumerate(drafts):
            if fold[i] == k:
                out[i] = probabilities(model, d.features)
    return out


def choose_thresholds(drafts: list[Draft], probs: list[dict[str, float]]) -> dict[str, float]:
    """The thresholds catching the most danger drafts (then the most self-harm ones) while the
    rules and model together flag at most FALSE_ALARMS of the harmless drafts. Rules that flag
    more than that on their own leave the model no false alarm at all (fix the rules)."""
    harmless = [i for i, d in enumerate(drafts) if d.label == HARMLESS]
    budget = max(0, math.floor(FALSE_ALARMS * len(harmless)) - sum(1 for i in harmless if drafts[i].rules))
    free = [i for i in harmless if not drafts[i].rules]  # harmless drafts the rules leave alone
    best: tuple[int, int, float, float] | None = None
    # Self-harm flags when P(self-harm) > t: t just at a harmless draft's value (or 1, never).
    for t_self in sorted({1.0, *(_up(probs[i].get(SELF_HARM, 0.0)) for i in free)}):
        spent = sum(1 for i in free if probs[i].get(SELF_HARM, 0.0) > t_self)
        if spent > budget:
            continue
        # Harmless flags when P(harmless) < t: t at the first harmless value past the budget left.
        rest = sorted(_down(probs[i][HARMLESS]) for i in free if probs[i].get(SELF_HARM, 0.0) <= t_self)
        t_harm = rest[budget - spent] if budget - spent < len(rest) else 1.0
        t = {HARMLESS: t_harm, SELF_HARM: t_self}
        caught = [flags(probs[i], t) for i in range(len(drafts))]
        danger = sum(1 for d, c in zip(drafts, caught, strict=True) if d.label != HARMLESS and (c or d.rules))
        crisis = sum(1 for d, c in zip(drafts, caught, strict=True) if d.label == SELF_HARM and SELF_HARM in c)
        key = (danger, crisis, -t_self, t_harm)
        if best is None or key > best:
            best = key
    assert best is not None
    return {HARMLESS: best[3], SELF_HARM: -best[2]}


def _up(p: float) -> float:
    return math.ceil(p * 1e6) / 1e6  # a threshold at or above p: p itself is not flagged


def _down(p: float) -> float:
    return math.floor(p * 1e6) / 1e6  # at or below p: p itself is not flagged


def figures(drafts: list[Draft], probs: list[dict[str, float]], thresholds: dict[str, float]) -> dict[str, Any]:
    """Per class, the share of drafts told "Do not send this" (rules, model, both)."""
    out: dict[str, Any] = {}
    for label in sorted({d.label for d in drafts}):
        members = [(d, p) for d, p in zip(drafts, probs, strict=True) if d.label == label]
        model = sum(1 for _, p in members if flags(p, thresholds))
        both = sum(1 for d, p in members if flags(p, thresholds) or d.rules)
        rules = sum(1 for d, _ in members if d.rules)
        out[label] = {"drafts": len(members), "rules": rules, "model": model, "rules+model": both}
    return out


# --- one language, all languages ------------------------------------------------------------


def train(root: Path, language: str) -> tuple[str, dict[str, Any]]:
    """The language's model file text, and its cross-validated figures on the tuning drafts."""
    path, drafts = tuning_drafts(root, language)
    return model_file(path.relative_to(root).as_posix(), drafts)


def model_file(source: str, drafts: list[Draft]) -> tuple[str, dict[str, Any]]:
    """The model file text made from these drafts (from the file named `source`), and its figures."""
    present = {d.label for d in drafts}
    classes = [*sorted(present - {HARMLESS}), HARMLESS]
    probs = cross_validated(drafts, classes)
    thresholds = choose_thresholds(drafts, probs)
    report = figures(drafts, probs, thresholds)
    model = fit(drafts, classes)
    model["thresholds"] = thresholds
    model["trained_from"] = {
        "files": [source],
        "drafts": dict(sorted(Counter(d.label for d in drafts).items())),
        "cross_validated": f"{FOLDS} folds; per class: drafts flagged by rules, model, either",
        "figures": report,
    }
    text = json.dumps(model, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"
    return text, report


def languages(root: Path) -> list[str]:
    """The languages with tuning drafts, in the site's order."""
    return [language.code for language in LANGUAGES if (root / DRAFTS / f"tune.{language.code}.yml").is_file()]


def summary(report: dict[str, Any]) -> str:
    """One line of cross-validated figures: danger drafts caught, harmless drafts flagged."""
    danger = [v for c, v in report.items() if c != HARMLESS]
    caught = sum(v["rules+model"] for v in danger) / sum(v["drafts"] for v in danger)
    rules = sum(v["rules"] for v in danger) / sum(v["drafts"] for v in danger)
    alarms = report[HARMLESS]["rules+model"] / report[HARMLESS]["drafts"]
    return f"danger caught {caught:.0%} (rules alone {rules:.0%}), harmless flagged {alarms:.1%}"
