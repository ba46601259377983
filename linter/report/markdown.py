"""`--format markdown`: a summary table and the findings grouped by file, for a pull-request comment
or GitHub's job summary (`>> "$GITHUB_STEP_SUMMARY"`).

GitHub-flavoured Markdown: page text and rule text are escaped so that a claim holding `|`, `*`,
`<` or a backtick cannot break the table or turn into markup; each file's findings sit in a
collapsible `<details>` block so a long run stays readable.
"""

from __future__ import annotations

from collections import Counter

from ..display import shown
from ..findings import Finding, LintResult
from ..packs.model import SEVERITIES
from . import plural

SEVERITY_ORDER = tuple(reversed(SEVERITIES))
MAX_WORDS = 120  # characters of the matched words shown in a table cell
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&"})  # what is markup in the middle of a line


def render(result: LintResult, color: bool = False) -> str:
    lines = ["## copylint report", "", _headline(result), ""]
    if result.findings:
        lines += _summary_table(result.findings)
        by_file: dict[str, list[Finding]] = {}
        for finding in result.findings:
            by_file.setdefault(finding.path, []).append(finding)
        for path, findings in by_file.items():
            lines += _file_block(path, findings)
    problems = [f"- error: {_cell(e)}" for e in result.errors] + [f"- note: {_cell(n)}" for n in result.notes]
    if problems:
        lines += ["### Notes", "", *problems, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _headline(result: LintResult) -> str:
    total = len(result.findings)
    counts = Counter(f.severity for f in result.findings)
    severities = ", ".join(f"{counts[s]} {s}" for s in SEVERITY_ORDER if counts[s])
    found = f"**{plural(total, 'finding')}** ({severities})" if total else "**No findings**"
    extra = [f"{len(result.suppressed)} waived"] if result.suppressed else []
    extra += [f"{result.baselined} accepted by the baseline"] if result.baselined else []
    return f"{found} in {plural(result.files, 'file')}" + (f"; {', '.join(extra)}" if extra else "") + "."


def _summary_table(findings: list[Finding]) -> list[str]:
    counts = Counter((f.category, f.severity) for f in findings)
    totals = Counter(f.category for f in findings)
    lines = [
        "| Category | " + " | ".join(SEVERITY_ORDER) + " | total |",
        "| --- | " + " | ".join("---:" for _ in SEVERITY_ORDER) + " | ---: |",
    ]
    for category in sorted(totals, key=lambda c: (-totals[c], c)):
        cells = " | ".join(str(counts[category, s]) for s in SEVERITY_ORDER)
        lines.append(f"| {_cell(category)} | {cells} | {totals[category]} |")
    return [*lines, ""]


def _file_block(path: str, findings: list[Finding]) -> list[str]:
    lines = [
        f"<details><summary><code>{_html(path)}</code>: {plural(len(findings), 'finding')}</summary>",
        "",
        "| Line | Severity | Rule | Words | Message | Suggested wording |",
        "| ---: | --- | --- | --- | --- | --- |",
    ]
    for f in findings:
        words = f.match if len(f.match) <= MAX_WORDS else f.match[: MAX_WORDS - 1] + "…"
        lines.append(
            f"| {f.line}:{f.column} | {f.severity} | `{_code(f.rule)}`{_also(f)} | {_cell(words)} | {_cell(f.message)} "
            f"| {_cell(f.suggestion)} |"
        )
    return [*lines, "", "</details>", ""]


def _also(finding: Finding) -> str:
    """Other rules that flag the same words, after the rule that reports them."""
    return "".join(f"<br>also `{_code(rule)}`" for rule in finding.related)


def _cell(text: str) -> str:
    """Text inside a table cell or list item: on one line, control characters shown, markup escaped."""
    return shown(" ".join(text.split())).translate(_ESCAPED)


def _code(text: str) -> str:
    """A rule id inside backticks (ids are [a-z0-9/-]; a pack from elsewhere could hold anything)."""
    return shown(text).replace("`", "'").replace("|", "\\|")


def _html(text: str) -> str:
    return shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
