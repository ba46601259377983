"""The reports people read: --format html (a self-contained page) and --format markdown (a
pull-request comment), and the reader's view of a page they are built on."""

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.api import lint_paths, load_engine
from linter.cli import main
from linter.findings import Finding, LintResult
from linter.readers import read_text
from linter.report import html, markdown
from linter.text.view import FULL_TEXT_CHARS, reader_view

from conftest import FIXTURES, PACKS, ROOT

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
GOLDEN = FIXTURES / "golden" / "report.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def demo():
    return load_engine([PACKS / "demo.yaml"], builtin=False)


def marked_words(view):
    return [passage.text[m.start : m.end] for passage in view.passages for m in passage.marks]


def spans(findings):
    return [(f.line, f.column, f.end_line, f.end_column, f.rule) for f in findings]


def test_the_view_shows_visible_words_closed_up_with_each_finding_marked(demo):
    doc = read_text(
        "<html><body>\n<h1>Hi</h1>\n\n\n<p>Exosomes help with   <b>arthritis</b>.</p>\n</body></html>", "a.html"
    )
    findings = demo.lint(doc)
    view = reader_view(doc, spans(findings))
    assert view.passages[0].text == "Hi\n\nExosomes help with arthritis ."
    assert marked_words(view) == ["Exosomes help with arthritis"]


def test_a_large_page_is_cut_to_the_paragraphs_around_its_findings(demo):
    filler = "\n\n".join(f"Paragraph {i} is about booking a visit." for i in range(2000))
    text = filler + "\n\nIt cures pain.\n\n" + filler + "\n\nThere are no side effects.\n\n" + filler
    assert len(text) > FULL_TEXT_CHARS
    doc = read_text(text, "big.txt")
    view = reader_view(doc, spans(demo.lint(doc)))
    assert [p.gap_before for p in view.passages] == [True, True]
    assert marked_words(view) == ["cures", "no side effects"]
    assert sum(len(p.text) for p in view.passages) < 300  # the finding's paragraph and one each side


@pytest.fixture(scope="module")
def report_result(demo):
    return lint_paths([str(FIXTURES / "report")], demo, views=True)


def test_html_is_one_self_contained_page(report_result):
    page = html.render(report_result)
    assert "default-src 'none'" in page  # the browser itself refuses any request
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=", page)
    assert page.count("<style>") == 1 and page.count("<script>") == 1


def test_html_marks_every_finding_and_shows_waivers_with_their_reason(report_result):
    page = html.render(report_result)
    findings, waived = len(report_result.findings), len(report_result.suppressed)
    assert (findings, waived) == (5, 1)
    assert page.count('<mark class="finding') == findings + waived
    assert page.count('<tr id="finding-') == findings + waived
    assert page.count("finding c-fda-status sev-warning waived") == 1
    assert "Waived: quoted from the FDA&#x27;s warning letter" in page
    assert '<article class="rule" id="rule-demo/cures"' in page  # the guidance, once per rule


def test_page_text_cannot_inject_markup_into_the_report(demo, tmp_path):
    plain = tmp_path / "<img src=x>.txt"
    plain.write_text('It cures pain. <script>alert(1)</script> "quoted" & more\n', encoding="utf-8")
    page = html.render(lint_paths([str(plain)], demo, views=True))
    assert "<script>alert(1)</script>" not in page and "<img src=x>" not in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt; "quoted" &amp; more' in page
    assert "&lt;img src=x&gt;.txt" in page


def test_markdown_matches_the_golden_file(monkeypatch):
    """Regenerate after an intended change: COPYLINT_UPDATE_GOLDEN=1 pytest tests/test_review_reports.py"""
    monkeypatch.chdir(ROOT)
    result = run(*DEMO, "--format", "markdown", "fixtures/report")
    assert result.exit_code == 1
    if os.environ.get("COPYLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_markdown_escapes_what_would_break_a_table():
    finding = Finding(
        "a|b.md", 1, 1, 1, 5, "demo/x", "safety-absolute", "error", "Say *no* | <b>", "no|`x`", "Use [this](u)"
    )
    page = markdown.render(LintResult(findings=[finding], files=1))
    row = next(line for line in page.splitlines() if line.startswith("| 1:1"))
    assert row.count(" | ") == 5  # six cells, whatever the text held
    assert "\\*no\\* \\| \\<b\\>" in row and "no\\|\\`x\\`" in row and "\\[this\\](u)" in row
    assert "<code>a|b.md</code>" in page


def test_markdown_with_no_findings_says_so(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Book a visit.\n", encoding="utf-8")
    result = run(*DEMO, "--format", "markdown", str(clean))
    assert result.exit_code == 0
    assert result.stdout == "## copylint report\n\n**No findings** in 1 file.\n"


def test_html_written_with_output_on_the_seed_pages(tmp_path):
    out = tmp_path / "report.html"
    result = run("--format", "html", "--output", str(out), str(FIXTURES / "seeds"))
    assert result.exit_code == 1 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    json_run = run("--format", "json", str(FIXTURES / "seeds"))
    total = len(__import__("json").loads(json_run.stdout)["findings"])
    assert page.count('<mark class="finding') == total


def test_the_report_assets_ship_in_the_package():
    assert {"html_report.css", "html_report.js"} <= {p.name for p in Path(html.__file__).parent.iterdir()}
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"linter.report" = ["*.css", "*.js"]' in pyproject


def test_both_reports_name_the_other_rules_that_flag_the_same_words(demo, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Stem cell therapy cures arthritis.\n", encoding="utf-8")
    result = lint_paths([str(page)], demo, views=True)
    [finding] = result.findings
    assert finding.related == ("demo/cures",)
    assert '<p class="related">Also: demo/cures</p>' in html.render(result)
    assert f"`{finding.rule}`<br>also `demo/cures` |" in markdown.render(result)
