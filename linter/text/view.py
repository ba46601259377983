"""What a reader of a page sees, with the findings' spans on it: for reports people read (HTML).

A Document's `lintable` text is the page with markup blanked out; a reader sees its words with the
blanks closed up, paragraphs apart. A large page is cut down to the paragraphs around its findings,
so a report on a thousand pages stays small enough to open.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from ..cache import LazyPattern
from .document import Document

FULL_TEXT_CHARS = 30_000  # a page up to this many visible characters is shown whole
_WHITESPACE = LazyPattern(r"\s+")
_PARAGRAPH_BREAK = "\n\n"
_PARAGRAPHS = LazyPattern(r"\n\n")


@dataclass(frozen=True)
class Mark:
    """A finding's span in a passage; `key` is the finding's (line, column, rule)."""

    start: int
    end: int
    key: tuple[int, int, str]


@dataclass(frozen=True)
class Passage:
    """A stretch of visible text; `gap_before` when text of the page was left out before it."""

    text: str
    marks: tuple[Mark, ...]
    gap_before: bool = False


@dataclass(frozen=True)
class ReaderView:
    """A page as a reader sees it, in passages (one, unless the page is large), with its findings marked."""

    passages: tuple[Passage, ...]


def reader_view(doc: Document, spans: list[tuple[int, int, int, int, str]]) -> ReaderView:
    """The view of `doc` with findings marked; `spans` are findings' (line, column, end_line,
    end_column, rule), positions in the original text as findings report them."""
    text, to_visible = _closed_up(doc.lintable)
    marks = []
    for line, column, end_line, end_column, rule in spans:
        start = min(to_visible(_lintable_offset(doc, line, column)), max(len(text) - 1, 0))
        end = max(to_visible(_lintable_offset(doc, end_line, end_column)), start + 1)  # never empty
        marks.append(Mark(start, min(end, len(text)), (line, column, rule)))
    marks.sort(key=lambda m: (m.start, -m.end, m.key))
    if len(text) <= FULL_TEXT_CHARS:
        return ReaderView((Passage(text, tuple(marks)),))
    return ReaderView(tuple(_around_marks(text, marks)))


def _lintable_offset(doc: Document, line: int, column: int) -> int:
    """The `lintable` offset of a 1-based (line, column) of the original text."""
    starts = doc.line_starts
    original = starts[min(line, len(starts)) - 1] + column - 1
    return min(doc.lintable_offset(original), len(doc.lintable))


def _closed_up(lintable: str) -> tuple[str, Callable[[int], int]]:
    """The text with each blank run closed up to one space, one line break or one paragraph
    break, and the map from a `lintable` offset to an offset in it."""
    parts: list[str] = []
    source_at: list[int] = [0]  # lintable offset where each kept stretch starts
    shown_at: list[int] = [0]  # and where it starts in the closed-up text
    kept = 0
    length = 0
    for run in _WHITESPACE.finditer(lintable):
        parts.append(lintable[kept : run.start()])
        length += run.start() - kept
        breaks = run.group().count("\n")
        closed = "" if run.start() == 0 else _PARAGRAPH_BREAK if breaks > 1 else "\n" if breaks else " "
        parts.append(closed)
        # the run itself maps to where its closed form starts; the text after it to after that
        source_at.extend((run.start(), run.end()))
        shown_at.extend((length, length + len(closed)))
        length += len(closed)
        kept = run.end()
    parts.append(lintable[kept:])
    text = "".join(parts)

    def to_visible(offset: int) -> int:
        index = bisect.bisect_right(source_at, offset) - 1
        start = source_at[index]
        shown = shown_at[index]
        in_run = index % 2 == 1  # odd entries start a blank run
        return min(shown if in_run else shown + offset - start, len(text))

    return text.rstrip(), to_visible


def _around_marks(text: str, marks: list[Mark]) -> list[Passage]:
    """The paragraphs that hold marks, with one paragraph of context each side, as passages."""
    starts = [0] + [m.end() for m in _PARAGRAPHS.finditer(text)]
    wanted: set[int] = set()
    for mark in marks:
        first = bisect.bisect_right(starts, mark.start) - 1
        last = bisect.bisect_right(starts, mark.end - 1) - 1
        wanted.update(range(max(first - 1, 0), min(last + 2, len(starts))))
    passages = []
    for first, last in _runs(sorted(wanted)):
        start = starts[first]
        end = starts[last + 1] if last + 1 < len(starts) else len(text)
        inside = tuple(Mark(m.start - start, min(m.end, end) - start, m.key) for m in marks if start <= m.start < end)
        passages.append(Passage(text[start:end].rstrip(), inside, gap_before=first > 0))
    return passages


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Sorted indexes as runs of consecutive ones, (first, last) each."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs
