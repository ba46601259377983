"""Findings' fingerprints: the words and their context, normalised the same however fast."""

import regex

from linter.findings import _normalised


def test_words_are_normalised_as_regex_spaces_say_for_every_space_character():
    """Fingerprints normalise spaces as `\\s` does; the fast path through `str.split` must agree,
    information separators (spaces to `str.split` only) included."""
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace() or regex.fullmatch(r"\s", chr(code))]
    for space in spaces:
        for text in (f"{space}No  Side{space}{space}Effects{space}", f"A{space}b", space * 3):
            assert _normalised(text) == regex.sub(r"\s+", " ", text).strip().lower(), repr(space)
