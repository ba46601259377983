"""Reporters: one module per output format, each a function (result, stream options) -> str."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import LintResult
from . import github, json_report, sarif, text

Reporter = Callable[[LintResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}
