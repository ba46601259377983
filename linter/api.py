"""The library interface: what an editor plugin, a web page or a batch job calls."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .document import Document
from .engine import DEFAULT_TIMEOUT, Engine
from .findings import Finding, LintResult
from .rules import load_packs, select_rules
from .sources import SkippedFile, discover, read_document

_default_engine: Engine | None = None


def load_engine(
    rules: Iterable[str | Path] = (),
    *,
    builtin: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extra_vocab: dict[str, list[str]] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Engine:
    """An engine over the built-in packs (unless `builtin=False`) plus the given pack files/folders."""
    packs = load_packs(list(rules), builtin=builtin, extra_vocab=extra_vocab)
    return Engine(select_rules(packs, list(select), list(ignore)), timeout=timeout)


def _engine(engine: Engine | None) -> Engine:
    global _default_engine
    if engine is not None:
        return engine
    if _default_engine is None:
        _default_engine = load_engine()
    return _default_engine


def lint_text(text: str, path: str = "<text>", engine: Engine | None = None) -> list[Finding]:
    """Findings for a string, with the built-in packs unless an engine is given."""
    return _engine(engine).lint(Document.from_text(text, path))


def lint_paths(paths: Iterable[str], engine: Engine | None = None) -> LintResult:
    """Lint files and folders ('-' is standard input); unreadable files become notes, not failures."""
    engine = _engine(engine)
    sources, errors = discover(list(paths))
    result = LintResult(errors=errors)
    for source in sources:
        try:
            doc = read_document(source)
        except SkippedFile as skipped:
            result.notes.append(str(skipped))
            continue
        result.files += 1
        findings = engine.lint(doc)
        result.findings.extend(findings)
        result.notes.extend(doc.notes)
        for finding in findings:
            result.source_lines[(finding.path, finding.line)] = doc.line_text(finding.line)
    result.findings.sort(key=Finding.sort_key)
    return result
