"""The prefilter says where a rule may match; the engine's equivalence tests prove it never hides a match."""

from linter.engine.literals import required_literals
from linter.engine.prefilter import Alternatives, Prefilter
from linter.text.sentences import sentence_spans

CURES = required_literals(r"\bcures?\b")
NO_HARM = required_literals(r"\bno\s+(?:side\s+effects|risks?)\b")


def _index(text: str):
    sentences = sentence_spans(text)
    return Prefilter([CURES, NO_HARM]).index(text, sentences, 0, len(sentences))


def test_the_index_names_the_sentences_holding_each_literal():
    index = _index("It cures pain. Few risks. No side effects. Side notes.")
    assert index == {"cure": {0}, "risk": {1}, "effects": {2}}  # "no" is too short to look for


def test_alternatives_say_which_alternative_may_match_where():
    alternatives = Alternatives([CURES, NO_HARM, None], _index("It cures pain. No risks. Nice."), 0, 3)
    assert [alternatives.possible(i) for i in range(3)] == [[0, 2], [1, 2], [2]]
    assert alternatives.sentences == {0, 1, 2}  # the alternative without literals may match anywhere
    assert Alternatives([CURES, NO_HARM], _index("It cures pain. No risks. Nice."), 0, 3).sentences == {0, 1}


def test_a_match_over_several_sentences_may_find_its_literals_in_the_next_ones():
    index = _index("Hello. Hello again. It cures pain.")
    assert Alternatives([CURES], index, 0, 3, span=2).sentences == {1, 2}
    assert Alternatives([CURES], index, 0, 3, span=1).sentences == {2}
