"""Baselines: accept today's findings, report only new ones.

A fingerprint is the path, the rule and the normalised matched words with their sentence (up to 200
characters each side), never a line number, so inserting lines above a baselined claim does not
resurrect it. The baseline keeps a count per fingerprint, so a second copy of a baselined claim is
still reported as new.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path, PurePath

from .cache import LazyPattern
from .errors import CopylintError
from .findings import Finding

BASELINE_VERSION = 1
_SPACE = LazyPattern(r"\s+")


@lru_cache(maxsize=64)
def _posix(path: str) -> str:
    return PurePath(path).as_posix()


def fingerprint(path: str, rule: str, match: str, sentence: str) -> str:
    import hashlib  # imported on first use: it loads OpenSSL, which a run without findings never needs

    key = "\0".join((_posix(path), rule, _normalised(match), _normalised(sentence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def write_baseline(path: Path, findings: list[Finding]) -> None:
    entries = [
        {"fingerprint": f.fingerprint, "path": f.path, "rule": f.rule, "match": f.match}
        for f in sorted(findings, key=Finding.sort_key)
        if f.fingerprint
    ]
    payload = {"version": BASELINE_VERSION, "findings": entries}
    try:
        path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CopylintError(f"cannot write baseline: {exc.strerror or exc}", str(path)) from None


def read_baseline(path: Path) -> Counter[str]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        entries = payload["findings"]
        return Counter(str(entry["fingerprint"]) for entry in entries)
    except OSError as exc:
        raise CopylintError(f"cannot read baseline: {exc.strerror or exc}", str(path)) from None
    except (ValueError, KeyError, TypeError) as exc:
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
