"""Rule packs: the model, loading from YAML, and validation with errors that name file and line.

Built-in packs are validated by the test suite, not at start-up (JSON-Schema validation and
`jsonschema`'s import are the slowest part of a run); user packs are validated whenever they
change. Built packs are cached as plain data keyed by the packs' exact text, so a run whose packs
did not change neither parses YAML nor builds a pattern (nor imports the modules that do).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from . import builtin_rules
from .cache import shared_cache
from .errors import CopylintError
from .patterns import (
    FLAGS,
    UnknownVocabulary,
    alternation,
    pattern_regex,
    phrase_regex,
    required_literals,
    separable,
)

if TYPE_CHECKING:
    from .yaml_loader import LoadedYaml

CATEGORIES = (
    "safety-absolute",
    "efficacy-guarantee",
    "fda-status",
    "unapproved-use",
    "unsubstantiated-evidence",
    "endorsement-testimonial",
    "superlative-misleading",
)
SEVERITIES = ("info", "warning", "error")  # in increasing order
PACK_SUFFIXES = (".yaml", ".yml")
ALONE_AFTER = 32  # sentences where only one alternative of a term set can match before it runs alone
BUILT_FORMAT = 3  # part of the key of cached built packs: change it when what `to_plain` stores changes


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


class TermSet:
    """Alternatives compiled into one pattern; compiled on first use (most rules never need it).

    `sources` are the alternatives as written (vocabularies as longest-first lists): the prefilter
    reads its literals from them. `fast_sources` match exactly the same text, from patterns the
    engine runs faster (see `patterns.phrase_regex`); they are what is compiled.
    """

    def __init__(self, sources: list[str], fast_sources: list[str] | None = None) -> None:
        self.sources = sources
        self.fast_sources = fast_sources or sources
        self._alone: dict[int, regex.Pattern[str]] = {}  # alternative -> its own pattern
        self._needed: dict[int, int] = {}  # alternative -> how often it alone could match, until loaded

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return shared_cache().pattern(alternation(self.fast_sources), FLAGS)

    def pattern_for(self, possible: list[int]) -> regex.Pattern[str] | None:
        """What to run where the prefilter says only the alternatives `possible` can match: nothing
        for none, and for one, once it has been needed ALONE_AFTER times, that alternative's own
        pattern (faster to run, but loading it costs as much as a few dozen runs); else the whole set."""
        if not possible:
            return None
        if len(possible) == 1 and len(self.fast_sources) > 1 and self._separable:
            alternative = possible[0]
            found = self._alone.get(alternative)
            if found is not None:
                return found
            self._needed[alternative] = self._needed.get(alternative, 0) + 1
            if self._needed[alternative] > ALONE_AFTER:
                source = alternation([self.fast_sources[alternative]])
                found = self._alone[alternative] = shared_cache().pattern(source, FLAGS)
                return found
        return self.pattern

    @cached_property
    def _separable(self) -> bool:
        return separable(self.fast_sources)

    @cached_property
    def literal_sets(self) -> list[tuple[frozenset[str], ...] | None]:
        """Per alternative, the literal sets a match needs (None: unknown, so always try it)."""
        return [shared_cache().literals(source, required_literals) for source in self.sources]


@dataclass
class Rule:
    id: str
    pack: str
    category: str
    severity: str
    message: str
    suggest: str
    terms: list[TermSet]  # one set: any match; several: all inside one sentence
    why: str = ""
    references: list[Reference] = field(default_factory=list)
    unless: TermSet | None = None
    unless_window: int | None = None
    span: int = 1  # consecutive sentences one match may cover
    negation: bool = True
    questions: bool = False
    replace: str | None = None
    fix_safe: bool = False
    flag_examples: list[str] = field(default_factory=list)
    ok_examples: list[str] = field(default_factory=list)
    source: str = ""
    line: int | None = None

    def to_plain(self) -> dict[str, Any]:
        """The rule as plain data (strings, numbers, lists), for the cache of built packs."""
        plain = {f.name: getattr(self, f.name) for f in fields(self)}
        plain["terms"] = [(terms.sources, terms.fast_sources) for terms in self.terms]
        plain["unless"] = (self.unless.sources, self.unless.fast_sources) if self.unless else None
        plain["references"] = [(r.title, r.url) for r in self.references]
        return plain

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> Rule:
        return cls(
            **{
                **plain,
                "terms": [TermSet(*sources) for sources in plain["terms"]],
                "unless": TermSet(*plain["unless"]) if plain["unless"] else None,
                "references": [Reference(title, url) for title, url in plain["references"]],
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


@dataclass
class _RawPack:
    source: str
    loaded: LoadedYaml
    builtin: bool

    @property
    def data(self) -> dict[str, Any]:
        return self.loaded.data


def builtin_pack_paths() -> list[Path]:
    """The packs shipped inside the package (`rules/` in the source tree, `linter/builtin_rules` in the wheel).

    Found beside the package's own `__init__.py` (pip installs it as plain files), which is
    quicker to import than `importlib.resources`.
    """
    folder = Path(builtin_rules.__file__).parent
    return sorted(p for p in folder.iterdir() if p.name.endswith(PACK_SUFFIXES))


def expand_pack_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders contribute their *.yaml / *.yml files in name order."""
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file()))
        elif path.is_file():
            result.append(path)
        else:
            raise CopylintError("rule pack not found", str(raw))
    return result


def load_packs(
    user_paths: list[str | Path] = (),  # type: ignore[assignment]
    builtin: bool = True,
    extra_vocab: dict[str, list[str]] | None = None,
) -> list[RulePack]:
    """Load built-in and user packs; vocabularies of the same name merge across all of them.

    The packs' text is read every time; when it is exactly what a cached build was made from
    (same files, same text, same extra vocabulary), the cached build is used.
    """
    files = [(p, True) for p in builtin_pack_paths()] if builtin else []
    files += [(p, False) for p in expand_pack_paths(list(user_paths))]
    inputs = [(str(path), is_builtin, _read_pack_text(path)) for path, is_builtin in files]
    key = f"packs:{BUILT_FORMAT}:" + repr((inputs, sorted((extra_vocab or {}).items())))
    cached = shared_cache().built(key)
    if cached is not None:
        try:
            return [RulePack.from_plain(plain) for plain in cached]
        except (KeyError, TypeError, ValueError):  # a damaged entry is simply built again
            pass
    packs = _build_packs(inputs, extra_vocab)
    shared_cache().store_built(key, [pack.to_plain() for pack in packs])
    return packs


def _build_packs(inputs: list[tuple[str, bool, str]], extra_vocab: dict[str, list[str]] | None) -> list[RulePack]:
    raws = [_parse_pack(source, text, is_builtin) for source, is_builtin, text in inputs]
    for raw in raws:
        if not raw.builtin:
            validate_pack(raw.loaded, raw.source)
    vocab: dict[str, list[str]] = {}
    for raw in raws:
        for name, terms in (raw.data.get("vocab") or {}).items():
            vocab.setdefault(name, []).extend(terms)
    for name, terms in (extra_vocab or {}).items():
        vocab.setdefault(name, []).extend(terms)
    packs = [_build_pack(raw, vocab) for raw in raws]
    _check_unique_ids(packs)
    return packs


def _read_pack_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CopylintError(f"cannot read rule pack: {exc}", str(path)) from None


def _parse_pack(source: str, text: str, builtin: bool) -> _RawPack:
    from .yaml_loader import load_yaml  # YAML is parsed only when the packs are not in the cache

    loaded = load_yaml(text, source)
    if not isinstance(loaded.data, dict):
        raise CopylintError("a rule pack must be a mapping with 'pack', 'vocab' and 'rules'", source, 1)
    return _RawPack(source, loaded, builtin)


def validate_pack(loaded: LoadedYaml, source: str) -> None:
    """JSON-Schema validation; the first error is reported with its line and rule id."""
    from .schemas import first_error

    error = first_error(loaded.data, "rule-pack.schema.json")
    if error is None:
        return
    message, path = error
    where = _describe_path(path[:-1] if message.startswith("unknown key") else path, loaded.data)
    raise CopylintError(f"{where}{message}", source, loaded.line_of(path))


def _describe_path(path: tuple, data: Any) -> str:
    """'rule safety-absolute/x: match.phrases[0]: ' for an error inside a rule."""
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rule = data["rules"][path[1]]
        rule_id = rule.get("id", f"#{path[1] + 1}") if isinstance(rule, dict) else f"#{path[1] + 1}"
        rest = _dotted(path[2:])
        return f"rule {rule_id}: " + (f"{rest}: " if rest else "")
    dotted = _dotted(path)
    return f"{dotted}: " if dotted else ""


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _build_pack(raw: _RawPack, vocab: dict[str, list[str]]) -> RulePack:
    data = raw.data
    name = data["pack"]
    rules = []
    for index, spec in enumerate(data.get("rules") or []):
        rules.append(_build_rule(spec, name, raw, ("rules", index), vocab))
    return RulePack(name, data.get("title", name), raw.source, rules, raw.builtin)


def _build_rule(spec: dict[str, Any], pack: str, raw: _RawPack, path: tuple, vocab: dict[str, list[str]]) -> Rule:
    rule_id = spec["id"]
    line = raw.loaded.line_of(path)

    def fail(message: str, where: tuple = ()) -> CopylintError:
        return CopylintError(f"rule {rule_id}: {message}", raw.source, raw.loaded.line_of(path + where) or line)

    if not rule_id.startswith(pack + "/"):
        raise fail(f"rule id must start with the pack name '{pack}/'", ("id",))
    match = spec["match"]
    if "all" in match:
        if len(match) > 1:
            raise fail("'match' takes either 'all' or phrases/patterns/vocab, not both", ("match",))
        terms = [_term_set(t, fail, ("match", "all", i), vocab, raw) for i, t in enumerate(match["all"])]
    else:
        terms = [_term_set(match, fail, ("match",), vocab, raw)]
    unless_spec = dict(spec.get("unless") or {})
    window = unless_spec.pop("window", None)
    unless = _term_set(unless_spec, fail, ("unless",), vocab, raw) if unless_spec else None
    examples = spec["examples"]
    return Rule(
        id=rule_id,
        pack=pack,
        category=spec["category"],
        severity=spec["severity"],
        message=spec["message"].strip(),
        suggest=spec["suggest"].strip(),
        terms=terms,
        why=spec.get("why", "").strip(),
        references=[Reference(r["title"], r["url"]) for r in spec.get("references", [])],
        unless=unless,
        unless_window=window,
        span=spec.get("span", 1),
        negation=spec.get("negation", True),
        questions=spec.get("questions", False),
        replace=spec.get("replace"),
        fix_safe=spec.get("fix", "unsafe") == "safe",
        flag_examples=list(examples["flag"]),
        ok_examples=list(examples["ok"]),
        source=raw.source,
        line=line,
    )


def _term_set(spec: dict[str, Any], fail: Any, path: tuple, vocab: dict[str, list[str]], raw: _RawPack) -> TermSet:
    sources: list[str] = []
    fast_sources: list[str] = []
    try:
        phrases = [(("phrases", i), phrase) for i, phrase in enumerate(spec.get("phrases", []))]
        phrases += [(("vocab", i), "{" + name + "}") for i, name in enumerate(spec.get("vocab", []))]
        for key, phrase in phrases:
            where = (*path, *key)
            sources.append(phrase_regex(phrase, vocab))
            fast_sources.append(phrase_regex(phrase, vocab, fast=True))
        for i, pattern in enumerate(spec.get("patterns", [])):
            where = (*path, "patterns", i)
            source = pattern_regex(pattern, vocab)
            if not raw.builtin:
                _check_regex(source, fail, where)
            sources.append(source)
            fast_sources.append(pattern_regex(pattern, vocab, fast=True))
    except UnknownVocabulary as exc:
        raise fail(f"unknown vocabulary '{exc.args[0]}'", where) from None
    if not sources:
        raise fail("nothing to match", path)
    return TermSet(sources, fast_sources)


def _check_regex(source: str, fail: Any, where: tuple) -> None:
    try:
        regex.compile(source)
    except regex.error as exc:
        raise fail(f"invalid regular expression: {exc}", where) from None


def _check_unique_ids(packs: list[RulePack]) -> None:
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise CopylintError(
                    f"rule {rule.id}: duplicate rule id (first defined in {first.source}:{first.line})",
                    rule.source,
                    rule.line,
                )
            seen[rule.id] = rule


def select_rules(packs: list[RulePack], select: list[str] = (), ignore: list[str] = ()) -> list[Rule]:  # type: ignore[assignment]
    """Rules chosen by id, pack name or category; an unknown selector is an error (typos hide rules)."""
    rules = [rule for pack in packs for rule in pack.rules]
    for selector in [*select, *ignore]:
        if not any(selector_matches(selector, r.id, r.category) for r in rules):
            raise CopylintError(f"no rule, pack or category is called '{selector}'")
    if select:
        rules = [r for r in rules if any(selector_matches(s, r.id, r.category) for s in select)]
    return [r for r in rules if not any(selector_matches(s, r.id, r.category) for s in ignore)]


def override_severity(rules: list[Rule], overrides: dict[str, str]) -> list[Rule]:
    """Apply severity overrides; a rule id beats a pack name, which beats a category."""
    result = []
    for rule in rules:
        for key in (rule.category, rule.pack, rule.id):
            if key in overrides:
                rule = replace(rule, severity=overrides[key])
        result.append(rule)
    return result


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """Selectors name a rule id, a pack (the id's prefix) or a category."""
    return selector in (rule_id, rule_id.split("/", 1)[0], category)
