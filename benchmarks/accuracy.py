"""Precision and recall of the built-in packs on labelled copy.

    python benchmarks/accuracy.py                 # every corpus (tune, holdout, holdout2), plus the seed pages
    python benchmarks/accuracy.py --corpus tune   # one corpus only
    python benchmarks/accuracy.py --quiet         # figures only, no list of misses

A `flag` row counts as found when any finding has the row's category; an `ok` row is a false
alarm when any finding appears at all. Seed pages: every `flag` expectation must be met by a
finding of an allowed category on that line, and `ok` sentences must get no finding.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from linter import Finding, lint_text, load_engine
from linter.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "fixtures" / "corpus"
SEEDS_DIR = ROOT / "fixtures" / "seeds"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def record(self, label: str, wanted: list[str], findings: list[Finding], description: str) -> None:
        """Count one labelled sentence: a flag needs a finding of a wanted category, ok needs none."""
        if label == "flag":
            if any(f.category in wanted for f in findings):
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append(f"{description} (want {wanted})")
        elif findings:
            self.fp += 1
            self.false_alarms.append(f"{description} <- {findings[0].rule}: '{findings[0].match}'")
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_corpus(name: str) -> list[dict[str, str]]:
    with open(CORPUS_DIR / f"{name}.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def score_corpus(rows: list[dict[str, str]], engine: Engine) -> dict[str, Score]:
    """Scores keyed by category, plus 'all'."""
    scores: dict[str, Score] = defaultdict(Score)
    for row in rows:
        findings = lint_text(row["text"], engine=engine)
        category = row["category"]
        for key in (category, "all"):
            scores[key].record(row["label"], [category], findings, f"[{category}] {row['text']}")
    return scores


def seed_expectations() -> list[tuple[str, str, str, list[str]]]:
    """Every golden expectation as (page file, label, sentence text, allowed categories)."""
    rows = []
    for expect_file in sorted(SEEDS_DIR.glob("*.expect.yaml")):
        page = expect_file.name.replace(".expect.yaml", ".txt")
        expect = yaml.safe_load(expect_file.read_text(encoding="utf-8"))
        for label in ("flag", "ok"):
            rows += [(page, label, item["text"], item.get("categories", [])) for item in expect.get(label) or []]
    return rows


def findings_in(page: str, snippet: str, engine: Engine) -> list[Finding]:
    """Findings on a seed page that start inside `snippet` (an exact substring of one line)."""
    text = (SEEDS_DIR / page).read_text(encoding="utf-8")
    start = text.index(snippet)
    line = text.count("\n", 0, start) + 1
    line_start = text.rfind("\n", 0, start) + 1
    first, last = start - line_start + 1, start - line_start + len(snippet)
    return [f for f in _page_findings(page, engine) if f.line == line and first <= f.column <= last]


_cache: dict[tuple[str, int], list[Finding]] = {}


def _page_findings(page: str, engine: Engine) -> list[Finding]:
    key = (page, id(engine))
    if key not in _cache:
        _cache[key] = lint_text((SEEDS_DIR / page).read_text(encoding="utf-8"), path=page, engine=engine)
    return _cache[key]


def score_seeds(engine: Engine) -> Score:
    """Seed pages against their golden expectations (fixtures/seeds/*.expect.yaml)."""
    score = Score()
    for page, label, snippet, categories in seed_expectations():
        score.record(label, categories, findings_in(page, snippet, engine), f"{page}: {snippet[:100]}")
    return score


def _print_score(label: str, score: Score) -> None:
    print(
        f"{label:<28} P={score.precision:.3f}  R={score.recall:.3f}  F1={score.f1:.3f}"
        f"  (tp={score.tp} fp={score.fp} fn={score.fn} tn={score.tn})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=["tune", "holdout", "holdout2"], help="default: all")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    engine = load_engine()
    for name in args.corpus or ["tune", "holdout", "holdout2"]:
        scores = score_corpus(read_corpus(name), engine)
        print(f"== corpus {name}")
        for category in sorted(k for k in scores if k != "all"):
            _print_score(f"  {category}", scores[category])
        _print_score("  ALL", scores["all"])
        if not args.quiet:
            for line in scores["all"].misses:
                print(f"  MISS  {line}")
            for line in scores["all"].false_alarms:
                print(f"  FALSE {line}")
    if not args.no_seeds and SEEDS_DIR.exists():
        seeds = score_seeds(engine)
        print("== seed pages")
        _print_score("  ALL", seeds)
        if not args.quiet:
            for line in seeds.misses:
                print(f"  MISS  {line}")
            for line in seeds.false_alarms:
                print(f"  FALSE {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
