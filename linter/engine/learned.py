"""The learned claim detector at run time: a linear model over a sentence's word stems and their pairs.

Phrase rules name the claims they know; the detector scores the wording no rule names. A model is a
JSON file (`<name>.model.json`, beside the pack that names it): a weight per label for each word stem or
stem pair it kept, a bias per label, and the settings its features were made with. Scoring needs
only a dictionary lookup per feature and one `exp` per label, in plain Python, so the result is the
same on every platform. Training (`python -m linter.train`) happens elsewhere.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..cache import LazyPattern
from ..errors import CopylintError

MODEL_FORMAT = 2  # 2: features are word stems (1 was whole words)
_TOKEN = LazyPattern(r"[#$]?[^\W_]+(?:'[^\W_]+)?%?")
# Inflections only, longest first, then a final "e", and a stem keeps at least four letters: "treats",
# "treated" and "treating" weigh as one word, as do "regenerate" and "regenerated", so a claim worded
# in another form of a trained word still counts.
_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")


_CLAUSE = LazyPattern(r"[,;:.!?()\u2013\u2014]|\s-\s")
_NEGATORS = frozenset(("no", "not", "never", "without", "zero", "nor", "cannot", "can't", "don't", "won't"))


def features(text: str) -> set[str]:
    """A sentence's features: the stems of its lower-cased words and its pairs of neighbouring stems.
    A word after a negator in the same clause is marked ("no side effects": `no`, `-side`, `-effect`),
    so "side effects" weighs apart from "no side effects"."""
    lower = text.lower()
    words = _TOKEN.findall(lower)
    stems = list(map(_stem, words)) if _NEGATORS.isdisjoint(words) else _marked_stems(lower)
    return {*stems, *map(" ".join, pairwise(stems))}


def _marked_stems(lower: str) -> list[str]:
    """Stems with those after a negator in its clause marked (splitting clauses only where a negator
    occurs keeps most sentences as cheap as plain stems)."""
    stems: list[str] = []
    for clause in _CLAUSE.split(lower):
        negated = False
        for word in _TOKEN.findall(clause):
            stems.append("-" + _stem(word) if negated else _stem(word))
            negated = negated or word in _NEGATORS
    return stems


@lru_cache(maxsize=1 << 16)  # a page repeats its words: a cached stem costs about what the bare word did
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


class LinearModel:
    """One logistic-regression scorer per label over shared features."""

    def __init__(
        self, labels: list[str], bias: list[float], weights: dict[str, list[float]], threshold: float | None = None
    ) -> None:
        self.labels = labels
        self.threshold = threshold  # calibrated when the model was trained; a rule may set its own
        self._bias = bias
        self._weights = weights
        self._index = {label: i for i, label in enumerate(labels)}

    @classmethod
    def from_plain(cls, plain: dict[str, Any], source: str) -> LinearModel:
        try:
            if plain["format"] != MODEL_FORMAT:
                raise CopylintError(
                    f"model format {plain['format']!r} is not supported (retrain it: python -m linter.train)", source
                )
            labels, bias, weights = plain["labels"], plain["bias"], plain["weights"]
            n = len(labels)
            if len(bias) != n or any(len(w) != n or not isinstance(w[0], (int, float)) for w in weights.values()):
                raise CopylintError("model weights do not match its labels", source)
            threshold = plain.get("threshold")
            if not all(isinstance(x, (int, float)) for x in bias):
                raise ValueError("bias values are not numbers")
            # weights are kept as JSON gives them (numbers): converting 9,000 rows would cost half as
            # much again as parsing the file, on every run
            return cls(list(labels), bias, weights, None if threshold is None else float(threshold))
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
            raise CopylintError(f"not a copylint model ({type(exc).__name__}: {exc})", source) from None

    def has_label(self, label: str) -> bool:
        return label in self._index

    def probabilities(self, found: set[str]) -> dict[str, float]:
        """Per label, the probability that a sentence with these features makes such a claim."""
        weight = self._weights.get
        rows = [row for row in map(weight, found) if row is not None]
        columns = zip(*rows, strict=True) if rows else ((),) * len(self.labels)
        totals = [bias + sum(column) for bias, column in zip(self._bias, columns, strict=True)]
        return {label: _sigmoid(total) for label, total in zip(self.labels, totals, strict=True)}

    def evidence(self, found: set[str], label: str, count: int = 5) -> tuple[str, ...]:
        """The features of a sentence that weighed most towards `label`, strongest first."""
        k = self._index[label]
        weighed = sorted(((self._weights[f][k], f) for f in found if f in self._weights), reverse=True)
        return tuple(f for w, f in weighed[:count] if w > 0)

    def strongest(self, label: str, count: int = 15) -> list[tuple[str, float]]:
        """The features that weigh most for `label` anywhere: what --explain shows."""
        k = self._index[label]
        ranked = sorted(((w[k], f) for f, w in self._weights.items() if w[k] > 0), reverse=True)
        return [(f, w) for w, f in ranked[:count]]


def _sigmoid(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-total)) if total > -700 else 0.0


def load_model(path: Path) -> LinearModel:
    """A model file (the engine that uses it keeps it for its lifetime)."""
    try:
        plain = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CopylintError(f"cannot read model: {exc.strerror or exc}", str(path)) from None
    except ValueError as exc:
        raise CopylintError(f"model is not valid JSON: {exc}", str(path)) from None
    return LinearModel.from_plain(plain, str(path))
