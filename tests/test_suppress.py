import json

from click.testing import CliRunner

from linter import lint_paths, load_engine
from linter.cli import main

from conftest import PACKS

ENGINE = load_engine([PACKS / "demo.yaml"], builtin=False)


def _lint(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_paths([str(path)], ENGINE)


def test_disable_next_line_with_reason_in_html_comment(tmp_path):
    result = _lint(
        tmp_path,
        "page.md",
        "<!-- copylint-disable-next-line demo/cures -- quoting the FTC complaint -->\nIt cures pain.\nIt cures pain.\n",
    )
    assert [(f.rule, f.line) for f in result.findings] == [("demo/cures", 3)]
    [waived] = result.suppressed
    assert (waived.finding.line, waived.reason, waived.directive_line) == (2, "quoting the FTC complaint", 1)


def test_hash_comment_directives_in_text_and_category_selectors(tmp_path):
    text = (
        "# copylint-disable efficacy-guarantee -- regulator's examples\n"
        "It cures pain.\n"
        "It cures arthritis.\n"
        "# copylint-enable efficacy-guarantee\n"
        "It cures everything.\n"
    )
    result = _lint(tmp_path, "page.txt", text)
    assert [(f.rule, f.line) for f in result.findings] == [("demo/cures", 5)]
    assert len(result.suppressed) == 2


def test_disable_file(tmp_path):
    text = "It cures pain. It is FDA approved.\n<!-- copylint-disable-file demo -- archived page, not published -->\n"
    result = _lint(tmp_path, "page.md", text)
    assert result.findings == []
    assert {s.finding.rule for s in result.suppressed} == {"demo/cures", "demo/fda-approved"}


def test_directive_without_reason_still_suppresses_but_is_reported(tmp_path):
    result = _lint(tmp_path, "page.md", "<!-- copylint-disable-next-line demo/cures -->\nIt cures pain.\n")
    assert [(f.rule, f.line, f.severity) for f in result.findings] == [
        ("copylint/suppression-without-reason", 1, "warning")
    ]
    assert len(result.suppressed) == 1


def test_unused_directive_is_reported(tmp_path):
    result = _lint(tmp_path, "page.md", "<!-- copylint-disable-next-line demo/cures -- stale -->\nAll good here.\n")
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("copylint/unused-suppression", 1, 1)]


def test_directive_only_waives_the_named_rule(tmp_path):
    result = _lint(
        tmp_path, "page.md", "<!-- copylint-disable-next-line demo/cures -- ok -->\nFDA approved. It cures.\n"
    )
    assert [f.rule for f in result.findings] == ["demo/fda-approved"]


def test_json_lists_suppressed_findings_with_reasons(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- copylint-disable-next-line demo/cures -- legal approved 2026-03 -->\nIt cures pain.\n")
    result = CliRunner().invoke(
        main, ["--no-builtin", "--rules", str(PACKS / "demo.yaml"), "--format", "json", str(page)]
    )
    payload = json.loads(result.stdout)
    assert result.exit_code == 0
    assert payload["suppressed"][0]["reason"] == "legal approved 2026-03"
    assert payload["suppressed"][0]["finding"]["rule"] == "demo/cures"
    assert payload["summary"]["suppressed"] == 1
