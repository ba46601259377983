"""Hostile inputs that used to hang copylint, exhaust its memory or cost other files' findings.

Each case reproduces a failure from issue 16 beside a normal page with a claim: the claim is still
reported and the bad input ends in a note or a one-line error. Whatever could hang runs the real
command in a subprocess with a time limit; speed itself is never asserted.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.readers import read_text

from conftest import PACKS, best_time

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]
CLAIM = "Our therapy cures pain.\n"
LIMIT = 60  # seconds a subprocess may take before the case counts as a hang


def _site(tmp_path: Path, **pages: str | bytes) -> Path:
    """A folder with `claim.md` and the given pages."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "claim.md").write_text(CLAIM, encoding="utf-8")
    for name, content in pages.items():
        page = folder / name.replace("_", ".")
        if isinstance(content, bytes):
            page.write_bytes(content)
        else:
            page.write_text(content, encoding="utf-8")
    return folder


def _json(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, [*DEMO, "--format", "json", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def _copylint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, stopped as a hang after LIMIT seconds (the test fails with TimeoutExpired)."""
    command = [sys.executable, "-m", "linter", *DEMO, *args]
    return subprocess.run(command, input=stdin, capture_output=True, timeout=LIMIT, check=False)  # type: ignore[call-overload, no-any-return]


def _rules(payload: dict) -> list[tuple[str, str]]:
    return [(Path(f["path"]).name, f["rule"]) for f in payload["findings"]]


@pytest.mark.parametrize("error", [MemoryError(), RecursionError("maximum recursion depth exceeded")])
def test_an_exception_in_one_file_is_a_note_and_the_others_keep_their_findings(tmp_path, monkeypatch, error):
    from linter.readers import markdown

    mask = markdown.mask

    def failing_mask(text: str):  # type: ignore[no-untyped-def]
        if "bad page" in text:
            raise error
        return mask(text)

    monkeypatch.setattr(markdown, "mask", failing_mask)
    folder = _site(tmp_path, bad_md="A bad page that cures pain.\n")
    code, payload, _ = _json(str(folder))
    assert code == 1
    assert _rules(payload) == [("claim.md", "demo/cures")]
    [note] = payload["summary"]["notes"]
    assert note.startswith(f"{folder / 'bad.md'}: skipped, cannot lint it ({type(error).__name__}")


needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers must inherit the patch"
)


@pytest.fixture
def killing_site(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A site of `pages` claim pages and a bad page whose reader kills the process linting it, on two
    workers; returns what `lint_paths` makes of it, and the folder."""
    from linter import lint_paths, load_engine, parallel
    from linter.readers import markdown

    mask = markdown.mask

    def killing_mask(text: str):  # type: ignore[no-untyped-def]
        if "bad page" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return mask(text)

    monkeypatch.setattr(markdown, "mask", killing_mask)
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)

    def lint(pages: int):  # type: ignore[no-untyped-def]
        folder = _site(tmp_path, bad_md="A bad page.\n", **{f"page{n:02}_md": CLAIM for n in range(pages)})
        return lint_paths([str(folder)], load_engine([PACKS / "demo.yaml"], builtin=False), jobs=2), folder

    return lint


def _only_the_bad_page_is_lost(result, folder: Path, pages: int) -> None:  # type: ignore[no-untyped-def]
    names = sorted(Path(f.path).name for f in result.findings)
    assert names == sorted(["claim.md", *(f"page{n:02}.md" for n in range(pages))])
    assert result.notes == [f"{folder / 'bad.md'}: skipped, the process linting it died"]


@needs_fork
def test_a_dead_worker_costs_only_the_file_it_held(killing_site):
    result, folder = killing_site(15)
    _only_the_bad_page_is_lost(result, folder, 15)


@needs_fork
def test_a_worker_that_dies_before_every_file_is_handed_in_costs_only_its_file(killing_site, monkeypatch):
    """The pool breaks while files are still being handed to it: the rest are handed to a new one."""
    from linter import parallel

    submit = parallel._Batch._submit

    def submit_after_the_break(self, pool, i):  # type: ignore[no-untyped-def]
        if i == 1:  # the second file is handed in only once the first has killed its worker
            deadline = time.monotonic() + LIMIT
            while not pool._broken and time.monotonic() < deadline:
                time.sleep(0.01)
        return submit(self, pool, i)

    monkeypatch.setattr(parallel._Batch, "_submit", submit_after_the_break)
    result, folder = killing_site(7)
    _only_the_bad_page_is_lost(result, folder, 7)


@pytest.mark.slow  # a parallel run in its own process group, interrupted
@pytest.mark.skipif(os.name == "nt", reason="no process groups")
def test_ctrl_c_during_a_parallel_run_is_one_line_and_exit_130(tmp_path):
    folder = _site(tmp_path, **{f"page{n:03}_md": CLAIM * 20_000 for n in range(60)})
    command = [sys.executable, "-m", "linter", *DEMO, "-j4", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(3)  # the workers are busy by now: the whole run takes far longer
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: every process of the group
    _, stderr = process.communicate(timeout=LIMIT)
    assert process.returncode == 130, stderr
    assert stderr.decode().splitlines() == ["copylint: interrupted"]


_STUCK_POOL = """
import sys, threading
import linter.cli as cli

def interrupted():
    # a thread Python would wait for at exit, and that never ends: a process pool's, reading the
    # rest of a result that a worker stopped by Ctrl-C never finished sending
    threading.Thread(target=threading.Event().wait).start()
    sys.exit(cli.INTERRUPTED)

cli.main = interrupted
cli.run()
"""


def test_an_interrupted_run_exits_even_while_its_pool_waits_for_ever():
    done = subprocess.run([sys.executable, "-c", _STUCK_POOL], capture_output=True, timeout=LIMIT, check=False)
    assert done.returncode == 130


@pytest.mark.parametrize("timeout", ["inf", "1e13", "1e300"])
def test_a_huge_regex_timeout_does_not_make_every_rule_time_out(tmp_path, timeout):
    code, payload, _ = _json("--regex-timeout", timeout, str(_site(tmp_path)))
    assert code == 1
    assert _rules(payload) == [("claim.md", "demo/cures")]
    assert payload["summary"]["notes"] == []


def test_compiling_patterns_does_not_count_against_a_rules_budget(tmp_path, monkeypatch):
    """A cold cache with a large vocabulary compiles for longer than a tight budget; the rule still runs."""
    from linter import lint_text, load_engine
    from linter.cache import PatternCache

    cache = PatternCache(None)
    compile_pattern = cache.pattern

    def slow_compile(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return compile_pattern(*args, **kwargs)

    monkeypatch.setattr(cache, "pattern", slow_compile)
    engine = load_engine([PACKS / "demo.yaml"], builtin=False, select=["demo/cures"], timeout=0.3, cache=cache)
    assert [f.rule for f in lint_text(CLAIM, engine=engine)] == ["demo/cures"]


REDOS_PACK = """\
pack: redos
version: 1
title: A rule whose unless backtracks exponentially
rules:
  - id: redos/cures
    category: efficacy-guarantee
    severity: error
    message: Cure claim.
    match:
      patterns: ['\\bcures\\b']
    unless:
      patterns: ['(a|aa)+b']{window}
    suggest: Responses differ between patients.
    examples:
      flag: [It cures pain.]
      ok: [It cures pain ab.]
"""


@pytest.mark.parametrize("window", ["", "\n      window: 100"], ids=["sentence", "window"])
def test_an_unless_pattern_runs_within_the_rules_budget(tmp_path, window):
    pack = tmp_path / "redos.yaml"
    pack.write_text(REDOS_PACK.format(window=window), encoding="utf-8")
    folder = _site(tmp_path, bad_md=f"It cures bad pain {'a' * 60}!\n")
    command = ["--no-builtin", "--rules", str(pack), "--regex-timeout", "0.5", "--format", "json", str(folder)]
    done = subprocess.run(
        [sys.executable, "-m", "linter", *command], capture_output=True, text=True, timeout=LIMIT, check=False
    )
    payload = json.loads(done.stdout)
    assert _rules(payload) == [("claim.md", "redos/cures")]
    assert payload["summary"]["notes"] == [
        f"{folder / 'bad.md'}: rule redos/cures timed out after 0.5s, skipped for this file"
    ]


def _docx_with(path: Path, paragraphs: list[str], document_xml: Callable[[bytes], bytes]) -> None:
    """A Word file of `paragraphs` whose word/document.xml is rewritten by `document_xml`."""
    import zipfile

    docx = pytest.importorskip("docx")
    flyer = docx.Document()
    for paragraph in paragraphs:
        flyer.add_paragraph(paragraph)
    plain = path.with_suffix(".plain")
    flyer.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as crafted:
        for part in source.infolist():
            content = source.read(part)
            crafted.writestr(part, document_xml(content) if part.filename == "word/document.xml" else content)


def _docx_bomb(path: Path, padding: int) -> None:
    """A Word file with a claim whose document.xml inflates by `padding` bytes of whitespace."""
    _docx_with(path, ["Our therapy cures pain."], lambda content: content + b" " * padding)


def test_a_docx_that_inflates_hugely_is_refused_before_parsing(tmp_path):
    folder = _site(tmp_path)
    _docx_bomb(folder / "bomb.docx", 20 * 2**20)
    code, payload, _ = _json(str(folder))
    assert code == 1
    assert _rules(payload) == [("claim.md", "demo/cures")]
    [note] = payload["summary"]["notes"]
    assert note.startswith(f"{folder / 'bomb.docx'}: skipped, word/document.xml would inflate to 20 MB (")


def test_an_ordinary_docx_is_still_read(tmp_path):
    folder = _site(tmp_path)
    _docx_bomb(folder / "flyer.docx", 0)
    code, payload, _ = _json(str(folder))
    assert code == 1
    assert _rules(payload) == [("claim.md", "demo/cures"), ("flyer.docx", "demo/cures")]


def test_a_docx_paragraph_style_without_its_value_is_no_style_and_the_paragraph_is_read(tmp_path):
    folder = _site(tmp_path)
    _docx_with(
        folder / "flyer.docx",
        ["Our therapy cures pain."],
        lambda content: content.replace(b"<w:p>", b"<w:p><w:pPr><w:pStyle/></w:pPr>", 1),
    )
    code, payload, _ = _json(str(folder))
    assert code == 1 and payload["summary"]["notes"] == []
    assert _rules(payload) == [("claim.md", "demo/cures"), ("flyer.docx", "demo/cures")]


def _docx_with_entities(path: Path, declarations: str, first_paragraph: str) -> None:
    """A Word file whose document.xml declares `declarations` in a DTD and whose first paragraph is
    the XML `first_paragraph` (the second is a claim)."""

    def declare(content: bytes) -> bytes:
        declaration, body = content.split(b"?>", 1)
        doctype = f"<!DOCTYPE w:document [{declarations}]>".encode()
        return declaration + b"?>" + doctype + body.replace(b"PLACEHOLDER", first_paragraph.encode())

    _docx_with(path, ["PLACEHOLDER", "Nothing to see."], declare)


def test_a_declared_entity_in_a_docx_is_expanded_not_dropped(tmp_path):
    folder = _site(tmp_path)
    _docx_with_entities(folder / "flyer.docx", '<!ENTITY c "cures">', "It &c; pain. It cures arthritis.")
    code, payload, _ = _json(str(folder))
    assert code == 1 and payload["summary"]["notes"] == []
    flyer = [(f["line"], f["column"], f["match"]) for f in payload["findings"] if f["path"].endswith("flyer.docx")]
    assert flyer == [(1, 4, "cures"), (1, 19, "cures")]  # the entity's words, and those after it


@pytest.mark.parametrize(
    "declarations",
    ['<!ENTITY it SYSTEM "file:///etc/hostname">', '<!ENTITY a "It"><!ENTITY it "&a;">'],
    ids=["external", "nested"],
)
def test_an_entity_a_docx_does_not_declare_as_text_is_a_note_and_the_words_after_it_are_read(tmp_path, declarations):
    folder = _site(tmp_path)
    _docx_with_entities(folder / "flyer.docx", declarations, "&it; Our therapy cures pain.")
    code, payload, _ = _json(str(folder))
    assert code == 1
    assert _rules(payload) == [("claim.md", "demo/cures"), ("flyer.docx", "demo/cures")]
    assert payload["summary"]["notes"] == [
        f"{folder / 'flyer.docx'}: word/document.xml: left out entities not declared as plain text: &it;"
    ]


def test_entities_that_would_expand_hugely_skip_the_docx_with_a_note(tmp_path):
    folder = _site(tmp_path)
    # libxml2 refuses an expansion over 5 times the file's size itself, so this one is larger
    _docx_with_entities(folder / "flyer.docx", f'<!ENTITY big "{"x" * 500_000}">', "&big;" * 3)
    code, payload, _ = _json(str(folder))
    assert code == 1 and _rules(payload) == [("claim.md", "demo/cures")]
    assert payload["summary"]["notes"] == [
        f"{folder / 'flyer.docx'}: skipped, its entities would expand to more than 1,000,000 characters"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_standard_input_is_refused_at_a_limit(tmp_path):
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [sys.executable, "-m", "linter", *DEMO, "-", str(_site(tmp_path))],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=LIMIT,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert "demo/cures" in done.stdout
    assert done.stderr.splitlines() == ["copylint: note: -: skipped, larger than 512 MB"]


def _fifo(tmp_path: Path) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    return str(fifo)


@pytest.mark.parametrize("baseline", ["/dev/zero", "fifo"])
def test_a_baseline_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path, baseline):
    if baseline == "fifo":
        baseline = _fifo(tmp_path)
    elif not Path(baseline).exists():
        pytest.skip(f"no {baseline} here")
    done = _copylint("--baseline", baseline, str(_site(tmp_path)))
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        f"copylint: error: {baseline}: cannot read baseline: not a regular file"
    ]


def test_a_deeply_nested_baseline_is_an_error_naming_it(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(main, [*DEMO, "--baseline", str(baseline), str(_site(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"copylint: error: {baseline}: not a copylint baseline (RecursionError")


DEEP_PACK = """\
pack: deep
version: 1
title: Rules that pass the schema but nest too deeply to build
vocab:
  words: ['{term}']
rules:
  - id: deep/claim
    category: efficacy-guarantee
    severity: error
    message: Claim.
    match:
      {match}
    suggest: Say less.
    examples:
      flag: [It cures pain.]
      ok: [It helps.]
"""


@pytest.mark.parametrize(
    ("term", "match"),
    [("a" * 5_000, "vocab: [words]"), ("a", "patterns: ['" + "(" * 1_000 + "a" + ")" * 1_000 + "']")],
    ids=["long-term", "nested-groups"],
)
def test_a_pack_nested_too_deeply_to_build_is_an_error_naming_its_line(tmp_path, monkeypatch, term, match):
    """The pattern builders and the regex parser recurse; a RecursionError becomes the pack's error."""
    (tmp_path / ".git").mkdir()  # a pack in the working folder's repository: its errors may quote it
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "deep.yaml"
    pack.write_text(DEEP_PACK.format(term=term, match=match), encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-builtin", "--rules", str(pack), str(_site(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"copylint: error: {pack}:12: rule deep/claim: nested too deeply to build"
        " (a very long term or deeply nested groups)"
    ]


def test_a_deeply_nested_toml_config_is_an_error_naming_it(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.copylint]\nselect = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*DEMO, "--config", str(config), str(_site(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"copylint: error: {config}: invalid TOML: exceeded maximum nesting depth"]


def _growing_backtick_runs() -> str:
    """About 1 MB of backtick runs of growing length, none closed: each used to be searched to the end."""
    return "".join("`" * n + " some words " for n in range(1, 1_500))


@pytest.mark.parametrize(
    "page",
    [_growing_backtick_runs(), "[" * 30_000 + "a" + "](u)" * 30_000],
    ids=["backtick-runs", "nested-links"],
)
def test_markdown_that_was_quadratic_is_read_within_the_limit(tmp_path, page):
    folder = _site(tmp_path, bad_md=page + "\n\n" + CLAIM)
    done = _copylint("--format", "json", str(folder))
    assert _rules(json.loads(done.stdout)) == [("bad.md", "demo/cures"), ("claim.md", "demo/cures")]


HOSTILE_MARKUP = {
    "html unclosed comments": ("page.html", "<!--x"),
    "html unclosed tags": ("page.html", "<a b='"),
    "html unknown marked sections": ("page.html", "<![x"),
    "html end tags": ("page.html", "</a "),
    "html nested blocks": ("page.html", "<div><b>x"),
    "markdown links": ("page.md", "[a]("),
    "markdown backticks": ("page.md", "`a"),
    "markdown emphasis": ("page.md", "*a_"),
    "markdown comments": ("page.md", "<!-- "),
    "markdown escapes": ("page.md", "\\!"),
}


@pytest.mark.parametrize(("name", "unit"), HOSTILE_MARKUP.values(), ids=list(HOSTILE_MARKUP))
def test_readers_take_linear_time_on_repeated_hostile_markup(name, unit):
    """Readers have no time budget of their own (`--regex-timeout` is the rules'): they must stay
    linear: 4 times the input takes about 4 times as long (16 if quadratic)."""

    def seconds(n: int) -> float:
        text = unit * n
        return best_time(lambda: read_text(text, name), repeats=3)

    assert seconds(10_000) / seconds(2_500) < 8
