import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from linter.cli import main

from conftest import PACKS, ROOT

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


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


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="the OASIS SARIF schema lives in ../shared")
def test_sarif_validates_against_the_oasis_schema(page):
    result = _run("--format", "sarif", page)
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
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
