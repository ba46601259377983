"""The prefilter says where a rule may match; the engine's equivalence tests prove it never hides a match."""

import os

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import load_engine
from linter.engine import Engine
from linter.engine.literals import required_literals
from linter.engine.prefilter import CASE_VARIANTS, Alternatives, Prefilter, fold_case
from linter.text.document import Document
from linter.text.sentences import sentence_spans

EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
ENGINE = load_engine()
UNFILTERED = Engine(ENGINE.rules, prefilter=False)

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


def test_rare_marks_are_literals_however_short_and_common_ones_are_not():
    """A lead-in's colon or a percent sign picks out few sentences; a comma picks out most."""
    assert required_literals(r"\bcures?\s*:\s*$") == (frozenset({"cure"}), frozenset({":"}))
    assert required_literals(r"\d+\s*(?:%|percent)") == (frozenset({"%", "percent"}),)
    assert required_literals(r"\bsafe\s*,\s*\w+") == (frozenset({"safe"}),)
    index = Prefilter([required_literals(r"\bcures?\s*:")]).index(*_spans("It cures: pain. It cures pain."))
    assert index == {"cure": {0, 1}, ":": {0}}


def _spans(text: str):
    sentences = sentence_spans(text)
    return text, sentences, 0, len(sentences)


def test_a_match_over_several_sentences_may_find_its_literals_in_the_next_ones():
    index = _index("Hello. Hello again. It cures pain.")
    assert Alternatives([CURES], index, 0, 3, span=2).sentences == {1, 2}
    assert Alternatives([CURES], index, 0, 3, span=1).sentences == {2}


def test_case_variants_are_the_characters_lower_case_does_not_fold():
    """Those str.lower() leaves alone that simple case folding (one character) changes."""
    variants = {code for first, last in CASE_VARIANTS for code in range(first, last + 1)}
    expected = set()
    for code in range(0x110000):
        char = chr(code)
        if char.lower() == char and len(char.casefold()) == 1 and char.casefold() != char:
            expected.add(code)
    assert variants == expected


# Letters `regex` folds in ways str.lower() does not: long s, Kelvin sign, dotted and dotless i,
# sigmas, sharp s, micro and mu, curly beta, Cherokee, a ligature, a combining accent.
TRICKY = "sS\u017fkK\u212aiI\u0130\u0131\u03c3\u03c2\u03a3\u00df\u1e9e\u00b5\u03bc\u039c"
TRICKY += "\u03d0\u03b2\uab70\u13a0\ufb01\u00e9\u0301 .\n"
WORDS = ["safe", "kind", "\u03c3\u03bf\u03c6\u03bf\u03c2", "stra\u00dfe", "\u13a0\u13a1\u13a2", "micro"]
WORDS += ["\u03bc\u03b9\u03ba\u03c1\u03bf", "filled"]


@st.composite
def _text_and_literals(draw):
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.text(TRICKY, max_size=8)), max_size=12))
    text = " ".join(pieces)
    literals = [w for w in WORDS if len(w) >= 3]
    literals += [text[i : i + 3] for i in draw(st.lists(st.integers(0, max(len(text) - 3, 0)), max_size=4))]
    return text, [lit for lit in literals if len(lit) == 3 or lit in WORDS]


@settings(max_examples=EXAMPLES, deadline=None)
@given(_text_and_literals())
def test_the_index_never_misses_a_literal_the_pattern_would_match(case):
    text, literals = case
    sentences = sentence_spans(text)
    if not sentences:
        return
    sets = [(frozenset({fold_case(literal)}),) for literal in literals if literal.strip()]
    index = Prefilter(sets).index(text, sentences, 0, len(sentences))
    assert index is not None
    for literal in literals:
        pattern = regex.compile(regex.escape(literal), regex.IGNORECASE)
        for i, (start, end) in enumerate(sentences):
            if literal.strip() and pattern.search(text, start, end):
                assert i in index.get(fold_case(literal), set()), (literal, text[start:end])


def test_the_four_is_are_one_letter_for_the_prefilter():
    """`regex` matches "\u0130" with "i", and "I" with "\u0131": a relation that does not chain."""
    text = "IIIIIIIi safe.\n\n\u0130 safe. \u0131 safe."
    sentences = sentence_spans(text)
    for literal in ("\u0130 s", "I s", "\u0131 s", "i s"):
        index = Prefilter([(frozenset({fold_case(literal)}),)]).index(text, sentences, 0, len(sentences))
        assert index is not None
        pattern = regex.compile(regex.escape(literal), regex.IGNORECASE)
        matched = {i for i, (start, end) in enumerate(sentences) if pattern.search(text, start, end)}
        assert matched <= index.get(fold_case(literal), set()), literal


CLAIMS = [
    "Stem cell therapy is 100% safe.",
    "Our treatment is FDA approved.",
    "It cures arthritis.",
    "No side effects!",
]
# Case variants and look-alikes: long s, Kelvin sign, dotted and dotless i, Cyrillic, Greek, a ligature.
VARIANTS = {"s": "S\u017f", "k": "K\u212a", "i": "I\u0130\u0131", "e": "E\u0435", "a": "A\u0430"}
VARIANTS |= {"o": "O\u03bf\u043e", "f": "F\ufb01"}


@st.composite
def _document(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        claim = draw(st.sampled_from(CLAIMS))
        swaps = draw(st.lists(st.integers(0, len(claim) - 1), max_size=4))
        chars = list(claim)
        for i in swaps:
            if chars[i].lower() in VARIANTS:
                chars[i] = draw(st.sampled_from(VARIANTS[chars[i].lower()]))
        pieces += ["".join(chars), draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))]
    return " ".join(pieces)


@settings(max_examples=EXAMPLES // 2, deadline=None)
@given(_document())
def test_findings_are_the_same_with_the_prefilter_on_and_off(text):
    doc = Document.from_text(text)
    assert ENGINE.lint(doc) == UNFILTERED.lint(Document.from_text(text))


START_PACK = r"""
pack: start
version: 1
rules:
  - id: start/safe-opening
    category: safety-absolute
    severity: error
    message: Safety claim.
    match:
      patterns: ['\Gsafe\s+(?:stem\s+cells?|treatments?)\b']
    suggest: Every treatment has risks.
    examples:
      flag: [Safe stem cells for all., Safe treatments., Safe stem cell.]
      ok: [It is safe stem cells., Stem cells., Not safe.]
"""


def test_a_term_anchored_at_the_sentence_start_is_prefiltered_without_hiding_a_match(tmp_path):
    """A term that must open its sentence (`\\G`) is tried only where its literals are, and still found."""
    pack = tmp_path / "start.yaml"
    pack.write_text(START_PACK, encoding="utf-8")
    engine = load_engine([pack], builtin=False)
    text = "Safe stem cells for all. Our treatment is safe stem cells.\n\n\u017fafe treatments here! Safe."
    doc = Document.from_text(text)
    found = [(f.line, f.column, f.match) for f in engine.lint(doc)]
    assert found == [(1, 1, "Safe stem cells"), (3, 1, "\u017fafe treatments")]
    assert found == [(f.line, f.column, f.match) for f in Engine(engine.rules, prefilter=False).lint(doc)]
    index = engine._prefilter.index(doc.lintable, doc.sentences, 0, len(doc.sentences))
    assert index is not None and index.get("safe") == {0, 1, 2, 3}
