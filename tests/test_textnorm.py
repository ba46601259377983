"""Invisible and look-alike characters cannot hide a claim, and findings still point at the original."""

import os
import sys
import tracemalloc

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import lint_text, load_engine
from linter.readers import read_text
from linter.text.offsets import OffsetMap
from linter.text.textnorm import IGNORABLE, normalize, normalize_chars

from conftest import dense

EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))

ENGINE = load_engine()
SAFE = "safety-absolute/completely-safe"
FDA = "fda-status/fda-approved"
# Each claim as a reader sees it, written with characters that hide it from a plain match.
HIDDEN = [
    (SAFE, "100% sa\u200bfe", "zero-width space inside a word"),
    (SAFE, "100% sa\u200efe", "left-to-right mark"),
    (FDA, "FDA app\u202eroved\u202c", "right-to-left override"),
    (FDA, "FDA app\u2066roved\u2069", "left-to-right isolate"),
    (SAFE, "100% sa\u034ffe", "combining grapheme joiner"),
    (SAFE, "100% sa\ufe0ffe\ufe0e", "variation selectors"),
    (SAFE, "100% sa\U000e0073\U000e007ffe", "tag characters"),
    (SAFE, "100% s\u0430f\u0435", "Cyrillic a and e"),
    (FDA, "FDA appr\u043eved", "Cyrillic o"),
    (FDA, "FDA appr\u03bfved", "Greek omicron"),
    (FDA, "\uff26\uff24\uff21 approved", "fullwidth letters"),
    (SAFE, "\uff11\uff10\uff10\uff05 safe", "fullwidth digits and percent sign"),
    (SAFE, "100% \U0001d42c\U0001d41a\U0001d41f\U0001d41e", "mathematical bold"),
    (FDA, "FDA certi\ufb01ed", "ligature fi"),
    (SAFE, "100% \u017fafe", "long s"),
    (FDA, "F\u00adD\u200dA appr\u2060oved", "soft hyphen, joiners"),
]


@pytest.mark.parametrize(("rule", "claim", "how"), HIDDEN, ids=[how for _, _, how in HIDDEN])
def test_a_hidden_claim_is_found_at_its_exact_place(rule, claim, how):
    prefix = "Intro line.\n\ufeffWe say: stem cell therapy is "
    text = f"{prefix}{claim}. Call us.\n"
    [finding] = [f for f in lint_text(text, engine=ENGINE) if f.rule == rule]
    assert (finding.line, finding.column) == (2, len(prefix) - len("Intro line.\n") + 1)
    assert finding.match == claim.rstrip("\u202c\u2069\ufe0e")  # not the invisible characters after it
    assert finding.end_column == finding.column + len(finding.match)


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_hidden_characters_and_markup_together_keep_columns(name):
    text = "<p>Stem cell therapy is <b>100%</b> sa&#8203;fe and FDA certi\ufb01ed.</p>\n"
    doc = read_text(text, name)
    findings = {f.rule: f for f in lint_text(text, path=name, engine=ENGINE)}
    assert doc.lintable.count("safe") == 1
    assert findings[SAFE].column == text.index("100%") + 1 and findings[SAFE].match.endswith("sa&#8203;fe")
    assert findings[FDA].column == text.index("FDA") + 1 and findings[FDA].match == "FDA certi\ufb01ed"


def test_a_ligature_maps_both_its_letters_to_itself():
    lintable, offsets = normalize("a \ufb03x\u200b.")
    assert lintable == "a ffix."
    assert offsets is not None and dense(offsets) == [0, 1, 2, 2, 2, 3, 5, 6]


def test_look_alikes_of_the_same_length_need_no_offset_map():
    assert normalize("\uff26\uff24\uff21 appr\u043eved \U0001d42c\u017fe") == ("FDA approved sse", None)


def test_the_ignorable_list_is_unicodes():
    """Default_Ignorable_Code_Point and format characters, as the `regex` module's tables have them."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    ignorable = {ord(m.group()) for m in regex.finditer(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]", every)}
    assert ignorable == {code for first, last in IGNORABLE for code in range(first, last + 1)}


@pytest.mark.parametrize("after", ["\u202c", "\u200b\u200b", "\ufe0f"])
def test_a_match_ends_before_the_invisible_characters_after_it(after):
    text = f"It is 100% safe{after} for you."
    [finding] = [f for f in lint_text(text) if f.category == "safety-absolute"]
    assert finding.match == "100% safe"
    assert (finding.column, finding.end_column) == (7, 16)


_MIXED = (
    "ab .\n'\"\u2018\u2019\u201c\u201d\u2014\u2013\u00a0\u00ad\u200b\ufeff\ufb01\ufb03\uff21\u017f\u0430\u00e9\u2026"
)
_MIXED += "\U0001d41a\U0001f600\U000e0073\ufe0f"


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=_MIXED, max_size=200))
def test_normalisation_is_per_character_and_its_map_names_each_characters_source(text):
    lintable, offsets = normalize(text)
    read_as = [normalize(char)[0] for char in text]
    assert lintable == "".join(read_as)
    if offsets is None:
        assert all(len(chars) == 1 for chars in read_as)
        return
    assert dense(offsets) == [i for i, chars in enumerate(read_as) for _ in chars] + [len(text)]


def _normalised_with_peak(text: str) -> tuple[str, OffsetMap | None, int]:
    tracemalloc.start()
    try:
        lintable, offsets = normalize(text)
        return lintable, offsets, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_page_of_many_typographic_characters_is_normalised_in_one_narrow_copy():
    """Each kind of character replaced used to cost a full copy of the text; now the result is the
    only one, and as narrow as its characters: ASCII once the quotes and dashes are straightened."""
    text = "\u201cWe don\u2019t\u201d \u2014 \u2018it\u2019s\u2019 a 5\u20139 day\u00a0visit. " * 20_000
    lintable, offsets, peak = _normalised_with_peak(text)
    assert offsets is None and lintable == normalize_chars(text) and lintable.isascii()
    assert peak < 1.1 * sys.getsizeof(lintable) < 0.6 * sys.getsizeof(text)
    # One character that does not fold ("\u2026") keeps the result wide; still never two copies.
    lintable, offsets, peak = _normalised_with_peak(text.replace(".", "\u2026"))
    assert offsets is None and not lintable.isascii()
    assert peak < 1.6 * sys.getsizeof(lintable)
