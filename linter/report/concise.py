"""`--format concise`: one line per finding, `path:line:col: severity rule message`, for grep,
editors' quickfix lists and long runs (as ruff's concise output); the summary is the text format's."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, LintResult
from .text import heading, render_summary

__all__ = ["finding_pieces", "render", "render_summary"]


def render(result: LintResult, color: bool = False) -> str:
    return "".join(finding_pieces(result.findings, result.source_lines, color)) + render_summary(result)


def finding_pieces(
    findings: list[Finding], source_lines: dict[tuple[str, int], str], color: bool = False
) -> Iterator[str]:
    """The findings, one line each, a finding at a time; the source lines are not shown."""
    for finding in findings:
        yield heading(finding, color) + "\n"
