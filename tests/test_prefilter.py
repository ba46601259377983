"""The prefilter says where a rule may match; the engine's equivalence tests prove it never hides a match."""

from linter.patterns import required_literals
from linter.prefilter import Alternatives, Prefilter
from linter.sentences import sentence_spans

CURES = required_literals(r"\bcures?\b")
NO_HARM = required_literals(r"\bno\s+(?:side\s+effects|risks?)\b")


def _index(text: str):
    sentences = sentence_spans(text)
    return Prefilter([CURES, NO_HARM]).index(text, sentences, 0, len(sentences))


def test_sentences_holding_a_literal_of_each_group():
    index = _index("It cures pain. Few risks. No side effects. Side notes.")
    assert set(index.holding(CURES[0])) == {0}
    assert set(index.holding(NO_HARM[-1])) == {1, 2}  # "risk", "effects"; "no" is too short to look for


def test_a_window_of_several_sentences_reaches_back_from_each_literal():
    index = _index("Hello. Hello again. It cures pain.")
    assert set(index.holding(CURES[0], span=2)) == {1, 2}
    assert set(index.holding(frozenset({"absent"}), span=2)) == set()


def test_alternatives_say_which_alternative_may_match_where():
    alternatives = Alternatives([CURES, NO_HARM, None], _index("It cures pain. No risks. Nice."), 0, 3)
    assert [alternatives.possible(i) for i in range(3)] == [[0, 2], [1, 2], [2]]
    assert alternatives.sentences == {0, 1, 2}  # the alternative without literals may match anywhere
    assert Alternatives([CURES, NO_HARM], _index("It cures pain. No risks. Nice."), 0, 3).sentences == {0, 1}
