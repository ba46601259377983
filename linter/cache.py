"""A per-user cache of compiled patterns and their prefilter literals, for fast start-up.

Compiling the built-in packs' patterns is most of a one-file run (the `regex` module parses in
Python); a compiled pattern unpickles about 30 times faster. Pickles can run code, so the cache is
only ever read from the user's own cache folder, only when that folder and file belong to the user
and nobody else can write them, and with unpicklers that refuse every global except the one
function that rebuilds a compiled pattern. Entries are keyed by the exact pattern source, and the
file by the copylint, `regex` and Python versions, so a stale entry can never be used.

COPYLINT_CACHE_DIR moves the cache; COPYLINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

from . import __version__

MAX_ENTRIES = 5000  # a cache that grows past this (many different user packs) starts afresh


class _NoGlobals(pickle.Unpickler):
    """For the cache file's outer structure: plain dicts, strings, bytes, lists and tuples only."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed in the cache")


class _PatternOnly(pickle.Unpickler):
    """For one compiled pattern: only the `regex` function that rebuilds it from its code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed in the cache")


LiteralSets = tuple[frozenset[str], ...] | None


class PatternCache:
    """Two plain maps: pattern source -> pickled compiled pattern, and source -> prefilter literals."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._patterns: dict[str, bytes] = {}
        self._literals: dict[str, list[list[str]] | None] = {}
        self._dirty = False
        if folder is not None:
            self._load()

    @property
    def file(self) -> Path | None:
        if self.folder is None:
            return None
        versions = f"{__version__}|{regex.__version__}|{sys.version_info[:2]}"
        return self.folder / f"patterns-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.pickle"

    def pattern(self, source: str, flags: int) -> regex.Pattern[str]:
        key = f"{flags}:{source}"
        stored = self._patterns.get(key)
        if stored is not None:
            try:
                return _PatternOnly(io.BytesIO(stored)).load()
            except Exception:  # a damaged entry is simply compiled again
                pass
        compiled = regex.compile(source, flags)
        self._patterns[key] = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        self._dirty = True
        return compiled

    def literals(self, source: str, compute: Callable[[str], LiteralSets]) -> LiteralSets:
        if source in self._literals:
            stored = self._literals[source]
            return None if stored is None else tuple(frozenset(group) for group in stored)
        value = compute(source)
        self._literals[source] = None if value is None else [sorted(group) for group in value]
        self._dirty = True
        return value

    def save(self) -> None:
        """Write new entries atomically; a cache that cannot be written is simply not used."""
        file = self.file
        if not self._dirty or file is None:
            return
        if len(self._patterns) + len(self._literals) > MAX_ENTRIES:
            self._patterns, self._literals = {}, {}
        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".patterns-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"patterns": self._patterns, "literals": self._literals}, out, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, file)
            self._dirty = False
        except OSError:
            pass

    def _load(self) -> None:
        file = self.file
        if file is None or not _private(file.parent) or not _private(file):
            return
        try:
            with open(file, "rb") as handle:
                stored = _NoGlobals(handle).load()
            patterns, literals = stored["patterns"], stored["literals"]
        except Exception:  # unreadable or damaged: start afresh
            return
        if isinstance(patterns, dict) and isinstance(literals, dict):
            self._patterns, self._literals = patterns, literals


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (so nobody else could have planted it)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def default_folder() -> Path | None:
    if os.environ.get("COPYLINT_NO_CACHE"):
        return None
    if os.environ.get("COPYLINT_CACHE_DIR"):
        return Path(os.environ["COPYLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


_shared: PatternCache | None = None


def shared_cache() -> PatternCache:
    """The process-wide cache, opened on first use."""
    global _shared
    if _shared is None:
        _shared = PatternCache(default_folder())
    return _shared
