"""`--format json`: one object, stable for other tools (schema: linter/schema/output.schema.json)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..findings import LintResult
from .jsonpieces import json_pieces

OUTPUT_VERSION = 1


def render(result: LintResult, color: bool = False) -> str:
    return "".join(pieces(result, color))


def pieces(result: LintResult, color: bool = False) -> Iterator[str]:
    """The report in pieces, each finding encoded only as it is written."""
    severities = Counter(f.severity for f in result.findings)
    payload = {
        "version": OUTPUT_VERSION,
        "findings": (f.to_dict() for f in result.findings),
        "suppressed": (
            {"finding": s.finding.to_dict(), "reason": s.reason, "directive_line": s.directive_line}
            for s in result.suppressed
        ),
        "summary": {
            "files": result.files,
            "findings": len(result.findings),
            "by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
            "suppressed": len(result.suppressed),
            "baselined": result.baselined,
            "notes": result.notes,
            "errors": result.errors,
        },
    }
    yield from json_pieces(payload)
    yield "\n"
