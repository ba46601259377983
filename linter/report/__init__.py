"""Reporters: one module per output format, each a function (result, stream options) -> str;
line-based formats also render file by file, so a long run prints as it goes.

A reporter's module is imported when its format is asked for: a run prints one format.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding, LintResult

Reporter = Callable[["LintResult", bool], str]
FileReporter = Callable[[list["Finding"], dict[tuple[str, int], str], bool], str]
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


def reporter(output_format: str) -> Reporter:
    """The render function of an output format (one of FORMATS)."""
    render: Reporter = import_module(f"{__name__}.{FORMATS[output_format]}").render
    return render


def streamed_reporter(output_format: str) -> tuple[FileReporter, SummaryReporter]:
    """For a format in STREAMED: what renders one file's findings, and what renders the end."""
    module = import_module(f"{__name__}.{FORMATS[output_format]}")
    return module.render_findings, module.render_summary
