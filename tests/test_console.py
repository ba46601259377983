"""The `copylint` console script as a shell runs it: usage mistakes are click's usage errors, a
closed pipe ends the run quietly, and only a real bug is an internal error (with --debug, its
traceback)."""

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import cli

from conftest import FIXTURES

COPYLINT = Path(sys.executable).with_name("copylint")

needs_script = pytest.mark.skipif(not COPYLINT.exists(), reason="the console script is installed with the package")


@needs_script
def test_no_paths_is_clicks_usage_error():
    result = subprocess.run([str(COPYLINT)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: copylint [OPTIONS] [PATHS]...")
    assert "Error: no paths given" in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""


@needs_script
@pytest.mark.parametrize(
    "args", [["--list-rules"], [str(FIXTURES / "seeds")], ["--format", "sarif", str(FIXTURES / "seeds")]]
)
def test_a_closed_pipe_ends_the_run_quietly(args):
    """`copylint --list-rules | head -1`: the reader is gone before copylint writes."""
    process = subprocess.Popen([str(COPYLINT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""


@needs_script
def test_list_rules_into_head_prints_one_line():
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{COPYLINT}' --list-rules | head -1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


@pytest.fixture
def bug(monkeypatch, tmp_path):
    """A real internal error: checking files raises something no code path expects."""

    def check(*args: object) -> int:
        raise ValueError("unexpected state")

    monkeypatch.setattr(cli, "_check", check)
    page = tmp_path / "page.txt"
    page.write_text("Our clinic opens at nine.\n")
    return str(page)


def test_an_internal_error_is_one_line_without_debug(bug):
    result = CliRunner(env={"COPYLINT_DEBUG": None}).invoke(cli.main, [bug])
    assert result.exit_code == 2
    assert result.stderr == "copylint: internal error: ValueError: unexpected state (--debug shows the traceback)\n"


@pytest.mark.parametrize(("args", "env"), [(["--debug"], {}), ([], {"COPYLINT_DEBUG": "1"})])
def test_debug_shows_the_traceback_of_an_internal_error(bug, args, env):
    result = CliRunner(env=env).invoke(cli.main, [*args, bug])
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert 'raise ValueError("unexpected state")' in result.stderr
    assert result.stderr.endswith("copylint: internal error: ValueError: unexpected state\n")


@needs_script
@pytest.mark.parametrize("where", ["pipe", "file"])
def test_the_report_is_whole_when_the_command_exits(tmp_path, where):
    """The command ends without tearing the interpreter down: what it wrote is flushed first, and its
    exit code is the one `main` chose."""
    out = tmp_path / "report.json"
    args = [str(COPYLINT), "--format", "json", str(FIXTURES / "seeds")]
    if where == "file":
        result = subprocess.run([*args, "--output", str(out)], capture_output=True, text=True, timeout=120)
        written = out.read_text(encoding="utf-8")
    else:
        result = subprocess.run(args, capture_output=True, text=True, timeout=120)
        written = result.stdout
    assert result.returncode == 1, result.stderr
    assert len(json.loads(written)["findings"]) > 50


class _Exited(Exception):
    pass


def _fake_exit(code: int) -> None:
    raise _Exited(code)


def test_run_exits_fast_with_mains_code(monkeypatch, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Our clinic opens at nine.\n")
    monkeypatch.setattr(cli.os, "_exit", _fake_exit)
    monkeypatch.setattr(sys, "argv", ["copylint", "--quiet", str(page)])
    with pytest.raises(_Exited) as exited:
        cli.run()
    assert exited.value.args == (0,)
    monkeypatch.setattr(sys, "argv", ["copylint", "--no-such-option"])
    with pytest.raises(_Exited) as exited:
        cli.run()
    assert exited.value.args == (2,)


def test_run_exits_the_usual_way_while_another_thread_runs(monkeypatch, tmp_path):
    """A thread still running (a process pool's, after Ctrl-C) is left to Python's own exit."""
    page = tmp_path / "page.txt"
    page.write_text("Our clinic opens at nine.\n")
    monkeypatch.setattr(cli.os, "_exit", _fake_exit)
    monkeypatch.setattr(sys, "argv", ["copylint", "--quiet", str(page)])
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        with pytest.raises(SystemExit) as exited:
            cli.run()
    finally:
        release.set()
        waiting.join()
    assert exited.value.code == 0
