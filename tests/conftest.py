from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from linter import load_engine
from linter.engine import Engine
from linter.text.offsets import OffsetMap

# Tests never touch the user's own cache or its key (linter/cache.py); each test process removes its
# own when it ends.
_SCRATCH = {
    "COPYLINT_CACHE_DIR": tempfile.mkdtemp(prefix="copylint-test-cache-"),
    "XDG_STATE_HOME": tempfile.mkdtemp(prefix="copylint-test-state-"),
}
os.environ.update(_SCRATCH)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PACKS = FIXTURES / "packs"


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _SCRATCH.values():
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_engine() -> Engine:
    """The demo pack alone: engine behaviour tested independently of the built-in content."""
    return load_engine([PACKS / "demo.yaml"], builtin=False)


def dense(offsets: OffsetMap) -> list[int]:
    """The map as one original offset per lintable offset: what tests check a map against."""
    return [offsets.original(i) for i in range(len(offsets))]


def best_time(run: Callable[[], object], repeats: int = 5) -> float:
    """The least CPU time of `repeats` runs, with the garbage collector off: on a busy shared machine
    the best run is the one that measures the code, so ratios of such times are steady."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            run()
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best
