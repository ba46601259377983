"""Whatever a marketing repo holds, copylint reports the claims it can read and says what it skipped.

Each case sits in one folder beside a normal page with a claim: the claim must still be reported,
the exit code must be 1 (2 where a path named on the command line cannot be resolved), each bad
file gets one note line, and nothing may end in a traceback.
"""

import errno
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner, Result

from linter import readers as sources
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


def test_each_skipped_file_gets_one_note_line(site):
    result = _run(str(site))
    notes = [line for line in result.stderr.splitlines() if line.startswith("copylint: note:")]
    assert len(notes) == len({n.split(": ")[2] for n in notes})
    assert all(len(line) < 300 for line in notes)


CLAIM = "Our stem cell therapy cures arthritis with no side effects.\n"
CLAIM_FOUND = [
    ("demo/product-treats-condition", "stem cell therapy cures arthritis"),  # demo/cures related: its verb
    ("demo/no-harms", "no side effects"),
]
CLAIM_RULES = [rule for rule, _ in CLAIM_FOUND]


def _claim_folder(root: Path) -> Path:
    folder = root / "site"
    folder.mkdir()
    (folder / "claim.txt").write_text(CLAIM, encoding="utf-8")
    return folder


def _symlink(link: Path, target: str) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:  # Windows without the privilege, some file systems
        pytest.skip(f"cannot create symlinks here: {exc}")


def _json_run(*args: str) -> tuple[Result, dict]:
    result = _run("--format", "json", *args)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result, json.loads(result.stdout)


def _found(payload: dict, folder: Path) -> list[tuple[str, str]]:
    return [(os.path.relpath(f["path"], folder), f["rule"]) for f in payload["findings"]]


def test_symlink_loops_are_noted_and_symlinked_folders_are_not_followed(tmp_path):
    folder = _claim_folder(tmp_path)
    _symlink(folder / "self.md", "self.md")  # points at itself
    _symlink(folder / "ping.md", "pong.md")  # two links pointing at each other
    _symlink(folder / "pong.md", "ping.md")
    (folder / "sub").mkdir()
    (folder / "sub" / "page.md").write_text("It cures pain.\n")
    _symlink(folder / "sub" / "up", "..")  # the walked folder again: following it would never end
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.md").write_text("FDA approved.\n")
    _symlink(folder / "linked", "../elsewhere")  # a symlinked folder: not followed
    _symlink(folder / "alias.md", "../elsewhere/page.md")  # a symlinked file: read
    result, payload = _json_run(str(folder))
    assert result.exit_code == 1
    assert _found(payload, folder) == [
        ("alias.md", "demo/fda-approved"),
        *(("claim.txt", rule) for rule in CLAIM_RULES),
        (os.path.join("sub", "page.md"), "demo/cures"),
    ]
    assert payload["summary"]["files"] == 3
    loop = os.strerror(errno.ELOOP)
    expected = [f"{folder / name}: skipped, cannot read: {loop}" for name in ("ping.md", "pong.md", "self.md")]
    assert payload["summary"]["notes"] == expected
    assert [line for line in result.stderr.splitlines() if line.startswith("copylint: note:")] == [
        f"copylint: note: {note}" for note in expected
    ]


def test_a_named_symlink_loop_is_an_error_that_says_so(tmp_path):
    folder = _claim_folder(tmp_path)
    _symlink(folder / "self.md", "self.md")
    result, payload = _json_run(str(folder / "self.md"), str(folder / "claim.txt"))
    assert result.exit_code == 2  # as for any named path that cannot be resolved
    assert [f["rule"] for f in payload["findings"]] == CLAIM_RULES
    loop = os.strerror(errno.ELOOP)
    assert payload["summary"]["errors"] == [f"{folder / 'self.md'}: {loop[:1].lower()}{loop[1:]}"]


@pytest.mark.parametrize("change", ["deleted", "replaced by a folder"])
@pytest.mark.parametrize("named", [False, True], ids=["in a folder", "named"])
def test_a_file_that_vanishes_before_it_is_read_is_noted(tmp_path, monkeypatch, change, named):
    folder = _claim_folder(tmp_path)
    (folder / "a.md").write_text("It cures pain.\n")
    gone = folder / "b-gone.md"
    gone.write_text("No side effects.\n")
    read = sources.read_regular_file

    def read_after_the_change(path: str) -> bytes:
        if gone.is_file():  # the first read: b-gone.md was found, and goes before its turn comes
            gone.unlink()
            if change == "replaced by a folder":
                gone.mkdir()
        return read(path)

    monkeypatch.setattr(sources, "read_regular_file", read_after_the_change)
    paths = [str(folder / name) for name in ("a.md", "b-gone.md", "claim.txt")] if named else [str(folder)]
    result, payload = _json_run("--jobs", "1", *paths)
    assert result.exit_code == 1
    assert _found(payload, folder) == [("a.md", "demo/cures"), *(("claim.txt", rule) for rule in CLAIM_RULES)]
    [note] = payload["summary"]["notes"]
    assert result.stderr.splitlines() == [f"copylint: note: {note}"]
    if change == "deleted":
        assert note == f"{gone}: skipped, cannot read: {os.strerror(errno.ENOENT)}"
    else:  # "not a regular file", or the error opening a folder gives
        assert note.startswith(f"{gone}: skipped, ")


MALFORMED = {
    # An unterminated fence runs to the end of the page (as CommonMark renders it): code, not prose.
    "fence-open.md": "Intro: no side effects.\n\n```js\nconst claim = 'it cures';\n\nStill code: cures.\n",
    "fence-closed-then-open.md": "~~~\nit cures\n~~~\nBetween the fences it cures pain.\n\n````\n```\nit cures\n",
    "front-matter.md": "---\ntitle: Shots with no side effects\nslug: it-cures\n---\nIt cures pain.\n",
    # Without its closing line, front matter is page text: nothing is hidden.
    "front-matter-open.md": "---\ntitle: Knee clinic\nslug: it-cures\nIt cures pain.\n",
    "broken.html": "</p><p>Our <b>therapy <i>cures</p></b> pain</i>\n"
    + "<div>" * 10_000
    + "\n<p>Stray</p></p></span>No side effects</div>\n<p>unclosed <em>and FDA approved\n",
    # Code left open ends with the block that holds it, as a browser shows it; at the top level it runs on.
    "unclosed-code.html": "<ul><li>Run <code>npm i</li>\n<li>It cures pain.</li></ul>\n<p>Type <kbd>Ctrl</p>\n"
    "<p>No side effects.</p>\n<div><pre>it cures\n</div>FDA approved. <code>it cures\n",
}
MALFORMED_FOUND = [
    ("broken.html", 1, "demo/cures", "cures"),
    ("broken.html", 3, "demo/no-harms", "No side effects"),
    ("broken.html", 4, "demo/fda-approved", "FDA approved"),
    *(("claim.txt", 1, rule, match) for rule, match in CLAIM_FOUND),
    ("fence-closed-then-open.md", 4, "demo/cures", "cures"),
    ("fence-open.md", 1, "demo/no-harms", "no side effects"),
    ("front-matter-open.md", 3, "demo/cures", "cures"),
    ("front-matter-open.md", 4, "demo/cures", "cures"),
    ("front-matter.md", 2, "demo/no-harms", "no side effects"),
    ("front-matter.md", 5, "demo/cures", "cures"),
    ("unclosed-code.html", 2, "demo/cures", "cures"),
    ("unclosed-code.html", 4, "demo/no-harms", "No side effects"),
    ("unclosed-code.html", 6, "demo/fda-approved", "FDA approved"),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_malformed_markup_is_linted_best_effort_at_exact_positions(tmp_path, newline):
    folder = _claim_folder(tmp_path)
    for name, text in MALFORMED.items():
        (folder / name).write_bytes(text.replace("\n", newline).encode("utf-8"))
    result, payload = _json_run(str(folder))
    assert result.exit_code == 1 and result.stderr == ""
    findings = payload["findings"]
    assert [(os.path.basename(f["path"]), f["line"], f["rule"], f["match"]) for f in findings] == MALFORMED_FOUND
    for finding in findings:  # line and column point at the claim in the file as it is on disk
        text = Path(finding["path"]).read_bytes().decode("utf-8")
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        start = starts[finding["line"] - 1] + finding["column"] - 1
        end = starts[finding["end_line"] - 1] + finding["end_column"] - 1
        assert text[start:end] == finding["match"]


ODD_NAMES = [ODD_NAME, '50% off: "tabs"\tand \\ slashes.md']
ODD_BINARY = "binary\nfile ü.txt"
FORMATS = ["text", "json", "sarif", "github"]


def _github_unescaped(value: str) -> str:
    for escaped, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


@pytest.mark.parametrize("output_format", FORMATS)
def test_odd_file_names_round_trip_in_every_format(tmp_path, monkeypatch, output_format):
    folder = _claim_folder(tmp_path)
    try:
        for name in ODD_NAMES:
            (folder / name).write_text("No side effects at all.\n", encoding="utf-8")
        (folder / ODD_BINARY).write_bytes(b"\x00" * 16)
    except OSError as exc:  # Windows refuses newlines, colons and quotes in names
        pytest.skip(f"this file system refuses such names: {exc}")
    monkeypatch.chdir(tmp_path)
    paths = sorted(["site/claim.txt", *(f"site/{name}" for name in ODD_NAMES)])
    result = _run("--format", output_format, "site")
    assert result.exit_code == 1 and "Traceback" not in result.output
    # A note is one line whatever the name: control characters are escaped in it.
    assert result.stderr.splitlines() == ["copylint: note: site/binary\\nfile ü.txt: skipped, binary file"]
    out = result.stdout
    if output_format == "text":  # control characters escaped, as in notes: each finding's first line is whole
        for name in ODD_NAMES:
            shown = name.replace("\n", "\\n").replace("\t", "\\t")
            assert f"\nsite/{shown}:1:1: error demo/no-harms Absolute safety claim.\n" in "\n" + out
    elif output_format == "json":
        assert sorted(f["path"] for f in json.loads(out)["findings"] if f["rule"] == "demo/no-harms") == paths
        for name in ODD_NAMES:  # standard escapes (newline, tab, quote, backslash); UTF-8 as it is
            assert json.dumps(f"site/{name}", ensure_ascii=False) in out
    elif output_format == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        assert all(re.fullmatch(r"[A-Za-z0-9._~/%-]+", uri) for uri in uris)
        assert sorted({unquote(uri) for uri in uris}) == paths
        absolute = json.loads(_run("--format", "sarif", str(folder / ODD_NAME)).stdout)["runs"][0]["results"][0]
        uri = absolute["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("file:///") and unquote(urlparse(uri).path) == str(folder / ODD_NAME)
    else:
        lines = out.splitlines()
        assert len(lines) == len(CLAIM_FOUND) + len(ODD_NAMES)  # one line per annotation
        files = {_github_unescaped(re.match(r"::\w+ file=([^,]*),line=", line).group(1)) for line in lines}
        assert sorted(files) == paths


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are always Unicode")
def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path, monkeypatch):
    folder = _claim_folder(tmp_path)
    try:
        (folder / os.fsdecode(b"caf\xe9.md")).write_text("It cures pain.\n")
        (folder / os.fsdecode(b"bin\xe9.txt")).write_bytes(b"\x00" * 16)
    except (OSError, UnicodeError) as exc:
        pytest.skip(f"this file system refuses names that are not UTF-8: {exc}")
    if b"caf\xe9.md" not in os.listdir(os.fsencode(folder)):
        pytest.skip("this file system stores such names differently")
    monkeypatch.chdir(tmp_path)
    expected = {  # the byte that is not UTF-8 shown as \xNN, as Python shows it
        "text": "site/caf\\xe9.md:1:4: error demo/cures",
        "json": '"path": "site/caf\\\\xe9.md"',
        "sarif": '"uri": "site/caf%5Cxe9.md"',
        "github": "::error file=site/caf\\xe9.md,line=1,col=4,",
    }
    for output_format, shown in expected.items():
        result = _run("--format", output_format, "site")
        assert result.exit_code == 1 and "internal error" not in result.output, result.output
        assert shown in result.stdout and "claim.txt" in result.stdout
        assert result.stderr == "copylint: note: site/bin\\xe9.txt: skipped, binary file\n"
