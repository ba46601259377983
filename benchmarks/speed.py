"""Speed and memory of copylint next to the installed peers (codespell, proselint), on the same inputs.

    python benchmarks/speed.py                    # 1/10/100 MB files, 2,000 pages: several minutes
    python benchmarks/speed.py --quick            # 1/10 MB, 300 pages, fewer runs: a smoke run
    python benchmarks/speed.py --corpus-dir /tmp/copylint-corpus --sizes 1,10 --jobs 2

Inputs (written once per invocation, or kept in --corpus-dir and reused): one 3 KB seed page, a
folder of small clinic pages (.txt and .md, 2-8 KB each), large files of 1, 10 and 100 MB made
from the fixtures, and one of low-claim prose (20 MB, or the largest size if smaller) made from the
real corpus's neutral train and dev sentences (see benchmarks/speed_corpus.py), with its curly
quotes; for the memory target, 100 MB of that prose (--memory-mb, not in --quick). Every command runs
as a child process with a time limit, forked by a small launcher (benchmarks/speed_launch.py, so
that the benchmark's own memory does not show in the child's figures); a run's wall time is from
fork to exit, its peak RSS is that child's own `ru_maxrss` from os.wait4 (with --jobs N, the largest
of the process and its workers). Commands on one input take turns run by run, so a change in
machine load hits them all alike. copylint runs with `--jobs 1` except in the --jobs comparison,
and with `--no-cache`, so every run lints (the patterns it compiles are still cached: that cache is
warm in every run, as on any machine that ran copylint before); two lines measure runs that use the
outcomes an earlier run kept (`linter/results.py`): the page, and the folder of pages, again.
In-process figures split copylint's work into stages through the library. Targets are printed as
PASS/MISS lines next to the figures; nothing is asserted.

Timings are medians on this machine at this moment: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import gc
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    from benchmarks.speed_corpus import MB, SEEDS, Inputs, prepare
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    from speed_corpus import MB, SEEDS, Inputs, prepare

LAUNCHER = Path(__file__).resolve().with_name("speed_launch.py")
PAGE = SEEDS / "000_d78e7ec7c0710755.txt"
PEERS = ("codespell", "proselint")
# Exit codes that mean "ran to the end" (with or without findings); anything else is a failed run.
OK_CODES = {"copylint": {0, 1}, "codespell": {0, 65}, "proselint": {0, 1}, "python": {0}}

# Targets (see the README): what the PASS/MISS lines check.
STARTUP_VS_CODESPELL = 0.85
STARTUP_VS_IMPORTS = 1.5
THROUGHPUT_MB_S = 3.0  # seed copy, default --jobs
PROSE_MB_S = 8.0  # low-claim prose, default --jobs
DETECTOR_PAGE_MS = 15.0  # the learned detector's cost on a one-page run (an on-topic page)
DETECTOR_THROUGHPUT = 0.20  # ... and on whole-file throughput, at most this share
LINEAR_SPREAD = 1.25  # largest / smallest seconds per MB (net of start-up) still counts as one line
ONE_FILE_SPEEDUP = 1.7  # one large file on 2 cores against one
MEMORY_VS_FILE = 4.0  # peak RSS of `--jobs 1` (text report) on a large file, at most this many times its size
MEMORY_PROSE_MB = 100.0  # the file of typographic prose the memory target is taken on (--memory-mb)


# --- running one command ---------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    rss_mb: float
    timed_out: bool = False
    failure: str | None = None


def _tool(name: str) -> str | None:
    """A command installed beside this Python (the project's venv), else on PATH, else None."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def run_once(command: list[str], ok_codes: set[int], time_limit: float, memory_mb: int, cwd: Path | None = None) -> Run:
    """Run `command` once through the launcher; wall time, its own peak RSS, and whether it timed out or failed."""
    with tempfile.NamedTemporaryFile(prefix="copylint-speed-stderr-") as stderr:
        spec = {"command": command, "time_limit": time_limit, "memory_mb": memory_mb, "stderr": stderr.name}
        spec["cwd"] = str(cwd) if cwd else None
        launched = subprocess.run(
            [sys.executable, "-I", "-S", str(LAUNCHER), json.dumps(spec)],
            capture_output=True,
            text=True,
            check=False,
        )
        if launched.returncode != 0:
            raise RuntimeError(f"benchmarks/speed_launch.py failed: {launched.stderr.strip()[-300:]}")
        result = json.loads(launched.stdout)
        failure = None
        if not result["timed_out"] and result["exit"] not in ok_codes:
            lines = Path(stderr.name).read_text(encoding="utf-8", errors="replace").strip().splitlines()
            failure = f"exit {result['exit']}: {lines[-1][:100] if lines else 'no message'}"
    return Run(result["seconds"], result["maxrss_kb"] / 1024, result["timed_out"], failure)


# --- several commands on one input ---------------------------------------------------------------


@dataclass
class Measure:
    """The runs of one command on one input; `note` explains a missing figure."""

    label: str
    tool: str
    runs: list[Run] = field(default_factory=list)
    note: str | None = None  # "not installed", "> 120 s", "failed: ...", "not run: ..."
    timed_out: bool = False
    size_mb: float | None = None  # input size, when it differs from the table's
    stopped: Run | None = None  # the run that went over the time limit (its peak RSS until then)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and self.note is None

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def low(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def high(self) -> float:
        return max(r.seconds for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)


@dataclass
class Settings:
    runs: int
    large_runs: int
    time_limit: float
    memory_mb: int
    cwd: Path | None = None  # the corpus folder: no config file of the caller's folder applies


def measure(
    commands: dict[str, tuple[str, list[str] | None]], runs: int, settings: Settings, warm_up: bool = False
) -> dict[str, Measure]:
    """label -> (tool, command or None when not installed); the commands take turns, run by run.

    A command that goes over the time limit or fails is not run again on this input.
    """
    results = {label: Measure(label, tool) for label, (tool, _) in commands.items()}
    for label, (_, command) in commands.items():
        if command is None:
            results[label].note = "not installed"
    for turn in range(-1 if warm_up else 0, runs):
        for label, (tool, command) in commands.items():
            result = results[label]
            if command is None or result.note is not None:
                continue
            run = run_once(command, OK_CODES[tool], settings.time_limit, settings.memory_mb, settings.cwd)
            if run.timed_out:
                result.note, result.timed_out, result.stopped = f"> {settings.time_limit:g} s", True, run
            elif run.failure:
                result.note = f"failed ({run.failure})"
            elif turn >= 0:
                result.runs.append(run)
            print(".", end="", flush=True)
    print()
    return results


# --- formatting ------------------------------------------------------------------------------------


def fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fmt_measure(m: Measure) -> str:
    if not m.ok:
        return m.note or "-"
    return fmt_seconds(m.median)


def fmt_ratio(ours: Measure, theirs: Measure) -> str:
    """copylint / peer, from medians; a bound when one side went over the time limit."""
    if ours.ok and theirs.ok:
        return f"{ours.median / theirs.median:.2f}x"
    if ours.ok and theirs.timed_out:
        limit = float(theirs.note.split()[1])  # "> 120 s"
        return f"< {ours.median / limit:.2f}x"
    if ours.timed_out and theirs.ok:
        limit = float(ours.note.split()[1])
        return f"> {limit / theirs.median:.2f}x"
    return "-"


def print_table(title: str, results: dict[str, Measure], size_mb: float | None = None) -> None:
    """One line per command; with `size_mb` (or a measure's own `size_mb`), seconds per MB and MB/s too."""
    print(f"\n{title}")
    header = f"  {'command':<44} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}"
    if size_mb:
        header += f" {'s/MB':>8} {'MB/s':>7}"
    print(header)
    for m in results.values():
        if not m.ok:
            print(f"  {m.label:<44} {m.note}")
            continue
        line = f"  {m.label:<44} {fmt_seconds(m.median):>9} {fmt_seconds(m.low):>9} {fmt_seconds(m.high):>9}"
        line += f" {m.rss:>7.0f} MB"
        megabytes = m.size_mb or size_mb
        if megabytes:
            line += f" {m.median / megabytes:>8.3f} {megabytes / m.median:>7.2f}"
        print(line)


def print_ratios(ours: Measure, others: list[Measure]) -> None:
    for other in others:
        print(f"  {f'ratio {ours.label} / {other.label}':<80} {fmt_ratio(ours, other):>9}")


def verdict(passed: bool | None, text: str) -> str:
    status = {True: "PASS", False: "MISS", None: "n/a "}[passed]
    line = f"  {status}  {text}"
    print(line)
    return line


# --- in-process stages -----------------------------------------------------------------------------


STAGES = (
    "load packs, build engine",
    "read/decode (read_document)",
    "match (Engine.lint)",
    "report (text)",
    "report (json)",
)


def stage_times(path: Path, runs: int) -> tuple[dict[str, list[float]], int, int]:
    """Seconds per stage per run for linting `path` (a file or folder) in this process.

    Uses the library's public pieces: load_engine, discover/read_document, Engine.lint, and the
    text and JSON reporters over a LintResult. Inline suppressions and per-file ignores are not
    applied (the CLI applies them between matching and reporting).
    """
    from linter import LintResult, load_engine
    from linter.findings import Finding
    from linter.readers import SkippedFile, discover, read_document, read_text
    from linter.report import json_report, text

    times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    files = findings_count = 0
    for _ in range(runs):
        gc.collect()
        clock = time.perf_counter()
        engine = load_engine()
        engine.lint(read_text("", "warm-up.txt"))  # builds the literal prefilter over every rule
        clock = _lap(times, STAGES[0], clock)
        sources, _, _ = discover([str(path)])
        docs = []
        for source in sources:
            with contextlib.suppress(SkippedFile):
                docs.append(read_document(source))
        clock = _lap(times, STAGES[1], clock)
        per_doc = [(doc, engine.lint(doc)) for doc in docs]
        clock = _lap(times, STAGES[2], clock)
        findings = sorted((f for _, found in per_doc for f in found), key=Finding.sort_key)
        lines = {(f.path, f.line): doc.line_text(f.line) for doc, found in per_doc for f in found}
        result = LintResult(findings=findings, files=len(docs), source_lines=lines, rules=engine.rules)
        text.render(result)
        clock = _lap(times, STAGES[3], clock)
        json_report.render(result)
        _lap(times, STAGES[4], clock)
        files, findings_count = len(docs), len(findings)
        del docs, per_doc, findings, lines, result
    return times, files, findings_count


def _lap(times: dict[str, list[float]], stage: str, since: float) -> float:
    now = time.perf_counter()
    times[stage].append(now - since)
    return now


# --- the benchmark ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="sizes of the large files in MB, comma-separated (default: 1,10,100)")
    parser.add_argument("--files", type=int, help="number of small pages (default: 2000)")
    parser.add_argument("--runs", type=int, help="runs per command on the one-page input (default: 7)")
    parser.add_argument(
        "--large-runs", type=int, help="runs per command on the folder of pages and on each large file (default: 3)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="N for `--jobs N` against `--jobs 1` (default: cores)"
    )
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds one run may take (default: 120)")
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=8192,
        help="MB of address space one command may use, 0: none (default: 8192)",
    )
    parser.add_argument(
        "--memory-mb",
        type=float,
        help="MB of typographic prose for the memory figure, 0: none (default: 100; --quick: 0)",
    )
    parser.add_argument("--corpus-dir", type=Path, help="write the inputs here, or reuse them (default: a temp folder)")
    parser.add_argument("--no-stages", action="store_true", help="skip the in-process stage figures")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: sizes 1,10, 300 pages, 3 runs, 1 large run (options win)"
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({float(s) for s in (args.sizes or ("1,10" if args.quick else "1,10,100")).split(",")})
    except ValueError:
        parser.error(f"--sizes wants numbers separated by commas, not {args.sizes!r}")
    if args.memory_mb is None:
        args.memory_mb = 0.0 if args.quick else MEMORY_PROSE_MB
    if args.memory_mb < 0:
        parser.error("--memory-mb must not be negative")
    args.files = args.files or (300 if args.quick else 2000)
    args.runs = args.runs or (3 if args.quick else 7)
    args.large_runs = args.large_runs or (1 if args.quick else 3)
    if min(args.sizes) <= 0 or args.files < 1 or args.runs < 1 or args.large_runs < 1 or args.jobs < 1:
        parser.error("sizes, --files, --runs, --large-runs and --jobs must be positive")
    if args.time_limit <= 0:
        parser.error("--time-limit must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings(args.runs, args.large_runs, args.time_limit, args.memory_limit)
    started = time.perf_counter()
    copylint = _tool("copylint")
    if copylint is None:
        print("copylint is not installed beside this Python: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    peers = {name: _tool(name) for name in PEERS}
    for name, path in peers.items():
        if path is None:
            print(f"({name} is not installed: pip install -e '.[bench]' to compare with it)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, copylint {copylint}")
    _compile_bytecode()
    print(f"runs: {args.runs} on one page, {args.large_runs} on the pages and large files; ", end="")
    print(f"time limit {args.time_limit:g} s per run, memory limit {args.memory_limit} MB per command")

    if args.corpus_dir is not None:
        inputs = prepare(args.corpus_dir, args.sizes, args.files, memory_mb=args.memory_mb)
        return _benchmark(args, settings, inputs, copylint, peers, started)
    with tempfile.TemporaryDirectory(prefix="copylint-speed-") as folder:
        inputs = prepare(Path(folder), args.sizes, args.files, memory_mb=args.memory_mb)
        return _benchmark(args, settings, inputs, copylint, peers, started)


def _compile_bytecode() -> None:
    """Write copylint's bytecode first, as pip does when it installs a wheel: where
    PYTHONDONTWRITEBYTECODE is set, every run would otherwise compile each module edited since its
    bytecode was last written, and start-up would measure the compiler."""
    import linter

    compileall.compile_dir(Path(linter.__file__).parent, quiet=1)


def _benchmark(
    args: argparse.Namespace,
    settings: Settings,
    inputs: Inputs,
    copylint: str,
    peers: dict[str, str | None],
    started: float,
) -> int:
    # proselint stops checking a file after max_errors results (1000 by default), which on the large
    # files would skip most of the text: raise it so every tool reads every input to the end.
    proselint_config = inputs.folder / "proselint.json"
    proselint_config.write_text('{"max_errors": 1000000000}\n', encoding="utf-8")
    print(f"proselint runs with --config {proselint_config} (max_errors raised from its default of 1000)")

    def peer_commands(target: Path, name: str) -> dict[str, tuple[str, list[str] | None]]:
        codespell, proselint = peers["codespell"], peers["proselint"]
        proselint_command = [proselint, "check", "--config", str(proselint_config), str(target)] if proselint else None
        return {
            f"codespell {name}": ("codespell", [codespell, str(target)] if codespell else None),
            f"proselint check {name}": ("proselint", proselint_command),
        }

    settings.cwd = inputs.folder
    rows: list[tuple[str, dict[str, Measure]]] = []  # for the Markdown table
    lint = [copylint, "--no-cache"]  # every run lints (see the module's docstring)

    # One page: start-up.
    page_kb = PAGE.stat().st_size / 1000
    startup = measure(
        {
            "copylint page": ("copylint", [*lint, str(PAGE)]),
            "copylint --ignore learned page": ("copylint", [*lint, "--ignore", "learned", str(PAGE)]),
            "copylint page, outcome kept": ("copylint", [copylint, str(PAGE)]),  # kept by the warm-up
            **peer_commands(PAGE, "page"),
            'python -c "import click, regex"': ("python", [sys.executable, "-c", "import click, regex"]),
            'python -c "import linter.cli"': ("python", [sys.executable, "-c", "import linter.cli"]),
        },
        args.runs,
        settings,
        warm_up=True,
    )
    print_table(f"one {page_kb:.1f} KB page ({PAGE.name}), {plural(args.runs, 'run')} after one warm-up", startup)
    ours = startup["copylint page"]
    print_ratios(ours, [m for label, m in startup.items() if label != "copylint page"])
    rows.append((f"one {page_kb:.0f} KB page", startup))

    # Small pages: one process over the folder, then --jobs N against --jobs 1.
    pages_mb = inputs.pages_bytes / MB
    pages_label = f"{inputs.page_count:,} pages"
    # The first half of the pages against all of them: what grows with the run. The second half meets
    # rules the first did not, whose patterns a run loads (a few MB: bounded by the packs, not the run).
    half = sorted(inputs.pages.iterdir())[: max(1, inputs.page_count // 2)]
    half_label = f"copylint --jobs 1 <first {len(half)} pages>"
    # One untimed run over all the pages, so that no timed run compiles a pattern (and saves it in
    # the cache, which costs memory as well as time); it keeps each page's outcome for the run again.
    run_once(
        [copylint, "--jobs", "1", str(inputs.pages)],
        OK_CODES["copylint"],
        args.time_limit,
        args.memory_limit,
        settings.cwd,
    )
    pages = measure(
        {
            "copylint --jobs 1 pages/": ("copylint", [*lint, "--jobs", "1", str(inputs.pages)]),
            half_label: ("copylint", [*lint, "--jobs", "1", *map(str, half)]),
            f"copylint --jobs {args.jobs} pages/": (
                "copylint",
                [*lint, "--jobs", str(args.jobs), str(inputs.pages)],
            ),
            f"copylint --jobs {args.jobs} pages/, outcomes kept": (
                "copylint",
                [copylint, "--jobs", str(args.jobs), str(inputs.pages)],
            ),
            **peer_commands(inputs.pages, "pages/"),
        },
        args.large_runs,
        settings,
    )
    half_mb = sum(p.stat().st_size for p in half) / MB
    pages[half_label].size_mb = half_mb
    print_table(
        f"{pages_label} (.txt and .md, {pages_mb:.1f} MB in all, largest {inputs.largest_page_bytes / 1000:.1f} KB), "
        + plural(args.large_runs, "run"),
        pages,
        pages_mb,
    )
    pages_ours = pages["copylint --jobs 1 pages/"]
    pages_parallel = pages[f"copylint --jobs {args.jobs} pages/"]
    print_ratios(pages_ours, [m for m in pages.values() if m.tool != "copylint"])
    print(f"  {f'speed-up of --jobs {args.jobs} over --jobs 1':<80} {fmt_ratio(pages_ours, pages_parallel):>9}")
    kept = pages[f"copylint --jobs {args.jobs} pages/, outcomes kept"]
    print(f"  {'speed-up of a run again, outcomes kept (--jobs N both)':<80} {fmt_ratio(pages_parallel, kept):>9}")
    rows.append((f"{pages_label}, {pages_mb:.1f} MB", pages))

    # Large files, smallest first; a command over the time limit on one size is not run on larger ones.
    # One untimed run on the smallest first, so that no timed run compiles a pattern the pages never met.
    run_once(
        [*lint, "--jobs", "1", str(min(inputs.large.items())[1])],
        OK_CODES["copylint"],
        args.time_limit,
        args.memory_limit,
        settings.cwd,
    )
    large: dict[float, dict[str, Measure]] = {}
    over_limit: dict[str, float] = {}
    for size, path in inputs.large.items():
        size_mb = path.stat().st_size / MB
        commands = {f"copylint --jobs 1 {path.name}": ("copylint", [*lint, "--jobs", "1", str(path)])}
        if not large:  # the smallest file: what the learned detector costs on whole files
            commands[f"copylint --jobs 1 --ignore learned {path.name}"] = (
                "copylint",
                [*lint, "--jobs", "1", "--ignore", "learned", str(path)],
            )
        if args.jobs > 1:  # one file on every core: a megabyte batch of sentences per process
            parallel_label = f"copylint --jobs {args.jobs} {path.name}"
            commands[parallel_label] = ("copylint", [*lint, "--jobs", str(args.jobs), str(path)])
        commands.update(peer_commands(path, path.name))
        skipped = {label: tool for label, (tool, _) in commands.items() if tool in over_limit}
        results = measure(
            {label: spec for label, spec in commands.items() if label not in skipped}, args.large_runs, settings
        )
        for label, tool in skipped.items():
            results[label] = Measure(
                label, tool, note=f"> {args.time_limit:g} s (not run: over the limit at {over_limit[tool]:g} MB)"
            )
            results[label].timed_out = True
        for m in results.values():
            if m.timed_out and m.tool not in over_limit:
                over_limit[m.tool] = size
        results = {label: results[label] for label in commands}
        print_table(f"one {size_mb:.1f} MB file ({path.name}), {plural(args.large_runs, 'run')}", results, size_mb)
        print_ratios(results[f"copylint --jobs 1 {path.name}"], [m for m in results.values() if m.tool != "copylint"])
        large[size] = results
        rows.append((f"one {size:g} MB file", results))

    # Low-claim prose: most of a large site is not claims, and most sentences reach few rules.
    prose_mb = inputs.prose.stat().st_size / MB
    prose_commands = {f"copylint --jobs 1 {inputs.prose.name}": ("copylint", [*lint, "--jobs", "1", str(inputs.prose)])}
    if args.jobs > 1:
        prose_commands[f"copylint --jobs {args.jobs} {inputs.prose.name}"] = (
            "copylint",
            [*lint, "--jobs", str(args.jobs), str(inputs.prose)],
        )
    prose = measure({**prose_commands, **peer_commands(inputs.prose, inputs.prose.name)}, args.large_runs, settings)
    print_table(
        f"one {prose_mb:.1f} MB file of low-claim prose ({inputs.prose.name}), {plural(args.large_runs, 'run')}",
        prose,
        prose_mb,
    )
    print_ratios(next(iter(prose.values())), [m for m in prose.values() if m.tool != "copylint"])
    rows.append((f"one {prose_mb:g} MB file of low-claim prose", prose))

    # Memory near the file: one run, text report, on a file large enough that the interpreter and
    # the compiled rules are a small share of it.
    memory = None
    if inputs.memory is not None:
        label = f"copylint --jobs 1 {inputs.memory.name}"
        memory = measure({label: ("copylint", [*lint, "--jobs", "1", str(inputs.memory)])}, 1, settings)[label]
        memory_mb = inputs.memory.stat().st_size / MB
        print_table(
            f"one {memory_mb:.1f} MB file of typographic prose, for its peak memory", {label: memory}, memory_mb
        )

    print("\npeak RSS of every copylint run (MB, per child process):")
    print(f"  {'copylint page':<44} {_rss_list(ours)}")
    for m in pages.values():
        if m.tool == "copylint":
            print(f"  {m.label:<44} {_rss_list(m)}")
    for results in large.values():
        m = next(m for m in results.values() if m.tool == "copylint")
        print(f"  {m.label:<44} {_rss_list(m)}")
    print("peak RSS / file size (largest run; net: above the one-page run's, the interpreter and the rules):")
    for size, results in large.items():
        for m in results.values():
            if m.tool == "copylint" and m.ok:
                print(f"  {m.label:<44} {_memory_ratio(m, inputs.large[size], ours)}")

    if not args.no_stages:
        _print_stages(inputs, large, pages_ours, settings)

    print("\ntargets (checked here, not asserted):")
    targets = _targets(args, inputs, startup, pages, (pages[half_label], half_mb), large, prose, memory)

    elapsed = time.perf_counter() - started
    print(f"\ntotal run time {elapsed / 60:.1f} min")
    print(f"\nMarkdown (medians of the runs above, {os.cpu_count()} cores):\n")
    print(_markdown(rows, targets))
    return 0


def _memory_ratio(m: Measure, path: Path, page: Measure) -> str:
    """`m`'s peak RSS as a multiple of the file's size, whole and net of a one-page run's."""
    size = path.stat().st_size / 2**20  # in MiB, as the RSS figures
    ratio = f"{m.rss / size:.2f}x"
    return f"{ratio} (net {(m.rss - page.rss) / size:.2f}x)" if page.ok else ratio


def _rss_list(m: Measure) -> str:
    figures = [f"{r.rss_mb:.0f}" for r in m.runs]
    if m.stopped:
        figures.append(f"{m.stopped.rss_mb:.0f} when stopped at the time limit")
    elif m.note:
        figures.append(f"({m.note})")
    return " ".join(figures)


def _print_stages(
    inputs: Inputs, large: dict[float, dict[str, Measure]], pages_cli: Measure, settings: Settings
) -> None:
    size = min(inputs.large, key=lambda s: abs(s - 10.0))
    targets = [(f"{size:g} MB file", inputs.large[size], settings.large_runs)]
    targets.append((f"{inputs.page_count:,} pages", inputs.pages, settings.large_runs))
    cli = [next(m for m in large[size].values() if m.tool == "copylint"), pages_cli]
    print("\ncopylint stages, in process (one core), median of the runs (min-max):")
    columns = []
    for label, path, runs in targets:
        print(f"  ({label}: ", end="", flush=True)
        times, files, findings = stage_times(path, runs)
        print(f"{plural(runs, 'run')}, {plural(files, 'file')}, {plural(findings, 'finding')})")
        columns.append(times)
    print(f"  {'stage':<32}" + "".join(f" {label:>26}" for label, _, _ in targets))
    for stage in STAGES:
        cells = []
        for times in columns:
            values = times[stage]
            cells.append(
                f"{fmt_seconds(statistics.median(values))} ({fmt_seconds(min(values))}-{fmt_seconds(max(values))})"
            )
        print(f"  {stage:<32}" + "".join(f" {cell:>26}" for cell in cells))
    sums = [sum(statistics.median(times[stage]) for stage in STAGES[:4]) for times in columns]
    print(f"  {'sum (without json)':<32}" + "".join(f" {fmt_seconds(s):>26}" for s in sums))
    print(f"  {'CLI wall time, --jobs 1':<32}" + "".join(f" {fmt_measure(m):>26}" for m in cli))


def _targets(
    args: argparse.Namespace,
    inputs: Inputs,
    startup: dict[str, Measure],
    pages: dict[str, Measure],
    half: tuple[Measure, float],
    large: dict[float, dict[str, Measure]],
    prose: dict[str, Measure],
    memory: Measure | None,
) -> list[tuple[str, str, str]]:
    """Print the PASS/MISS lines; returns (target, measured, status) rows for the Markdown table."""
    rows: list[tuple[str, str, str]] = []

    def add(passed: bool | None, target: str, measured: str) -> None:
        verdict(passed, f"{target}: {measured}")
        rows.append((target, measured, {True: "PASS", False: "MISS", None: "n/a"}[passed]))

    ours = startup["copylint page"]
    for theirs, limit, name in (
        (startup["codespell page"], STARTUP_VS_CODESPELL, "`codespell page`"),
        (startup['python -c "import click, regex"'], STARTUP_VS_IMPORTS, 'bare `python -c "import click, regex"`'),
    ):
        target = f"start-up, `copylint page` <= {limit}x {name}"
        if ours.ok and theirs.ok:
            by_median, by_min = ours.median / theirs.median, ours.low / theirs.low
            passed: bool | None = by_median <= limit
            measured = f"{by_median:.2f}x (of minimums: {by_min:.2f}x)"
            if (by_min <= limit) != passed:
                passed, measured = None, measured + ", noisy: medians and minimums disagree"
            add(passed, target, measured)
        else:
            add(None, target, theirs.note or ours.note or "-")

    cli = {size: next(m for m in results.values() if m.tool == "copylint") for size, results in large.items()}
    one_file_jobs = {
        size: results[label]
        for size, results in large.items()
        if (label := f"copylint --jobs {args.jobs} {inputs.large[size].name}") in results
    }
    size_mb = {size: inputs.large[size].stat().st_size / MB for size in large}
    biggest = max(cli)
    default_jobs = one_file_jobs.get(biggest, cli[biggest])
    target = f"throughput >= {THROUGHPUT_MB_S:g} MB/s of seed copy, --jobs {args.jobs}, all packs ({biggest:g} MB file)"
    add(*_throughput(default_jobs, size_mb[biggest], THROUGHPUT_MB_S, args.time_limit, target))
    prose_mb = inputs.prose.stat().st_size / MB
    prose_run = prose.get(f"copylint --jobs {args.jobs} {inputs.prose.name}") or next(iter(prose.values()))
    target = (
        f"throughput >= {PROSE_MB_S:g} MB/s of low-claim prose, --jobs {args.jobs}, all packs ({prose_mb:.0f} MB file)"
    )
    add(*_throughput(prose_run, prose_mb, PROSE_MB_S, args.time_limit, target))

    without = startup["copylint --ignore learned page"]
    target = f"the learned detector adds <= {DETECTOR_PAGE_MS:g} ms to a one-page run"
    if ours.ok and without.ok:
        added_ms = (ours.median - without.median) * 1000
        add(
            added_ms <= DETECTOR_PAGE_MS,
            target,
            f"{added_ms:+.0f} ms (minimums: {(ours.low - without.low) * 1000:+.0f} ms)",
        )
    else:
        add(None, target, ours.note or without.note or "-")
    smallest = min(large)
    plain = large[smallest].get(f"copylint --jobs 1 --ignore learned {inputs.large[smallest].name}")
    target = (
        f"the learned detector adds <= {DETECTOR_THROUGHPUT:.0%} to whole-file time ({smallest:g} MB file, --jobs 1)"
    )
    if plain is not None and plain.ok and cli[smallest].ok:
        add(
            cli[smallest].median <= plain.median * (1 + DETECTOR_THROUGHPUT),
            target,
            f"{cli[smallest].median / plain.median - 1:+.0%}",
        )
    else:
        add(None, target, (plain.note if plain is not None else None) or cli[smallest].note or "-")

    base = ours.median if ours.ok else 0.0
    measured = {size: m for size, m in cli.items() if m.ok}
    raw = ", ".join(
        f"{size:g} MB: {m.median / size_mb[size]:.3f}" if m.ok else f"{size:g} MB: {m.note}" for size, m in cli.items()
    )
    net = {size: (m.median - base) / size_mb[size] for size, m in measured.items()}
    target = f"linear in size: s/MB net of start-up within {LINEAR_SPREAD}x across sizes"
    print(f"        seconds per MB (wall): {raw}")
    print("        seconds per MB net of one-page start-up: " + ", ".join(f"{s:g} MB: {v:.3f}" for s, v in net.items()))
    if len(net) >= 2 and min(net.values()) > 0:
        spread = max(net.values()) / min(net.values())
        unmeasured = [f"{s:g}" for s in cli if s not in measured]
        measured_text = f"spread {spread:.2f}x over {', '.join(f'{s:g}' for s in net)} MB"
        if unmeasured:
            measured_text += f" ({', '.join(unmeasured)} MB over the time limit)"
        passed = spread <= LINEAR_SPREAD
        if unmeasured and passed:
            passed = None  # the measured sizes agree, but not every size was measured
        add(passed, target, measured_text)
    else:
        add(None, target, "fewer than two sizes measured")

    # Memory: holding every document would grow the peak RSS by several times the input added (text,
    # lintable copy, sentence offsets); reading one file at a time grows it only by the findings kept.
    many, (few, few_mb) = pages["copylint --jobs 1 pages/"], half
    added_mb = inputs.pages_bytes / MB - few_mb
    target = "memory bounded by the largest file: peak RSS growth, first half of the pages -> all, <= input added"
    if many.ok and few.ok:
        extra = many.rss - few.rss
        add(
            extra <= added_mb,
            target,
            f"{few.rss:.1f} -> {many.rss:.1f} MB: {extra:+.1f} MB for {added_mb:+.1f} MB of pages "
            f"(largest {inputs.largest_page_bytes / 1000:.1f} KB)",
        )
    else:
        add(None, target, many.note or few.note or "-")
    sizes = list(measured)
    slopes = [
        f"{a:g}->{b:g} MB: {(measured[b].rss - measured[a].rss) / (size_mb[b] - size_mb[a]):.1f}"
        for a, b in itertools.pairwise(sizes)
    ]
    print(f"        large files, peak RSS added per MB of file: {', '.join(slopes) or '-'}")

    target = f"peak RSS <= {MEMORY_VS_FILE:g}x the file, --jobs 1, text report ({biggest:g} MB file)"
    if cli[biggest].ok:
        ratio = cli[biggest].rss * 2**20 / inputs.large[biggest].stat().st_size
        add(ratio <= MEMORY_VS_FILE, target, f"{ratio:.2f}x ({cli[biggest].rss:.0f} MB)")
    else:
        add(None, target, cli[biggest].note or "-")

    if inputs.memory is not None and memory is not None:
        target = (
            f"peak RSS <= {MEMORY_VS_FILE:g}x the file, --jobs 1, text report ({inputs.memory.name}, typographic prose)"
        )
        if memory.ok:
            ratio = memory.rss * 2**20 / inputs.memory.stat().st_size
            add(ratio <= MEMORY_VS_FILE, target, f"{ratio:.2f}x ({memory.rss:.0f} MB)")
        else:
            add(None, target, memory.note or "-")

    biggest_parallel = one_file_jobs.get(biggest)
    target = f"one {biggest:g} MB file, --jobs {args.jobs} >= {ONE_FILE_SPEEDUP}x --jobs 1"
    if biggest_parallel is not None and biggest_parallel.ok and cli[biggest].ok:
        speedup = cli[biggest].median / biggest_parallel.median
        add(speedup >= ONE_FILE_SPEEDUP, target, f"{speedup:.2f}x")
    else:
        add(None, target, "--jobs 1 only" if biggest_parallel is None else biggest_parallel.note or "-")

    parallel = pages[f"copylint --jobs {args.jobs} pages/"]
    target = f"--jobs {args.jobs} faster than --jobs 1 on {inputs.page_count:,} pages"
    if many.ok and parallel.ok:
        speedup = many.median / parallel.median
        add(speedup > 1.0, target, f"{speedup:.2f}x ({fmt_seconds(many.median)} -> {fmt_seconds(parallel.median)})")
    else:
        add(None, target, parallel.note or many.note or "-")
    return rows


def _throughput(
    m: Measure, size_mb: float, floor: float, time_limit: float, target: str
) -> tuple[bool | None, str, str]:
    """A throughput target's verdict, the target and what was measured."""
    if m.ok:
        rate = size_mb / m.median
        return rate >= floor, target, f"{rate:.2f} MB/s"
    if m.timed_out:
        return False, target, f"< {size_mb / time_limit:.2f} MB/s (over the time limit)"
    return None, target, m.note or "-"


def _markdown(rows: list[tuple[str, dict[str, Measure]]], targets: list[tuple[str, str, str]]) -> str:
    lines = [
        "| input | copylint | codespell | proselint | copylint / codespell | copylint / proselint "
        "| copylint peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, results in rows:
        ours = next(m for m in results.values() if m.tool == "copylint")
        codespell = next(m for m in results.values() if m.tool == "codespell")
        proselint = next(m for m in results.values() if m.tool == "proselint")
        rss = f"{ours.rss:.0f} MB" if ours.ok else "-"
        cells = [fmt_measure(m).split(" (")[0] for m in (ours, codespell, proselint)]  # no "(not run: ...)"
        lines.append(
            f"| {label} | {cells[0]} | {cells[1]} | {cells[2]} "
            f"| {fmt_ratio(ours, codespell)} | {fmt_ratio(ours, proselint)} | {rss} |"
        )
    lines += ["", "| target | measured | |", "| --- | --- | --- |"]
    lines += [f"| {target} | {measured} | {status} |" for target, measured, status in targets]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
