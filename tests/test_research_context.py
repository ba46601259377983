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
    ],
)
def test_reported_research_is_research(sentence):
    assert _is_research(sentence)
    assert not [f for f in lint_text(sentence, engine=ENGINE) if f.category == "unapproved-use"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A recent study revealed that our stem cell injections ease knee arthritis.",
        "Scientists found that you can treat knee arthritis with our exosome therapy.",
    ],
)
def test_a_seller_citing_research_is_not_excused(sentence):
    assert not _is_research(sentence)
    assert any(f.category == "unapproved-use" for f in lint_text(sentence, engine=ENGINE))
