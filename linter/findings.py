"""Findings: what a reporter prints and the JSON output contract."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from .cache import LazyPattern

if TYPE_CHECKING:
    from .packs.model import Rule
    from .text.view import ReaderView

_SPACE = LazyPattern(r"\s+")
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")  # spaces to `str.split`, not to `\s` (see `_normalised`)


@dataclass(frozen=True)
class Reference:
    """A regulation, guidance or case a rule rests on."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One claim. Lines and columns are 1-based; columns count characters; end_column is exclusive.

    Slotted: a big file can have hundreds of thousands, and a slotted one takes about a third of the memory.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    match: str
    suggestion: str
    references: tuple[Reference, ...] = ()
    replacement: str | None = None
    fix_safe: bool = False
    fingerprint: str = ""  # stable across edits elsewhere in the file: see `rule_finding`
    identity: str = ""  # the same without the path, for baselines: see `rule_finding`
    score: float | None = None  # the learned detector's probability, for its findings only
    evidence: tuple[str, ...] = ()  # the words that weighed most in that score
    related: tuple[str, ...] = ()  # rules of other categories that flagged the same words (see `engine.run`)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "references": [{"title": r.title, "url": r.url} for r in self.references],
        }
        if self.fingerprint:
            result["fingerprint"] = self.fingerprint
        if self.replacement is not None:
            result["fix"] = {"replacement": self.replacement, "safe": self.fix_safe}
        if self.score is not None:
            result["score"] = round(self.score, 3)
            result["evidence"] = list(self.evidence)
        if self.related:
            result["related"] = list(self.related)
        return result


FINDING_FIELDS = tuple(f.name for f in fields(Finding))  # in order: a finding as plain values, and back


@dataclass
class LintResult:
    """Everything one run produced: findings, notes about skipped files, and per-file errors.

    `findings` stays empty when they were handed to a callback file by file instead (see
    `api.lint_paths`); `severities` counts them either way.
    """

    findings: list[Finding] = field(default_factory=list)
    severities: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    source_lines: dict[tuple[str, int], str] = field(default_factory=dict)  # for excerpts in reports
    suppressed: list[Suppressed] = field(default_factory=list)
    baselined: int = 0
    rules: list[Rule] = field(default_factory=list)  # the rules this run used, for SARIF
    views: dict[str, ReaderView] = field(default_factory=dict)  # pages as read, for the HTML report


@dataclass(frozen=True)
class Suppressed:
    """A finding waived by an inline directive, kept so reviewers can audit the waiver."""

    finding: Finding
    reason: str
    directive_line: int


def rule_finding(
    rule: Rule,
    path: str,
    start: tuple[int, int],
    end: tuple[int, int],
    match: str,
    *,
    message: str,
    suggestion: str,
    words: str,
    context: str,
    **details: Any,
) -> Finding:
    """A finding of `rule` from 1-based (line, column) `start` to `end` (exclusive), quoting `match`.

    Its fingerprint and identity come from the normalised `words` with their `context` (up to 200
    characters each side), never a line number, so inserting lines above a claim keeps both. The
    fingerprint identifies it in reports (JSON, SARIF's partial fingerprints): the path as given,
    the rule, the words. The identity is what it is wherever its file is and however its path is
    spelled (the rule and the words); a baseline adds the path it knows (`located`).
    """
    normalised_words, normalised_context = _normalised(words), _normalised(context)
    return Finding(
        path,
        *start,
        *end,
        rule.id,
        rule.category,
        rule.severity,
        message,
        match,
        suggestion,
        fingerprint=_digest(as_posix(path), rule.id, normalised_words, normalised_context),
        identity=_digest(rule.id, normalised_words, normalised_context),
        **details,
    )


def located(path: str, identity: str) -> str:
    """A baseline's fingerprint of a finding: its identity at `path` (relative to the baseline's folder)."""
    return _digest(as_posix(path), identity)


def _digest(*parts: str) -> str:
    import hashlib  # imported on first use: it loads OpenSSL, which a run without findings never needs

    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


@lru_cache(maxsize=64)
def as_posix(path: str) -> str:
    """A path as fingerprints and baselines spell it (`/`, no `./`)."""
    return PurePath(path).as_posix()


def _normalised(text: str) -> str:
    """`text` lower-cased, its runs of `\\s` made one space and trimmed. `str.split` does that several
    times faster and splits on the same characters but the information separators (U+001C to
    U+001F), which `\\s` leaves in place."""
    if any(separator in text for separator in _SEPARATORS):
        return _SPACE.sub(" ", text).strip().lower()
    return " ".join(text.split()).lower()
