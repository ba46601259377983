"""Errors a user can act on: each renders as one line naming the file (and line)."""

from __future__ import annotations


class CopylintError(Exception):
    """A problem with the user's input (rule pack, config, path) that stops the run with exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"
