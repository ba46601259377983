"""The progress line: on a terminal only, after a delay, and erased at the end."""

import io

from linter.progress import DELAY, progress_line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_written_when_stderr_is_not_a_terminal():
    assert progress_line(io.StringIO()) is None


def test_a_short_run_shows_nothing():
    terminal, clock = Terminal(), Clock()
    show = progress_line(terminal, clock)
    for done in range(1, 11):
        show(done, 10)
    assert terminal.getvalue() == ""


def test_a_long_run_updates_one_line_and_erases_it():
    terminal, clock = Terminal(), Clock()
    show = progress_line(terminal, clock)
    clock.now += DELAY + 0.01
    show(3, 10)
    show(4, 10)  # too soon after the last update
    clock.now += 0.2
    show(5, 10)
    show(10, 10)
    assert terminal.getvalue() == (
        "\r\x1b[Kcopylint: linted 3 of 10 files\r\x1b[Kcopylint: linted 5 of 10 files\r\x1b[K"
    )
