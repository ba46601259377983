"""The time a lint cannot lose by reshaping the Python around its searches: the searches themselves.

    python benchmarks/floor.py FILE [FILE ...] [--runs 3] [--cores 2] [--top N]
    python benchmarks/floor.py --page PAGE [--runs 15]

Each file is linted in this process while every call to a compiled pattern is recorded: the rules'
terms and `unless`, the context checks (negation, reported speech, research), suggestions. All of
them come through the pattern cache (`PatternCache.pattern`). The same calls are then made again
on their own in a tight loop, with the same arguments and the same ReDoS `timeout=`, and a
`finditer` advanced as far as the engine advanced it. That is the time the `regex` module needs
for the searches that decide the findings. The learned detector's scoring of the same sentences is
replayed the same way, and reading and splitting the text is timed as the CLI does it.

Together, divided among `--cores`, these give a ceiling on throughput that no rearranging of
the rule loop can pass while the rules, the context checks and the detector stay as they are. A
target above the ceiling needs fewer or cheaper searches: other rules or another matcher, not a
faster loop. Medians of `--runs` replays; compare the shares, since seconds vary with the machine.

`--page` does the same for start-up, in fresh processes taking turns: the bare imports the command
cannot do without (`python -c "import click, regex"`), and the work after `import linter.cli` on
the page (opening the signed cache, building the engine, linting), which the patterns the page's
rules need, the detector and the searches make up; their sum against `codespell` on the same page.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1_000_000
_RECORDED_METHODS = ("search", "match", "fullmatch", "finditer", "sub", "split")


@dataclass
class _Call:
    """One call to a compiled pattern; for `finditer`, how many matches the caller took."""

    pattern: Any
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    taken: int = 0
    exhausted: bool = False


class _Recording:
    """A compiled pattern that notes each call before making it."""

    def __init__(self, pattern: Any, calls: list[_Call]) -> None:
        self._pattern, self._calls = pattern, calls

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._pattern, name)
        if name not in _RECORDED_METHODS:
            return found
        if name == "finditer":
            return self._finditer

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self._calls.append(_Call(self._pattern, name, args, kwargs))
            return found(*args, **kwargs)

        return recorded

    def _finditer(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        call = _Call(self._pattern, "finditer", args, kwargs)
        self._calls.append(call)
        for match in self._pattern.finditer(*args, **kwargs):
            call.taken += 1
            yield match
        call.exhausted = True


def costliest(calls: list[_Call], count: int) -> list[tuple[float, int, str]]:
    """The patterns whose calls took longest in one replay: (seconds, calls, the start of the pattern)."""
    seconds: dict[int, float] = {}
    made: dict[int, int] = {}
    for call in calls:
        key = id(call.pattern)
        seconds[key] = seconds.get(key, 0.0) + _replay([call])
        made[key] = made.get(key, 0) + 1
    sources = {id(call.pattern): call.pattern.pattern for call in calls}
    ranked = sorted(seconds, key=seconds.__getitem__, reverse=True)[:count]
    return [(seconds[key], made[key], " ".join(sources[key].split())[:90]) for key in ranked]


def _replay(calls: list[_Call], budget: bool = True) -> float:
    """Seconds to make `calls` again, nothing else (without `budget`, with no `timeout=`)."""
    prepared = [(c, c.kwargs if budget else {k: v for k, v in c.kwargs.items() if k != "timeout"}) for c in calls]
    started = time.perf_counter()
    for call, kwargs in prepared:
        if call.method == "finditer":
            matches = call.pattern.finditer(*call.args, **kwargs)
            for _ in range(call.taken + call.exhausted):
                next(matches, None)
        else:
            getattr(call.pattern, call.method)(*call.args, **kwargs)
    return time.perf_counter() - started


@dataclass
class Floor:
    """Seconds per run of each part, for one file."""

    size: int
    lint: list[float]
    read: list[float]
    searches: list[float]
    unbudgeted: list[float]
    scoring: list[float]
    costliest: list[tuple[float, int, str]]
    calls: int
    sentences: int
    findings: int


def measure(path: Path, runs: int, top: int = 0) -> Floor:
    """Lint `path` once recorded (after a warm-up that loads every pattern the file needs), then time
    each part `runs` times."""
    import linter.cache
    import linter.engine.run as engine_run
    from linter import load_engine

    text = path.read_text(encoding="utf-8")
    engine = load_engine()
    engine.lint(_prepared(text, path.name))  # patterns loaded and settled: the replays time matching only
    calls: list[_Call] = []
    scored: list[str] = []
    recordings: dict[int, _Recording] = {}
    real_pattern, real_features = linter.cache.PatternCache.pattern, engine_run.features

    def recorded_pattern(cache: Any, source: str, flags: int) -> Any:
        compiled = real_pattern(cache, source, flags)
        return recordings.setdefault(id(compiled), _Recording(compiled, calls))

    def recorded_features(sentence: str) -> set[str]:
        scored.append(sentence)
        return real_features(sentence)

    linter.cache.PatternCache.pattern = recorded_pattern  # type: ignore[method-assign]
    engine_run.features = recorded_features
    try:
        recording_engine = load_engine()  # a new engine: its patterns come through the recording cache
        _reset_module_patterns()
        document = _prepared(text, path.name)
        findings = recording_engine.lint(document)
    finally:
        linter.cache.PatternCache.pattern = real_pattern  # type: ignore[method-assign]
        engine_run.features = real_features
        _reset_module_patterns()
    floor = Floor(
        len(text.encode("utf-8")), [], [], [], [], [], costliest(calls, top), len(calls), len(scored), len(findings)
    )
    models = [engine.model(path) for path in sorted({rule.model.path for rule in engine.rules if rule.model})]
    for _ in range(runs):
        floor.read.append(_timed(lambda: _prepared(text, path.name)))
        prepared = _prepared(text, path.name)
        floor.lint.append(_timed(lambda document=prepared: engine.lint(document)))
        floor.searches.append(_replay(calls))
        floor.unbudgeted.append(_replay(calls, budget=False))
        floor.scoring.append(_timed(lambda: [model.scores(engine_run.features(s)) for model in models for s in scored]))
    return floor


def _reset_module_patterns() -> None:
    """Forget what the package's module-level patterns (the context checks', say) compiled, so that
    they are fetched from the cache again: through the recording one, or back to the real ones."""
    from linter.cache import LazyPattern

    for name, module in list(sys.modules.items()):
        if name.startswith("linter."):
            for value in vars(module).values():
                if isinstance(value, LazyPattern):
                    source, flags = value.source, value.flags
                    value.__dict__.clear()
                    value.__init__(source, flags)


def _prepared(text: str, name: str) -> Any:
    """The document the CLI would lint, read and split (the engine splits on first use otherwise)."""
    from linter.readers import read_text

    document = read_text(text, name)
    _ = document.sentences, document.batches, document.lead_ins
    return document


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def report(path: Path, floor: Floor, cores: int) -> str:
    per_mb = MB / floor.size

    def line(label: str, seconds: list[float], note: str = "") -> str:
        value = statistics.median(seconds) * per_mb
        return f"  {label:<46} {value:7.3f} s/MB{note}"

    lint = statistics.median(floor.lint)
    parts = [statistics.median(p) for p in (floor.read, floor.searches, floor.scoring)]
    floor_mb = sum(parts) * per_mb
    share = statistics.median(floor.searches) / lint
    costly = [
        f"    {seconds * per_mb:6.3f} s/MB {made:7,} calls  {source}" for seconds, made, source in floor.costliest
    ]
    return "\n".join(
        [
            f"{path.name} ({floor.size / MB:.2f} MB, {floor.findings:,} findings), {len(floor.lint)} runs, medians:",
            line("lint (Engine.lint, one core)", floor.lint),
            line("read and split (read_text, sentences)", floor.read),
            line(f"regex calls alone, replayed ({floor.calls:,})", floor.searches, f"  ({share:.0%} of the lint)"),
            line("the same without their timeout=", floor.unbudgeted),
            line(f"detector scoring alone ({floor.sentences:,} sentences)", floor.scoring),
            f"  {'floor: read + regex calls + scoring':<46} {floor_mb:7.3f} s/MB"
            f"  -> at most {cores / floor_mb:.2f} MB/s on {cores} cores"
            f" (the lint as it is: {cores / ((lint + parts[0]) * per_mb):.2f} MB/s with perfect scaling)",
            *(["  the costliest patterns, replayed one call at a time:", *costly] if costly else []),
        ]
    )


# Run in a fresh process: the page's work after the imports, by phase (milliseconds, as JSON).
_PAGE_PHASES = """
import json, sys, time
started = time.perf_counter()
import linter.cli
from linter.cache import shared_cache
from linter.api import load_engine
from linter.readers import read_text
imported = time.perf_counter()
shared_cache()
opened = time.perf_counter()
engine = load_engine()
built = time.perf_counter()
document = read_text(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
engine.lint(document)
linted = time.perf_counter()
print(json.dumps({"import linter.cli": imported - started, "open the cache": opened - imported,
    "build the engine": built - opened, "read and lint": linted - built,
    "of which patterns": engine.load_time.seconds}))
"""


def page_floor(page: Path, runs: int) -> str:
    """Start-up on one page, in fresh processes taking turns run by run (see the module's docstring)."""
    beside = Path(sys.executable).parent
    commands = {
        "python -c 'import click, regex'": [sys.executable, "-c", "import click, regex"],
        "phases after the imports": [sys.executable, "-c", _PAGE_PHASES, str(page)],
        "copylint --no-cache PAGE": [str(beside / "copylint"), "--no-cache", str(page)],
    }
    codespell = beside / "codespell" if (beside / "codespell").exists() else shutil.which("codespell")
    if codespell:
        commands["codespell PAGE"] = [str(codespell), str(page)]
    walls: dict[str, list[float]] = {name: [] for name in commands}
    phases: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            walls[name].append(time.perf_counter() - started)
            if name == "phases after the imports":
                if done.returncode != 0:
                    raise SystemExit(f"floor: the start-up phases failed: {done.stderr.strip().splitlines()[-1:]}")
                for phase, seconds in json.loads(done.stdout).items():
                    phases.setdefault(phase, []).append(seconds)
    ms = {name: statistics.median(values) * 1000 for name, values in [*walls.items(), *phases.items()]}
    after = sum(ms[phase] for phase in ("open the cache", "build the engine", "read and lint"))
    floor = ms["python -c 'import click, regex'"] + after
    lines = [f"{page.name}: start-up, {runs} runs in fresh processes, medians:"]
    lines += [f"  {name:<40} {value:7.1f} ms" for name, value in ms.items()]
    lines.append(f"  {'floor: bare imports + work after them':<40} {floor:7.1f} ms")
    if codespell:
        theirs = ms["codespell PAGE"]
        ours = ms["copylint --no-cache PAGE"]
        lines.append(f"  floor / codespell {floor / theirs:.2f}x; copylint / codespell {ours / theirs:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--page", type=Path, help="also measure start-up on this page (in fresh processes)")
    parser.add_argument("--runs", type=int, help="timed runs of each part (default: 3, or 15 with --page)")
    parser.add_argument("--cores", type=int, default=2, help="cores the ceiling divides the work among (default: 2)")
    parser.add_argument("--top", type=int, default=0, help="also list the N patterns whose calls cost most")
    args = parser.parse_args(argv)
    if args.page is not None:
        print(page_floor(args.page, args.runs or 15), flush=True)
    for path in args.files:
        print(report(path, measure(path, args.runs or 3, args.top), args.cores), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
