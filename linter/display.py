"""How names the user supplied are shown: encodable, and on one line.

A path can hold bytes that are not UTF-8 and control characters (a newline in a file name); shown
raw, the first cannot be printed and the second breaks the one-line `path:line:col` contract.
"""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path: str) -> str:
    """`path` as findings show it: the bytes of a name that is not valid UTF-8 as `\\xNN`.

    Python keeps such bytes as lone surrogates, which no output stream can encode.
    """
    if not _SURROGATE.search(path):
        return path
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def noted(path: str) -> str:
    """`path` as a note shows it: also control characters escaped, so a note stays on one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], shown_path(path))
