"""A plain-text document whose typography was normalised keeps its original as the lintable text
plus the differences, and reads back exactly the original's slices, lines and positions."""

from __future__ import annotations

import os
import sys
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers import read_text
from linter.text.document import Document
from linter.text.patched import PatchedText

EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
# Replaced one for one (curly quotes, a dash, a no-break space, fullwidth and math bold letters, a
# Cyrillic o), removed (soft hyphen, zero-width joiner, a tag character), expanded (ligatures), kept
# (an emoji inside the math letters' astral range and one past it), line ends.
CHARS = (
    "ab <>.\r\n\u2019\u201c\u2014\u00a0\uff21\U0001d41a\u043e"
    "\u00ad\u200d\U000e0073\ufb01\ufb03\U0001d7ce\U0001f600\u00e9"
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.text(alphabet=CHARS, max_size=80), data=st.data())
def test_a_patched_original_reads_back_as_the_original(text, data):
    doc = Document.from_text(text)
    cut = st.integers(0, len(text))
    start, end = sorted((data.draw(cut), data.draw(cut)))
    assert doc.text[start:end] == text[start:end]
    assert str(doc.text) == text and len(doc.text) == len(text)
    assert doc.text.rfind("<", 0, end) == text.rfind("<", 0, end)
    if text:
        at = data.draw(st.integers(0, len(text) - 1))
        assert doc.text[at] == text[at]
    kept_whole = Document(doc.path, text, doc.lintable)  # the same document with its original as a string
    assert doc.line_starts == kept_whole.line_starts
    lines = range(1, len(doc.line_starts) + 1)
    assert [doc.line_text(line) for line in lines] == [kept_whole.line_text(line) for line in lines]


def test_only_plain_text_that_normalising_changed_is_patched():
    assert isinstance(Document.from_text("It\u2019s \u201cproven\u201d.").text, PatchedText)
    assert isinstance(Document.from_text("soft\u00adhyphen \ufb01x \u2019").text, PatchedText)
    assert isinstance(Document.from_text("It's proven.").text, str)  # nothing changed: one string already
    assert isinstance(read_text("<p>It\u2019s</p>", "page.html").text, str)  # the reader masked markup


def test_a_large_plain_text_file_is_held_once():
    """A line of copy as it comes from a word processor: curly quotes, a dash, a soft hyphen, an emoji."""
    unit = (
        "Our \u201cregenerative\u201d protocol uses your own cells \u2014 it\u2019s the most advanced "
        "option we offer, and many patients ask about it at their first consul\u00adtation. \U0001f525 "
        "Book a visit to learn whether it fits your goals and your schedule this season.\r\n"
    )
    tracemalloc.start()
    try:
        doc = Document.from_text(unit * 5_000)  # the read text: held by the document alone
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 1.2 * sys.getsizeof(doc.lintable)  # a second full copy would make it 2
    assert doc.line_text(5_000) == unit.rstrip("\r\n")
