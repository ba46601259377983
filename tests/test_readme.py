"""The README's examples, run as written: every code block is either run here or listed in SKIPPED
with the reason (it needs the network or GitHub, or it is this test suite itself).

Commands run in a scratch folder that holds copies of the fixtures under the names the README uses
(`page.txt`, `site/`, `my-packs/` ...), with `copylint` and `.venv/bin/copylint` the installed script.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from linter.config import load_config

from conftest import FIXTURES, ROOT

BIN = Path(sys.executable).parent
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
QUICK_START_PAGE = "fixtures/seeds/003_84827d39c3c7376f.txt"

# Shell commands (by their start) that are not run here, and why.
SKIPPED = {
    "python3 -m venv": "makes the virtual environment this suite already runs in",
    ".venv/bin/pip install": "needs the package index (network)",
    ".venv/bin/python -m pytest": "this test suite itself",
    "COPYLINT_HYPOTHESIS_EXAMPLES=2000 .venv/bin/python -m pytest": "this test suite itself",
    ".venv/bin/ruff ": "the CI checks, run by .ci/run",
    ".venv/bin/mypy": "the CI checks, run by .ci/run",
    ".venv/bin/python benchmarks/": "benchmarks take minutes; tests/test_benchmarks.py runs their stages",
    "pip install ./tools/copylint": "a step of a GitHub Actions workflow (needs GitHub)",
    "python -m linter.train": "trains on your own TSV files; tests/test_learned.py runs it on fixtures/learning",
    'eval "$(_COPYLINT_COMPLETE=zsh_source': "zsh's completion script is zsh, not bash (the bash line is run)",
}
# YAML blocks that only GitHub can run; their `copylint` steps are run here all the same.
WORKFLOWS = ("name: copylint\n", "name: copylint code scanning\n")


@dataclass(frozen=True)
class Block:
    language: str
    text: str


def readme_blocks() -> list[Block]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [Block(m[1], m[2]) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)]


def blocks(language: str, start: str = "") -> list[str]:
    return [b.text for b in readme_blocks() if b.language == language and b.text.startswith(start)]


def shell_commands() -> list[str]:
    """Every command of the README's `sh` blocks and workflow `run:` steps, comments dropped and `&&` split."""
    lines = [line for text in blocks("sh") for line in text.splitlines()]
    for workflow in blocks("yaml", WORKFLOWS[0]) + blocks("yaml", WORKFLOWS[1]):
        steps = yaml.safe_load(workflow)["jobs"]["copylint"]["steps"]
        lines += [step["run"] for step in steps if "run" in step]
    commands = [part.strip() for line in lines for part in re.sub(r"\s+#.*", "", line).split("&&")]
    return [command for command in commands if command]


def _skipped(command: str) -> bool:
    return any(command.startswith(prefix) for prefix in SKIPPED)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Copies of the fixtures under the names the README's examples use."""
    shutil.copytree(FIXTURES / "seeds", tmp_path / "fixtures" / "seeds")
    shutil.copytree(FIXTURES / "packs", tmp_path / "fixtures" / "packs")
    for folder, pages in (("site", SEEDS), ("drafts", SEEDS[:1])):
        (tmp_path / folder).mkdir()
        for page in pages:
            shutil.copy(page, tmp_path / folder / page.name)
    shutil.copy(SEEDS[0], tmp_path / "page.txt")
    shutil.copy(FIXTURES / "sources" / "page.md", tmp_path / "page.md")
    (tmp_path / "my-packs").mkdir()
    shutil.copy(FIXTURES / "packs" / "clinic-brands.yaml", tmp_path / "my-packs")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "bin").symlink_to(BIN)
    return tmp_path


def sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"}
    env.pop("GITHUB_ACTIONS", None)
    env["GITHUB_STEP_SUMMARY"] = str(cwd / "step-summary.md")  # where GitHub collects a job's summary
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_every_block_is_run_or_skipped_with_a_reason():
    handled = {"sh", "yaml", "toml", "markdown", "python", ""}
    assert {b.language for b in readme_blocks()} <= handled
    commands = shell_commands()
    assert all(_skipped(c) or "copylint" in c.split("|")[-1] for c in commands), commands
    assert all(any(c.startswith(prefix) for c in commands) for prefix in SKIPPED), "a skip no block needs"


@pytest.mark.slow  # runs every command of the README as a process
def test_shell_commands_that_lint_run_cleanly(workspace):
    commands = [c for c in shell_commands() if not _skipped(c)]
    assert len(commands) >= 10
    for command in commands:
        result = sh(command, workspace)
        assert result.returncode in (0, 1), (command, result.stderr)
        assert "error:" not in result.stderr, (command, result.stderr)
    assert json.loads((workspace / "copylint.sarif").read_text())["version"] == "2.1.0"
    assert (workspace / "step-summary.md").read_text(encoding="utf-8").startswith("## copylint report")
    assert "<!DOCTYPE html>" in (workspace / "report.html").read_text(encoding="utf-8")
    assert sh("copylint --baseline .copylint-baseline.json site/", workspace).returncode == 0


def test_the_example_finding_is_what_the_quick_start_prints():
    [example] = [b.text for b in readme_blocks() if b.language == "" and b.text.startswith("fixtures/seeds/")]
    output = sh(f"copylint {QUICK_START_PAGE}", ROOT).stdout
    assert example in output


def test_config_example_loads_and_lints(workspace):
    [example] = blocks("yaml", "# .copylint.yaml")
    (workspace / ".copylint.yaml").write_text(example, encoding="utf-8")
    config = load_config(workspace / ".copylint.yaml")
    assert config.ignore == ["superlative-misleading/miracle-breakthrough"]
    assert config.fail_on == "error"
    result = sh("copylint site/", workspace)
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr


def test_pyproject_example_loads(tmp_path):
    [example] = blocks("toml", "# pyproject.toml")
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.select == ["safety-absolute", "fda-status"] and config.fail_on == "error"


def test_waiver_example_waives_every_claim_and_no_waiver_is_unused(workspace):
    [example] = blocks("markdown")
    (workspace / "waivers.md").write_text(example, encoding="utf-8")
    result = sh("copylint --format json waivers.md", workspace)
    assert result.returncode == 0, result.stdout
    payload = json.loads(result.stdout)
    assert payload["findings"] == []
    assert {s["finding"]["rule"].split("/")[0] for s in payload["suppressed"]} == {
        "fda-status",
        "superlative-misleading",
        "endorsement-testimonial",
    }


def test_rule_pack_examples_pass_their_own_tests(workspace):
    examples = blocks("yaml", "pack: ")
    assert examples
    for example in examples:
        (workspace / "my-pack.yaml").write_text(example, encoding="utf-8")
        result = sh("copylint --test-rules --rules my-pack.yaml", workspace)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.endswith(" 0 failed\n"), result.stdout


def test_sentence_rule_example_is_a_valid_match(workspace):
    [fragment] = blocks("yaml", "    match:\n      all:")
    pack = (
        "pack: sentences\nrules:\n  - id: sentences/product-treats-condition\n"
        "    category: unapproved-use\n    severity: error\n    message: Unapproved use.\n"
        f"{fragment}"
        "    suggest: Ask us which treatments are approved for your condition.\n"
        "    examples:\n"
        "      flag: [Our stem cell injections treat arthritis.]\n"
        "      ok: [Our clinic treats patients from three states.]\n"
    )
    (workspace / "sentences.yaml").write_text(pack, encoding="utf-8")
    result = sh("copylint --test-rules --rules sentences.yaml", workspace)
    assert result.returncode == 0, result.stdout + result.stderr


def test_library_example_runs(workspace):
    [example] = blocks("python")
    result = subprocess.run([sys.executable, "-c", example], cwd=workspace, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_code_scanning_workflow_may_upload_sarif():
    [workflow] = blocks("yaml", WORKFLOWS[1])
    job = yaml.safe_load(workflow)["jobs"]["copylint"]
    assert job["permissions"]["security-events"] == "write"
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in job["steps"])


@pytest.mark.slow  # pre-commit builds the hooks' environments (needs the package index)
def test_precommit_config_as_written_runs_both_hooks(tmp_path):
    """The README's config with `repo:` pointed at a clone of this repository (its `main` branch)."""
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is part of the test extra")
    docx = pytest.importorskip("docx")
    clone = tmp_path / "copylint"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    subprocess.run(["git", "checkout", "-q", "-B", "main"], cwd=clone, check=True, capture_output=True)
    [example] = blocks("yaml", "# .pre-commit-config.yaml")
    config = re.sub(r"(- repo: )\S+", rf"\g<1>{clone}", example)
    repo = tmp_path / "marketing"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "page.md").write_text("Our stem cell injections have no side effects.\n")
    flyer = docx.Document()
    flyer.add_paragraph("Our stem cell injections have no side effects.")
    flyer.save(repo / "flyer.docx")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, capture_output=True)
    result = subprocess.run(
        [str(pre_commit), "run", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={
            "PRE_COMMIT_HOME": str(tmp_path / "cache"),
            "PATH": f"{BIN}:/usr/bin:/bin",
            "COPYLINT_NO_CACHE": "1",
        },
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "page.md:1:" in output and "flyer.docx:1:" in output, output
