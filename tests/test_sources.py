"""Readers: what is linted in each format, and that positions point into the original file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import lint_paths, lint_text
from linter.cli import main
from linter.findings import Finding
from linter.readers import BINARY_SUFFIXES, SkippedFile, Source, discover, read_document, read_text
from linter.readers import docx as docx_reader
from linter.readers.masking import Decode, Hide, apply
from linter.text.document import Document

from conftest import FIXTURES, PACKS, dense

SOURCES = FIXTURES / "sources"

GOLDEN = {
    "page.md": [
        ("demo/no-harms", 2, 30, "No Side Effects"),  # front matter title; slug and tags are not linted
        ("demo/product-treats-condition", 3, 18, "exosomes cure arthritis"),  # front matter description, with
        # demo/cures related (its verb)
        ("demo/no-harms", 13, 21, "no **side** effects"),  # emphasis inside the phrase
        ("demo/fda-approved", 13, 50, "FDA approved"),
        ("demo/no-harms", 14, 7, "no complications"),  # link text; its URL and title are not linted
        ("demo/no-harms", 17, 25, "no&nbsp;adverse effects"),  # after entities on the same line
        ("demo/cures", 19, 14, "cured"),  # a blockquoted testimonial
        ("demo/risk-free", 21, 3, "Risk free"),
        ("demo/no-harms", 22, 3, "No complications"),
        ("demo/no-harms", 26, 15, "no adverse effects"),  # a table cell
        ("demo/miracle", 28, 5, "miracle"),  # image alt text
    ],
    "page.html": [
        ("demo/no-harms", 5, 37, "No Side Effects"),  # <title>, after &amp; and &#8212;
        ("demo/cures", 6, 54, "cure"),  # meta description
        ("demo/fda-approved", 7, 42, "FDA approved"),  # og:description
        ("demo/no-harms", 15, 61, "no</em> side\n<strong>effects"),  # split by inline tags and a line break
        ("demo/no-harms", 17, 71, "No complications"),  # title attribute; href and data-* are not linted
        ("demo/no-harms", 17, 101, "no adverse effects"),  # link text
        ("demo/miracle", 18, 36, "miracle"),  # alt attribute
        ("demo/risk-free", 22, 6, "Risk free"),  # inside an unclosed <div>
        ("demo/no-harms", 23, 9, "No complications"),
        ("demo/cures", 23, 40, "cure</b>s"),  # markup inside a word
    ],
    "legacy-cp1252.txt": [
        ("demo/miracle", 1, 6, "miracle"),  # after a Windows-1252 curly quote
        ("demo/no-harms", 1, 23, "no side effects"),
        ("demo/cures", 2, 20, "cures"),
    ],
    "utf16.txt": [("demo/no-harms", 1, 15, "no adverse effects"), ("demo/cures", 2, 4, "cures")],
    "utf8-bom.txt": [("demo/no-harms", 1, 1, "No side effects"), ("demo/fda-approved", 2, 1, "FDA approved")],
    "crlf.txt": [("demo/no-harms", 2, 16, "no\r\nside effects")],
    "cr.txt": [("demo/no-harms", 2, 16, "no\rside effects"), ("demo/cures", 4, 4, "cures")],
}


def _lint_file(engine, path: Path) -> tuple[Document, list[Finding]]:
    doc = read_document(Source(str(path), True))
    return doc, engine.lint(doc)


def _original_span(doc: Document, finding: Finding) -> str:
    start = doc.line_starts[finding.line - 1] + finding.column - 1
    end = doc.line_starts[finding.end_line - 1] + finding.end_column - 1
    return doc.text[start:end]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_positions(demo_engine, name):
    doc, findings = _lint_file(demo_engine, SOURCES / name)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == GOLDEN[name]
    for finding in findings:
        assert _original_span(doc, finding) == finding.match


def test_legacy_encoding_is_noted(demo_engine):
    result = lint_paths([str(SOURCES / "legacy-cp1252.txt")], engine=demo_engine)
    assert result.notes == [f"{SOURCES / 'legacy-cp1252.txt'}: not valid UTF-8, read as Windows-1252"]


def _sentences(doc: Document) -> list[str]:
    return [" ".join(doc.lintable[s:e].split()) for s, e in doc.sentences]


def test_block_structure_separates_sentences():
    heading = "Stem cell therapy at the Springfield Regenerative Medicine Center"
    paragraph = "helps with knee pain for most of our patients"
    markdown = read_text(f"# {heading}\n{paragraph}\n", "page.md")
    html = read_text(f"<h1>{heading}</h1><p>{paragraph}</p>", "page.html")
    assert _sentences(markdown) == _sentences(html) == [heading, paragraph]
    # As plain text the long heading line reads as hard-wrapped prose: one sentence.
    assert len(_sentences(read_text(f"{heading}\n{paragraph}\n", "page.txt"))) == 1


def test_markdown_lists_tables_and_front_matter_are_blocks():
    text = "---\ntitle: One\nsummary: 'Two'\n---\n- Three\n- Four\n\n| Five | Six |\n|---|---|\n| Seven | Eight |\n"
    assert _sentences(read_text(text, "a.md")) == ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"]


def test_markdown_masks_code_urls_comments_and_markup(demo_engine):
    text = (
        "See <https://x.example/cures> and www.cures.example/cured.\n"
        "Run `it cures` now. <!-- it cures\nall --> [docs][ref] and [cure-all](https://x.example/cure).\n"
        "[ref]: https://x.example/cures 'cures'\n\n"
        "~~~\nit cures\n~~~\n\n"
        "<pre>it cures</pre>\n\n"
        "import Cure from './cures'\n\n"
        "{/* it cures */} <pre>it cures</preface> it cures</pre>\n"
    )
    doc = read_text(text, "page.mdx")
    assert "cures" not in doc.lintable and "cured" not in doc.lintable
    assert [f.match for f in demo_engine.lint(doc)] == ["cure"]  # the link text "cure-all"


def test_html_masks_scripts_styles_code_comments_and_other_attributes():
    text = (
        "<html><head><script>cures()</script><style>.cures{}</style></head><body>"
        "<p data-x='cures'>A <code>cures</code> <pre>cures</pre><!-- cures --> <a href='/cures'>B</a></p>"
        "<template>cures</template></body></html>"
    )
    assert "cures" not in read_text(text, "page.htm").lintable


def test_html_survives_broken_markup(demo_engine):
    text = "</p></div><p>It <b>cures <i>pain</p></b></x>" + "<div>" * 5000 + "& more </ <! <? &#; &#x; &zz;"
    findings = lint_text(text, "broken.html", engine=demo_engine)
    assert [(f.rule, f.column) for f in findings] == [("demo/cures", text.index("cures") + 1)]


def test_plain_text_masks_copylint_directive_lines(demo_engine):
    text = "# copylint-disable-next-line demo/cures -- it cures nothing\nIt is fine.\n  #copylint-enable demo/cures\n"
    assert lint_text(text, "notes.txt", engine=demo_engine) == []
    assert lint_text("# Why it cures\n", "notes.txt", engine=demo_engine)  # an ordinary comment is text


def test_lint_text_picks_the_reader_by_suffix(demo_engine):
    text = "<p>It cures pain.</p><!-- FDA approved -->"
    assert len(lint_text(text, "page.html", engine=demo_engine)) == 1
    assert len(lint_text(text, "page.txt", engine=demo_engine)) == 2


def test_offset_maps_compose_with_invisible_character_removal(demo_engine):
    text = "<p>Caf&eacute;: no compli&shy;cations.</p>"
    [finding] = lint_text(text, "page.html", engine=demo_engine)
    assert (finding.column, finding.match) == (text.index("no compli") + 1, "no compli&shy;cations")


def test_masking_keeps_offsets_unless_lengths_change():
    text = "ab <i>c</i> d\nS<b>x</b>y"
    same, offsets, *_ = apply(text, [Hide(3, 6), Hide(7, 11)])
    assert same == "ab    c     d\nS<b>x</b>y" and offsets is None
    # A decoded span, a block break in a one-character span, markup inside a word: lengths change.
    joined, offsets, *_ = apply(text, [Hide(15, 18), Hide(19, 23), Hide(13, 14, block=True)], [Decode(0, 2, "A")])
    assert joined == "A <i>c</i> d\n\nSxy"
    assert offsets is not None and "".join(text[i] for i in dense(offsets)[:-1]) == "a <i>c</i> d\n\nSxy"
    assert dense(offsets)[-1] == len(text)


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Knee clinic: no complications"
    document.add_heading("Stem cell therapy at the Springfield Regenerative Medicine Center", 1)
    document.add_paragraph("helps with knee pain for most of our patients.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Results"
    table.cell(1, 0).text = "PRP"
    table.cell(1, 1).text = "Safe, with no adverse effects"
    paragraph = document.add_paragraph("Line one\nand no side")
    paragraph.add_run(" effects at all.")
    document.sections[0].footer.paragraphs[0].text = "It cures pain."
    document.save(path)
    return path


def test_docx_lines_are_paragraphs_in_document_order(demo_engine, tmp_path):
    doc, findings = _lint_file(demo_engine, _docx(tmp_path / "draft.docx"))
    assert doc.text.split("\n") == [
        "Knee clinic: no complications",
        "Stem cell therapy at the Springfield Regenerative Medicine Center",
        "helps with knee pain for most of our patients.",
        "Results",
        "PRP",
        "Safe, with no adverse effects",
        "Line one and no side effects at all.",
        "It cures pain.",
    ]
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("demo/no-harms", 1, 14, "no complications"),  # header
        ("demo/no-harms", 6, 12, "no adverse effects"),  # table cell
        ("demo/no-harms", 7, 14, "no side effects"),  # across runs, after a soft line break
        ("demo/cures", 8, 4, "cures"),  # footer
    ]


def test_docx_without_python_docx_is_skipped_with_a_hint(monkeypatch, tmp_path):
    path = _docx(tmp_path / "draft.docx")
    monkeypatch.setattr(docx_reader, "docx", None)
    result = CliRunner().invoke(main, ["--no-builtin", "--rules", str(PACKS / "demo.yaml"), str(tmp_path)])
    assert result.exit_code == 0
    assert f"copylint: note: {path}: {docx_reader.MISSING}" in result.output
    assert "pip install copylint[docx]" in docx_reader.MISSING and "Traceback" not in result.output


def test_a_broken_docx_is_skipped(tmp_path):
    (tmp_path / "fake.docx").write_bytes(b"not a zip file")
    with pytest.raises(SkippedFile, match=r"fake\.docx: skipped, not a readable Word document"):
        read_document(Source(str(tmp_path / "fake.docx"), True))


def test_folders_pick_up_every_supported_format(tmp_path):
    for name in ("a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "f.txt", "g.docx", "h.png", "i.pdf"):
        (tmp_path / name).write_bytes(b"x")
    sources, _, _ = discover([str(tmp_path)])
    assert [Path(s.path).name for s in sources] == ["a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "f.txt", "g.docx"]
    assert ".docx" not in BINARY_SUFFIXES


def test_a_folder_that_cannot_be_listed_is_a_note_and_the_rest_is_linted(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text("x")
    (tmp_path / "page.txt").write_text("x")
    real_scandir = os.scandir

    def scandir(path):  # as for a folder without read permission (tests may run as root, who can read it)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    sources, errors, notes = discover([str(tmp_path)])
    assert [Path(s.path).name for s in sources] == ["page.txt"] and errors == []
    assert notes == [f"{tmp_path / 'locked'}: skipped, cannot list folder: Permission denied"]


def test_plain_text_runs_import_no_format_reader(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("It cures pain.\n")
    code = (
        "import sys; from linter import lint_paths, load_engine; "
        f"lint_paths([{str(page)!r}], engine=load_engine([{str(PACKS / 'demo.yaml')!r}], builtin=False)); "
        "print(sorted({'linter.readers.markdown', 'linter.readers.html', 'linter.readers.docx', 'html.parser', 'docx'}"
        " & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_masking_millions_of_markdown_escapes_keeps_one_small_record_per_span():
    """`\\!` repeated: a hidden span per escape. Spans are slotted records, matches are not kept in
    a list, and the lintable text is built without a tuple per stretch: 186 bytes per input
    character of peak memory before, about 130 now (an escape's span record is most of it)."""
    import tracemalloc

    from linter.readers import markdown

    text = "\\!" * 200_000
    tracemalloc.start()
    try:
        masked = markdown.mask(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert masked.lintable == " !" * 200_000
    assert peak / len(text) < 150
