"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One reportingDescriptor per rule the run used (copylint's own checks on suppressions included),
results with physical locations (columns in Unicode code points), the rule's replacement as a fix,
partial fingerprints for stable tracking across commits, `suppressions` entries carrying the
reviewer's reason, and one
invocation whose notifications carry the run's notes and errors: a consumer can tell from the log
alone that a file was skipped or the results are incomplete (SARIF 2.1.0, appendix I).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, LintResult
from ..packs.model import Rule
from .jsonpieces import json_pieces

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: LintResult, color: bool = False) -> str:
    return "".join(pieces(result, color))


def pieces(result: LintResult, color: bool = False) -> Iterator[str]:
    """The log in pieces, each result made and encoded only as it is written."""
    descriptors: dict[str, dict[str, Any]] = {rule.id: _descriptor(rule) for rule in result.rules}
    all_findings = [(f, None) for f in result.findings] + [(s.finding, s.reason) for s in result.suppressed]
    # results by place, then rule: sorted before they are made, as they are made while written
    all_findings.sort(key=lambda pair: (artifact_uri(pair[0].path), pair[0].line, pair[0].column, pair[0].rule))
    index = {rule_id: i for i, rule_id in enumerate(descriptors)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copylint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": list(descriptors.values()),
                    }
                },
                "invocations": [_invocation(result)],
                "columnKind": "unicodeCodePoints",
                "results": (_result(f, reason, index[f.rule]) for f, reason in all_findings),
            }
        ],
    }
    yield from json_pieces(log)
    yield "\n"


def _descriptor(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.why or rule.message}\n\nSuggested wording: {rule.suggest}"
    references = "\n".join(f"- [{r.title}]({r.url})" for r in rule.references)
    descriptor = {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.why or rule.message},
        "help": {
            "text": help_text,
            "markdown": f"{rule.why or rule.message}\n\n**Suggested wording:** {rule.suggest}\n\n{references}".strip(),
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        # tags must be unique, and a built-in pack is named after its category
        "properties": {"category": rule.category, "tags": list(dict.fromkeys((rule.category, rule.pack)))},
    }
    if rule.references:
        descriptor["helpUri"] = rule.references[0].url
    return descriptor


def _invocation(result: LintResult) -> dict[str, Any]:
    """An error (a path that does not exist) means the results are incomplete and the run exits 2,
    so the execution is not successful; a note (a skipped file, a rule's timeout) only informs."""
    notifications = [_notification("note", note) for note in result.notes]
    notifications += [_notification("error", error) for error in result.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notification(level: str, text: str) -> dict[str, Any]:
    return {"level": level, "message": {"text": text}}


def _result(finding: Finding, reason: str | None, rule_index: int) -> dict[str, Any]:
    properties: dict[str, Any] = {"category": finding.category}
    if finding.related:  # rules of other categories that flagged the same words (see `engine.run`)
        properties["related"] = list(finding.related)
    result = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{finding.message} Suggested wording: {finding.suggestion}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.path)},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column,
                        "snippet": {"text": finding.match},
                    },
                }
            }
        ],
        "properties": properties,
    }
    if finding.replacement is not None:
        result["fixes"] = [_fix(finding)]
    if finding.fingerprint:
        result["partialFingerprints"] = {"copylintFingerprint/v1": finding.fingerprint}
    if reason is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": reason or "(no reason given)"}]
    return result


def _fix(finding: Finding) -> dict[str, Any]:
    """The rule's replacement for the finding's words (SARIF 2.1.0, 3.55): what `--fix` applies if
    it is safe, and `--unsafe-fixes` otherwise (copylint places it only in page text, not in markup)."""
    safety = "safe" if finding.fix_safe else "unsafe: reread the sentence"
    return {
        "description": {"text": f"Replace with: {finding.replacement} ({safety})"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(finding.path)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                        },
                        "insertedContent": {"text": finding.replacement},
                    }
                ],
            }
        ],
        "properties": {"safe": finding.fix_safe},
    }


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (GitHub resolves them against the checkout); others become file URIs."""
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(path).as_uri()
    return quote(pure.as_posix())


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("/", "-").split("-"))
