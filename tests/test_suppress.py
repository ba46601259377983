import json
import random

import pytest
from click.testing import CliRunner

from linter import lint_paths, load_engine
from linter.cli import main
from linter.filters.suppress import apply_directives, parse_directives
from linter.readers import read_text

from conftest import PACKS, best_time

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


def _found(result):
    return [(f.rule, f.line) for f in result.findings]


def test_a_misspelt_directive_is_an_error_not_a_disable_to_the_end(tmp_path):
    text = "# copylint-disable-nextline demo/cures -- typo\nIt cures pain.\nIt cures arthritis.\n"
    result = _lint(tmp_path, "page.txt", text)
    assert _found(result) == [("copylint/unknown-directive", 1), ("demo/cures", 2), ("demo/cures", 3)]
    assert result.findings[0].severity == "error" and result.suppressed == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("fenced.md", "```\n<!-- copylint-disable-file demo -- sample -->\n# copylint-disable demo\n```\nIt cures.\n"),
        ("heading.md", "# copylint-disable demo -- a visible heading\n\nIt cures pain.\n"),
        ("script.html", '<script>var s = "<!-- copylint-disable-file demo -- x -->";</script><p>It cures pain.</p>'),
        ("attribute.html", '<p data-x="<!-- copylint-disable-file demo -- x -->">It cures pain.</p>'),
        ("script.md", '<script>\nvar s = "<!-- copylint-disable-file demo -- x -->";\n</script>\n\nIt cures pain.\n'),
    ],
)
def test_directives_count_only_in_real_comments(tmp_path, name, text):
    result = _lint(tmp_path, name, text)
    assert "demo/cures" in [f.rule for f in result.findings] and result.suppressed == []


def test_a_real_html_comment_still_suppresses(tmp_path):
    text = "<p>Intro.</p>\n<!-- copylint-disable-next-line demo/cures -- quoting the FTC -->\n<p>It cures pain.</p>\n"
    result = _lint(tmp_path, "page.html", text)
    assert result.findings == [] and len(result.suppressed) == 1


def test_an_unknown_selector_is_an_error_finding_and_known_ones_still_apply(tmp_path):
    text = "<!-- copylint-disable-next-line demo/cure demo/fda-approved -- quoted -->\nIt cures pain. FDA approved.\n"
    result = _lint(tmp_path, "page.md", text)
    assert _found(result) == [("copylint/unknown-selector", 1), ("demo/cures", 2)]
    assert "'demo/cure'" in result.findings[0].message and result.findings[0].severity == "error"
    assert [s.finding.rule for s in result.suppressed] == ["demo/fda-approved"]


def test_enable_naming_the_pack_ends_a_rule_level_disable(tmp_path):
    text = (
        "<!-- copylint-disable demo/cures -- quoted -->\nIt cures pain.\n<!-- copylint-enable demo -->\n"
        "It cures arthritis.\n"
    )
    result = _lint(tmp_path, "page.md", text)
    assert _found(result) == [("demo/cures", 4)] and len(result.suppressed) == 1


def test_enable_of_one_rule_leaves_the_rest_of_a_pack_disabled(tmp_path):
    text = (
        "<!-- copylint-disable demo -- quoted -->\nIt cures pain.\n<!-- copylint-enable demo/cures -->\n"
        "It cures arthritis. FDA approved.\n"
    )
    result = _lint(tmp_path, "page.md", text)
    assert _found(result) == [("demo/cures", 4)]
    assert sorted(s.finding.rule for s in result.suppressed) == ["demo/cures", "demo/fda-approved"]


def test_hash_directives_in_cr_only_files_are_applied_and_reported(tmp_path):
    text = "Intro.\r# copylint-disable-next-line demo/cures -- quoted\rIt cures.\r#copylint-disable-next-line demo\r"
    result = _lint(tmp_path, "page.txt", text)
    assert _found(result) == [("copylint/suppression-without-reason", 4), ("copylint/unused-suppression", 4)]
    assert [(s.finding.line, s.directive_line) for s in result.suppressed] == [(3, 2)]


def _waived(name: str, text: str) -> tuple[list[tuple[str, int]], list[tuple[int, int]]]:
    doc = read_text(text, name)
    outcome = apply_directives(doc, ENGINE.lint(doc), ENGINE.rules)
    return _found(outcome), [(s.finding.line, s.directive_line) for s in outcome.suppressed]


def _first_waiver_by_scanning_all(name: str, text: str) -> list[tuple[int, int]]:
    """What the directives should waive, worked out the slow way: each finding is waived by the first
    directive in the page that covers its line and names its rule, a disable ending at the first
    later enable naming it."""
    doc = read_text(text, name)
    directives = parse_directives(doc)
    enables = [d for d in directives if d.kind == "enable"]

    def names(d, f):
        return not d.selectors or any(s in (f.rule, f.rule.split("/")[0], f.category) for s in d.selectors)

    def covers(d, f):
        if d.kind == "enable" or not (d.first_line <= f.line <= d.last_line and names(d, f)):
            return False
        end = next((e.line for e in enables if e.start > d.start and names(e, f)), None)
        return d.kind != "disable" or end is None or f.line <= end

    waived = []
    for finding in ENGINE.lint(doc):
        waiver = next((d for d in directives if covers(d, finding)), None)
        if waiver is not None:
            waived.append((finding.line, waiver.line))
    return sorted(waived)


@pytest.mark.parametrize("seed", range(30))
def test_each_finding_is_waived_by_the_first_directive_that_covers_it(seed):
    rng = random.Random(seed)
    kinds = ["disable-next-line", "disable", "enable", "disable-file"]
    selectors = ["", "demo", "demo/cures", "demo/fda-approved", "efficacy-guarantee", "demo/cures demo/no-harms"]
    claims = ["It cures pain.", "FDA approved.", "It cures arthritis. FDA approved.", "Nothing here.", ""]
    lines = []
    for _ in range(rng.randint(1, 25)):
        if rng.random() < 0.4:
            kind = rng.choice(kinds[:3] if rng.random() < 0.9 else kinds)
            lines.append(f"<!-- copylint-{kind} {rng.choice(selectors)} -- r -->" * rng.randint(1, 2))
        else:
            lines.append(rng.choice(claims))
    text = "\n".join(lines) + "\n"
    assert sorted(_waived("page.md", text)[1]) == _first_waiver_by_scanning_all("page.md", text), text


@pytest.mark.parametrize(
    "page",
    [
        # one disable-next-line per claim: each finding used to try every waiver before it
        lambda n: "# copylint-disable-next-line demo/cures -- quoted\nIt cures pain.\n" * n,
        # disables never enabled, each followed by a claim: every one but the first suppresses nothing
        lambda n: "<!-- copylint-disable demo/cures -- quoted -->\nIt cures pain.\n\n" * n,
        # directives on one line before many blank lines: each looked for the next non-blank line alone
        lambda n: "<!-- copylint-disable-next-line demo/cures -- quoted -->" * n + "\n" * n + "It cures pain.\n",
    ],
    ids=["next-line per claim", "unclosed disables", "one line then blanks"],
)
def test_thousands_of_directives_cost_linear_time(page):
    """4 times the directives take about 4 times as long (16 times if quadratic)."""

    def seconds(n: int) -> float:
        doc = read_text(page(n), "page.md" if page(1).startswith("<") else "page.txt")
        findings = ENGINE.lint(doc)
        return best_time(lambda: apply_directives(doc, findings, ENGINE.rules))

    assert seconds(4000) / seconds(1000) < 8


UNUSED_PAGE = "<!-- copylint-disable-next-line demo/cures -- stale -->\nAll good here.\n"
DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]


def _cli(*args: str):
    return CliRunner().invoke(main, [*DEMO, *args])


def test_meta_rules_can_be_explained_and_listed():
    explained = _cli("--explain", "copylint/unused-suppression")
    assert explained.exit_code == 0, explained.output
    assert "copylint/unused-suppression  (suppression, warning)" in explained.stdout
    assert "Remove the directive" in explained.stdout
    listed = _cli("--list-rules").stdout
    for rule in ("unused-suppression", "suppression-without-reason", "unknown-directive", "unknown-selector"):
        assert f"copylint/{rule}" in listed


def test_unused_suppression_hint_says_to_remove_it(tmp_path):
    [finding] = _lint(tmp_path, "page.md", UNUSED_PAGE).findings
    assert finding.suggestion.startswith("Remove the directive") and "reason" not in finding.suggestion


@pytest.mark.parametrize("ignore", ["copylint/unused-suppression", "copylint", "suppression"])
def test_meta_rules_can_be_ignored_by_id_pack_or_category(tmp_path, ignore):
    (tmp_path / "page.md").write_text(UNUSED_PAGE)
    assert _cli("--ignore", ignore, str(tmp_path / "page.md")).exit_code == 0
    assert _cli(str(tmp_path / "page.md")).exit_code == 1


def test_meta_rules_are_selected_like_any_rule(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- copylint-disable-next-line -- stale -->\nAll good here.\nIt cures pain.\n")

    def found(*args: str) -> list[str]:
        return [f["rule"] for f in json.loads(_cli("--format", "json", *args, str(page)).stdout)["findings"]]

    assert found("--select", "demo") == ["demo/cures"]
    assert found("--select", "copylint/unused-suppression") == ["copylint/unused-suppression"]
    unknown = _cli("--ignore", "copylint/unused-supression", str(page))
    assert unknown.exit_code == 2 and "(did you mean 'copylint/unused-suppression'?)" in unknown.stderr


def test_meta_rules_in_config_severity_and_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(UNUSED_PAGE)
    (tmp_path / "legal.md").write_text(UNUSED_PAGE)
    (tmp_path / ".copylint.yaml").write_text(
        "severity: {copylint/unused-suppression: error}\nper-file-ignores: {legal.md: [copylint/unused-suppression]}\n"
    )
    result = _cli("--format", "json", "page.md", "legal.md")
    assert [(f["path"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [("page.md", "error")]


def test_meta_findings_are_baselined(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text(
        UNUSED_PAGE + "<!-- copylint-disable-next-line demo/cures -->\nIt cures pain.\n<!-- copylint-nonsense -->\n"
    )
    baseline, site = str(tmp_path / "b.json"), str(tmp_path / "site")
    findings = json.loads(_cli("--format", "json", site).stdout)["findings"]
    assert len(findings) == 3 and all(f.get("fingerprint") for f in findings)
    assert _cli("--write-baseline", baseline, site).exit_code == 0
    assert _cli("--baseline", baseline, site).exit_code == 0
