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

from dataclasses import dataclass, field

from ..findings import Finding, Suppressed, fingerprints
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

    def names(self, finding: Finding) -> bool:
        """Whether its selectors choose the finding's rule (no selector: every rule)."""
        return not self.selectors or any(selector_matches(s, finding.rule, finding.category) for s in self.selectors)


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
    for directive in directives:
        directive.line = _line_of(doc, directive.start)
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, last_line
        elif directive.kind == "disable-next-line":
            target = _next_non_blank_line(doc, _line_of(doc, directive.end) + 1)
            directive.first_line = directive.last_line = target
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
    for directive in directives:
        problem = _problem(directive, rules)
        if problem is not None:
            reported.append(_meta(doc, directive, chosen.get(problem[0]), problem[1]))
            directive.faulty = True
    waivers = [d for d in directives if d.kind in KINDS and d.kind != "enable"]
    enables = [d for d in directives if d.kind == "enable"]
    outcome = SuppressionOutcome([])
    for finding in findings:
        waiver = next((d for d in waivers if _covers(d, finding, enables)), None)
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


def _covers(directive: Directive, finding: Finding, enables: list[Directive]) -> bool:
    """A waiver covers a finding on its lines for a rule it names; a `disable` ends, for each rule,
    at the first later `enable` that names that rule."""
    if not (directive.first_line <= finding.line <= directive.last_line and directive.names(finding)):
        return False
    if directive.kind != "disable":
        return True
    end = next((e.line for e in enables if e.start > directive.start and e.names(finding)), None)
    return end is None or finding.line <= end


def _problem(directive: Directive, rules: list[Rule]) -> tuple[str, str] | None:
    """The rule and message for a directive whose name, or one of whose selectors, names nothing."""
    if directive.kind not in KINDS:
        names = ", ".join(f"copylint-{kind}" for kind in KINDS)
        message = f"Unknown directive 'copylint-{directive.kind}': it suppresses nothing (known: {names})."
        return UNKNOWN_DIRECTIVE, message
    unknown = [s for s in directive.selectors if not any(selector_matches(s, r.id, r.category) for r in rules)]
    if not unknown:
        return None
    message = f"No rule, pack or category of this run is called '{unknown[0]}': the directive does not apply to it."
    return UNKNOWN_SELECTOR, message


def _meta(doc: Document, directive: Directive, rule: Rule | None, message: str) -> Finding | None:
    """A finding of one of copylint's own rules at the directive (None when the run does not use the
    rule). Its fingerprint is the directive's text, so a baseline can accept it like any finding."""
    if rule is None:
        return None
    line, column = doc.original_position(directive.start)
    end_line, end_column = doc.original_position(directive.end)
    text = doc.text[directive.start : directive.end]
    ids = fingerprints(doc.path, rule.id, text, text)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        match=text,
        suggestion=rule.suggest,
        fingerprint=ids[0],
        identity=ids[1],
    )
