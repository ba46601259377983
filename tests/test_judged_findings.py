"""Findings people judged wrong (issue 17): a satisfaction score is not a success rate, and
"breakthrough" is a claim only about a treatment, a product or its results."""

import pytest

from linter import lint_text


def _rules(text: str) -> list[str]:
    return [f.rule for f in lint_text(text)]


def test_a_satisfaction_score_is_not_a_success_rate():
    assert "efficacy-guarantee/success-rate" not in _rules("Our surgeon has a 98 % patient satisfaction score.")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Our clinic reports a 98% success rate.", "efficacy-guarantee/success-rate"),
        ("9 out of 10 patients improve.", "efficacy-guarantee/patient-percentage"),
    ],
)
def test_success_rates_stay_flagged(text, rule):
    assert rule in _rules(text)


@pytest.mark.parametrize(
    "text",
    ["Our staff are breakthrough thinkers.", "Our staff are breakthrough thinkers in regenerative medicine."],
)
def test_breakthrough_people_are_not_a_miracle_claim(text):
    assert _rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Exosome therapy is a breakthrough for knee pain.",
        "Patients call our new injection a breakthrough.",
        "Breakthrough! The only clinic with this cord cell technology.",
    ],
)
def test_a_breakthrough_treatment_or_result_is(text):
    [finding] = [f for f in lint_text(text) if f.rule == "superlative-misleading/miracle-breakthrough"]
    assert "unapproved" not in finding.message
