"""The way pre-commit installs the hook: a plain (non-editable) `pip install` of a built wheel."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # builds a wheel and a virtual environment


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    [built] = out.glob("copylint-*.whl")
    return built


def test_wheel_ships_the_builtin_packs_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    packs = {Path(n).name for n in names if n.startswith("linter/builtin_rules/") and n.endswith(".yaml")}
    assert packs == {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert "linter/schema/rule-pack.schema.json" in names
    assert "linter/schema/output.schema.json" in names


def test_installed_wheel_runs_from_anywhere(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)
    seed = FIXTURES / "seeds" / "003_84827d39c3c7376f.txt"
    result = subprocess.run(
        [str(bin_dir / "copylint"), str(seed)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    assert f"{seed}:59:439: error safety-absolute/" in result.stdout
    listing = subprocess.run([str(bin_dir / "copylint"), "--list-rules"], cwd=tmp_path, capture_output=True, text=True)
    assert listing.returncode == 0 and "safety-absolute/no-side-effects" in listing.stdout
