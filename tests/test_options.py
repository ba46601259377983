"""The everyday options linter users expect: --output, --quiet, --min-severity, --color (with
NO_COLOR and FORCE_COLOR), -V, --format concise, JSON from --list-rules and --statistics, "did you
mean" for unknown names, and shell completion."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import __version__
from linter.cli import main

from conftest import PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
ESC = "\x1b["


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Welcome.\nOur FDA-approved therapy cures pain.\n", encoding="utf-8")
    return str(path)


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [*DEMO, *args], env=env)


def test_output_writes_the_report_to_a_file(page, tmp_path):
    target = tmp_path / "report.json"
    result = _run("--format", "json", "--output", str(target), page)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["findings"]) == 2


def test_output_to_a_folder_that_does_not_exist_is_an_error(page, tmp_path):
    result = _run("-o", str(tmp_path / "missing" / "report.txt"), page)
    assert result.exit_code == 2 and "cannot write output" in result.stderr


def test_quiet_prints_findings_only(page, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\0\0")
    result = _run("-q", page, str(tmp_path / "logo.png"))
    assert result.exit_code == 1 and "demo/cures" in result.stdout
    assert "Found" not in result.stdout and result.stderr == ""
    assert "No findings" not in _run("--quiet", "--select", "demo/no-harms", page).stdout


def test_min_severity_hides_and_does_not_count_lower_findings(page):
    result = _run("--format", "json", "--min-severity", "error", page)
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error"]
    shown = _run("--format", "json", "--min-severity", "error", "--fail-on", "warning", page)
    assert shown.exit_code == 1  # the error still fails the run
    warnings_only = _run("--min-severity", "error", "--select", "demo/fda-approved", page)
    assert warnings_only.exit_code == 0 and "No findings in 1 file." in warnings_only.stdout


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        ([], {}, False),  # not a terminal
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the option beats the environment
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": ""}, False),  # set but empty counts as unset
    ],
)
def test_color_option_and_environment(page, args, env, colored):
    base = {"NO_COLOR": "", "FORCE_COLOR": ""}
    assert (ESC in _run(*args, page, env={**base, **env}).stdout) is colored


def test_color_never_reaches_json(page):
    assert ESC not in _run("--color", "always", "--format", "json", page).stdout


def test_short_version_flag():
    result = CliRunner().invoke(main, ["-V"])
    assert result.exit_code == 0 and result.stdout == f"copylint, version {__version__}\n"


def test_concise_format_is_one_line_per_finding(page):
    result = _run("--format", "concise", page)
    lines = result.stdout.splitlines()
    assert lines == [
        f"{page}:2:5: warning demo/fda-approved FDA approval claim.",
        f"{page}:2:26: error demo/cures Cure claim.",
        "Found 2 findings (1 error, 1 warning) in 1 file.",
    ]
    assert result.exit_code == 1


def test_list_rules_as_json():
    result = _run("--list-rules", "--format", "json")
    rules = json.loads(result.stdout)["rules"]
    assert result.exit_code == 0
    cures = next(r for r in rules if r["id"] == "demo/cures")
    assert cures["pack"] == "demo" and cures["severity"] == "error" and cures["message"] == "Cure claim."


def test_statistics_as_json(page):
    result = _run("--statistics", "--format", "json", page)
    payload = json.loads(result.stdout)
    assert payload["findings"] == 2 and payload["files"] == 1
    assert {"rule": "demo/cures", "message": "Cure claim.", "count": 1} in payload["rules"]
    assert {"category": "efficacy-guarantee", "count": 1} in payload["categories"]


def test_did_you_mean_for_unknown_names(page):
    explained = _run("--explain", "demo/cure")
    assert explained.exit_code == 2 and "unknown rule 'demo/cure' (did you mean 'demo/cures'?)" in explained.stderr
    ignored = _run("--ignore", "demo/fda-aproved", page)
    assert "(did you mean 'demo/fda-approved'?)" in ignored.stderr
    assert "did you mean" not in _run("--select", "zzzz", page).stderr


def test_bash_completion_script_from_the_console_script():
    script = Path(sys.executable).parent / "copylint"
    env = {**os.environ, "_COPYLINT_COMPLETE": "bash_source"}
    out = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=True).stdout
    assert "_copylint_completion" in out and "complete " in out
