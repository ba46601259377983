"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

Chosen automatically when GITHUB_ACTIONS=true and no --format is given, as ruff and yamllint do.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..display import shown
from ..findings import Finding, LintResult

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_KEPT = "\t\r\n"  # harmless in a property (line breaks are percent-encoded): a file name with them still finds its file


def render(result: LintResult, color: bool = False) -> str:
    return "".join(finding_pieces(result.findings, result.source_lines)) + render_summary(result)


def finding_pieces(
    findings: list[Finding], source_lines: dict[tuple[str, int], str], color: bool = False
) -> Iterator[str]:
    """The annotations of some findings, one at a time, each written as it is formatted (file by file)."""
    for finding in findings:
        yield _annotation(finding) + "\n"


def render_summary(result: LintResult) -> str:
    return ""  # annotations need no summary


def _annotation(finding: Finding) -> str:
    properties = {
        "file": finding.path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": f"copylint {finding.rule}",
    }
    props = ",".join(f"{key}={_escape_property(shown(str(value), keep=_KEPT))}" for key, value in properties.items())
    message = shown(f"{finding.message}\nSuggested wording: {finding.suggestion}", keep="\n")
    return f"::{_COMMANDS[finding.severity]} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
