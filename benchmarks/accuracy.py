"""Precision and recall of the built-in packs on labelled copy.

    python benchmarks/accuracy.py                 # everything: the written sets, the seed pages, the real corpus
    python benchmarks/accuracy.py --corpus tune   # one written set only (and no real corpus)
    python benchmarks/accuracy.py --real-only     # the real-source corpus only, per split and source family
    python benchmarks/accuracy.py --quiet         # figures only, no list of misses

Written sets (`fixtures/corpus/`, the "written" family): a `flag` row counts as found when any finding
has the row's category; an `ok` row is a false alarm when any finding appears at all. Seed pages:
every `flag` expectation must be met by a finding of an allowed category on that line, and `ok`
sentences must get no finding. Real corpus (`fixtures/realcorpus/`, docs/corpus.md): sentences are
scored the same way per split and per source family, with false alarms per 100 neutral sentences;
whole pages by span: a labelled claim is found when a finding of an allowed category starts inside it,
a labelled hard negative is flagged when any finding does. Misses are listed for the train and dev
splits only: nobody who writes rules reads the blind split's.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from linter import Finding, lint_text, load_engine
from linter.engine import Engine
from linter.readers import read_text

try:  # run as a script (python benchmarks/accuracy.py) or imported as benchmarks.accuracy
    from benchmarks import corpus as real
except ImportError:
    import corpus as real  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "fixtures" / "corpus"
SEEDS_DIR = ROOT / "fixtures" / "seeds"


@dataclass
class CategoryCounts:
    """Claims and the ones missed, per claim category (a claim of several categories counts under each):
    the misses grouped by class, as aggregate counts that name no sentence."""

    claims: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)

    def add(self, categories: Iterable[str], found: bool) -> None:
        for category in categories:
            self.claims[category] += 1
            self.missed[category] += not found

    def merge(self, other: CategoryCounts) -> None:
        self.claims.update(other.claims)
        self.missed.update(other.missed)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    by_category: CategoryCounts = field(default_factory=CategoryCounts)

    def record(self, label: str, wanted: list[str], findings: list[Finding], description: str) -> None:
        """Count one labelled sentence: a flag needs a finding of a wanted category, ok needs none."""
        if label == "flag":
            found = any(f.category in wanted for f in findings)
            self.by_category.add(wanted, found)
            if found:
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
    def alarms_per_100(self) -> float:
        """False alarms per 100 `ok` sentences."""
        return 100 * self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

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


@dataclass
class PageScore:
    """Whole pages by span: claims found, and labelled hard negatives flagged."""

    found: int = 0
    missed: int = 0
    negatives: int = 0
    flagged: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    by_category: CategoryCounts = field(default_factory=CategoryCounts)

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.negatives if self.negatives else 0.0


def score_real_sentences(
    engine: Engine, in_document: bool = False, collection: str | None = None
) -> dict[tuple[str, str], Score]:
    """Scores keyed by (split, family), with "all" for either: every sentence of the real corpus.

    Alone, each sentence is linted by itself. `in_document`, the sentences of one source are linted
    together, each as its own paragraph in their order, so context a page gives (its topic, a list's
    lead-in) is there; a finding counts for the sentence it starts in. With `collection`, only the
    sentences of that collection's sources (a round's new ones, say).
    """
    sources, splits = real.read_sources(), real.read_splits()
    sentences = [s for s in real.read_sentences() if collection in (None, sources[s.source].collection)]
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    hard: dict[tuple[str, str], Score] = defaultdict(Score)
    for sentence, findings in sentence_findings(sentences, engine, in_document):
        split, family = splits[sentence.source], sources[sentence.source].family
        description = f"[{','.join(sentence.categories) or 'ok'}] {sentence.text}"
        for key in ((split, family), (split, "all")):
            scores[key].record(sentence.label, list(sentence.categories), findings, description)
            if sentence.hard:
                hard[key].record("ok", [], findings, description)
    for key, score in hard.items():
        scores[(key[0], key[1] + ":hard")] = score
    return scores


def sentence_findings(
    sentences: list[real.Sentence], engine: Engine, in_document: bool
) -> list[tuple[real.Sentence, list[Finding]]]:
    """Each sentence with the findings that start in it: linted alone, or `in_document` with its
    source's other sentences (`score_real_sentences`)."""
    if not in_document:
        return [(sentence, lint_text(sentence.text, engine=engine)) for sentence in sentences]
    by_source: dict[str, list[real.Sentence]] = defaultdict(list)
    for sentence in sentences:
        by_source[sentence.source].append(sentence)
    result = []
    for group in by_source.values():
        findings = lint_text("\n\n".join(s.text for s in group), "document.txt", engine)
        by_line: dict[int, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_line[finding.line].append(finding)
        result += [(sentence, by_line[1 + 2 * i]) for i, sentence in enumerate(group)]  # one line each
    return result


def score_real_pages(engine: Engine, collection: str | None = None) -> dict[str, PageScore]:
    """Page scores keyed by split (and "all"); with `collection`, only the pages in that folder."""
    splits = real.read_splits()
    scores: dict[str, PageScore] = defaultdict(PageScore)
    for page in real.read_pages():
        if collection not in (None, page.collection):
            continue
        text = page.path.read_text(encoding="utf-8")
        doc = read_text(text, page.path.name)
        findings = [
            (doc.lintable_offset(_offset(doc.line_starts, f)), f) for f in lint_text(text, page.path.name, engine)
        ]
        for item in page.items:
            start, end = _span(doc.lintable, item.text)
            inside = [f for offset, f in findings if start <= offset < end]
            for score in (scores[splits[page.source]], scores["all"]):
                description = f"{page.path.name}: {item.text[:100]}"
                if item.label == "flag":
                    found = any(f.category in item.categories for f in inside)
                    score.by_category.add(item.categories, found)
                    if found:
                        score.found += 1
                    else:
                        score.missed += 1
                        score.misses.append(f"{description} (want {list(item.categories)})")
                else:
                    score.negatives += 1
                    if inside:
                        score.flagged += 1
                        score.false_alarms.append(f"{description} <- {inside[0].rule}: '{inside[0].match}'")
    return scores


def _offset(line_starts: list[int], finding: Finding) -> int:
    return line_starts[finding.line - 1] + finding.column - 1


def _span(lintable: str, snippet: str) -> tuple[int, int]:
    found = real.labelled_span(lintable, snippet)
    if found is None:
        raise ValueError(f"labelled text not in its page: {snippet[:60]!r}")
    return found


def report_real(
    engine: Engine, quiet: bool, in_document: bool = False, collection: str | None = None, by_category: bool = False
) -> None:
    """The real-source corpus (or one collection of it): sentences per split and family, then whole
    pages per split; `by_category`, then the claims missed per split and claim category."""
    scores = score_real_sentences(engine, in_document, collection)
    how = "each in its document" if in_document else "each alone"
    print(f"== real corpus: sentences, {how} (precision and recall per split and source family)")
    print(
        f"  {'split':<6} {'family':<10} {'claims':>6} {'found':>6} {'recall':>7} {'neutral':>8} {'alarms':>7}"
        f" {'per 100':>8} {'hard':>5} {'per 100':>8} {'precision':>10}"
    )
    for split in real.SPLITS:
        families = sorted({f for s, f in scores if s == split and f != "all" and not f.endswith(":hard")})
        for family in [*families, "all"]:
            score = scores[(split, family)]
            hard = scores.get((split, family + ":hard"), Score())
            print(
                f"  {split:<6} {family:<10} {score.tp + score.fn:>6} {score.tp:>6} {score.recall:>7.3f}"
                f" {score.fp + score.tn:>8} {score.fp:>7} {score.alarms_per_100:>8.2f} {hard.fp + hard.tn:>5}"
                f" {hard.alarms_per_100:>8.2f} {score.precision:>10.3f}"
            )
    pages = score_real_pages(engine, collection)
    print("== real corpus: whole pages (span recall; labelled hard negatives flagged)")
    for split in [*real.SPLITS, "all"]:
        page = pages[split]
        print(
            f"  {split:<6} claims {page.found + page.missed:>4}  found {page.found:>4}  recall {page.recall:.3f}"
            f"   hard negatives {page.negatives:>4}  flagged {page.flagged:>3} ({100 * page.flagged_share:.1f} %)"
        )
    if by_category:
        print("\n".join(_category_table(scores, pages)))
    if quiet:
        return
    for split in ("train", "dev"):  # never the blind split's
        for line in scores[(split, "all")].misses + pages[split].misses:
            print(f"  {split.upper()} MISS  {line}")
        for line in scores[(split, "all")].false_alarms + pages[split].false_alarms:
            print(f"  {split.upper()} FALSE {line}")


def _category_table(scores: dict[tuple[str, str], Score], pages: dict[str, PageScore]) -> list[str]:
    """Claims missed per split and claim category, sentence rows and whole-page passages together
    (counts only: safe to print for the blind split)."""
    lines = [
        "== real corpus: claims missed by category (sentence rows and page passages; a claim counts under each of"
        " its categories)",
        f"  {'split':<6} {'category':<26} {'claims':>6} {'missed':>7} {'recall':>7}",
    ]
    for split in real.SPLITS:
        counts = CategoryCounts()
        counts.merge(scores[(split, "all")].by_category)
        counts.merge(pages[split].by_category)
        for category in sorted(counts.claims):
            claims, missed = counts.claims[category], counts.missed[category]
            lines.append(f"  {split:<6} {category:<26} {claims:>6} {missed:>7} {(claims - missed) / claims:>7.3f}")
    return lines


def detector_curve(split: str = "dev") -> list[str]:
    """Precision and recall of rules plus the learned detector on one split's sentences (each in its
    document), for thresholds from 0.5 to 0.95: rules alone are the detector pack ignored, and a
    sentence the detector scores at or above the threshold for a wanted category (for an `ok` row:
    any category) counts as flagged. The detector's own filters are left out, so this is a bound."""
    from linter.engine.learned import features, load_model
    from linter.packs.load import builtin_pack_folder

    model = load_model(builtin_pack_folder() / "claims.model.json")
    engine = load_engine(ignore=["learned"])
    splits = real.read_splits()
    sentences = [s for s in real.read_sentences() if splits[s.source] == split]
    scored = []
    for sentence, findings in sentence_findings(sentences, engine, in_document=True):
        probabilities = model.probabilities(features(sentence.text))
        wanted = [p for label, p in probabilities.items() if label in sentence.categories]
        by_rules = (
            any(f.category in sentence.categories for f in findings) if sentence.label == "flag" else bool(findings)
        )
        scored.append((sentence.label, by_rules, max(wanted or probabilities.values())))
    lines = [
        f"== learned detector on the {split} split: rules plus detector by threshold (sentences in their documents)"
    ]
    for step in [*range(50, 100, 5), 101]:
        threshold = step / 100
        score = Score()
        for label, by_rules, probability in scored:
            flagged = by_rules or probability >= threshold
            if label == "flag":
                score.tp, score.fn = score.tp + flagged, score.fn + (not flagged)
            else:
                score.fp, score.tn = score.fp + flagged, score.tn + (not flagged)
        lines.append(
            f"  {'rules only    ' if step > 100 else f'threshold {threshold:.2f}'}  precision {score.precision:.3f}"
            f"  recall {score.recall:.3f}"
            f"  false alarms per 100 neutral {score.alarms_per_100:.2f}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=["tune", "holdout", "holdout2"], help="default: all")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--real-only", action="store_true", help="only the real-source corpus")
    parser.add_argument(
        "--in-document", action="store_true", help="lint real-corpus sentences together with their source's others"
    )
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument(
        "--collection",
        choices=[folder.name for folder in real.collections()],
        help="only the real corpus's sources in this folder of fixtures/realcorpus (e.g. a new round)",
    )
    parser.add_argument("--no-learned", action="store_true", help="rules only: leave the learned detector out")
    parser.add_argument("--curve", action="store_true", help="print the detector's precision-recall curve on dev")
    parser.add_argument(
        "--by-category", action="store_true", help="real corpus: claims missed per split and claim category (counts)"
    )
    args = parser.parse_args()
    engine = load_engine(ignore=["learned"] if args.no_learned else [])
    if args.curve:
        print("\n".join(detector_curve()))
        return 0
    if args.real_only:
        report_real(engine, args.quiet, args.in_document, args.collection, args.by_category)
        return 0
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
    if not args.corpus:
        report_real(engine, args.quiet, args.in_document, args.collection, args.by_category)
    return 0


if __name__ == "__main__":
    sys.exit(main())
