"""Each file's outcome from earlier runs: linting a file that has not changed costs a read and a digest.

A run over a site where a few pages changed lints only those, as ruff's cache does. An entry is kept
under a digest of everything a file's outcome depends on: its bytes, the path its findings show, the
rules `per-file-ignores` turns off for it, whether its lines are kept for excerpts, and the engine's
rules as built and chosen (`Engine.fingerprint`); its folder is named by copylint's own code
(`cache.code_digest`), so another version never reads it. Entries are signed with this user's key
and read back as plain data, like the pattern cache (`cache.signed`, `cache.verified`): an entry
copylint did not write for this user is never used. An outcome with notes (a rule that ran out of
time, a guessed encoding) is not kept, nor one with more than MAX_ENTRY_FINDINGS findings (an entry
of megabytes: the store is sized for pages, MAX_ENTRIES of them). `--no-cache` leaves the store alone;
COPYLINT_NO_CACHE=1 turns off every cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import code_digest, digest_of, load_plain, signed, verified
from .findings import FINDING_FIELDS, Finding, Reference, Suppressed
from .private import read_private, trusted_folder, write_private

ENTRY_FORMAT = 1
MAX_ENTRY_FINDINGS = 2_000
MAX_ENTRIES = 20_000  # past this, the least recently used go (checked at most once a day)
KEPT_VERSIONS = 2  # folders of other copylint versions beyond this are removed
PRUNE_EVERY = 24 * 3600.0  # seconds
_REFERENCES = FINDING_FIELDS.index("references")
FOLDER_PREFIX = "results-"


@dataclass
class Stored:
    """A file's outcome as a run left it: its findings, those its directives waived, and the lines
    its findings are on (for excerpts)."""

    findings: list[Finding]
    suppressed: list[Suppressed]
    lines: dict[tuple[str, int], str]


class ResultStore:
    """The outcomes of files linted by one engine (`fingerprint`), kept in `folder` (the cache's)."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder / f"{FOLDER_PREFIX}{code_digest()}"
        self._fingerprint = fingerprint

    def key(self, path: str, ignored: list[str], excerpts: bool, data: bytes) -> str:
        """The digest an outcome is kept under (see the module's docstring)."""
        digest = hashlib.sha256(digest_of(ENTRY_FORMAT, self._fingerprint, path, ignored, excerpts).encode())
        digest.update(data)
        return digest.hexdigest()

    def holds(self, key: str) -> bool:
        """Whether an outcome is kept under `key` (one that verifies)."""
        return verified(read_private(self._entry(key))) is not None

    def get(self, key: str) -> Stored | None:
        """The outcome kept under `key`, or None (none kept, or one that does not verify or load)."""
        entry = self._entry(key)
        payload = verified(read_private(entry))
        if payload is None:
            return None
        try:
            stored = _stored(load_plain(payload))
        except Exception:  # a damaged or foreign entry: the file is linted again
            return None
        with suppress(OSError):
            os.utime(entry)  # recently used: pruning keeps it
        return stored

    def put(self, key: str, stored: Stored) -> None:
        """Keep an outcome; one that cannot be written is simply not kept."""
        if len(stored.findings) + len(stored.suppressed) > MAX_ENTRY_FINDINGS:
            return
        plain = (
            ENTRY_FORMAT,
            [_finding_values(f) for f in stored.findings],
            [(_finding_values(s.finding), s.reason, s.directive_line) for s in stored.suppressed],
            [(path, line, text) for (path, line), text in stored.lines.items()],
        )
        data = signed(pickle.dumps(plain, pickle.HIGHEST_PROTOCOL))
        entry = self._entry(key)
        try:
            entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if data is not None and trusted_folder(entry.parent):
                write_private(entry, data)
        except OSError:
            pass

    def prune(self) -> None:
        """At most once a day: remove the folders of other copylint versions but the newest, and the
        least recently used entries past MAX_ENTRIES."""
        marker = self.folder / "pruned"
        try:
            if time.time() - marker.stat().st_mtime < PRUNE_EVERY:
                return
        except OSError:
            pass
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            marker.touch()
            _remove_old_versions(self.folder)
            entries = sorted((entry.stat().st_mtime, entry) for entry in self.folder.glob("??/*"))
            for _, entry in entries[: max(0, len(entries) - MAX_ENTRIES)]:
                entry.unlink(missing_ok=True)
        except OSError:
            pass

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]


def _finding_values(finding: Finding) -> tuple[Any, ...]:
    values = [getattr(finding, name) for name in FINDING_FIELDS]
    values[_REFERENCES] = tuple((r.title, r.url) for r in finding.references)
    return tuple(values)


def _finding(values: Any) -> Finding:
    values = list(values)
    values[_REFERENCES] = tuple(Reference(title, url) for title, url in values[_REFERENCES])
    return Finding(*values)


def _stored(plain: Any) -> Stored:
    """An entry's plain data as an outcome; any other shape raises."""
    entry_format, findings, suppressed, lines = plain
    if entry_format != ENTRY_FORMAT:
        raise ValueError("another entry format")
    return Stored(
        [_finding(values) for values in findings],
        [Suppressed(_finding(values), reason, line) for values, reason, line in suppressed],
        {(path, line): text for path, line, text in lines},
    )


def _remove_old_versions(current: Path) -> None:
    others = sorted(
        (p for p in current.parent.glob(f"{FOLDER_PREFIX}*") if p != current and p.is_dir() and not p.is_symlink()),
        key=lambda folder: folder.stat().st_mtime,
    )
    for folder in others[: max(0, len(others) - KEPT_VERSIONS + 1)]:
        shutil.rmtree(folder, ignore_errors=True)
