"""The message check's learned backstop: a small model trained on the tuning drafts. It finds
drafts the phrase rules never foresaw, and it gates the rules: outside self-harm, a rule's hit
counts only where the model does not find the draft plainly harmless (danger = counted rule
hits + model hits), since a phrase can mean harm or nothing.

Multinomial logistic regression over the draft's features, one weight per class per feature,
L2-regularised, then pruned to the largest weights so each language's file stays small
(content/message-model/xx.json, checked in; the page gets it inside the rules, rules.py).
The features come from message-match.js itself, run under Node (tests/js/features.cjs), so the
page and the training share one implementation of them. The gate and thresholds are chosen by
k-fold cross-validation on the tuning drafts only (tests/data/drafts/tune.xx.yml; the held-out
drafts are never read here): at most 2.5% of harmless drafts flagged, by the rules and the model
together, for the most danger drafts caught. The folds keep each writer's batch whole (`batches`):
random folds put one writer's drafts on both sides, and their figures and thresholds promised
more than drafts by a new writer then got. Everything is deterministic: same drafts, same bytes.

  PYTHONPATH=hooks python -m guide message-model     retrain every language's file
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..content.loading import load_content
from ..message_check.rules import rules_data
from ..translations.languages import LANGUAGES

DRAFTS = Path("tests/data/drafts")  # tune.xx.yml; heldout.xx.yml is never read
FEATURES_JS = Path("tests/js/features.cjs")
HARMLESS, SELF_HARM = "harmless", "self-harm"
CLASSES = {"stop-pressure", "around-block", "wont-give-up", "watching", "threat", SELF_HARM, "guilt", HARMLESS}
PHASE = "reconnect"  # the danger rules are the same on every phase that has the check

FOLDS = 5
SEED = 20261207
EPOCHS = 20
BATCH = 32  # drafts a step
RATE = 0.5  # SGD step per draft, shrinking as 1 / (1 + epoch / 4)
L2 = 1e-5  # per draft
MIN_FEATURES = 60  # a sum is divided by sqrt(features), at least this: few words stay near the base rates
MIN_DRAFTS = 2  # a feature seen in fewer training drafts gets no weight: it would only learn noise
KEEP = 8000  # weights kept (the largest), all classes together: about 125 KB of JSON, 45 KB gzipped
DIGITS = 3  # weights rounded, so the file is short and stable
FALSE_ALARMS = 0.025  # of harmless drafts, rules and model together, cross-validated by batch
GATE = "rules"  # the thresholds' key: a non-self-harm rule hit counts when P(harmless) <= it
GATES = (0.3, 0.5, 0.7, 0.9, 1.0)  # tried by cross-validation; 1.0 lets every hit count
UNGATED = frozenset({SELF_HARM})  # a crisis line shown in error costs far less than one missed
SAFE_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 8 times faster here


@dataclass(frozen=True)
class Draft:
    label: str
    features: tuple[str, ...]
    rules: tuple[str, ...]  # the danger rules it meets
    batch: int = 0  # the writer's batch it came in (`batches`): a fold keeps a batch whole


CLASS_HEADING = re.compile(r"\s*# --- ([a-z-]+)\b")


def batches(text: str) -> list[int]:
    """Each draft's batch, from the tune file's comments: the file is one draft a line, and a
    batch begins at a `# --- ` comment naming no class ("# --- writer 2 of ... ---"), or at a
    class heading ("# --- threat ---") once the batch has had that class or was such a named
    one. So the first corpus, each earlier held-out set, each tuning round and each blind writer
    is its own batch."""
    out: list[int] = []
    batch, seen, named, started = 0, set[str](), False, False
    for line in text.splitlines():
        if not started:
            started = line.startswith("drafts:")
        elif line.lstrip().startswith("- {"):
            out.append(batch)
        elif line.lstrip().startswith("# --- "):
            heading = CLASS_HEADING.match(line)
            label = heading.group(1) if heading and heading.group(1) in CLASSES else None
            if label is None or label in seen or named:
                batch, seen = batch + 1, set()
            named = label is None
            if label:
                seen.add(label)
    return out


def tuning_drafts(root: Path, language: str) -> tuple[Path, list[Draft]]:
    """The language's tuning drafts with their features and rule hits, from one Node run."""
    path = root / DRAFTS / f"tune.{language}.yml"
    text = path.read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=SAFE_YAML)["drafts"]
    batch = batches(text)
    if len(batch) != len(raw):
        raise ValueError(f"{path}: {len(raw)} drafts but {len(batch)} lines starting '- {{': keep one draft a line")
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
    return path, [
        Draft(d["class"], tuple(o["features"]), tuple(o["danger"]), b) for d, o, b in zip(raw, out, batch, strict=True)
    ]


def inputs_digest(drafts: list[Draft]) -> str:
    """What training reads, as one hash: each draft's class, features and rule hits (so the
    drafts, the rules and the page's feature code are all in it) and this trainer's own source.
    A checked-in model whose digest differs was made from something else: retrain."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for d in drafts:
        digest.update(json.dumps([d.label, d.features, d.rules], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


# --- the model ------------------------------------------------------------------------------


def fit(drafts: list[Draft], classes: list[str]) -> dict[str, Any]:
    """The model, small: trained on every feature, cut to its largest weights, then trained
    again on the features that kept one, so the weights left make up for the ones cut."""
    first = _fit(drafts, classes, None)
    return _fit(drafts, classes, {f for w in first["weights"].values() for f in w})


def _fit(drafts: list[Draft], classes: list[str], only: set[str] | None) -> dict[str, Any]:
    """Mini-batch SGD on the log loss, BATCH drafts a step in a fixed shuffled order, numpy doing
    each step's sums (one draft a step took a minute a language for the same model quality: the
    cost was numpy's per-call overhead, not the arithmetic); the L2 shrink is applied once an
    epoch. Same drafts, same order, same float operations: same bytes. np.add.reduceat and
    np.add.at add in index order, so a feature shared by drafts of a step sums the same way
    on every machine."""
    seen = Counter(f for d in drafts for f in d.features if only is None or f in only)
    vocabulary = sorted(f for f, n in seen.items() if n >= MIN_DRAFTS)
    index = {f: i for i, f in enumerate(vocabulary)}
    n, width = len(vocabulary), len(classes)
    weights = np.zeros((n + 1, width))  # a row per feature; row n stays 0, read for a draft with none
    bias = np.zeros(width)
    cols = [np.array([index[f] for f in d.features if f in index], dtype=np.intp) for d in drafts]
    scale = np.array([1 / math.sqrt(max(len(d.features), MIN_FEATURES)) for d in drafts])
    target = np.eye(width)[[classes.index(d.label) for d in drafts]]
    none = np.array([n], dtype=np.intp)
    order = list(range(len(drafts)))
    shuffle = random.Random(SEED)
    for epoch in range(EPOCHS):
        rate = RATE / (1 + epoch / 4)
        shuffle.shuffle(order)
        for start in range(0, len(order), BATCH):
            step_drafts = order[start : start + BATCH]
            parts = [cols[i] for i in step_drafts]
            lengths = np.array([len(p) for p in parts])
            read = np.concatenate([p if len(p) else none for p in parts])
            sums = np.add.reduceat(weights[read], np.r_[0, np.cumsum(np.maximum(lengths, 1))[:-1]], axis=0)
            z = bias + scale[step_drafts][:, None] * sums
            e = _exp(z - z.max(axis=1, keepdims=True))
            step = rate * (target[step_drafts] - e / e.sum(axis=1, keepdims=True))
            bias += step.sum(axis=0)
            # One flat np.add.at: numpy's fast path is the one-dimensional one.
            at = (np.concatenate(parts)[:, None] * width + np.arange(width)).ravel()
            np.add.at(weights.reshape(-1), at, np.repeat(step * scale[step_drafts][:, None], lengths, axis=0).ravel())
        weights *= _power(1 - rate * L2, len(drafts))
    return {
        "classes": classes,
        "bias": [round(float(b), DIGITS) for b in bias],
        "min_features": MIN_FEATURES,
        "weights": _largest(weights[:n].T, classes, vocabulary),
    }


def _largest(weights: np.ndarray, classes: list[str], vocabulary: list[str]) -> dict[str, dict[str, float]]:
    """The KEEP largest weights, rounded; ties by class then feature, so the cut is reproducible.
    numpy finds the KEEP-th largest size first, so only the weights at or above it are sorted."""
    size = np.abs(weights)
    cut = np.partition(size.ravel(), -KEEP)[-KEEP] if size.size > KEEP else 0.0
    ranked = sorted(
        (-float(size[k, j]), k, vocabulary[j], float(weights[k, j]))
        for k, j in zip(*np.nonzero(size >= cut), strict=True)
        if round(float(weights[k, j]), DIGITS)
    )[:KEEP]
    kept: dict[str, dict[str, float]] = {c: {} for c in classes}
    for _, k, f, v in ranked:
        kept[classes[k]][f] = round(v, DIGITS)
    return {c: dict(sorted(w.items())) for c, w in kept.items()}


def _softmax(z: list[float]) -> list[float]:
    e = _exp(np.array(z) - max(z))
    return [float(v) for v in e / e.sum()]


# glibc chooses its exp and pow by CPU (with FMA or without) and numpy its exp by SIMD width,
# and each choice can round the last bit differently (seen here with glibc's FMA masked). SGD
# can grow such a bit into another model on another machine, and the retrain test compares
# bytes. Only + - * / and exact scalings by powers of two here: the same bits everywhere.
_LOG2_E = 1.4426950408889634
_LN2_HI = 6.93147180369123816490e-01  # ln 2 in its top 32 bits: k * _LN2_HI is exact
_LN2_LO = 1.90821492927058770002e-10  # the rest of ln 2
_TAYLOR = [1 / math.factorial(n) for n in range(13, -1, -1)]  # exp(r) for |r| <= ln(2) / 2


def _exp(x: np.ndarray) -> np.ndarray:
    """e ** x, to about one unit in the last place, with the same bits on every machine."""
    x = np.maximum(x, -700.0)  # far below any probability that matters, above subnormals
    k = np.rint(x * _LOG2_E)
    r = (x - k * _LN2_HI) - k * _LN2_LO
    p = np.full_like(r, _TAYLOR[0])
    for c in _TAYLOR[1:]:
        p = p * r + c
    return np.ldexp(p, k.astype(np.intc))


def _power(base: float, n: int) -> float:
    """base ** n by squaring, for the same reason as _exp."""
    out = 1.0
    while n:
        if n & 1:
            out *= base
        base *= base
        n >>= 1
    return out


def probabilities(model: dict[str, Any], features: tuple[str, ...] | list[str]) -> dict[str, float]:
    """What message-match.js `learned` computes, in Python: the same sums in the same order."""
    classes = model["classes"]
    sums = [0.0] * len(classes)
    for f in features:
        for k, c in enumerate(classes):
            if f in model["weights"][c]:
                sums[k] += model["weights"][c][f]
    scale = math.sqrt(max(len(features), model.get("min_features", 1)))
    return dict(zip(classes, _softmax([b + s / scale for b, s in zip(model["bias"], sums, strict=True)]), strict=True))


def flags(p: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """The danger ids the model finds, as message-match.js `learned` gives them."""
    ids = [SELF_HARM] if p.get(SELF_HARM, 0.0) > thresholds[SELF_HARM] else []
    if p[HARMLESS] < thresholds[HARMLESS]:
        likeliest = max((c for c in p if c != HARMLESS), key=lambda c: p[c])  # first of equals, as in JS
        ids += [] if likeliest in ids else [likeliest]
    return ids


def gated(rules: tuple[str, ...], p: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """The rule hits that count, as message-match.js `judge` keeps them: a phrase can mean
    harm or nothing ("I'll be outside", "I won't be around"), so outside self-harm a hit counts
    only where the model does not find the draft plainly harmless (P(harmless) at or under the gate).
    A self-harm phrase always counts: a crisis line shown in error costs far less than one missed."""
    return [r for r in rules if r in UNGATED or p[HARMLESS] <= thresholds[GATE]]


def danger(rules: tuple[str, ...], p: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """Everything that makes the page say "Do not send this": counted rule hits and the model's."""
    return sorted({*gated(rules, p, thresholds), *flags(p, thresholds)})


# --- thresholds by cross-validation ---------------------------------------------------------


def folds(drafts: list[Draft]) -> list[int]:
    """Each draft's fold: whole batches, largest first into the fold with fewest drafts so far
    (ties: the lower fold, then the earlier batch), so a model is always judged on writers it
    never read."""
    size = Counter(d.batch for d in drafts)
    load, where = [0] * FOLDS, {}
    for batch, n in sorted(size.items(), key=lambda t: (-t[1], t[0])):
        k = min(range(FOLDS), key=lambda f: (load[f], f))
        where[batch], load[k] = k, load[k] + n
    return [where[d.batch] for d in drafts]


def cross_validated(drafts: list[Draft], classes: list[str]) -> list[dict[str, float]]:
    """Each draft's probabilities from a model that never saw it nor its batch's other drafts."""
    fold = folds(drafts)
    out: list[dict[str, float]] = [{} for _ in drafts]
    for k in range(FOLDS):
        model = fit([d for d, f in zip(drafts, fold, strict=True) if f != k], classes)
        for i, d in enumerate(drafts):
            if fold[i] == k:
                out[i] = probabilities(model, d.features)
    return out


def choose_thresholds(drafts: list[Draft], probs: list[dict[str, float]]) -> dict[str, float]:
    """The gate and thresholds catching the most danger drafts (then the most self-harm ones)
    while the rules and model together flag at most FALSE_ALARMS of the harmless drafts. Rules
    that flag more than that past every gate leave the model no false alarm at all (fix them)."""
    harmless = [i for i, d in enumerate(drafts) if d.label == HARMLESS]
    best: tuple[int, int, float, float, float] | None = None
    for gate in GATES:
        counted = [gated(d.rules, p, {GATE: gate}) for d, p in zip(drafts, probs, strict=True)]
        budget = math.floor(FALSE_ALARMS * len(harmless)) - sum(1 for i in harmless if counted[i])
        if budget < 0:
            continue
        free = [i for i in harmless if not counted[i]]  # harmless drafts the counted rules leave alone
        # Self-harm flags when P(self-harm) > t: t just at a harmless draft's value (or 1, never).
        for t_self in sorted({1.0, *(_up(probs[i].get(SELF_HARM, 0.0)) for i in free)}):
            spent = sum(1 for i in free if probs[i].get(SELF_HARM, 0.0) > t_self)
            if spent > budget:
                continue
            # Harmless flags when P(harmless) < t: t at the first harmless value past the budget left.
            rest = sorted(_down(probs[i][HARMLESS]) for i in free if probs[i].get(SELF_HARM, 0.0) <= t_self)
            t_harm = rest[budget - spent] if budget - spent < len(rest) else 1.0
            t = {HARMLESS: t_harm, SELF_HARM: t_self}
            caught = [counted[i] or flags(probs[i], t) for i in range(len(drafts))]
            found = sum(1 for d, c in zip(drafts, caught, strict=True) if d.label != HARMLESS and c)
            crisis = sum(
                1
                for d, p, c in zip(drafts, probs, counted, strict=True)
                if d.label == SELF_HARM and SELF_HARM in c + flags(p, t)
            )
            key = (found, crisis, gate, -t_self, t_harm)  # ties: the widest gate, then the fewest flags
            if best is None or key > best:
                best = key
    assert best is not None, "the rules alone flag more harmless drafts than the budget at every gate"
    return {HARMLESS: best[4], SELF_HARM: -best[3], GATE: best[2]}


def _up(p: float) -> float:
    return math.ceil(p * 1e6) / 1e6  # a threshold at or above p: p itself is not flagged


def _down(p: float) -> float:
    return math.floor(p * 1e6) / 1e6  # at or below p: p itself is not flagged


def figures(drafts: list[Draft], probs: list[dict[str, float]], thresholds: dict[str, float]) -> dict[str, Any]:
    """Per class, the drafts told "Do not send this": by the counted rule hits, by the model,
    by either (with the rules' raw hits, before the gate, for comparison)."""
    out: dict[str, Any] = {}
    for label in sorted({d.label for d in drafts}):
        members = [(d, p) for d, p in zip(drafts, probs, strict=True) if d.label == label]
        out[label] = {
            "drafts": len(members),
            "rules before the gate": sum(1 for d, _ in members if d.rules),
            "rules": sum(1 for d, p in members if gated(d.rules, p, thresholds)),
            "model": sum(1 for _, p in members if flags(p, thresholds)),
            "rules+model": sum(1 for d, p in members if danger(d.rules, p, thresholds)),
        }
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
        "inputs": inputs_digest(drafts),
        "drafts": dict(sorted(Counter(d.label for d in drafts).items())),
        "cross_validated": f"{FOLDS} folds of whole batches; per class: drafts flagged by rules, model, either",
        "figures": report,
    }
    text = json.dumps(model, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"
    return text, report


def languages(root: Path) -> list[str]:
    """The languages with tuning drafts, in the site's order."""
    return [language.code for language in LANGUAGES if (root / DRAFTS / f"tune.{language.code}.yml").is_file()]


def summary(report: dict[str, Any]) -> str:
    """One line of cross-validated figures: danger drafts caught, harmless drafts flagged."""
    rows = [v for c, v in report.items() if c != HARMLESS]
    caught = sum(v["rules+model"] for v in rows) / sum(v["drafts"] for v in rows)
    rules = sum(v["rules"] for v in rows) / sum(v["drafts"] for v in rows)
    alarms = report[HARMLESS]["rules+model"] / report[HARMLESS]["drafts"]
    return f"danger caught {caught:.0%} (counted rule hits alone {rules:.0%}), harmless flagged {alarms:.1%}"
