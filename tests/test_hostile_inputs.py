"""Whatever a marketing repo holds, copylint reports the claims it can read and says what it skipped.

Each case sits in one folder beside a normal page with a claim: the claim must still be reported,
the exit code must be 1, and nothing may end in a traceback.
"""

import json
import os

import pytest
from click.testing import CliRunner

from linter.cli import main

from conftest import PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
ODD_NAME = "page with spaces,\nnewline and ünïcødé.md"


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "claim.md").write_text("Our therapy cures pain.\n", encoding="utf-8")
    (folder / "fake.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<< /Type /Catalog >>")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "nul.md").write_bytes(b"\x00" * 4096)
    (folder / "broken-utf8.md").write_bytes(b"First line fine.\nBad \xff\xfe bytes, and it cures pain.\n")
    (folder / "utf16-no-bom.txt").write_bytes("It cures pain.".encode("utf-16-le"))
    (folder / "lone-bom.txt").write_bytes(b"\xef\xbb\xbf")
    (folder / "empty.md").write_bytes(b"")
    (folder / ODD_NAME).write_text("No side effects at all.\n", encoding="utf-8")
    unreadable = folder / "secret.md"
    unreadable.write_text("It cures pain.\n")
    unreadable.chmod(0)
    yield folder
    unreadable.chmod(0o644)


def _run(*args: str):
    return CliRunner().invoke(main, [*DEMO, *args])


def test_claims_survive_a_folder_of_hostile_files(site):
    result = _run("--format", "json", str(site))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    payload = json.loads(result.stdout)
    found = {(os.path.basename(f["path"]), f["rule"]) for f in payload["findings"]}
    assert ("claim.md", "demo/cures") in found
    assert ("broken-utf8.md", "demo/cures") in found  # read as Windows-1252, with a note
    assert ("utf16-no-bom.txt", "demo/cures") in found
    assert (ODD_NAME, "demo/no-harms") in found
    notes = "\n".join(payload["summary"]["notes"])
    assert "fake.txt: skipped, binary file" in notes
    assert "image.txt: skipped, binary file" in notes
    assert "nul.md: skipped, binary file" in notes
    assert "broken-utf8.md: not valid UTF-8" in notes
    assert "utf16-no-bom.txt: no byte-order mark, read as UTF-16-LE" in notes
    if os.geteuid() != 0:  # root reads anything
        assert "secret.md: skipped, cannot read" in notes


def test_odd_file_names_are_escaped_in_every_format(site):
    path = str(site / ODD_NAME)
    sarif = json.loads(_run("--format", "sarif", path).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert "\n" not in uri and uri.startswith("file://")
    github = _run("--format", "github", path).stdout
    assert github.count("\n") == 1 and "%0Anewline" in github
    text = _run(path).stdout
    assert "No side effects at all." in text


def test_each_skipped_file_gets_one_note_line(site):
    result = _run(str(site))
    notes = [line for line in result.stderr.splitlines() if line.startswith("copylint: note:")]
    assert len(notes) == len({n.split(": ")[2] for n in notes})
    assert all(len(line) < 300 for line in notes)
