"""Train a claim detector for a `model` rule: `python -m linter.train labelled.tsv --out my.model.json`.

The input is a TSV with a header and the columns `label` (flag or ok), `category` (the claim
categories of a flag row, comma-separated; anything for ok) and `text`. The model is one
logistic regression per category over the sentence's word stems and stem pairs (`engine/learned.py`),
fitted with a seeded, plain-Python optimiser: the same rows and seed give a byte-identical file,
and neither training nor linting needs numpy. With `--dev`, a second TSV calibrates one threshold
for all labels: the lowest score at which the detector flags at most `--max-alarms` of every 100 `ok`
rows there; it is stored in the model, and rules that name no threshold use it.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine.learned import MODEL_FORMAT, WEIGHT_SCALE, features, packed

DEFAULTS = {"epochs": 60, "rate": 0.02, "l2": 1e-4, "min_count": 2, "max_positive_weight": 8.0}
DECIMALS = len(str(WEIGHT_SCALE)) - 1  # weights are rounded: a model stores whole numbers of 1/WEIGHT_SCALE


@dataclass(frozen=True)
class Example:
    features: frozenset[str]
    labels: frozenset[str]  # empty for ok rows


def read_tsv(path: Path) -> list[tuple[str, list[str], str]]:
    """(label, categories, text) rows of a training TSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    missing = {"label", "category", "text"} - set(rows[0] if rows else {})
    if missing:
        raise SystemExit(f"{path}: missing columns {sorted(missing)} (need label, category, text)")
    return [
        (row["label"], [c.strip() for c in row["category"].split(",") if c.strip() not in ("", "-")], row["text"])
        for row in rows
    ]


def examples(rows: Iterable[tuple[str, list[str], str]]) -> list[Example]:
    return [
        Example(frozenset(features(text)), frozenset(categories) if label == "flag" else frozenset())
        for label, categories, text in rows
    ]


def train(data: list[Example], seed: int = 0, **settings: float) -> dict[str, Any]:
    """A model (as plain data) with one logistic regression per label found in `data`."""
    options = {**DEFAULTS, **settings}
    counts = Counter(f for example in data for f in example.features)
    vocabulary = sorted(f for f, n in counts.items() if n >= options["min_count"])
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [sorted(index[f] for f in example.features if f in index) for example in data]
    labels = sorted({label for example in data for label in example.labels})
    weights: list[list[float]] = []
    bias: list[float] = []
    for label in labels:
        targets = [1.0 if label in example.labels else 0.0 for example in data]
        w, b = _fit(rows, targets, len(vocabulary), random.Random(f"{seed}:{label}"), options)
        weights.append(w)
        bias.append(b)
    kept = {
        feature: [round(weights[k][i], DECIMALS) for k in range(len(labels))]
        for i, feature in enumerate(vocabulary)
        if any(round(weights[k][i], DECIMALS) for k in range(len(labels)))
    }
    return {
        "format": MODEL_FORMAT,
        "labels": labels,
        "bias": [round(b, DECIMALS) for b in bias],
        **packed(kept),
        "trained": {"rows": len(data), "seed": seed, **options},
    }


def _fit(
    rows: list[list[int]], targets: list[float], size: int, rng: random.Random, options: dict[str, float]
) -> tuple[list[float], float]:
    """Logistic regression by AdaGrad over binary features, positives weighted up to balance the
    classes; a seeded order each epoch keeps the result reproducible."""
    positives = sum(targets)
    positive_weight = min(options["max_positive_weight"], (len(targets) - positives) / max(positives, 1.0))
    w = [0.0] * size
    squares = [1e-8] * size
    b, b_square = 0.0, 1e-8
    order = list(range(len(rows)))
    rate, l2 = options["rate"], options["l2"]
    for _ in range(int(options["epochs"])):
        rng.shuffle(order)
        for r in order:
            row, target = rows[r], targets[r]
            total = b + sum(w[i] for i in row)
            predicted = 1.0 / (1.0 + math.exp(-total)) if total > -700 else 0.0
            error = (predicted - target) * (positive_weight if target else 1.0)
            for i in row:
                gradient = error + l2 * w[i]
                squares[i] += gradient * gradient
                w[i] -= rate * gradient / math.sqrt(squares[i])
            b_square += error * error
            b -= rate * error / math.sqrt(b_square)
    return w, b


def calibrate(model: dict[str, Any], dev: list[Example], max_alarms: float) -> float:
    """The lowest threshold at which the detector flags at most `max_alarms` per 100 `ok` dev rows."""
    from .engine.learned import LinearModel

    scorer = LinearModel.from_plain(model, "<training>")
    ok_scores = sorted(
        (max(scorer.probabilities(set(example.features)).values()) for example in dev if not example.labels),
        reverse=True,
    )
    allowed = int(len(ok_scores) * max_alarms / 100)
    if allowed >= len(ok_scores):
        return 0.5
    threshold: float = round(min(0.99, max(0.5, ok_scores[allowed] + 10**-DECIMALS)), DECIMALS)
    return threshold


def write_model(model: dict[str, Any], path: Path) -> None:
    """Sorted keys, no spaces, one line: the same model is always the same bytes."""
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linter.train", description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, nargs="+", help="labelled TSV files (label, category, text)")
    parser.add_argument("--out", type=Path, required=True, help="the model file, e.g. rules/claims.model.json")
    parser.add_argument("--dev", type=Path, action="append", default=[], help="TSV to calibrate the threshold on")
    parser.add_argument("--max-alarms", type=float, default=1.0, help="false alarms per 100 ok dev rows (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    data = examples(row for path in args.train for row in read_tsv(path))
    model = train(data, seed=args.seed)
    if args.dev:
        model["threshold"] = calibrate(
            model, examples(row for path in args.dev for row in read_tsv(path)), args.max_alarms
        )
    write_model(model, args.out)
    labels = ", ".join(model["labels"])
    print(f"{args.out}: {len(data)} rows, {len(model['features'].splitlines())} features, labels {labels}")
    if "threshold" in model:
        print(f"threshold {model['threshold']} (at most {args.max_alarms} false alarms per 100 ok dev rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
