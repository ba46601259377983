import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.config import find_config, load_config
from linter.errors import CopylintError

from conftest import PACKS

CLAIM = "Our FDA-approved therapy cures pain.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A marketing repo with a page in a subfolder, run from inside that subfolder."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text(CLAIM)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "demo.yaml").write_text((PACKS / "demo.yaml").read_text())
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path


def _rules(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


def test_yaml_config_in_a_parent_folder_is_found_and_paths_are_relative_to_it(project):
    (project / ".copylint.yaml").write_text("rules: [packs/demo.yaml]\nselect: [demo]\nignore: [demo/cures]\n")
    assert find_config() == project / ".copylint.yaml"
    assert _rules("page.md") == ["demo/fda-approved"]


def test_pyproject_tool_table(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.copylint]\nrules = ["packs/demo.yaml"]\nselect = ["demo/cures"]\n'
    )
    assert _rules("page.md") == ["demo/cures"]


def test_command_line_overrides_the_file(project):
    (project / ".copylint.yaml").write_text("rules: [packs/demo.yaml]\nselect: [demo/cures]\n")
    assert _rules("--select", "demo/fda-approved", "page.md") == ["demo/fda-approved"]


def test_severity_overrides_and_fail_on(project):
    (project / ".copylint.yaml").write_text(
        "rules: [packs/demo.yaml]\nselect: [demo]\nfail-on: error\n"
        "severity: {efficacy-guarantee: info, demo/fda-approved: warning}\n"
    )
    result = CliRunner().invoke(main, ["--format", "json", "page.md"])
    severities = {f["rule"]: f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities == {"demo/cures": "info", "demo/fda-approved": "warning"}
    assert result.exit_code == 0  # nothing at error level


def test_exclude_and_per_file_ignores(project):
    (project / "site" / "drafts").mkdir()
    (project / "site" / "drafts" / "old.md").write_text(CLAIM)
    (project / "site" / "legal.md").write_text(CLAIM)
    (project / ".copylint.yaml").write_text(
        "rules: [packs/demo.yaml]\nselect: [demo]\nexclude: [site/drafts]\n"
        "per-file-ignores: {'legal.md': [fda-status]}\n"
    )
    result = CliRunner().invoke(main, ["--format", "json", "."])
    found = sorted((f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [
        ("./legal.md", "demo/cures"),
        ("./page.md", "demo/cures"),
        ("./page.md", "demo/fda-approved"),
    ]


def test_vocab_additions_extend_builtin_product_lists(project):
    (project / "site" / "brand.md").write_text("RegenaFlex injections may help with knee arthritis.\n")
    assert not [r for r in _rules("--select", "unapproved-use", "brand.md")]
    (project / ".copylint.yaml").write_text("vocab: {products: [RegenaFlex]}\n")
    assert [r for r in _rules("--select", "unapproved-use", "brand.md") if r.startswith("unapproved-use/")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("select: [demo]\ncolour: red\n", ".copylint.yaml:2: unknown key 'colour'"),
        ("fail-on: fatal\n", ".copylint.yaml:1: fail-on: 'fatal' is not one of"),
        ("severity:\n  demo/cures: loud\n", ".copylint.yaml:2: severity.demo/cures: 'loud' is not one of"),
        ("- a list\n", ".copylint.yaml:1: the configuration must be a mapping"),
    ],
)
def test_bad_config_names_file_line_and_key(project, content, expected):
    (project / ".copylint.yaml").write_text(content)
    with pytest.raises(CopylintError) as info:
        load_config(find_config())
    assert expected in str(info.value)
    result = CliRunner().invoke(main, ["page.md"])
    assert result.exit_code == 2 and expected in result.stderr


def test_bad_pyproject_key_names_its_line(project):
    (project / "pyproject.toml").write_text('[tool.copylint]\nselect = ["demo"]\nfail_on = "error"\n')
    with pytest.raises(CopylintError, match=r"pyproject.toml:3: unknown key 'fail_on'"):
        load_config(find_config())


def test_config_pointing_at_a_missing_pack_is_an_error(project):
    (project / ".copylint.yaml").write_text("rules: [packs/missing.yaml]\n")
    result = CliRunner().invoke(main, ["page.md"])
    assert result.exit_code == 2 and "missing.yaml: rule pack not found" in result.stderr


def test_config_selecting_an_unknown_rule_is_an_error_with_file_and_line(project):
    (project / ".copylint.yaml").write_text("rules: [packs/demo.yaml]\nselect:\n  - demo\n  - demo/cure\n")
    result = CliRunner().invoke(main, ["page.md"])
    expected = ".copylint.yaml:4: select: no rule, pack or category is called 'demo/cure' (did you mean 'demo/cures'?)"
    assert result.exit_code == 2 and expected in result.stderr


def test_config_ignoring_an_unknown_rule_names_its_line_and_the_command_line_replaces_it(project):
    (project / ".copylint.yaml").write_text("rules: [packs/demo.yaml]\nignore: [demo/fda-aproved]\n")
    result = CliRunner().invoke(main, ["page.md"])
    assert result.exit_code == 2 and ".copylint.yaml:2: ignore: no rule" in result.stderr
    replaced = CliRunner().invoke(main, ["--ignore", "demo/cures", "page.md"])
    assert replaced.exit_code in (0, 1), replaced.stderr
    typo = CliRunner().invoke(main, ["--ignore", "demo/nope", "page.md"])
    assert typo.exit_code == 2 and ".copylint.yaml" not in typo.stderr  # the typo is on the command line


def test_explicit_config_option(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "strict.yaml"
    other.write_text(f"rules: ['{project / 'packs' / 'demo.yaml'}']\nselect: [demo/cures]\n")
    assert _rules("--config", str(other), "page.md") == ["demo/cures"]


def test_severity_naming_an_unknown_rule_is_an_error_with_file_line_and_key(project):
    (project / ".copylint.yaml").write_text(
        "rules: [packs/demo.yaml]\nseverity:\n  demo/fda-approved: error\n  demo/cure: info\n"
    )
    result = CliRunner().invoke(main, ["page.md"])
    expected = ".copylint.yaml:4: severity: no rule, pack or category is called 'demo/cure'"
    assert result.exit_code == 2 and f"{expected} (did you mean 'demo/cures'?)" in result.stderr


def test_severity_may_name_a_rule_the_selection_leaves_out(project):
    (project / ".copylint.yaml").write_text(
        "rules: [packs/demo.yaml]\nselect: [demo/cures]\nseverity: {fda-status: info}\n"
    )
    assert _rules("page.md") == ["demo/cures"]


def test_unknown_severity_key_in_pyproject_names_its_line(project):
    (project / "pyproject.toml").write_text('[tool.copylint]\nselect = ["fda-status"]\nseverity = {nosuch = "info"}\n')
    result = CliRunner().invoke(main, ["page.md"])
    expected = "pyproject.toml:3: severity: no rule, pack or category is called 'nosuch'"
    assert result.exit_code == 2 and expected in result.stderr
