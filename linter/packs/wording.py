"""Suggested wording that fits the finding: `{name|fallback}` places in a rule's `suggest` and
`suggest_short`, filled from the words of the finding's sentence (`engine.suggest`), so a page about
COPD is not offered a rewording about joints. The text after `|` is written by the rule's author and
used wherever nothing fills the place; with every place so filled, a suggestion reads as a generic one.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..cache import LazyPattern
from ..text.textnorm import normalize_chars

PLACE = LazyPattern(r"\{([A-Za-z_][\w-]*)(?:\|([^{}|]*))?\}")
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+(?=\S)")
_SEPARATORS = LazyPattern(r"[\s\-]+")


def places(text: str) -> list[tuple[str, str | None]]:
    """(field name, fallback or None where none is written) for each place in `text`."""
    return [(m.group(1), m.group(2)) for m in PLACE.finditer(text)]


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each place replaced by its field's value, or its fallback where there is none; a
    place that starts the text starts it with a capital letter."""
    filled = PLACE.sub(lambda m: values.get(m.group(1)) or (m.group(2) or "").strip(), text)
    if PLACE.match(text) and filled:
        filled = filled[0].upper() + filled[1:]
    return filled


def first_sentence(text: str) -> str:
    """The short form of a suggestion that gives none: its first sentence (a clause alone could drop
    the qualifier that makes the wording compliant)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def term_key(term: str) -> str:
    """A term as matched words and vocabulary entries are compared: typography, case and
    separators evened out."""
    return _SEPARATORS.sub(" ", normalize_chars(term).strip().lower())
