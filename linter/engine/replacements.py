"""Which of a rule's replacements (`replace` in a pack) fits a finding's words."""

from __future__ import annotations

import regex

from ..packs.model import Replacement, Rule
from ..packs.patterns import FLAGS


def replacement_for(rule: Rule, words: str) -> Replacement | None:
    """The first replacement whose `when` matches the words whole (spaces normalised), if any.

    `when` comes from the phrase syntax, so it cannot backtrack badly; `regex` keeps the compiled
    patterns (only rules with replacements get here, and a finding's words are short).
    """
    plain = " ".join(words.split())
    for entry in rule.replace:
        if entry.when is None or regex.fullmatch(entry.when, plain, FLAGS):
            return entry
    return None
