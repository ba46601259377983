"""Finding and reading rule packs: the built-in ones and the user's, validated and cached.

Built-in packs are validated by the test suite, not at start-up (JSON-Schema validation and
`jsonschema`'s import are the slowest part of a run); user packs are validated whenever they
change. Built packs are cached as plain data keyed by the packs' exact text, so a run whose packs
did not change neither parses YAML nor builds a pattern (nor imports the modules that do).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..cache import PatternCache, entry_name
from ..errors import CopylintError
from ..repository import in_repository
from .model import MODEL_SUFFIX, RulePack

PACK_SUFFIXES = (".yaml", ".yml")
BUILT_FORMAT = 8  # part of the key of cached built packs: change it when what `to_plain` stores changes
_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_pack_folder() -> Path:
    """Where the built-in packs are: `linter/builtin_rules` in an installed wheel, `rules/` beside the
    package in a source checkout (editable installs included). A plain path, not an import, so a
    checkout runs without installing."""
    installed = _PACKAGE / "builtin_rules"
    return installed if installed.is_dir() else _PACKAGE.parent / "rules"


def builtin_pack_paths() -> list[Path]:
    return sorted(p for p in builtin_pack_folder().iterdir() if p.name.endswith(PACK_SUFFIXES))


def expand_pack_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders contribute their *.yaml / *.yml files in name order."""
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file()))
        elif path.is_file():
            result.append(path)
        else:
            raise CopylintError("rule pack not found", str(raw))
    return result


def load_packs(
    user_paths: list[str | Path] | None = None,
    builtin: bool = True,
    extra_vocab: dict[str, list[str]] | None = None,
    cache: PatternCache | None = None,
) -> list[RulePack]:
    """Load built-in and user packs; each reads vocabularies through its own names (`vocab.py`).

    The packs' text is read every time; when it is exactly what a cached build was made from
    (same files, same text, same extra vocabulary), the cached build is used. Without a `cache`,
    the process's cache (`cache.shared_cache()`).
    """
    return load_packs_with_digest(user_paths, builtin, extra_vocab, cache)[0]


def load_packs_with_digest(
    user_paths: list[str | Path] | None = None,
    builtin: bool = True,
    extra_vocab: dict[str, list[str]] | None = None,
    cache: PatternCache | None = None,
) -> tuple[list[RulePack], str]:
    """`load_packs`, and a digest of everything they were built from (the packs' paths and text,
    the extra vocabulary, the models beside them): what an engine's `fingerprint` starts from."""
    from ..cache import shared_cache

    cache = cache or shared_cache()
    files = [(p, True) for p in builtin_pack_paths()] if builtin else []
    files += [(p, False) for p in expand_pack_paths(list(user_paths or []))]
    inputs = [(str(path), is_builtin, _read_pack_text(path)) for path, is_builtin in files]
    models = _model_digests(path.parent for path, _ in files)
    key = f"packs:{BUILT_FORMAT}:" + repr((inputs, sorted((extra_vocab or {}).items()), models))
    digest = entry_name(key)
    cached = cache.built(key)
    if cached is not None:
        try:
            return [RulePack.from_plain(plain) for plain in cached], digest
        except (KeyError, TypeError, ValueError):  # a damaged entry is simply built again
            pass
    packs = _build(inputs, extra_vocab)
    cache.store_built(key, [pack.to_plain() for pack in packs])
    return packs, digest


def _build(inputs: list[tuple[str, bool, str]], extra_vocab: dict[str, list[str]] | None) -> list[RulePack]:
    from ..yaml_loader import load_yaml  # YAML is parsed only when the packs are not in the cache
    from .build import ParsedPack, build_packs

    parsed = []
    for source, is_builtin, text in inputs:
        loaded = load_yaml(text, source)
        if not isinstance(loaded.data, dict):
            raise CopylintError("a rule pack must be a mapping with 'pack', 'vocab' and 'rules'", source, 1)
        if not is_builtin:
            validate_pack(loaded, source)
        parsed.append(ParsedPack(source, loaded, is_builtin))
    try:
        return build_packs(parsed, extra_vocab)
    except CopylintError as exc:
        if exc.path is None or in_repository(exc.path):
            raise
        hidden = "invalid rule (its values are not shown: the file is outside the repository)"
        raise CopylintError(hidden, exc.path, exc.line) from None


def _model_digests(folders: Iterable[Path]) -> list[tuple[str, str]]:
    """The model files a pack may name (beside it) with a digest of their contents: part of the key of
    cached built packs, so a retrained or replaced model is never met by a build made with another."""
    digests = []
    for folder in sorted(set(folders)):
        for path in sorted(folder.glob(f"*{MODEL_SUFFIX}")):
            try:
                digests.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
            except OSError:  # unreadable: building the pack that names it says so
                digests.append((str(path), ""))
    return digests


def _read_pack_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CopylintError(f"cannot read rule pack: {exc}", str(path)) from None


def validate_pack(loaded: Any, source: str) -> None:
    """JSON-Schema validation of a parsed pack (`LoadedYaml`); the first error is reported with its
    line and rule id (for a file from outside the repository: its place, not its values)."""
    from ..schemas import first_error

    quote_values = in_repository(source)
    error = first_error(loaded.data, "rule-pack.schema.json", quote_values)
    if error is None:
        return
    message, path = error
    where = _describe_path(path[:-1] if message.startswith("unknown key") else path, loaded.data, quote_values)
    raise CopylintError(f"{where}{message}", source, loaded.line_of(path))


def _describe_path(path: tuple[str | int, ...], data: Any, quote_values: bool) -> str:
    """'rule safety-absolute/x: match.phrases[0]: ' for an error inside a rule ('rule #3' where
    its id may not be quoted)."""
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rule = data["rules"][path[1]]
        number = f"#{path[1] + 1}"
        rule_id = rule.get("id", number) if isinstance(rule, dict) and quote_values else number
        rest = _dotted(path[2:])
        return f"rule {rule_id}: " + (f"{rest}: " if rest else "")
    dotted = _dotted(path)
    return f"{dotted}: " if dotted else ""


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
