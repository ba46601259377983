"""The `copylint` command. Thin: parse options, call the library, pick a reporter, set the exit code.

Exit codes follow ruff: 0 no finding at or above --fail-on, 1 findings, 2 usage, config,
rule-pack or I/O error (one line on stderr; a bug's traceback only with --debug). Three modes share
the options that choose rules: checking files (the default), describing rules (--list-rules,
--explain) and testing packs (--test-rules); each is a function below.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, redirect_stdout, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .api import lint_paths, load_engine, result_store
from .cache import digest_of, shared_cache
from .config import Config, find_config, load_config
from .display import shown
from .engine import DEFAULT_TIMEOUT, Engine
from .engine.learned import load_model
from .errors import CopylintError
from .filters.baseline import Baseline, read_baseline, write_baseline
from .findings import Finding, LintResult
from .packs.load import load_packs
from .packs.model import SEVERITIES, ModelMatch, Rule
from .packs.select import UnknownSelector, did_you_mean
from .packs.vocab import UndefinedVocabulary
from .parallel import INTERRUPTED, default_jobs
from .progress import progress_line
from .readers import STDIN
from .report import COLORED, FORMATS, STREAMED, VIEWED, piece_reporter, plural, streamed_reporter

if TYPE_CHECKING:
    from .fix import FixPlan
    from .results import ResultStore

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
WRITE_CHARS = 1 << 16  # a report is written in pieces of about this many characters


@dataclass(frozen=True)
class RuleChoice:
    """Which rules run: packs, selectors and the time budget (command line over config)."""

    rule_paths: tuple[str, ...]
    no_builtin: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    regex_timeout: float
    min_severity: str | None

    def engine(self, config: Config) -> Engine:
        try:
            engine = load_engine(
                [*config.rules, *self.rule_paths],
                builtin=not self.no_builtin,
                select=_split(self.select) or config.select,
                ignore=_split(self.ignore) or config.ignore,
                severity=config.severity,
                extra_vocab=config.vocab,
                timeout=self.regex_timeout,
                research_documents=config.research_documents == "lint",
            )
        except UnknownSelector as exc:
            on_command_line = {"select": self.select, "ignore": self.ignore}.get(exc.setting, ())
            if config.path is None or _split(on_command_line):  # (the command line's list replaces the config's)
                raise
            raise CopylintError(f"{exc.setting}: {exc}", str(config.path), _config_line(config, exc)) from None
        except UndefinedVocabulary as exc:
            raise _in_config(exc, config) from None
        if self.min_severity is None:
            return engine
        # a rule whose findings would not be shown is not run (severities as overridden by config)
        lowest = SEVERITIES.index(self.min_severity)
        shown_rules = [r for r in engine.rules if SEVERITIES.index(r.severity) >= lowest]
        fingerprint = None if engine.fingerprint is None else digest_of(engine.fingerprint, self.min_severity)
        return Engine(
            shown_rules,
            timeout=self.regex_timeout,
            fingerprint=fingerprint,
            research_documents=engine.research_documents,
        )


@dataclass(frozen=True)
class ReportChoice:
    """How a check is reported and what exit code it earns."""

    output_format: str | None
    statistics: bool
    fail_on: str | None
    exit_zero: bool
    baseline_path: Path | None
    write_baseline_path: Path | None
    jobs: int
    quiet: bool
    color: str
    stdin_filename: str | None
    fix: bool
    unsafe_fixes: bool
    diff: bool
    no_cache: bool


def _config_line(config: Config, unknown: UnknownSelector) -> int | None:
    """Where the config names an unknown selector: its `severity` key, or its item in `select` / `ignore`."""
    if unknown.setting == "severity":
        return config.line_of("severity", unknown.selector)
    listed: list[str] = getattr(config, unknown.setting)
    return config.line_of(unknown.setting, listed.index(unknown.selector)) if unknown.selector in listed else None


def _in_config(exc: UndefinedVocabulary, config: Config) -> CopylintError:
    """The error at the config's `vocab` entry that names it."""
    if config.path is None:
        return exc
    return CopylintError(exc.message, str(config.path), config.line_of("vocab", exc.name))


def _split(values: Iterable[str]) -> list[str]:
    """Accept both `--select a --select b` and `--select a,b`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output (notes and errors stay on stderr).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary line, no notes.")
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text formats; auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name of standard input: its suffix picks the reader, and findings show it (implies -).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file [default: the nearest .copylint.yaml, or pyproject.toml with [tool.copylint]].",
)
@click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(),
    metavar="PATH",
    help="Extra rule pack file or folder (repeatable).",
)
@click.option("--no-builtin", is_flag=True, help="Use only the packs given with --rules.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rule ids, pack names or categories (repeatable, comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rule ids, pack names or categories (repeatable, comma-separated).",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    help="Lowest severity to report; rules below it are not run [default: info, everything].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Print counts per rule and per category instead of findings.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings that this baseline file does not already accept.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings as the accepted baseline, and exit 0.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes (rules' replacement wording) to the files, then report what remains.",
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include the fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes --fix would apply as a unified diff; change no file.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option("--explain", metavar="RULE", help="Explain one rule: reason, references, suggestion, examples.")
@click.option(
    "--test-rules",
    is_flag=True,
    help="Run the embedded examples of the packs given with --rules (default: the built-in packs).",
)
@click.option(
    "--regex-timeout",
    type=click.FloatRange(min=0.01),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one pattern may run on one file (plus 2 s per MB).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=default_jobs,
    show_default="number of cores",
    help="Lint files in this many parallel processes (used for batches of files).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Lint every file afresh: neither use nor keep the outcomes of earlier runs.",
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="COPYLINT_DEBUG",
    help="Show the traceback of an internal error (also COPYLINT_DEBUG=1).",
)
@click.version_option(__version__, "-V", "--version", prog_name="copylint")
def main(paths: tuple[str, ...], **options: Any) -> None:
    """Find risky FDA/FTC claims in clinic marketing copy. PATHS are files, folders, or - for stdin."""
    rules = RuleChoice(**{name: options.pop(name) for name in RuleChoice.__dataclass_fields__})
    report = ReportChoice(**{name: options.pop(name) for name in ReportChoice.__dataclass_fields__})
    if options["test_rules"] and paths:
        raise click.UsageError("--test-rules tests the packs given with --rules; PATHS are not used")
    if report.stdin_filename and not paths:
        paths = ("-",)
    if not paths and not (options["test_rules"] or options["list_rules"] or options["explain"]):
        raise click.UsageError("no paths given (use - to read standard input)")
    _check_fix_options(report, paths)
    try:
        shared_cache(paths)  # opened first, so a cache folder inside the linted tree is never used
        config = load_config(options["config_path"] or find_config())
        with _output(options["output_path"]):
            _exit(_run_mode(list(paths), rules, report, config, options))
    except CopylintError as exc:
        click.echo(f"copylint: error: {shown(str(exc))}", err=True)
        _exit(EXIT_ERROR)
    except BrokenPipeError:  # the reader went away (`copylint ... | head`): nothing left to say
        sys.stderr.close()
        _exit(EXIT_CLEAN)
    except KeyboardInterrupt:  # Ctrl-C: one line (workers exit quietly), the shell's code for it
        click.echo("copylint: interrupted", err=True)
        _exit(INTERRUPTED)
    except Exception as exc:  # a bug ends in one line and exit 2; its traceback is for whoever reports it
        if options["debug"]:
            import traceback  # only --debug needs it

            click.echo(traceback.format_exc(), err=True, nl=False)
        hint = "" if options["debug"] else " (--debug shows the traceback)"
        click.echo(f"copylint: internal error: {type(exc).__name__}: {shown(str(exc))}{hint}", err=True)
        _exit(EXIT_ERROR)


def run() -> NoReturn:
    """The `copylint` command (and `python -m linter`): `main`, then an exit that skips tearing the
    interpreter down. By then the report is written and the cache saved; freeing every compiled
    pattern and rule one by one is about a tenth of a one-page run. While a thread that Python would
    wait for still runs, it exits the usual way, except after Ctrl-C: a worker process stopped in the
    middle of sending its result leaves the pool's thread waiting for the rest of it for ever, so an
    interrupted run exits at once (its workers had the same Ctrl-C). Tests and other callers use
    `main`, which exits as any click command does."""
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as done:
        if not isinstance(done.code, int | None) or (_waited_for() and done.code != INTERRUPTED):
            raise
        code = done.code or EXIT_CLEAN
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a reader that went away, or a stream closed on purpose
            stream.flush()
    os._exit(code)


def _waited_for() -> bool:
    """Whether a thread is running that Python waits for before it exits (not a daemon)."""
    main_thread = threading.main_thread()
    return any(thread is not main_thread and not thread.daemon for thread in threading.enumerate())


def _check_fix_options(report: ReportChoice, paths: tuple[str, ...]) -> None:
    if report.fix and report.diff:
        raise click.UsageError("--diff shows the fixes and --fix applies them: choose one")
    if (report.fix or report.diff) and (report.statistics or report.write_baseline_path):
        raise click.UsageError("--fix and --diff do not combine with --statistics or --write-baseline")
    if (report.fix or report.diff) and STDIN in paths:
        raise click.UsageError("--fix and --diff rewrite files, not standard input")
    if report.unsafe_fixes and not (report.fix or report.diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")


def _exit(code: int) -> NoReturn:
    sys.exit(code)


def _run_mode(
    paths: list[str], rules: RuleChoice, report: ReportChoice, config: Config, options: dict[str, Any]
) -> int:
    """Test packs, describe rules or check files; the exit code."""
    if options["test_rules"]:
        return _test_rules(rules, config)
    engine = rules.engine(config)
    if options["list_rules"]:
        from .report import rules as rule_listing  # only --list-rules needs it

        as_json = report.output_format == "json"
        click.echo((rule_listing.render_json if as_json else rule_listing.render)(engine.rules), nl=False)
        return EXIT_CLEAN
    if options["explain"]:
        _explain(engine.rules, options["explain"])
        return EXIT_CLEAN
    return _check(paths, engine, config, report)


@contextmanager
def _output(path: Path | None) -> Iterator[None]:
    """Standard output, or the file `--output` names (written as UTF-8, whatever the locale)."""
    if path is None:
        yield
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise CopylintError(f"cannot write output: {exc.strerror or exc}", str(path)) from None
    with handle, redirect_stdout(handle):
        yield


def _use_color(choice: str) -> bool:
    """--color, then NO_COLOR and FORCE_COLOR (set and not empty), then whether stdout is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _check(paths: list[str], engine: Engine, config: Config, report: ReportChoice) -> int:
    """Lint the paths and report (after fixing them, with --fix); the exit code."""
    baseline = read_baseline(report.baseline_path) if report.baseline_path else None
    if report.diff:
        return _diff(paths, engine, config, baseline, report)
    if report.fix:
        _fix(paths, engine, config, baseline, report)
    output_format = report.output_format or _default_format()
    color = output_format in COLORED and _use_color(report.color)
    streamed = output_format in STREAMED and not report.statistics and not report.write_baseline_path
    print_file = _file_printer(output_format, color) if streamed else None
    result = lint_paths(
        paths,
        engine,
        config,
        baseline,
        jobs=report.jobs,
        each_file=print_file,
        stdin_name=report.stdin_filename,
        views=output_format in VIEWED and not report.statistics,
        progress=None if streamed or report.quiet else progress_line(sys.stderr),  # a run that prints at the end
        excerpts=output_format == "text",
        results=_results(engine, report),
    )
    _save_caches(engine, report)
    if report.write_baseline_path:
        write_baseline(report.write_baseline_path, result.findings)
        if not report.quiet:
            written = shown(str(report.write_baseline_path))
            click.echo(f"Wrote {len(result.findings)} findings to the baseline {written}.")
        _echo_notes(result, report.quiet)
        return EXIT_ERROR if result.errors else EXIT_CLEAN
    _report(result, output_format, report, streamed, color)
    return _exit_code(result, report.fail_on or config.fail_on or "warning", report.exit_zero)


def _results(engine: Engine, report: ReportChoice) -> ResultStore | None:
    """The outcomes of earlier runs with this engine (none with --no-cache)."""
    return None if report.no_cache else result_store(engine)


def _save_caches(engine: Engine, report: ReportChoice) -> None:
    """Keep the patterns compiled in this run, and prune the outcomes kept by runs before it."""
    shared_cache().save()
    results = _results(engine, report)
    if results is not None:
        results.prune()


def _planned_fixes(
    paths: list[str], engine: Engine, config: Config, baseline: Baseline | None, report: ReportChoice
) -> tuple[LintResult, FixPlan]:
    results = _results(engine, report)
    result = lint_paths(paths, engine, config, baseline, jobs=report.jobs, excerpts=False, results=results)
    from .fix import plan_fixes  # only --fix and --diff need it

    return result, plan_fixes(result.findings, unsafe=report.unsafe_fixes)


def _diff(paths: list[str], engine: Engine, config: Config, baseline: Baseline | None, report: ReportChoice) -> int:
    """--diff: the fixes as a unified diff; exit 1 when there are any, as ruff does."""
    result, plan = _planned_fixes(paths, engine, config, baseline, report)
    _save_caches(engine, report)
    for file_fix in plan.files:
        click.echo(file_fix.diff(), nl=False)
    _echo_fix_notes(plan, report.quiet, applied=False)
    _echo_notes(result, report.quiet)
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if plan.files and not report.exit_zero else EXIT_CLEAN


def _fix(paths: list[str], engine: Engine, config: Config, baseline: Baseline | None, report: ReportChoice) -> None:
    """--fix: rewrite the files with their fixes (the report that follows shows what remains)."""
    _, plan = _planned_fixes(paths, engine, config, baseline, report)
    for file_fix in plan.files:
        try:
            file_fix.write()
        except OSError as exc:
            raise CopylintError(f"cannot write the fixed file: {exc.strerror or exc}", file_fix.path) from None
    _echo_fix_notes(plan, report.quiet, applied=True)


def _echo_fix_notes(plan: FixPlan, quiet: bool, applied: bool) -> None:
    """What was (or would be) fixed, what could not be, and the unsafe fixes left out."""
    if quiet:
        return
    for note in plan.notes:
        click.echo(f"copylint: note: {shown(note)}", err=True)
    verb = "fixed" if applied else "would fix"
    click.echo(f"copylint: {verb} {plural(plan.fixed, 'finding')} in {plural(len(plan.files), 'file')}", err=True)
    if plan.unsafe_left:
        click.echo(f"copylint: {plan.unsafe_left} more with --unsafe-fixes (reread those sentences)", err=True)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _file_printer(output_format: str, color: bool) -> Callable[[list[Finding], dict[tuple[str, int], str]], None]:
    """Prints each file's findings as soon as the file is linted (line-based formats)."""
    finding_pieces, _ = streamed_reporter(output_format)

    def print_file(findings: list[Finding], source_lines: dict[tuple[str, int], str]) -> None:
        _write(finding_pieces(findings, source_lines, color), color)

    return print_file


def _write(pieces: Iterable[str], color: bool) -> None:
    """Writes a report's pieces as they are made, about 64 KB at a time (click.echo flushes each
    time), so a report of a hundred thousand findings is never one string."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_CHARS:
            click.echo("".join(batch), nl=False, color=color)
            batch, size = [], 0
    if batch:
        click.echo("".join(batch), nl=False, color=color)


def _report(result: LintResult, output_format: str, report: ReportChoice, streamed: bool, color: bool) -> None:
    """Prints the report, or only its end when the findings were printed file by file (none with --quiet)."""
    if report.statistics:
        from .report import statistics  # only --statistics needs it

        click.echo((statistics.render_json if output_format == "json" else statistics.render)(result), nl=False)
    elif streamed:
        _, render_summary = streamed_reporter(output_format)
        if not report.quiet:
            click.echo(render_summary(result), nl=False, color=color)
    else:
        _write(piece_reporter(output_format)(result, color), color)
    _echo_notes(result, report.quiet)


def _echo_notes(result: LintResult, quiet: bool) -> None:
    """Notes (skipped files, timeouts) unless --quiet; errors always."""
    for note in [] if quiet else result.notes:
        click.echo(f"copylint: note: {shown(note)}", err=True)
    for error in result.errors:
        click.echo(f"copylint: error: {shown(error)}", err=True)


def _exit_code(result: LintResult, fail_on: str, exit_zero: bool) -> int:
    if result.errors:
        return EXIT_ERROR
    threshold = SEVERITIES.index(fail_on)
    failing = any(SEVERITIES.index(severity) >= threshold for severity in +result.severities)
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN


def _explain(rules: list[Rule], rule_id: str) -> None:
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None:
        hint = did_you_mean(rule_id, [r.id for r in rules]) or " (see --list-rules)"
        raise CopylintError(f"unknown rule '{rule_id}'{hint}")
    out = [
        f"{rule.id}  ({rule.category}, {rule.severity})",
        f"defined in {rule.source}" + (f":{rule.line}" if rule.line else ""),  # copylint's own rules: no line
        "",
        rule.message,
    ]
    if rule.why:
        out += ["", "Why:", _indent(rule.why)]
    if rule.references:
        out += ["", "References:"] + [f"  - {r.title}: {r.url}" for r in rule.references]
    out += ["", "Suggested wording:", _indent(rule.suggest)]
    if rule.replace:
        out += ["", "Fixes (--fix; unsafe ones with --unsafe-fixes):"]
        out += [f"  - {'safe' if r.safe else 'unsafe'}: {r.text!r}" for r in rule.replace]
    if rule.model is not None:
        out += ["", *_model_evidence(rule.model)]
    out += ["", "Flagged, for example:", *_example_items(rule.flag_examples)]
    if rule.ok_examples:  # copylint's own rules have none
        out += ["", "Not flagged, for example:", *_example_items(rule.ok_examples)]
    click.echo(shown("\n".join(out), keep="\n"))


def _example_items(examples: list[str]) -> list[str]:
    """Examples as list items; an example of several paragraphs (a heading, then the sentence it
    leads) keeps its later lines indented under its bullet, so each still reads as one item."""
    items = []
    for text in examples:
        first, *rest = (line.rstrip() for line in text.split("\n"))
        items.append("\n".join([f"  - {first}", *(f"    {line}" if line else "" for line in rest)]))
    return items


def _model_evidence(match: ModelMatch) -> list[str]:
    """What a learned rule asks of its model, and the words that weigh most towards its label."""
    model = load_model(Path(match.path))
    threshold = match.threshold if match.threshold is not None else model.threshold
    where = ", only on pages about a regenerative product (its topic terms)" if match.topic else ""
    lines = [f"Learned detector: model {match.name} ({match.path}), label {match.label}, threshold {threshold}{where}."]
    lines.append("Words and word pairs that weigh most towards this label (weight):")
    return lines + [f"  - {feature} ({weight:+.2f})" for feature, weight in model.strongest(match.label)]


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _test_rules(rules: RuleChoice, config: Config) -> int:
    """Run the examples of the packs named with --rules (the built-in packs when none is); every
    suggestion is checked against every loaded rule."""
    try:
        packs = load_packs([*config.rules, *rules.rule_paths], builtin=not rules.no_builtin, extra_vocab=config.vocab)
    except UndefinedVocabulary as exc:
        raise _in_config(exc, config) from None
    if rules.rule_paths:
        named = {str(Path(p).resolve()) for p in rules.rule_paths}
        tested = [r for p in packs if _under(Path(p.source).resolve(), named) for r in p.rules]
    else:
        tested = [r for p in packs if p.builtin for r in p.rules]
    from .ruletest import check_rules  # only --test-rules needs it

    checks, failures = check_rules(tested, [r for p in packs for r in p.rules])
    for failure in failures:
        click.echo(f"FAIL {shown(failure.describe())}")
    click.echo(f"{len(tested)} rules, {checks} checks: {checks - len(failures)} passed, {len(failures)} failed")
    shared_cache().save()
    return EXIT_FINDINGS if failures else EXIT_CLEAN


def _under(path: Path, roots: set[str]) -> bool:
    return str(path) in roots or any(str(parent) in roots for parent in path.parents)
