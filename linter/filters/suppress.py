"""Inline suppression directives, with the reasons a compliance reviewer needs to audit them.

    <!-- copylint-disable-next-line fda-status/fda-approved -- approved indication, see label -->
    # copylint-disable superlative-misleading -- quoting a regulator's warning
    # copylint-enable superlative-misleading
    <!-- copylint-disable-file endorsement-testimonial -- page of regulator findings -->

Directives are read only from the comments the file's reader found (`Document.comments`), so a
directive quoted in code, a script's string or an attribute, or written as a visible heading, is
text like any other. Selectors are rule ids, pack names or categories (none: every rule), matched
as everywhere else (`packs.select`): an `enable` ends a `disable` for the rules it names, whichever
selector each uses. A directive without a reason still suppresses but is itself reported, and so is
a directive that suppresses nothing: waivers must stay deliberate and visible, the way ruff reports
unused `noqa` comments. A directive name or a selector that names nothing is an error finding, not
a silent waiver of something else (a misspelt `disable-next-line` must not disable to the end).
These four checks are rules of their own (`packs.meta`): chosen, configured and baselined like any.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field

from ..findings import Finding, Suppressed, rule_finding
from ..packs.meta import UNKNOWN_DIRECTIVE, UNKNOWN_SELECTOR, UNUSED, WITHOUT_REASON
from ..packs.model import Rule
from ..packs.select import selector_matches
from ..text.directives import KINDS, parse
from ..text.document import Document


@dataclass
class Directive:
    kind: str
    selectors: list[str]
    reason: str
    start: int  # offsets in the original text
    end: int
    line: int = 0
    first_line: int = 0  # lines it may cover, filled in by _scope
    last_line: int = 0
    used: bool = False
    faulty: bool = False  # an unknown name or selector, already reported


@dataclass
class SuppressionOutcome:
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)


def parse_directives(doc: Document) -> list[Directive]:
    """The directives in the document's real comments, in order, with the lines they may cover."""
    directives = []
    for start, end in doc.comments:
        parsed = parse(doc.text[start:end])
        if parsed is not None:
            directives.append(Directive(parsed.kind, list(parsed.selectors), parsed.reason, start, end))
    _scope(directives, doc)
    return directives


def _scope(directives: list[Directive], doc: Document) -> None:
    last_line = len(doc.line_starts)
    targets: dict[int, int] = {}  # line after a directive -> next non-blank line (many may share one)
    for directive in directives:
        directive.line = _line_of(doc, directive.start)
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, last_line
        elif directive.kind == "disable-next-line":
            after = _line_of(doc, directive.end) + 1
            if after not in targets:
                targets[after] = _next_non_blank_line(doc, after)
            directive.first_line = directive.last_line = targets[after]
        elif directive.kind == "disable":
            directive.first_line, directive.last_line = directive.line, last_line


def _line_of(doc: Document, original_offset: int) -> int:
    return doc.original_position(original_offset)[0]


def _next_non_blank_line(doc: Document, line: int) -> int:
    while line < len(doc.line_starts) and not doc.line_text(line).strip():
        line += 1
    return line


def apply_directives(doc: Document, findings: list[Finding], rules: list[Rule]) -> SuppressionOutcome:
    """Remove the findings the document's directives suppress, and add findings for directives with
    an unknown name or selector (checked against `rules`, the run's rules), without a reason, or
    without use: each only if its rule (`packs.meta`) is among `rules`, with that rule's severity."""
    directives = parse_directives(doc)
    chosen = {rule.id: rule for rule in rules}
    reported: list[Finding | None] = []
    known: dict[str, bool] = {}  # selector -> whether it names a rule of the run
    for directive in directives:
        problem = _problem(directive, rules, known)
        if problem is not None:
            reported.append(_meta(doc, directive, chosen.get(problem[0]), problem[1]))
            directive.faulty = True
    waivers = [d for d in directives if d.kind in KINDS and d.kind != "enable"]
    enables = [d for d in directives if d.kind == "enable"]
    coverage = _Coverage(waivers, enables)
    outcome = SuppressionOutcome([])
    for finding in findings:
        waiver = coverage.first(finding)
        if waiver is None:
            outcome.findings.append(finding)
        else:
            waiver.used = True
            outcome.suppressed.append(Suppressed(finding, waiver.reason, waiver.line))
    for directive in waivers:
        if not directive.reason:
            message = "Suppression without a reason: add one after '--'."
            reported.append(_meta(doc, directive, chosen.get(WITHOUT_REASON), message))
        if not directive.used and not directive.faulty:  # a faulty one is reported once, for its fault
            message = "This suppression suppresses nothing: remove it."
            reported.append(_meta(doc, directive, chosen.get(UNUSED), message))
    outcome.findings += [finding for finding in reported if finding is not None]
    outcome.findings.sort(key=Finding.sort_key)
    return outcome


class _Coverage:
    """The first waiver in the page that covers a finding: on its lines, naming its rule, and for a
    `disable`, before the first later `enable` that names that rule. Worked out once per rule, so
    thousands of directives cost time linear in them (trying every waiver per finding was quadratic).
    """

    def __init__(self, waivers: list[Directive], enables: list[Directive]) -> None:
        self._waivers, self._enables = waivers, enables
        self._for_rule: dict[tuple[str, str], _RuleWaivers] = {}

    def first(self, finding: Finding) -> Directive | None:
        key = (finding.rule, finding.category)
        found = self._for_rule.get(key)
        if found is None:
            found = self._for_rule[key] = _RuleWaivers(_naming(self._waivers, key), _naming(self._enables, key))
        return found.first(finding.line)


def _naming(directives: list[Directive], key: tuple[str, str]) -> list[Directive]:
    """The directives, in page order, whose selectors choose the rule `key` (rule id, category);
    each distinct list of selectors is matched once."""
    verdicts: dict[tuple[str, ...], bool] = {}
    chosen = []
    for directive in directives:
        selectors = tuple(directive.selectors)
        verdict = verdicts.get(selectors)
        if verdict is None:
            verdict = verdicts[selectors] = not selectors or any(selector_matches(s, *key) for s in selectors)
        if verdict:
            chosen.append(directive)
    return chosen


class _RuleWaivers:
    """One rule's waivers, indexed by the lines they cover. Between two `enable`s of the rule, the
    first `disable` covers every line a later one does, so only it is kept."""

    def __init__(self, waivers: list[Directive], enables: list[Directive]) -> None:
        self._next_line: dict[int, Directive] = {}
        self._file: Directive | None = None
        self._disables: list[Directive] = []  # the first disable after each enable (or the start)
        self._ends: list[int] = []  # the line of the enable that ends each of them
        enable_starts = [e.start for e in enables]
        last_segment = -1
        for waiver in waivers:
            if waiver.kind == "disable-next-line":
                self._next_line.setdefault(waiver.first_line, waiver)
            elif waiver.kind == "disable-file":
                self._file = self._file or waiver
            else:
                segment = bisect.bisect_right(enable_starts, waiver.start)
                if segment != last_segment:
                    last_segment = segment
                    self._disables.append(waiver)
                    self._ends.append(enables[segment].line if segment < len(enables) else sys.maxsize)

    def first(self, line: int) -> Directive | None:
        candidates = [self._next_line.get(line), self._file]
        k = bisect.bisect_left(self._ends, line)  # disables before k end above `line`; ends only grow
        if k < len(self._disables) and self._disables[k].line <= line:
            candidates.append(self._disables[k])
        return min((d for d in candidates if d is not None), key=lambda d: d.start, default=None)


def _problem(directive: Directive, rules: list[Rule], known: dict[str, bool]) -> tuple[str, str] | None:
    """The rule and message for a directive whose name, or one of whose selectors, names nothing
    (`known` remembers each selector's answer)."""
    if directive.kind not in KINDS:
        names = ", ".join(f"copylint-{kind}" for kind in KINDS)
        message = f"Unknown directive 'copylint-{directive.kind}': it suppresses nothing (known: {names})."
        return UNKNOWN_DIRECTIVE, message
    for selector in directive.selectors:
        if selector not in known:
            known[selector] = any(selector_matches(selector, r.id, r.category) for r in rules)
    unknown = [s for s in directive.selectors if not known[s]]
    if not unknown:
        return None
    message = f"No rule, pack or category of this run is called '{unknown[0]}': the directive does not apply to it."
    return UNKNOWN_SELECTOR, message


def _meta(doc: Document, directive: Directive, rule: Rule | None, message: str) -> Finding | None:
    """A finding of one of copylint's own rules at the directive (None when the run does not use the
    rule). Its fingerprint is the directive's text, so a baseline can accept it like any finding."""
    if rule is None:
        return None
    text = doc.text[directive.start : directive.end]
    return rule_finding(
        rule,
        doc.path,
        doc.original_position(directive.start),
        doc.original_position(directive.end),
        text,
        message=message,
        suggestion=rule.suggest,
        words=text,
        context=text,
    )
