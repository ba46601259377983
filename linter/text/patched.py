"""The original text of a document kept as its lintable text plus the runs where the two differ.

Plain text differs from its lintable text only where normalising replaced, removed or expanded a
character (curly quotes, dashes, exotic spaces, look-alike letters, zero-width characters,
ligatures): a few places a kilobyte. Keeping the original as a second full string doubles a large
file's memory (quadruples it, when one emoji makes both strings four bytes a character); kept as
those runs, the original costs next to nothing, and the slices reports, fixes and directives read
back (a line, a match) are rebuilt on demand.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable
from itertools import accumulate, chain, repeat
from operator import sub
from typing import NamedTuple

from .offsets import OffsetMap
from .textnorm import FoldTable, offset_map, runs_of

RUNS_JOINED = 4096  # runs whose characters are joined at once


class Patches:
    """Where an original text differs from its lintable text: run k covers original offsets
    [starts[k], ends[k]) and holds `chars[at[k] : at[k] + ends[k] - starts[k]]`; between runs
    k - 1 and k, original offset i is lintable offset i + `shift[k]`. Gathered a piece of the
    original at a time (`add`), so a file decoded in pieces never holds its original whole
    (`Normalizing`), then `finish`ed."""

    __slots__ = ("_pieces", "at", "chars", "ends", "length", "shift", "starts")

    def __init__(self, limit: int) -> None:
        """Patches of a text of at most `limit` characters."""
        offset = "I" if limit < 2**31 else "q"  # four bytes an offset, unless the text needs eight
        self.starts, self.ends = array(offset), array(offset)
        self.at, self.shift = array(offset), array(offset.lower())
        self._pieces: list[str] = []
        self.chars = ""
        self.length = 0

    def add(self, piece: str, at: int, differing: re.Pattern[str]) -> None:
        """The runs `differing` finds in `piece` of the original, which starts at offset `at`: every
        run of characters where it differs from the lintable text. Their characters are joined a few
        thousand runs at a time (a string per run, for every run, would take far more)."""
        spans = array(self.starts.typecode, chain.from_iterable(map(re.Match.span, differing.finditer(piece))))
        starts, ends = spans[::2], spans[1::2]
        del spans
        for k in range(0, len(starts), RUNS_JOINED):
            slices = map(slice, starts[k : k + RUNS_JOINED], ends[k : k + RUNS_JOINED])
            self._pieces.append("".join(map(piece.__getitem__, slices)))
        self.starts.extend(start + at for start in starts)
        self.ends.extend(end + at for end in ends)

    def finish(self, length: int, in_base: Callable[[int], int] | None) -> None:
        """The original has `length` characters; an original offset outside the runs is a lintable
        offset, or the one `in_base` maps it to (past a run's end: after the run's replacement)."""
        self.length = length
        self.chars = "".join(self._pieces)
        self._pieces.clear()
        self.at.extend(accumulate(map(sub, self.ends, self.starts), initial=0))
        self.shift.append(0)
        self.shift.extend(
            (in_base(end) - end for end in self.ends) if in_base is not None else repeat(0, len(self.ends))
        )


class PatchedText:
    """An original text rebuilt from its lintable text (`base`) and `Patches`. Reads as a str
    does for what a Document's original is used for: length, slices, one character, `rfind`."""

    __slots__ = ("base", "patches")

    def __init__(self, base: str, patches: Patches) -> None:
        self.base = base
        self.patches = patches

    def __len__(self) -> int:
        return self.patches.length

    def __str__(self) -> str:
        return self[:]

    def __getitem__(self, key: slice | int) -> str:
        if isinstance(key, int):
            return self[key : key + 1 or None]
        start, stop, step = key.indices(self.patches.length)
        if step != 1:
            raise ValueError("a patched text is sliced with step 1 only")
        runs = self.patches
        k = bisect.bisect_right(runs.ends, start)  # the first run that ends after `start`
        parts: list[str] = []
        at = start
        while k < len(runs.starts) and runs.starts[k] < stop:
            first, last = max(runs.starts[k], start), min(runs.ends[k], stop)
            if at < first:
                parts.append(self.base[at + runs.shift[k] : first + runs.shift[k]])
            into = runs.at[k] - runs.starts[k]  # run k's offset in `chars`, less its start
            parts.append(runs.chars[first + into : last + into])
            at = last
            k += 1
        if at < stop:
            parts.append(self.base[at + runs.shift[k] : stop + runs.shift[k]])
        return "".join(parts)

    def rfind(self, sub: str, start: int, end: int) -> int:
        found = self[start:end].rfind(sub)
        return found if found < 0 else start + found


class Texts(NamedTuple):
    """A document's texts: what rules read, the original, and the map between them (None: same offsets)."""

    lintable: str
    original: str | PatchedText
    offsets: OffsetMap | None


class Normalizing:
    """A text a reader left as is, normalised a piece at a time (`add`), then its `Texts`
    (`finish`): the lintable text joined from the pieces, and the original as a `PatchedText`.
    The pieces may be cut anywhere: the texts are those `normalize` gives for the whole."""

    def __init__(self, limit: int) -> None:
        """For a text of at most `limit` characters."""
        self._table = FoldTable()
        self._patches = Patches(limit)
        self._pieces: list[str] = []
        self._offsets: OffsetMap | None = None
        self._at = 0  # where the next piece starts in the original

    def add(self, piece: str) -> None:
        lintable = piece if piece.isascii() else piece.translate(self._table)
        piece_map = None
        if lintable != piece:
            self._patches.add(piece, self._at, runs_of(self._table.changed()))
            piece_map = offset_map(piece, len(lintable), self._table)
        if piece_map is not None:
            if self._offsets is None:
                self._offsets = OffsetMap()
                self._offsets.extend(0, self._at)  # no piece before changed length: offsets were the same
            self._offsets.append(piece_map, self._at)
        elif self._offsets is not None:
            self._offsets.extend(self._at, len(piece))
        self._pieces.append(lintable)
        self._at += len(piece)

    def finish(self) -> Texts:
        lintable = "".join(self._pieces)
        self._pieces.clear()
        offsets = self._offsets
        if offsets is not None:
            offsets.extend(self._at, 1)  # and the end
        if not self._patches.starts:
            return Texts(lintable, lintable, offsets)
        self._patches.finish(self._at, offsets.first_at_or_after if offsets is not None else None)
        return Texts(lintable, PatchedText(lintable, self._patches), offsets)
