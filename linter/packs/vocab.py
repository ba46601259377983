"""Vocabularies belong to the pack that defines them, so two packs' lists of the same name never merge
by accident, and the shared lists live in one place, the `lexicon` pack.

A pack writes `{name}` for its own list, falling back to the lexicon's; `{pack.name}` names another
pack's list. A pack (or the config's `vocab:`) that lists terms under a lexicon name, or under a
qualified name (`lexicon.products`, `clinic-extra.brands`), adds them to that list: this is how a
clinic's brand names join `products` for every built-in rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..errors import CopylintError

if TYPE_CHECKING:
    from .build import ParsedPack

SHARED = "lexicon"  # the pack whose lists every pack reaches by their plain names


class Vocabularies:
    """Every pack's lists under qualified names ("lexicon.products", "fda-status.regulators")."""

    def __init__(self, parsed: list[ParsedPack], extra: Mapping[str, list[str]] | None) -> None:
        self._lists: dict[str, list[str]] = {}
        shared = [pack for pack in parsed if pack.data.get("pack") == SHARED]
        for pack in shared:
            for name, terms in (pack.data.get("vocab") or {}).items():
                self._lists.setdefault(f"{SHARED}.{name}", []).extend(terms)
        for name, terms in (extra or {}).items():
            if "." not in name:
                self._lists.setdefault(f"{SHARED}.{name}", []).extend(terms)
        shared_names = {key.split(".", 1)[1] for key in self._lists}
        additions: list[tuple[str, list[str], ParsedPack | None]] = []
        for pack in parsed:
            if pack in shared:
                continue
            for name, terms in (pack.data.get("vocab") or {}).items():
                if "." in name:
                    additions.append((name, terms, pack))
                else:
                    owner = SHARED if name in shared_names else pack.data["pack"]
                    self._lists.setdefault(f"{owner}.{name}", []).extend(terms)
        additions += [(name, terms, None) for name, terms in (extra or {}).items() if "." in name]
        for name, terms, source in additions:  # qualified names add to lists that exist by now
            if name not in self._lists:
                raise _undefined(name, source)
            self._lists[name].extend(terms)

    def of(self, pack: str) -> PackVocabulary:
        """The lists as `pack`'s terms name them."""
        return PackVocabulary(self._lists, pack)


class UndefinedVocabulary(CopylintError):
    """The config's `vocab` adds to a qualified list that no loaded pack defines; `name` lets a
    caller that knows where the config is say where it was written."""

    def __init__(self, name: str) -> None:
        super().__init__(f"vocab: '{name}' adds to a list that no loaded pack defines")
        self.name = name


def _undefined(name: str, source: ParsedPack | None) -> CopylintError:
    if source is None:
        return UndefinedVocabulary(name)
    message = f"vocabulary '{name}' adds to a list that no loaded pack defines"
    return CopylintError(message, source.source, source.loaded.line_of(("vocab", name)))


class PackVocabulary(Mapping[str, list[str]]):
    """One pack's view: a plain name is the pack's own list, else the lexicon's; `pack.name` is exact."""

    def __init__(self, lists: dict[str, list[str]], pack: str) -> None:
        self._lists = lists
        self._pack = pack

    def _qualified(self, name: str) -> str:
        if "." in name:
            return name
        own = f"{self._pack}.{name}"
        return own if own in self._lists else f"{SHARED}.{name}"

    def __getitem__(self, name: str) -> list[str]:
        return self._lists[self._qualified(name)]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._qualified(name) in self._lists

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)
