"""Suggestions fit the finding: `{condition|fallback}` filled from the finding's sentence, a short
wording in titles and headings, checked by --test-rules in every form a user can see."""

import pytest

from linter import lint_text, load_engine
from linter.errors import CopylintError
from linter.packs.load import load_packs
from linter.packs.wording import fill, first_sentence
from linter.ruletest import check_rules

PACK = """
pack: fit
version: 1
vocab:
  fit_conditions: [COPD, knee pain, torn]
fields:
  condition:
    vocab: [fit_conditions]
    skip: [torn]
rules:
  - id: fit/offer
    category: unapproved-use
    severity: error
    message: Offered for a condition.
    match: {phrases: ["stem cells for"]}
    suggest: We assess {condition|your condition} first. Then we explain the options.
    examples: {flag: [Stem cells for COPD.], ok: [We assess COPD first.]}
"""


def _pack(tmp_path, text: str = PACK):
    path = tmp_path / "fit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _suggestions(text, engine):
    return [f.suggestion for f in lint_text(text, engine=engine)]


def test_a_copd_page_gets_a_suggestion_about_copd_not_joints():
    [finding] = lint_text("Our stem cell therapy can help COPD patients breathe again.")
    assert "have not been FDA approved for COPD;" in finding.suggestion
    assert "joint" not in finding.suggestion


def test_the_field_takes_the_vocabularys_spelling_and_falls_back_where_nothing_fills_it():
    [finding] = lint_text("Our stem cell therapy is FDA approved for parkinson's disease.")
    assert finding.suggestion == "The FDA has not approved this treatment for Parkinson's disease."
    [plain] = lint_text("Our stem cell therapy is FDA approved.")
    assert plain.suggestion == "The FDA has not approved this treatment for your condition."


def test_a_heading_gets_the_short_wording_with_its_condition(tmp_path):
    [heading] = lint_text("# Exosome Therapy for COPD\n", path="page.md")
    assert heading.suggestion == "COPD: assessment and treatment options"
    [titled] = lint_text("Stem cell therapy for Parkinson's disease\n")
    assert titled.suggestion == "Parkinson's disease: assessment and treatment options"


def test_skipped_words_do_not_fill_and_a_place_that_starts_the_text_is_capitalised(tmp_path):
    engine = load_engine([_pack(tmp_path)], builtin=False)
    assert _suggestions("We offer stem cells for torn knee pain.", engine) == [
        "We assess knee pain first. Then we explain the options."
    ]
    assert _suggestions("We offer stem cells for torn muscles.", engine) == [
        "We assess your condition first. Then we explain the options."
    ]
    assert _suggestions("Stem cells for COPD", engine) == ["We assess COPD first."]  # a heading: the first sentence
    assert fill("{condition|joint pain} care", {"condition": "knee pain"}) == "Knee pain care"


def test_the_short_wording_defaults_to_the_first_sentence():
    assert first_sentence("Reactions can occur. Ask your doctor.") == "Reactions can occur."
    assert (
        first_sentence("Registration is a listing duty; not a review.")
        == "Registration is a listing duty; not a review."
    )
    [rule] = [r for p in load_packs() for r in p.rules if r.id == "safety-absolute/immune-privileged-no-reaction"]
    assert rule.suggest_short == rule.suggest  # one sentence


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            PACK.replace("{condition|your condition}", "{condition}"),
            r"fit.yaml:16: rule fit/offer: field '\{condition\}' needs",
        ),
        (
            PACK.replace("{condition|your condition}", "{place|here}"),
            r"fit.yaml:16: rule fit/offer: unknown field '\{place\}'",
        ),
    ],
)
def test_fields_are_checked_when_the_pack_is_built(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)  # a pack inside the tree being checked: its values are quoted
    with pytest.raises(CopylintError, match=message):
        load_packs([_pack(tmp_path, text)], builtin=False)


def test_a_field_is_defined_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("pack: other\nfields:\n  condition: {phrases: [COPD]}\n", encoding="utf-8")
    with pytest.raises(
        CopylintError, match=r"other.yaml:3: field 'condition' is defined twice \(first in .*fit.yaml\)"
    ):
        load_packs([_pack(tmp_path), other], builtin=False)


def test_test_rules_checks_the_filled_wordings(tmp_path):
    names_copd = """
  - id: fit/names-copd
    category: fda-status
    severity: info
    message: Names COPD.
    match: {phrases: [COPD]}
    suggest: Say less.
    examples: {flag: [COPD.], ok: [Say less.]}
"""
    [pack] = load_packs([_pack(tmp_path, PACK + names_copd)], builtin=False)
    offer = pack.rules[0]
    _, failures = check_rules([offer], pack.rules)
    assert [(f.kind, f.text) for f in failures] == [("suggest", "We assess COPD first. Then we explain the options.")]
