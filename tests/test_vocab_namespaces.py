"""Vocabularies belong to their pack: same-named lists of two packs stay apart, `{pack.name}` reaches
another pack's list, and lists named like the lexicon's (or qualified) add to it."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.api import lint_text, load_engine
from linter.cli import main
from linter.errors import CopylintError
from linter.packs.load import load_packs

from conftest import PACKS


def _pack(folder: Path, name: str, vocab: str, phrase: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(
        f"pack: {name}\nvocab:\n{vocab}rules:\n  - id: {name}/hit\n    category: superlative-misleading\n"
        f"    severity: warning\n    message: m\n    match: {{phrases: ['{phrase}']}}\n    suggest: s\n"
        "    examples: {flag: [x], ok: [y]}\n"
    )
    return path


def _hits(engine, text: str) -> list[str]:
    return sorted({f.rule for f in lint_text(text, engine=engine)})


def test_same_named_lists_of_two_packs_stay_apart(tmp_path):
    one = _pack(tmp_path, "one", "  brands: [RenewMax]\n", "{brands} works")
    two = _pack(tmp_path, "two", "  brands: [CellBoost]\n", "{brands} works")
    engine = load_engine([one, two], builtin=False)
    assert _hits(engine, "RenewMax works.") == ["one/hit"]
    assert _hits(engine, "CellBoost works.") == ["two/hit"]


def test_a_pack_names_another_packs_list_by_its_qualified_name(tmp_path):
    one = _pack(tmp_path, "one", "  brands: [RenewMax]\n", "{brands} works")
    two = _pack(tmp_path, "two", "  own: [unused]\n", "{one.brands} heals")
    engine = load_engine([one, two], builtin=False)
    assert _hits(engine, "RenewMax heals.") == ["two/hit"]


@pytest.mark.parametrize("key", ["products", "lexicon.products"])
def test_a_list_named_like_the_lexicons_adds_to_it_for_every_builtin_rule(tmp_path, key):
    sentence = "RenewMax injections may help with knee arthritis."
    assert not [f for f in lint_text(sentence) if f.category == "unapproved-use"]
    brands = tmp_path / "brands.yaml"
    brands.write_text(f"pack: brands\nvocab:\n  {key}: [RenewMax]\n")
    assert [f for f in lint_text(sentence, engine=load_engine([brands])) if f.category == "unapproved-use"]


def test_a_plain_name_falls_back_to_the_lexicon(tmp_path):
    mine = _pack(tmp_path, "mine", "  own: [unused]\n", "{products} are magic")
    assert _hits(load_engine([mine]), "Stem cells are magic.") == ["mine/hit"]


def test_the_config_adds_to_a_packs_list_by_its_qualified_name(tmp_path):
    one = _pack(tmp_path, "one", "  brands: [RenewMax]\n", "{brands} works")
    engine = load_engine([one], builtin=False, extra_vocab={"one.brands": ["CellBoost"]})
    assert _hits(engine, "CellBoost works.") == ["one/hit"]


def test_adding_to_a_list_no_pack_defines_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a pack inside the tree being checked: its errors may quote its values
    path = _pack(tmp_path, "one", "  own: [x]\n  other.brands: [RenewMax]\n", "{own} works")
    with pytest.raises(CopylintError, match=r"one.yaml:4: vocabulary 'other.brands' adds to a list that no loaded"):
        load_packs([path], builtin=False)
    with pytest.raises(CopylintError, match=r"vocab: 'nope.brands' adds to a list that no loaded pack defines"):
        load_packs([PACKS / "demo.yaml"], builtin=False, extra_vocab={"nope.brands": ["x"]})


def test_the_config_that_adds_to_an_undefined_list_is_named_with_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copylint.yaml").write_text("fail-on: error\nvocab:\n  nope.brands: [RenewMax]\n")
    (tmp_path / "page.txt").write_text("RenewMax works.\n")
    for args in (["page.txt"], ["--test-rules"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("copylint: error: ") and result.stderr.count("\n") == 1
        assert result.stderr.endswith(
            ".copylint.yaml:3: vocab: 'nope.brands' adds to a list that no loaded pack defines\n"
        )


def test_an_unknown_qualified_reference_names_the_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _pack(tmp_path, "one", "  brands: [RenewMax]\n", "{two.brands} works")
    with pytest.raises(CopylintError, match=r"rule one/hit: unknown vocabulary 'two.brands'"):
        load_packs([path], builtin=False)
