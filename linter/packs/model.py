"""The rule model: what a pack holds once built, as plain data the cache can store."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..findings import Reference

SEVERITIES = ("info", "warning", "error")  # in increasing order
MODEL_SUFFIX = ".model.json"


def model_path(pack_source: str, name: str) -> Path:
    """Where a pack's model `name` is: beside the pack file."""
    return Path(pack_source).parent / f"{name}{MODEL_SUFFIX}"


@dataclass(frozen=True, eq=False)
class TermSet:
    """Alternatives a match may take, as `regex` sources.

    `sources` are the alternatives as written (vocabularies as longest-first lists): the prefilter
    reads its literals from them. `fast_sources` match exactly the same text, from patterns the
    engine runs faster (see `packs.patterns.phrase_regex`); they are what the engine compiles.
    Compiled patterns and run-time counters belong to the engine that runs the set, not to the set.
    `on_topic` is the same set widened with its stand-ins ("this treatment", "these cells"), used
    instead on a page whose topic these terms are.
    """

    sources: list[str]
    fast_sources: list[str]
    on_topic: TermSet | None = None

    def to_plain(self) -> list[Any]:
        return [self.sources, self.fast_sources, self.on_topic.to_plain() if self.on_topic else None]

    @classmethod
    def from_plain(cls, plain: list[Any]) -> TermSet:
        sources, fast_sources, on_topic = plain
        return cls(sources, fast_sources, cls.from_plain(on_topic) if on_topic else None)


@dataclass(frozen=True)
class ModelMatch:
    """A rule that asks the learned detector: model file, label, and the score that counts as a claim.
    With `topic`, only on pages about those terms (a page about a regenerative product)."""

    name: str
    path: str  # the model file, beside the pack that names it
    label: str
    threshold: float | None  # None: the threshold the model was calibrated with
    topic: TermSet | None = None

    def to_plain(self) -> list[Any]:
        return [self.name, self.path, self.label, self.threshold, self.topic.to_plain() if self.topic else None]

    @classmethod
    def from_plain(cls, plain: list[Any]) -> ModelMatch:
        name, path, label, threshold, topic = plain
        return cls(name, path, label, threshold, TermSet.from_plain(topic) if topic else None)


@dataclass(frozen=True)
class Replacement:
    """Words that may replace a finding's words (`--fix`): for findings whose words match `when`
    whole (a regex source, case-insensitive; None: any words). `safe` fixes keep the sentence
    grammatical wherever they apply; unsafe ones need the sentence reread."""

    when: str | None
    text: str
    safe: bool = False


@dataclass(frozen=True, eq=False)
class Field:
    """How a `{name}` in a suggestion is filled: the first match of `terms` in the finding's sentence
    that is not one of `skip` (a describing word such as "torn"), spelled as its vocabulary spells it
    (`spellings`, by `packs.wording.term_key`)."""

    terms: TermSet
    skip: frozenset[str] = frozenset()
    spellings: dict[str, str] = field(default_factory=dict)

    def to_plain(self) -> list[Any]:
        return [self.terms.to_plain(), sorted(self.skip), self.spellings]

    @classmethod
    def from_plain(cls, plain: list[Any]) -> Field:
        terms, skip, spellings = plain
        return cls(TermSet.from_plain(terms), frozenset(skip), dict(spellings))


@dataclass(frozen=True, eq=False)
class Wording:
    """A rule's suggestions as written, with `{name|fallback}` places (see `packs.wording`), and the
    fields that fill them; `Rule.suggest` and `Rule.suggest_short` hold them with the fallbacks."""

    suggest: str
    short: str
    fields: dict[str, Field]

    def to_plain(self) -> list[Any]:
        return [self.suggest, self.short, {name: f.to_plain() for name, f in self.fields.items()}]

    @classmethod
    def from_plain(cls, plain: list[Any]) -> Wording:
        suggest, short, fields = plain
        return cls(suggest, short, {name: Field.from_plain(f) for name, f in fields.items()})


@dataclass
class Rule:
    id: str
    pack: str
    category: str
    severity: str
    message: str
    suggest: str
    # one set: any match; several: all inside one sentence; none: a model rule, or copylint's own (`packs.meta`)
    terms: list[TermSet]
    why: str = ""
    references: tuple[Reference, ...] = ()  # a tuple: every finding of the rule shares it
    unless: TermSet | None = None
    unless_window: int | None = None
    span: int = 1  # consecutive sentences one match may cover
    negation: bool = True
    research: bool = True  # skip sentences that report research and do not speak as a seller
    questions: bool = False
    headings_only: bool = False  # only titles and headings ("Stem Cells and COPD")
    model: ModelMatch | None = None  # the learned detector instead of terms
    suggest_short: str = ""  # for a finding in a title or heading; empty: `suggest`
    wording: Wording | None = None  # the suggestions with their fields, where they have any
    replace: list[Replacement] = field(default_factory=list)  # the first whose `when` matches applies
    flag_examples: list[str] = field(default_factory=list)
    ok_examples: list[str] = field(default_factory=list)
    source: str = ""
    line: int | None = None

    def to_plain(self) -> dict[str, Any]:
        """The rule as plain data (strings, numbers, lists), for the cache of built packs."""
        plain = {f.name: getattr(self, f.name) for f in fields(self)}
        plain["terms"] = [terms.to_plain() for terms in self.terms]
        plain["unless"] = self.unless.to_plain() if self.unless else None
        plain["model"] = self.model.to_plain() if self.model else None
        plain["wording"] = self.wording.to_plain() if self.wording else None
        plain["references"] = [(r.title, r.url) for r in self.references]
        plain["replace"] = [(r.when, r.text, r.safe) for r in self.replace]
        return plain

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> Rule:
        return cls(
            **{
                **plain,
                "terms": [TermSet.from_plain(terms) for terms in plain["terms"]],
                "unless": TermSet.from_plain(plain["unless"]) if plain["unless"] else None,
                "model": ModelMatch.from_plain(plain["model"]) if plain["model"] else None,
                "wording": Wording.from_plain(plain["wording"]) if plain["wording"] else None,
                "references": tuple(Reference(title, url) for title, url in plain["references"]),
                "replace": [Replacement(*entry) for entry in plain["replace"]],
            }
        )


@dataclass
class RulePack:
    name: str
    title: str
    source: str
    rules: list[Rule]
    builtin: bool = False

    def to_plain(self) -> dict[str, Any]:
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "rules": [r.to_plain() for r in self.rules]}

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> RulePack:
        return cls(**{**plain, "rules": [Rule.from_plain(r) for r in plain["rules"]]})
