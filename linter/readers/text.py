"""Plain text: linted as is, except copylint's own `# copylint-...` directive lines.

A suppression comment names rules and gives a reason in words that may themselves look like a
claim; it is read from the original text by the suppression code and never linted. Blanked with
one substitution (no offset map), so plain text stays the fast path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.directives import HASH_DIRECTIVE_LINE

if TYPE_CHECKING:
    from .masking import Masked


def mask(text: str) -> Masked:
    return HASH_DIRECTIVE_LINE.sub(lambda m: " " * len(m.group()), text), None
