"""Plain UTF-8 files decoded and normalised a piece at a time.

A decoded string takes two bytes a character as soon as it holds one curly quote (four with one
emoji), and so does the lintable text normalised from it. Decoded whole, then normalised, a large
file's bytes, its text and its lintable text are all whole at one moment, and decoding UTF-8 first
builds a narrower copy that it widens at the first such character: four to five times the file.
Decoded and normalised a piece at a time, the original is never whole (what differs from the
lintable text is kept as `Patches`), and the lintable text is joined from pieces that straightened
quotes mostly leave one byte a character: about three times the file, or two when no character
past U+00FF stays.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from .offsets import OffsetMap
from .patched import PatchedText, Patches
from .textnorm import FoldTable, offset_map, runs_of

PIECE_BYTES = 1 << 12  # bytes decoded and normalised at a time: a piece with one wide character is wide


class Decoded(NamedTuple):
    """A document's texts: what rules read, the original, and the map between them (None: same offsets)."""

    lintable: str
    original: str | PatchedText
    offsets: OffsetMap | None


def decode_normalized(owned: list[bytes]) -> Decoded | None:
    """The texts of the UTF-8 data in `owned`, a list of one `bytes` that is emptied: a caller
    that keeps no other reference lets the bytes go before the lintable text is joined. None, with
    the data put back, when it is not valid UTF-8. The same texts as decoding the data whole and
    normalising it (`Document.from_text`)."""
    data = owned.pop()
    decoder = codecs.getincrementaldecoder("utf-8")()
    table = FoldTable()
    patches = Patches(len(data))  # a text has at most as many characters as its UTF-8 has bytes
    pieces: list[str] = []
    offsets: OffsetMap | None = None
    at = 0  # where the piece starts in the original
    with memoryview(data) as view:
        try:
            for start in range(0, len(data), PIECE_BYTES):
                piece = decoder.decode(view[start : start + PIECE_BYTES], final=start + PIECE_BYTES >= len(data))
                lintable = piece if piece.isascii() else piece.translate(table)
                piece_map = None
                if lintable != piece:
                    patches.add(piece, at, runs_of(table.changed()))
                    piece_map = offset_map(piece, len(lintable), table)
                if piece_map is not None and offsets is None:
                    offsets = OffsetMap()
                    offsets.extend(0, at)  # no piece before changed length: offsets were the same
                if piece_map is not None and offsets is not None:
                    offsets.append(piece_map, at)
                elif offsets is not None:
                    offsets.extend(at, len(piece))
                pieces.append(lintable)
                at += len(piece)
        except UnicodeDecodeError:
            owned.append(data)
            return None
    del data
    lintable = "".join(pieces)
    del pieces
    if offsets is not None:
        offsets.extend(at, 1)  # and the end
    if not patches.starts:
        return Decoded(lintable, lintable, offsets)
    patches.finish(at, offsets.first_at_or_after if offsets is not None else None)
    return Decoded(lintable, PatchedText(lintable, patches), offsets)
