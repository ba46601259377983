"""Rewrites a person reviews: `--diff` shows them, `--fix` applies them (ruff's fix-safety model).

A rule may carry a span-level `replace`: words that say the same thing without the claim. A fix
marked `safe` in its rule keeps the sentence grammatical wherever the rule matches, and `--fix`
applies it; an `unsafe` one may need the sentence reread, and is applied only with
`--unsafe-fixes`. A fix touches page text only: never markup, code, a comment or an entity. A
finding's words must be one stretch of the file that a reader sees as written (no tag, no
Markdown emphasis, no character reference inside them), or the fix is refused with a note.
Files are rewritten whole and atomically, in the encoding they were read in (UTF-8, with its
byte-order mark if it had one); .docx files and standard input are never rewritten.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .display import shown
from .findings import Finding
from .readers import BINARY_READERS, STDIN, TEXT_READERS, read_text
from .readers.bounded import read_regular_file
from .text.document import Document

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` (offsets in the file's decoded text)."""

    start: int
    end: int
    replacement: str
    finding: Finding


@dataclass
class FileFix:
    """One file's fixes: its text before and after, and what it is written back as."""

    path: str
    before: str
    after: str
    edits: list[Edit]
    byte_order_mark: bool = False

    def diff(self) -> str:
        """A unified diff of the file's fixes (`a/` and `b/` prefixes, as git shows them)."""
        name = shown(self.path)
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{name.lstrip('/')}",  # as git shows an absolute path
            f"b/{name.lstrip('/')}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines
        )

    def write(self) -> None:
        """Replace the file with its fixed text, atomically (a reader never sees half a file), keeping its mode."""
        data = (_UTF8_BOM if self.byte_order_mark else b"") + self.after.encode("utf-8")
        folder = os.path.dirname(self.path) or "."
        mode = os.stat(self.path).st_mode & 0o7777
        handle, temporary = tempfile.mkstemp(prefix=".copylint-fix-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, mode)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@dataclass
class FixPlan:
    """What `--fix` would do: the files it rewrites, notes on fixes it refused, and how many
    unsafe fixes it left out."""

    files: list[FileFix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unsafe_left: int = 0

    @property
    def fixed(self) -> int:
        return sum(len(f.edits) for f in self.files)


def plan_fixes(findings: Iterable[Finding], unsafe: bool = False) -> FixPlan:
    """The fixes of `findings` whose rule has a replacement (unsafe ones only with `unsafe`),
    grouped by file; each file is read again to place them."""
    plan = FixPlan()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.replacement is None:
            continue
        if not finding.fix_safe and not unsafe:
            plan.unsafe_left += 1
            continue
        by_path.setdefault(finding.path, []).append(finding)
    for path, fixable in by_path.items():
        file_fix = _file_fix(path, fixable, plan.notes)
        if file_fix is not None and file_fix.edits:
            plan.files.append(file_fix)
    return plan


def _file_fix(path: str, findings: list[Finding], notes: list[str]) -> FileFix | None:
    refused = f"{shown(path)}: {len(findings)} fix{'es' if len(findings) > 1 else ''} not applied"
    if path == STDIN or Path(path).suffix.lower() in BINARY_READERS:
        notes.append(f"{refused}: copylint rewrites only text files (not standard input or .docx)")
        return None
    if os.path.islink(path):
        notes.append(f"{refused}: the file is a symbolic link")
        return None
    try:
        data = read_regular_file(path)
    except OSError as exc:
        notes.append(f"{refused}: cannot read it again: {exc.strerror or exc}")
        return None
    bom = data.startswith(_UTF8_BOM)
    try:
        text = data[len(_UTF8_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        notes.append(f"{refused}: the file is not UTF-8")
        return None
    edits, problems = text_edits(read_text(text, path), findings)
    notes.extend(problems)
    return FileFix(path, text, apply_edits(text, edits), edits, bom)


def text_edits(doc: Document, findings: Iterable[Finding]) -> tuple[list[Edit], list[str]]:
    """The edits that replace each finding's words in `doc.text` by its rule's replacement, and a
    note for each that cannot be applied (words across markup, or overlapping an earlier fix)."""
    edits: list[Edit] = []
    notes: list[str] = []
    for finding in sorted(findings, key=lambda f: (f.line, f.column, f.rule)):
        if finding.replacement is None:
            continue
        start = _offset(doc, finding.line, finding.column)
        end = _offset(doc, finding.end_line, finding.end_column)
        where = f"{shown(finding.path)}:{finding.line}:{finding.column}: {shown(finding.rule)}: fix not applied"
        if not _plain_text(doc, start, end):
            notes.append(f"{where}: the words run across markup")
        elif _in_tag(doc, start):
            notes.append(f"{where}: the words are in an attribute, not in the page's text")
        elif edits and start < edits[-1].end:
            notes.append(f"{where}: it overlaps another fix (run --fix again)")
        else:
            edits.append(Edit(start, end, matched_case(finding.replacement, doc.text[start:end]), finding))
    return edits, notes


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping edits, sorted by position, applied."""
    parts: list[str] = []
    at = 0
    for edit in edits:
        parts += [text[at : edit.start], edit.replacement]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def matched_case(replacement: str, words: str) -> str:
    """The replacement cased like the words it replaces: capitalised at a sentence start, in
    capitals if the words were shouted; otherwise as the rule wrote it."""
    letters = [c for c in words if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and words.lstrip()[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _offset(doc: Document, line: int, column: int) -> int:
    """The offset in `doc.text` of a finding's 1-based line and column."""
    return doc.line_starts[line - 1] + column - 1


def _in_tag(doc: Document, start: int) -> bool:
    """Whether an offset of an HTML or Markdown file is inside a tag (an attribute a reader sees, such as `title`)."""
    if Path(doc.path).suffix.lower() not in TEXT_READERS:
        return False
    return doc.text.rfind("<", 0, start) > doc.text.rfind(">", 0, start)


def _plain_text(doc: Document, start: int, end: int) -> bool:
    """Whether `doc.text[start:end]` is text a reader sees as written: every character maps one
    to one into the lintable text, and none of it was blanked out as markup."""
    first = doc.lintable_offset(start)
    if doc.offsets is not None and not doc.offsets.is_copy(first, start, end):
        return False
    seen = doc.lintable[first : first + end - start]
    return len(seen) == end - start and not any(
        shown_as == " " and not written.isspace() for shown_as, written in zip(seen, doc.text[start:end], strict=True)
    )
