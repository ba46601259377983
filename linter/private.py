"""Files only this user could have written: what copylint reads back as trusted (the cache, its key).

Anyone who can place a file where copylint looks for its cache could change what it reports, so a
folder is trusted only when no part of its path is a symlink (checked with `lstat`, so a link
planted anywhere along the path cannot redirect it), every part is owned by this user or root, and
none is writable by others. The one exception is a root-owned sticky folder above it, like /tmp:
there others can add names but cannot rename or remove ours. Files are opened without following
a symlink and checked on the open descriptor, so nothing can be swapped in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

KEY_BYTES = 32
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
_OTHERS_ANY = stat.S_IRWXG | stat.S_IRWXO


def _owned(info: os.stat_result, root_too: bool = False) -> bool:
    if not hasattr(os, "getuid"):  # pragma: no cover - no owners to compare (Windows)
        return True
    return info.st_uid == os.getuid() or (root_too and info.st_uid == 0)


def trusted_folder(folder: Path) -> bool:
    """Whether `folder` (which may not exist yet) and every folder above it pass the checks above."""
    path = Path(os.path.abspath(folder))
    for part in (path, *path.parents):
        try:
            info = os.lstat(part)
        except FileNotFoundError:  # made later, mode 0700; checked again before each use
            continue
        except OSError:
            return False
        if not stat.S_ISDIR(info.st_mode) or not _owned(info, root_too=True):  # a symlink is not S_ISDIR
            return False
        sticky_above = part != path and info.st_uid == 0 and info.st_mode & stat.S_ISVTX
        if info.st_mode & _OTHERS_WRITE and not sticky_above:
            return False
    return True


def read_private(path: Path) -> bytes | None:
    """The content of a regular file of this user's that nobody else may read or write, or None."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or not _owned(info) or info.st_mode & _OTHERS_ANY:
            return None
        return file.read()


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, as a file only this user can read (mode 0600)."""
    import tempfile  # only a run that writes the file needs it (start-up)

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def user_key(folder: Path) -> bytes | None:
    """This user's secret key in `folder` (32 random bytes, made on first use in a 0700 folder), or
    None where it cannot be kept private. A key written by someone else is never used."""
    path = folder / "key"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not trusted_folder(folder):
        return None
    key = read_private(path)
    if key is None and not path.exists():
        try:
            import secrets
            import tempfile

            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(temporary, path)  # whole or not at all; a key made at the same time wins
            finally:
                os.unlink(temporary)
        except FileExistsError:
            pass
        except OSError:
            return None
        key = read_private(path)
    return key if key is not None and len(key) == KEY_BYTES else None
