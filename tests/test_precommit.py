"""The hooks as pre-commit users get them: `pre-commit try-repo` installs this repository with a plain
`pip install .` (plus the hook's additional_dependencies) into its own environment (needs the package
index) and runs it on a scratch repository's files."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [
    pytest.mark.slow,  # pre-commit builds the hook's environment
    pytest.mark.skipif(
        not Path(shutil.which("pre-commit") or Path(sys.executable).with_name("pre-commit")).exists(),
        reason="pre-commit is part of the test extra",
    ),
]

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


def _try_repo(tmp_path: Path, files: dict[str, str | bytes], hook: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Commit-ready files in a scratch git repository, then `pre-commit try-repo` of one hook on all of them."""
    repo = tmp_path / "marketing"
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, capture_output=True)
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={
            "PRE_COMMIT_HOME": str(tmp_path / "cache"),
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "COPYLINT_NO_CACHE": "1",
            **env,
        },
        timeout=600,
    )


def test_hook_fails_on_a_claim_and_shows_the_finding(tmp_path):
    files = {
        "page.md": "# Knee care\n\nOur stem cell injections have no side effects.\n",
        "about.md": "Our clinic is open Monday to Friday.\n",
    }
    result = _try_repo(tmp_path, files, "copylint")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "page.md:3:" in output and "safety-absolute/no-side-effects" in output
    assert "about.md:" not in output


def test_many_files_give_one_run_and_one_summary(tmp_path):
    """TRAVIS makes pre-commit aim at two parallel batches whatever the machine (pre-commit's
    lang_base.target_concurrency); the hook is serial, so copylint sees every file at once."""
    files = {f"site/page{i:02}.md": f"# Page {i}\n\nOur injections have no side effects.\n" for i in range(40)}
    result = _try_repo(tmp_path, files, "copylint", TRAVIS="true")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert output.count("Found ") == 1, output
    assert "Found 40 findings (40 errors) in 40 files." in output


def test_docx_hook_lints_word_files_with_python_docx_installed(tmp_path):
    docx = pytest.importorskip("docx")
    flyer = docx.Document()
    flyer.add_paragraph("Spring offer")
    flyer.add_paragraph("Our stem cell injections have no side effects.")
    flyer.save(tmp_path / "flyer.docx")
    files = {"flyer.docx": (tmp_path / "flyer.docx").read_bytes(), "page.md": "It has no side effects.\n"}
    result = _try_repo(tmp_path, files, "copylint-docx")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "flyer.docx:2:" in output and "safety-absolute/no-side-effects" in output
    assert "skipped" not in output and "page.md" not in output
