"""A regulator's, a court's or a reporter's own sentence about someone else's marketing is not a claim;
the same words in a seller's voice are."""

from __future__ import annotations

import pytest

from linter import lint_text, load_engine
from linter.engine.context import is_described, is_reported, is_research

ENGINE = load_engine(ignore=["learned"])


def _whole(check, sentence: str) -> bool:
    return check(sentence, (0, len(sentence)), len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        # the law's own requirement or order
        "The defendants are barred from making efficacy claims for any supplement unless the claims are true and"
        " substantiated by competent and reliable scientific evidence.",
        "Representing that any supplement is effective in curing cancer, unless the representation is true and"
        " supported by competent and reliable scientific evidence.",
        "If they make health-related representations, they all need sound science to support what they say.",
        "The court granted a permanent injunction prohibiting the clinic from selling its cord blood products.",
        "The complaint seeks preliminary and permanent injunctive relief against the stem cell clinic.",
        "These stem cells would have to be classified as a drug and be proven to be safe and effective first.",
        # the marketing attributed
        "According to some, the potential for stem cell therapy to treat chronic diseases is limitless.",
        "According to Pacific Stem Cell Center, its products could treat arthritis, stroke and diabetes.",
        "The letter described the firm's cord products as treatments for lupus, pain and inflammation.",
        "But if an ad claims a CBD product is scientifically proven to cure your symptoms, be careful.",
    ],
)
def test_the_law_and_attributed_marketing_are_reported(sentence):
    assert _whole(is_reported, sentence)
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "The companies then market the fat-derived cells as stem cell treatments for arthritis and stroke.",
        "The firm violated the FTC Act while marketing four supplements as cancer cures and treatments.",
        "Always talk with your doctor before you try any product claiming to cure arthritis.",
    ],
)
def test_marketing_described_in_the_third_person_is_described(sentence):
    assert _whole(is_described, sentence)
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "We also discuss emerging healing properties of exosomes in brain injuries and heart disease.",
        "The main focus will be placed on the repair of cartilage and skin by extracellular vesicles.",
        "In this review, exosomes from stem cells are said to heal wounds and repair damaged cartilage.",
    ],
)
def test_a_reviews_own_voice_is_research(sentence):
    assert is_research(sentence, (0, len(sentence)))
    assert not [f for f in lint_text(sentence, engine=ENGINE) if f.category == "unapproved-use"]


@pytest.mark.parametrize(
    "sentence",
    [
        "We market our stem cell injections as a cure for arthritis.",
        "Our exosome therapy heals damaged cartilage, unlike steroid shots that are barred by many insurers.",
        "We are proud to offer cord blood stem cells that cure arthritis, as described in our brochure.",
        "In this article, we explain how our stem cells cure knee arthritis.",
    ],
)
def test_the_same_words_in_a_sellers_voice_are_claims(sentence):
    assert lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency says no supplements have been scientifically proven to treat or prevent arthritis.",
        "No pills or vitamins have been shown to regrow cartilage in arthritic knees.",
    ],
)
def test_products_denied_as_a_class_are_negated(sentence):
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "However, the FDA stresses that it is concerned about patients who are desperate for a cure for arthritis.",
        "There is no established science to say that injecting stem cells in your knee will cause cartilage to regrow.",
        "The researchers found 19 sites that advertise they can help patients with multiple sclerosis and stroke.",
        "After sharing miracle stories of children with autism, the clinic's representative asked for a deposit.",
        "On the frontiers of medical science, we keep hearing about stem cell treatments that provide miracle cures.",
        "UCI is behind the world's first embryonic stem cell study in humans.",
        "It said stem cell treatments could heal knee osteoarthritis, neuropathy and spinal stenosis.",
        "A table compared stem cells to surgery, saying stem cell treatments involve no known side effects.",
        "Other conditions have been reported to have been treated with stem cells, such as MS and autism.",
        "Several studies find that injecting PRP into a torn tendon does not provide any significant benefit.",
        "To date, cord stem cell treatment has been proven effective at treating leukemia and other blood diseases.",
        "My husband and I made the trip seeking stem cell treatment in hopes of improving my multiple sclerosis.",
        "While many are hoping for near-miraculous benefits from stem cell therapies, it is necessary to be realistic.",
        "The clinic claimed a 100% success rate, though patients saw no improvement in their knees.",
    ],
)
def test_news_about_claims_and_approved_uses_is_not_a_claim(sentence):
    assert not lint_text(sentence, engine=ENGINE)


@pytest.mark.parametrize(
    "sentence",
    [
        "You've likely heard about stem cell therapy, which heals the brain after a stroke.",
        "That's when I heard about stem cell injections, and they cured my knee arthritis.",
        "Patients come to us in hopes of avoiding surgery, and our stem cells heal their torn tendons.",
    ],
)
def test_a_page_telling_its_reader_what_they_heard_still_makes_the_claim(sentence):
    assert lint_text(sentence, engine=ENGINE)
