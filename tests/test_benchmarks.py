"""The speed benchmark's in-process part runs against the library as it is (it asserts no speed)."""

import shutil

from benchmarks.speed import STAGES, stage_times

from conftest import FIXTURES


def test_stage_times_cover_every_stage_of_a_real_run(tmp_path):
    pages = sorted((FIXTURES / "seeds").glob("*.txt"))
    for page in pages:
        shutil.copy(page, tmp_path)
    times, files, findings = stage_times(tmp_path, runs=1)
    assert (files, findings) == (len(pages), 80)  # the seeds' findings, as `copylint fixtures/seeds/*.txt` gives
    assert set(times) == set(STAGES) and all(len(laps) == 1 for laps in times.values())
