"""`--statistics`: how many findings per rule and per category, most frequent first."""

from __future__ import annotations

from collections import Counter

from ..display import shown
from ..findings import LintResult


def render(result: LintResult) -> str:
    by_rule = Counter(f.rule for f in result.findings)
    by_category = Counter(f.category for f in result.findings)
    messages = {f.rule: f.message for f in result.findings}
    lines = ["Findings per rule:"]
    lines += [f"{count:>6}  {shown(rule)}  {shown(messages[rule])}" for rule, count in _ordered(by_rule)]
    lines += ["", "Findings per category:"]
    lines += [f"{count:>6}  {shown(category)}" for category, count in _ordered(by_category)]
    lines += ["", f"{len(result.findings):>6}  total in {result.files} files"]
    return "\n".join(lines) + "\n"


def _ordered(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
