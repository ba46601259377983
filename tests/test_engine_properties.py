"""Properties of linting any text with the built-in packs (hypothesis).

COPYLINT_HYPOTHESIS_EXAMPLES sets the number of examples per property (a longer run: 2000).
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import lint_text, load_engine

ENGINE = load_engine()
LOCAL = load_engine(ignore=["learned", "unapproved-use/product-treats-condition"])
EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
CLAIMS = [
    "Our stem cell injections have no side effects.",
    "Amniotic fluid may help with knee arthritis.",
    "This FDA-approved therapy cures COPD!",
    "Studies show a 95% success rate.",
    "Is stem cell therapy FDA approved?",
    "Stem cell therapy is not FDA approved.",
    "\u201cMy pain was gone after one shot,\u201d says Maria.",
    "A miracle for\njoint pain.",
]
FRAGMENTS = st.one_of(
    st.sampled_from(CLAIMS),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n", " ", "\u00ad", "\u200b", "\u00a0", "U.S. ", "Dr. ", "e.g. "]),
)
DOCUMENTS = st.lists(FRAGMENTS, max_size=12).map("".join)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _offset(text: str, line: int, column: int) -> int:
    starts = [0]
    index = 0
    while index < len(text):
        if text[index] == "\r" and text[index + 1 : index + 2] == "\n":
            index += 2
            starts.append(index)
            continue
        if text[index] in "\r\n":
            starts.append(index + 1)
        index += 1
    return starts[line - 1] + column - 1


@SETTINGS
@given(DOCUMENTS)
def test_findings_point_at_their_match_and_are_deterministic(text):
    findings = lint_text(text, engine=ENGINE)
    assert findings == lint_text(text, engine=ENGINE)
    for f in findings:
        start, end = _offset(text, f.line, f.column), _offset(text, f.end_line, f.end_column)
        assert text[start:end] == f.match


@SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_findings_of_two_documents_are_each_documents_findings_shifted(first, second):
    """Sentence by sentence, that is: a page's topic and its lists reach across the join, so the
    rules that read them (the learned detector, stand-ins for a product) are left out, and the join
    ends any list ("." is a sentence)."""
    separator = "\n\n.\n\n"
    joined = first + separator + second
    lines_before = len(lint_text_lines(first + separator))
    expected = [(f.rule, f.line, f.column, f.match) for f in lint_text(first, engine=LOCAL)]
    expected += [(f.rule, f.line + lines_before - 1, f.column, f.match) for f in lint_text(second, engine=LOCAL)]
    actual = [(f.rule, f.line, f.column, f.match) for f in lint_text(joined, engine=LOCAL)]
    assert sorted(actual) == sorted(expected)


def lint_text_lines(text: str) -> list[str]:
    """Lines as copylint counts them (LF, CRLF and CR all end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
