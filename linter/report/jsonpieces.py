"""JSON written a piece at a time, byte for byte what `json.dumps(value, indent=2, ensure_ascii=False)`
gives: a report of many findings is written as each one is encoded, never held whole (json.dumps
with an indent builds a list of millions of small strings, then joins them into one more copy).

A piece is one item of a list (one finding), encoded by `_encoded`: strings through the json
module's C string encoder, containers by hand. The json module's own encoder with an indent is pure
Python, item by item; this does the same work with a fraction of the calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

INDENT = "  "
_ENCODER = json.JSONEncoder(indent=len(INDENT), ensure_ascii=False)
_encode_string = json.encoder.encode_basestring  # the C function where the interpreter has it
_CONSTANTS = {True: "true", False: "false", None: "null"}


def json_pieces(value: Any, level: int = 0) -> Iterator[str]:
    """`value` at nesting `level`, in pieces. An iterator in it is written as a list whose items are
    made only as they are written (a generator of one dict per finding)."""
    if isinstance(value, dict) and value:
        inner = "\n" + INDENT * (level + 1)
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "{") + inner + _encode_key(key) + ": "
            yield from json_pieces(item, level + 1)
        yield "\n" + INDENT * level + "}"
    elif isinstance(value, list | tuple | Iterator):
        inner = "\n" + INDENT * (level + 1)
        empty = True
        for item in value:
            yield ("[" if empty else ",") + inner
            try:
                yield _encoded(item, level + 1)
            except _Streamed:  # it holds an iterator: written in pieces too
                yield from json_pieces(item, level + 1)
            empty = False
        yield "[]" if empty else "\n" + INDENT * level + "]"
    else:
        yield _encoded(value, level)


class _Streamed(Exception):
    """Raised by `_encoded` at an iterator, before taking anything from it."""


def _encoded(value: Any, level: int) -> str:
    """One value at nesting `level`, as json.dumps with the indent writes it there."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ",\n" + INDENT * (level + 1)
        items = inner.join(_encode_key(key) + ": " + _encoded(item, level + 1) for key, item in value.items())
        return "{\n" + INDENT * (level + 1) + items + "\n" + INDENT * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = ",\n" + INDENT * (level + 1)
        items = inner.join(_encoded(item, level + 1) for item in value)
        return "[\n" + INDENT * (level + 1) + items + "\n" + INDENT * level + "]"
    if isinstance(value, Iterator):
        raise _Streamed
    return _ENCODER.encode(value)  # a float (json's spelling of it, nan and infinity included)


def _encode_key(key: Any) -> str:
    """A dict key as json.dumps writes it (keys that are not strings become strings)."""
    return _encode_string(key) if isinstance(key, str) else _ENCODER.encode({key: 0})[4:-5]
