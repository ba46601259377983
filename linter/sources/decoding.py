"""Bytes to text: a BOM first (UTF-8, UTF-16, UTF-32), then UTF-8, then Windows-1252 with a note.

Windows-1252 is the usual encoding of copy pasted from Word on a Windows laptop (its curly quotes
are invalid UTF-8). Data with NUL bytes and no BOM is binary, not text.
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


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and an optional note; (None, None) for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "not valid UTF-8, read as Windows-1252"
