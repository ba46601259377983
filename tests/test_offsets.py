"""Offset maps kept as segments answer every question as the one-integer-per-character map did.

Each property builds a dense reference (a list with one original offset per lintable offset) next
to the map and checks point lookups, the inverse (`bisect_left` on the dense list), "is this range
an unchanged copy" and composition against it. COPYLINT_HYPOTHESIS_EXAMPLES sets the number of
examples per property.
"""

from __future__ import annotations

import bisect
import os
import sys
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers import html as html_reader
from linter.readers import markdown as markdown_reader
from linter.readers import read_text
from linter.readers.masking import Decode, apply
from linter.text.document import Document
from linter.text.offsets import OffsetMap
from linter.text.textnorm import normalize

from conftest import dense

EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None)

# (how far past the last original offset the stretch starts, how many lintable offsets, flat)
STRETCHES = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.booleans()), max_size=12)
# Removed (soft hyphen, zero-width joiner, byte-order mark, a tag character), expanded (ligatures),
# folded in place (fullwidth, math bold), kept (an astral emoji in the astral range searched), line ends.
CHARS = "ab .\r\n\u00ad\u200d\ufeff\U000e0073\ufb01\ufb03\uff21\U0001d41a\U0001f600\u00e9"


def _built(stretches: list[tuple[int, int, bool]], at_least: int = 0) -> tuple[OffsetMap, list[int]]:
    """A map built stretch by stretch, and its dense reference; it maps at least `at_least` offsets."""
    offsets, reference = OffsetMap(), []
    for skip, count, flat in [*stretches, (0, max(at_least - sum(s[1] for s in stretches), 1), False)]:
        origin = (reference[-1] if reference else 0) + skip
        offsets.extend(origin, count, flat=flat)
        reference += [origin] * count if flat else range(origin, origin + count)
    return offsets, reference


def _agrees(offsets: OffsetMap | None, reference: list[int]) -> None:
    """Every question the callers ask of `offsets` has the answer the dense `reference` gives."""
    assert offsets is not None and len(offsets) == len(reference)
    assert dense(offsets) == reference
    for original in range(-1, reference[-1] + 3):
        assert offsets.first_at_or_after(original) == bisect.bisect_left(reference, original), original
    for start in range(reference[-1] + 2):
        for first in {bisect.bisect_left(reference, start), start, max(start - 1, 0)}:
            for end in range(start, start + 5):
                copied = reference[first : first + end - start] == list(range(start, end))
                assert offsets.is_copy(first, start, end) == copied, (first, start, end)


@SETTINGS
@given(STRETCHES)
def test_a_map_built_stretch_by_stretch_agrees_with_its_dense_reference(stretches):
    _agrees(*_built(stretches))


@SETTINGS
@given(STRETCHES, STRETCHES)
def test_composed_maps_agree_with_the_dense_composition(outer_stretches, inner_stretches):
    inner, inner_reference = _built(inner_stretches)
    outer, outer_reference = _built(outer_stretches, at_least=inner_reference[-1] + 1)
    _agrees(outer.after(inner), [outer_reference[i] for i in inner_reference])


@SETTINGS
@given(st.text(alphabet=CHARS, max_size=60))
def test_normalising_maps_each_character_to_its_source(text):
    _, offsets = normalize(text)
    if offsets is not None:
        _agrees(offsets, [i for i, char in enumerate(text) for _ in normalize(char)[0]] + [len(text)])


@SETTINGS
@given(st.data())
def test_decoded_spans_map_to_their_start(data):
    """Entities and the like: the same length maps one to one, another length all to the start."""
    text = data.draw(st.text(alphabet="ab &;", min_size=1, max_size=40))
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=8)))
    decoded = [
        Decode(start, end, data.draw(st.text(alphabet="xy\u00ad", max_size=3)))
        for start, end in zip(cuts[::2], cuts[1::2], strict=False)
        if start < end
    ]
    masked = apply(text, [], decoded)
    reference, pos = [], 0
    for span in decoded:
        reference += range(pos, span.start)
        same = len(span.replacement) == span.end - span.start
        reference += range(span.start, span.end) if same else [span.start] * len(span.replacement)
        pos = span.end
    if masked.offsets is not None:
        _agrees(masked.offsets, [*reference, *range(pos, len(text) + 1)])


PAGE_PIECES = st.sampled_from(
    [*CHARS, "&amp;", "&shy;", "&#x200b;", "&ffilig;", "&eacute;", "<b>", "</b>", "<p>", "</p>", "*", "`x`", "\\!"]
)


@SETTINGS
@given(st.lists(PAGE_PIECES, max_size=40).map("".join), st.sampled_from([html_reader, markdown_reader]))
def test_a_readers_map_composed_with_normalising_agrees_with_the_dense_composition(text, reader):
    masked = reader.mask(text)
    doc = Document.from_masked(text, masked.lintable, masked.offsets)
    _, normalising = normalize(masked.lintable)
    masking = None if masked.offsets is None else dense(masked.offsets)
    if normalising is None:
        reference = masking
    else:
        reference = dense(normalising) if masking is None else [masking[i] for i in dense(normalising)]
    if reference is None:
        assert doc.offsets is None
    else:
        _agrees(doc.offsets, reference)


def test_a_map_follows_the_changes_not_the_length_of_the_text():
    """Three soft hyphens in 5 MB (at the start, inside, at the end): the map is a few segments, a
    few hundred bytes, where one machine integer per character took 40 MB."""
    prose = "Stem cells are living cells. " * 180_000
    text = "\u00ad" + prose[:2_500_000] + "compli\u00adcations" + prose[2_500_000:] + "\u00ad"
    tracemalloc.start()
    try:
        lintable, offsets = normalize(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert offsets is not None and len(offsets) == len(lintable) + 1 == len(text) - 2
    assert sys.getsizeof(offsets) < 500
    assert peak < 1.1 * sys.getsizeof(lintable)  # the normalised text, and next to nothing else
    assert offsets.original(lintable.index("complications") + 6) == text.index("cations")
    assert offsets.first_at_or_after(len(text) - 1) == len(lintable)


def test_a_file_with_an_invisible_character_reads_with_a_map_of_a_few_segments():
    text = "It cures pain.\r\n" * 100_000 + "sa\u200dfe\r\n"
    doc = read_text(text, "page.txt")
    assert doc.offsets is not None and sys.getsizeof(doc.offsets) < 500
    assert doc.original_slice(doc.lintable.index("safe"), len(doc.lintable) - 2) == "sa\u200dfe"
