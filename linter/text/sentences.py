"""Sentence and clause boundaries for sentence rules, `unless` scopes and negation.

A small regex splitter (fast, predictable) that knows the cases clinic copy is full of: titles
and abbreviations ("Dr.", "U.S.", "e.g."), decimals, numbered and bulleted lists, headings on
their own line, and hard-wrapped paragraphs whose sentences continue on the next line.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from ..cache import LazyPattern

_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "u.s",
        "u.k",
        "u.s.a",
        "approx",
        "fig",
        "figs",
        "no",
        "nos",
        "vol",
        "dept",
        "est",
        "mt",
        "ft",
        "ph.d",
        "md",
        "m.d",
        "d.o",
        "do",
        "a.m",
        "p.m",
        "al",
        "cf",
        "ca",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# End punctuation followed by space and something that can start a sentence.
_END = LazyPattern(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[\p{Lu}\p{N}])|[!?]+["')\]]*(?=\s)""")
_WORD_BEFORE = LazyPattern(r"(\p{L}[\p{L}.]*)\.$")
_BULLET = LazyPattern(r"[ \t]*(?:[-*+\u2022\u25aa\u25cf\u2023\u2043]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+\S")
_SYMBOL_BULLET = LazyPattern(r"[-*+\u2022\u25aa\u25cf\u2023\u2043][ \t]+\S")  # not "A." (an initial) or "3." (a year)
_LINE = LazyPattern(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_MARKER = LazyPattern(r"\s*(?:\d{1,3}|[a-zA-Z])\.")
_SPACED_ELLIPSIS = LazyPattern(r"\.\s\.\s?\.$")  # ". . ." marks words left out of a quotation
_WRAPPED_LINE_MIN = 50
MAX_SENTENCE = 3000  # characters; real sentences are far shorter
MAX_LIST_ITEM = 150  # characters: a longer sentence after a lead-in is prose, and ends the list
MAX_LIST_ITEMS = 40
MAX_HEADING_WORDS = 12
HEADING, ITEM = "heading", "item"  # what a reader's markup makes a sentence (list_lead_ins's `kinds`)
_TRAILING = " \t\"')]*"


class Spans(Sequence[tuple[int, int]]):
    """(start, end) spans kept as two arrays: sixteen bytes a sentence, where a list of tuples takes
    eight times that (clinic copy has about 11,000 sentences a megabyte). `starts` is sorted, for
    `bisect`."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")

    def append(self, span: tuple[int, int]) -> None:
        self.starts.append(span[0])
        self.ends.append(span[1])

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)


def sentence_spans(text: str) -> Spans:
    """Split `text` into (start, end) spans covering it, one per sentence, trimmed of spaces."""
    spans = Spans()
    for block_start, block_end in _blocks(text):
        start = block_start
        for m in _END.finditer(text, block_start, block_end):
            end = m.end()
            dot_end = end - len(m.group()) + 1
            if text[end - 1] == "." and (
                _is_abbreviation(text, block_start, dot_end)
                or _LIST_MARKER.fullmatch(text, start, dot_end)
                or _SPACED_ELLIPSIS.search(text, max(block_start, dot_end - 5), dot_end)
            ):
                continue
            _append_trimmed(spans, text, start, end)
            start = end
        _append_trimmed(spans, text, start, block_end)
    return spans


def _is_abbreviation(text: str, block_start: int, dot_end: int) -> bool:
    # The word is the run of letters and dots before the final dot: found walking back from it, so
    # each sentence end costs its own word, not the paragraph before it.
    start = dot_end - 1
    while start > block_start and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    m = _WORD_BEFORE.search(text, start, dot_end)
    if not m:
        return False
    word = m.group(1).lower()
    # Single capital letters are initials ("J. Smith"), and dotted acronyms ("U.S.") are abbreviations.
    return word in _ABBREVIATIONS or len(word) == 1 or "." in word


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong to one paragraph: blank lines, bullets and short lines split them."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    previous = ""
    for m in _LINE.finditer(text):
        line = m.group().rstrip("\r\n")
        if m.start() == len(text) and not line:
            break
        if not line.strip():
            if start is not None:
                blocks.append((start, m.start()))
                start = None
        elif start is None:
            start = m.start()
        elif _starts_new_block(previous, line):
            blocks.append((start, m.start()))
            start = m.start()
        previous = line
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def _starts_new_block(previous: str, line: str) -> bool:
    if _BULLET.match(line):
        return True
    stripped = line.lstrip()
    if stripped[:1].islower():
        return False  # a wrapped sentence continues
    tail = previous.rstrip()
    if tail.endswith((",", ";", "-", "(")):
        return False
    # A long line without end punctuation is hard-wrapped prose; a short one is a heading.
    return tail.endswith((".", "!", "?", ":")) or len(tail) < _WRAPPED_LINE_MIN


def _append_trimmed(spans: Spans, text: str, start: int, end: int) -> None:
    """Add a span without its outer spaces; text without sentence ends (a 20 MB line of words) is
    cut at spaces into pieces of at most MAX_SENTENCE characters, so no check runs over megabytes."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))


def list_lead_ins(text: str, spans: Sequence[tuple[int, int]], kinds: dict[int, str] | None = None) -> dict[int, int]:
    """List items and the sentence that introduces them: {item index: lead-in index}.

    A lead-in ends with a colon ("Conditions we treat include:"); its items are the short pieces
    after it that are not prose sentences (in Markdown and HTML each list item is its own sentence,
    in plain text each bullet): the list ends at the first long one, one that ends like a sentence
    (with a full stop, "!" or "?"), or the next lead-in.

    Where the markup names headings and list items (`kinds`, by sentence index: Markdown, HTML), a
    heading ends a list, a marked list item belongs to it however it ends, and a list right under a
    heading ("## Conditions We Treat" then "- COPD") has that heading for its lead-in. In plain text,
    a piece that starts with a bullet ("- ", "\u2022 ") is an item however it ends.
    """
    items: dict[int, int] = {}
    lead: int | None = None
    heading: int | None = None  # the heading just above, with nothing but headings and items since
    count = 0
    for index, (start, end) in enumerate(spans):
        kind = kinds.get(index) if kinds else None
        ending = text[start:end].rstrip(_TRAILING)[-1:]
        if kind == HEADING:
            lead, heading, count = None, index, 0
            continue
        marked = kind == ITEM or (kinds is None and _SYMBOL_BULLET.match(text, start) is not None)
        if ending == ":":
            lead, count, heading = index, 0, None
        elif lead is not None and count < MAX_LIST_ITEMS and (marked or _short_piece(start, end, ending)):
            items[index] = lead
            count += 1
        elif heading is not None and marked and count < MAX_LIST_ITEMS:
            items[index] = heading
            count += 1
        else:
            lead, heading, count = None, None, 0
    return items


def _short_piece(start: int, end: int, ending: str) -> bool:
    """A piece that reads as a list item, not prose: short, and not ending like a sentence."""
    return end - start <= MAX_LIST_ITEM and ending not in ".!?"


def is_heading(text: str, span: tuple[int, int]) -> bool:
    """A title or heading: a short line of words that does not end like a sentence or a lead-in.
    FDA letters cite page titles and headings ("Stem Cells and COPD") as evidence of intended use."""
    start, end = span
    if end - start > 120:
        return False
    words = text[start:end].rstrip(_TRAILING)
    return bool(words) and words[-1] not in ".!?:;," and len(words.split()) <= MAX_HEADING_WORDS
