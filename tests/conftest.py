from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from linter import load_engine
from linter.engine import Engine

# Tests never touch the user's own cache or its key (linter/cache.py).
os.environ["COPYLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="copylint-test-cache-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="copylint-test-state-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PACKS = FIXTURES / "packs"


@pytest.fixture(scope="session")
def demo_engine() -> Engine:
    """The demo pack alone: engine behaviour tested independently of the built-in content."""
    return load_engine([PACKS / "demo.yaml"], builtin=False)
