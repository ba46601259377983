"""Very large inputs complete, with exact positions, in memory that is a small multiple of the file.

Each case runs copylint in its own process, which reports its own peak memory (`VmHWM` in
/proc/self/status: `ru_maxrss` would include the test process's memory copied at fork). Nothing
here is timed.
"""

import json
import os
import subprocess
import sys

import pytest

CLAIM = "Our stem cell therapy cures arthritis with no side effects."
NEUTRAL = (
    "Our clinic is open Monday to Friday from nine to five, and parking is free for all visitors. "
    "Please bring your insurance card, a list of your medicines and any recent imaging to your first visit.\n"
)
MEMORY_MULTIPLE = 5  # peak resident memory above a one-line run's, at most this many times the file's size

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory is read from /proc")

# Runs copylint's command line, then writes this process's peak resident memory (kB) to stderr.
_LAUNCHER = """
import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
atexit.register(peak)
sys.argv = ["copylint", *sys.argv[1:]]
runpy.run_module("linter", run_name="__main__")
"""


def _lint(path) -> tuple[int, list[dict], int]:
    """Exit code, findings and peak resident memory (bytes) of one `copylint --format json` run."""
    command = [sys.executable, "-c", _LAUNCHER, "-j1", "--format", "json", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
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
