"""Research reported in news and papers is not a seller's claim; the same words in a seller's voice are."""

from __future__ import annotations

import pytest

from linter import lint_text, load_engine
from linter.engine.context import is_research

ENGINE = load_engine(ignore=["learned"])


def _is_research(sentence: str) -> bool:
    return is_research(sentence, (0, len(sentence)))


@pytest.mark.parametrize(
    "sentence",
    [
        "A small study has discovered that fat-derived stem cells can ease lupus flares.",
        "The trial revealed that cord cells reduced lung inflammation in older adults.",
        "Several clinical trials looking at MSCs in treating Crohn's disease are under way.",
        "Many scientists are hopeful about stem cells in treating heart failure one day.",
        # the field described in research voice
        "Current research is focusing on cord cells as a way to rebuild cartilage in arthritic knees.",
        "Fat-derived cells have been studied for knee arthritis, lupus and heart failure.",
        "Bone marrow stromal cells are widely recognized for repairing damaged tendons in animal work.",
        "Exosomes have attracted growing attention for their ability to calm arthritis inflammation.",
        "Adipose stromal cells have emerged as a candidate for rebuilding cartilage in hip arthritis.",
        "Cord-derived cells are used as a novel option for healing rotator cuff tears.",
        "Moreover, adipose cells support the proliferation of chondrocytes that rebuild cartilage in arthritis.",
    ],
)
def test_reported_research_and_the_field_in_research_voice_are_research(sentence):
    assert _is_research(sentence)
    assert not [f for f in lint_text(sentence, engine=ENGINE) if f.category == "unapproved-use"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A recent study revealed that our stem cell injections ease knee arthritis.",
        "Scientists found that you can treat knee arthritis with our exosome therapy.",
        "Our cord cells are well known for rebuilding cartilage in your arthritic knee.",
    ],
)
def test_a_seller_citing_research_or_speaking_in_its_voice_is_not_excused(sentence):
    assert not _is_research(sentence)
    assert any(f.category == "unapproved-use" for f in lint_text(sentence, engine=ENGINE))


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients were promised that amniotic injections would regrow the cartilage in their knees.",
        "“He said that the shots would cure my arthritis,” the retired teacher recalled.",
        "The theory is that cord cells can repair the damaged cartilage of an arthritic knee.",
    ],
)
def test_what_others_promised_or_theorise_is_described_not_claimed(sentence):
    assert not lint_text(sentence, engine=ENGINE)


def test_marketing_described_as_fraudulent_is_not_the_pages_claim():
    sentence = "The clinics were fraudulently advertising stem cell cures for arthritis and autism to patients."
    assert not lint_text(sentence, engine=ENGINE)
    assert lint_text("We offer stem cell cures for arthritis and autism.", engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "“Stem cells will cure your arthritis for good,” were the exact words the couple was promised.",
        "“One shot and you will run again without pain,” is what she had been told.",
    ],
)
def test_a_quotation_attributed_to_what_someone_was_told_is_not_claimed(sentence):
    assert not lint_text(sentence, engine=ENGINE)


def test_a_quoted_testimonial_is_still_a_claim():
    assert lint_text("“The shots cured my arthritis for good,” says Maria.", engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "For many buyers the label 'stem cell' has become a synonym for 'cutting edge' and 'miracle cure'.",
        "Under this subsection, a biologic qualifies where clinical evidence indicates that it can help patients.",
        "Preliminary evidence shows that the biologic may address an unmet need in such a disease or condition.",
        "The ads were bold; promising results that would cure arthritis and reverse aging.",
        "Promises were made at every sales dinner: no side effects; cures for arthritis; clinically proven results.",
    ],
)
def test_mentions_statutes_and_spelled_out_claims_are_not_claimed(sentence):
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our cutting edge stem cell shots are a miracle cure.",
        "Our ads are plain; promising that stem cells cure arthritis.",
        "Stem cell shots cure arthritis and reverse aging.",
    ],
)
def test_the_same_claims_in_the_pages_own_words_are_flagged(sentence):
    assert lint_text(sentence, engine=ENGINE)


def test_a_product_that_has_emerged_as_a_therapy_is_still_a_claim():
    sentence = "Exosome facials have emerged as the leading therapy for healing acne scars."
    assert not _is_research(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Although exosomes may one day reverse hair loss, that has not been shown in people.",
        "Even though cord cells could in theory heal damaged cartilage, there is no evidence yet in humans.",
        "Reporters have been skeptical about the idea of cord blood for cerebral palsy.",
        "People who ask about exosome shots for knee arthritis are often surprised by the price.",
    ],
)
def test_a_conceded_or_discussed_claim_is_not_claimed(sentence):
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "Although our stem cells repair cartilage, they don't require surgery.",
        "Although cord cells heal damaged cartilage, the visit does not take long.",
        "We love the idea of stem cells for cerebral palsy.",
    ],
)
def test_a_concession_that_denies_something_else_is_still_a_claim(sentence):
    assert lint_text(sentence, engine=ENGINE)


def test_a_field_exploring_potential_applications_is_research_voice():
    sentence = (
        "This promise is reinforced by the scientific community exploring the potential applications of"
        " stem cells across diseases such as cancer, Parkinson's disease and diabetes."
    )
    assert _is_research(sentence)
    assert not _is_research("We are exploring the potential applications of stem cells for your knee arthritis.")
