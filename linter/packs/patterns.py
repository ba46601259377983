"""Turn rule-pack match terms into `regex` sources, and find the literals every match needs.

Phrases are literal, case-insensitive, word-bounded, and flexible about whitespace, line breaks
and hyphens between words. Vocabulary references (`{name}` in a phrase, `\\L<name>` in a pattern)
expand to an alternation of the vocabulary's phrases, longest first. A phrase may also say what
compliance staff would otherwise need a regex for: `[optional words]`, `(one|or another)`, `...` for
up to three words in between, `*` for any one word, `word~` for its inflections (treat~: treats,
treated, treating) and `word*` for any ending (claim*: claims, claimed, claimant).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import regex

from ..cache import LazyPattern
from ..text.textnorm import normalize_chars

FLAGS = regex.IGNORECASE | regex.UNICODE
_SEPARATOR = r"[\s\-]+"
_NAME = r"(?:[a-z0-9][a-z0-9-]*\.)?[A-Za-z_][\w-]*"  # a vocabulary, maybe qualified by its pack
_PHRASE_REF = LazyPattern(rf"\{{({_NAME})\}}")
_PATTERN_REF = LazyPattern(rf"\\L<({_NAME})>")
_WORD_SPLIT = LazyPattern(r"[\s\-]+")
_SEPARATOR_RUN = LazyPattern(r"[\s\-]{2,}")
_WORD_START = LazyPattern(r"\w")
_FLAG_GROUP = LazyPattern(r"\(\?([a-zA-Z]*)-?([a-zA-Z]*)([:)])")  # (?i:  (?-i:  (?-i)
_CLASS_END = LazyPattern(r"\[\^?\]?(?:\\.|[^\]\\])*\]")
# What ties one alternative of a term set to another: back-references and subroutine calls (which
# number or name groups across the whole pattern), conditionals, and flags for the whole pattern.
_ENTANGLING = LazyPattern(r"\\[1-9]|\\[gk]<|\(\?(?:P[=>]|\(|R\)|&|[-+]?\d|[a-zA-Z]*-?[a-zA-Z]*\))")


_PHRASE_SYNTAX = LazyPattern(r"[\[\]~*]|\.\.\.|\([^()]*\|[^()]*\)")
_PHRASE_TOKEN = LazyPattern(
    rf"(?P<vocab>\{{{_NAME}\}})|"
    r"(?P<open>\[)|(?P<close>\])|(?P<choice>\([^()]*\|[^()]*\))"
    r"|(?P<gap>\.\.\.)|(?P<word>[^\s\-\[\]{}~*]+[~*]?|[~*])|(?P<space>[\s\-]+)"
)
_ANY_WORD = r"[\w']+"  # a word, apostrophes included (quotes are straight here)
_GAP = rf"(?:{_ANY_WORD}[\s\-]+){{0,3}}"  # up to three words, each followed by its separator


class UnknownVocabulary(KeyError):
    """A `{name}` or `\\L<name>` reference to a vocabulary that no pack defines."""


class PhraseSyntaxError(ValueError):
    """A phrase whose optional words, alternatives or gaps are not well formed."""


def phrase_body(phrase: str, vocab: Mapping[str, Iterable[str]], fast: bool = False) -> str:
    """Regex for a phrase without its word boundaries."""
    if _PHRASE_SYNTAX.search(phrase):
        return _syntax_body(phrase, vocab, fast)
    parts: list[str] = []
    pos = 0
    for m in _PHRASE_REF.finditer(phrase):
        parts.append(_literal_words(phrase[pos : m.start()]))
        parts.append(vocab_alternation(m.group(1), vocab, fast, fold_case=True))
        pos = m.end()
    parts.append(_literal_words(phrase[pos:]))
    return "".join(parts)


def _syntax_body(phrase: str, vocab: Mapping[str, Iterable[str]], fast: bool) -> str:
    """A phrase with optional words, alternatives, gaps or inflections, as a regex body."""
    items, end = _phrase_items(phrase, 0, vocab, fast)
    if end != len(phrase):
        raise PhraseSyntaxError(f"unbalanced ']' in {phrase!r}")
    if all(kind != "word" for kind, _ in items):
        raise PhraseSyntaxError(f"{phrase!r} needs at least one word that is neither optional nor '*'")
    return _join(items)


def _join(items: list[tuple[str, str]]) -> str:
    """Items joined by separators: a gap takes the one before it, an optional group the one on the
    side of a word that is surely there."""
    parts: list[str] = []
    need_separator = False
    for kind, body in items:
        separator = _SEPARATOR if need_separator else ""
        if kind == "gap":
            parts.append(separator + _GAP)
            need_separator = False
        elif kind == "optional":
            parts.append(f"(?:{separator}{body})?" if need_separator else f"(?:{body}{_SEPARATOR})?")
        else:
            parts.append(separator + body)
            need_separator = True
    return "".join(parts)


def _phrase_items(
    phrase: str, pos: int, vocab: Mapping[str, Iterable[str]], fast: bool
) -> tuple[list[tuple[str, str]], int]:
    """(kind, regex) items of a phrase from `pos` up to its end or a closing `]`: words, optional
    groups and gaps."""
    items: list[tuple[str, str]] = []
    while pos < len(phrase):
        token = _PHRASE_TOKEN.match(phrase, pos)
        if token is None:  # pragma: no cover - every character belongs to some token
            raise PhraseSyntaxError(f"cannot read {phrase!r} at {pos}")
        kind, text = token.lastgroup, token.group()
        pos = token.end()
        if kind == "close":
            return items, pos - 1
        if kind == "open":
            inner, close = _phrase_items(phrase, pos, vocab, fast)
            if close >= len(phrase) or phrase[close] != "]" or not inner:
                raise PhraseSyntaxError(f"unclosed or empty '[' in {phrase!r}")
            items.append(("optional", _join(inner)))
            pos = close + 1
        elif kind == "vocab":
            items.append(("word", vocab_alternation(text[1:-1], vocab, fast, fold_case=True)))
        elif kind == "choice":
            choices = sorted(_alternatives(text), key=lambda c: (-len(c), c))
            items.append(("word", "(?:" + "|".join(_choice(c) for c in choices) + ")"))
        elif kind == "gap":
            items.append(("gap", _GAP))
        elif kind == "word":
            if text == "~" or phrase[pos : pos + 1] in ("~", "*"):
                raise PhraseSyntaxError(f"'~' ends a word, and '*' is a word or ends one, in {phrase!r}")
            items.append(("any" if text == "*" else "word", _word(text)))
    return items, pos


def _alternatives(choice: str) -> set[str]:
    """The alternatives of a `(a|b c)` token, as written."""
    return {c.strip() for c in choice[1:-1].split("|")} - {""}


def _choice(words: str) -> str:
    """One alternative of `(a|b c)`: its words, each possibly inflected."""
    return _SEPARATOR.join(_word(word) for word in _WORD_SPLIT.split(words) if word)


def _word(word: str) -> str:
    """One word of a phrase: `*` is any word, `claim*` any ending, `treat~` the inflections."""
    if word == "*":
        return _ANY_WORD
    if word.endswith("*"):
        return regex.escape(normalize_chars(word[:-1])) + r"\w*"
    return _inflected(word[:-1]) if word.endswith("~") else regex.escape(normalize_chars(word))


def _inflected(word: str) -> str:
    """A word and its regular English inflections: treat~ -> treats, treated, treating; cure~ ->
    cures, cured, curing; remedy~ -> remedies, remedied, remedying; relax~ -> relaxes."""
    word = normalize_chars(word)
    if word.endswith("e"):
        forms = {word, word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2].lower() not in "aeiou":
        forms = {word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms = {word, word + "es", word + "ed", word + "ing"}
    else:
        forms = {word, word + "s", word + "ed", word + "ing"}
    return "(?:" + "|".join(regex.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


def _literal_words(text: str) -> str:
    """Escape literal text, letting any run of spaces/hyphens match any run of spaces/hyphens."""
    pieces = _WORD_SPLIT.split(normalize_chars(text))
    return _SEPARATOR.join(regex.escape(piece) for piece in pieces)


def vocab_alternation(
    name: str, vocab: Mapping[str, Iterable[str]], fast: bool = False, fold_case: bool = False
) -> str:
    """A vocabulary as a regex; `fast`: as a prefix tree, in lower case if `fold_case` (only right
    where the pattern is certainly case-insensitive)."""
    if name not in vocab:
        raise UnknownVocabulary(name)
    terms = tuple(vocab[name])
    return _prefix_tree_of(terms, fold_case) if fast else _alternation_of(terms)


def _unique_terms(terms: tuple[str, ...]) -> set[str]:
    return {normalize_chars(term).strip() for term in terms} - {""}


@lru_cache(maxsize=256)
def _alternation_of(terms: tuple[str, ...]) -> str:
    """Longest terms first, so "stem cell therapy" wins over "stem cell" (memoised: one
    vocabulary is used by many rules)."""
    unique = sorted(_unique_terms(terms), key=lambda t: (-len(t), t))
    return "(?:" + "|".join(_literal_words(term) for term in unique) + ")"


_END = ""  # marks a node where a term ends (no real token is empty)
Tree = dict[str, "Tree"]  # a prefix tree of tokens


@lru_cache(maxsize=256)
def _prefix_tree_of(terms: tuple[str, ...], fold_case: bool) -> str:
    """The same alternation as `_alternation_of`, factored into a prefix tree ("stem(?:[\\s\\-]+cells?)?").

    The `regex` engine tries every alternative of a flat alternation at every position; a tree tries
    one branch per character, so a vocabulary of hundreds of terms costs about what one term does.
    It matches the same text with the same preference: the terms that can match at one position
    form a chain of prefixes, and the tree, like the longest-first list, tries the longest first.
    That needs sibling branches that cannot match the same character; where case-insensitive
    siblings ("ACL", "arthritis") or repeated separators ("stem  cell") would break that, the list is
    kept; `fold_case` merges such siblings in lower case, for case-insensitive patterns.
    """
    root: Tree = {}
    for term in _unique_terms(terms):
        if fold_case:
            if any(len(c.lower()) != 1 for c in term):
                return _alternation_of(terms)
            term = term.lower()
        if _SEPARATOR_RUN.search(term):
            return _alternation_of(terms)
        node = root
        for i, piece in enumerate(_WORD_SPLIT.split(term)):
            for token in ([_SEPARATOR] if i else []) + list(piece):
                node = node.setdefault(token, {})
        node[_END] = {}
    if _has_case_twins(root):
        return _alternation_of(terms)
    return "(?:" + _render_tree(root) + ")"


def _has_case_twins(node: Tree) -> bool:
    """Sibling characters that are the same letter in another case ("M", "m")."""
    chars = [token for token in node if len(token) == 1]
    if len({c.lower() for c in chars}) < len(chars) or len({c.upper() for c in chars}) < len(chars):
        return True
    return any(_has_case_twins(child) for child in node.values())


def _render_tree(node: Tree) -> str:
    branches = [
        (token if token == _SEPARATOR else regex.escape(token)) + _render_tree(child)
        for token, child in sorted(node.items())
        if token != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def phrase_regex(phrase: str, vocab: Mapping[str, Iterable[str]], fast: bool = False) -> str:
    """Regex for a whole phrase, word-bounded wherever it starts or ends with a word character.

    `fast` gives the same matches from a quicker pattern: vocabularies as prefix trees, and `\\b`
    for the leading boundary where every match starts with a word character (the `regex` engine
    skips ahead on `\\b`, not on a lookbehind).
    """
    body = phrase_body(phrase, vocab, fast)
    if fast and _starts_with_word_character(phrase, vocab):
        return rf"\b(?:{body})(?!\w)"
    return _bounded(body)


def _starts_with_word_character(phrase: str, vocab: Mapping[str, Iterable[str]]) -> bool:
    """Whether every match of the phrase starts with a word character: its first word, every
    alternative of a first choice, or every term of a first vocabulary does."""
    first = _PHRASE_TOKEN.match(phrase)
    if first is None:
        return False
    kind, text = first.lastgroup, first.group()
    if kind == "vocab":
        starts = _unique_terms(tuple(vocab[text[1:-1]]))
    elif kind == "choice":
        starts = {normalize_chars(c) for c in _alternatives(text)}
    elif kind == "word" and text != "*":
        starts = {normalize_chars(text)}
    else:
        return False  # an optional first word, a gap or any word: the look-behind bound is always right
    return bool(starts) and all(_WORD_START.match(start) for start in starts)


def _bounded(body: str) -> str:
    return rf"(?<!\w)(?:{body})(?!\w)"


def pattern_regex(pattern: str, vocab: Mapping[str, Iterable[str]], fast: bool = False) -> str:
    """A user regex with `\\L<name>` references expanded."""
    insensitive = _case_insensitive_offsets(pattern) if fast else set()
    return _PATTERN_REF.sub(
        lambda m: vocab_alternation(m.group(1), vocab, fast, fold_case=m.start() in insensitive), pattern
    )


def _case_insensitive_offsets(pattern: str) -> set[int]:
    """Offsets of the `\\L<name>` references that are certainly case-insensitive: outside every
    `(?-i:...)` group and after no `(?-i)`. Anything unexpected answers "none of them"."""
    found: set[int] = set()
    insensitive, saved = True, []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if pattern.startswith("\\L<", i) and insensitive:
                found.add(i)
            i += 2
        elif char == "[":
            close = _CLASS_END.match(pattern, i)
            if close is None:
                return set()
            i = close.end()
        elif char == "(":
            flags = _FLAG_GROUP.match(pattern, i)
            if not flags or flags.group(3) == ":":  # a group: its flags end with it
                saved.append(insensitive)
            if flags:
                if "i" in flags.group(2) or "i" in flags.group(1):
                    insensitive = "i" not in flags.group(2)
                i = flags.end()
            else:
                i += 1
        elif char == ")":
            if not saved:
                return set()
            insensitive = saved.pop()
            i += 1
        else:
            i += 1
    return found


def alternation(sources: list[str]) -> str:
    """One pattern for a list of alternatives (a term set)."""
    return "|".join(f"(?:{s})" for s in sources)


def separable(sources: list[str]) -> bool:
    """Whether each alternative, compiled on its own, matches exactly what it matches inside the
    whole alternation. An alternative that cannot match adds nothing to an alternation, so where
    only one alternative can match, its own pattern finds the same matches, unless a group number,
    a group name or a flag reaches across alternatives (answered conservatively)."""
    return not any(_ENTANGLING.search(source) for source in sources)
