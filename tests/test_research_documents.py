"""A document that reads as a research paper or abstract is not marketing copy: it gets a note, not
findings, unless the config asks for it to be linted; copy that sells is never read that way."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linter import load_engine
from linter.cli import main
from linter.engine.context import MAX_REFERENCE_ENTRY, is_citation, is_research, is_research_document
from linter.engine.run import RESEARCH_DOCUMENT_NOTE
from linter.readers import read_text

from conftest import FIXTURES

ABSTRACT = FIXTURES / "research" / "abstract.md"
ENGINE = load_engine(ignore=["learned"])
NOTE = "reads as a research paper or abstract"


def _findings(text: str, engine=ENGINE) -> tuple[list, list[str]]:
    doc = read_text(text, "page.md")
    return engine.lint(doc), doc.notes


def _reads_as_research(text: str) -> bool:
    doc = read_text(text, "page.md")
    return is_research_document(doc.lintable, doc.sentences)


def test_an_abstract_gets_a_note_and_no_findings():
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", str(ABSTRACT)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    assert f"{ABSTRACT}: {NOTE}" in result.stderr


def test_the_config_can_ask_for_research_documents_to_be_linted(tmp_path, monkeypatch):
    (tmp_path / ".copylint.yaml").write_text("research-documents: lint\n", encoding="utf-8")
    page = tmp_path / "abstract.md"
    page.write_text(ABSTRACT.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", "abstract.md"])
    assert result.exit_code == 1, result.output
    rules = {finding["rule"] for finding in json.loads(result.stdout)["findings"]}
    assert "unsubstantiated-evidence/studies-show" in rules
    assert NOTE not in result.stderr


def test_a_bad_research_documents_value_names_the_config_line(tmp_path, monkeypatch):
    (tmp_path / ".copylint.yaml").write_text("fail-on: error\nresearch-documents: maybe\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--no-cache", str(ABSTRACT)])
    assert result.exit_code == 2
    assert ".copylint.yaml:2" in result.stderr and "research-documents" in result.stderr


def test_the_setting_is_part_of_the_engine_fingerprint():
    assert load_engine().fingerprint != load_engine(research_documents=True).fingerprint


def test_copy_that_sells_is_never_read_as_research():
    abstract = ABSTRACT.read_text(encoding="utf-8")
    assert _reads_as_research(abstract)
    for selling in (
        "Contact the clinic to book a consultation.",  # a call to action at a sentence's start
        "Our team offers these injections.",
        "Ask whether you are a candidate.",
        "The injections cost $4,500 per knee.",  # a price
    ):
        page = f"{abstract}\n{selling}\n"
        assert not _reads_as_research(page), selling
        findings, notes = _findings(page)
        assert findings and not notes, selling


def test_a_short_snippet_citing_a_paper_is_still_linted():
    snippet = "Stem cells reverse osteoarthritis (Smith et al., 2019). Methods: see the paper."
    assert not _reads_as_research(snippet)
    findings, notes = _findings(snippet)
    assert any(f.category == "unapproved-use" for f in findings) and not notes


def test_a_large_research_document_linted_in_parts_has_one_note():
    doc = read_text(ABSTRACT.read_text(encoding="utf-8") * 1500, "big.md")
    assert len(doc.batches) > 1
    half = len(doc.batches) // 2
    parts = [ENGINE.lint_part(doc, 0, half), ENGINE.lint_part(doc, half, len(doc.batches))]
    assert ENGINE.combine(doc, parts) == []
    assert doc.notes == [f"big.md: {RESEARCH_DOCUMENT_NOTE}"]


def test_a_call_to_action_is_the_sellers_voice_wherever_its_sentence_starts():
    text = "Welcome to the clinic. Call now: a pilot study found stem cells ease knee pain."
    second = (text.index("Call"), len(text))
    assert not is_research(text, second)
    assert is_research(text, (text.index("a pilot"), len(text)))  # the same words, not spoken to the reader


REFERENCES = (  # one line each, as a page lists them
    "- Mora VM, Iban RMA, Heredia DJ, et al. Stem cell therapy in the management of rotator cuff disorders."
    " World J Stem Cells 2015; 7:691-699.",
    "- Hernigou P, Delambre J, et al. Mesenchymal stem cells improve healing and prevent further tears of the"
    " rotator cuff. Int Orthop 2014; 38:1811-1818.",
    "- Smith, J. A., and Jones, B. (2019). Stem cells repair knee cartilage in arthritis. J Knee Surg 12:3-9.",
)
REFERENCE_LIST_PAGE = (
    """# Bone Marrow Concentrate Therapy

BMAC therapy is an outpatient procedure performed in the office. It uses cells from the patient's own bone marrow.
The major benefits of this regenerative therapy are:

- May heal chronic injuries
- Alternative to surgical intervention

Dr. Lee has composed a list of resources for his patients.

"""
    + "\n".join(REFERENCES)
    + "\n"
)


def test_a_reference_list_neither_makes_a_page_research_nor_its_titles_claims():
    """Clinic pages list references too: an entry's "et al." says nothing about who wrote the page, and a
    cited paper's title is the paper's, not the page's claim. The page's own benefit list is still read."""
    assert not _reads_as_research(REFERENCE_LIST_PAGE)
    findings, notes = _findings(REFERENCE_LIST_PAGE)
    assert notes == []
    lines = sorted({f.line for f in findings})
    assert lines and all(line < 10 for line in lines), lines
    assert {f.match for f in findings} >= {"heal chronic injuries", "Alternative to surgical intervention"}


def test_a_paper_citing_in_its_prose_still_reads_as_research():
    text = ABSTRACT.read_text(encoding="utf-8")
    assert _reads_as_research(text)
    entry = "\n\n- Mora VM, Iban RMA, et al. A title. J 2015; 7:1-9.\n\n"
    assert _reads_as_research(text.replace("et al.", "et al." + entry, 1))


def test_a_reference_entry_is_one_short_line():
    entry = "Mora VM, Iban RMA, et al. Stem cells repair cartilage. J Stem Cells 2015; 7:691-699."
    title = (entry.index("Stem"), entry.index(" J Stem"))
    assert is_citation(entry, title)
    assert is_citation("Intro.\n" + entry + "\nMore.", (title[0] + 7, title[1] + 7))
    long_line = entry + " More prose." * (MAX_REFERENCE_ENTRY // 10)
    assert not is_citation(long_line, (len(long_line) - 11, len(long_line)))  # read as prose, not scanned whole
    assert not is_citation("Stem cells repair cartilage (Mora et al., 2015).", (0, 49))
