import pytest
import regex

from linter.text import document
from linter.text.document import Document
from linter.text.sentences import sentence_spans


def test_positions_count_characters_and_every_line_ending():
    text = "first\r\nsécond line\rthird\nfourth"
    doc = Document.from_text(text)
    assert doc.position(text.index("line")) == (2, 8)
    assert doc.position(text.index("third")) == (3, 1)
    assert doc.position(text.index("fourth")) == (4, 1)
    assert doc.line_text(2) == "sécond line"


@pytest.mark.parametrize(
    "text", ["", "\n", "one", "one\n", "\n\nthree\n\n", "caf\u00e9\n\u2028na\u00efve\x85\n\u00df", "a\r\nb\rc\nd", "\r"]
)
def test_line_starts_are_after_each_line_ending(text):
    """Without "\\r" they are added up from the lines' lengths; every ending counts either way."""
    assert list(Document.from_text(text).line_starts) == [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]


@pytest.mark.parametrize(
    "text",
    [
        "ab\ncd\nef",
        "abc\n\n\ndef\n",
        "\n\n\n\n",
        "abcdefgh",
        "a\nbc\nd\ne\n\nfgh\n",
        "a\r\nb\r\r\nc\rd\r\n",
        "\u2019\r\n\u00ad\r\n",
    ],
)
def test_line_starts_found_a_block_at_a_time_are_the_same_across_block_edges(text, monkeypatch):
    expected = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]
    for size in (1, 2, 3, 4):
        monkeypatch.setattr(document, "LINE_BLOCK_CHARS", size)
        assert list(Document.from_text(text).line_starts) == expected, size


def test_typography_is_normalised_without_moving_offsets():
    text = "It\u2019s \u201cside\u2011effects\u201d\u00a0free"
    doc = Document.from_text(text)
    assert doc.lintable == 'It\'s "side-effects" free'
    assert doc.offsets is None


def test_invisible_characters_are_removed_with_an_offset_map():
    text = "no compli\u00adcations and\u200d done"
    doc = Document.from_text(text)
    assert doc.lintable == "no complications and done"
    start = doc.lintable.index("complications")
    end = start + len("complications")
    assert doc.original_slice(start, end) == "compli\u00adcations"
    assert doc.position(doc.lintable.index("done")) == (1, text.index("done") + 1)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentences_survive_abbreviations_decimals_and_initials():
    text = "Dr. Lee saw 2.5 times more patients in the U.S. than e.g. J. Smith did. Next one!"
    assert _sentences(text) == [
        "Dr. Lee saw 2.5 times more patients in the U.S. than e.g. J. Smith did.",
        "Next one!",
    ]


def test_sentences_split_on_bullets_headings_and_blank_lines_but_not_wrapped_lines():
    text = (
        "How It Works\n"
        "Stem cells are injected into the joint. It takes an hour.\n"
        "1. Osteoarthritis\n"
        "- Back pain\n"
        "\n"
        "A paragraph that is long enough to be hard-wrapped prose continues\n"
        "on the next line here."
    )
    assert _sentences(text) == [
        "How It Works",
        "Stem cells are injected into the joint.",
        "It takes an hour.",
        "1. Osteoarthritis",
        "- Back pain",
        "A paragraph that is long enough to be hard-wrapped prose continues\non the next line here.",
    ]


def test_question_and_exclamation_marks_end_sentences():
    assert _sentences("Is it safe? Yes! It is.") == ["Is it safe?", "Yes!", "It is."]


def test_text_without_sentence_ends_is_cut_into_bounded_pieces():
    text = "word " * 5000 + "end."
    spans = sentence_spans(text)
    assert all(end - start <= 3000 for start, end in spans)
    assert "".join(text[s:e] + " " for s, e in spans).split() == text.split()


def test_a_long_paragraph_of_short_sentences_splits_in_linear_time():
    from linter.text.sentences import sentence_spans

    spans = sentence_spans("We are open daily. " * 20000 + "1. " * 20000)
    assert spans[:2] == [(0, 18), (19, 37)] and len(spans) > 20000  # took minutes when this was quadratic


def test_a_spaced_ellipsis_inside_a_quotation_and_etc_before_a_new_sentence():
    text = "Our cells treat arthritis . . . Multiple Sclerosis and more. Knees, hips, etc. The visit is short."
    assert _sentences(text) == [
        "Our cells treat arthritis . . . Multiple Sclerosis and more.",
        "Knees, hips, etc.",
        "The visit is short.",
    ]
