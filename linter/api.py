"""The library interface: what an editor plugin, a web page or a batch job calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import PatternCache, digest_of, shared_cache
from .config import Config
from .display import shown
from .engine import DEFAULT_TIMEOUT, Engine, Part
from .errors import CopylintError
from .filters.baseline import Baseline, filter_new
from .filters.suppress import apply_directives
from .findings import Finding, LintResult, Suppressed
from .packs.load import load_packs_with_digest
from .packs.meta import META_RULES
from .packs.select import override_severity, select_rules, selector_matches
from .parallel import ordered_map, pool_size
from .readers import STDIN, SkippedFile, Source, discover, document_of, read_bytes, read_text
from .results import ResultStore, Stored
from .text.document import Document

if TYPE_CHECKING:
    from .text.view import ReaderView

MAX_REASON = 200  # characters of an exception's message in the note on a file it cost


def load_engine(
    rules: Iterable[str | Path] = (),
    *,
    builtin: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity: dict[str, str] | None = None,
    extra_vocab: dict[str, list[str]] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache: PatternCache | None = None,
    research_documents: bool = False,
) -> Engine:
    """An engine over the built-in packs (unless `builtin=False`) plus the given pack files/folders,
    and copylint's own rules on suppression directives (`packs.meta`; chosen like the others).

    Built packs and compiled patterns come from `cache` (default: the process's cache, `cache.shared_cache()`).
    `research_documents` lints documents that read as research papers too (`Engine`).
    A selector or `severity` key that names no loaded rule, pack or category raises `UnknownSelector`.
    """
    packs, built_from = load_packs_with_digest(list(rules), builtin=builtin, extra_vocab=extra_vocab, cache=cache)
    loaded = override_severity([*(rule for pack in packs for rule in pack.rules), *META_RULES], severity or {})
    chosen = select_rules(loaded, list(select), list(ignore))
    fingerprint = digest_of(built_from, [(rule.id, rule.severity) for rule in chosen], timeout, research_documents)
    return Engine(chosen, timeout=timeout, cache=cache, fingerprint=fingerprint, research_documents=research_documents)


def result_store(engine: Engine, cache: PatternCache | None = None) -> ResultStore | None:
    """Where `lint_paths` keeps each file's outcome for `engine`, beside the compiled patterns in
    `cache` (default: the process's); None without a cache folder or an engine `fingerprint`."""
    folder = (cache or shared_cache()).folder
    if folder is None or engine.fingerprint is None:
        return None
    return ResultStore(folder, engine.fingerprint)


def lint_text(text: str, path: str = "<text>", engine: Engine | None = None) -> list[Finding]:
    """Findings for a string, with the built-in packs unless an engine is given.

    `path`'s suffix picks the reader (`page.md`, `page.html`); anything else is plain text. Loading
    an engine takes some milliseconds: to lint many strings, load one with `load_engine()` and pass it.
    """
    return (engine or load_engine()).lint(read_text(text, path))


def lint_paths(
    paths: Iterable[str],
    engine: Engine | None = None,
    config: Config | None = None,
    baseline: Baseline | None = None,
    jobs: int = 1,
    each_file: Callable[[list[Finding], dict[tuple[str, int], str]], None] | None = None,
    stdin_name: str | None = None,
    views: bool = False,
    progress: Callable[[int, int], None] | None = None,
    excerpts: bool = True,
    results: ResultStore | None = None,
) -> LintResult:
    """Lint files and folders ('-' is standard input); unreadable files become notes, not failures.

    Per file: the engine's findings, minus `per-file-ignores`, minus inline suppressions (which are
    kept in `result.suppressed`), minus what the baseline already accepts. Files are linted in the
    order of the paths their findings show (each once), so findings come out sorted. With
    `each_file`, each file's findings and the lines they are on go to it as soon as the file is done
    instead of into the result, so memory follows the largest file, not the whole run. `jobs` > 1
    spreads a large batch of files over processes; the result is the same. Folders give only the
    files `config` includes; `stdin_name` names standard input (its reader and its findings' path).
    With `views`, `result.views` holds each page as a reader sees it, its findings marked;
    `progress` is told (files done, files in all) after each file. Without `excerpts`, the lines
    findings are on are not kept (`result.source_lines`: only the text report shows them). With
    `results` (`result_store`), a file whose outcome an earlier run kept is not linted again
    (not with `views`: a page's view is made from its text).
    """
    engine = engine or load_engine()
    config = config or Config()
    sources, errors, notes = discover(list(paths), config.is_included, stdin_name)
    sources = _in_report_order([s for s in sources if not config.is_excluded(s.path)])
    result = LintResult(errors=errors, notes=notes, rules=engine.rules)
    unused_baseline = baseline.unused() if baseline is not None else None
    files = sum(source.path != STDIN for source in sources)
    # a large file uses the cores itself when files do not: linted a batch of sentences per process
    document_jobs = jobs if pool_size(jobs, files) == 1 else 1
    lint_one = partial(
        _lint_source,
        engine=engine,
        config=config,
        views=views,
        jobs=document_jobs,
        excerpts=excerpts,
        results=None if views else results,
    )
    is_kept = None if views or results is None else partial(_is_kept, results=results, config=config, excerpts=excerpts)
    for done, outcome in enumerate(_outcomes(sources, lint_one, jobs, is_kept, engine.cache), start=1):
        if progress is not None:
            progress(done, len(sources))
        if outcome.skipped:
            result.notes.append(outcome.skipped)
            continue
        result.files += 1
        findings = outcome.findings
        if unused_baseline is not None:
            findings, baselined = filter_new(findings, unused_baseline)
            result.baselined += baselined
        result.severities.update(f.severity for f in findings)
        result.suppressed.extend(outcome.suppressed)
        result.notes.extend(outcome.notes)
        if each_file is not None:
            each_file(findings, outcome.source_lines)
        else:
            result.findings.extend(findings)
            result.source_lines.update(outcome.source_lines)
        if outcome.view is not None:
            result.views[outcome.path] = outcome.view
    return result


def _in_report_order(sources: list[Source]) -> list[Source]:
    """Sorted by the path findings show, each path once (a file named twice is linted once)."""
    unique: dict[str, Source] = {}
    for source in sources:
        unique.setdefault(source.shown_path, source)
    return [unique[path] for path in sorted(unique)]


def _outcomes(
    sources: list[Source],
    lint_one: Callable[[Source], _FileOutcome],
    jobs: int,
    is_kept: Callable[[Source], bool] | None = None,
    cache: PatternCache | None = None,
) -> Iterator[_FileOutcome]:
    """Each source's outcome, in order. Files may go to worker processes (the patterns they compile
    come back into `cache`); standard input is read here (a worker cannot read it), and so are the
    files whose outcome an earlier run kept (`is_kept`, asked before a pool starts): a run where few
    files changed starts a pool for those only, or none."""
    files = [s for s in sources if s.path != STDIN]
    here: set[int] = set()
    if is_kept is not None and pool_size(jobs, len(files)) > 1:
        here = {i for i, source in enumerate(files) if is_kept(source)}
    linted = ordered_map(lint_one, [s for i, s in enumerate(files) if i not in here], jobs, _lost, cache=cache)
    place = 0
    for source in sources:
        if source.path == STDIN:
            yield lint_one(source)
            continue
        yield lint_one(source) if place in here else next(linted)
        place += 1


def _lost(source: Source) -> _FileOutcome:
    """A file whose worker process died linting it, even alone (out of memory, a crash)."""
    return _FileOutcome(skipped=_died(source.path))


def _died(path: str) -> str:
    return f"{shown(path)}: skipped, the process linting it died"


@dataclass
class _FileOutcome:
    """What linting one file produced; plain data, so it can come back from a worker process."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_lines: dict[tuple[str, int], str] = field(default_factory=dict)
    skipped: str | None = None
    path: str = ""
    view: ReaderView | None = None


def _lint_source(
    source: Source,
    engine: Engine,
    config: Config,
    views: bool = False,
    jobs: int = 1,
    excerpts: bool = True,
    results: ResultStore | None = None,
) -> _FileOutcome:
    """One file's outcome (kept in `results`, or taken from it). Whatever goes wrong with this file
    (no memory, too deep, a parser's error) is a note on it, so it never costs another file's
    findings; errors in the user's packs or config (CopylintError) still stop the run."""
    try:
        owned = [read_bytes(source)]  # the only reference: the bytes go as soon as the text is made
        if results is None:
            return _lint_document(document_of(owned, source), engine, config, views, jobs, excerpts)
        key = _key(results, source, config, excerpts, owned[0])
        kept = results.get(key)
        if kept is not None:
            return _FileOutcome(kept.findings, kept.suppressed, [], kept.lines, path=source.shown_path)
        outcome = _lint_document(document_of(owned, source), engine, config, views, jobs, excerpts)
        if not outcome.notes:
            results.put(key, Stored(outcome.findings, outcome.suppressed, outcome.source_lines))
        return outcome
    except SkippedFile as skipped:
        return _FileOutcome(skipped=str(skipped))
    except CopylintError:
        raise
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:MAX_REASON]
        return _FileOutcome(skipped=f"{shown(source.path)}: skipped, cannot lint it ({shown(reason)})")


def _is_kept(source: Source, results: ResultStore, config: Config, excerpts: bool) -> bool:
    """Whether an earlier run kept this file's outcome as it is now (a file that cannot be read: no)."""
    try:
        data = read_bytes(source)
    except SkippedFile:
        return False
    return results.holds(_key(results, source, config, excerpts, data))


def _key(results: ResultStore, source: Source, config: Config, excerpts: bool, data: bytes) -> str:
    return results.key(source.shown_path, config.ignored_for(source.shown_path), excerpts, data)


def _lint_document(
    doc: Document, engine: Engine, config: Config, views: bool = False, jobs: int = 1, excerpts: bool = True
) -> _FileOutcome:
    """Per-file ignores apply before the directives (a waiver of an ignored rule waives nothing) and
    again after them, to the directives' own findings. The view marks waived findings too (a
    reviewer sees the waiver) and those a baseline accepts (they are dropped later, in the report)."""
    ignored = config.ignored_for(doc.path)
    outcome = apply_directives(doc, _not_ignored(_engine_findings(doc, engine, jobs), ignored), engine.rules)
    findings = _not_ignored(outcome.findings, ignored)
    lines = {(f.path, f.line): doc.line_text(f.line) for f in findings} if excerpts else {}
    view = None
    if views:
        from .text.view import reader_view  # only the HTML report needs it

        marked = [*findings, *(s.finding for s in outcome.suppressed)]
        view = reader_view(doc, [(f.line, f.column, f.end_line, f.end_column, f.rule) for f in marked])
    return _FileOutcome(findings, outcome.suppressed, doc.notes, lines, path=doc.path, view=view)


def _engine_findings(doc: Document, engine: Engine, jobs: int) -> list[Finding]:
    """What the engine finds in `doc`; a document of several batches of sentences (`BATCH_CHARS` each) is
    linted a batch per process on up to `jobs` cores, with the findings `engine.lint` gives."""
    batches = list(range(len(doc.batches)))
    if pool_size(jobs, len(batches), per_job=1) == 1:
        return engine.lint(doc)
    _ = doc.lead_ins, doc.line_starts  # worked out once, here, for the forked processes to inherit
    lint_batch = partial(_lint_batch, engine, doc)
    parts = list(ordered_map(lint_batch, batches, jobs, lambda _: None, per_job=1, cache=engine.cache))
    if any(part is None for part in parts):  # a process died on it (out of memory): as for a whole file
        raise SkippedFile(_died(doc.path))
    return engine.combine(doc, [part for part in parts if part is not None])


def _lint_batch(engine: Engine, doc: Document, batch: int) -> Part | None:
    return engine.lint_part(doc, batch, batch + 1)


def _not_ignored(findings: list[Finding], ignored: list[str]) -> list[Finding]:
    return [f for f in findings if not any(selector_matches(s, f.rule, f.category) for s in ignored)]
