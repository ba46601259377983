import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from linter.cli import main

from conftest import FIXTURES, PACKS, ROOT

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"  # the OASIS schema (see its README)
# RFC 3986: a URI has a scheme; a URI reference may be relative. Checked here because jsonschema
# checks the "uri" formats only when optional packages are installed.
_URI_CHARS = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*:{_URI_CHARS}")
_RELATIVE_REF = re.compile(rf"(?![^/?#]*:){_URI_CHARS}")
SARIF_FORMATS = jsonschema.FormatChecker(formats=())
SARIF_FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.fullmatch(value)))
SARIF_FORMATS.checks("uri-reference")(
    lambda value: not isinstance(value, str) or bool(_URI.fullmatch(value) or _RELATIVE_REF.fullmatch(value))
)


def _validate_sarif(log: dict) -> None:
    """Against the OASIS schema, with its URI formats checked too."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=SARIF_FORMATS).validate(log)


@pytest.fixture
def page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("site").mkdir()
    Path("site/page one.md").write_text(
        "Welcome, 100%.\nOur FDA-approved therapy cures pain.\n"
        "<!-- copylint-disable-next-line demo/no-harms -- quoting a regulator -->\nNo side effects.\n",
        encoding="utf-8",
    )
    return "site/page one.md"


def _run(*args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(main, [*DEMO, *args])


def test_sarif_validates_against_the_oasis_schema(page):
    result = _run("--format", "sarif", page)
    log = json.loads(result.stdout)
    _validate_sarif(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["demo/cures"]["shortDescription"]["text"] == "Cure claim."
    assert rules["demo/cures"]["defaultConfiguration"]["level"] == "error"
    assert "Responses differ between patients." in rules["demo/cures"]["help"]["text"]
    [cures] = [r for r in run["results"] if r["ruleId"] == "demo/cures"]
    location = cures["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "site/page%20one.md"
    assert location["region"] == {
        "startLine": 2,
        "startColumn": 26,
        "endLine": 2,
        "endColumn": 31,
        "snippet": {"text": "cures"},
    }
    assert cures["partialFingerprints"]["copylintFingerprint/v1"]
    [waived] = [r for r in run["results"] if r["ruleId"] == "demo/no-harms"]
    assert waived["suppressions"] == [{"kind": "inSource", "justification": "quoting a regulator"}]


@pytest.fixture
def site_with_notes(tmp_path, monkeypatch):
    """The seed pages, waivers (with and without a reason, and one that waives nothing), a binary file
    and a page on which a pathological pattern times out."""
    monkeypatch.chdir(tmp_path)
    site = Path("site")
    site.mkdir()
    for seed in sorted((FIXTURES / "seeds").glob("*.txt")):
        shutil.copy(seed, site / seed.name)
    (site / "waived.md").write_text(
        "<!-- copylint-disable-next-line safety-absolute -- quotes the FDA warning letter -->\n"
        "There are no side effects.\n\n"
        "<!-- copylint-disable-next-line fda-status -->\nOur therapy is FDA approved.\n\n"
        "<!-- copylint-disable-next-line endorsement-testimonial -- nothing to waive here -->\n"
        "Our clinic opens at nine.\n",
        encoding="utf-8",
    )
    (site / "logo.txt").write_bytes(b"GIF89a\x00\x01binary")
    (site / "slow.txt").write_text("It cures pain. " + "a" * 60 + "!\n")
    return site


def _sarif_with_builtin_packs(*paths: str) -> tuple[dict, int]:
    slow = ["--rules", str(PACKS / "catastrophic.yaml"), "--regex-timeout", "0.2"]
    result = CliRunner().invoke(main, ["--format", "sarif", *slow, *paths])
    return json.loads(result.stdout), result.exit_code


def test_sarif_with_the_builtin_packs_suppressions_and_notes_validates(site_with_notes):
    log, exit_code = _sarif_with_builtin_packs(str(site_with_notes))
    _validate_sarif(log)
    assert exit_code == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"].split("/")[0] for r in rules} >= {"safety-absolute", "fda-status", "copylint"}
    for rule in rules:
        tags = rule.get("properties", {}).get("tags", [])
        assert len(tags) == len(set(tags)), rule["id"]
    waived = [r for r in run["results"] if "suppressions" in r]
    assert {w["suppressions"][0]["justification"] for w in waived} >= {"quotes the FDA warning letter"}
    assert {r["ruleId"] for r in run["results"]} >= {
        "copylint/suppression-without-reason",
        "copylint/unused-suppression",
    }
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert all(n["level"] == "note" for n in invocation["toolExecutionNotifications"])
    assert any(n.startswith("site/logo.txt: skipped, binary file") for n in notes), notes
    assert any(n.startswith("site/slow.txt: rule slow/backtracking timed out") for n in notes), notes


def test_sarif_records_errors_as_an_unsuccessful_invocation(site_with_notes):
    log, exit_code = _sarif_with_builtin_packs(str(site_with_notes / "waived.md"), "site/missing.md")
    _validate_sarif(log)
    assert exit_code == 2
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [error] = invocation["toolExecutionNotifications"]
    assert error["level"] == "error" and error["message"]["text"].startswith("site/missing.md: ")


def test_sarif_of_a_clean_run_has_a_successful_invocation_without_notifications(tmp_path):
    page = tmp_path / "clean.txt"
    page.write_text("Our clinic opens at nine.\n")
    log = json.loads(CliRunner().invoke(main, ["--format", "sarif", str(page)]).stdout)
    _validate_sarif(log)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    assert log["runs"][0]["results"] == []


def test_sarif_help_uri_comes_from_the_first_reference(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("There are no side effects.\n")
    log = json.loads(CliRunner().invoke(main, ["--format", "sarif", "--select", "safety-absolute", str(page)]).stdout)
    descriptor = next(
        r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "safety-absolute/no-side-effects"
    )
    assert descriptor["helpUri"].startswith("https://")


def test_github_annotations_escape_properties_and_data(page):
    result = _run("--format", "github", page)
    lines = result.stdout.splitlines()
    assert (
        "::warning file=site/page one.md,line=2,col=5,endLine=2,endColumn=17,title=copylint demo/fda-approved"
        "::FDA approval claim.%0ASuggested wording: Ask whether the FDA has reviewed this treatment." in lines
    )
    assert any(line.startswith("::error file=site/page one.md,line=2,col=26") for line in lines)


def test_github_format_is_automatic_under_github_actions(page):
    assert _run(page, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::")
    assert not _run(page, env={"GITHUB_ACTIONS": ""}).stdout.startswith("::")


def test_statistics_counts_per_rule_and_category(page):
    result = _run("--statistics", page)
    assert "     1  demo/cures  Cure claim." in result.stdout
    assert "     1  efficacy-guarantee" in result.stdout
    assert "     2  total in 1 files" in result.stdout
    assert result.exit_code == 1


def test_exit_zero_reports_without_failing(page):
    result = _run("--exit-zero", page)
    assert result.exit_code == 0 and "demo/cures" in result.stdout
    assert _run("--exit-zero", "missing.md").exit_code == 2


def test_sarif_carries_a_rules_replacement_as_a_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text("It is totally safe. A breakthrough.\n", encoding="utf-8")
    fixes = ["--no-builtin", "--rules", str(PACKS / "fixes.yaml")]
    log = json.loads(CliRunner().invoke(main, [*fixes, "--format", "sarif", "page.txt"]).stdout)
    _validate_sarif(log)
    by_rule = {r["ruleId"]: r["fixes"][0] for r in log["runs"][0]["results"]}
    safe = by_rule["fixes/completely-safe"]
    assert safe["properties"] == {"safe": True}
    [change] = safe["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "page.txt"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 19},
            "insertedContent": {"text": "generally well tolerated"},
        }
    ]
    assert by_rule["fixes/breakthrough"]["properties"] == {"safe": False}
