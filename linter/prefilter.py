"""The literal prefilter: which sentences can a rule possibly match?

Every term a rule uses needs certain literal words ("no" and one of "side", "adverse" ... for
"no {harms}"). One Aho-Corasick pass over the lower-cased text finds all of them at once; a rule's
regexes then run only on the sentences that hold every literal they need. Running a few hundred
patterns over the whole text instead costs far more than the pass, because the `regex` engine tries
each pattern at every position.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import ahocorasick

LiteralSets = tuple[frozenset[str], ...]
SentenceIndex = dict[str, set[int]]  # literal -> indexes of the sentences that contain it


class Prefilter:
    def __init__(self, all_literal_sets: Iterable[LiteralSets | None]) -> None:
        literals = sorted({lit for sets in all_literal_sets if sets for group in sets for lit in group})
        self._automaton: ahocorasick.Automaton | None = None
        if literals:
            self._automaton = ahocorasick.Automaton()
            for literal in literals:
                self._automaton.add_word(literal, literal)
            self._automaton.make_automaton()

    def index(self, lintable: str, sentence_starts: list[int]) -> SentenceIndex | None:
        """Which sentences hold which literals; None when the text cannot be scanned as is."""
        lowered = lintable.lower()
        if len(lowered) != len(lintable):
            return None  # a character whose lower case is longer ("İ"): offsets would drift
        found: SentenceIndex = {}
        if self._automaton is None:
            return found
        for end, literal in self._automaton.iter(lowered):
            sentence = bisect.bisect_right(sentence_starts, end - len(literal) + 1) - 1
            if sentence >= 0:
                found.setdefault(literal, set()).add(sentence)
        return found


def sentences_for(alternatives: list[LiteralSets | None], index: SentenceIndex, count: int, span: int = 1) -> set[int]:
    """Sentences where a match may start: at least one alternative has a literal from each of its
    required sets in that sentence or, for a match covering `span` sentences, in the ones after it."""
    result: set[int] = set()
    for sets in alternatives:
        if sets is None:
            return set(range(count))
        candidates: set[int] | None = None
        for group in sets:
            holding = set().union(*(index.get(literal, ()) for literal in group))
            if span > 1:
                holding = {max(0, i - back) for i in holding for back in range(span)}
            candidates = holding if candidates is None else candidates & holding
            if not candidates:
                break
        result |= candidates or set()
    return result
