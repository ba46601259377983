"""Bytes to text: a BOM first (UTF-8, UTF-16, UTF-32), then UTF-8, then Windows-1252 with a note.

Windows-1252 is the usual encoding of copy pasted from Word on a Windows laptop (its curly quotes
are invalid UTF-8). Data with NUL bytes and no BOM is binary, unless its NULs fall in every other
byte the way UTF-16 text's do.
"""

from __future__ import annotations

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SNIFF_BYTES = 8192


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII-range characters has a NUL in every other byte and nowhere else."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, text in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and text.count(0) == 0:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def utf8_first(data: bytes) -> bool:
    """Whether `decode` reads `data` as UTF-8 first (no byte-order mark, no NUL): it may then be
    decoded a piece at a time (`text.utf8`), and only UTF-8 that is not valid comes back here."""
    return not data.startswith(tuple(bom for bom, _ in _BOMS)) and b"\x00" not in data[:_SNIFF_BYTES]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and an optional note; (None, None) for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:_SNIFF_BYTES]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            return None, None
        return data.decode(utf16), f"no byte-order mark, read as {utf16.upper()}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "not valid UTF-8, read as Windows-1252"
