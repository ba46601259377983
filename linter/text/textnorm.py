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
from functools import lru_cache
from itertools import compress

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
_MAY_FOLD = re.compile("[^\x00-\xa9]")  # the characters a text holds that may fold (none below U+00AA)


def normalize_chars(text: str) -> str:
    """Same-length typographic normalisation (also applied to rule phrases).

    Replacing only the characters present is several times faster than str.translate on large text.
    """
    for char, replacement in _SAME_LENGTH.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return the text to match on and, if its length changed, its map back to `text`.

    The map has one entry per character of the result plus one for the end, each the index in `text`
    of the character it comes from (both letters of a ligature come from the ligature).
    """
    normalized = normalize_chars(text)
    if normalized.isascii():  # nothing to fold, found in one step
        return normalized, None
    folding = _folding(_present(normalized))
    if folding is None:
        return normalized, None
    normalized = folding.same_length_chars.sub(folding.same_length, normalized)
    resizing = folding.resizing
    hits = [m.start() for m in folding.resizing_chars.finditer(normalized) if m.group() in resizing]
    if not hits:
        return normalized, None
    pieces: list[str] = []
    kept = bytearray(b"\x01") * (len(normalized) + 1)  # per character: is it one character of the result
    grown: list[tuple[int, int]] = []  # (position, length) of each character that became several
    pos = 0
    for i in hits:
        replacement = resizing[normalized[i]]
        pieces += (normalized[pos:i], replacement)
        kept[i] = 0
        if replacement:
            grown.append((i, len(replacement)))
        pos = i + 1
    pieces.append(normalized[pos:])
    return "".join(pieces), _offsets(kept, grown)


def _present(text: str, chunk: int = 1 << 20) -> frozenset[str]:
    """The characters of `text` that may fold, each once (a megabyte at a time: a page in another
    script holds millions)."""
    found: set[str] = set()
    for start in range(0, len(text), chunk):
        found.update(_MAY_FOLD.findall(text, start, start + chunk))
    return frozenset(found)


def _offsets(kept: bytearray, grown: list[tuple[int, int]]) -> list[int]:
    """The kept positions, and each grown character's once per character it became (a loop in C
    except at those, so a page of millions of removed characters is mapped in about a second)."""
    offsets: list[int] = []
    pos = 0
    for i, length in grown:
        offsets.extend(compress(range(pos, i), kept[pos:i]))
        offsets.extend([i] * length)
        pos = i + 1
    offsets.extend(compress(range(pos, len(kept)), kept[pos:]))
    return offsets


class _Folding:
    """What folds to what, and a pattern for each kind of character to fold. `re`, not `regex`: its
    character sets test a BMP character in one step, so a scan costs about 10 ns a character. The
    astral characters a table names are matched as one range (a set of several astral ranges is
    tested range by range); one it does not name (an emoji) is left as it is."""

    def __init__(self, same_length: dict[str, str], resizing: dict[str, str]) -> None:
        self._same_length = same_length
        self.resizing = resizing
        self.same_length_chars = _any_of(same_length)
        self.resizing_chars = _any_of(resizing)

    def same_length(self, match: re.Match[str]) -> str:
        return self._same_length.get(match.group(), match.group())


def _any_of(chars: dict[str, str]) -> re.Pattern[str]:
    """One character of `chars`, or of the astral range they span (`+` would double the scan's cost)."""
    if not chars:
        return re.compile("(?!)")  # matches nothing
    bmp = "".join(re.escape(char) for char in sorted(chars) if char <= "\uffff")
    astral = sorted(char for char in chars if char > "\uffff")
    return re.compile(f"[{bmp}{astral[0]}-{astral[-1]}]" if astral else f"[{bmp}]")


@lru_cache(maxsize=64)
def _folding(present: frozenset[str]) -> _Folding | None:
    """How to fold the characters a text holds (None: none of them folds). Worked out per set of
    characters, not for all of Unicode: a page holds a few dozen, and the whole table costs a
    start-up about 10 ms."""
    folds = {char: folded for char in present if (folded := _folded(char)) is not None}
    if not folds:
        return None
    same_length = {char: folded for char, folded in folds.items() if len(folded) == 1}
    return _Folding(same_length, {char: folded for char, folded in folds.items() if len(folded) != 1})


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
