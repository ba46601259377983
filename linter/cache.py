"""A per-user cache of built rule packs, compiled patterns and prefilter literals, for fast start-up.

Parsing the packs' YAML, building their patterns and compiling them is most of a one-file run (the
`regex` module parses in Python); a compiled pattern unpickles about 30 times faster, and built
packs are plain data. Pickles can run code, so the cache is
only ever read from the user's own cache folder, only when that folder and file belong to the user
and nobody else can write them, and with unpicklers that refuse every global except the one
function that rebuilds a compiled pattern. Entries are keyed by the exact pattern source (built
packs and configs: by their exact text), and the file by the copylint, `regex` and Python versions, so a
stale entry can never be used.

COPYLINT_CACHE_DIR moves the cache; COPYLINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import regex

from . import __version__

MAX_ENTRIES = 5000  # a cache that grows past this (many different user packs) starts afresh
MAX_BUILT = 4  # built pack sets and configs kept (one per combination in use)


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
    """Three plain maps: pattern source -> pickled compiled pattern, source -> prefilter literals, and
    the text of packs or a config -> what was built and validated from it (as plain data)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._patterns: dict[str, bytes] = {}
        self._literals: dict[str, list[list[str]] | None] = {}
        self._built: dict[str, Any] = {}
        self._dirty = False
        if folder is not None:
            self._load()

    @property
    def file(self) -> Path | None:
        if self.folder is None:
            return None
        versions = f"{__version__}|{regex.__version__}|{sys.version_info[:2]}"
        return self.folder / f"patterns-{zlib.crc32(versions.encode()):08x}.pickle"

    def pattern(self, source: str, flags: int) -> regex.Pattern[str]:
        key = f"{flags}:{source}"
        stored = self._patterns.get(key)
        if stored is not None:
            try:
                loaded: regex.Pattern[str] = _PatternOnly(io.BytesIO(stored)).load()
                return loaded
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

    def built(self, key: str) -> Any:
        """What `store_built` stored under `key` (a kind and the exact text it was built from), or None."""
        return self._built.get(key)

    def store_built(self, key: str, plain: Any) -> None:
        """Keep plain data (validated packs or config) built from the text in `key`."""
        self._built.pop(key, None)
        self._built[key] = plain  # the newest last: the oldest goes first when there are too many
        while len(self._built) > MAX_BUILT:
            del self._built[next(iter(self._built))]
        self._dirty = True

    def save(self) -> None:
        """Write new entries atomically; a cache that cannot be written is simply not used."""
        file = self.file
        if not self._dirty or file is None:
            return
        if len(self._patterns) + len(self._literals) > MAX_ENTRIES:
            self._patterns, self._literals = {}, {}
        import tempfile  # only a run that compiled something new writes the cache

        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".patterns-")
            with os.fdopen(handle, "wb") as out:
                stored = {"patterns": self._patterns, "literals": self._literals, "built": self._built}
                pickle.dump(stored, out, pickle.HIGHEST_PROTOCOL)
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
            patterns, literals, built = stored["patterns"], stored["literals"], stored["built"]
        except Exception:  # unreadable or damaged: start afresh
            return
        if isinstance(patterns, dict) and isinstance(literals, dict) and isinstance(built, dict):
            self._patterns, self._literals, self._built = patterns, literals, built


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


class LazyPattern:
    """A module-level pattern compiled, or read from the cache, on first use instead of at import
    (compiling with `regex` is slow: its parser is pure Python).

    Each method, on its first call, puts the compiled pattern's own bound method on the instance,
    so later calls are plain attribute lookups (these patterns run per sentence and per match).
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = shared_cache().pattern(self.source, self.flags)
        return self._compiled

    def search(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        self.search = self.compiled.search  # type: ignore[method-assign]
        return self.search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        self.match = self.compiled.match  # type: ignore[method-assign]
        return self.match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        self.fullmatch = self.compiled.fullmatch  # type: ignore[method-assign]
        return self.fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[regex.Match[str]]:
        self.finditer = self.compiled.finditer  # type: ignore[method-assign]
        return self.finditer(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> str:
        self.sub = self.compiled.sub  # type: ignore[method-assign]
        return self.sub(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[str]:
        self.split = self.compiled.split  # type: ignore[method-assign]
        return self.split(*args, **kwargs)


def shared_cache() -> PatternCache:
    """The process-wide cache, opened on first use."""
    global _shared
    if _shared is None:
        _shared = PatternCache(default_folder())
    return _shared
