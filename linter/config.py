"""Configuration: `.copylint.yaml`, or `[tool.copylint]` in `pyproject.toml`.

Found in the working directory or its parents (the nearest wins), or named with --config.
Command-line options override the file. The file is validated against a JSON Schema so an unknown
key or a bad value is an error naming the file, line and key, never silently ignored.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .cache import PatternCache, shared_cache
from .errors import CopylintError
from .readers import linted_by_default
from .repository import in_repository, repository_root, within

CONFIG_FILE = ".copylint.yaml"
PYPROJECT = "pyproject.toml"


@dataclass
class Config:
    """Settings from a config file; `root` is the folder relative paths and globs refer to."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    rules: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    include: list[str] | None = None  # None: the formats copylint reads (`readers.linted_by_default`)
    extend_include: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    vocab: dict[str, list[str]] = field(default_factory=dict)
    research_documents: str = "skip"  # or "lint": check documents that read as research papers too

    def is_excluded(self, path: str) -> bool:
        return any(_glob_match(self._relative(path), pattern) for pattern in self.exclude)

    def is_included(self, path: str) -> bool:
        """Whether a folder walk lints `path` (a file named explicitly is linted regardless)."""
        relative = self._relative(path)
        if self.include is None:
            chosen = linted_by_default(path)
        else:
            chosen = any(_glob_match(relative, pattern) for pattern in self.include)
        return chosen or any(_glob_match(relative, pattern) for pattern in self.extend_include)

    def ignored_for(self, path: str) -> list[str]:
        """Selectors that per-file-ignores switch off for `path`."""
        relative = self._relative(path)
        return [
            selector
            for pattern, selectors in self.per_file_ignores.items()
            if _glob_match(relative, pattern)
            for selector in selectors
        ]

    def line_of(self, *key_path: str | int) -> int | None:
        """The line of a key in the file. Parsed again, since only an error needs it: some keys
        (`severity`'s) can be checked only once the rules are loaded, and the cached settings keep no lines."""
        if self.path is None:
            return None
        return _parsed(self.path, self.path.read_text(encoding="utf-8-sig"))[1](key_path)

    def _relative(self, path: str) -> str:
        absolute = Path(path).absolute()
        try:
            return absolute.relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _glob_match(relative: str, pattern: str) -> bool:
    """A glob matches the path itself, any folder above it, or (without a slash) its file name."""
    pattern = pattern.rstrip("/")
    parts = PurePosixPath(relative).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if "/" not in pattern:
        candidates += list(parts)
    return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.copylint.yaml`, or `pyproject.toml` with a [tool.copylint] table."""
    folder = (start or Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "[tool.copylint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: Path | None, cache: PatternCache | None = None) -> Config:
    """Read and validate a config file; None gives the defaults. A text validated before comes
    from `cache` (default: the process's cache)."""
    if path is None:
        return Config()
    if not path.is_file():
        raise CopylintError("config file not found", str(path))
    if not within(path, repository_root(path.parent)):
        raise CopylintError("config file is a symlink to a file outside its repository; not read", str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CopylintError(f"cannot read config: {exc}", str(path)) from None
    data = _validated_data(path, text, cache or shared_cache())
    root = path.parent
    return Config(
        path=path,
        root=root,
        select=list(data.get("select", [])),
        ignore=list(data.get("ignore", [])),
        severity=dict(data.get("severity", {})),
        fail_on=data.get("fail-on"),
        rules=[root / p for p in data.get("rules", [])],
        exclude=list(data.get("exclude", [])),
        include=list(data["include"]) if "include" in data else None,
        extend_include=list(data.get("extend-include", [])),
        per_file_ignores={k: list(v) for k, v in data.get("per-file-ignores", {}).items()},
        vocab={k: list(v) for k, v in data.get("vocab", {}).items()},
        research_documents=data.get("research-documents", "skip"),
    )


def _validated_data(path: Path, text: str, cache: PatternCache) -> dict[str, Any]:
    """The file's settings, parsed and validated; a text validated before comes from the cache (so a
    run with an unchanged config imports neither the parsers nor `jsonschema`)."""
    key = "config:" + repr((path.name, text))
    cached = cache.built(key)
    if isinstance(cached, dict):
        return cached
    data, line_of = _parsed(path, text)
    if not isinstance(data, dict):
        raise CopylintError("the configuration must be a mapping of keys to values", str(path), 1)
    _validate(data, path, line_of)
    cache.store_built(key, data)
    return data


def _parsed(path: Path, text: str) -> tuple[Any, Callable[[tuple[str | int, ...]], int | None]]:
    """The file's data, and the line of a key path in it."""
    if path.name == PYPROJECT:
        return _from_pyproject(text, path)
    from .yaml_loader import load_yaml

    loaded = load_yaml(text, str(path))
    return loaded.data if loaded.data is not None else {}, loaded.line_of


def _from_pyproject(text: str, path: Path) -> tuple[Any, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CopylintError(f"invalid TOML: {exc}", str(path)) from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise CopylintError("invalid TOML: exceeded maximum nesting depth", str(path)) from None
    data = document.get("tool", {}).get("copylint", {})
    lines = text.splitlines()

    def line_of(key_path: tuple[str | int, ...]) -> int | None:
        """TOML keeps no positions: find the key's line inside the [tool.copylint] tables."""
        if not key_path:
            return next((i + 1 for i, line in enumerate(lines) if line.strip().startswith("[tool.copylint")), None)
        key = str(key_path[0])
        in_table = False
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                in_table = stripped.startswith("[tool.copylint")
            elif in_table and stripped.split("=", 1)[0].strip().strip('"') == key:
                return number
        return line_of(())

    return data, line_of


def _validate(data: dict[str, Any], path: Path, line_of: Any) -> None:
    from .schemas import first_error

    error = first_error(data, "config.schema.json", quote_values=in_repository(path))
    if error is None:
        return
    message, key_path = error
    if key_path and not message.startswith("unknown key"):
        message = f"{'.'.join(map(str, key_path))}: {message}"
    raise CopylintError(message, str(path), line_of(key_path))
