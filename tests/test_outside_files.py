"""Configs and packs from outside the repository: a config symlinked out of it is not read, and no
error quotes a value read from a file outside it (it could be anyone's secret)."""

import subprocess
import sys

import pytest

SECRET = "hunter2-TOKEN"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "page.txt").write_text("Our stem cells cure arthritis.\n", encoding="utf-8")
    return root


def _run(repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=repo, capture_output=True, text=True)


def _refused(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "hunter2" not in done.stderr
    assert all(part in done.stderr for part in expected), done.stderr


def test_a_config_symlinked_out_of_the_repository_is_not_read(repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"fail-on: {SECRET}\n", encoding="utf-8")
    (repo / ".copylint.yaml").symlink_to(secret)
    _refused(_run(repo, "page.txt"), ".copylint.yaml: config file is a symlink to a file outside its repository")
    _refused(_run(repo, "--config", ".copylint.yaml", "page.txt"), "outside its repository")


def test_a_config_symlinked_inside_the_repository_is_read(repo):
    (repo / "ci").mkdir()
    (repo / "ci" / "copylint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (repo / ".copylint.yaml").symlink_to(repo / "ci" / "copylint.yaml")
    assert _run(repo, "page.txt").returncode == 1


def test_a_config_from_outside_the_repository_is_checked_without_quoting_it(repo, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"select: [demo]\nfail-on: {SECRET}\n", encoding="utf-8")
    _refused(
        _run(repo, "--config", str(outside), "page.txt"), "outside.yaml:2: fail-on: must be one of error, warning, info"
    )


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        (f"pack: demo\nversion: 1\nrules: {SECRET}\n", "secret.yaml:3: rules: must be of type array"),
        (
            "pack: demo\nversion: 1\nrules:\n"
            "  - id: other/hunter2-token\n    category: fda-status\n    severity: error\n    message: m\n"
            "    match: {phrases: [x]}\n    suggest: s\n    examples: {flag: [x], ok: [y]}\n",
            "secret.yaml:4: invalid rule (its values are not shown",
        ),
    ],
)
def test_a_pack_from_outside_the_repository_is_checked_without_quoting_it(repo, tmp_path, pack, expected):
    (tmp_path / "secret.yaml").write_text(pack, encoding="utf-8")
    (repo / ".copylint.yaml").write_text(f"rules: [{tmp_path / 'secret.yaml'}]\n", encoding="utf-8")
    _refused(_run(repo, "page.txt"), expected)


def test_a_pack_inside_the_repository_is_quoted(repo):
    (repo / "pack.yaml").write_text(f"pack: demo\nversion: 1\nrules: {SECRET}\n", encoding="utf-8")
    done = _run(repo, "--rules", "pack.yaml", "page.txt")
    assert done.returncode == 2 and f"pack.yaml:3: rules: '{SECRET}' is not of type 'array'" in done.stderr
