"""The hook as pre-commit users get it: `pre-commit try-repo` installs this repository with a plain
`pip install .` into its own environment (needs the package index) and runs it on staged files."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # pre-commit builds the hook's environment

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is part of the test extra")
def test_hook_fails_on_a_claim_and_shows_the_finding(tmp_path):
    repo = tmp_path / "marketing"
    repo.mkdir()
    (repo / "page.md").write_text("# Knee care\n\nOur stem cell injections have no side effects.\n")
    (repo / "about.md").write_text("Our clinic is open Monday to Friday.\n")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "COPYLINT_NO_CACHE": "1",
    }
    result = subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), "copylint", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "page.md:3:" in output and "safety-absolute/no-side-effects" in output
    assert "about.md:" not in output
