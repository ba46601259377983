"""The built-in packs as data: valid, cited, exemplified, and self-consistent (codespell-style)."""

import json
from importlib import resources

import pytest

from linter.engine.literals import required_literals
from linter.packs.load import builtin_pack_paths, load_packs
from linter.ruletest import check_rules
from linter.schemas import load_schema
from linter.yaml_loader import load_yaml

PACK_PATHS = builtin_pack_paths()
PACKS = load_packs()
RULES = [rule for pack in PACKS for rule in pack.rules]


@pytest.mark.parametrize("path", PACK_PATHS, ids=lambda p: p.name)
def test_builtin_pack_validates_against_the_schema(path):
    import jsonschema

    schema = json.loads((resources.files("linter.schema") / "rule-pack.schema.json").read_text())
    jsonschema.validate(load_yaml(path.read_text(encoding="utf-8"), str(path)).data, schema)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_builtin_rule_is_cited_and_exemplified(rule):
    assert rule.references, "built-in rules cite the regulation or guidance they rest on"
    assert all(ref.url.startswith("https://") for ref in rule.references)
    assert rule.why
    assert len(rule.flag_examples) >= 3 and len(rule.ok_examples) >= 3


@pytest.mark.parametrize("rule", [r for r in RULES if r.model is None], ids=lambda r: r.id)
def test_builtin_rule_has_a_prefilter_literal(rule):
    """A sentence rule is gated when any one of its parts is (all parts must match)."""
    gated = [all(required_literals(source) for source in terms.sources) for terms in rule.terms]
    assert any(gated), "a rule with no required literal runs its regex on every sentence"


def test_builtin_examples_pass_and_suggestions_pass_every_rule():
    checks, failures = check_rules(RULES, RULES)
    assert checks > 0
    assert [f.describe() for f in failures] == []


def test_every_category_is_covered():
    categories = load_schema("rule-pack.schema.json")["$defs"]["rule"]["properties"]["category"]["enum"]
    assert {rule.category for rule in RULES} == set(categories)
