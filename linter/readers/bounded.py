"""Reading input that could block or never end: a FIFO or a device named as a file, standard input
fed from /dev/zero. Regular files are read whole (copylint has no file size limit); a stream is
read up to a limit, so it cannot take all memory before it is refused."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

CHUNK = 2**20


class NotRegularFile(OSError):
    """A FIFO, device or socket: reading it could block or never end."""

    def __init__(self) -> None:
        super().__init__("not a regular file")
        self.strerror = "not a regular file"


class TooLarge(ValueError):
    """A stream longer than its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {limit // 2**20} MB")


def read_regular_file(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """A file's bytes (up to `limit`); FIFOs, devices and sockets are refused without blocking on them."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile
        return handle.read() if limit is None else read_stream(handle, limit)


def read_stream(handle: BinaryIO, limit: int) -> bytes:
    """All of `handle`, or TooLarge once it passes `limit` bytes (having held at most one chunk more)."""
    chunks, size = [], 0
    while chunk := handle.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)
