"""A plain-text document whose typography was normalised keeps its original as the lintable text
plus the differences, and reads back exactly the original's slices, lines and positions."""

from __future__ import annotations

import os
import sys
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers import Source, read_document, read_text
from linter.text import utf8
from linter.text.document import Document
from linter.text.patched import PatchedText
from linter.text.textnorm import normalize

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


def test_reading_a_large_file_never_holds_the_text_and_its_lintable_text_whole(tmp_path):
    """Typographic copy with the odd character past U+00FF ("\u2122") is two bytes a character as a
    string, original and lintable alike: decoded whole, then normalised, the peak is over four times
    the file. A piece at a time: the bytes and the lintable pieces (mostly one byte a character
    once quotes are straightened), then the pieces and the joined text."""
    page = tmp_path / "copy.txt"
    line = (
        "Ask about our regenerative protocol at your first visit, where the physician reviews your history, "
        "your imaging and the treatments you have tried so far; it\u2019s one of several options we discuss, "
        "and we explain what is and is not known about each of them before you decide anything at all.\n"
    )
    page.write_text((line * 200 + "Our Protocol\u2122.\n") * 60, encoding="utf-8")
    size = page.stat().st_size
    tracemalloc.start()
    try:
        doc = read_document(Source(str(page), explicit=True))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3.3 * size
    assert str(doc.text) == page.read_text(encoding="utf-8")


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.text(alphabet=CHARS, max_size=80), piece=st.integers(1, 9))
def test_decoding_a_piece_at_a_time_gives_the_texts_of_decoding_whole(text, piece):
    """Pieces of a few bytes split characters, runs of replaced or removed characters and ligatures."""
    whole = Document.from_text(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(utf8, "PIECE_BYTES", piece)
        pieces = Document.from_utf8([text.encode("utf-8")])
    assert pieces is not None
    assert pieces.lintable == whole.lintable == normalize(text).lintable
    assert str(pieces.text) == text and len(pieces.text) == len(text)
    assert [pieces.original_offset(i) for i in range(len(whole.lintable) + 1)] == [
        whole.original_offset(i) for i in range(len(whole.lintable) + 1)
    ]
    assert [pieces.lintable_offset(i) for i in range(len(text) + 1)] == [
        whole.lintable_offset(i) for i in range(len(text) + 1)
    ]
    assert list(pieces.line_starts) == list(whole.line_starts)


def test_data_that_is_not_utf8_comes_back_to_be_read_otherwise():
    owned = [b"caf\xe9 \xe2\x80\x99"]
    assert Document.from_utf8(owned) is None and owned == [b"caf\xe9 \xe2\x80\x99"]
