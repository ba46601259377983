"""Which files belong to the repository being checked, for what an error may show of them.

A config or rule pack can name, or be a symlink to, any file on the machine (a key, a password
file), and an error that quoted a value from it would print that file's content. So a config that
is a symlink out of its repository is not read at all, and an error about a file outside the
repository names the file, line and key but never a value read from it.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROJECT_FILES = (".copylint.yaml", "pyproject.toml")


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `.git`; without one, the nearest that holds
    a project file (where a config is found); else `start` itself."""
    start = Path(os.path.abspath(start))
    folders = (start, *start.parents)
    for markers in ((".git",), _PROJECT_FILES):
        found = next((f for f in folders if any((f / marker).exists() for marker in markers)), None)
        if found is not None:
            return found
    return start


def within(path: Path | str, root: Path) -> bool:
    """Whether `path`, with every symlink followed, lies inside `root`."""
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, real_root]) == real_root


def in_repository(path: Path | str) -> bool:
    """Whether the file `path` lies inside the repository of the working folder (values from it may
    be quoted in an error)."""
    return within(path, repository_root(Path.cwd()))
