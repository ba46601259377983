"""`--statistics`: how many findings per rule and per category, most frequent first, as a table or
(with `--format json`) as JSON for dashboards."""

from __future__ import annotations

import json
from collections import Counter

from ..display import shown
from ..findings import LintResult
from .json_report import OUTPUT_VERSION


def render(result: LintResult) -> str:
    by_rule, by_category, messages = _counts(result)
    lines = ["Findings per rule:"]
    lines += [f"{count:>6}  {shown(rule)}  {shown(messages[rule])}" for rule, count in by_rule]
    lines += ["", "Findings per category:"]
    lines += [f"{count:>6}  {shown(category)}" for category, count in by_category]
    lines += ["", f"{len(result.findings):>6}  total in {result.files} files"]
    return "\n".join(lines) + "\n"


def render_json(result: LintResult) -> str:
    by_rule, by_category, messages = _counts(result)
    payload = {
        "version": OUTPUT_VERSION,
        "rules": [{"rule": rule, "message": messages[rule], "count": count} for rule, count in by_rule],
        "categories": [{"category": category, "count": count} for category, count in by_category],
        "findings": len(result.findings),
        "files": result.files,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _counts(result: LintResult) -> tuple[list[tuple[str, int]], list[tuple[str, int]], dict[str, str]]:
    """Counts per rule and per category, most frequent first, and each rule's message."""
    by_rule = Counter(f.rule for f in result.findings)
    by_category = Counter(f.category for f in result.findings)
    messages = {f.rule: f.message for f in result.findings}
    return _ordered(by_rule), _ordered(by_category), messages


def _ordered(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
