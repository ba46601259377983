"""Offset maps: per lintable character, the offset in the original text it comes from.

A map is needed as soon as a file's lintable text changed length (one HTML entity, one soft hyphen
is enough), but it changes only where the length did: between those places each lintable character
is the next original one, or (a ligature's letters) all come from one original character. So a
map is kept as segments, not one integer per character: its size follows the number of changes,
and a 10 MB file with one invisible character maps in a few hundred bytes instead of 80 MB.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from itertools import accumulate
from operator import sub


class OffsetMap:
    """A non-decreasing map from each lintable offset, plus one for the end, to an offset in the
    original text, built left to right with `extend`.

    Segment k starts at lintable offset `_starts[k]`, which maps to `_origins[k]`; the offsets after
    it in the segment map to the next original offsets (a copy), or, if `_flat[k]`, to the same one
    (the letters of a ligature). A jump between segments is original text left out.
    """

    __slots__ = ("_flat", "_length", "_origins", "_starts")

    def __init__(self) -> None:
        self._starts = array("q")
        self._origins = array("q")
        self._flat = bytearray()
        self._length = 0

    @classmethod
    def leaving_out(cls, starts: array[int], ends: array[int], length: int) -> OffsetMap:
        """The map of a text of `length` characters with the runs text[starts[i]:ends[i]] left
        out (in order, none touching the next): a jump after each run, worked out in C, so a page
        of millions of removed characters is mapped in under a second."""
        offsets = cls()
        if starts[0] > 0:
            offsets._starts.append(0)
            offsets._origins.append(0)
        removed = array("q", accumulate(map(sub, ends, starts)))
        offsets._starts.extend(map(sub, ends, removed))
        offsets._origins.extend(ends)
        offsets._flat = bytearray(len(offsets._starts))
        offsets._length = length - removed[-1] + 1
        return offsets

    def __len__(self) -> int:
        """The number of offsets mapped: the lintable text's length plus one."""
        return self._length

    def __sizeof__(self) -> int:
        """The map's memory with its arrays' (`sys.getsizeof` of a map): it follows the segments."""
        return object.__sizeof__(self) + sum(map(sys.getsizeof, (self._starts, self._origins, self._flat)))

    def extend(self, origin: int, count: int, flat: bool = False) -> None:
        """Map the next `count` lintable offsets to original offsets `origin`, `origin` + 1, ...,
        or, if `flat`, all to `origin` (the letters of a ligature, a decoded entity's characters).
        A stretch that continues the last segment joins it, so the map stays as small as it can."""
        if count <= 0:
            return
        flat = flat and count > 1  # one offset is a copy, which the next stretch may continue
        last = len(self._starts) - 1
        if last >= 0:
            if self._flat[last]:
                joins = (flat or count == 1) and self._origins[last] == origin
            else:
                joins = not flat and self._origins[last] + self._length - self._starts[last] == origin
            if joins:
                self._length += count
                return
        self._starts.append(self._length)
        self._origins.append(origin)
        self._flat.append(flat)
        self._length += count

    def append(self, other: OffsetMap, shift: int) -> None:
        """Map the next lintable offsets as `other` maps its own, but for its end, with its
        original offsets moved by `shift`: the map of a text decoded a piece at a time, piece by piece."""
        ends = other._starts[1:]
        ends.append(other._length - 1)  # the end's own offset is the next piece's first
        for start, end, origin, flat in zip(other._starts, ends, other._origins, other._flat, strict=True):
            self.extend(origin + shift, end - start, flat == 1)

    def original(self, offset: int) -> int:
        """The original offset of lintable offset `offset` (0 <= offset < len(self))."""
        if not 0 <= offset < self._length:
            raise IndexError(f"offset {offset} outside a map of {self._length}")
        return self._at(bisect.bisect_right(self._starts, offset) - 1, offset)

    def first_at_or_after(self, original: int) -> int:
        """The first lintable offset whose original offset is `original` or after it (len(self) if
        none is): where text that starts at `original` starts in the lintable text."""
        k = bisect.bisect_left(self._origins, original)  # the first segment that starts at or after it
        if k > 0 and not self._flat[k - 1]:  # the copy before it may reach `original`
            into = original - self._origins[k - 1]
            if self._starts[k - 1] + into < self._end(k - 1):
                return self._starts[k - 1] + into
        return self._starts[k] if k < len(self._starts) else self._length

    def is_copy(self, first: int, start: int, end: int) -> bool:
        """Whether the lintable offsets from `first` map one to one onto original offsets
        start, ..., end - 1: nothing was left out, decoded or expanded in between."""
        stop = first + end - start
        if stop > self._length:
            return stop == first  # past the end, only nothing is a copy
        offset = first
        while offset < stop:
            k = bisect.bisect_right(self._starts, offset) - 1
            upto = min(self._end(k), stop)
            if self._at(k, offset) != start + offset - first or (self._flat[k] and upto - offset > 1):
                return False
            offset = upto
        return True

    def after(self, inner: OffsetMap) -> OffsetMap:
        """The map of `inner` followed by this one: lintable offset i maps to
        self.original(inner.original(i)) (a reader's map, after normalising its text). One step
        per segment of either map: inner's origins never decrease, so this map is walked once."""
        composed = OffsetMap()
        extend = composed.extend
        starts, origins, flat = self._starts, self._origins, self._flat
        ends = starts[1:]
        ends.append(self._length)
        inner_ends = inner._starts[1:]
        inner_ends.append(inner._length)
        j = 0
        for offset, inner_start, inner_end, inner_flat in zip(
            inner._origins, inner._starts, inner_ends, inner._flat, strict=True
        ):
            if offset >= ends[j]:
                j = bisect.bisect_right(starts, offset, j) - 1
            if inner_flat:
                extend(self._at(j, offset), inner_end - inner_start, flat=True)
                continue
            stop = offset + inner_end - inner_start
            while True:
                upto = min(ends[j], stop)
                extend(origins[j] if flat[j] else origins[j] + offset - starts[j], upto - offset, flat[j] == 1)
                if upto == stop:
                    break
                offset, j = upto, j + 1
        return composed

    def _at(self, k: int, offset: int) -> int:
        """The original offset of lintable `offset`, in segment k."""
        return self._origins[k] if self._flat[k] else self._origins[k] + offset - self._starts[k]

    def _end(self, k: int) -> int:
        """The lintable offset just after segment k."""
        return self._starts[k + 1] if k + 1 < len(self._starts) else self._length
