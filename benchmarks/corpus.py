"""The real-source corpus (`fixtures/realcorpus/`, described in docs/corpus.md): reading it, and its
split into train, dev and blind.

    python -m benchmarks.corpus --check          # validate every collection and the split
    python -m benchmarks.corpus --write-splits   # give new sources a split (existing ones never move)

The split is by source document, and for clinic pages by site, so two pages of one clinic never land on
both sides. A source's split follows from a hash of its id (or site), stratified by family, so it does
not depend on anything a rule author could see: about 45 % train, 20 % dev, 35 % blind.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex
import yaml

from linter.readers import read_text
from linter.schemas import load_schema
from linter.text.textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "realcorpus"
SPLITS_FILE = CORPUS / "splits.tsv"
PAGES = CORPUS / "pages"  # the first whole pages; later rounds keep theirs in their own folder
SPLITS = ("train", "dev", "blind")
FAMILIES = ("fda", "ftc", "state-ag", "court", "pages", "news", "science", "regulator")
PAGE_SUFFIXES = (".md", ".html", ".txt")
# Out of 20 places in a family's hashed order: 0-6 blind, 7-10 dev, 11-19 train.
_BLIND, _DEV = 7, 11


@dataclass(frozen=True)
class Source:
    id: str
    family: str
    kind: str
    date: str
    title: str
    url: str
    collection: str

    @property
    def group(self) -> str:
        """What must stay on one side of the split: the site for clinic pages, else the document."""
        if self.family == "pages":
            host = urlsplit(self.url).netloc.lower()
            return host.removeprefix("www.") or self.id
        return self.id


@dataclass(frozen=True)
class Sentence:
    source: str
    label: str  # flag | ok
    categories: tuple[str, ...]
    hard: bool
    text: str


@dataclass(frozen=True)
class PageItem:
    label: str
    text: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    source: str
    path: Path
    items: tuple[PageItem, ...]

    @property
    def collection(self) -> str:
        """The folder the page lives in: its source row belongs in that folder's sources.tsv."""
        return self.path.parent.name


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def collections() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "sources.tsv").is_file())


def read_sources() -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for folder in collections():
        for row in _rows(folder / "sources.tsv"):
            fields = {k: (row.get(k) or "").strip() for k in ("id", "family", "kind", "date", "title", "url")}
            sources[fields["id"]] = Source(**fields, collection=folder.name)
    return sources


def read_sentences() -> list[Sentence]:
    sentences = []
    for folder in collections():
        if not (folder / "sentences.tsv").is_file():
            continue
        for row in _rows(folder / "sentences.tsv"):
            categories = tuple(c.strip() for c in row["category"].split(",") if c.strip() not in ("", "-"))
            sentences.append(Sentence(row["source"], row["label"], categories, row["hard"] == "hard", row["text"]))
    return sentences


def read_pages() -> list[Page]:
    """Every whole page (a `.md`, `.html` or `.txt` file with its `.expect.yaml`) in any collection folder,
    ordered by folder and then file name: `pages/` holds the first ones, and a round keeps its pages next to
    its other sources, so `--collection` can measure them alone. A page without expectations has no items
    (`check` reports it)."""
    pages = []
    for folder in collections():
        for page in sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES and p.is_file()):
            expect_file = page.with_suffix(".expect.yaml")
            expect: dict[str, Any] = {}
            if expect_file.is_file():
                expect = yaml.safe_load(expect_file.read_text(encoding="utf-8")) or {}
            items = [
                PageItem(label, item["text"], tuple(item.get("categories", [])))
                for label in ("flag", "ok")
                for item in expect.get(label) or []
            ]
            pages.append(Page(page.stem, page, tuple(items)))
    return pages


def read_splits() -> dict[str, str]:
    """Source id -> split."""
    if not SPLITS_FILE.exists():
        return {}
    return {row["source"]: row["split"] for row in _rows(SPLITS_FILE)}


def assign_split(group: str, family_groups: list[str]) -> str:
    """The split of `group` among its family's groups, from their order by hash."""
    ordered = sorted(family_groups, key=lambda g: hashlib.sha256(g.encode("utf-8")).hexdigest())
    place = ordered.index(group) % 20
    return "blind" if place < _BLIND else "dev" if place < _DEV else "train"


def new_splits(sources: dict[str, Source], existing: dict[str, str]) -> dict[str, str]:
    """Splits for sources not yet in `existing`; a group already placed keeps its split."""
    placed_groups = {sources[s].group: split for s, split in existing.items() if s in sources}
    groups_by_family: dict[str, set[str]] = defaultdict(set)
    for source in sources.values():
        groups_by_family[source.family].add(source.group)
    result = {}
    for source in sources.values():
        if source.id in existing:
            continue
        split = placed_groups.get(source.group) or assign_split(source.group, sorted(groups_by_family[source.family]))
        placed_groups[source.group] = split
        result[source.id] = split
    return result


def labelled_span(lintable: str, snippet: str) -> tuple[int, int] | None:
    """Where a labelled text is in a page's lintable text (spacing may differ where tags were masked)."""
    words = normalize(snippet).lintable.split()
    found = regex.search(r"\s+".join(regex.escape(word) for word in words), lintable)
    return None if found is None else found.span()


def check() -> list[str]:
    """Problems with the corpus: unknown sources or labels, duplicates, unsplit sources, page texts
    that are not in their page."""
    problems = []
    sources = read_sources()
    splits = read_splits()
    seen_ids: set[str] = set()
    for folder in collections():
        for row in _rows(folder / "sources.tsv"):
            if row["id"] in seen_ids:
                problems.append(f"{folder.name}: source id {row['id']} used twice")
            seen_ids.add(row["id"])
            if row["family"] not in FAMILIES:
                problems.append(f"{folder.name}: {row['id']}: unknown family {row['family']!r}")
    texts: set[str] = set()
    categories = load_schema("rule-pack.schema.json")["$defs"]["rule"]["properties"]["category"]["enum"]
    for sentence in read_sentences():
        where = f"{sentence.source}: {sentence.text[:60]!r}"
        if sentence.source not in sources:
            problems.append(f"{where}: unknown source")
        if sentence.label not in ("flag", "ok"):
            problems.append(f"{where}: label {sentence.label!r}")
        if sentence.label == "flag" and not sentence.categories:
            problems.append(f"{where}: a flag row needs a category")
        if any(c not in categories for c in sentence.categories):
            problems.append(f"{where}: unknown category in {sentence.categories}")
        if sentence.text in texts:
            problems.append(f"{where}: duplicate text")
        texts.add(sentence.text)
    for page in read_pages():
        where = f"{page.collection}/{page.path.name}"
        source = sources.get(page.source)
        if source is None or source.collection != page.collection:  # a row elsewhere would misplace the page
            problems.append(f"{where}: no row in {page.collection}/sources.tsv")
        elif source.family != "pages":
            problems.append(f"{where}: family {source.family!r}, not 'pages'")
        if not page.path.with_suffix(".expect.yaml").is_file():
            problems.append(f"{where}: no {page.source}.expect.yaml")
        lintable = read_text(page.path.read_text(encoding="utf-8"), page.path.name).lintable
        for item in page.items:
            if labelled_span(lintable, item.text) is None:
                problems.append(f"{where}: labelled text not in the page: {item.text[:60]!r}")
    for source in sources:
        if source not in splits:
            problems.append(f"{source}: not in splits.tsv (python -m benchmarks.corpus --write-splits)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the corpus and its split")
    parser.add_argument("--write-splits", action="store_true", help="add new sources to splits.tsv")
    args = parser.parse_args()
    if args.write_splits:
        existing = read_splits()
        added = new_splits(read_sources(), existing)
        rows = sorted({**existing, **added}.items())
        with open(SPLITS_FILE, "w", encoding="utf-8", newline="") as handle:
            handle.write("source\tsplit\n" + "".join(f"{s}\t{split}\n" for s, split in rows))
        print(f"{len(added)} sources added to {SPLITS_FILE.relative_to(ROOT)} ({len(rows)} in all)")
    problems = check() if args.check or args.write_splits else []
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
