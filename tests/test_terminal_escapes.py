"""Control characters from a page, a path, a rule pack or a config never reach the terminal raw:
OSC 52 would write the clipboard, CSI sequences clear the screen or move the cursor."""

import re

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.display import shown

from conftest import PACKS

OSC52 = "\x1b]52;c;aGk=\x07"
CSI = "\x1b[2J\x9b1m"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # any control character but a tab or a line break


def _run(*args: str):
    result = CliRunner().invoke(main, ["--no-builtin", "--rules", str(PACKS / "demo.yaml"), *args])
    assert not RAW.search(result.stdout) and not RAW.search(result.stderr), (result.stdout, result.stderr)
    return result


def test_shown_escapes_c0_c1_and_del_but_keeps_what_the_format_needs():
    assert shown(f"a{OSC52}b\x7f\t\n") == "a\\x1b]52;c;aGk=\\x07b\\x7f\\t\\n"
    assert shown("line\nbreak\x9d", keep="\n") == "line\nbreak\\x9d"


def test_the_text_report_escapes_the_page_and_keeps_the_carets_under_the_match(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"{CSI}Honestly{OSC52} there are no side effects at all.\n", encoding="utf-8")
    result = _run(str(page))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1 |"))
    excerpt, marker = lines[at], lines[at + 1]
    assert "\\x1b]52;c;aGk=\\x07" in excerpt and "\\x1b[2J\\x9b1m" in excerpt
    assert marker.index("^") == excerpt.index("no side effects")
    assert marker.count("^") == len("no side effects")


@pytest.mark.parametrize("output", [[], ["--format", "github"], ["--statistics"]])
def test_a_path_is_escaped_in_every_human_format(tmp_path, output):
    page = tmp_path / f"page{OSC52}.txt"
    page.write_text("There are no side effects.\n", encoding="utf-8")
    result = _run(*output, str(page))
    assert result.exit_code == 1
    if not output or output[0] == "--format":
        assert "page\\x1b]52;c;aGk=\\x07.txt" in result.stdout


def test_notes_and_errors_are_escaped(tmp_path):
    (tmp_path / f"binary{CSI}.txt").write_bytes(b"\x00\x01claims")
    result = _run(str(tmp_path), str(tmp_path / f"missing{OSC52}.txt"))
    assert result.exit_code == 2
    assert "binary\\x1b[2J\\x9b1m.txt" in result.stderr and "missing\\x1b]52" in result.stderr


PACK = """pack: shady
version: 1
title: "Shady \\e]0;title\\a"
rules:
  - id: shady/cures
    category: efficacy-guarantee
    severity: error
    message: "Cure claim \\e]52;c;aGk=\\a here."
    why: "Because\\n\\e[2J it is."
    match: {phrases: [cures]}
    suggest: "May help \\x9b1m some."
    references: [{title: "Ref \\e[5m", url: "https://example.com/\\e"}]
    examples: {flag: ["It cures."], ok: ["It may help."]}
"""


HUMAN_OUTPUTS = [
    ["--list-rules"],
    ["--explain", "shady/cures"],
    ["PAGE"],
    ["--statistics", "PAGE"],
    ["--format", "github", "PAGE"],
]


@pytest.mark.parametrize("output", HUMAN_OUTPUTS)
def test_a_packs_text_is_escaped_in_every_human_output(tmp_path, output):
    (tmp_path / "shady.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "page.txt").write_text("This cures everything.\n", encoding="utf-8")
    args = [str(tmp_path / "page.txt") if arg == "PAGE" else arg for arg in output]
    result = CliRunner().invoke(main, ["--no-builtin", "--rules", str(tmp_path / "shady.yaml"), *args])
    assert result.exit_code in (0, 1), result.stderr
    assert "\\x1b" in result.stdout and not RAW.search(result.stdout)


def test_a_config_error_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copylint.yaml").write_text('"colour\\e]52;c;aGk=\\a": red\n', encoding="utf-8")
    result = _run("page.txt")
    assert result.exit_code == 2 and "unknown key 'colour\\x1b]52;c;aGk=\\x07'" in result.stderr
