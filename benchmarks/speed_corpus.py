"""The inputs of benchmarks/speed.py: clinic-style copy made from the fixtures, written once per folder.

Large files repeat one unit (the seed pages, then the labelled sentences of fixtures/corpus) up to a
size in MB (10^6 bytes), cut at a line break. One file of low-claim prose repeats the neutral
sentences of the real corpus's train and dev sources (news, science and regulator text, the booking
and team parts of clinic pages) the same way. Small pages (2-8 KB, two in three .txt, one in three
.md with headings, lists, links and emphasis) are the seed pages themselves, then pages put together
from seed paragraphs and labelled sentences with a fixed random seed, so every build is the same.

A manifest (`corpus.json`) records what was written from which fixtures; an input is reused when the
manifest and the file sizes still match, and written again otherwise.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

try:
    from benchmarks import corpus as real
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    import corpus as real  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = ROOT / "fixtures" / "corpus"
MANIFEST = "corpus.json"
VERSION = 2  # change when the generator changes, so stale inputs are written again
PAGE_BYTES = (2000, 8000)
MB = 1_000_000
PROSE_MB = 20.0  # the low-claim prose file: this size, or the largest file's if that is smaller

_TITLES = (
    "Stem Cell Therapy for Knee Pain",
    "PRP Injections for Tendon Injuries",
    "Regenerative Medicine for Back Pain",
    "Exosome Therapy: What to Expect",
    "Shoulder Pain Without Surgery",
    "Hip Arthritis Treatment Options",
    "Meet Our Regenerative Team",
    "Patient Stories",
    "Frequently Asked Questions",
    "Sports Injury Recovery Program",
)
_HEADINGS = (
    "How it works",
    "Who is a candidate?",
    "What our patients say",
    "Recovery and results",
    "Safety",
    "Cost and insurance",
    "Why choose our clinic",
    "The science",
)
_LINKS = (
    "[Book a free consultation](https://clinic.example/book)",
    "[Read our patient stories](/stories)",
    "Call us today or [request an appointment online](https://clinic.example/contact).",
)


@dataclass(frozen=True)
class Inputs:
    """Where the benchmark inputs are: one file per size (MB -> path), the low-claim prose, the
    folder of pages, and the large file of prose for the memory figure (None: not asked for)."""

    folder: Path
    large: dict[float, Path]
    prose: Path
    pages: Path
    page_count: int
    pages_bytes: int
    largest_page_bytes: int
    memory: Path | None = None


def seed_pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def labelled_sentences() -> list[str]:
    """The text column of every labelled corpus (flag and ok rows alike)."""
    sentences = []
    for tsv in sorted(CORPUS.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
            text = line.split("\t", 2)[-1].strip()
            if text:
                sentences.append(text)
    return sentences


def corpus_unit() -> str:
    """The seed pages and the labelled sentences, one paragraph per sentence."""
    return "\n\n".join([*(page.strip() for page in seed_pages()), *labelled_sentences()]) + "\n\n"


def prose_unit() -> str:
    """Health prose with few claims: the neutral sentences of the real corpus's train and dev sources
    (never the blind split's), a paragraph per source."""
    splits = real.read_splits()
    by_source: dict[str, list[str]] = {}
    for sentence in real.read_sentences():
        if sentence.label == "ok" and splits.get(sentence.source) in ("train", "dev"):
            by_source.setdefault(sentence.source, []).append(sentence.text)
    return "\n\n".join(" ".join(texts) for texts in by_source.values()) + "\n\n"


def build_corpus(megabytes: float) -> str:
    """Clinic-style copy of about `megabytes` MB (10^6 bytes), cut at a line break."""
    return _sized(corpus_unit().encode("utf-8"), round(megabytes * MB)).decode("utf-8")


def _sized(unit: bytes, size: int) -> bytes:
    whole, rest = divmod(size, len(unit))
    tail = unit[:rest]
    return unit * whole + tail[: tail.rfind(b"\n") + 1]


def write_large(path: Path, megabytes: float, unit_text: str | None = None) -> int:
    """Write about `megabytes` MB of `unit_text` repeated (default: the clinic-style corpus) to `path`
    without holding it as text; returns the size."""
    unit = (corpus_unit() if unit_text is None else unit_text).encode("utf-8")
    whole, rest = divmod(round(megabytes * MB), len(unit))
    with path.open("wb") as out:
        for _ in range(whole):
            out.write(unit)
        tail = unit[:rest]
        out.write(tail[: tail.rfind(b"\n") + 1])
    return path.stat().st_size


def build_pages(count: int, seed: int = 20240501) -> dict[str, str]:
    """`count` pages of 2-8 KB, name -> text: the seed pages first, then generated ones."""
    rng = random.Random(seed)
    seeds = seed_pages()
    paragraphs = [line.strip() for page in seeds for line in page.splitlines() if len(line.strip()) > 60]
    sentences = labelled_sentences()
    pages: dict[str, str] = {}
    for index in range(count):
        if index < len(seeds):
            pages[f"page-{index:04d}.txt"] = seeds[index]
            continue
        markdown = index % 3 == 2
        suffix = ".md" if markdown else ".txt"
        pages[f"page-{index:04d}{suffix}"] = _page(rng, paragraphs, sentences, markdown)
    return pages


def _page(rng: random.Random, paragraphs: list[str], sentences: list[str], markdown: bool) -> str:
    target = rng.randint(*PAGE_BYTES)
    title = rng.choice(_TITLES)
    lines = [f"# {title}" if markdown else title, ""]
    size = len(title) + 2
    while size < target:
        roll = rng.random()
        if markdown and roll < 0.15:
            block = f"## {rng.choice(_HEADINGS)}"
        elif markdown and roll < 0.3:
            block = "\n".join(f"- {s}" for s in rng.sample(sentences, rng.randint(2, 5)))
        elif markdown and roll < 0.35:
            block = rng.choice(_LINKS)
        elif roll < 0.55:
            block = rng.choice(paragraphs)
        else:
            chosen = rng.sample(sentences, rng.randint(2, 5))
            if markdown and rng.random() < 0.3:
                chosen[0] = f"**{chosen[0]}**"
            block = " ".join(chosen)
        lines += [block, ""]
        size += len(block.encode("utf-8")) + 2
    return "\n".join(lines)


def fixtures_digest() -> str:
    digest = hashlib.sha256(str(VERSION).encode())
    real_files = [*sorted(real.CORPUS.glob("*/sentences.tsv")), real.SPLITS_FILE]
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.glob("*.tsv")), *real_files]:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def large_name(megabytes: float) -> str:
    return f"large-{megabytes:g}mb.txt"


def prose_name(megabytes: float) -> str:
    return f"prose-{megabytes:g}mb.txt"


def prepare(
    folder: Path, sizes: list[float], page_count: int, log: Callable[[str], None] = print, memory_mb: float = 0
) -> Inputs:
    """Write (or reuse) the large files and the pages in `folder`, and `memory_mb` MB of the prose
    for the memory figure; `log` gets one line per action."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    digest = fixtures_digest()
    if manifest.get("fixtures") != digest:
        manifest = {"fixtures": digest, "large": {}, "pages": {}}
    large: dict[float, Path] = {}
    files = [(folder / large_name(megabytes), megabytes, None) for megabytes in sizes]
    prose_mb = min(PROSE_MB, max(sizes))
    if memory_mb and memory_mb != prose_mb:
        files.append((folder / prose_name(memory_mb), memory_mb, prose_unit))
    files.append((folder / prose_name(prose_mb), prose_mb, prose_unit))
    for path, megabytes, unit in files:
        recorded = manifest["large"].get(path.name)
        if recorded is not None and path.is_file() and path.stat().st_size == recorded:
            log(f"reusing {path}")
        else:
            log(f"writing {path}")
            manifest["large"][path.name] = write_large(path, megabytes, unit() if unit else None)
        if unit is None:
            large[megabytes] = path
    pages_dir = folder / "pages"
    recorded = manifest["pages"]
    on_disk = {p.name: p.stat().st_size for p in pages_dir.iterdir()} if pages_dir.is_dir() else {}
    if recorded.get("count") == page_count and recorded.get("sizes") == on_disk:
        log(f"reusing {pages_dir} ({page_count} pages)")
    else:
        log(f"writing {pages_dir} ({page_count} pages)")
        strangers = sorted(name for name in on_disk if not name.startswith("page-"))
        if strangers:
            raise SystemExit(f"{pages_dir} holds files this script did not write ({strangers[0]}, ...)")
        for name in on_disk:
            (pages_dir / name).unlink()
        pages_dir.mkdir(exist_ok=True)
        for name, text in build_pages(page_count).items():
            (pages_dir / name).write_text(text, encoding="utf-8")
        on_disk = {p.name: p.stat().st_size for p in pages_dir.iterdir()}
        manifest["pages"] = {"count": page_count, "sizes": on_disk}
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    prose = files[-1][0]
    memory = folder / prose_name(memory_mb) if memory_mb else None
    pages_bytes, largest = sum(on_disk.values()), max(on_disk.values(), default=0)
    return Inputs(folder, large, prose, pages_dir, page_count, pages_bytes, largest, memory)
