"""The cache is a speed-up only: same results, and never a way to change them. Nothing it reads back
is used unless this user's key signed it, in a folder nobody else could have written to."""

import hashlib
import hmac
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cache import PatternCache, code_digest
from linter.engine.learned import MODEL_FORMAT, packed
from linter.engine.literals import required_literals
from linter.errors import CopylintError
from linter.packs.patterns import FLAGS
from linter.private import user_key

from conftest import PACKS, ROOT

SOURCE = r"(?<!\w)(?:no[\s\-]+side[\s\-]+effects)(?!\w)"
PAGE = "Our stem cells cure arthritis with no side effects. Guaranteed results for every patient.\n"


def _cache(tmp_path) -> PatternCache:
    return PatternCache(tmp_path / "cache")


def _fail(source):
    raise AssertionError(f"recomputed {source}")


def _recomputed(cache: PatternCache) -> bool:
    computed = []
    cache.literals(SOURCE, lambda s: computed.append(s) or required_literals(s))
    return computed == [SOURCE]


def _filled(tmp_path) -> PatternCache:
    cache = _cache(tmp_path)
    cache.literals(SOURCE, required_literals)
    cache.store_built("config:example", {"select": ["safety"]})
    cache.save()
    return cache


def test_cached_literals_and_builds_equal_fresh_ones(tmp_path):
    first = _filled(tmp_path)
    second = _cache(tmp_path)
    assert second.literals(SOURCE, _fail) == required_literals(SOURCE)
    assert second.built("config:example") == {"select": ["safety"]}
    assert oct(os.stat(first.file).st_mode & 0o777) == "0o600"
    assert oct(os.stat(first.file.parent).st_mode & 0o777) == "0o700"


def test_compiled_patterns_come_back_only_from_a_verified_file(tmp_path):
    cache = _cache(tmp_path)
    assert cache.pattern(SOURCE, FLAGS).search("There are NO side-effects.").span() == (10, 25)
    cache.save()
    payload = pickle.loads(cache.file.read_bytes().partition(b"\n")[2])
    assert set(payload) == {"code", "literals", "patterns", "built"} and payload["patterns"]
    assert _cache(tmp_path).pattern(SOURCE, FLAGS).search("no side effects")
    # Bytecode changed by anyone but copylint breaks the signature: the file is not read at all.
    data = cache.file.read_bytes()
    entry = next(iter(payload["patterns"].values()))
    cache.file.write_bytes(data.replace(entry, entry[:-8] + b"AAAAAAAA"))
    tampered = _cache(tmp_path)
    assert tampered._patterns == {} and tampered.pattern(SOURCE, FLAGS).search("no side effects")


def test_the_key_is_private_and_outside_the_cache_folder(tmp_path):
    cache = _filled(tmp_path)
    key = os.path.join(os.environ["XDG_STATE_HOME"], "copylint", "key")
    assert oct(os.stat(key).st_mode & 0o777) == "0o600"
    assert oct(os.stat(os.path.dirname(key)).st_mode & 0o777) == "0o700"
    assert not list(cache.folder.glob("*key*"))


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > /dev/null",))


def test_a_planted_pickle_is_refused(tmp_path):
    cache = _cache(tmp_path)
    cache.folder.mkdir(mode=0o700)
    cache.file.write_bytes(pickle.dumps({"literals": _Planted()}))
    os.chmod(cache.file, 0o600)
    assert _recomputed(_cache(tmp_path))


def test_a_signed_file_holding_anything_but_plain_data_is_not_unpickled(tmp_path):
    """Were the key ever to leak, a forged file could still hold no object but plain data."""
    cache = _cache(tmp_path)
    cache.folder.mkdir(mode=0o700)
    payload = pickle.dumps({"code": code_digest(), "literals": {SOURCE: _Planted()}, "patterns": {}, "built": {}})
    key = user_key(Path(os.environ["XDG_STATE_HOME"]) / "copylint")
    cache.file.write_bytes(hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload)
    os.chmod(cache.file, 0o600)
    assert _recomputed(_cache(tmp_path))


def test_a_tampered_file_is_refused(tmp_path):
    cache = _filled(tmp_path)
    data = cache.file.read_bytes()
    cache.file.write_bytes(data.replace(b"safety", b"safetx"))
    tampered = _cache(tmp_path)
    assert tampered.built("config:example") is None and _recomputed(tampered)


def test_a_file_signed_with_another_users_key_is_refused(tmp_path, monkeypatch):
    _filled(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "someone-else"))
    assert _recomputed(_cache(tmp_path))


def test_a_cache_file_writable_by_others_is_refused(tmp_path):
    cache = _filled(tmp_path)
    os.chmod(cache.file, 0o666)
    assert _recomputed(_cache(tmp_path))


def test_a_cache_folder_reached_through_a_symlink_is_refused(tmp_path):
    real = tmp_path / "real"
    _filled(real)
    (tmp_path / "link").symlink_to(real)
    assert _cache(tmp_path / "link").folder is None  # the folder's parent is the link
    (tmp_path / "direct").symlink_to(real / "cache")
    assert PatternCache(tmp_path / "direct").folder is None
    assert _cache(real).folder is not None


def test_a_cache_folder_below_a_folder_others_can_write_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert _cache(shared).folder is None
    os.chmod(shared, 0o755)
    assert _cache(shared).folder is not None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_cache_folder_below_a_folder_someone_else_owns_is_refused(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 12345, -1)
    assert _cache(theirs).folder is None


def test_no_folder_means_no_cache(tmp_path):
    cache = PatternCache(None)
    assert cache.pattern(SOURCE, FLAGS).search("no side effects")
    cache.save()
    assert cache.file is None


def _env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COPYLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    return {**env, "HOME": str(tmp_path / "home"), "XDG_STATE_HOME": str(tmp_path / "state"), **extra}


def _findings(args: list[str], env: dict[str, str], cwd=None) -> list[tuple[str, int, int]]:
    done = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", *args], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(done.stdout)["findings"]]


@pytest.mark.slow  # whole runs in fresh processes
@pytest.mark.parametrize("linted", ["site", "site/page.txt"])
def test_a_cache_planted_in_a_checkout_changes_nothing(tmp_path, linted):
    """Someone commits a cache built with their own key, with no rules in it; the victim's
    XDG_CACHE_HOME points into the checkout."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(PAGE, encoding="utf-8")
    attacker = _env(tmp_path, XDG_CACHE_HOME=str(site / ".cache"), XDG_STATE_HOME=str(tmp_path / "attacker"))
    _findings([str(site / "page.txt")], attacker)
    planted = next((site / ".cache" / "copylint").glob("cache-*.pickle"))
    payload = pickle.loads(planted.read_bytes().partition(b"\n")[2])
    payload["built"] = {name: [] if isinstance(built, list) else built for name, built in payload["built"].items()}
    data = pickle.dumps(payload)
    key = (tmp_path / "attacker" / "copylint" / "key").read_bytes()
    planted.write_bytes(hmac.new(key, data, hashlib.sha256).hexdigest().encode() + b"\n" + data)
    assert _findings([str(site / "page.txt")], attacker) == []  # the planted cache works for its author
    fresh = _findings([str(tmp_path / linted)], _env(tmp_path, COPYLINT_NO_CACHE="1"))
    assert len(fresh) >= 2
    victim = _env(tmp_path, XDG_CACHE_HOME=str(site / ".cache"))
    assert _findings([str(tmp_path / linted)], victim) == fresh
    assert _findings([str(tmp_path / linted)], victim) == fresh


def test_a_cache_folder_inside_the_linted_tree_is_not_used(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(PAGE, encoding="utf-8")
    assert _findings([str(site)], _env(tmp_path, XDG_CACHE_HOME=str(site / ".cache")))
    assert sorted(p.name for p in site.iterdir()) == ["page.txt"]  # nothing written into the tree


@pytest.mark.slow  # copies the package and runs it twice
def test_an_edited_pattern_builder_is_not_served_stale_builds(tmp_path):
    for folder in ("linter", "rules"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    env = _env(tmp_path, COPYLINT_CACHE_DIR=str(tmp_path / "cache"))
    before = _findings([str(page)], env, cwd=tmp_path)
    builder = tmp_path / "linter" / "packs" / "patterns.py"
    source = builder.read_text(encoding="utf-8")
    builder.write_text(source.replace('_SEPARATOR = r"[\\s\\-]+"', '_SEPARATOR = r"[\\-]+"'), encoding="utf-8")
    assert builder.read_text(encoding="utf-8") != source
    fresh = _findings([str(page)], {**env, "COPYLINT_NO_CACHE": "1"}, cwd=tmp_path)
    assert fresh != before
    assert _findings([str(page)], env, cwd=tmp_path) == fresh


def test_the_code_digest_is_cheap():
    code_digest.cache_clear()
    assert len(code_digest()) == 32


_RUN = """
import json, sys
from linter import load_engine, lint_text
engine = load_engine(sys.argv[1:])
findings = lint_text("Our stem cells cure arthritis with no side effects.", engine=engine)
from linter.cache import shared_cache
shared_cache().save()
from linter.engine.literals import _sre
slow = sorted(m for m in ("yaml", "jsonschema") if m in sys.modules) + ["literal analysis"] * _sre.cache_info().currsize
print(json.dumps({"slow": slow, "findings": [(f.rule, f.severity) for f in findings]}))
"""


def _run(tmp_path, *packs: str) -> dict:
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _RUN, *packs], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_run_with_cached_packs_parses_no_yaml_and_finds_the_same(tmp_path):
    first, second = _run(tmp_path), _run(tmp_path)
    assert "yaml" in first["slow"] and second["slow"] == []
    assert first["findings"] == second["findings"] and len(first["findings"]) >= 2


def test_an_edited_user_pack_is_built_again(tmp_path):
    pack = tmp_path / "clinic.yaml"
    pack.write_text((PACKS / "demo.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = _run(tmp_path, str(pack))["findings"]
    pack.write_text(pack.read_text(encoding="utf-8").replace("severity: error", "severity: info"), encoding="utf-8")
    after = _run(tmp_path, str(pack))["findings"]
    assert [rule for rule, _ in after] == [rule for rule, _ in before]
    demo_severities = [{severity for rule, severity in run if rule.startswith("demo/")} for run in (before, after)]
    assert "error" in demo_severities[0] and "error" not in demo_severities[1]


MODEL_PACK = """
pack: team
rules:
  - id: team/detector
    category: unapproved-use
    severity: warning
    message: The detector reads this as a claim.
    match: {model: {name: team, label: unapproved-use, threshold: 0.5}}
    suggest: Describe the procedure.
    examples: {flag: [x], ok: [y]}
"""


def test_built_packs_are_keyed_by_the_contents_of_their_model_files(tmp_path, monkeypatch):
    from linter.packs import load

    monkeypatch.chdir(tmp_path)  # packs inside the tree being checked: errors quote their values
    builds = []
    build = load._build
    monkeypatch.setattr(load, "_build", lambda *args: builds.append(1) or build(*args))
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "team.yaml").write_text(MODEL_PACK, encoding="utf-8")
    model = folder / "team.model.json"
    model.write_text(json.dumps({"format": MODEL_FORMAT, "labels": ["unapproved-use"], "bias": [0.0], **packed({})}))
    cache = _cache(tmp_path)
    for _ in range(2):
        load.load_packs([folder], builtin=False, cache=cache)
    assert len(builds) == 1
    model.write_text(json.dumps({"format": MODEL_FORMAT, "labels": ["unapproved-use"], "bias": [1.0], **packed({})}))
    load.load_packs([folder], builtin=False, cache=cache)
    assert len(builds) == 2  # a retrained model: built again
    model.unlink()  # and a removed one is the build's error again, not a cached build's surprise at lint time
    with pytest.raises(CopylintError, match="model 'team' not found"):
        load.load_packs([folder], builtin=False, cache=cache)


def test_a_fix_phrase_is_compiled_once_and_kept_with_the_patterns(tmp_path):
    """A replacement's `when` phrase goes through the cache like the rules' terms: a second run
    compiles nothing (compiling one costs a page's start-up about a millisecond)."""
    from linter import lint_text, load_engine

    cache = _cache(tmp_path)
    engine = load_engine(cache=cache)
    first = lint_text(PAGE, engine=engine)
    fixed = next(f for f in first if f.replacement is not None)
    rule = next(r for r in engine.rules if r.id == fixed.rule)
    whens = [f"{FLAGS}:{r.when}" for r in rule.replace if r.when is not None]
    assert whens and all(key in cache._patterns for key in whens[:1])
    cache.save()
    again = _cache(tmp_path)
    assert lint_text(PAGE, engine=load_engine(cache=again)) == first
    assert whens[0] in again._loaded and not again._dirty  # read back from the file, nothing compiled
