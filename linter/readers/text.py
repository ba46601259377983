"""Plain text: linted as is, except copylint's own `# copylint-...` directive lines.

A suppression comment names rules and gives a reason in words that may themselves look like a
claim; it is read from the original text by the suppression code and never linted. Blanked with
one substitution (no offset map), so plain text stays the fast path; those lines are plain text's
only comments.
"""

from __future__ import annotations

from ..text.directives import HASH_DIRECTIVE_LINE, MARKER
from .masking import Masked


def leaves_as_is(utf8: bytes) -> bool:
    """Whether `mask` leaves the text of this UTF-8 data as it is (its bytes hold no directive:
    a UTF-8 character of more than one byte holds no ASCII byte)."""
    return MARKER.encode() not in utf8


def mask(text: str) -> Masked:
    if MARKER not in text:
        return Masked(text, None)
    lines = [m.span() for m in HASH_DIRECTIVE_LINE.finditer(text)]
    return Masked(HASH_DIRECTIVE_LINE.sub(lambda m: " " * len(m.group()), text), None, lines)
