"""A Document: the original text, the text rules run on, and the arithmetic between them."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, islice, repeat
from operator import add

from ..cache import LazyPattern
from .offsets import OffsetMap
from .patched import Normalizing, PatchedText
from .sentences import Spans, list_lead_ins, sentence_spans
from .textnorm import is_ignorable, normalize
from .utf8 import decode_normalized

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")
BATCH_CHARS = 250_000  # a long document is prefiltered and linted this many characters at a time
LINE_BLOCK_CHARS = 1 << 20  # line starts are found this many characters at a time
NORMALIZED_CHARS = 1 << 16  # a text a reader left as is is normalised this many characters at a time


@dataclass
class Document:
    """Text to lint. `lintable` has the same length as `text` unless `offsets` maps it back. `text`
    is the original as a string, or for text a reader left as is, a `PatchedText` built from
    `lintable` (read it by slices: `str(doc.text)` builds the whole of it).

    Readers for markup formats mask what a reader does not see with spaces (keeping newlines), so
    every position in `lintable` is a position in `text`; decoding that changes lengths (removed
    invisible characters, HTML entities) records `offsets` instead.
    """

    path: str
    text: str | PatchedText
    lintable: str
    offsets: OffsetMap | None = None
    notes: list[str] = field(default_factory=list)
    comments: Sequence[tuple[int, int]] = ()  # the format's real comments that may hold directives
    blocks: Sequence[tuple[int, str]] = ()  # (offset in `text`, kind): where markup starts a heading or list item

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", notes: list[str] | None = None) -> Document:
        return cls.from_masked(text, text, None, path, notes)

    @classmethod
    def from_utf8(cls, owned: list[bytes], path: str = "<text>") -> Document | None:
        """A plain-text file's Document, from UTF-8 data in `owned` (see `utf8.decode_normalized`:
        None when the data is not UTF-8). It holds the same texts as `from_text` of the decoded
        data, at a lower peak: 100 MB of typographic prose, 3.9 times the file instead of 4.6."""
        decoded = decode_normalized(owned)
        if decoded is None:
            return None
        return cls(path, decoded.original, decoded.lintable, decoded.offsets)

    @classmethod
    def from_masked(
        cls,
        text: str,
        masked: str,
        offsets: OffsetMap | None,
        path: str = "<text>",
        notes: list[str] | None = None,
        comments: Sequence[tuple[int, int]] = (),
        blocks: Sequence[tuple[int, str]] = (),
    ) -> Document:
        """A reader's masked text (with its map back to `text`), typographically normalised.

        Normalising can remove characters, so its own map is composed with the reader's. Text the
        reader left as is is kept as its lintable text plus what normalising changed
        (`PatchedText`): a large plain-text file is held once.
        """
        if masked is text and offsets is None:
            texts = Normalizing(len(text))
            for start in range(0, len(text), NORMALIZED_CHARS):
                texts.add(text[start : start + NORMALIZED_CHARS])
            lintable, original, offsets = texts.finish()
            return cls(path, original, lintable, offsets, list(notes or []), comments, blocks)
        lintable, removed = normalize(masked)
        if removed is not None:
            offsets = removed if offsets is None else offsets.after(removed)
        return cls(path, text, lintable, offsets, list(notes or []), comments, blocks)

    def original_offset(self, offset: int) -> int:
        """Offset in `text` of position `offset` in `lintable`."""
        return self.offsets.original(offset) if self.offsets is not None else offset

    def lintable_offset(self, original: int) -> int:
        """Where text that starts at `original` in `text` starts in `lintable` (the first position
        at or after it; the inverse of `original_offset`)."""
        return self.offsets.first_at_or_after(original) if self.offsets is not None else original

    @cached_property
    def line_starts(self) -> array[int]:
        """Where each line of `text` starts, eight bytes a line (a list of ints takes five times
        that: a tenth of a large file's peak). The text is read a block at a time: splitting it
        whole would hold a second copy of it, as line strings, at the run's peak (and a
        `PatchedText` builds each block from its runs). Without a carriage return only "\\n" ends
        a line, and adding up the lines' lengths in C is four times as fast as a match per line
        (with --jobs, this is worked out before the other processes start)."""
        text = self.text
        starts = array("q", [0])
        carriage_returns = "\r" in (text if isinstance(text, str) else text.base)  # normalising keeps line breaks
        after_cr = False  # the block before ended with "\r": a "\n" first in this one ends the same line
        for block in range(0, len(text), LINE_BLOCK_CHARS):
            piece = text[block : block + LINE_BLOCK_CHARS]
            if carriage_returns:
                for m in _LINE_BREAK.finditer(piece):
                    if after_cr and m.start() == 0 and m.group() == "\n":
                        starts[-1] = block + 1
                    else:
                        starts.append(block + m.end())
                after_cr = piece.endswith("\r")
                continue
            pieces = piece.split("\n")
            pieces.pop()  # the text after the block's last line break: no break of this block ends it
            # after each break a line starts (the block's own start is one only after a break, which
            # the block before counted)
            starts.extend(islice(accumulate(map(add, map(len, pieces), repeat(1)), initial=block), 1, None))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original text of a `lintable` offset."""
        return self.original_position(self.original_offset(offset))

    def original_position(self, original: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in `text`; columns count characters."""
        line = bisect.bisect_right(self.line_starts, original) - 1
        return line + 1, original - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The original text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def original_end(self, offset: int) -> int:
        """Offset in `text` just after the lintable text that ends at `offset`: invisible characters
        that normalising left out right after it are not part of it."""
        end = self.original_offset(offset)
        if self.offsets is None or offset == 0:
            return end
        floor = self.offsets.original(offset - 1) + 1
        while end > floor and is_ignorable(self.text[end - 1]):
            end -= 1
        return end

    def original_slice(self, start: int, end: int) -> str:
        """The original text of lintable text[start:end] (see `original_end`)."""
        return self.text[self.original_offset(start) : self.original_end(end)]

    @cached_property
    def sentences(self) -> Spans:
        return sentence_spans(self.lintable)

    @cached_property
    def batches(self) -> list[tuple[int, int]]:
        """The sentences in runs of about BATCH_CHARS characters, (first, last) each: the engine
        prefilters a batch at a time, so memory follows the batch, and lints batches apart (--jobs)."""
        batches = []
        first = 0
        sentences = self.sentences
        for i, (_, end) in enumerate(sentences):
            if end - sentences[first][0] >= BATCH_CHARS:
                batches.append((first, i + 1))
                first = i + 1
        if first < len(sentences):
            batches.append((first, len(sentences)))
        return batches

    @cached_property
    def lead_ins(self) -> dict[int, int]:
        """List items (by sentence index) and the lead-in sentence each belongs to."""
        return list_lead_ins(self.lintable, self.sentences, self.sentence_kinds if self.blocks else None)

    @cached_property
    def sentence_kinds(self) -> dict[int, str]:
        """The sentences the markup makes headings or list items (by index): those that start at a
        block's first visible character (or after nothing but spaces)."""
        kinds: dict[int, str] = {}
        starts = self.sentences.starts
        for original, kind in self.blocks:
            offset = self.lintable_offset(original)
            index = bisect.bisect_left(starts, offset)
            if index < len(starts) and not self.lintable[offset : starts[index]].strip(" \t"):
                kinds[index] = kind
        return kinds
