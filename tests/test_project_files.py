"""The files a user or packager looks for beside the code: the licence pyproject declares, a
changelog, and how releases are tagged."""

import re
import sys

from linter import __version__

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_license_file_is_the_mit_licence_pyproject_declares():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert declared == {"text": "MIT"}
    assert text.startswith("MIT License\n") and re.search(r"Copyright \(c\) \d{4} the copylint authors\n", text)


def test_changelog_keeps_an_unreleased_section_and_versions_that_exist():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in text and "\n## [Unreleased]\n" in text
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", text, flags=re.M)
    current = _parts(__version__)
    assert all(_parts(version) <= current for version in released)  # no heading for a version not yet made


def test_readme_says_how_releases_are_tagged():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Releases", 1)[1].split("\n## ", 1)[0]
    assert "CHANGELOG.md" in section and "__version__" in section and re.search(r"`v\d+\.\d+\.\d+`", section)


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
