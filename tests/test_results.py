"""Outcomes kept from earlier runs (`linter/results.py`): a file that has not changed is not linted
again, and anything its outcome depends on makes it linted afresh."""

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import api, results
from linter.cache import shared_cache
from linter.cli import main
from linter.results import ResultStore

from conftest import PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml"), "--jobs", "1"]
CLAIM = "Our therapy cures pain.\nIt is FDA approved.\n"


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, [*DEMO, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def linted(monkeypatch):  # type: ignore[no-untyped-def]
    """The pages `api._lint_document` was asked to lint (the others came from kept outcomes)."""
    pages: list[str] = []
    lint_document = api._lint_document

    def counted(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        pages.append(Path(doc.path).name)
        return lint_document(doc, *args, **kwargs)

    monkeypatch.setattr(api, "_lint_document", counted)
    return pages


def _site(tmp_path: Path, **pages: str) -> Path:
    folder = tmp_path / "site"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name.replace("_", ".")).write_text(text)
    return folder


def test_a_second_run_reads_the_kept_outcomes_and_reports_the_same(tmp_path, linted):
    folder = _site(tmp_path, a_md=CLAIM, b_txt="Nothing to see.\n", c_md="<!-- copylint-disable-file -->\n" + CLAIM)
    first = _json(str(folder))
    assert sorted(linted) == ["a.md", "b.txt", "c.md"]
    for output_format in ("json", "text", "sarif"):
        again = CliRunner().invoke(main, [*DEMO, "--format", output_format, str(folder)])
        fresh = CliRunner().invoke(main, [*DEMO, "--format", output_format, "--no-cache", str(folder)])
        assert again.stdout == fresh.stdout
    # linted: by the first run, by the text report's (which keeps the lines for excerpts), by three --no-cache runs
    assert sorted(linted) == sorted(["a.md", "b.txt", "c.md"] * 5)
    assert _json(str(folder)) == first
    assert first["summary"]["suppressed"]  # the waived findings come back too


def test_a_changed_file_is_linted_again_and_the_others_are_not(tmp_path, linted):
    folder = _site(tmp_path, a_md=CLAIM, b_md=CLAIM)
    _json(str(folder))
    (folder / "b.md").write_text("Our therapy cures pain.\n")
    payload = _json(str(folder))
    assert linted == ["a.md", "b.md", "b.md"]
    assert [(Path(f["path"]).name, f["rule"]) for f in payload["findings"]] == [
        ("a.md", "demo/cures"),
        ("a.md", "demo/fda-approved"),
        ("b.md", "demo/cures"),
    ]


@pytest.mark.parametrize(
    "options",
    [
        ["--select", "demo/cures"],
        ["--min-severity", "error"],
        ["--regex-timeout", "5"],
        ["--format", "text"],  # excerpts: the lines findings are on are kept for the text report
    ],
)
def test_other_rules_or_settings_do_not_use_the_outcome_kept_before(tmp_path, linted, options):
    page = _site(tmp_path, a_md=CLAIM) / "a.md"
    _json(str(page))
    CliRunner().invoke(main, [*DEMO, "--format", "json", *options, str(page)])
    assert linted == ["a.md", "a.md"]


def test_an_edited_pack_or_per_file_ignores_make_files_linted_again(tmp_path, linted):
    page = _site(tmp_path, a_md=CLAIM) / "a.md"
    pack = tmp_path / "demo.yaml"
    pack.write_text((PACKS / "demo.yaml").read_text())
    own = ["--no-builtin", "--rules", str(pack), "--jobs", "1", "--format", "json", str(page)]
    CliRunner().invoke(main, own)
    pack.write_text(pack.read_text().replace("severity: error", "severity: warning"))
    assert CliRunner().invoke(main, own).exit_code == 1
    config = tmp_path / "copylint.yaml"
    config.write_text("per-file-ignores:\n  '*.md': [demo/cures]\n")
    payload = json.loads(CliRunner().invoke(main, [*own, "--config", str(config)]).stdout)
    assert linted == ["a.md", "a.md", "a.md"]
    assert [f["rule"] for f in payload["findings"]] == ["demo/fda-approved"]


def test_no_cache_neither_reads_nor_keeps_outcomes(tmp_path, linted):
    page = _site(tmp_path, a_md=CLAIM) / "a.md"
    _json("--no-cache", str(page))
    _json(str(page))
    _json("--no-cache", str(page))
    assert linted == ["a.md", "a.md", "a.md"]


def test_an_outcome_with_notes_is_not_kept(tmp_path, linted):
    page = tmp_path / "latin1.txt"
    page.write_bytes("Our therapy cures pain. Café.\n".encode("latin-1"))
    first, second = _json(str(page)), _json(str(page))
    assert first == second and first["summary"]["notes"]  # the guessed encoding is said each time
    assert linted == ["latin1.txt", "latin1.txt"]


def _entries(store: ResultStore) -> list[Path]:
    return sorted(store.folder.glob("??/*"))


def _store() -> ResultStore:
    store = api.result_store(api.load_engine([PACKS / "demo.yaml"], builtin=False))
    assert store is not None
    return store


def test_an_entry_that_does_not_verify_is_linted_again(tmp_path, linted):
    page = _site(tmp_path, a_md=CLAIM) / "a.md"
    before = set(_entries(_store()))
    first = _json(str(page))
    [entry] = set(_entries(_store())) - before
    entry.write_bytes(entry.read_bytes().replace(b"demo/cures", b"demo/curez"))
    assert _json(str(page)) == first
    assert linted == ["a.md", "a.md"]


def test_outcomes_are_shared_with_worker_processes(tmp_path, linted):
    folder = _site(tmp_path, **{f"page{n:02}_md": CLAIM for n in range(12)})
    parallel = ["--no-builtin", "--rules", str(PACKS / "demo.yaml"), "--format", "json", "--jobs", "2"]
    first = CliRunner().invoke(main, [*parallel, str(folder)]).stdout
    (folder / "page05.md").write_text("Our therapy cures pain.\n")
    again = CliRunner().invoke(main, [*parallel, str(folder)]).stdout
    fresh = CliRunner().invoke(main, [*parallel, "--no-cache", str(folder)]).stdout
    assert again == fresh != first
    assert linted == ["page05.md"]  # the others were found kept here, before any pool started


def test_pruning_keeps_the_newest_entries_and_version(tmp_path, monkeypatch):
    store = ResultStore(tmp_path, "an engine")
    old_version = tmp_path / f"{results.FOLDER_PREFIX}older"
    old_version.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / f"{results.FOLDER_PREFIX}link").symlink_to(outside)  # never followed
    kept = results.Stored([], [], {})
    keys = [store.key(f"page{n}.md", [], False, b"text") for n in range(5)]
    for age, key in enumerate(keys):
        store.put(key, kept)
        os.utime(store._entry(key), (time.time() - 100 + age,) * 2)
    monkeypatch.setattr(results, "MAX_ENTRIES", 3)
    monkeypatch.setattr(results, "KEPT_VERSIONS", 1)
    store.prune()
    assert [store.get(key) is not None for key in keys] == [False, False, True, True, True]
    assert not old_version.exists() and outside.is_dir()
    store.put(store.key("new.md", [], False, b""), kept)
    store.prune()  # within a day of the last pruning: nothing goes
    assert len(_entries(store)) == 4


def test_outcomes_live_beside_the_patterns_and_not_without_a_cache(monkeypatch):
    engine = api.load_engine([PACKS / "demo.yaml"], builtin=False)
    store = api.result_store(engine)
    assert store is not None and store.folder.parent == shared_cache().folder
    assert api.result_store(api.Engine(engine.rules)) is None  # an engine that cannot say what it runs


def test_standard_input_is_kept_under_its_name(linted):
    named = [*DEMO, "--format", "json", "--stdin-filename", "stdin-page.md"]
    first = CliRunner().invoke(main, named, input=CLAIM)
    again = CliRunner().invoke(main, named, input=CLAIM)
    other = CliRunner().invoke(main, [*named[:-1], "other-page.md"], input=CLAIM)
    assert first.stdout == again.stdout != other.stdout
    assert linted == ["stdin-page.md", "other-page.md"]


def test_fixes_planned_from_kept_outcomes_are_the_fixes_planned_afresh(tmp_path, linted):
    fixes = ["--no-builtin", "--rules", str(PACKS / "fixes.yaml"), "--jobs", "1"]
    text = "Our shot is completely safe.\nIt is 100% safe.\n"
    kept, fresh = tmp_path / "kept.txt", tmp_path / "fresh.txt"
    kept.write_text(text)
    fresh.write_text(text)
    diff = CliRunner().invoke(main, [*fixes, "--diff", str(kept)])  # lints and keeps the outcome
    CliRunner().invoke(main, [*fixes, "--fix", str(kept)])  # plans its fixes from the kept outcome
    CliRunner().invoke(main, [*fixes, "--fix", "--no-cache", str(fresh)])
    assert diff.exit_code == 1 and kept.read_text() == fresh.read_text() != text
    assert linted == ["kept.txt", "kept.txt", "fresh.txt", "fresh.txt"]  # after each --fix, what remains


def test_a_file_name_that_is_not_utf8_is_kept_too(tmp_path, linted):
    page = tmp_path / os.fsdecode(b"caf\xe9.md")  # a name no encoding gave: its str holds a surrogate
    page.write_text(CLAIM)
    assert _json(str(page)) == _json(str(page))
    assert len(linted) == 1
