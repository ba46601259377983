"""Choosing rules by selector (a rule id, a pack name or a category), and severity overrides.

The same selector semantics serve `--select`/`--ignore`, config, per-file ignores and suppression
directives, so a name means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import CopylintError
from .model import Rule


class UnknownSelector(CopylintError):
    """A selector that names no rule, pack or category (typos hide rules). `setting` says which
    option named it, so a caller that knows where that option was written can say so."""

    def __init__(self, selector: str, rules: list[Rule], setting: str) -> None:
        names = {name for r in rules for name in (r.id, r.pack, r.category)}
        super().__init__(f"no rule, pack or category is called '{selector}'{did_you_mean(selector, names)}")
        self.selector, self.setting = selector, setting


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """Selectors name a rule id, a pack (the id's prefix) or a category."""
    return selector in (rule_id, rule_id.split("/", 1)[0], category)


def select_rules(rules: list[Rule], select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    """Rules chosen by id, pack name or category; an unknown selector is an error."""
    select, ignore = select or [], ignore or []
    _check_known(select, rules, "select")
    _check_known(ignore, rules, "ignore")
    if select:
        rules = [r for r in rules if any(selector_matches(s, r.id, r.category) for s in select)]
    return [r for r in rules if not any(selector_matches(s, r.id, r.category) for s in ignore)]


def did_you_mean(name: str, names: Iterable[str]) -> str:
    """A hint naming the closest known name, for an error about an unknown one ('' if none is close)."""
    from difflib import get_close_matches  # only an error needs it

    close = get_close_matches(name, sorted(names), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_known(selectors: Iterable[str], rules: list[Rule], setting: str) -> None:
    for selector in selectors:
        if not any(selector_matches(selector, r.id, r.category) for r in rules):
            raise UnknownSelector(selector, rules, setting)


def override_severity(rules: list[Rule], overrides: dict[str, str]) -> list[Rule]:
    """Apply severity overrides; a rule id beats a pack name, which beats a category. A key that
    names none of `rules` is an error, as an unknown selector is anywhere else."""
    _check_known(overrides, rules, "severity")
    result = []
    for rule in rules:
        for key in (rule.category, rule.pack, rule.id):
            if key in overrides:
                rule = replace(rule, severity=overrides[key])
        result.append(rule)
    return result
