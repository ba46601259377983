"""Reporters: one module per output format, each a function (result, stream options) -> str.

A reporter's module is imported when its format is asked for: a run prints one format.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import LintResult

Reporter = Callable[["LintResult", bool], str]

FORMATS: dict[str, str] = {"text": "text", "json": "json_report", "sarif": "sarif", "github": "github"}


def reporter(output_format: str) -> Reporter:
    """The render function of an output format (one of FORMATS)."""
    return import_module(f"{__name__}.{FORMATS[output_format]}").render
