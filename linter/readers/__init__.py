"""Finding the files to lint and reading them into Documents.

Folders are walked in sorted order, skipping hidden entries, `.git`, `node_modules` and binary
files, and keeping only the formats copylint reads (a site's scripts, styles and data files are not
copy); config's `include` / `extend-include` change that, and a file named explicitly is always read.
Symlinked files in a folder are read; symlinked folders are not followed, so a link back to
a parent cannot make the walk recurse forever. A reader is picked by file suffix: it masks what a
reader of the page does not see (markup, code, URLs) so the engine and the line/column arithmetic
never know the format. Readers are imported on first use, so linting plain text never pays for the
HTML parser or python-docx.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..display import shown, shown_path
from ..text.document import Document
from .bounded import NotRegularFile, TooLarge, read_regular_file, read_stream
from .decoding import decode, utf8_first

__all__ = [
    "STDIN",
    "SkippedFile",
    "Source",
    "decode",
    "discover",
    "document_of",
    "linted_by_default",
    "read_bytes",
    "read_document",
    "read_text",
]

STDIN = "-"
MAX_STDIN_BYTES = 512 * 2**20  # a stream has no size to check first (/dev/zero never ends)
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})
# Readers of decoded text: a module in this package with `mask(text) -> (lintable, offsets, comments)`.
TEXT_READERS = {".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".html": "html", ".htm": "html"}
# Readers of bytes: a module with `extract(data) -> (text, Masked, notes)` (no comments; notes on
# what it could not read, without the file's path).
BINARY_READERS = {".docx": "docx"}
# What a folder walk lints unless config says otherwise: the formats above and plain text.
LINTED_SUFFIXES = frozenset({*TEXT_READERS, *BINARY_READERS, ".txt", ".text"})
BINARY_SUFFIXES = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tif", ".tiff", ".psd", ".ai", ".sketch"),
        *(".pdf", ".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".odt"),
        *(".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".jar", ".db", ".sqlite", ".bin", ".dat"),
        *(".exe", ".dll", ".so", ".dylib", ".o", ".a", ".pyc", ".class"),
        *(".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".mov", ".avi", ".wav", ".ogg", ".webm"),
    }
)


@dataclass(frozen=True)
class Source:
    """A file to lint; `explicit` when the user named it (then no extension filter applies);
    `name` is what standard input is called (`--stdin-filename`): its reader and its findings' path."""

    path: str
    explicit: bool
    name: str | None = None

    @property
    def shown_path(self) -> str:
        """The path its findings show (and are sorted by)."""
        return shown_path(self.name or self.path)


class SkippedFile(Exception):
    """A file that cannot be linted; the message is a note for the user, not a failure."""


def linted_by_default(path: str) -> bool:
    """Whether a folder walk lints this file when config names no `include`."""
    return Path(path).suffix.lower() in LINTED_SUFFIXES


def discover(
    paths: list[str], included: Callable[[str], bool] = linted_by_default, stdin_name: str | None = None
) -> tuple[list[Source], list[str], list[str]]:
    """Expand the user's paths into files; in folders, only the files `included` accepts. Returns
    the sources, errors for paths that cannot be resolved, and notes for folders that cannot be
    listed (skipped, like unreadable files)."""
    sources: list[Source] = []
    errors: list[str] = []
    notes: list[str] = []
    for raw in paths:
        if raw == STDIN:
            sources.append(Source(STDIN, True, stdin_name))
        elif os.path.isdir(raw):
            sources.extend(Source(p, False) for p in _walk(raw, notes) if included(p))
        else:
            try:
                os.stat(raw)
            except OSError as exc:  # missing, a dangling or looping symlink, a folder we may not enter
                reason = exc.strerror or "no such file or directory"
                errors.append(f"{shown(raw)}: {reason[:1].lower()}{reason[1:]}")
            else:
                sources.append(Source(raw, True))
    return sources, errors, notes


def _walk(folder: str, notes: list[str]) -> Iterator[str]:
    def unlisted(exc: OSError) -> None:
        notes.append(f"{shown(exc.filename or folder)}: skipped, cannot list folder: {exc.strerror or exc}")

    for root, dirs, files in os.walk(folder, onerror=unlisted, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in BINARY_SUFFIXES:
                yield os.path.join(root, name)


def read_document(source: Source) -> Document:
    """Read, decode and mask one source; raises SkippedFile with a one-line reason."""
    return document_of([read_bytes(source)], source)


def read_bytes(source: Source) -> bytes:
    """The bytes of one source (a file, or standard input); raises SkippedFile with a one-line reason."""
    try:
        if source.path == STDIN:
            return read_stream(sys.stdin.buffer, MAX_STDIN_BYTES)
        return read_regular_file(source.path)
    except (NotRegularFile, TooLarge) as refused:
        raise SkippedFile(f"{shown(source.path)}: skipped, {refused}") from None
    except OSError as exc:  # unreadable, vanished since it was found, a looping symlink
        raise SkippedFile(f"{shown(source.path)}: skipped, cannot read: {exc.strerror or exc}") from None


def document_of(owned: list[bytes], source: Source) -> Document:
    """Decode and mask the bytes `read_bytes` read, handed over as the only item of `owned` (taken
    from it: the caller holds no other reference, so a large file's bytes are let go as soon as
    its text is made); raises SkippedFile with a one-line reason."""
    in_notes = shown(source.path)
    path = source.shown_path
    suffix = _suffix(path)
    if suffix in BINARY_READERS:
        try:
            text, masked, notes = _reader(BINARY_READERS[suffix]).extract(owned.pop())  # no comments
        except SkippedFile as skipped:
            raise SkippedFile(f"{in_notes}: {skipped}") from None
        in_file = [f"{in_notes}: {note}" for note in notes]
        return Document.from_masked(text, masked.lintable, masked.offsets, path, in_file, blocks=masked.blocks)
    if TEXT_READERS.get(suffix, "text") == "text" and _reader("text").leaves_as_is(owned[0]) and utf8_first(owned[0]):
        document = Document.from_utf8(owned, path)  # takes the bytes (puts them back if they are not UTF-8)
        if document is not None:
            return document
    text, note = decode(owned.pop())  # the bytes, gone before the text is masked and normalised
    if text is None:
        raise SkippedFile(f"{in_notes}: skipped, binary file")
    return read_text(text, path, [f"{in_notes}: {note}"] if note else [])


def read_text(text: str, path: str = "<text>", notes: list[str] | None = None) -> Document:
    """A Document for decoded text, masked by the reader for `path`'s suffix (plain text otherwise)."""
    module = TEXT_READERS.get(_suffix(path), "text")
    masked = _reader(module).mask(text)
    return Document.from_masked(text, masked.lintable, masked.offsets, path, notes, masked.comments, masked.blocks)


def _suffix(path: str) -> str:
    return "" if path == STDIN else Path(path).suffix.lower()


def _reader(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")
