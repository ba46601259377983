"""Safe YAML loading that remembers where every value came from.

Rule packs and config files are written by people, so errors must name a line. PyYAML's
composer (the C one when available) gives nodes with positions; this module turns them into plain
Python data plus a map from each value's path to its line. It refuses what a data file never needs
and an attacker could abuse: custom tags, anchors/aliases (billion-laughs) and duplicate keys.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import CopylintError

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()


class LoadedYaml:
    """Parsed data and the 1-based line of every mapping key / sequence item / scalar."""

    def __init__(self, data: Any, lines: dict[Path, int]) -> None:
        self.data = data
        self.lines = lines

    def line_of(self, path: Path) -> int | None:
        """Line of the deepest known ancestor of `path` (errors often point below a node)."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def load_yaml(text: str, source: str) -> LoadedYaml:
    """Parse one YAML document; any problem is a CopylintError naming `source` and the line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise CopylintError(f"invalid YAML: {exc.problem or exc.context}", source, line) from None
    except yaml.YAMLError as exc:
        raise CopylintError(f"invalid YAML: {exc}", source) from None
    lines: dict[Path, int] = {}
    if node is None:
        return LoadedYaml(None, lines)
    seen: set[int] = set()
    data = _convert(node, (), lines, seen, source)
    return LoadedYaml(data, lines)


def _convert(node: yaml.Node, path: Path, lines: dict[Path, int], seen: set[int], source: str) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise CopylintError("YAML anchors and aliases are not supported", source, line)
    seen.add(id(node))
    lines[path] = line
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise CopylintError(f"unsupported YAML tag {node.tag}", source, line)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise CopylintError("mapping keys must be plain strings", source, key_node.start_mark.line + 1)
            key = str(_convert(key_node, (*path, "<key>"), {}, seen, source))
            if key == "<<":
                raise CopylintError("YAML merge keys are not supported", source, key_node.start_mark.line + 1)
            if key in result:
                raise CopylintError(f"duplicate key '{key}'", source, key_node.start_mark.line + 1)
            key_path: Path = (*path, key)
            result[key] = _convert(value_node, key_path, lines, seen, source)
            lines[key_path] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise CopylintError(f"unsupported YAML tag {node.tag}", source, line)
        return [_convert(item, (*path, i), lines, seen, source) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        raise CopylintError(f"unsupported YAML tag {node.tag}", source, line)
    return _constructor.construct_object(node)
