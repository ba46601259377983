"""Reporters: one module per output format, each a function (result, stream options) -> str.
The command writes a report in pieces as they are made, so it never holds a large one whole:
line-based formats a finding at a time, file by file, so a long run prints as it goes; JSON and
SARIF a finding at a time at the end (`pieces`); the others whole.

A reporter's module is imported when its format is asked for: a run prints one format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding, LintResult

Reporter = Callable[["LintResult", bool], str]
PieceReporter = Callable[["LintResult", bool], Iterable[str]]
FileReporter = Callable[[list["Finding"], dict[tuple[str, int], str], bool], Iterable[str]]
SummaryReporter = Callable[["LintResult"], str]

FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "html": "html",
    "markdown": "markdown",
}
STREAMED = ("text", "concise", "github")  # formats printed file by file (JSON and SARIF are one document)
COLORED = ("text", "concise")  # formats that may use colour on a terminal
VIEWED = ("html",)  # formats that show each page as a reader sees it (`LintResult.views`)


def plural(count: int, word: str) -> str:
    """`1 finding`, `2 findings`: every report counts things in words."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def piece_reporter(output_format: str) -> PieceReporter:
    """The report of an output format in the pieces it can be written in (the whole of it, for a
    format without `pieces`)."""
    module = import_module(f"{__name__}.{FORMATS[output_format]}")
    pieces: PieceReporter | None = getattr(module, "pieces", None)
    if pieces is not None:
        return pieces
    render: Reporter = module.render
    return lambda result, color: (render(result, color),)


def streamed_reporter(output_format: str) -> tuple[FileReporter, SummaryReporter]:
    """For a format in STREAMED: what renders one file's findings (a finding at a time), and what
    renders the end."""
    module = import_module(f"{__name__}.{FORMATS[output_format]}")
    return module.finding_pieces, module.render_summary
