"""The literal prefilter: which sentences can a rule possibly match?

Every term a rule uses needs certain literal words ("no" and one of "side", "adverse" ... for
"no {harms}"). One Aho-Corasick pass over the case-folded text finds all of them at once; a rule's
regexes then run only on the sentences that hold every literal they need. Running a few hundred
patterns over the whole text instead costs far more than the pass, because the `regex` engine tries
each pattern at every position. Text and literals are folded as the `regex` module's
case-insensitive matching folds them (`fold_case`), so the prefilter never rules out a sentence
the pattern would match ("\u017fafe", with a long s, for "safe").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import cache

import ahocorasick

LiteralSets = tuple[frozenset[str], ...]
SentenceIndex = dict[str, set[int]]  # literal -> indexes of the sentences that contain it
# Characters that str.lower() leaves alone but simple case folding (what `regex` matches case-
# insensitively by) changes: long s is "s", final sigma is sigma, Cherokee small letters are capitals.
# (first, last); tests/test_prefilter.py checks the list against Python's casefold.
CASE_VARIANTS = (
    *((0x00B5, 0x00B5), (0x017F, 0x017F), (0x0345, 0x0345), (0x03C2, 0x03C2), (0x03D0, 0x03D1), (0x03D5, 0x03D6)),
    *((0x03F0, 0x03F1), (0x03F5, 0x03F5), (0x13F8, 0x13FD), (0x1C80, 0x1C88), (0x1E9B, 0x1E9B), (0x1FBE, 0x1FBE)),
    (0xAB70, 0xABBF),
)


def fold_case(text: str) -> str:
    """`text` case-folded as `regex` folds it, in the same length: lower case, then CASE_VARIANTS
    folded. The dotted capital I and the dotless small i read as "i": `regex` matches "i" with "I"
    and "\u0130", and "I" with "\u0131" (a relation that does not chain), so the four are one letter
    here; the prefilter may only try a sentence too many."""
    lowered = (text.replace("\u0130", "i") if "\u0130" in text else text).lower()
    if lowered.isascii():
        return lowered
    table, variants = _case_variants()
    return lowered.translate(table) if variants.search(lowered) else lowered


@cache
def _case_variants() -> tuple[dict[int, str], re.Pattern[str]]:
    table = {code: chr(code).casefold() for first, last in CASE_VARIANTS for code in range(first, last + 1)}
    table[0x0131] = "i"  # the dotless i (see fold_case)
    return table, re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")


class Prefilter:
    def __init__(self, all_literal_sets: Iterable[LiteralSets | None]) -> None:
        literals = sorted({lit for sets in all_literal_sets if sets for group in sets for lit in group})
        self._automaton: ahocorasick.Automaton | None = None
        if literals:
            self._automaton = ahocorasick.Automaton()
            for literal in literals:
                self._automaton.add_word(literal, (literal, len(literal) - 1))
            self._automaton.make_automaton()

    def index(self, text: str, sentences: Sequence[tuple[int, int]], first: int, last: int) -> SentenceIndex | None:
        """Which of the sentences `first` to `last` (exclusive) hold which literals; None when that
        text cannot be scanned as is. A slice at a time, so memory follows the slice, not the file."""
        start, end = sentences[first][0], sentences[last - 1][1]
        lowered = fold_case(text[start:end])
        if len(lowered) != end - start:
            return None  # a character whose lower case is longer: offsets would drift
        found: SentenceIndex = {}
        if self._automaton is None:
            return found
        starts = [s - start for s, _ in sentences[first:last]]
        starts.append(len(lowered) + 1)  # past the end: the last sentence's upper bound
        bisect_right = bisect.bisect_right
        low = high = sentence = 0  # the current sentence's bounds; hits mostly fall in the last one's
        for hit_end, (literal, length_less_one) in self._automaton.iter(lowered):  # hot: ~150,000 hits/MB
            at = hit_end - length_less_one
            if not low <= at < high:
                k = bisect_right(starts, at) - 1
                low, high, sentence = starts[k], starts[k + 1], first + k
            holding = found.get(literal)
            if holding is None:
                found[literal] = {sentence}
            else:
                holding.add(sentence)
        return found


class Alternatives:
    """Where each alternative of a term set may match, among the sentences `first` to `last`
    (exclusive): an alternative needs a literal from each of its required sets in that sentence or,
    for a match covering `span` sentences, in the ones after it (so `index` must reach `span - 1`
    sentences past `last`). An alternative without literals may match anywhere."""

    def __init__(
        self, alternatives: list[LiteralSets | None], index: SentenceIndex, first: int, last: int, span: int = 1
    ) -> None:
        self._first, self._last = first, last
        self._by_alternative = [None if sets is None else _holding_all(sets, index, span) for sets in alternatives]

    @property
    def sentences(self) -> set[int]:
        """The sentences where at least one alternative may match."""
        if any(found is None for found in self._by_alternative):
            return set(range(self._first, self._last))
        union: set[int] = set().union(*self._by_alternative)  # type: ignore[arg-type]
        return {i for i in union if self._first <= i < self._last}

    def holds(self, sentence: int) -> bool:
        """Whether some alternative may match in `sentence` (which the index must cover)."""
        return any(found is None or sentence in found for found in self._by_alternative)

    def possible(self, sentence: int) -> list[int]:
        """The alternatives that may match in `sentence` (by their place in the term set)."""
        return [k for k, found in enumerate(self._by_alternative) if found is None or sentence in found]


def _holding_all(sets: LiteralSets, index: SentenceIndex, span: int) -> set[int]:
    """Sentences where a window of `span` holds a literal of every set."""
    candidates: set[int] | None = None
    for group in sets:
        holding = set().union(*(index[literal] for literal in index.keys() & group))  # few of a vocabulary's words
        if span > 1:
            holding = {i - back for i in holding for back in range(span)}
        candidates = holding if candidates is None else candidates & holding
        if not candidates:
            return set()
    return candidates or set()
