"""Finding the files to lint and reading them into Documents.

Folders are walked in sorted order, skipping hidden entries, `.git`, `node_modules` and binary
files. Decoding honours a BOM (UTF-8, UTF-16, UTF-32), then tries UTF-8, then falls back to
Windows-1252 with a note, the usual encoding of copy pasted from Word on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})
BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".pdf",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".jar",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".o",
        ".a",
        ".pyc",
        ".class",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wav",
        ".ogg",
        ".webm",
        ".psd",
        ".ai",
        ".sketch",
        ".db",
        ".sqlite",
        ".bin",
        ".dat",
        ".docx",
        ".xlsx",
        ".pptx",
        ".doc",
        ".xls",
        ".ppt",
        ".odt",
    ]
)
STDIN = "-"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A file to lint; `explicit` when the user named it (then no extension filter applies)."""

    path: str
    explicit: bool


class SkippedFile(Exception):
    """A file that cannot be linted; the message is a note for the user, not a failure."""


def discover(paths: list[str]) -> tuple[list[Source], list[str]]:
    """Expand the user's paths into files; returns (sources, errors for paths that do not exist)."""
    sources: list[Source] = []
    errors: list[str] = []
    for raw in paths:
        if raw == STDIN:
            sources.append(Source(STDIN, True))
        elif os.path.isdir(raw):
            sources.extend(Source(p, False) for p in _walk(raw))
        elif os.path.exists(raw):
            sources.append(Source(raw, True))
        else:
            errors.append(f"{raw}: no such file or directory")
    return sources, errors


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in BINARY_SUFFIXES:
                yield os.path.join(root, name)


def read_document(source: Source) -> Document:
    """Read and decode one source; raises SkippedFile with a one-line reason."""
    try:
        if source.path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open(source.path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise SkippedFile(f"{source.path}: skipped, cannot read: {exc.strerror or exc}") from None
    text, note = decode(data)
    if text is None:
        raise SkippedFile(f"{source.path}: skipped, binary file")
    notes = [f"{source.path}: {note}"] if note else []
    return Document.from_text(text, source.path, notes)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and an optional note; (None, None) for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "not valid UTF-8, read as Windows-1252"
