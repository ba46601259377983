"""A term set as one engine runs it: its compiled patterns, its prefilter literals, and the
counters that decide when one alternative is worth compiling on its own.

Kept per engine, never on the rule model: engines that share rules share no run-time state.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from ..packs.patterns import FLAGS, alternation, separable
from .literals import LiteralSets, required_literals

if TYPE_CHECKING:
    import regex

    from ..cache import PatternCache
    from ..packs.model import TermSet

ALONE_AFTER = 32  # sentences where only one alternative of a term set can match before it runs alone


class LoadTime:
    """Seconds an engine has spent getting patterns (from the cache, or compiling them): time that
    is not matching, so no rule's time budget pays for it."""

    def __init__(self) -> None:
        self.seconds = 0.0


class CompiledTerms:
    def __init__(self, terms: TermSet, cache: PatternCache, load_time: LoadTime | None = None) -> None:
        self.terms = terms
        self._cache = cache
        self._load_time = load_time or LoadTime()  # the engine's, which rules' clocks read
        self._whole: regex.Pattern[str] | None = None
        self._chosen: dict[tuple[int, ...], regex.Pattern[str]] = {}  # settled answers of `pattern_for`
        self._parts_chars = 0  # length of the parts' sources compiled so far
        self._needed: dict[int, int] = {}  # alternative -> how often it alone could match, until loaded

    @property
    def alternatives(self) -> int:
        return len(self.terms.fast_sources)

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The whole set as one pattern, compiled on first use (most rules never need it)."""
        if self._whole is None:
            self._whole = self._load(alternation(self.terms.fast_sources))
        return self._whole

    def pattern_for(self, possible: Sequence[int]) -> regex.Pattern[str] | None:
        """What to run where the prefilter says only the alternatives `possible` can match: nothing
        for none. Compiling costs about a pattern's length and most pages reach few alternatives of a
        set, so until the whole set is compiled, a pattern of just those alternatives, as long as the
        parts compiled add up to less than the whole; then the whole set, except that one alternative
        needed alone ALONE_AFTER times gets its own pattern (faster to run). An answer that can no
        longer change is kept: the engine asks once per sentence a rule tries."""
        chosen = tuple(possible)
        found = self._chosen.get(chosen)
        if found is not None:
            return found
        if not chosen:
            return None
        if self.alternatives == 1 or not self._separable or (self._whole is not None and len(chosen) > 1):
            found = self._chosen[chosen] = self.pattern
            return found
        if self._whole is not None:
            self._needed[chosen[0]] = self._needed.get(chosen[0], 0) + 1
            if self._needed[chosen[0]] <= ALONE_AFTER:
                return self._whole
        source = alternation([self.terms.fast_sources[k] for k in chosen])
        if self._whole is None and self._parts_chars + len(source) > len(alternation(self.terms.fast_sources)):
            return self.pattern
        self._parts_chars += len(source)
        found = self._chosen[chosen] = self._load(source)
        return found

    def _load(self, source: str) -> regex.Pattern[str]:
        started = time.monotonic()
        try:
            return self._cache.pattern(source, FLAGS)
        finally:
            self._load_time.seconds += time.monotonic() - started

    @cached_property
    def _separable(self) -> bool:
        return separable(self.terms.fast_sources)

    @cached_property
    def literal_sets(self) -> list[LiteralSets | None]:
        """Per alternative, the literal sets a match needs (None: unknown, so always try it)."""
        return [self._cache.literals(source, required_literals) for source in self.terms.sources]
