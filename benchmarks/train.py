"""Train the built-in claim detector: `python -m benchmarks.train` writes rules/claims.model.json.

It learns from the real corpus's train split (sentences and labelled page passages), the written sets
`tune` and `holdout` and the five seed pages' golden expectations (clinic copy, the kind the detector
reads, with its neutral booking and background sentences), and calibrates its threshold on the dev
split's clinic pages and the seed pages: at most one false alarm per 100 of their neutral sentences,
and none on the seed pages (news and papers on the same subjects are kept quiet by the context filters
instead). The blind split is never read.
The same corpus and seed give a byte-identical file (`linter/train.py` says how).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from linter.train import calibrate, examples, train, write_model

try:  # run as a module (python -m benchmarks.train) or as a script
    from benchmarks import corpus as real
    from benchmarks.accuracy import seed_expectations
except ImportError:
    import corpus as real  # type: ignore[no-redef]
    from accuracy import seed_expectations  # type: ignore[no-redef]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-alarms", type=float, default=1.0, help="false alarms per 100 neutral dev page sentences")
    args = parser.parse_args()
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
