"""Inline suppression directives, with the reasons a compliance reviewer needs to audit them.

    <!-- copylint-disable-next-line fda-status/fda-approved -- approved indication, see label -->
    # copylint-disable superlative-misleading -- quoting a regulator's warning
    # copylint-enable superlative-misleading
    <!-- copylint-disable-file endorsement-testimonial -- page of regulator findings -->

Selectors are rule ids, pack names or categories (none: every rule). A directive without a reason
still suppresses but is itself reported, and so is a directive that suppresses nothing: waivers
must stay deliberate and visible, the way ruff reports unused `noqa` comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding, Suppressed
from ..packs.select import selector_matches
from ..text.directives import DIRECTIVE, MARKER
from ..text.document import Document

WITHOUT_REASON = "copylint/suppression-without-reason"
UNUSED = "copylint/unused-suppression"
META_CATEGORY = "suppression"


@dataclass
class Directive:
    kind: str
    selectors: list[str]
    reason: str
    start: int  # offsets in the original text
    end: int
    first_line: int = 0  # lines it covers, filled in by _scope
    last_line: int = 0
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.selectors or any(selector_matches(s, finding.rule, finding.category) for s in self.selectors)


@dataclass
class SuppressionOutcome:
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)


def parse_directives(doc: Document) -> list[Directive]:
    if MARKER not in doc.text:  # nearly every file: skip the regex scan
        return []
    directives = []
    for m in DIRECTIVE.finditer(doc.text):
        body = m.group("body").strip()
        rules_part, _, reason = body.partition("--")
        selectors = [s.strip() for s in rules_part.replace(",", " ").split() if s.strip()]
        directives.append(Directive(m.group("kind"), selectors, reason.strip(), m.start(), m.end()))
    _scope(directives, doc)
    return directives


def _scope(directives: list[Directive], doc: Document) -> None:
    last_line = len(doc.line_starts)
    for index, directive in enumerate(directives):
        line = _line_of(doc, directive.start)
        if directive.kind == "disable-file":
            directive.first_line, directive.last_line = 1, last_line
        elif directive.kind == "disable-next-line":
            target = _next_non_blank_line(doc, _line_of(doc, directive.end) + 1)
            directive.first_line = directive.last_line = target
        elif directive.kind == "disable":
            directive.first_line, directive.last_line = line, last_line
            for later in directives[index + 1 :]:
                if later.kind == "enable" and (not later.selectors or set(later.selectors) & set(directive.selectors)):
                    directive.last_line = _line_of(doc, later.start)
                    break


def _line_of(doc: Document, original_offset: int) -> int:
    return doc.original_position(original_offset)[0]


def _next_non_blank_line(doc: Document, line: int) -> int:
    while line < len(doc.line_starts) and not doc.line_text(line).strip():
        line += 1
    return line


def read_directives(doc: Document) -> tuple[Document, list[Directive]]:
    """The document's directives, and the document with them hidden from the rules (a directive is
    never a claim)."""
    directives = parse_directives(doc)
    if directives:
        doc = doc.masked([(d.start, d.end) for d in directives])
    return doc, directives


def apply_directives(doc: Document, directives: list[Directive], findings: list[Finding]) -> SuppressionOutcome:
    """Remove suppressed findings, and add findings for directives without reason or use."""
    directives = [d for d in directives if d.kind != "enable"]
    outcome = SuppressionOutcome([])
    for finding in findings:
        directive = next((d for d in directives if d.covers(finding)), None)
        if directive is None:
            outcome.findings.append(finding)
        else:
            directive.used = True
            outcome.suppressed.append(Suppressed(finding, directive.reason, _line_of(doc, directive.start)))
    for directive in directives:
        if not directive.reason:
            message = "Suppression without a reason: add one after '--'."
            outcome.findings.append(_meta(doc, directive, WITHOUT_REASON, message))
        if not directive.used:
            outcome.findings.append(_meta(doc, directive, UNUSED, "This suppression suppresses nothing: remove it."))
    outcome.findings.sort(key=Finding.sort_key)
    return outcome


def _meta(doc: Document, directive: Directive, rule: str, message: str) -> Finding:
    line, column = doc.original_position(directive.start)
    end_line, end_column = doc.original_position(directive.end)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule,
        category=META_CATEGORY,
        severity="warning",
        message=message,
        match=doc.text[directive.start : directive.end],
        suggestion="Keep a reason on every waiver: reviewers audit them.",
    )
