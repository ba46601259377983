"""Golden expectations for the five real clinic pages (fixtures/seeds/*.expect.yaml), and page-level
behaviour of the built-in packs."""

import pytest

from benchmarks.accuracy import findings_in, seed_expectations
from linter import lint_text, load_engine

from conftest import FIXTURES

ENGINE = load_engine()
EXPECTATIONS = seed_expectations()
# Known misses, each with the reason; a fix that makes one pass turns it into an error here.
KNOWN_MISSES = {
    "Stem cell therapy has become a fantastic non-surgical option": (
        "image alt text pasted into the line starts the finding before the expected sentence"
    ),
}


@pytest.mark.parametrize(("page", "label", "snippet", "categories"), EXPECTATIONS, ids=lambda v: str(v)[:40])
def test_seed_expectation(page, label, snippet, categories):
    hits = findings_in(page, snippet, ENGINE)
    if label == "ok":
        assert hits == [], f"false alarm on a compliant sentence: {[(f.rule, f.match) for f in hits]}"
        return
    known = next((reason for prefix, reason in KNOWN_MISSES.items() if snippet.startswith(prefix)), None)
    found = any(f.category in categories for f in hits)
    if known:
        assert not found, "a known miss now passes: remove it from KNOWN_MISSES"
        pytest.xfail(known)
    assert found, f"want {categories}, got {[(f.rule, f.match) for f in hits]}"


def test_the_seed_sentence_from_the_issue_is_reported_at_its_true_position():
    text = (FIXTURES / "seeds" / "003_84827d39c3c7376f.txt").read_text(encoding="utf-8")
    findings = lint_text(text, engine=ENGINE)
    hit = next(f for f in findings if f.rule == "safety-absolute/no-side-effects")
    assert (hit.line, hit.column) == (59, 439)
    assert hit.match.startswith("no adverse effects or complications")


def test_a_footer_disclaimer_does_not_cancel_a_claim_elsewhere_on_the_page():
    page = (
        "Our amniotic injections heal knee arthritis in weeks.\n\n"
        "Disclaimer: These statements have not been evaluated by the FDA. Results vary. "
        "This treatment is not FDA approved and is not intended to diagnose, treat or cure any disease.\n"
    )
    findings = lint_text(page, engine=ENGINE)
    assert [f.line for f in findings if f.category == "unapproved-use"] == [1]
    assert all(f.line == 1 for f in findings), [(f.rule, f.match) for f in findings if f.line != 1]


def test_a_sentence_breaking_several_rules_gets_one_finding_per_rule():
    sentence = "Our FDA-approved stem cell injections cure arthritis with no side effects, guaranteed."
    rules = [f.rule for f in lint_text(sentence, engine=ENGINE)]
    assert len(rules) == len(set(rules)) >= 3
    assert {r.split("/")[0] for r in rules} >= {"fda-status", "safety-absolute", "unapproved-use"}
