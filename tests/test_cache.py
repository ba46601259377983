"""The pattern cache is a speed-up only: same results, and never a way to run planted code."""

import os
import pickle

import regex

from linter.cache import PatternCache
from linter.engine.literals import required_literals
from linter.packs.patterns import FLAGS

SOURCE = r"(?<!\w)(?:no[\s\-]+side[\s\-]+effects)(?!\w)"


def _cache(tmp_path) -> PatternCache:
    folder = tmp_path / "cache"
    return PatternCache(folder)


def test_cached_patterns_and_literals_equal_fresh_ones(tmp_path):
    first = _cache(tmp_path)
    compiled = first.pattern(SOURCE, FLAGS)
    literals = first.literals(SOURCE, required_literals)
    first.save()
    second = _cache(tmp_path)
    reloaded = second.pattern(SOURCE, FLAGS)
    assert reloaded.pattern == compiled.pattern and reloaded.flags == compiled.flags
    assert reloaded.search("There are NO side-effects.").span() == (10, 25)
    assert second.literals(SOURCE, lambda s: (_ for _ in ()).throw(AssertionError("recomputed"))) == literals
    assert oct(os.stat(first.file).st_mode & 0o777) == "0o600"


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > /dev/null",))


def test_planted_pickle_is_refused_and_recompiled(tmp_path):
    cache = _cache(tmp_path)
    cache.folder.mkdir(mode=0o700)
    payload = {"patterns": {f"{FLAGS}:{SOURCE}": pickle.dumps(_Planted())}, "literals": {}}
    cache.file.write_bytes(pickle.dumps(payload))
    os.chmod(cache.file, 0o600)
    reloaded = _cache(tmp_path)
    assert isinstance(reloaded.pattern(SOURCE, FLAGS), regex.Pattern)  # the entry was refused, not run
    cache.file.write_bytes(pickle.dumps(_Planted()))
    assert _cache(tmp_path).literals(SOURCE, required_literals) == required_literals(SOURCE)


def test_cache_writable_by_others_is_ignored(tmp_path):
    cache = _cache(tmp_path)
    cache.pattern(SOURCE, FLAGS)
    cache.save()
    os.chmod(cache.file, 0o666)
    computed = []
    _cache(tmp_path).literals(SOURCE, lambda s: computed.append(s) or required_literals(s))
    assert computed == [SOURCE]


def test_no_folder_means_no_cache(tmp_path):
    cache = PatternCache(None)
    assert cache.pattern(SOURCE, FLAGS).search("no side effects")
    cache.save()
    assert cache.file is None


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
    import json
    import subprocess
    import sys

    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _RUN, *packs], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_run_with_cached_packs_parses_no_yaml_and_finds_the_same(tmp_path):
    first, second = _run(tmp_path), _run(tmp_path)
    assert "yaml" in first["slow"] and second["slow"] == []
    assert first["findings"] == second["findings"] and len(first["findings"]) >= 2


def test_an_edited_user_pack_is_built_again(tmp_path):
    from conftest import PACKS

    pack = tmp_path / "clinic.yaml"
    pack.write_text((PACKS / "demo.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = _run(tmp_path, str(pack))["findings"]
    pack.write_text(pack.read_text(encoding="utf-8").replace("severity: error", "severity: info"), encoding="utf-8")
    after = _run(tmp_path, str(pack))["findings"]
    assert [rule for rule, _ in after] == [rule for rule, _ in before]
    demo_severities = [{severity for rule, severity in run if rule.startswith("demo/")} for run in (before, after)]
    assert "error" in demo_severities[0] and "error" not in demo_severities[1]
