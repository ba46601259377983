"""One claim, one finding: where rules of other categories flag the same words, the most specific
finding is reported and names the others as related, in every output format."""

import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner
from test_formats import _validate_sarif

from linter import lint_text, load_engine
from linter.cli import main

from conftest import PACKS

IMMUNE = "Amniotic cells are immune-privileged, so there is no reaction."

# Three categories over nested and partly overlapping words, with severities that decide.
PACK = """
pack: words
version: 1
rules:
  - id: words/privileged
    category: superlative-misleading
    severity: warning
    message: Immune-privileged.
    match: {phrases: [immune-privileged]}
    suggest: Donor cells can cause reactions.
    examples: {flag: [Cells are immune-privileged.], ok: [Cells can cause reactions.]}
  - id: words/privileged-so-safe
    category: safety-absolute
    severity: error
    message: Immune-privileged, so safe.
    match:
      all:
        - phrases: [immune-privileged]
        - phrases: [no reaction]
    suggest: Reactions can occur.
    examples: {flag: [Cells are immune-privileged, so no reaction.], ok: [Reactions can occur.]}
  - id: words/same-words
    category: fda-status
    severity: info
    message: The same words again.
    match: {phrases: [immune-privileged]}
    suggest: Say what was reviewed.
    examples: {flag: [Cells are immune-privileged.], ok: [Cells can cause reactions.]}
  - id: words/between
    category: efficacy-guarantee
    severity: error
    message: A claim between a sentence rule's terms.
    match: {phrases: [totally effective]}
    suggest: Responses differ.
    examples: {flag: [It is totally effective.], ok: [Responses differ.]}
  - id: words/overlap
    category: unapproved-use
    severity: error
    message: Partly overlapping words.
    match: {phrases: [no reaction at all]}
    suggest: Describe the procedure.
    examples: {flag: [There is no reaction at all.], ok: [Describe the procedure.]}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    pack = tmp_path_factory.mktemp("words") / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return load_engine([pack], builtin=False)


def _found(text, engine):
    return [(f.rule, f.match, f.related) for f in lint_text(text, engine=engine)]


def test_the_builtin_immune_privileged_claim_is_one_finding_with_the_other_pack_related():
    [finding] = lint_text(IMMUNE)
    assert finding.rule == "safety-absolute/immune-privileged-no-reaction"
    assert finding.related == ("superlative-misleading/immune-privileged",)
    assert finding.suggestion.startswith("Donor cells can still trigger immune reactions")


def test_words_inside_one_term_of_another_finding_fold_into_the_most_severe(engine):
    # "immune-privileged" is flagged by three rules: the error (the sentence rule) stands for the
    # warning and the info, whose words are its first term; equal matches fold the same way.
    found = _found("Cells are immune-privileged, so no reaction.", engine)
    assert found == [
        ("words/privileged-so-safe", "immune-privileged, so no reaction", ("words/privileged", "words/same-words"))
    ]


def test_a_claim_between_a_sentence_rules_terms_stays_a_finding(engine):
    found = _found("Cells are immune-privileged and totally effective, with no reaction.", engine)
    assert ("words/between", "totally effective", ()) in found
    assert (
        "words/privileged-so-safe",
        "immune-privileged and totally effective, with no reaction",
        (
            "words/privileged",
            "words/same-words",
        ),
    ) in found


def test_partly_overlapping_matches_are_separate_claims(engine):
    found = _found("Cells are immune-privileged, so no reaction at all.", engine)
    assert [rule for rule, _, _ in found] == ["words/privileged-so-safe", "words/overlap"]


def test_a_higher_severity_inside_a_longer_match_is_the_one_reported():
    # "totally safe" (an error) lies inside "natural and therefore totally safe" (a warning).
    [finding] = lint_text("Since SVF comes from your own fat tissue, it's 100% natural and therefore totally safe.")
    assert (finding.rule, finding.match) == ("safety-absolute/completely-safe", "totally safe")
    assert finding.related == ("superlative-misleading/natural-so-safe",)


def test_equal_matches_fold_by_severity_then_rule_id(engine):
    found = _found("Our cells are immune-privileged.", engine)
    assert found == [("words/privileged", "immune-privileged", ("words/same-words",))]


def test_related_rules_in_text_json_and_sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(IMMUNE + "\n", encoding="utf-8")
    text = CliRunner().invoke(main, ["page.md"]).stdout
    assert "\n  also: superlative-misleading/immune-privileged\n  suggestion: Donor cells" in text
    payload = json.loads(CliRunner().invoke(main, ["--format", "json", "page.md"]).stdout)
    schema = json.loads((resources.files("linter.schema") / "output.schema.json").read_text())
    jsonschema.validate(payload, schema)
    [finding] = payload["findings"]
    assert finding["related"] == ["superlative-misleading/immune-privileged"]
    log = json.loads(CliRunner().invoke(main, ["--format", "sarif", "page.md"]).stdout)
    _validate_sarif(log)
    [result] = log["runs"][0]["results"]
    assert result["properties"]["related"] == ["superlative-misleading/immune-privileged"]


def test_findings_without_related_rules_do_not_name_any(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our FDA-approved therapy cures pain.\n", encoding="utf-8")
    demo = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
    payload = json.loads(CliRunner().invoke(main, [*demo, "--format", "json", str(page)]).stdout)
    assert payload["findings"] and all("related" not in f for f in payload["findings"])
    assert "also:" not in CliRunner().invoke(main, [*demo, str(page)]).stdout


def test_matches_over_the_same_words_fold_the_same_whatever_order_they_arrive_in():
    """Two sentence rules whose matches start and end alike but whose terms differ ("Speeds up and
    promotes healing" as one term, or "promotes healing" after an empty topic match): the one whose
    term holds the other's words holds the group, so one pass and batches linted apart agree."""
    from array import array

    from linter.engine.run import Candidate, _fold_same_words
    from linter.findings import Finding

    def flagged(rule: str, category: str, terms: tuple[int, ...]) -> tuple[Finding, Candidate]:
        finding = Finding("p", 1, 1, 1, 31, rule, category, "warning", "m", "Speeds up and promotes healing", "s")
        return finding, Candidate(0, 30, 0, array("q", terms))

    whole = flagged("b/whole-phrase", "efficacy-guarantee", (0, 0, 0, 30))
    tail = flagged("a/tail-phrase", "unapproved-use", (0, 0, 14, 30))
    for order in ([whole, tail], [tail, whole]):  # one finding (the rule id decides which), the other related
        assert [(f.rule, f.related) for f in _fold_same_words(order)] == [("a/tail-phrase", ("b/whole-phrase",))]
