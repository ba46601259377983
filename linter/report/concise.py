"""`--format concise`: one line per finding, `path:line:col: severity rule message`, for grep,
editors' quickfix lists and long runs (as ruff's concise output); the summary is the text format's."""

from __future__ import annotations

from ..findings import Finding, LintResult
from .text import heading, render_summary

__all__ = ["render", "render_findings", "render_summary"]


def render(result: LintResult, color: bool = False) -> str:
    return render_findings(result.findings, result.source_lines, color) + render_summary(result)


def render_findings(findings: list[Finding], source_lines: dict[tuple[str, int], str], color: bool = False) -> str:
    """The findings, one line each; the source lines are not shown."""
    return "".join(heading(f, color) + "\n" for f in findings)
