"""Baselines: accept today's findings, report only new ones.

Findings are identified by their fingerprint (`findings.fingerprint`: path, rule, matched words and
sentence, never a line number). The baseline keeps a count per fingerprint, so a second copy of a
baselined claim is still reported as new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from ..errors import CopylintError
from ..findings import Finding
from ..readers.bounded import TooLarge, read_regular_file

BASELINE_VERSION = 1
MAX_BASELINE_BYTES = 256 * 2**20  # about a million findings


def write_baseline(path: Path, findings: list[Finding]) -> None:
    entries = [
        {"fingerprint": f.fingerprint, "path": f.path, "rule": f.rule, "match": f.match}
        for f in sorted(findings, key=Finding.sort_key)
        if f.fingerprint
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


def read_baseline(path: Path) -> Counter[str]:
    try:
        payload = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
        entries = payload["findings"]
        return Counter(str(entry["fingerprint"]) for entry in entries)
    except OSError as exc:
        raise CopylintError(f"cannot read baseline: {exc.strerror or exc}", str(path)) from None
    except TooLarge as exc:
        raise CopylintError(f"cannot read baseline: {exc}", str(path)) from None
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise CopylintError(f"not a copylint baseline ({type(exc).__name__}: {exc})", str(path)) from None


def filter_new(findings: list[Finding], remaining: Counter[str]) -> tuple[list[Finding], int]:
    """Findings not covered by the baseline, and how many were covered. `remaining` (fingerprint ->
    count still unused) is used up as it covers findings, so it can be passed file after file."""
    new: list[Finding] = []
    for finding in findings:
        if finding.fingerprint and remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
        else:
            new.append(finding)
    return new, len(findings) - len(new)
