"""`--format text`: `path:line:col: severity rule message`, the line with the match underlined,
and the suggested rewording, the way compilers and ruff show problems."""

from __future__ import annotations

from collections.abc import Iterator

import click

from ..display import shown
from ..findings import Finding, LintResult
from . import plural

CONTEXT_CHARS = 50
_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(result: LintResult, color: bool = False) -> str:
    return "".join(finding_pieces(result.findings, result.source_lines, color)) + render_summary(result)


def finding_pieces(
    findings: list[Finding], source_lines: dict[tuple[str, int], str], color: bool = False
) -> Iterator[str]:
    """The findings' part of the report a finding at a time, each written as it is formatted (file by file)."""
    for finding in findings:
        yield _finding(finding, source_lines, color) + "\n"


def render_summary(result: LintResult) -> str:
    return _summary(result) + "\n"


def heading(finding: Finding, color: bool) -> str:
    """The finding's first line, `path:line:col: severity rule message` (the whole of it in the
    concise format)."""
    severity = (
        click.style(finding.severity, fg=_SEVERITY_COLORS[finding.severity], bold=True) if color else finding.severity
    )
    location = f"{shown(finding.path)}:{finding.line}:{finding.column}:"  # one line, whatever the name
    rule = click.style(shown(finding.rule), bold=True) if color else shown(finding.rule)
    return f"{location} {severity} {rule} {shown(finding.message)}"


def _finding(finding: Finding, source_lines: dict[tuple[str, int], str], color: bool) -> str:
    lines = [heading(finding, color)]
    source = source_lines.get((finding.path, finding.line))
    if source is not None:
        lines.extend(_excerpt(source, finding, color))
    if finding.score is not None:
        evidence = ", ".join(shown(word) for word in finding.evidence) or "none"
        lines.append(f"  detector score: {finding.score:.2f} (words that weighed most: {evidence})")
    if finding.related:
        lines.append(f"  also: {', '.join(shown(rule) for rule in finding.related)}")
    lines.append(f"  suggestion: {shown(finding.suggestion)}")
    return "\n".join(lines)


def _excerpt(source: str, finding: Finding, color: bool) -> list[str]:
    """The source line (clipped around the match if long) with carets under the match; control
    characters are shown escaped, and the carets measured on what is shown."""
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(source), max(end, start + 1) + CONTEXT_CHARS)
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(source) else ""
    before, match, after = (
        shown(source[a:b].replace("\t", " ")) for a, b in ((left, start), (start, end), (end, right))
    )
    gutter = f"{finding.line:>5} | "
    carets = "^" * max(1, len(match))
    marker = " " * (len(gutter) - 2) + "| " + " " * (len(prefix) + len(before)) + carets
    if color:
        marker = click.style(marker, fg=_SEVERITY_COLORS[finding.severity])
    return [gutter + prefix + before + match + after + suffix, marker]


def _summary(result: LintResult) -> str:
    counts = result.severities
    total = sum(counts.values())
    if not total:
        return f"No findings in {plural(result.files, 'file')}."
    parts = [plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    return f"Found {plural(total, 'finding')} ({', '.join(parts)}) in {plural(result.files, 'file')}."
