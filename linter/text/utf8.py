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

from .patched import Normalizing, Texts

PIECE_BYTES = 1 << 12  # bytes decoded and normalised at a time: a piece with one wide character is wide


def decode_normalized(owned: list[bytes]) -> Texts | None:
    """The texts of the UTF-8 data in `owned`, a list of one `bytes` that is emptied: a caller
    that keeps no other reference lets the bytes go before the lintable text is joined. None, with
    the data put back, when it is not valid UTF-8. The same texts as decoding the data whole and
    normalising it (`Document.from_text`)."""
    data = owned.pop()
    decoder = codecs.getincrementaldecoder("utf-8")()
    texts = Normalizing(len(data))  # a text has at most as many characters as its UTF-8 has bytes
    with memoryview(data) as view:
        try:
            for start in range(0, len(data), PIECE_BYTES):
                texts.add(decoder.decode(view[start : start + PIECE_BYTES], final=start + PIECE_BYTES >= len(data)))
        except UnicodeDecodeError:
            owned.append(data)
            return None
    del data
    return texts.finish()
