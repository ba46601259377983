"""Which of a rule's replacements (`replace` in a pack) fits a finding's words."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..packs.model import Replacement, Rule
from ..packs.patterns import FLAGS


def replacement_for(rule: Rule, words: str) -> Replacement | None:
    """The first replacement whose `when` matches the words whole (spaces normalised), if any."""
    if not rule.replace:
        return None
    plain = " ".join(words.split())
    for entry in rule.replace:
        if entry.when is None or _when(entry.when).fullmatch(plain):
            return entry
    return None


@lru_cache(maxsize=256)
def _when(source: str) -> regex.Pattern[str]:
    """A `when` phrase compiled once (through `regex.fullmatch` each call would look it up in
    `regex`'s own cache, which costs more than the match). Phrases cannot backtrack badly, and a
    finding's words are short: no time limit is needed."""
    return regex.compile(source, FLAGS)
