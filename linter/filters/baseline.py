"""Baselines: accept today's findings, report only new ones.

An entry names its finding's path relative to the baseline file's folder (posix), and its
fingerprint is the finding's identity at that path (`findings.rule_finding`, `findings.located`: rule,
matched words and sentence, never a line number), so the baseline holds from any working directory
and with relative or absolute paths. A folder in either path is resolved (a symlinked working
directory changes nothing); a file's own name is kept. The baseline keeps a count per fingerprint,
so a second copy of a baselined claim is still reported as new.

Version 1 baselines wrote paths as typed on the command line, fingerprinted as typed. An entry of
one still matches a finding whose path is typed the same way by that fingerprint; otherwise, its
path taken relative to the current directory, it matches a finding in that file with the same rule
and matched words (its sentence cannot be checked without the old spelling). Writing the baseline
again gives version 2.
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CopylintError
from ..findings import Finding, as_posix, located
from ..readers.bounded import TooLarge, read_regular_file

BASELINE_VERSION = 2
MAX_BASELINE_BYTES = 256 * 2**20  # about a million findings


def write_baseline(path: Path, findings: list[Finding]) -> None:
    places = _Places(_folder(path))
    placed = [(places.relative(f.path), f) for f in findings if f.identity]
    entries = [
        {"fingerprint": located(relative, f.identity), "path": relative, "rule": f.rule, "match": f.match}
        for relative, f in sorted(placed, key=lambda pair: (pair[0], pair[1].line, pair[1].column, pair[1].rule))
    ]
    payload = {"version": BASELINE_VERSION, "findings": entries}
    if path.is_symlink():  # writing through it would overwrite whatever file it points to
        raise CopylintError("cannot write baseline: it is a symlink; not written", str(path))
    try:
        # O_NOFOLLOW: a symlink put there after the check is refused too, never followed
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise CopylintError(f"cannot write baseline: {exc.strerror or exc}", str(path)) from None


def read_baseline(path: Path) -> Baseline:
    try:
        payload = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
        return Baseline.from_payload(payload, _Places(_folder(path)))
    except OSError as exc:
        raise CopylintError(f"cannot read baseline: {exc.strerror or exc}", str(path)) from None
    except TooLarge as exc:
        raise CopylintError(f"cannot read baseline: {exc}", str(path)) from None
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise CopylintError(f"not a copylint baseline ({type(exc).__name__}: {exc})", str(path)) from None


class _Places:
    """Where paths point: absolute, with their folders resolved (symlinks followed) and their own
    names kept, and relative to a baseline's folder; worked out once per path."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._absolute: dict[str, str] = {}

    def absolute(self, path: str) -> str:
        if path not in self._absolute:
            head, name = os.path.split(os.path.abspath(path))
            self._absolute[path] = os.path.join(os.path.realpath(head), name)
        return self._absolute[path]

    def relative(self, path: str) -> str:
        return as_posix(os.path.relpath(self.absolute(path), self.folder))


def _folder(baseline: Path) -> str:
    return os.path.realpath(os.path.dirname(os.path.abspath(baseline)))


@dataclass
class Baseline:
    """The findings a baseline accepts, used up as they cover findings (`unused` gives a fresh copy).

    `fingerprints` counts version 2 entries; `legacy` holds version 1 entries by (absolute file,
    rule, match), each as (path as typed, fingerprint).
    """

    places: _Places
    fingerprints: Counter[str] = field(default_factory=Counter)
    legacy: dict[tuple[str, str, str], list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def from_payload(cls, payload: Any, places: _Places) -> Baseline:
        entries = payload["findings"]
        version = payload.get("version", 1)
        if version == BASELINE_VERSION:
            return cls(places, Counter(str(entry["fingerprint"]) for entry in entries))
        if version != 1:
            raise ValueError(f"unknown version {version!r}")
        baseline = cls(places)
        for entry in entries:
            path = str(entry["path"])
            key = (places.absolute(path), str(entry["rule"]), str(entry["match"]))
            baseline.legacy.setdefault(key, []).append((as_posix(path), str(entry["fingerprint"])))
        return baseline

    def unused(self) -> Baseline:
        return copy.deepcopy(self)

    def covers(self, finding: Finding) -> bool:
        """Whether an unused entry accepts the finding; that entry is then used."""
        if not finding.identity:
            return False
        fingerprint = located(self.places.relative(finding.path), finding.identity)
        if self.fingerprints[fingerprint] > 0:
            self.fingerprints[fingerprint] -= 1
            return True
        entries = self.legacy.get((self.places.absolute(finding.path), finding.rule, finding.match), [])
        typed = as_posix(finding.path)
        for index, (path, old_fingerprint) in enumerate(entries):
            if path != typed or old_fingerprint == finding.fingerprint:  # typed alike: as before
                del entries[index]
                return True
        return False


def filter_new(findings: list[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """Findings not covered by the baseline, and how many were covered. `baseline` is used up as it
    covers findings, so it can be passed file after file."""
    new = [finding for finding in findings if not baseline.covers(finding)]
    return new, len(findings) - len(new)
