"""JSON written a piece at a time, byte for byte what `json.dumps(value, indent=2, ensure_ascii=False)`
gives: a report of many findings is written as each one is encoded, never held whole (json.dumps
with an indent builds a list of millions of small strings, then joins them into one more copy)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

INDENT = "  "
_ENCODER = json.JSONEncoder(indent=len(INDENT), ensure_ascii=False)


def json_pieces(value: Any, level: int = 0) -> Iterator[str]:
    """`value` at nesting `level`, in pieces. An iterator in it is written as a list whose items are
    made only as they are written (a generator of one dict per finding)."""
    if isinstance(value, dict) and value:
        inner = "\n" + INDENT * (level + 1)
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "{") + inner + _ENCODER.encode(key) + ": "
            yield from json_pieces(item, level + 1)
        yield "\n" + INDENT * level + "}"
    elif isinstance(value, list | tuple | Iterator):
        inner = "\n" + INDENT * (level + 1)
        empty = True
        for item in value:
            yield ("[" if empty else ",") + inner
            yield from json_pieces(item, level + 1)
            empty = False
        yield "[]" if empty else "\n" + INDENT * level + "]"
    else:  # a string, number, boolean, null or empty dict
        yield _ENCODER.encode(value)
