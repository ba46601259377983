"""Start-up and throughput of copylint, as medians and ratios against a peer run in this script.

    python benchmarks/speed.py              # defaults: 15 start-up runs, a 5 MB corpus
    python benchmarks/speed.py --mb 20 --runs 25

Timings are medians of repeated runs on this machine at this moment: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def _median_seconds(command: list[str], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def _tool(name: str) -> str:
    """A command installed beside this Python (the project's venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name) or str(beside)


def _ms(timing: tuple[float, float, float]) -> str:
    median, low, high = (t * 1000 for t in timing)
    return f"{median:7.1f} ms ({low:.0f}/{high:.0f})"


def build_corpus(megabytes: float) -> str:
    """Clinic-style copy: the seed pages and labelled sentences, repeated to the wanted size."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for tsv in sorted((ROOT / "fixtures" / "corpus").glob("*.tsv")):
        lines = tsv.read_text(encoding="utf-8").splitlines()[1:]
        parts.append("\n".join(line.split("\t", 2)[-1] for line in lines))
    unit = "\n\n".join(parts)
    return unit * max(1, round(megabytes * 1_000_000 / len(unit.encode("utf-8"))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs per command")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the throughput corpus")
    args = parser.parse_args()

    copylint = _tool("copylint")
    page = SEEDS / "000_d78e7ec7c0710755.txt"
    commands = {
        "python -c 'import click, yaml, regex'": [sys.executable, "-c", "import click, yaml, regex"],
        "copylint page": [copylint, str(page)],
    }
    for name, command in (("codespell", [str(page)]), ("proselint", ["check", str(page)])):
        peer = _tool(name)
        if Path(peer).exists():
            commands[f"{name} page"] = [peer, *command]
        else:
            print(f"({name} is not installed: pip install -e '.[bench]' to compare with it)")
    timings = {name: _median_seconds(command, args.runs) for name, command in commands.items()}
    print(f"start-up, one {page.stat().st_size / 1000:.1f} KB page, median of {args.runs} (min/max):")
    for name, timing in timings.items():
        print(f"  {name:<38}  {_ms(timing)}")
    ours = timings["copylint page"][0]
    for name, timing in timings.items():
        if name != "copylint page":
            print(f"  ratio copylint / {name:<21}  {ours / timing[0]:7.2f}x")

    from linter import load_engine
    from linter.document import Document

    start = time.perf_counter()
    engine = load_engine()
    load_ms = (time.perf_counter() - start) * 1000
    text = build_corpus(args.mb)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    times, count = [], 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(engine.lint(Document.from_text(text)))
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"\nthroughput, {size_mb:.1f} MB of clinic copy, {len(engine.rules)} rules, median of 3:")
    print(f"  load packs (in process, first time)     {load_ms:7.1f} ms")
    print(
        f"  lint                                    {median:7.2f} s  = {size_mb / median:.2f} MB/s  ({count} findings)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "site.txt"
        big.write_text(text, encoding="utf-8")
        cli = _median_seconds([copylint, "--format", "json", str(big)], 3)
    print(f"  copylint CLI on the same file           {cli[0]:7.2f} s  = {size_mb / cli[0]:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
