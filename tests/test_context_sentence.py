"""A whole sentence denied: the check a sentence-wide finding (the learned detector's) goes through."""

from __future__ import annotations

import pytest

from linter.engine.context import clauses, is_sentence_negated


def _negated(sentence: str) -> bool:
    return is_sentence_negated(sentence, (0, len(sentence)))


@pytest.mark.parametrize(
    "sentence",
    [
        "IT HASN'T BEEN SHOWN TO REPAIR DAMAGED CARTILAGE OR RELIEVE ARTHRITIS PAIN.",
        "Stem cell therapy hasn't been proven to repair damaged cartilage or regenerate joints.",
        "Our exosome injections don't regenerate worn joints.",
        "No study has shown that cord cells rebuild cartilage, and none has tested them in hips.",
        "Stem cells are not FDA approved for knee arthritis; they remain unproven for back pain.",
    ],
)
def test_a_sentence_whose_every_clause_is_denied_is_negated(sentence):
    assert _negated(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Exosomes repair damaged cartilage and regenerate joints.",
        "Stem cell therapy is not surgery, and it repairs damaged cartilage in arthritic knees.",
        "It isn't a drug, but our stem cells heal torn tendons.",
        "Our stem cells rebuild cartilage, so you will not need a knee replacement in most cases.",
        "Yes.",
        # a denial that asserts: the share that does improve, litotes
        "Approximately 15-20% may not improve with this therapy.",
        "Only 5 percent of patients do not respond to a single injection.",
        "Nor does it mean that the therapy would stimulate any less cartilage growth in your knee.",
    ],
)
def test_one_affirmative_clause_keeps_the_sentence(sentence):
    assert not _negated(sentence)


def test_clauses_split_where_clause_start_does_and_asides_do_not_split():
    sentence = "Mesenchymal cells (MSCs, from fat) are not approved, but they repair tendons."
    parts = [sentence[a:b].strip() for a, b in clauses(sentence, (0, len(sentence)))]
    assert parts == ["Mesenchymal cells (MSCs, from fat) are not approved", "", "they repair tendons."]
