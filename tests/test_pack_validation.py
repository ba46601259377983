import pytest

from linter.errors import CopylintError
from linter.packs.load import load_packs

from conftest import PACKS

BROKEN = PACKS / "broken"


def _error(name: str) -> str:
    with pytest.raises(CopylintError) as info:
        load_packs([BROKEN / name], builtin=False)
    return str(info.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-yaml.yaml", "bad-yaml.yaml:6: invalid YAML"),
        ("unknown-key.yaml", "unknown-key.yaml:7: rule broken/one: unknown key 'sevrity'"),
        ("bad-regex.yaml", "bad-regex.yaml:18: rule broken/bad-regex: invalid regular expression"),
        ("duplicate-id.yaml", "duplicate-id.yaml:10: rule broken/same: duplicate rule id (first defined in"),
        ("bad-severity.yaml", "bad-severity.yaml:5: rule broken/one: severity: 'fatal' is not one of"),
        ("unknown-vocab.yaml", "unknown-vocab.yaml:8: rule broken/one: unknown vocabulary 'no_such_list'"),
        ("not-a-mapping.yaml", "not-a-mapping.yaml:1: a rule pack must be a mapping"),
        ("python-tag.yaml", "python-tag.yaml:2: unsupported YAML tag"),
        ("billion-laughs.yaml", "billion-laughs.yaml:3: YAML anchors and aliases are not supported"),
        ("duplicate-key.yaml", "duplicate-key.yaml:8: duplicate key 'match'"),
        (
            "wrong-types.yaml",
            "wrong-types.yaml:7: rule broken/one: match.phrases: 'FDA approved' is not of type 'array'",
        ),
    ],
)
def test_broken_packs_name_file_line_and_rule(name, expected):
    assert expected in _error(name)


def test_missing_pack_is_an_error():
    with pytest.raises(CopylintError, match="rule pack not found"):
        load_packs([PACKS / "nope.yaml"], builtin=False)


def test_rule_id_must_carry_the_pack_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a pack from inside the tree being checked: its values are quoted
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: mine\nrules:\n  - id: other/x\n    category: fda-status\n    severity: error\n"
        "    message: m\n    match: {phrases: [x]}\n    suggest: s\n    examples: {flag: [x], ok: [y]}\n"
    )
    with pytest.raises(CopylintError, match=r"p.yaml:3: rule other/x: rule id must start with the pack name"):
        load_packs([pack], builtin=False)


@pytest.mark.slow
def test_a_ten_megabyte_pack_is_an_error_not_a_hang(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a pack inside the working tree: its errors may quote its values
    pack = tmp_path / "huge.yaml"
    terms = "\n".join(f"    - term number {i} with padding words" for i in range(250_000))
    pack.write_text(f"pack: huge\nvocab:\n  big:\n{terms}\nrules: not-a-list\n")
    assert pack.stat().st_size > 10_000_000
    with pytest.raises(CopylintError, match=r"huge.yaml:250004: rules: 'not-a-list' is not of type 'array'"):
        load_packs([pack], builtin=False)


def test_a_pack_for_a_newer_format_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "future.yaml"
    pack.write_text((PACKS / "demo.yaml").read_text().replace("version: 1", "version: 2"))
    with pytest.raises(CopylintError, match=r"future.yaml:3: version: 1 was expected"):
        load_packs([pack], builtin=False)
