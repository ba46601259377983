"""How text from outside copylint is shown: encodable, on one line where it must be, and inert.

A page, a path, a rule pack or a config can hold bytes that are not UTF-8 and control characters:
shown raw, the first cannot be printed, a newline breaks the one-line `path:line:col` contract,
and escape sequences drive the terminal (OSC 52 writes the clipboard, CSI moves the cursor or
clears the screen). Every human-facing output passes such text through `shown`.
"""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 controls, DEL, C1 controls (0x9b and 0x9d start CSI and OSC on their own), line and paragraph separators
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


def shown(text: str, keep: str = "") -> str:
    """`text` as a terminal may show it: control characters other than those in `keep` (a format's
    own line breaks) escaped as `\\x1b`, `\\n`, `\\t`, and undecodable bytes of a name as `\\xNN`."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else repr(m.group())[1:-1], shown_path(text))
