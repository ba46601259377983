"""Properties of the Markdown and HTML readers over generated pages with seeded claims.

Every seeded claim is found once, and the span a finding reports in the original file holds
exactly the claim's words once markup is taken away; claims in code, URLs and comments never are.
COPYLINT_HYPOTHESIS_EXAMPLES sets the number of examples per property (a longer run: 2000).
"""

from __future__ import annotations

import html
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.engine import Engine
from linter.findings import Finding
from linter.readers import read_text
from linter.text.document import Document

from conftest import dense

CLAIMS = ["no side effects", "no adverse effects", "no complications"]
FILLER = ["We are open on weekdays.", "Tom &amp; Jerry run the front desk.", "Parking is next door."]
EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

MD_WORD = ["{}", "**{}**", "*{}*", "_{}_", "[{}](https://x.example/no-side-effects)", "<span>{}</span>"]
MD_GAP = [" ", "  ", "\n"]
MD_BLOCK = ["{}", "## {}", "- {}", "1. {}", "> {}", "| Claim | {} |\n| --- | --- |\n| a | b |"]
MD_DECOY = [
    "```\nno side effects\n```",
    "Code:\n\n    no adverse effects in indented code",
    "Run `no complications` here.",
    "See <https://x.example/no-side-effects>.",
    "<!-- no side effects -->",
    "[Read more](https://x.example/no-complications)",
]
HTML_WORD = ["{}", "<em>{}</em>", "<b>{}</b>", '<span class="x">{}</span>', '<a href="/no-side-effects">{}</a>']
HTML_GAP = [" ", "\n", "&nbsp;", " <!-- no side effects --> ", "</em> <em>"]
HTML_BLOCK = [
    "<p>{}</p>",
    "<h2>{}</h2>",
    "<ul><li>{}</li></ul>",
    "<table><tr><td>{}</td></tr></table>",
    "<div>{}",
    '<img src="a.png" alt="{}">',
    '<a href="/x" title="{}">more</a>',
]
HTML_DECOY = [
    "<script>var a = 'no side effects';</script>",
    "<style>p::after { content: 'no complications' }</style>",
    "<pre>no adverse effects</pre>",
    "<p><code>no side effects</code></p>",
    '<p data-claim="no side effects"><a href="/no-complications">Read</a></p>',
    "<!-- <p>no adverse effects</p> -->",
]


@st.composite
def pages(draw: st.DrawFn, words: list[str], gaps: list[str], blocks: list[str], decoys: list[str], html_page: bool):
    claims, parts = [], []
    for _ in range(draw(st.integers(1, 4))):
        claim = draw(st.sampled_from(CLAIMS))
        block = draw(st.sampled_from(blocks))
        # Inside an attribute or a one-line block, words are separated by spaces only.
        one_line = ("=" in block) if html_page else block not in ("{}", "> {}")
        decorate = [draw(st.sampled_from(["{}"] if "=" in block else words)) for _ in claim.split()]
        phrase = ""
        for i, (word, form) in enumerate(zip(claim.split(), decorate, strict=True)):
            if i:
                phrase += " " if one_line else _gap(draw, gaps, form, decorate[i - 1])
            phrase += form.format(word)
        filler = draw(st.sampled_from(FILLER))
        text = f"{filler} Our shots have {phrase}." if "=" not in block else f"Shots with {phrase}"
        parts.append(block.format(text))
        claims.append(claim)
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(decoys)))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    separator = "\n" if html_page else "\n\n"
    body = separator.join(parts)
    page = f"<html><body>\n{body}\n</body></html>\n" if html_page else body + "\n"
    return page.replace("\n", newline), claims


def _gap(draw: st.DrawFn, gaps: list[str], form: str, previous: str) -> str:
    gap = draw(st.sampled_from(gaps))
    return " " if gap == "</em> <em>" and not (previous.endswith("</em>") and form.startswith("<em>")) else gap


def _span(doc: Document, finding: Finding) -> str:
    start = doc.line_starts[finding.line - 1] + finding.column - 1
    end = doc.line_starts[finding.end_line - 1] + finding.end_column - 1
    return doc.text[start:end]


def _markdown_words(span: str) -> str:
    span = re.sub(r"\]\([^)]*\)|<[^>]*>", " ", span)
    return " ".join(re.sub(r"[*_\[]", " ", span).split())


def _html_words(span: str) -> str:
    span = re.sub(r"<!--.*?-->|<[^>]*>", " ", span, flags=re.DOTALL)
    return " ".join(html.unescape(span).split())


def _check(engine: Engine, page: str, claims: list[str], path: str, words) -> None:
    doc = read_text(page, path)
    findings = [f for f in engine.lint(doc) if f.rule == "demo/no-harms"]
    assert [words(_span(doc, f)).lower() for f in findings] == claims
    for finding in findings:
        assert _span(doc, finding) == finding.match


@SETTINGS
@given(pages(MD_WORD, MD_GAP, MD_BLOCK, MD_DECOY, html_page=False))
def test_markdown_spans_hold_the_claim(demo_engine, generated):
    page, claims = generated
    _check(demo_engine, page, claims, "page.md", _markdown_words)


# Before a page: front matter (its slug is not shown), or an unterminated block that is page text.
MD_FRONT_MATTER = [
    "",
    "---\ntitle: Knee clinic\nslug: no-side-effects\n---\n",
    "+++\nslug = 'no-complications'\n+++\n",
    "---\ntitle: Knee clinic\n\n",
]
# After a page: a fence that is never closed, so code to the end of the file.
MD_OPEN_FENCE = ["", "```\nno side effects\n", "~~~ js\nno adverse effects\n\nstill code: no complications\n"]


@SETTINGS
@given(
    pages(MD_WORD, MD_GAP, MD_BLOCK, MD_DECOY, html_page=False),
    st.sampled_from(MD_FRONT_MATTER),
    st.sampled_from(MD_OPEN_FENCE),
)
def test_markdown_front_matter_and_an_unclosed_fence_leave_the_prose_in_place(demo_engine, generated, front, fence):
    page, claims = generated
    _check(demo_engine, f"{front}{page}\n{fence}", claims, "page.md", _markdown_words)


@SETTINGS
@given(pages(HTML_WORD, HTML_GAP, HTML_BLOCK, HTML_DECOY, html_page=True))
def test_html_spans_hold_the_claim(demo_engine, generated):
    page, claims = generated
    _check(demo_engine, page, claims, "page.html", _html_words)


MARKUP_ALPHABET = st.sampled_from(
    [*"<>/!-=\"'&#;x[]()*_`|~\\ \n\r\tap", "<p>", "</p>", "&amp;", "```", "---", "<![", "<!", "<!--", "-->"]
)


@SETTINGS
@given(st.lists(MARKUP_ALPHABET, max_size=80).map("".join), st.sampled_from(["a.md", "a.html"]))
def test_any_input_gives_a_consistent_offset_map(text, path):
    doc = read_text(text, path)
    if doc.offsets is None:
        assert len(doc.lintable) == len(text)
    else:
        offsets = dense(doc.offsets)
        assert len(offsets) == len(doc.lintable) + 1 and offsets[-1] == len(text)
        assert offsets == sorted(offsets)
