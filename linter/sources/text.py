"""Plain text: linted as is, except copylint's own `# copylint-...` directive lines.

A suppression comment names rules and gives a reason in words that may themselves look like a
claim; it is read from the original text by the suppression code and never linted.
"""

from __future__ import annotations

import regex

from .masking import Hide, Masked, apply

_DIRECTIVE_LINE = regex.compile(r"^[ \t]*#[ \t]*copylint-[^\r\n]*", regex.MULTILINE)


def mask(text: str) -> Masked:
    return apply(text, [Hide(m.start(), m.end()) for m in _DIRECTIVE_LINE.finditer(text)])
