"""Offset maps: per lintable character, the offset in the original text it comes from.

A map covers every character of a file whose lintable text changed length (one HTML entity, one
soft hyphen is enough), so it is kept as machine integers, 8 bytes each: as a list of Python ints it
took about 36 bytes per character, and a 10 MB file with one invisible character read into 475 MB.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

OffsetMap = array  # array[int] of typecode "q": non-decreasing offsets into the original text


def offset_map(values: Iterable[int] = ()) -> array[int]:
    return array("q", values)
