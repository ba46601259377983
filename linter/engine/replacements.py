"""Which of a rule's replacements (`replace` in a pack) fits a finding's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..packs.model import Replacement, Rule
from ..packs.patterns import FLAGS

if TYPE_CHECKING:
    from ..cache import PatternCache


def replacement_for(rule: Rule, words: str, cache: PatternCache) -> Replacement | None:
    """The first replacement whose `when` matches the words whole (spaces normalised), if any.

    A `when` phrase is compiled through the pattern cache like the rules' terms (compiling one takes
    about a millisecond, a page's start-up cost). Phrases cannot backtrack badly, and a finding's
    words are short: no time limit is needed."""
    if not rule.replace:
        return None
    plain = " ".join(words.split())
    for entry in rule.replace:
        if entry.when is None or cache.pattern(entry.when, FLAGS).fullmatch(plain):
            return entry
    return None
