"""The learned claim detector at run time: a linear model over a sentence's word stems and their pairs.

Phrase rules name the claims they know; the detector scores the wording no rule names. A model is a
JSON file (`<name>.model.json`, beside the pack that names it): a weight per label for each word stem or
stem pair it kept, a bias per label, and the settings its features were made with. Weights are whole
numbers of 1/WEIGHT_SCALE, packed (the feature names one per line, the weights as little-endian 32-bit
integers in base64): loading thousands of JSON number lists took most of an on-topic page's run.
Scoring adds whole numbers (exact, in any order) and divides once, so the result is the same on every
platform. Training (`python -m linter.train`) happens elsewhere.
"""

from __future__ import annotations

import base64
import json
import math
import re
import struct
import sys
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..cache import LazyPattern
from ..errors import CopylintError

MODEL_FORMAT = 3  # 3: packed weights; 2: word stems as JSON numbers; 1: whole words
WEIGHT_SCALE = 10_000  # a weight of 1 is stored as 10,000
LANE = 64  # bits per label in a feature's packed row (`_Rows`): sums of 32-bit weights never fill one
_TOKEN = LazyPattern(r"[#$]?[^\W_]+(?:'[^\W_]+)?%?")
_ASCII_TOKEN = re.compile(r"[#$]?[A-Za-z0-9]+(?:'[A-Za-z0-9]+)?%?")  # _TOKEN where the text is ASCII (`_words`)
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
    words = _words(lower)
    stems = list(map(_stem, words)) if _NEGATORS.isdisjoint(words) else _marked_stems(lower)
    return {*stems, *map(" ".join, pairwise(stems))}


def _marked_stems(lower: str) -> list[str]:
    """Stems with those after a negator in its clause marked (splitting clauses only where a negator
    occurs keeps most sentences as cheap as plain stems)."""
    stems: list[str] = []
    for clause in _CLAUSE.split(lower):
        negated = False
        for word in _words(clause):
            stems.append("-" + _stem(word) if negated else _stem(word))
            negated = negated or word in _NEGATORS
    return stems


def _words(text: str) -> list[str]:
    """The words (`_TOKEN`) of `text`. On ASCII text, most copy, `re` finds the same words twice
    as fast as `regex`, which reads letters the Unicode way (accents that follow a letter, say)."""
    return _ASCII_TOKEN.findall(text) if text.isascii() else _TOKEN.findall(text)


@lru_cache(maxsize=1 << 16)  # a page repeats its words: a cached stem costs about what the bare word did
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def packed(weights: dict[str, list[float]]) -> dict[str, str]:
    """A model file's "features" and "weights" for weights by feature (one per label each)."""
    names = sorted(weights)
    values = array("i", [round(w * WEIGHT_SCALE) for name in names for w in weights[name]])
    if sys.byteorder == "big":
        values.byteswap()
    return {"features": "\n".join(names), "weights": base64.b64encode(values.tobytes()).decode("ascii")}


class LinearModel:
    """One logistic-regression scorer per label over shared features; weights in 1/WEIGHT_SCALE."""

    def __init__(
        self,
        labels: list[str],
        bias: list[int],
        offsets: dict[str, int],
        values: array[int],
        threshold: float | None = None,
    ) -> None:
        self.labels = labels
        self.threshold = threshold  # calibrated when the model was trained; a rule may set its own
        self._offsets = offsets  # feature -> where its weights (one per label) start in `values`
        self._values = values
        self._index = {label: i for i, label in enumerate(labels)}
        # Scoring sums packed rows (`_Rows`) from the packed biases; the sign bits of all lanes, added
        # to that start, keep every lane from borrowing, and flipped back leave each lane's sum as a
        # signed 64-bit integer.
        self._rows = _Rows(offsets, values, len(labels))
        self._signs = sum(1 << (LANE * k + LANE - 1) for k in range(len(labels)))
        self._start = _packed(bias) + self._signs
        self._sums = struct.Struct(f"<{len(labels)}q")

    @classmethod
    def from_plain(cls, plain: dict[str, Any], source: str) -> LinearModel:
        try:
            if plain["format"] != MODEL_FORMAT:
                raise CopylintError(
                    f"model format {plain['format']!r} is not supported (retrain it: python -m linter.train)", source
                )
            labels, bias, names = list(plain["labels"]), plain["bias"], plain["features"]
            if not all(isinstance(x, (int, float)) for x in bias):
                raise ValueError("bias values are not numbers")
            values = array("i")
            values.frombytes(base64.b64decode(plain["weights"], validate=True))
            if sys.byteorder == "big":
                values.byteswap()
            features = names.split("\n") if names else []
            n = len(labels)
            if len(bias) != n or len(values) != n * len(features):
                raise CopylintError("model weights do not match its labels", source)
            threshold = plain.get("threshold")
            offsets = dict(zip(features, range(0, len(values), n), strict=True))
            scaled = [round(b * WEIGHT_SCALE) for b in bias]
            return cls(labels, scaled, offsets, values, None if threshold is None else float(threshold))
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
            raise CopylintError(f"not a copylint model ({type(exc).__name__}: {exc})", source) from None

    def has_label(self, label: str) -> bool:
        return label in self._index

    def scores(self, found: set[str]) -> tuple[int, ...]:
        """Per label (in `labels` order), a sentence's score in whole 1/WEIGHT_SCALE: its log-odds."""
        total = sum(map(self._rows.__getitem__, self._offsets.keys() & found), self._start)
        scores: tuple[int, ...] = self._sums.unpack((total ^ self._signs).to_bytes(self._sums.size, "little"))
        return scores

    def probabilities(self, found: set[str]) -> dict[str, float]:
        """Per label, the probability that a sentence with these features makes such a claim."""
        return dict(zip(self.labels, map(probability, self.scores(found)), strict=True))

    def index(self, label: str) -> int:
        """Where `label`'s score is in `scores`."""
        return self._index[label]

    def evidence(self, found: set[str], label: str, count: int = 5) -> tuple[str, ...]:
        """The features of a sentence that weighed most towards `label`, strongest first."""
        k, values, offsets = self._index[label], self._values, self._offsets
        weighed = sorted(((values[offsets[f] + k], f) for f in found if f in offsets), reverse=True)
        return tuple(f for w, f in weighed[:count] if w > 0)

    def strongest(self, label: str, count: int = 15) -> list[tuple[str, float]]:
        """The features that weigh most for `label` anywhere: what --explain shows."""
        k, values = self._index[label], self._values
        ranked = sorted(
            ((values[start + k], f) for f, start in self._offsets.items() if values[start + k] > 0), reverse=True
        )
        return [(f, w / WEIGHT_SCALE) for w, f in ranked[:count]]


class _Rows(dict[str, int]):
    """Each feature's weights for all labels as one integer (`_packed`): a sentence's sums for every
    label are one `sum` of integers, as exact as summing each label's weights. A row is made at its
    feature's first use, so loading a model costs no more."""

    def __init__(self, offsets: dict[str, int], values: array[int], labels: int) -> None:
        super().__init__()
        self._offsets, self._values, self._labels = offsets, values, labels

    def __missing__(self, feature: str) -> int:
        start = self._offsets[feature]
        row = self[feature] = _packed(self._values[start : start + self._labels])
        return row


def _packed(weights: Iterable[int]) -> int:
    """Whole numbers as one integer, the kth in the LANE bits from k * LANE (a negative one borrows
    from the lanes above, which the sum of a sentence's rows gives back)."""
    return sum(w << (LANE * k) for k, w in enumerate(weights))


def _sigmoid(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-total)) if total > -700 else 0.0


def probability(score: int) -> float:
    """The probability a whole-number score (`LinearModel.scores`) stands for."""
    return _sigmoid(score / WEIGHT_SCALE)


@lru_cache(maxsize=256)
def least_score(threshold: float) -> int:
    """The lowest whole score whose `probability` reaches `threshold`. The probability grows with the
    score, so comparing scores with this one decides as comparing probabilities would, without an
    `exp` per label and sentence (most sentences fall short on every label)."""
    low, high = -(1 << (LANE - 1)), 1 << (LANE - 1)  # a score's range, and one past it: none reaches it
    while low < high:
        middle = (low + high) // 2
        if probability(middle) >= threshold:
            high = middle
        else:
            low = middle + 1
    return low


def load_model(path: Path) -> LinearModel:
    """A model file (the engine that uses it keeps it for its lifetime)."""
    try:
        plain = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CopylintError(f"cannot read model: {exc.strerror or exc}", str(path)) from None
    except ValueError as exc:
        raise CopylintError(f"model is not valid JSON: {exc}", str(path)) from None
    return LinearModel.from_plain(plain, str(path))
