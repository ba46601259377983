"""The literals every match of a pattern needs, for the prefilter.

A term is only tried on sentences holding a literal from each of its required sets. The analysis
reads the parse tree of Python's own regex parser, a private CPython module: `_sre()` is the one
place that touches it, and `tests/test_literals.py` fails loudly if its shape changes.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from types import ModuleType
from typing import Any

from .prefilter import fold_case

MIN_LITERAL = 3  # shortest literal worth prefiltering on
RARE_MARKS = frozenset(":%?$#")  # marks rare enough in copy to prefilter on alone (a lead-in's colon, a percent)
# The `regex` module's anchor at the search's start (a term of a sentence's first words), which
# Python's parser does not know; it matches no character, so what follows it holds the literals.
SEARCH_START = "\\G"

LiteralSets = tuple[frozenset[str], ...]


def required_literals(source: str) -> tuple[frozenset[str], ...] | None:
    """Case-folded literal sets (`prefilter.fold_case`) such that every match of `source` contains
    one literal of each set.

    ("no {harms}" needs "no" and one of "side", "adverse", "risks" ...; a sentence lacking either
    cannot match.) Uses Python's own regex parser; constructs it does not know (the `regex`
    module's extensions, but for a leading `\\G`) make the answer None, which only disables the
    prefilter for that term.
    """
    parser, _ = _sre()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = parser.parse(source.removeprefix(SEARCH_START), 0)
    except Exception:  # any parse failure means "unknown", never an error
        return None
    # Sets with very short literals ("s", "ed", ",") match nearly every sentence: they cost time in
    # the scan and filter nothing, but for rare marks ("cures:" ends a lead-in, "90%" is a figure).
    # Dropping a set only makes the prefilter less strict, never wrong.
    found = [group for group in _sequence_literals(list(parsed)) if all(map(_worth_finding, group))]
    if not found:
        return None
    return tuple(frozenset(fold_case(literal) for literal in group) for group in found)


@lru_cache(maxsize=1)
def _sre() -> tuple[ModuleType, ModuleType]:
    """Python's own regex parser and its constants, imported on first use (the cache makes most
    runs skip literal analysis altogether)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import re._constants as constants  # type: ignore[import-not-found]
            import re._parser as parser  # type: ignore[import-not-found]
        except ImportError:  # pragma: no cover - Python < 3.11
            import sre_constants as constants
            import sre_parse as parser
    return parser, constants


def _worth_finding(literal: str) -> bool:
    return len(literal) >= MIN_LITERAL or (literal != "" and RARE_MARKS.issuperset(literal))


def _sequence_literals(items: list[Any]) -> list[set[str]]:
    """Every required-literal set of a sequence of parsed regex items (all are needed)."""
    required: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            required.append({"".join(run)})
            run.clear()

    _, c = _sre()
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        flush()
        if op is c.SUBPATTERN:
            required.extend(_sequence_literals(list(arg[-1])))
        elif op is c.BRANCH:
            union = _branch_literals(arg[1])
            if union:
                required.append(union)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            required.extend(_sequence_literals(list(arg[2])))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            required.extend(_sequence_literals(list(arg)))
    flush()
    return required


def _best(sets: list[set[str]]) -> set[str] | None:
    """The most selective set: longest shortest literal, then fewest alternatives."""
    return max(sets, key=lambda s: (min(len(x) for x in s), -len(s))) if sets else None


def _branch_literals(alternatives: list[Any]) -> set[str] | None:
    union: set[str] = set()
    for alternative in alternatives:
        best = _best(_sequence_literals(list(alternative)))
        if not best:
            return None
        union |= best
    return union
