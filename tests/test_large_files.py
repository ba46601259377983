"""Very large inputs complete, with exact positions, in memory that is a small multiple of the file.

Each case runs copylint in its own process, which reports its own peak memory (`VmHWM` in
/proc/self/status: `ru_maxrss` would include the test process's memory copied at fork). Nothing
here is timed.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES

CLAIM = "Our stem cell therapy cures arthritis with no side effects."
NEUTRAL = (
    "Our clinic is open Monday to Friday from nine to five, and parking is free for all visitors. "
    "Please bring your insurance card, a list of your medicines and any recent imaging to your first visit.\n"
)
MEMORY_MULTIPLE = 5  # peak resident memory above a one-line run's, at most this many times the file's size

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory is read from /proc"),
]

# Runs copylint's command line (`main`, which exits as Python does: the `copylint` command skips
# the interpreter's teardown, atexit included), then writes this process's peak resident memory (kB)
# to stderr.
_LAUNCHER = """
import atexit, sys
from linter.cli import main
def peak():
    with open("/proc/self/status") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
atexit.register(peak)
sys.argv = ["copylint", *sys.argv[1:]]
main()
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """One copylint run (one process); its stderr ends with the run's peak resident memory in kB."""
    return subprocess.run([sys.executable, "-c", _LAUNCHER, "-j1", *args], capture_output=True, text=True, check=False)


def _lint(path) -> tuple[int, list[dict], int]:
    """Exit code, findings and peak resident memory (bytes) of one `copylint --format json` run."""
    done = _run("--format", "json", str(path))
    return done.returncode, json.loads(done.stdout)["findings"], int(done.stderr.split()[-1]) * 1024


def _claim_positions(findings: list[dict]) -> set[tuple[int, int]]:
    return {(f["line"], f["column"]) for f in findings if f["rule"] == "unapproved-use/product-treats-condition"}


@pytest.fixture(scope="module")
def base_memory(tmp_path_factory) -> int:
    """Peak memory of a run on a one-line file (the interpreter and the rules); it also fills the cache."""
    path = tmp_path_factory.mktemp("small") / "page.txt"
    path.write_text(CLAIM, encoding="utf-8")
    return _lint(path)[2]


def test_a_100_mb_file_completes_with_exact_positions_in_bounded_memory(tmp_path, base_memory):
    path = tmp_path / "export.txt"
    lines = 100_000_000 // len(NEUTRAL)
    middle = lines // 2
    with open(path, "w", encoding="utf-8") as out:
        out.write(CLAIM + "\n")
        out.write(NEUTRAL * middle)
        out.write("Note: " + CLAIM + "\n")
        out.write(NEUTRAL * (lines - middle))
        out.write(CLAIM)
    code, findings, peak = _lint(path)
    assert code == 1
    assert _claim_positions(findings) == {(1, 5), (middle + 2, 11), (lines + 3, 5)}
    assert peak - base_memory < MEMORY_MULTIPLE * path.stat().st_size


def test_a_20_mb_single_line_completes_with_exact_columns_in_bounded_memory(tmp_path, base_memory):
    path = tmp_path / "one-line.txt"
    filler = "parking is free for all visitors and the staff is friendly "
    half = filler * (10_000_000 // len(filler))
    path.write_text(half + CLAIM + " " + half, encoding="utf-8")
    code, findings, peak = _lint(path)
    assert code == 1
    assert _claim_positions(findings) == {(1, len(half) + 5)}
    assert peak - base_memory < MEMORY_MULTIPLE * path.stat().st_size


def test_memory_of_a_text_report_follows_the_largest_file_not_the_number_of_files(tmp_path):
    """Findings are printed file by file, so twice the files (and findings) take no more memory.
    (Both runs are large enough to have loaded every pattern they will use.)"""
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(400):
        shutil.copyfile(seeds[i % len(seeds)], folder / f"page-{i:03}.txt")
    pages = sorted(str(p) for p in folder.iterdir())
    half, whole = _run(*pages[:200]), _run(str(folder))
    assert half.stdout.endswith("in 200 files.\n") and whole.stdout.endswith("in 400 files.\n")
    assert whole.stdout.count("suggestion:") == 2 * half.stdout.count("suggestion:") > 1000
    half_peak, whole_peak = (int(done.stderr.split()[-1]) * 1024 for done in (half, whole))
    assert whole_peak - half_peak < 4 * 1024 * 1024  # holding 1,000+ more findings would take several times that
