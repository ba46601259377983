"""copylint's own rules: the checks on suppression directives, described once.

`filters/suppress.py` reports them; this table is what --explain and --list-rules show, and what
selectors, severity overrides, per-file ignores and baselines see, so they are chosen, configured
and baselined like any rule (pack `copylint`, category `suppression`). No text matches them: they
have neither term sets nor a model, and the engine runs neither.
"""

from __future__ import annotations

from .model import Rule

PACK = "copylint"
CATEGORY = "suppression"
WITHOUT_REASON = "copylint/suppression-without-reason"
UNUSED = "copylint/unused-suppression"
UNKNOWN_DIRECTIVE = "copylint/unknown-directive"
UNKNOWN_SELECTOR = "copylint/unknown-selector"


def _rule(rule_id: str, severity: str, message: str, why: str, suggest: str, flag: str) -> Rule:
    return Rule(
        id=rule_id,
        pack=PACK,
        category=CATEGORY,
        severity=severity,
        message=message,
        suggest=suggest,
        terms=[],
        why=why,
        flag_examples=[flag],
        source=__name__,
    )


META_RULES = (
    _rule(
        WITHOUT_REASON,
        "warning",
        "Suppression without a reason.",
        "A waived health claim is a compliance decision: the reviewer who signs off later, or the regulator "
        "who asks, needs to see why. The directive still suppresses.",
        "Keep a reason on every waiver, after '--': reviewers audit them.",
        "<!-- copylint-disable-next-line fda-status -->",
    ),
    _rule(
        UNUSED,
        "warning",
        "This suppression suppresses nothing.",
        "A waiver that covers no finding is stale (the claim was reworded or removed) and would silently "
        "waive the next claim written there.",
        "Remove the directive, or name the rule it was meant for.",
        "<!-- copylint-disable-next-line fda-status -- quoted --> above a line with no FDA claim",
    ),
    _rule(
        UNKNOWN_DIRECTIVE,
        "error",
        "Unknown directive: it suppresses nothing.",
        "A misspelt directive must not be taken for another one (a 'disable-nextline' read as 'disable' "
        "would waive every later claim), so it waives nothing and fails the run.",
        "Spell the directive as one of the known: disable-next-line, disable-file, disable, enable.",
        "<!-- copylint-disable-nextline fda-status -- quoted -->",
    ),
    _rule(
        UNKNOWN_SELECTOR,
        "error",
        "The directive names no rule, pack or category of this run.",
        "A misspelt selector waives nothing it was meant to, so the waiver would fail silently.",
        "Name rule ids, pack names or categories.",
        "<!-- copylint-disable-next-line fda-stauts -- quoted -->",
    ),
)
