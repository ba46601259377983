"""`--format html`: one self-contained page a compliance reviewer can read, filter, print and mail.

The page has no network requests (a Content-Security-Policy forbids them): its style and script
are inline. It shows a summary (an SVG chart of findings by category and severity, files ranked by
findings), then each file as a reader sees it (`text.view`), each finding highlighted in its
category's colour and labelled in words, and a table of the file's findings. Focusing or clicking
a highlight or a row shows the finding's rule, why, references and suggested wording; the guidance
of each rule is written once, at the end, and the script shows it beside the finding. Waived
findings are shown greyed, with the reviewer's reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from importlib.resources import files

from .. import __version__
from ..findings import Finding, LintResult
from ..packs.model import SEVERITIES, Rule
from ..text.view import Passage, ReaderView
from . import plural

# Okabe and Ito's palette, told apart by colour-blind readers; every highlight also carries its label.
CATEGORY_COLORS = {
    "safety-absolute": "#E69F00",
    "efficacy-guarantee": "#56B4E9",
    "fda-status": "#CC79A7",
    "unapproved-use": "#F0E442",
    "unsubstantiated-evidence": "#009E73",
    "endorsement-testimonial": "#0072B2",
    "superlative-misleading": "#D55E00",
}
OTHER_COLOR = "#999999"  # copylint's own rules (suppression checks)
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # error first
CHART_WIDTH = 360
MAX_WORDS = 160  # characters of a finding's words in its row (the text above shows them all)


@dataclass(frozen=True)
class _Shown:
    """A finding as the report lists it: its number, and the waiver's reason if it was waived."""

    number: int
    finding: Finding
    waiver: str | None


def render(result: LintResult, color: bool = False) -> str:
    shown = [_Shown(i, f, None) for i, f in enumerate(result.findings)]
    shown += [_Shown(len(shown) + i, s.finding, s.reason) for i, s in enumerate(result.suppressed)]
    by_file: dict[str, list[_Shown]] = {}
    for item in sorted(shown, key=lambda s: s.finding.sort_key()):
        by_file.setdefault(item.finding.path, []).append(item)
    paths = sorted(by_file)
    rules = {rule.id: rule for rule in result.rules}
    suggestions = {rule.id: rule.suggest for rule in result.rules}
    used = sorted({item.finding.rule for item in shown})
    body = [
        _header(result),
        _filters(shown, paths),
        '<main id="report">',
        _summary(result, by_file),
        *(_file_section(i, path, by_file[path], result.views.get(path), suggestions) for i, path in enumerate(paths)),
        _guidance([rules[r] for r in used if r in rules]),
        "</main>",
        '<aside id="detail" aria-live="polite" aria-label="Selected finding" tabindex="-1">'
        "<p>Select a highlighted passage or a row to see its finding and the suggested wording.</p></aside>",
    ]
    return _page("\n".join(body))


def _page(body: str) -> str:
    assets = files(__package__)
    style = assets.joinpath("html_report.css").read_text(encoding="utf-8")
    script = assets.joinpath("html_report.js").read_text(encoding="utf-8")
    category_css = "\n".join(
        f".c-{name} {{ --tint: {tint}; }}" for name, tint in [*CATEGORY_COLORS.items(), ("other", OTHER_COLOR)]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # no request leaves the page: inline style and script only, images only as data
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f'<meta name="generator" content="copylint {escape(__version__)}">\n'
        "<title>copylint report</title>\n"
        f"<style>\n{style}\n{category_css}\n</style>\n</head>\n<body>\n{body}\n"
        f"<script>\n{script}\n</script>\n</body>\n</html>\n"
    )


def _header(result: LintResult) -> str:
    total = len(result.findings)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts = [
        plural(result.files, "file") + " linted",
        plural(total, "finding"),
        f"{len(result.suppressed)} waived",
        f"{result.baselined} accepted by the baseline",
    ]
    notes = "".join(f"<li>{escape(note)}</li>" for note in result.notes)
    errors = "".join(f'<li class="error">{escape(error)}</li>' for error in result.errors)
    problems = f'<details class="notes"><summary>Notes and errors</summary><ul>{errors}{notes}</ul></details>'
    return (
        "<header>\n<h1>copylint report</h1>\n"
        f'<p class="facts">{" · ".join(facts)}. Made by copylint {escape(__version__)} on {stamp}.</p>\n'
        + (problems if notes or errors else "")
        + "\n</header>"
    )


def _filters(shown: list[_Shown], paths: list[str]) -> str:
    categories = sorted({item.finding.category for item in shown})
    severities = [s for s in SEVERITY_ORDER if any(item.finding.severity == s for item in shown)]
    boxes = [
        _checkbox("category", c, _category_class(c), f"{c} ({sum(i.finding.category == c for i in shown)})")
        for c in categories
    ]
    levels = [
        _checkbox("severity", s, f"sev-{s}", f"{s} ({sum(i.finding.severity == s for i in shown)})") for s in severities
    ]
    options = "".join(f'<option value="{i}">{escape(path)}</option>' for i, path in enumerate(paths))
    return (
        '<nav id="filters" aria-label="Filters">\n'
        f"<fieldset><legend>Category</legend>{''.join(boxes)}</fieldset>\n"
        f"<fieldset><legend>Severity</legend>{''.join(levels)}</fieldset>\n"
        "<fieldset><legend>File and words</legend>"
        f'<label>File <select id="file-filter"><option value="">all files</option>{options}</select></label> '
        '<label>Search <input id="search" type="search" placeholder="rule, words, message"></label> '
        '<label><input id="show-waived" type="checkbox" checked> waived findings</label></fieldset>\n'
        f'<p id="shown-count" role="status">{plural(len(shown), "finding")} shown.</p>\n'
        "</nav>"
    )


def _checkbox(group: str, value: str, css_class: str, label: str) -> str:
    return (
        f'<label class="{css_class}"><input type="checkbox" data-filter="{group}" value="{escape(value)}" checked> '
        f'<span class="swatch" aria-hidden="true"></span>{escape(label)}</label>'
    )


def _summary(result: LintResult, by_file: dict[str, list[_Shown]]) -> str:
    active = [item.finding for items in by_file.values() for item in items if item.waiver is None]
    counts = Counter((f.category, f.severity) for f in active)
    categories = sorted({category for category, _ in counts}, key=lambda c: (-sum(counts[c, s] for s in SEVERITIES), c))
    table_rows = "".join(
        f"<tr>{_labelled('th', c)}"
        + "".join(f"<td>{counts[c, s]}</td>" for s in SEVERITY_ORDER)
        + f"<td>{sum(counts[c, s] for s in SEVERITIES)}</td></tr>"
        for c in categories
    )
    ranked = sorted(by_file.items(), key=lambda item: (-sum(s.waiver is None for s in item[1]), item[0]))
    numbers = {path: i for i, path in enumerate(sorted(by_file))}  # as the file sections are numbered
    file_rows = "".join(
        f'<tr><td><a href="#file-{numbers[path]}">{escape(path)}</a></td>'
        f"<td>{sum(s.waiver is None for s in items)}</td><td>{sum(s.waiver is not None for s in items)}</td></tr>"
        for path, items in ranked
    )
    clean = result.files - len(by_file)
    return (
        '<section id="summary" aria-labelledby="summary-title">\n<h2 id="summary-title">Summary</h2>\n'
        + (_chart(categories, counts) if active else "<p>No findings.</p>")
        + '\n<table class="counts"><caption>Findings by category and severity</caption>'
        + _head_row(["Category", *SEVERITY_ORDER, "total"])
        + f"<tbody>{table_rows}</tbody></table>\n"
        + '<table class="files"><caption>Files ranked by findings'
        + (f" ({plural(clean, 'file')} without findings not listed)" if clean > 0 else "")
        + "</caption>"
        + _head_row(["File", "findings", "waived"])
        + f"<tbody>{file_rows}</tbody></table>\n</section>"
    )


def _head_row(titles: list[str]) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{escape(t)}</th>' for t in titles) + "</tr></thead>"


def _labelled(tag: str, category: str) -> str:
    """A table cell naming a category, with its colour swatch."""
    scope = ' scope="row"' if tag == "th" else ""
    swatch = '<span class="swatch" aria-hidden="true"></span>'
    return f'<{tag}{scope} class="{_category_class(category)}">{swatch}{escape(category)}</{tag}>'


def _chart(categories: list[str], counts: Counter[tuple[str, str]]) -> str:
    """Horizontal bars, one per category, split by severity: the colour names the category, the
    pattern (solid, hatched, dotted) the severity, and the numbers are written beside each bar."""
    bar, gap, label_width = 18, 8, 190
    biggest = max(sum(counts[c, s] for s in SEVERITIES) for c in categories)
    height = len(categories) * (bar + gap) + 24
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="chart-title" width="{label_width + CHART_WIDTH + 80}" '
        f'height="{height}" viewBox="0 0 {label_width + CHART_WIDTH + 80} {height}">',
        '<title id="chart-title">Findings by category and severity</title>',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="3" height="6" fill="#fff" fill-opacity="0.55"/></pattern>'
        '<pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1.2" fill="#fff" fill-opacity="0.7"/></pattern></defs>',
    ]
    overlays = {"error": "", "warning": "url(#hatch)", "info": "url(#dots)"}
    for row, category in enumerate(categories):
        y = row * (bar + gap)
        x = float(label_width)
        tint = CATEGORY_COLORS.get(category, OTHER_COLOR)
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end">{escape(category)}</text>')
        written = []
        for severity in SEVERITY_ORDER:
            count = counts[category, severity]
            if not count:
                continue
            width = CHART_WIDTH * count / biggest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar}" fill="{tint}">'
                f"<title>{escape(category)}: {count} {severity}</title></rect>"
            )
            if overlays[severity]:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar}" fill="{overlays[severity]}"/>'
                )
            x += width
            written.append(f"{count} {severity}")
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar - 5}">{escape(", ".join(written))}</text>')
    legend_y = len(categories) * (bar + gap) + 14
    parts.append(
        f'<text x="{label_width}" y="{legend_y}" class="legend">solid: error · hatched: warning · dotted: info</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _file_section(
    index: int, path: str, items: list[_Shown], view: ReaderView | None, suggestions: dict[str, str]
) -> str:
    active = sum(item.waiver is None for item in items)
    waived = len(items) - active
    by_key = {(item.finding.line, item.finding.column, item.finding.rule): item for item in items}
    text = _view_html(view, by_key) if view is not None else ""
    counts = plural(active, "finding") + (f", {waived} waived" if waived else "")
    return (
        f'<section class="file" id="file-{index}" data-file="{index}" aria-labelledby="file-{index}-title">\n'
        f'<h2 id="file-{index}-title">{escape(path)} <small>({counts})</small></h2>\n'
        + (f'<div class="copy" aria-label="The text as a reader sees it">{text}</div>\n' if text else "")
        + _findings_table(index, items, suggestions)
        + "\n</section>"
    )


def _view_html(view: ReaderView, by_key: dict[tuple[int, int, str], _Shown]) -> str:
    return "".join(_passage_html(passage, by_key) for passage in view.passages)


def _passage_html(passage: Passage, by_key: dict[tuple[int, int, str], _Shown]) -> str:
    """The passage's text with one `<mark>` per finding; a mark that starts inside another nests
    in it, cut at the outer one's end when it would cross it."""
    marks = [m for m in passage.marks if m.key in by_key]
    out: list[str] = ['<p class="gap">[…]</p>' if passage.gap_before else "", '<div class="passage">']
    open_ends: list[int] = []
    at = 0
    for mark in marks:
        while open_ends and open_ends[-1] <= mark.start:
            at = _close(out, passage.text, at, open_ends.pop())
        end = min(mark.end, open_ends[-1]) if open_ends else mark.end
        out.append(_text(passage.text[at : mark.start]))
        out.append(_mark_tag(by_key[mark.key]))
        open_ends.append(end)
        at = mark.start
    while open_ends:
        at = _close(out, passage.text, at, open_ends.pop())
    out.append(_text(passage.text[at:]))
    out.append("</div>")
    return "".join(out)


def _close(out: list[str], text: str, at: int, end: int) -> int:
    out.append(_text(text[at:end]) + "</mark>")
    return max(at, end)


def _text(text: str) -> str:
    """Visible text as HTML: escaped (line breaks stay; the passage keeps them as it shows whitespace)."""
    return escape(text, quote=False)


def _mark_tag(item: _Shown) -> str:
    finding = item.finding
    label = "waived" if item.waiver is not None else finding.category
    waived = " waived" if item.waiver is not None else ""
    return (
        f'<mark class="finding {_category_class(finding.category)} sev-{finding.severity}{waived}" tabindex="0" '
        f'data-i="{item.number}" data-label="{escape(label)}" aria-describedby="finding-{item.number}">'
    )


def _findings_table(file_index: int, items: list[_Shown], suggestions: dict[str, str]) -> str:
    rows = [_finding_row(file_index, item, suggestions) for item in items]
    return (
        '<table class="findings">'
        + _head_row(["Line:col", "Severity", "Category", "Rule", "Finding"])
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _finding_row(file_index: int, item: _Shown, suggestions: dict[str, str]) -> str:
    """A finding's row: where, the rule, the words, and what the rule's guidance does not say
    already (a suggestion fitted to this finding, the detector's score, a waiver's reason)."""
    f = item.finding
    waived = item.waiver is not None
    words = f.match if len(f.match) <= MAX_WORDS else f.match[: MAX_WORDS - 1] + "…"
    details = [f"<q>{escape(words)}</q>"]
    if f.score is not None:
        evidence = escape(", ".join(f.evidence))
        details.append(f'<p class="score">Detector score {f.score:.2f}; words that weighed most: {evidence}</p>')
    if f.suggestion != suggestions.get(f.rule):  # the rule's own wording is in its guidance, once
        details.append(f'<p class="suggestion">Suggested: {escape(f.suggestion)}</p>')
    if f.related:  # other rules that flag the same words
        details.append(f'<p class="related">Also: {escape(", ".join(f.related))}</p>')
    if item.waiver is not None:
        details.append(f'<p class="waiver">Waived: {escape(item.waiver)}</p>')
    attributes = (
        f'id="finding-{item.number}" class="row sev-{f.severity}{" waived" if waived else ""}" tabindex="0" '
        f'data-i="{item.number}" data-file="{file_index}" data-category="{escape(f.category)}" '
        f'data-severity="{f.severity}" data-rule="{escape(f.rule)}" data-waived="{int(waived)}"'
    )
    return (
        f'<tr {attributes}><td class="loc">{f.line}:{f.column}</td><td>{f.severity}</td>'
        f"{_labelled('td', f.category)}<td><code>{escape(f.rule)}</code></td><td>{''.join(details)}</td></tr>"
    )


def _guidance(rules: Iterable[Rule]) -> str:
    """Each used rule's guidance once: why, references and suggested wording."""
    entries = []
    for rule in rules:
        references = "".join(
            f'<li><a href="{escape(r.url)}" rel="noreferrer">{escape(r.title)}</a></li>' for r in rule.references
        )
        entries.append(
            f'<article class="rule" id="rule-{escape(rule.id)}" data-rule="{escape(rule.id)}">'
            f"<h3><code>{escape(rule.id)}</code> <small>({escape(rule.category)}, {escape(rule.severity)})</small></h3>"
            f'<p class="message">{escape(rule.message)}</p>'
            + (f'<p class="why">{escape(rule.why)}</p>' if rule.why else "")
            + (f'<ul class="references">{references}</ul>' if references else "")
            + f'<p class="suggest">Suggested wording: {escape(rule.suggest)}</p></article>'
        )
    return (
        '<section id="guidance" aria-labelledby="guidance-title"><h2 id="guidance-title">Guidance by rule</h2>'
        + "".join(entries)
        + "</section>"
    )


def _category_class(category: str) -> str:
    return f"c-{category}" if category in CATEGORY_COLORS else "c-other"
