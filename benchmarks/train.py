"""Train the built-in claim detector: `python -m benchmarks.train` writes rules/claims.model.json.

It learns from the real corpus's train split (sentences and labelled page passages), the written sets
`tune` and `holdout` and the five seed pages' golden expectations (clinic copy, the kind the detector
reads, with its neutral booking and background sentences), and calibrates its threshold on the dev
split's clinic pages and the seed pages: at most one false alarm per 100 of their neutral sentences,
and none on the seed pages (news and papers on the same subjects are kept quiet by the context filters
instead). The blind split is never read.
The same corpus and seed give a byte-identical file (`linter/train.py` says how).

`python -m benchmarks.train --folds 5` writes no model: it measures how the detector carries to sources
it has not read, without the blind split. Each train and dev sentence is scored by a detector trained
on the other folds (folds made by source, as the split is), and the report gives the detector's
recall, alone and with the rules, where it draws 0.5, 1 and 2 false alarms per 100 neutral sentences.
Dev was used to calibrate and tune, so this is the fairer figure for comparing detector designs.

`python -m benchmarks.train --folds 5 --learning-curve` repeats that measure with each fold's detector
trained on a share of the other folds' sources (an eighth, a quarter, a half, all of them; the same
sources at every size, chosen by a hash of their site or document): how recall grows with the data says
how far more labelled copy can carry this detector.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from linter import load_engine
from linter.engine.learned import LinearModel, features
from linter.train import calibrate, examples, train, write_model

try:  # run as a module (python -m benchmarks.train) or as a script
    from benchmarks import corpus as real
    from benchmarks.accuracy import seed_expectations, sentence_findings
except ImportError:
    import corpus as real  # type: ignore[no-redef]
    from accuracy import seed_expectations, sentence_findings  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "rules" / "claims.model.json"
WRITTEN = ("tune", "holdout")  # holdout2 stays out: it is the written family's blind set
Row = tuple[str, list[str], str]


def rows(split: str, families: tuple[str, ...] = real.FAMILIES) -> Iterator[Row]:
    """(label, categories, text) of every labelled sentence and page passage of one split (whole pages
    are clinic pages; sentences only from sources of the given families)."""
    splits, sources = real.read_splits(), real.read_sources()
    for sentence in real.read_sentences():
        if splits[sentence.source] == split and sources[sentence.source].family in families:
            yield sentence.label, list(sentence.categories), sentence.text
    for page in real.read_pages():
        if splits[page.source] == split:
            yield from ((item.label, list(item.categories), item.text) for item in page.items)


def seed_rows() -> Iterator[Row]:
    """The seed pages' golden sentences (fixtures/seeds/*.expect.yaml)."""
    for _, label, text, categories in seed_expectations():
        yield label, list(categories), text


def written_rows() -> Iterator[Row]:
    for name in WRITTEN:
        with open(ROOT / "fixtures" / "corpus" / f"{name}.tsv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield row["label"], [row["category"]], row["text"]


def held_out_scores(
    scored: list[tuple[str, Row]],
    also_trained: list[tuple[str, Row]],
    extra: list[Row],
    folds: int,
    seed: int = 0,
    share: float = 1.0,
) -> list[dict[str, float]]:
    """Per (group, row) of `scored`, its probabilities from a detector trained on the rows of the
    other folds (of `scored` and `also_trained`) whose group is in `share` of all groups, plus `extra`:
    a row is never scored by a detector that read its group."""
    fold = [_fold(group, folds) for group, _ in scored]
    trained_fold = [_fold(group, folds) for group, _ in also_trained]
    kept = [_in_share(group, share) for group, _ in [*scored, *also_trained]]
    result: list[dict[str, float]] = [{} for _ in scored]
    for k in range(folds):
        rows = [
            row
            for (_, row), f, keep in zip([*scored, *also_trained], [*fold, *trained_fold], kept, strict=True)
            if f != k and keep
        ]
        model = LinearModel.from_plain(train(examples([*rows, *extra]), seed=seed), f"<fold {k}>")
        for i, (_, (_, _, text)) in enumerate(scored):
            if fold[i] == k:
                result[i] = model.probabilities(features(text))
    return result


def _fold(group: str, folds: int) -> int:
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % folds


def _in_share(group: str, share: float) -> bool:
    """Whether a group is among the first `share` of all groups in an order unrelated to the folds':
    a smaller share is always a subset of a larger one."""
    return int(hashlib.sha256(f"share:{group}".encode()).hexdigest(), 16) % 1000 < share * 1000


LEARNING_CURVE = (0.125, 0.25, 0.5, 1.0)  # shares of the training sources for --learning-curve


def cross_validate(folds: int, seed: int = 0, shares: tuple[float, ...] = ()) -> list[str]:
    """The report `--folds` prints (see the module's docstring); with `shares`, the learning curve."""
    sources, splits = real.read_sources(), real.read_splits()
    sentences = [s for s in real.read_sentences() if splits[s.source] in ("train", "dev")]
    items = [
        (sources[page.source].group, (item.label, list(item.categories), item.text))
        for page in real.read_pages()
        if splits[page.source] in ("train", "dev")
        for item in page.items
    ]
    findings = dict(sentence_findings(sentences, load_engine(ignore=["learned"]), in_document=True))
    scored = [(sources[s.source].group, (s.label, list(s.categories), s.text)) for s in sentences]
    extra = [*written_rows(), *seed_rows()]

    def held_out(share: float) -> tuple[list[tuple[bool, float]], list[tuple[bool, float]]]:
        """(found by rules, detector score) per claim and per neutral sentence."""
        claims, neutral = [], []
        for sentence, scores in zip(sentences, held_out_scores(scored, items, extra, folds, seed, share), strict=True):
            if sentence.label == "flag":
                wanted = [p for label, p in scores.items() if label in sentence.categories]
                by_rules = any(f.category in sentence.categories for f in findings[sentence])
                claims.append((by_rules, max(wanted or scores.values())))
            else:
                neutral.append((bool(findings[sentence]), max(scores.values())))
        return claims, neutral

    if shares:
        groups = {group for group, _ in [*scored, *items]}
        lines = [f"== detector learning curve, {folds}-fold cross-validation on train and dev ({len(groups)} sources)"]
        for share in shares:
            claims, neutral = held_out(share)
            kept = sum(1 for group in groups if _in_share(group, share))
            at = [_at_alarms(claims, neutral, alarms) for alarms in (1.0, 2.0)]
            lines.append(
                f"  {share:5.3f} of the sources ({kept} kept): at 1.0 false alarms per 100 detector alone recall"
                f" {at[0][1]:.3f}, with the rules {at[0][2]:.3f}; at 2.0 detector alone {at[1][1]:.3f},"
                f" with the rules {at[1][2]:.3f}"
            )
        return lines
    claims, neutral = held_out(1.0)
    never = 2.0  # a threshold no probability reaches: the rules alone
    lines = [
        f"== detector by {folds}-fold cross-validation on train and dev ({len(claims)} claims, {len(neutral)} neutral)",
        f"  rules only: recall {_share(claims, never):.3f},"
        f" false alarms per 100 neutral {100 * _share(neutral, never):.2f}",
    ]
    for alarms in (0.5, 1.0, 2.0):
        threshold, alone, with_rules = _at_alarms(claims, neutral, alarms)
        lines.append(
            f"  at {alarms:.1f} false alarms per 100 (threshold {threshold:.3f}): detector alone recall"
            f" {alone:.3f}; with the rules recall {with_rules:.3f},"
            f" false alarms per 100 neutral {100 * _share(neutral, threshold):.2f}"
        )
    return lines


def _at_alarms(
    claims: list[tuple[bool, float]], neutral: list[tuple[bool, float]], alarms: float
) -> tuple[float, float, float]:
    """The threshold at which the detector alone draws `alarms` per 100 neutral sentences, and the
    claims' recall there, of the detector alone and with the rules."""
    ranked = sorted((score for _, score in neutral), reverse=True)
    threshold = ranked[int(len(ranked) * alarms / 100)] + 1e-9  # just above the neutral score at that rank
    return threshold, _share([(False, score) for _, score in claims], threshold), _share(claims, threshold)


def _share(sentences: list[tuple[bool, float]], threshold: float) -> float:
    """The share of sentences flagged by the rules or scored at `threshold` or above."""
    return sum(1 for by_rules, score in sentences if by_rules or score >= threshold) / max(len(sentences), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-alarms", type=float, default=1.0, help="false alarms per 100 neutral dev page sentences")
    parser.add_argument("--folds", type=int, help="write no model: cross-validate the detector over this many folds")
    parser.add_argument(
        "--learning-curve",
        action="store_true",
        help="with --folds: the detector's recall trained on a share of the sources (1/8, 1/4, 1/2, all)",
    )
    args = parser.parse_args()
    if args.learning_curve and not args.folds:
        parser.error("--learning-curve needs --folds")
    if args.folds:
        print("\n".join(cross_validate(args.folds, args.seed, LEARNING_CURVE if args.learning_curve else ())))
        return 0
    data = examples([*rows("train"), *written_rows(), *seed_rows()])
    model = train(data, seed=args.seed)
    pages = examples([*rows("dev", families=("pages",)), *seed_rows()])
    model["threshold"] = calibrate(model, pages, args.max_alarms)
    seeds = examples(seed_rows())  # and no false alarm on the golden seed pages' neutral sentences
    model["threshold"] = max(model["threshold"], calibrate(model, seeds, 0.0))
    write_model(model, args.out)
    size = args.out.stat().st_size
    print(f"{args.out}: {len(data)} rows, {len(model['features'].splitlines())} features, {size:,} bytes")
    print(f"threshold {model['threshold']} (at most {args.max_alarms} false alarms per 100 neutral dev page sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
