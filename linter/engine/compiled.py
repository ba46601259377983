"""A term set as one engine runs it: its compiled patterns, its prefilter literals, and the
counters that decide when one alternative is worth compiling on its own.

Kept per engine, never on the rule model: engines that share rules share no run-time state.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..packs.patterns import FLAGS, alternation, separable
from .literals import LiteralSets, required_literals

if TYPE_CHECKING:
    import regex

    from ..cache import PatternCache
    from ..packs.model import TermSet

ALONE_AFTER = 32  # sentences where only one alternative of a term set can match before it runs alone


class CompiledTerms:
    def __init__(self, terms: TermSet, cache: PatternCache) -> None:
        self.terms = terms
        self._cache = cache
        self._alone: dict[int, regex.Pattern[str]] = {}  # alternative -> its own pattern
        self._needed: dict[int, int] = {}  # alternative -> how often it alone could match, until loaded

    @property
    def alternatives(self) -> int:
        return len(self.terms.fast_sources)

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """The whole set as one pattern, compiled on first use (most rules never need it)."""
        return self._cache.pattern(alternation(self.terms.fast_sources), FLAGS)

    def pattern_for(self, possible: list[int]) -> regex.Pattern[str] | None:
        """What to run where the prefilter says only the alternatives `possible` can match: nothing
        for none, and for one, once it has been needed ALONE_AFTER times, that alternative's own
        pattern (faster to run, but loading it costs as much as a few dozen runs); else the whole set."""
        if not possible:
            return None
        if len(possible) == 1 and self.alternatives > 1 and self._separable:
            alternative = possible[0]
            found = self._alone.get(alternative)
            if found is not None:
                return found
            self._needed[alternative] = self._needed.get(alternative, 0) + 1
            if self._needed[alternative] > ALONE_AFTER:
                source = alternation([self.terms.fast_sources[alternative]])
                found = self._alone[alternative] = self._cache.pattern(source, FLAGS)
                return found
        return self.pattern

    @cached_property
    def _separable(self) -> bool:
        return separable(self.terms.fast_sources)

    @cached_property
    def literal_sets(self) -> list[LiteralSets | None]:
        """Per alternative, the literal sets a match needs (None: unknown, so always try it)."""
        return [self._cache.literals(source, required_literals) for source in self.terms.sources]
