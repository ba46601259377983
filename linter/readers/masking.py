"""Building a reader's lintable text: markup hidden in place, decoded text mapped back.

Readers describe the original text as spans to hide (markup, code, URLs) and spans to decode (HTML
entities). Hidden text becomes spaces at the same offsets, so most documents need no offset map; a
hidden span that separates blocks starts with a blank line, so the sentence splitter never joins a
heading to the paragraph after it. Only decoding, a block break in a one-character span, or markup
removed from inside a word ("<b>S</b>tem") changes lengths, and then the offset map is returned.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..cache import LazyPattern
from ..text.offsets import OffsetMap

BLOCK_BREAK = "\n\n"
_NOT_LINE_BREAK = LazyPattern(r"[^\r\n]")
_LINE_BREAK = LazyPattern(r"[\r\n]")
_ENTITY = LazyPattern(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?")

Span = tuple[int, int]


class Block(NamedTuple):
    """The markup marks text[start:] (its first visible character) as a heading or a list item."""

    start: int
    kind: str  # text.sentences.HEADING or ITEM


class Masked(NamedTuple):
    """A reader's lintable text, its offset map (None when positions are unchanged), the spans of
    the file's real comments that may hold copylint directives (`text.directives`), and where the
    markup says a heading or a list item starts (`Block`s, for formats that have them)."""

    lintable: str
    offsets: OffsetMap | None
    comments: Sequence[Span] = ()
    blocks: Sequence[Block] = ()


@dataclass(frozen=True, order=True, slots=True)  # slotted: a page of escapes has millions
class Hide:
    """Markup at text[start:end]; `block` when it separates blocks (a heading's end, `</p>`, a cell)."""

    start: int
    end: int
    block: bool = False


@dataclass(frozen=True, order=True, slots=True)
class Decode:
    """text[start:end] reads as `replacement` (an entity, a flattened line break)."""

    start: int
    end: int
    replacement: str


def entities(text: str, start: int = 0, end: int | None = None) -> list[Decode]:
    """The HTML character references in text[start:end] that stand for something else."""
    decoded = []
    for m in _ENTITY.finditer(text, start, len(text) if end is None else end):
        value = html.unescape(m.group())
        if value != m.group():
            decoded.append(Decode(m.start(), m.end(), value))
    return decoded


def apply(
    text: str,
    hidden: Sequence[Hide],
    decoded: Sequence[Decode] = (),
    *,
    line_breaks: bool = True,
    comments: Sequence[Span] = (),
    blocks: Sequence[Block] = (),
) -> Masked:
    """The lintable text and its offset map (None when every position is unchanged), with the
    reader's `comments` and `blocks` passed through.

    Overlapping and touching hidden spans merge (a span is a block break if any part is); a decoded
    span inside hidden text is dropped. Without `line_breaks` (HTML, where a line break in the source
    is just a space) only block breaks end lines.
    """
    edits = _merge(hidden, decoded)
    pieces: list[str] = []  # what the text reads as, stretch by stretch
    resized = False
    pos = 0
    for edit in edits:
        if pos < edit.start:
            pieces.append(_kept(text[pos : edit.start], line_breaks))
        out = _lintable(text, edit, line_breaks)
        resized = resized or len(out) != edit.end - edit.start
        pieces.append(out)
        pos = edit.end
    if pos < len(text):
        pieces.append(_kept(text[pos:], line_breaks))
    lintable = "".join(pieces)
    del pieces
    if not resized:  # kept stretches keep their length, so only an edit can change it
        return Masked(lintable, None, comments, blocks)
    return Masked(lintable, _offsets(text, edits, line_breaks), comments, blocks)


def _offsets(text: str, edits: list[Hide | Decode], line_breaks: bool) -> OffsetMap:
    """Per lintable character, the offset in `text` it comes from (plus one for the end): kept and
    same-length stretches map one to one, an edit that changes length maps all of it to its start."""
    offsets = OffsetMap()
    pos = 0
    for edit in edits:
        offsets.extend(pos, edit.start - pos)
        length = len(_lintable(text, edit, line_breaks))
        offsets.extend(edit.start, length, flat=length != edit.end - edit.start)
        pos = edit.end
    offsets.extend(pos, len(text) + 1 - pos)
    return offsets


def _kept(chunk: str, line_breaks: bool) -> str:
    return chunk if line_breaks else _LINE_BREAK.sub(" ", chunk)


def _lintable(text: str, edit: Hide | Decode, line_breaks: bool) -> str:
    if isinstance(edit, Decode):
        return edit.replacement
    if edit.block:
        return BLOCK_BREAK + _blank(text[edit.start + len(BLOCK_BREAK) : edit.end], line_breaks)
    if _inside_word(text, edit):
        return ""
    return _blank(text[edit.start : edit.end], line_breaks)


def _blank(chunk: str, line_breaks: bool) -> str:
    return _NOT_LINE_BREAK.sub(" ", chunk) if line_breaks else " " * len(chunk)


def _merge(hidden: Sequence[Hide], decoded: Sequence[Decode]) -> list[Hide | Decode]:
    """Hidden spans merged, then the decoded spans that touch no hidden text, in order."""
    merged: list[Hide] = []
    for span in sorted(hidden):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Hide(last.start, max(last.end, span.end), last.block or span.block)
        else:
            merged.append(span)
    starts = [span.start for span in merged]
    edits: list[Hide | Decode] = list(merged)
    last_end = 0
    for item in sorted(decoded):
        i = bisect.bisect_left(starts, item.end)  # hidden spans at or after item.end cannot overlap
        overlaps_hidden = i > 0 and merged[i - 1].end > item.start
        if item.start >= last_end and not overlaps_hidden:
            edits.append(item)
            last_end = item.end
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def _inside_word(text: str, span: Hide) -> bool:
    """Inline markup between two letters is dropped, not blanked: "<b>S</b>tem" reads "Stem"."""
    return span.start > 0 and span.end < len(text) and text[span.start - 1].isalnum() and text[span.end].isalnum()
