"""Which files a run lints: folders give only the formats copylint reads (config's `include` and
`extend-include` change that), a file named explicitly is always linted, and standard input can be
given a name (`--stdin-filename`) that picks its reader and shows in its findings."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.config import load_config
from linter.readers import discover

from conftest import PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
CLAIM = "It cures pain.\n"
SITE_FILES = (
    "a.md",
    "b.markdown",
    "c.mdx",
    "d.html",
    "e.htm",
    "f.txt",
    "app.js",
    "style.css",
    "data.json",
    "_config.yml",
    "pyproject.toml",
    "001_page.expect.yaml",
    "page.liquid",
    "README",
)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site folder with copy, code and data files side by side, run from its parent."""
    folder = tmp_path / "site"
    folder.mkdir()
    for name in SITE_FILES:
        (folder / name).write_text(f"/* {CLAIM} */\n" if name.endswith(".css") else CLAIM)
    monkeypatch.chdir(tmp_path)
    return folder


def _linted(*args: str) -> list[str]:
    result = CliRunner().invoke(main, [*DEMO, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return sorted({Path(f["path"]).name for f in json.loads(result.stdout)["findings"]})


def test_folders_lint_only_the_formats_copylint_reads(site):
    sources, _, _ = discover([str(site)])
    assert [Path(s.path).name for s in sources] == ["a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "f.txt"]
    assert _linted("site") == ["a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "f.txt"]


def test_a_file_named_explicitly_is_always_linted(site):
    assert _linted("site/style.css", "site/app.js", "site/README") == ["README", "app.js", "style.css"]


def test_extend_include_adds_to_the_formats(site):
    (site.parent / ".copylint.yaml").write_text("extend-include: ['*.liquid', site/README]\n")
    assert _linted("site") == ["README", "a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "f.txt", "page.liquid"]


def test_include_replaces_the_formats(site):
    (site.parent / ".copylint.yaml").write_text("include: ['*.md']\nextend-include: ['*.liquid']\n")
    assert _linted("site") == ["a.md", "page.liquid"]


def test_include_is_validated(tmp_path):
    config = tmp_path / ".copylint.yaml"
    config.write_text("include: '*.md'\n")
    with pytest.raises(Exception, match="include"):
        load_config(config)


def test_stdin_filename_picks_the_reader_and_names_the_findings():
    page = "# Offer\n\n```\nIt cures pain.\n```\n\nIt cures pain.\n"
    result = CliRunner().invoke(main, [*DEMO, "--format", "json", "--stdin-filename", "site/page.md", "-"], input=page)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"]) for f in findings] == [("site/page.md", 7)]  # the code block is not copy
    plain = CliRunner().invoke(main, [*DEMO, "--format", "json", "-"], input=page)
    assert [(f["path"], f["line"]) for f in json.loads(plain.stdout)["findings"]] == [("-", 4), ("-", 7)]


def test_stdin_filename_alone_reads_standard_input():
    result = CliRunner().invoke(main, [*DEMO, "--stdin-filename", "page.txt"], input=CLAIM)
    assert result.exit_code == 1 and "page.txt:1:4:" in result.output


def test_stdin_filename_applies_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copylint.yaml").write_text("per-file-ignores: {'drafts/*': [demo/cures]}\n")
    result = CliRunner().invoke(main, [*DEMO, "--stdin-filename", "drafts/page.txt", "-"], input=CLAIM)
    assert result.exit_code == 0, result.output
