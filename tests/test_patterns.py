import regex

from linter.patterns import FLAGS, pattern_regex, phrase_regex, required_literals

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


def test_required_literals_unknown_for_unparseable_or_literal_free_patterns():
    assert required_literals(r"\p{Lu}+") is None
    assert required_literals(r"\w+") is None
    assert required_literals(r"\d+%") is None
