"""From a parsed pack to rules: match terms become `regex` sources, each pack reads vocabularies
through its own names (`vocab.py`), and every problem is an error naming the pack file, the line and the rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from ..errors import CopylintError
from ..findings import Reference
from .model import Field, ModelMatch, Replacement, Rule, RulePack, TermSet, Wording, model_path
from .patterns import PhraseSyntaxError, UnknownVocabulary, pattern_regex, phrase_regex
from .vocab import Vocabularies
from .wording import fill, first_sentence, places, term_key

if TYPE_CHECKING:
    from ..yaml_loader import LoadedYaml

YamlPath = tuple[str | int, ...]
Fail = Callable[[str, YamlPath], CopylintError]


@dataclass
class ParsedPack:
    """A pack file's YAML, with line numbers, before its rules are built."""

    source: str
    loaded: LoadedYaml
    builtin: bool

    @property
    def data(self) -> dict[str, Any]:
        return self.loaded.data  # type: ignore[no-any-return]


class _Fields:
    """The suggestion fields every pack may use (`fields:` in any pack), each built on first use."""

    def __init__(self, parsed: list[ParsedPack], vocabularies: Vocabularies) -> None:
        self._vocabularies = vocabularies
        self._specs: dict[str, tuple[dict[str, Any], ParsedPack]] = {}
        self._built: dict[str, Field] = {}
        for pack in parsed:
            for name, spec in (pack.data.get("fields") or {}).items():
                if name in self._specs:
                    first = self._specs[name][1]
                    line = pack.loaded.line_of(("fields", name))
                    raise CopylintError(f"field '{name}' is defined twice (first in {first.source})", pack.source, line)
                self._specs[name] = (spec, pack)

    def __contains__(self, name: str) -> bool:
        return name in self._specs

    def get(self, name: str) -> Field:
        if name not in self._built:
            spec, pack = self._specs[name]

            def fail(message: str, where: YamlPath = ()) -> CopylintError:
                path: YamlPath = ("fields", name, *where)
                return CopylintError(f"field {name}: {message}", pack.source, pack.loaded.line_of(path))

            terms = {key: value for key, value in spec.items() if key != "skip"}
            vocab = self._vocabularies.of(pack.data["pack"])
            spellings = {term_key(t): t for name in spec.get("vocab", []) for t in vocab.get(name, [])}
            self._built[name] = Field(
                _term_set(terms, fail, (), vocab, pack),
                frozenset(term_key(word) for word in spec.get("skip", [])),
                spellings,
            )
        return self._built[name]


def build_packs(parsed: list[ParsedPack], extra_vocab: Mapping[str, list[str]] | None) -> list[RulePack]:
    """Rules of every pack; `extra_vocab` adds to the lexicon's lists (or to `pack.name`), and
    suggestion fields defined in any pack serve every pack."""
    vocabularies = Vocabularies(parsed, extra_vocab)
    fields = _Fields(parsed, vocabularies)
    packs = [_build_pack(pack, vocabularies, fields) for pack in parsed]
    _check_unique_ids(packs)
    return packs


def _build_pack(parsed: ParsedPack, vocabularies: Vocabularies, fields: _Fields) -> RulePack:
    data = parsed.data
    name = data["pack"]
    vocab = vocabularies.of(name)
    rules = [
        _build_rule(spec, name, parsed, ("rules", i), vocab, fields) for i, spec in enumerate(data.get("rules") or [])
    ]
    return RulePack(name, data.get("title", name), parsed.source, rules, parsed.builtin)


def _build_rule(
    spec: dict[str, Any], pack: str, parsed: ParsedPack, path: YamlPath, vocab: Mapping[str, list[str]], fields: _Fields
) -> Rule:
    rule_id = spec["id"]
    line = parsed.loaded.line_of(path)

    def fail(message: str, where: YamlPath = ()) -> CopylintError:
        return CopylintError(f"rule {rule_id}: {message}", parsed.source, parsed.loaded.line_of(path + where) or line)

    if not rule_id.startswith(pack + "/"):
        raise fail(f"rule id must start with the pack name '{pack}/'", ("id",))
    match = spec["match"]
    model = None
    if ("all" in match or "model" in match) and len(match) > 1:
        raise fail("'match' takes one of 'all', 'model' or phrases/patterns/vocab", ("match",))
    if "model" in match:
        terms, model = [], _model_match(match["model"], fail, vocab, parsed)
    elif "all" in match:
        terms = [_term_set(t, fail, ("match", "all", i), vocab, parsed) for i, t in enumerate(match["all"])]
    else:
        terms = [_term_set(match, fail, ("match",), vocab, parsed)]
    unless_spec = dict(spec.get("unless") or {})
    window = unless_spec.pop("window", None)
    unless = _term_set(unless_spec, fail, ("unless",), vocab, parsed) if unless_spec else None
    examples = spec["examples"]
    suggest = spec["suggest"].strip()
    short = (spec.get("suggest_short") or "").strip() or first_sentence(suggest)
    wording = _wording(suggest, short, "suggest_short" in spec, fields, fail)
    return Rule(
        id=rule_id,
        pack=pack,
        category=spec["category"],
        severity=spec["severity"],
        message=spec["message"].strip(),
        suggest=fill(suggest, {}),
        terms=terms,
        why=spec.get("why", "").strip(),
        references=tuple(Reference(r["title"], r["url"]) for r in spec.get("references", [])),
        unless=unless,
        unless_window=window,
        span=spec.get("span", 1),
        negation=spec.get("negation", True),
        research=spec.get("research", True),
        questions=spec.get("questions", False),
        headings_only=spec.get("where") == "headings",
        model=model,
        suggest_short=fill(short, {}),
        wording=wording,
        replace=_replacements(spec, fail, vocab),
        flag_examples=list(examples["flag"]),
        ok_examples=list(examples["ok"]),
        source=parsed.source,
        line=line,
    )


def _replacements(spec: dict[str, Any], fail: Fail, vocab: Mapping[str, list[str]]) -> list[Replacement]:
    """`replace` as a list of replacements: one text for any words, or `{when, with}` entries whose
    `when` is a phrase (the syntax of `phrases`); `fix` (default unsafe) is every entry's default."""
    raw = spec.get("replace")
    safe = spec.get("fix", "unsafe") == "safe"
    if raw is None:
        return []
    if isinstance(raw, str):
        return [Replacement(None, raw.strip(), safe)]
    entries = []
    for i, entry in enumerate(raw):
        try:
            when = phrase_regex(entry["when"], vocab)
        except UnknownVocabulary as exc:
            raise fail(f"replace: unknown vocabulary '{exc.args[0]}'", ("replace", i, "when")) from None
        except PhraseSyntaxError as exc:
            raise fail(f"replace: invalid phrase: {exc}", ("replace", i, "when")) from None
        entries.append(Replacement(when, entry["with"].strip(), entry.get("fix", spec.get("fix", "unsafe")) == "safe"))
    return entries


def _wording(suggest: str, short: str, short_given: bool, fields: _Fields, fail: Fail) -> Wording | None:
    """The suggestions' fields, checked: each is defined, and each place says what to write where
    nothing fills it (`{condition|this condition}`). None where neither suggestion has a place."""
    used: dict[str, Field] = {}
    for key, text in (("suggest", suggest), ("suggest_short", short)):
        for name, fallback in places(text):
            where: YamlPath = (key if key == "suggest" or short_given else "suggest",)
            if name not in fields:
                raise fail(f"unknown field '{{{name}}}' (fields are defined under 'fields:' in a pack)", where)
            if fallback is None or not fallback.strip():
                raise fail(f"field '{{{name}}}' needs a wording for when nothing fills it: {{{name}|...}}", where)
            used[name] = fields.get(name)
    return Wording(suggest, short, used) if used else None


def _model_match(spec: dict[str, Any], fail: Fail, vocab: Mapping[str, list[str]], parsed: ParsedPack) -> ModelMatch:
    """A `model` match: the model file must exist beside the pack (it is read when a page is linted)."""
    path = model_path(parsed.source, spec["name"])
    if not path.is_file():
        raise fail(
            f"model '{spec['name']}' not found (expected {path.name} beside the pack)", ("match", "model", "name")
        )
    topic = _term_set(spec["topic"], fail, ("match", "model", "topic"), vocab, parsed) if "topic" in spec else None
    threshold = float(spec["threshold"]) if "threshold" in spec else None
    return ModelMatch(spec["name"], str(path), spec["label"], threshold, topic)


def _term_set(
    spec: dict[str, Any], fail: Fail, path: YamlPath, vocab: Mapping[str, list[str]], parsed: ParsedPack
) -> TermSet:
    sources: list[str] = []
    fast_sources: list[str] = []
    where: YamlPath = path
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
            if not parsed.builtin:
                _check_regex(source, fail, where)
            sources.append(source)
            fast_sources.append(pattern_regex(pattern, vocab, fast=True))
    except UnknownVocabulary as exc:
        raise fail(f"unknown vocabulary '{exc.args[0]}'", where) from None
    except PhraseSyntaxError as exc:
        raise fail(f"invalid phrase: {exc}", where) from None
    except RecursionError:  # the builders and the regex parser recurse per nested group and per term character
        raise fail("nested too deeply to build (a very long term or deeply nested groups)", where) from None
    if not sources:
        raise fail("nothing to match", path)
    on_topic = None
    if "on_topic" in spec:
        stand_ins = _term_set(spec["on_topic"], fail, (*path, "on_topic"), vocab, parsed)
        on_topic = TermSet(sources + stand_ins.sources, fast_sources + stand_ins.fast_sources)
    return TermSet(sources, fast_sources, on_topic)


def _check_regex(source: str, fail: Fail, where: YamlPath) -> None:
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
