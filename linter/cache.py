"""A per-user cache of built rule packs, validated configs, prefilter literals and compiled patterns.

Parsing and validating the packs' YAML, working out their literals and compiling their patterns
(the `regex` module parses in Python) is nearly all of a one-file run: without the cache a page
takes about three times as long. Compiled patterns are `regex`'s own code, which it runs as given
(changed code crashes or hangs it), so they are stored only inside the signed file below and read
back only through an unpickler that allows nothing but `regex`'s constructor, after the signature
has verified: a pattern in the cache is one that copylint compiled for this user.

What is read back is trusted only as far as it can be checked. The file's HMAC, keyed with a private
per-user key kept outside the cache folder (`private.user_key`), must verify, so a cache file that
copylint did not write for this user (one committed to a checkout, say) is never used. The file is
then read as a pickle of plain data (dicts, lists, tuples, frozensets, strings, bytes, numbers) by
an unpickler that allows no global at all, so even a forged file could build nothing else: a third
of the time JSON took to parse, and the literals come back as the frozensets the prefilter uses.
The folder must pass `private.trusted_folder` (no symlink along its path, nobody else can write to
it) and, for the CLI, lie outside the paths being linted. Every entry is keyed by its exact
input text, and the file by a digest of this package's code and schemas and the `regex` and Python
versions, so an edited builder never meets data an older one built. Whatever fails a check is
ignored: the run is slower, never different.

COPYLINT_CACHE_DIR moves the cache; COPYLINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from .private import read_private, trusted_folder, user_key, write_private

MAX_ENTRIES = 5000  # literal and pattern entries: past this (many different user packs) the cache starts afresh
MAX_BUILT = 4  # built pack sets and configs kept (one per combination in use)
MAX_FILES = 4  # cache files of different code versions kept in one folder
_PACKAGE = Path(__file__).resolve().parent

LiteralSets = tuple[frozenset[str], ...] | None
# What a process worked out that the cache file lacked: literals by pattern source, and pickled
# compiled patterns by flags and source (`PatternCache.take_new`).
NewEntries = tuple[dict[str, LiteralSets], dict[str, bytes]]
_MISSING = object()


@cache
def code_digest() -> str:
    """This package's own code and schemas, `regex` and Python, as one digest (reading the files
    takes about 1 ms): what the cached data was built by."""
    digest = hashlib.sha256(f"{regex.__version__}|{sys.version}".encode())
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".json")):
                path = Path(folder, name)
                data = path.read_bytes()
                digest.update(f"{path.relative_to(_PACKAGE).as_posix()}:{len(data)}:".encode() + data)
    return digest.hexdigest()[:32]


class _PatternOnly(pickle.Unpickler):
    """For one compiled pattern from a verified file: only the `regex` function that rebuilds it."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed in the cache")


class _PlainOnly(pickle.Unpickler):
    """For the verified file itself: containers, strings, bytes and numbers, never a global."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed in the cache")


class PatternCache:
    """Prefilter literals and compiled patterns per pattern source, and what was built and validated
    from the text of packs or a config (plain data), read from and saved to `folder` (None: kept in
    memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder if folder is not None and trusted_folder(folder) else None
        self._literals: dict[str, Any] = {}
        self._patterns: dict[str, bytes] = {}  # flags:source -> pickle of the compiled pattern
        self._loaded: dict[str, regex.Pattern[str]] = {}  # what this process has unpickled or compiled
        self._built: dict[str, Any] = {}
        self._new: NewEntries = ({}, {})  # worked out here since `take_new` last ran
        self._dirty = False
        if self.folder is not None:
            self._load()

    @property
    def file(self) -> Path | None:
        return None if self.folder is None else self.folder / f"cache-{code_digest()}.pickle"

    def pattern(self, source: str, flags: int) -> regex.Pattern[str]:
        """`source` compiled, from the signed file when it holds it (once per process: rules that share
        a vocabulary share its pattern)."""
        key = f"{flags}:{source}"
        found = self._loaded.get(key)
        if found is not None:
            return found
        stored = self._patterns.get(key)
        if stored is not None:
            try:
                loaded: regex.Pattern[str] = _PatternOnly(io.BytesIO(stored)).load()
                self._loaded[key] = loaded
                return loaded
            except Exception:  # an entry that does not load is simply compiled again
                pass
        compiled = self._loaded[key] = regex.compile(source, flags)
        self._patterns[key] = self._new[1][key] = pickle.dumps(compiled, pickle.HIGHEST_PROTOCOL)
        self._dirty = True
        return compiled

    def literals(self, source: str, compute: Callable[[str], LiteralSets]) -> LiteralSets:
        stored = self._literals.get(source, _MISSING)
        if stored is None or isinstance(stored, tuple):
            return stored
        value = compute(source)
        self._literals[source] = self._new[0][source] = value
        self._dirty = True
        return value

    def take_new(self) -> NewEntries:
        """The literals and patterns worked out in this process since the last call. A worker process
        (--jobs) sends them back with each result, so that the main process keeps them (`add`) when it
        saves: the worker's own copy of the cache is never saved."""
        taken, self._new = self._new, ({}, {})
        return taken

    def add(self, taken: NewEntries) -> None:
        """Keep what another process worked out (`take_new`)."""
        literals, patterns = taken
        if literals or patterns:
            self._literals.update(literals)
            self._patterns.update(patterns)
            self._dirty = True

    def built(self, key: str) -> Any:
        """What `store_built` stored under `key` (a kind and the exact text it was built from), or None."""
        return self._built.get(entry_name(key))

    def store_built(self, key: str, plain: Any) -> None:
        """Keep plain data (validated packs or config: JSON types) built from the text in `key`."""
        name = entry_name(key)
        self._built.pop(name, None)
        self._built[name] = plain  # the newest last: the oldest goes first when there are too many
        while len(self._built) > MAX_BUILT:
            del self._built[next(iter(self._built))]
        self._dirty = True

    def save(self) -> None:
        """Write new entries atomically, signed; a cache that cannot be written is simply not used."""
        file = self.file
        if not self._dirty or file is None:
            return
        if len(self._literals) + len(self._patterns) > MAX_ENTRIES:
            self._literals, self._patterns = {}, {}
        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not trusted_folder(file.parent):
                return
            stored = {
                "code": code_digest(),
                "literals": self._literals,
                "patterns": self._patterns,
                "built": self._built,
            }
            data = signed(pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
            if data is None:
                return
            write_private(file, data)
            _prune(file)
            self._dirty = False
        except (OSError, pickle.PicklingError):
            pass

    def _load(self) -> None:
        file = self.file
        payload = verified(read_private(file)) if file is not None else None
        if payload is None:
            return
        try:
            stored = load_plain(payload)
        except Exception:  # a file this code did not write (an older format): built again
            return
        if not isinstance(stored, dict) or stored.get("code") != code_digest():
            return
        literals, patterns, built = stored.get("literals"), stored.get("patterns"), stored.get("built")
        if isinstance(literals, dict) and isinstance(patterns, dict) and isinstance(built, dict):
            self._literals, self._built = literals, built
            self._patterns = {k: v for k, v in patterns.items() if isinstance(v, bytes)}


def signed(payload: bytes) -> bytes | None:
    """`payload` with this user's signature in front (what `verified` accepts), or None where no
    private key can be kept (then nothing is cached)."""
    key = _user_key(_key_folder())
    return None if key is None else _signature(key, payload) + b"\n" + payload


def verified(raw: bytes | None) -> bytes | None:
    """The payload of what `signed` made with this user's key; None for anything else."""
    if raw is None:
        return None
    key = _user_key(_key_folder())
    if key is None:
        return None
    signature, _, payload = raw.partition(b"\n")
    return payload if hmac.compare_digest(signature, _signature(key, payload)) else None


def load_plain(payload: bytes) -> Any:
    """A verified pickle of plain data (containers, strings, bytes, numbers: no global at all)."""
    return _PlainOnly(io.BytesIO(payload)).load()


@cache
def _user_key(folder: Path) -> bytes | None:
    """This user's key (`private.user_key`), read once per process and folder: a run that reads and
    writes the results of many files signs each one."""
    return user_key(folder)


def _signature(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


@lru_cache(maxsize=4)
def entry_name(key: str) -> str:
    """A built entry's name in the file: its key (which holds whole pack texts) as a digest (kept:
    loading packs asks for it twice, for the cache and for the engine's fingerprint)."""
    return _hex_digest(key)


def digest_of(*parts: object) -> str:
    """A digest of plain values (strings, numbers, lists of them), by their repr."""
    return _hex_digest(repr(parts))


def _hex_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _prune(current: Path) -> None:
    """Remove the oldest cache files of other code versions (or formats), keeping MAX_FILES in all."""
    others = sorted(
        (path for path in current.parent.glob("cache-*") if path != current),
        key=lambda path: path.stat().st_mtime,
    )
    for path in others[: max(0, len(others) - MAX_FILES + 1)]:
        path.unlink(missing_ok=True)


def default_folder() -> Path | None:
    if os.environ.get("COPYLINT_NO_CACHE"):
        return None
    if os.environ.get("COPYLINT_CACHE_DIR"):
        return Path(os.environ["COPYLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def _key_folder() -> Path:
    """Where the cache's key is kept: the user's state folder, not the cache folder (which
    COPYLINT_CACHE_DIR or XDG_CACHE_HOME may point anywhere)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "copylint"


def _inside(folder: Path, paths: Iterable[str]) -> bool:
    """Whether `folder` is one of `paths`, or below one of them."""
    where = os.path.realpath(folder)
    for path in paths:
        if path != "-":
            real = os.path.realpath(path)
            if os.path.commonpath([where, real]) == real:
                return True
    return False


_shared: PatternCache | None = None


def shared_cache(linted: Iterable[str] = ()) -> PatternCache:
    """The process-wide cache, opened on first use. `linted`: the paths a run lints, from whoever
    opens it first (the CLI, before anything else): a cache folder inside one of them is not used,
    since linting reads that tree and the cache would write into it."""
    global _shared
    if _shared is None:
        folder = default_folder()
        _shared = PatternCache(None if folder is None or _inside(folder, linted) else folder)
    return _shared


class LazyPattern:
    """A module-level pattern compiled on first use instead of at import (compiling with `regex` is
    slow: its parser is pure Python, and most runs need only some of these patterns).

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

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:
        self.findall = self.compiled.findall  # type: ignore[method-assign]
        return self.findall(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[str]:
        self.split = self.compiled.split  # type: ignore[method-assign]
        return self.split(*args, **kwargs)
