import os

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.cache import PatternCache
from linter.engine.compiled import ALONE_AFTER, CompiledTerms
from linter.engine.literals import required_literals
from linter.packs.model import TermSet
from linter.packs.patterns import FLAGS, PhraseSyntaxError, pattern_regex, phrase_regex, separable

VOCAB = {"harms": ["side effects", "risks"]}


def _matches(phrase: str, text: str) -> bool:
    return regex.search(phrase_regex(phrase, VOCAB), text, FLAGS) is not None


def test_phrases_are_case_insensitive_word_bounded_and_whitespace_flexible():
    assert _matches("no {harms}", "There are NO\n   side-effects.")
    assert _matches("FDA approved", "an FDA-approved product")
    assert not _matches("no {harms}", "piano side effects")  # word-bounded start
    assert not _matches("risk", "risky")  # word-bounded end


def test_phrases_with_punctuation_edges_still_match():
    assert _matches("100% safe", "It is 100% safe.")
    assert _matches("Wharton's jelly", "Wharton's Jelly cells")


def test_vocab_in_patterns_expands_to_the_flexible_alternation():
    source = pattern_regex(r"\bzero\s+\L<harms>", VOCAB)
    assert regex.search(source, "zero side-effects", FLAGS)


def test_required_literals_cover_every_branch():
    assert required_literals(phrase_regex("no {harms}", VOCAB)) == ({"effects", "risks"},)  # "no" is too short
    assert required_literals(r"\bFDA[\s-]+approved?\b") == ({"fda"}, {"approve"})
    assert required_literals(r"\bcures?\b") == ({"cure"},)


def test_required_literals_read_past_an_anchor_at_the_search_start():
    """`\\G` (the `regex` module's, unknown to Python's parser) matches no character: what follows holds."""
    assert required_literals(r"\Gsafe\s+cells?\b") == ({"safe"}, {"cell"})
    assert required_literals(r"\G(?:how|what)\b(?!\s+risks)") == ({"how", "what"},)
    assert required_literals(r"\G|safe") is None  # the anchor alone matches, holding nothing
    assert required_literals(r"safe\G") is None  # only a leading one is read past


def test_required_literals_unknown_for_unparseable_or_literal_free_patterns():
    assert required_literals(r"\p{Lu}+") is None
    assert required_literals(r"\w+") is None
    assert required_literals(r"\d+,\d+") is None  # a comma is in most sentences (a percent sign is not)
    assert required_literals(r"\d+%") == ({"%"},)


def _spans(source: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(source, text, FLAGS)]


@pytest.mark.parametrize(
    "source",
    [r"(\w+) and \1", r"(?P<w>\w+) (?P=w)", r"\g<1>", r"(?(1)a|b)", r"(?R)", r"(?1)", r"(?&w)", r"(?i)a", r"(?-i)a"],
)
def test_alternatives_tied_to_the_others_are_not_separable(source):
    assert not separable([r"\bcures?\b", source])


def test_scoped_flags_look_arounds_and_plain_groups_are_separable():
    assert separable([r"(?-i:\bMS\b)", r"(?<!not\s)\bsafe\b(?=\s)", r"(?:no|zero)\s+(risks?)", r"\bx(?#note)"])


def test_a_term_set_compiles_only_the_alternatives_a_page_reaches_until_they_add_up_to_the_whole():
    terms = CompiledTerms(TermSet([r"\bcures?\b", r"\bheals?\b"], [r"\bcures?\b", r"\bheals?\b"]), PatternCache(None))
    assert terms.pattern_for([]) is None
    heals = terms.pattern_for([1])
    assert heals is terms.pattern_for([1]) and heals.search("it heals") and not heals.search("it cures")
    assert terms.pattern_for([0]).search("it cures")
    assert terms.pattern_for([0, 1]) is terms.pattern  # the parts would now cost more than the whole


def test_once_the_whole_set_is_compiled_one_alternative_runs_alone_only_where_that_is_exact():
    terms = CompiledTerms(TermSet([r"\bcures?\b", r"\bheals?\b"], [r"\bcures?\b", r"\bheals?\b"]), PatternCache(None))
    whole = terms.pattern
    assert all(terms.pattern_for([1]) is whole for _ in range(ALONE_AFTER))  # not worth compiling yet
    alone = terms.pattern_for([1])
    assert alone.search("it heals") and not alone.search("it cures")
    assert terms.pattern_for([0, 1]) is whole
    tied = CompiledTerms(TermSet([r"(\w+) cures", r"heals \1"], [r"(\w+) cures", r"heals \1"]), PatternCache(None))
    assert all(tied.pattern_for([1]) is tied.pattern for _ in range(ALONE_AFTER + 2))


def test_a_settled_choice_is_answered_without_compiling_or_counting_again(monkeypatch):
    """`pattern_for` runs once per sentence a rule tries: a choice that cannot change (a compiled
    part, the whole set for several alternatives) is kept, and only the alone-counting stays live."""
    terms = CompiledTerms(TermSet([r"\bcures?\b", r"\bheals?\b"], [r"\bcures?\b", r"\bheals?\b"]), PatternCache(None))
    heals = terms.pattern_for([1])
    whole = terms.pattern
    loaded = []
    monkeypatch.setattr(terms, "_load", lambda source: loaded.append(source))
    assert all(terms.pattern_for((1,)) is heals for _ in range(ALONE_AFTER + 2))  # compiled before the whole
    assert all(terms.pattern_for([0, 1]) is whole for _ in range(3)) and loaded == []
    assert all(terms.pattern_for([0]) is whole for _ in range(ALONE_AFTER)) and loaded == []
    terms.pattern_for([0])
    assert loaded == [r"(?:\bcures?\b)"]  # now worth running alone


def test_fast_patterns_are_prefix_trees_with_the_same_matches():
    vocab = {"conditions": ["ACL tear", "ACL tears", "arthritis", "MS", "multiple sclerosis", "ms pain", "Crohn's"]}
    fast = phrase_regex("{conditions}", vocab, fast=True)
    assert fast.startswith(r"\b") and "(?:a(?:cl" in fast  # case-folded tree, one branch per letter
    text = "acl tears, ACL-tear; Arthritis! ms  pain, MS, multiple\nsclerosis, crohn's, msx, xacl tear"
    assert _spans(fast, text) == _spans(phrase_regex("{conditions}", vocab), text) != []


def test_case_sensitive_vocabulary_references_keep_their_case():
    vocab = {"acronyms": ["ACL", "als"]}
    pattern = r"(?-i:\L<acronyms>)\s+\L<acronyms>"
    fast, plain = pattern_regex(pattern, vocab, fast=True), pattern_regex(pattern, vocab)
    for text in ("ACL als", "acl ALS", "als Acl", "ACL ACL"):
        assert _spans(fast, text) == _spans(plain, text)
    assert _spans(fast, "ACL als") and not _spans(fast, "acl als")


@pytest.mark.slow  # every term of every built-in pack over the labelled copy
def test_every_builtin_term_matches_the_same_text_in_its_fast_form():
    from linter import load_engine

    text = "\n".join(example for rule in load_engine().rules for example in rule.flag_examples + rule.ok_examples)
    for rule in load_engine().rules:
        for terms in [*rule.terms, *([rule.unless] if rule.unless else [])]:
            for plain, fast in zip(terms.sources, terms.fast_sources, strict=True):
                assert _spans(fast, text) == _spans(plain, text), rule.id


_TERM = st.text(alphabet="aAbBk\u212a -'", min_size=1, max_size=6)


@settings(max_examples=int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "60")) * 3, deadline=None)
@given(terms=st.lists(_TERM, min_size=1, max_size=8), text=st.text(alphabet="aAbBk\u212a -'\nx", max_size=40))
def test_prefix_tree_and_longest_first_list_match_alike(terms, text):
    vocab = {"v": terms}
    for fast, plain in (
        (phrase_regex("{v} x?", vocab, fast=True), phrase_regex("{v} x?", vocab)),
        (pattern_regex(r"\L<v>(?-i:\L<v>)", vocab, fast=True), pattern_regex(r"\L<v>(?-i:\L<v>)", vocab)),
    ):
        assert _spans(fast, text) == _spans(plain, text)


@pytest.mark.parametrize(
    ("phrase", "matches", "misses"),
    [
        ("no [serious] side effects", ["no side effects", "No serious side-effects"], ["no other side effects"]),
        ("[completely] safe", ["safe", "completely safe"], ["unsafe"]),
        ("(cures|reverses|heals) arthritis", ["cures arthritis", "Heals  arthritis"], ["treats arthritis"]),
        ("guaranteed ... results", ["guaranteed results", "guaranteed to give you results"], ["results guaranteed"]),
        ("treat~ {conditions}", ["treats knee pain", "treated arthritis", "treating COPD"], ["treaty arthritis"]),
        ("cure~ it", ["curing it", "cured it", "cures it"], ["cur it"]),
        ("remedy~", ["remedies", "remedied"], ["remedys"]),
        ("(cure~|heal~) it", ["cured it", "healing it"], ["curb it"]),
        ("approved (FDA)", ["approved (FDA)"], []),
        ("no * risk", ["no surgical risk", "no patient's risk"], ["no risk", "no real surgical risk"]),
        ("no [*] risk", ["no risk", "no surgical risk"], ["no real surgical risk"]),
        ("claim* to cure", ["claims to cure", "claimed to cure", "claim to cure"], ["clam to cure"]),
        ("(reject*|attack~) it", ["rejecting it", "rejection it", "attacked it"], ["eject it"]),
    ],
)
def test_phrase_syntax_for_optional_words_choices_gaps_and_inflections(phrase, matches, misses):
    vocab = {"conditions": ["knee pain", "arthritis", "COPD"]}
    for fast in (False, True):
        pattern = regex.compile(phrase_regex(phrase, vocab, fast=fast), FLAGS)
        assert all(pattern.search(text) for text in matches), (phrase, fast)
        assert not any(pattern.search(text) for text in misses), (phrase, fast)


@pytest.mark.parametrize(
    "phrase", ["[optional only]", "no [side effects", "side] effects", "~ cures", "no []", "* [risk]", "cure~*", "**"]
)
def test_a_malformed_phrase_is_an_error(phrase):
    with pytest.raises(PhraseSyntaxError):
        phrase_regex(phrase, {})


@pytest.mark.parametrize(
    ("phrase", "skips_ahead"),
    [
        ("(cures|heals) it", True),
        ("{conditions} relief", True),
        ("treat~ it", True),
        ("[very] safe", False),
        ("* safe", False),
        ("('s|x) safe", False),
    ],
)
def test_fast_phrases_start_with_a_word_boundary_only_where_every_match_starts_with_a_word(phrase, skips_ahead):
    vocab = {"conditions": ["knee pain", "arthritis"]}
    fast = phrase_regex(phrase, vocab, fast=True)
    assert fast.startswith(r"\b") is skips_ahead
    text = "It's very safe: cures it, x safe, 's safe, arthritis relief, treats it; surely safe."
    plain = regex.compile(phrase_regex(phrase, vocab), FLAGS)
    assert [m.span() for m in regex.compile(fast, FLAGS).finditer(text)] == [m.span() for m in plain.finditer(text)]
