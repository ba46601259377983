"""A progress line on stderr while a long run prints nothing (JSON, SARIF, HTML and Markdown are
written at the end): only on a terminal, only once the run has taken a while, and erased when done,
so logs, pipes and CI output never see it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 0.5  # seconds before the first update: a short run shows nothing
INTERVAL = 0.1  # seconds between updates
_ERASE_LINE = "\r\x1b[K"


def progress_line(stream: TextIO, clock: Callable[[], float] = time.monotonic) -> Callable[[int, int], None] | None:
    """A callback `(files done, files in all)` that keeps one line up to date on `stream`, or None
    when `stream` is not a terminal."""
    if not stream.isatty():
        return None
    started = clock()
    last_shown = [0.0]

    def show(done: int, total: int) -> None:
        now = clock()
        if done >= total:
            if last_shown[0]:
                stream.write(_ERASE_LINE)
                stream.flush()
            return
        if now - started < DELAY or now - last_shown[0] < INTERVAL:
            return
        last_shown[0] = now
        stream.write(f"{_ERASE_LINE}copylint: linted {done} of {total} files")
        stream.flush()

    return show
