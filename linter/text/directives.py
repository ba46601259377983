"""copylint's own comments in a page: the one definition of the directive syntax.

    <!-- copylint-disable-next-line fda-status -- reason -->     (Markdown, HTML)
    # copylint-disable superlative-misleading -- reason          (a line of plain text)

Readers hide these comments from the rules (a waiver's reason is never a claim) and the
suppression filter applies them; both read the syntax from here. A `#` line starts after any
line break, CR-only files included.
"""

from __future__ import annotations

import regex

from ..cache import LazyPattern

MARKER = "copylint-"  # text without it holds no directive
KINDS = ("disable-next-line", "disable-file", "disable", "enable")  # longest first: alternatives are ordered
_HASH_LINE = r"(?:^|(?<=\r))[ \t]*\#[ \t]*copylint-"

DIRECTIVE = LazyPattern(
    rf"""<!--\s*copylint-(?P<kind>{"|".join(KINDS)})\b(?P<body>(?:(?!-->).)*)-->
    |{_HASH_LINE}(?P<kind>{"|".join(KINDS)})\b(?P<body>[^\r\n]*)""",
    regex.VERBOSE | regex.MULTILINE | regex.DOTALL,
)
HASH_DIRECTIVE_LINE = LazyPattern(rf"{_HASH_LINE}[^\r\n]*", regex.MULTILINE)
