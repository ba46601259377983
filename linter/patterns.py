"""Turn rule-pack match terms into `regex` sources, and find the literals every match needs.

Phrases are literal, case-insensitive, word-bounded, and flexible about whitespace, line breaks
and hyphens between words. Vocabulary references (`{name}` in a phrase, `\\L<name>` in a pattern)
expand to an alternation of the vocabulary's phrases, longest first. The required literals feed the
prefilter: a term is only tried on sentences holding a literal from each of its required sets.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import ModuleType

import regex

from .cache import LazyPattern
from .textnorm import normalize_chars

FLAGS = regex.IGNORECASE | regex.UNICODE
MIN_LITERAL = 3  # shortest literal worth prefiltering on
_SEPARATOR = r"[\s\-]+"
_PHRASE_REF = LazyPattern(r"\{([A-Za-z_][\w-]*)\}")
_PATTERN_REF = LazyPattern(r"\\L<([A-Za-z_][\w-]*)>")
_WORD_SPLIT = LazyPattern(r"[\s\-]+")


class UnknownVocabulary(KeyError):
    """A `{name}` or `\\L<name>` reference to a vocabulary that no pack defines."""


def phrase_body(phrase: str, vocab: Mapping[str, Iterable[str]]) -> str:
    """Regex for a phrase without its word boundaries."""
    parts: list[str] = []
    pos = 0
    for m in _PHRASE_REF.finditer(phrase):
        parts.append(_literal_words(phrase[pos : m.start()]))
        parts.append(vocab_alternation(m.group(1), vocab))
        pos = m.end()
    parts.append(_literal_words(phrase[pos:]))
    return "".join(parts)


def _literal_words(text: str) -> str:
    """Escape literal text, letting any run of spaces/hyphens match any run of spaces/hyphens."""
    pieces = _WORD_SPLIT.split(normalize_chars(text))
    return _SEPARATOR.join(regex.escape(piece) for piece in pieces)


def vocab_alternation(name: str, vocab: Mapping[str, Iterable[str]]) -> str:
    if name not in vocab:
        raise UnknownVocabulary(name)
    return _alternation_of(tuple(vocab[name]))


@lru_cache(maxsize=256)
def _alternation_of(terms: tuple[str, ...]) -> str:
    """Longest terms first, so "stem cell therapy" wins over "stem cell" (memoised: one
    vocabulary is used by many rules)."""
    unique = sorted({normalize_chars(term).strip() for term in terms}, key=lambda t: (-len(t), t))
    return "(?:" + "|".join(_literal_words(term) for term in unique if term) + ")"


def phrase_regex(phrase: str, vocab: Mapping[str, Iterable[str]]) -> str:
    """Regex for a whole phrase, word-bounded wherever it starts or ends with a word character."""
    return _bounded(phrase_body(phrase, vocab))


def _bounded(body: str) -> str:
    return rf"(?<!\w)(?:{body})(?!\w)"


def pattern_regex(pattern: str, vocab: Mapping[str, Iterable[str]]) -> str:
    """A user regex with `\\L<name>` references expanded."""
    return _PATTERN_REF.sub(lambda m: vocab_alternation(m.group(1), vocab), pattern)


def alternation(sources: list[str]) -> str:
    """One pattern for a list of alternatives (a term set)."""
    return "|".join(f"(?:{s})" for s in sources)


def required_literals(source: str) -> tuple[frozenset[str], ...] | None:
    """Lower-cased literal sets such that every match of `source` contains one literal of each set.

    ("no {harms}" needs "no" and one of "side", "adverse", "risks" ...; a sentence lacking either
    cannot match.) Uses Python's own regex parser; constructs it does not know (the `regex`
    module's extensions) make the answer None, which only disables the prefilter for that term.
    """
    parser, _ = _sre()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = parser.parse(source, 0)
    except Exception:  # any parse failure means "unknown", never an error
        return None
    # Sets with very short literals ("s", "ed", ",") match nearly every sentence: they cost time in
    # the scan and filter nothing. Dropping a set only makes the prefilter less strict, never wrong.
    found = [group for group in _sequence_literals(list(parsed)) if min(map(len, group)) >= MIN_LITERAL]
    if not found:
        return None
    return tuple(frozenset(literal.lower() for literal in group) for group in found)


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


def _sequence_literals(items: list) -> list[set[str]]:
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


def _branch_literals(alternatives: list) -> set[str] | None:
    union: set[str] = set()
    for alternative in alternatives:
        best = _best(_sequence_literals(list(alternative)))
        if not best:
            return None
        union |= best
    return union
