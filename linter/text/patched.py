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
from itertools import accumulate


class PatchedText:
    """A text built from `base`: run k covers original offsets [starts[k], ends[k]) and holds
    `_chars[_at[k] : _at[k] + ends[k] - starts[k]]`; between runs k - 1 and k, original offset i
    is base offset i + `_shift[k]`. Reads as a str does for what a Document's original is used
    for: length, slices, one character, `rfind`."""

    __slots__ = ("_at", "_chars", "_ends", "_length", "_shift", "_starts", "base")

    def __init__(
        self, original: str, base: str, differing: re.Pattern[str], in_base: Callable[[int], int] | None = None
    ) -> None:
        """`differing` finds every run of characters where `original` differs from `base`; an
        original offset outside them is a base offset, or the one `in_base` maps it to (an offset
        past a run's end maps to the base offset after the run's replacement)."""
        spans = [match.span() for match in differing.finditer(original)]
        offset = "I" if len(original) < 2**31 else "q"  # four bytes an offset, unless the text needs eight
        self.base = base
        self._length = len(original)
        self._starts = array(offset, [start for start, _ in spans])
        self._ends = array(offset, [end for _, end in spans])
        self._chars = "".join([original[start:end] for start, end in spans])
        self._at = array(offset, accumulate((end - start for start, end in spans), initial=0))
        shifts = [0] + [in_base(end) - end for _, end in spans] if in_base is not None else [0] * (len(spans) + 1)
        self._shift = array(offset.lower(), shifts)

    def __len__(self) -> int:
        return self._length

    def __str__(self) -> str:
        return self[:]

    def __getitem__(self, key: slice | int) -> str:
        if isinstance(key, int):
            return self[key : key + 1 or None]
        start, stop, step = key.indices(self._length)
        if step != 1:
            raise ValueError("a patched text is sliced with step 1 only")
        k = bisect.bisect_right(self._ends, start)  # the first run that ends after `start`
        parts: list[str] = []
        at = start
        while k < len(self._starts) and self._starts[k] < stop:
            first, last = max(self._starts[k], start), min(self._ends[k], stop)
            if at < first:
                parts.append(self.base[at + self._shift[k] : first + self._shift[k]])
            into = self._at[k] - self._starts[k]  # run k's offset in `_chars`, less its start
            parts.append(self._chars[first + into : last + into])
            at = last
            k += 1
        if at < stop:
            parts.append(self.base[at + self._shift[k] : stop + self._shift[k]])
        return "".join(parts)

    def rfind(self, sub: str, start: int, end: int) -> int:
        found = self[start:end].rfind(sub)
        return found if found < 0 else start + found
