"""The benchmarks run against the library as it is (asserting no speed), and the real corpus they read is consistent."""

import shutil

import pytest
import regex

import linter.cache
import linter.engine.context as context
from benchmarks import corpus, floor
from benchmarks.speed import MEMORY_PROSE_MB, STAGES, parse_args, stage_times
from benchmarks.speed_corpus import prepare, prose_unit
from linter import lint_paths, load_engine

from conftest import FIXTURES


def test_stage_times_cover_every_stage_of_a_real_run(tmp_path):
    pages = sorted((FIXTURES / "seeds").glob("*.txt"))
    for page in pages:
        shutil.copy(page, tmp_path)
    times, files, findings = stage_times(tmp_path, runs=1)
    expected = lint_paths([str(tmp_path)], load_engine())  # what `copylint` finds on the same pages
    assert (files, findings) == (len(pages), len(expected.findings)) and findings > 50
    assert set(times) == set(STAGES) and all(len(laps) == 1 for laps in times.values())


def test_the_floor_replays_every_search_the_lint_made_and_leaves_the_library_as_it_was():
    page = FIXTURES / "seeds" / "003_84827d39c3c7376f.txt"
    real_pattern = linter.cache.PatternCache.pattern
    measured = floor.measure(page, runs=1, top=3)
    expected = load_engine().lint(floor._prepared(page.read_text(encoding="utf-8"), page.name))
    assert measured.findings == len(expected) > 10
    assert measured.calls > measured.findings and measured.sentences > 0
    assert all(len(laps) == 1 and laps[0] > 0 for laps in (measured.lint, measured.searches, measured.scoring))
    assert len(measured.costliest) == 3 and measured.costliest[0][0] >= measured.costliest[2][0]
    # nothing records any more: the cache and the module-level patterns hand out real compiled patterns
    assert linter.cache.PatternCache.pattern is real_pattern
    assert isinstance(context._NEGATOR.compiled, regex.Pattern)
    assert "floor: read + regex calls + scoring" in floor.report(page, measured, cores=2)


def test_a_replayed_finditer_is_advanced_as_far_as_the_lint_advanced_it():
    calls: list[floor._Call] = []
    recording = floor._Recording(regex.compile(r"\w+"), calls)
    words = recording.finditer("one two three")
    next(words), next(words)
    assert (calls[0].taken, calls[0].exhausted) == (2, False)
    assert [m.group() for m in recording.finditer("four five")] == ["four", "five"]
    assert (calls[1].taken, calls[1].exhausted) == (2, True)
    assert recording.search("six").group() == "six" and calls[2].method == "search"
    assert floor._replay(calls) > 0


@pytest.mark.slow
def test_the_page_floor_runs_each_command_in_a_fresh_process():
    shown = floor.page_floor(FIXTURES / "seeds" / "003_84827d39c3c7376f.txt", runs=1)
    for line in ("python -c 'import click, regex'", "copylint --no-cache PAGE", "open the cache", "floor:"):
        assert line in shown


def test_the_memory_figure_has_its_own_file_of_prose_outside_quick_runs(tmp_path):
    assert parse_args([]).memory_mb == MEMORY_PROSE_MB and parse_args(["--quick"]).memory_mb == 0
    inputs = prepare(tmp_path, [0.05], 2, log=lambda _: None, memory_mb=0.2)
    assert inputs.memory is not None and inputs.memory != inputs.prose
    assert 0.19e6 < inputs.memory.stat().st_size <= 0.2e6
    assert inputs.memory.read_text(encoding="utf-8").startswith(prose_unit()[:1000])
    assert prepare(tmp_path, [0.05], 2, log=lambda _: None).memory is None


def test_the_real_corpus_is_consistent_and_every_source_has_a_split():
    assert corpus.check() == []
    splits = corpus.read_splits()
    blind = sum(1 for split in splits.values() if split == "blind")
    assert blind * 3 >= len(splits)  # at least a third of the sources are kept blind


def test_the_low_claim_prose_is_made_of_neutral_train_and_dev_sentences_only():
    """The speed benchmark's prose never shows a sentence of the blind split (its neutral sentences
    may quote a claim: they are the hard negatives)."""
    prose, splits = prose_unit(), corpus.read_splits()
    sentences = corpus.read_sentences()
    kept = {s.text for s in sentences if s.label == "ok" and splits[s.source] != "blind"}
    blind = [s.text for s in sentences if splits[s.source] == "blind" and s.text not in kept]
    assert all(text in prose for text in kept)
    assert not any(len(text) > 60 and text in prose for text in blind)


def test_a_new_source_gets_a_split_and_a_placed_site_keeps_its_own():
    sources = corpus.read_sources()
    placed = next(s for s in sources.values() if s.family == "pages")
    twin = corpus.Source("page-new-twin", "pages", "clinic page", "-", "t", placed.url + "/other", "x")
    added = corpus.new_splits({**sources, twin.id: twin}, corpus.read_splits())
    assert added == {twin.id: corpus.read_splits()[placed.id]}


def test_whole_pages_are_scored_by_span():
    from benchmarks.accuracy import score_real_pages

    scores = score_real_pages(load_engine())
    pages = corpus.read_pages()
    claims = sum(1 for page in pages for item in page.items if item.label == "flag")
    assert scores["all"].found + scores["all"].missed == claims and scores["all"].found > 0


def test_whole_pages_are_read_from_every_collection_folder():
    """A round keeps its whole pages in its own folder (round11/ on), not only in pages/: they are read, each
    with its source row in its own folder, and `--collection` scores that folder's pages alone."""
    from benchmarks.accuracy import score_real_pages

    pages, sources = corpus.read_pages(), corpus.read_sources()
    outside = [page for page in pages if page.path.parent != corpus.PAGES]
    assert outside and all(sources[page.source].collection == page.collection for page in pages)
    collection = outside[0].collection
    claims = sum(item.label == "flag" for page in outside if page.collection == collection for item in page.items)
    scores = score_real_pages(load_engine(), collection)
    assert scores["all"].found + scores["all"].missed == claims > 0


def test_a_page_without_a_row_in_its_own_folder_is_reported(tmp_path, monkeypatch):
    """A page's source row belongs in its folder's sources.tsv; a row in another folder does not count."""
    header = "id\tfamily\tkind\tdate\ttitle\turl\n"
    for name, rows in (("roundx", ""), ("other", "page-stray\tpages\tclinic page\t-\tt\thttps://x.test/\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "sources.tsv").write_text(header + rows, encoding="utf-8")
    page = tmp_path / "roundx" / "page-stray.md"
    page.write_text("Our office opens at nine.\n", encoding="utf-8")
    page.with_suffix(".expect.yaml").write_text("ok:\n  - text: Our office opens at nine.\n", encoding="utf-8")
    (tmp_path / "splits.tsv").write_text("source\tsplit\npage-stray\ttrain\n", encoding="utf-8")
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    monkeypatch.setattr(corpus, "SPLITS_FILE", tmp_path / "splits.tsv")
    assert [page.collection for page in corpus.read_pages()] == ["roundx"]
    assert corpus.check() == ["roundx/page-stray.md: no row in roundx/sources.tsv"]


def test_one_collection_is_scored_alone():
    """`--collection` measures a round's sources by themselves (their first run before any tuning)."""
    from benchmarks.accuracy import score_real_sentences

    sources = corpus.read_sources()
    collection = next(iter(sorted({s.collection for s in sources.values()} - {"pages"})))
    wanted = [s for s in corpus.read_sentences() if sources[s.source].collection == collection]
    scores = score_real_sentences(load_engine(), in_document=True, collection=collection)
    counted = sum(score.tp + score.fn + score.fp + score.tn for (_, family), score in scores.items() if family == "all")
    assert counted == len(wanted) > 0


def test_a_held_out_score_comes_from_a_detector_that_never_read_the_source():
    """`python -m benchmarks.train --folds` scores each sentence with a detector trained without its
    source's fold: a word only that source uses must not lift its score."""
    from benchmarks.train import held_out_scores
    from linter.engine.learned import LinearModel, features
    from linter.train import examples, train

    common = [("flag", ["unapproved-use"], "Our stem cells treat knee pain."), ("ok", [], "Our office opens at nine.")]
    scored = [(f"source-{n}", row) for n in range(8) for row in common]
    own = ("flag", ["unapproved-use"], "Zorblax heals every joint.")
    scored += [("source-own", own), ("source-own", own)]
    held_out = held_out_scores(scored, [], [], folds=4)[-1]["unapproved-use"]
    read_it = LinearModel.from_plain(train(examples([row for _, row in scored])), "<all>")
    assert held_out < read_it.probabilities(features(own[2]))["unapproved-use"] - 0.1


def test_the_learning_curve_trains_on_nested_shares_of_the_sources():
    """`--learning-curve` trains each fold's detector on a share of the other folds' sources: a smaller
    share is a subset of a larger one, and a share of none leaves only the extra rows."""
    from benchmarks.train import _in_share, held_out_scores
    from linter.engine.learned import LinearModel, features
    from linter.train import examples, train

    groups = [f"source-{n}" for n in range(400)]
    quarter, half = ({g for g in groups if _in_share(g, share)} for share in (0.25, 0.5))
    assert quarter < half < set(groups) and 60 < len(quarter) < 140
    extra = [("flag", ["unapproved-use"], "Our stem cells treat knee pain."), ("ok", [], "Our office opens at nine.")]
    scored = [(g, ("flag", ["unapproved-use"], "Zorblax heals every joint.")) for g in groups[:8]]
    alone = LinearModel.from_plain(train(examples(extra)), "<extra>").probabilities(features(scored[0][1][2]))
    assert held_out_scores(scored, [], extra, folds=4, share=0.0)[0] == alone
    assert held_out_scores(scored, [], extra, folds=4)[0]["unapproved-use"] > alone["unapproved-use"]


def test_a_labelled_text_that_is_not_in_its_page_is_reported(tmp_path, monkeypatch):
    header = "id\tfamily\tkind\tdate\ttitle\turl\n"
    (tmp_path / "roundx").mkdir()
    (tmp_path / "roundx" / "sources.tsv").write_text(
        header + "page-typo\tpages\tclinic page\t-\tt\thttps://x.test/\n", encoding="utf-8"
    )
    page = tmp_path / "roundx" / "page-typo.html"
    page.write_text("<p>Our office <b>opens</b> at nine.</p>\n", encoding="utf-8")
    expect = "ok:\n  - text: Our office opens at nine.\n  - text: Our office opens at ten.\n"
    page.with_suffix(".expect.yaml").write_text(expect, encoding="utf-8")
    (tmp_path / "splits.tsv").write_text("source\tsplit\npage-typo\ttrain\n", encoding="utf-8")
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    monkeypatch.setattr(corpus, "SPLITS_FILE", tmp_path / "splits.tsv")
    assert corpus.check() == ["roundx/page-typo.html: labelled text not in the page: 'Our office opens at ten.'"]
