"""One large file on several cores (--jobs): linted a batch of sentences per process, with the
findings, notes and order of a run in one process."""

import multiprocessing
import os
import pickle
import signal
from pathlib import Path

import pytest

from linter import lint_paths, load_engine, parallel
from linter.cache import PatternCache
from linter.engine import Engine
from linter.text import document as document_module
from linter.text.document import Document

from conftest import FIXTURES

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers must inherit the patches"
)


@pytest.fixture
def big_page(tmp_path, monkeypatch):
    """The seed pages three times over, in batches of about 4,000 characters (a dozen or more)."""
    monkeypatch.setattr(document_module, "BATCH_CHARS", 4000)
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    pages = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt")))
    path = tmp_path / "big.md"
    path.write_text("\n\n".join([pages] * 3), encoding="utf-8")
    return path


def test_a_large_file_gives_the_same_findings_on_two_cores(big_page, monkeypatch):
    engine = load_engine()
    one = lint_paths([str(big_page)], engine, jobs=1)
    workers: set[int] = set()
    lint_part = Engine.lint_part

    def recording(self, doc, first, last):  # type: ignore[no-untyped-def]
        part = lint_part(self, doc, first, last)
        part.notes.append(f"pid {os.getpid()}")  # comes back with the part
        return part

    monkeypatch.setattr(Engine, "lint_part", recording)
    two = lint_paths([str(big_page)], engine, jobs=2)
    workers = {note for note in two.notes if note.startswith("pid ")}
    assert len(workers) == 2 and f"pid {os.getpid()}" not in workers  # both cores, not this process
    assert len(one.findings) > 200
    assert two.findings == one.findings


def test_a_batch_whose_process_dies_skips_the_file_with_a_note(big_page, monkeypatch):
    lint_part = Engine.lint_part

    def dying(self, doc, first, last):  # type: ignore[no-untyped-def]
        if first == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return lint_part(self, doc, first, last)

    monkeypatch.setattr(Engine, "lint_part", dying)
    result = lint_paths([str(big_page)], load_engine(), jobs=2)
    assert result.findings == [] and result.files == 0
    assert result.notes == [f"{big_page}: skipped, the process linting it died"]


def test_files_in_a_pool_lint_their_batches_in_their_own_process(big_page, tmp_path, monkeypatch):
    """Many files already use every core: a large one among them is not split again (a worker
    process may not start processes of its own)."""
    folder = big_page.parent
    for n in range(8):
        (folder / f"small{n}.md").write_text("Our stem cells cure arthritis.\n", encoding="utf-8")
    result = lint_paths([str(folder)], load_engine(), jobs=2)
    assert result.notes == [] and result.files == 9


def test_a_part_comes_back_from_its_process_as_it_was_found():
    """Parts are pickled as tuples of field values (`Part.__reduce__`), learned findings and notes too."""
    engine = load_engine()
    pages = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt")))
    doc = Document.from_text(pages + "\n\nOur amniotic \u017ftem cell treatment \u2014 safe, no side effects.", "p.md")
    part = engine.lint_part(doc, 0, len(doc.batches))
    part.notes.append("a note")
    assert part.rules and part.learned and any(f.references and f.replacement for f, _ in part.rules)
    assert pickle.loads(pickle.dumps(part)) == part


@pytest.mark.parametrize("many_files", [False, True])
def test_patterns_the_workers_compile_are_saved_for_the_next_run(big_page, tmp_path, many_files):
    """The workers compile most of a parallel run's patterns (a file per worker, or a large file's
    batches); they come back with the results, so the cache the main process saves holds them, and
    the next run compiles next to nothing."""
    paths = [str(big_page)]
    if many_files:
        seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
        paths = [str(tmp_path / f"page{n}.txt") for n in range(8)]
        for n, path in enumerate(paths):
            Path(path).write_text(seeds[n % len(seeds)].read_text(encoding="utf-8"), encoding="utf-8")
    parallel_run = PatternCache(tmp_path / "cache")
    lint_paths(paths, load_engine(cache=parallel_run), jobs=2)
    parallel_run.save()
    after_it = PatternCache(tmp_path / "cache")
    lint_paths(paths, load_engine(cache=after_it), jobs=1)
    cold = PatternCache(tmp_path / "cold")
    lint_paths(paths, load_engine(cache=cold), jobs=1)
    compiled_cold = len(cold.take_new()[1])
    assert compiled_cold > 20
    assert len(after_it.take_new()[1]) <= compiled_cold // 10
