"""The suggestion a finding shows: the rule's wording for its place (the short form in a title or
heading, where a paragraph would not fit), with its fields filled from the finding's sentence."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..packs.wording import fill, places, term_key

if TYPE_CHECKING:
    from ..packs.model import Field, Rule, TermSet
    from .compiled import CompiledTerms


def suggestion(
    rule: Rule, text: str, window: tuple[int, int], heading: bool, compiled: Callable[[TermSet], CompiledTerms]
) -> str:
    """The rule's suggestion for a finding in `text[window[0]:window[1]]` (its sentences)."""
    wording = rule.wording
    if wording is None:
        return (rule.suggest_short or rule.suggest) if heading else rule.suggest
    template = wording.short if heading else wording.suggest
    values: dict[str, str] = {}
    for name, _ in places(template):
        if name not in values:
            value = _value(wording.fields[name], text, window, compiled)
            if value is not None:
                values[name] = value
    return _filled(template, tuple(values.items()))


@lru_cache(maxsize=1024)
def _filled(template: str, values: tuple[tuple[str, str], ...]) -> str:
    """One string per distinct suggestion: a large file's findings repeat a few hundred, and share them."""
    return fill(template, dict(values))


def _value(
    field: Field, text: str, window: tuple[int, int], compiled: Callable[[TermSet], CompiledTerms]
) -> str | None:
    """The first words of the sentence that fill `field`, as its vocabulary spells them."""
    for m in compiled(field.terms).pattern.finditer(text, *window):
        key = term_key(m.group())
        if key not in field.skip:
            return field.spellings.get(key, m.group())
    return None
