"""The layout's promises: a checkout runs without installing, engines share no run-time state,
imports point down the pipeline, and the one private CPython module we read keeps its shape."""

import ast
import shutil
import subprocess
import sys

from linter.cache import PatternCache
from linter.engine import Engine
from linter.engine.literals import _sre, required_literals
from linter.packs.load import load_packs
from linter.text.document import Document

from conftest import PACKS, ROOT

_TEXT = {"capture_output": True, "text": True}

# Lower layers never import higher ones (a module may import its own layer and those below it).
LAYERS = [
    {"__version__", "errors", "display", "private", "repository", "cache", "findings"},
    {"text"},
    {"readers", "packs", "yaml_loader", "schemas"},
    {"engine"},
    {"filters", "report", "fix"},
    {"config", "parallel", "ruletest", "api", "train", "progress", "results"},
    {"cli", "__main__", "__init__"},
]


def _layer(module: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if module in names)


def _runtime_nodes(tree: ast.AST):
    """Every node, except inside `if TYPE_CHECKING:` (annotations may name any layer)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _linter_imports(path) -> set[str]:
    """The top-level linter modules or packages a file imports at run time (relative imports resolved)."""
    package = path.relative_to(ROOT).parent.parts  # ("linter", ...) for a module in a subpackage
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            parts = [*base, *(node.module.split(".") if node.module else [])]
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_imports_point_down_the_pipeline():
    wrong = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        parts = path.relative_to(ROOT / "linter").parts
        own = parts[0].removesuffix(".py")
        for imported in _linter_imports(path) - {own}:
            if _layer(imported) > _layer(own):
                wrong.append(f"{path.relative_to(ROOT)} imports linter.{imported}")
    assert not wrong


def test_a_source_checkout_runs_without_installing(tmp_path):
    for folder in ("linter", "rules"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    where = subprocess.run([sys.executable, "-c", "import linter; print(linter.__file__)"], cwd=tmp_path, **_TEXT)
    assert where.stdout.strip() == str(tmp_path / "linter" / "__init__.py")  # the copy, not an installed package
    result = subprocess.run([sys.executable, "-m", "linter", "--list-rules"], cwd=tmp_path, **_TEXT)
    assert result.returncode == 0, result.stderr
    assert "safety-absolute/no-side-effects" in result.stdout


def test_engines_sharing_rules_share_no_run_time_state():
    rules = [rule for pack in load_packs([PACKS / "demo.yaml"], builtin=False) for rule in pack.rules]
    first, second = Engine(rules, cache=PatternCache(None)), Engine(rules, cache=PatternCache(None))
    first.lint(Document.from_text("It cures pain. " * 50))
    terms = rules[0].terms[0]
    assert first.compiled(terms) is not second.compiled(terms)
    assert not vars(terms).keys() - {"sources", "fast_sources", "on_topic"}  # the rule model holds data only


def test_python_regex_parser_keeps_the_shape_literal_analysis_reads():
    """`engine/literals.py` reads CPython's private regex parse tree; if this fails, CPython changed it."""
    parser, constants = _sre()
    parsed = list(parser.parse(r"no (?:side|adverse) effects", 0))
    assert parsed[0] == (constants.LITERAL, ord("n"))
    assert any(op is constants.BRANCH for op, _ in parsed)
    # "no" is shorter than MIN_LITERAL, so only the other two sets are kept
    assert required_literals(r"\bno\s+(?:side|adverse)\s+effects\b") == (
        frozenset({"side", "adverse"}),
        frozenset({"effects"}),
    )
