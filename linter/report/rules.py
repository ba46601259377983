"""`--list-rules`: the selected rules as an aligned table, or (with `--format json`) as JSON for
tools that build documentation or editor integrations from them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..display import shown
from .json_report import OUTPUT_VERSION

if TYPE_CHECKING:
    from ..packs.model import Rule


def render(rules: list[Rule]) -> str:
    width = max((len(r.id) for r in rules), default=0)
    lines = [f"{rule.id:<{width}}  {rule.category:<24}  {rule.severity:<7}  {rule.message}" for rule in rules]
    return "".join(shown(line) + "\n" for line in lines)


def render_json(rules: list[Rule]) -> str:
    entries = [
        {
            "id": rule.id,
            "pack": rule.pack,
            "category": rule.category,
            "severity": rule.severity,
            "message": rule.message,
            "suggestion": rule.suggest,
            "references": [{"title": r.title, "url": r.url} for r in rule.references],
        }
        for rule in rules
    ]
    return json.dumps({"version": OUTPUT_VERSION, "rules": entries}, indent=2, ensure_ascii=False) + "\n"
