"""Normalise typography and fold hidden or look-alike characters, so rules match what a reader sees,
without losing original positions.

Curly quotes, Unicode dashes and exotic spaces are mapped one-for-one (same length, so offsets are
unchanged). So are characters drawn like a Latin letter or digit: compatibility forms (fullwidth and
math bold letters, the long s: their NFKC form) and a few Cyrillic and Greek look-alikes (o, e).
Characters no renderer shows (Unicode's default-ignorable and format characters: soft hyphen, zero
width space and joiners, bidi controls, variation selectors, tag characters) are removed, and
ligatures ("ﬁ") become their letters; only then is an offset map needed, and only for documents that
contain them. This is for matching only: a finding still quotes and points at the original text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from operator import sub
from typing import NamedTuple

from .offsets import OffsetMap

_SAME_LENGTH: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    **{chr(c): " " for c in range(0x2000, 0x200B)},
}
# Default_Ignorable_Code_Point and format (Cf) characters, (first, last): invisible, so
# "compli\u00adcations" and "sa\u200bfe" read "complications" and "safe" (tests check this list
# against Unicode's).
IGNORABLE = (
    *((0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F)),
    *((0x0890, 0x0891), (0x08E2, 0x08E2), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F)),
    *((0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0)),
    *((0xFFF0, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3)),
    *((0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)),
)
# Cyrillic and Greek letters drawn like Latin ones (from Unicode's confusables.txt).
CONFUSABLES = {
    **dict(zip("аеіјорсухѕԁһӏԛԝүАВЕІЈКМНОРСТУХЅԚԜҮӀ", "aeijopcyxsdhlqwyABEIJKMHOPCTYXSQWYI", strict=True)),
    **dict(zip("αγινορυχϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧı", "ayivopuxcjABEZHIKMNOPTYXi", strict=True)),
}
# Where Unicode has compatibility forms of Latin letters and digits, [first, end).
_COMPATIBILITY_BLOCKS = (
    (0x00AA, 0x2150),  # ordinals, long s, digraphs, modifier and letterlike letters, sub- and superscripts
    (0x2C7C, 0x2C7E),
    (0xA7F2, 0xA7FA),
    (0xFB00, 0xFB07),  # ligatures
    (0xFF01, 0xFF5F),  # fullwidth ASCII
    (0x107A5, 0x107A6),
    (0x1D400, 0x1D800),  # mathematical letters and digits
    (0x1FBF0, 0x1FBFA),
)
_FIRST_FOLDING = 0xAA  # no character below U+00AA folds


def normalize_chars(text: str) -> str:
    """Same-length typographic normalisation of a rule's phrase (a document's text goes through
    `normalize`, which also folds look-alikes)."""
    for char, replacement in _SAME_LENGTH.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


class Normalized(NamedTuple):
    """What `normalize` makes of a text."""

    lintable: str
    offsets: OffsetMap | None  # back to the text, if the length changed


def normalize(text: str) -> Normalized:
    """Return the text to match on and, if its length changed, its map back to `text`.

    The map gives, for each character of the result and for its end, the index in `text` of the
    character it comes from (both letters of a ligature come from the ligature).

    One `str.translate` pass writes the result: it holds the text and the result, never a copy per
    kind of character replaced, and the result is as narrow as its characters allow (ASCII once
    curly quotes are straightened). Only the characters the text holds are looked up, each once.
    """
    if text.isascii():  # nothing to fold, found in one step
        return Normalized(text, None)
    table = FoldTable()
    normalized = text.translate(table)
    if normalized == text:  # nothing folded: keep one copy
        return Normalized(text, None)
    return Normalized(normalized, offset_map(text, len(normalized), table))


class FoldTable(dict[int, "int | str"]):
    """`str.translate`'s table, filled on first sight of each character: what it reads as for
    matching (typography first, then folding), or its own code point. Worked out per character a
    text holds, not for all of Unicode: a page holds a few dozen, and the whole table costs a
    start-up about 10 ms."""

    def __missing__(self, code: int) -> int | str:
        char = chr(code)
        replacement = _SAME_LENGTH.get(char)
        if replacement is None and code >= _FIRST_FOLDING:
            replacement = _folded(char)
        value = self[code] = code if replacement is None else replacement
        return value

    def resizing(self) -> dict[str, str]:
        """The characters met that became none or several."""
        return {chr(code): value for code, value in self.items() if isinstance(value, str) and len(value) != 1}

    def changed(self) -> str:
        """The characters met that became others, or none."""
        return "".join(chr(code) for code, value in self.items() if value != code)


def offset_map(text: str, length: int, table: FoldTable) -> OffsetMap | None:
    """The map of `text` translated by `table` to a text of `length` characters; None if no
    character of the text changed length. Same-length replacements keep positions, so only
    the runs of resized characters change it: found in one scan, a run of removed characters is one
    jump, and a character that became several maps them all to itself."""
    resizing = table.resizing()
    if not resizing:
        return None
    spans = array("q", chain.from_iterable(map(re.Match.span, runs_of(resizing).finditer(text))))
    if not spans:  # the characters were met in another piece of the text (`text.utf8`)
        return None
    starts, ends = spans[::2], spans[1::2]
    del spans
    # Only removals, and the runs hold no other character (of the astral range): jumps alone.
    if not any(resizing.values()) and sum(map(sub, ends, starts)) == len(text) - length:
        return OffsetMap.leaving_out(starts, ends, len(text))
    offsets = OffsetMap()
    pos = 0  # the original offset the next lintable character comes from
    for start, end in zip(starts, ends, strict=True):
        offsets.extend(pos, start - pos)
        pos = end
        if text[start:end].translate(table):  # letters of a ligature, or astral characters kept
            for i in range(start, end):
                offsets.extend(i, len(resizing.get(text[i], text[i])), flat=True)
    offsets.extend(pos, len(text) + 1 - pos)  # and the end
    return offsets


def runs_of(chars: Iterable[str]) -> re.Pattern[str]:
    """A run of characters of `chars`, or of the astral range they span. `re`, not `regex`: its
    character sets test a BMP character in one step, so a scan costs about 10 ns a character. A set
    of several astral ranges (tested range by range) would double that, and so would `[...]+`,
    which leaves out `re`'s fast search for a set's first character: hence `[...][...]*`."""
    bmp = "".join(re.escape(char) for char in sorted(chars) if char <= "\uffff")
    astral = sorted(char for char in chars if char > "\uffff")
    one = f"[{bmp}{astral[0]}-{astral[-1]}]" if astral else f"[{bmp}]"
    return re.compile(f"{one}{one}*")


def is_ignorable(char: str) -> bool:
    """An invisible character that matching leaves out (zero-width, bidi controls, variation selectors ...)."""
    code = ord(char)
    return any(first <= code <= last for first, last in IGNORABLE)


@lru_cache(maxsize=4096)
def _folded(char: str) -> str | None:
    """What one character reads as for matching ("" for an invisible one), or None if itself:
    Unicode's NFKC form, for the compatibility forms of Latin letters and digits only."""
    code = ord(char)
    if is_ignorable(char):
        return ""
    if char in CONFUSABLES:
        return CONFUSABLES[char]
    if not any(first <= code < end for first, end in _COMPATIBILITY_BLOCKS):
        return None
    folded = unicodedata.normalize("NFKC", char)
    letter = unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Nd"
    if folded != char and folded.isascii() and (folded.isalnum() if letter else 0xFF01 <= code <= 0xFF5E):
        return folded
    return None
