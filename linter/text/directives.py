"""copylint's own comments in a page: the one definition of the directive syntax.

    <!-- copylint-disable-next-line fda-status -- reason -->     (Markdown, HTML)
    # copylint-disable superlative-misleading -- reason          (a line of plain text)

A directive is honoured only inside a real comment of the file's format: readers find those
comments (and hide them from the rules: a waiver's reason is never a claim), and the suppression
filter reads each one with `parse`. Any `copylint-` name is read, known or not, so a misspelt
directive is reported instead of being taken for another one. A `#` line starts after any line
break, CR-only files included.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..cache import LazyPattern

MARKER = "copylint-"  # text without it holds no directive
KINDS = ("disable-next-line", "disable-file", "disable", "enable")

_NAME = r"copylint-(?P<kind>[A-Za-z](?:[\w-]*\w)?)"
_IN_COMMENT = LazyPattern(rf"(?:<!--|\#)[ \t\r\n]*{_NAME}(?P<body>.*?)(?:--!?>)?\Z", regex.DOTALL)
HASH_DIRECTIVE_LINE = LazyPattern(r"(?:^|(?<=\r))[ \t]*\#[ \t]*copylint-[^\r\n]*", regex.MULTILINE)


@dataclass(frozen=True)
class Parsed:
    """One comment read as a directive: its name (`kind`, maybe unknown), selectors and reason."""

    kind: str
    selectors: tuple[str, ...]
    reason: str

    @property
    def known(self) -> bool:
        return self.kind in KINDS


def parse(comment: str) -> Parsed | None:
    """The directive in a whole comment (`<!-- ... -->` or a `#` line); None when it holds none."""
    m = _IN_COMMENT.match(comment.strip())
    if m is None:
        return None
    rules_part, _, reason = m.group("body").partition("--")
    selectors = tuple(s for s in rules_part.replace(",", " ").split() if s)
    return Parsed(m.group("kind"), selectors, reason.strip())
