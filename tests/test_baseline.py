import json

from click.testing import CliRunner

from linter.cli import main

from conftest import PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]


def _run(*args: str):
    return CliRunner().invoke(main, [*DEMO, *args])


def test_baseline_survives_inserted_lines_and_reports_new_claims(tmp_path):
    page = tmp_path / "page.md"
    baseline = tmp_path / "baseline.json"
    page.write_text("Intro.\nOur therapy cures pain.\n")
    written = _run("--write-baseline", str(baseline), str(page))
    assert written.exit_code == 0 and "Wrote 1 findings" in written.output
    assert json.loads(baseline.read_text())["findings"][0]["rule"] == "demo/cures"

    page.write_text("New heading.\n\nMore intro.\nIntro.\nOur therapy cures pain.\n")
    assert _run("--baseline", str(baseline), str(page)).exit_code == 0

    page.write_text("Intro.\nOur therapy cures pain.\nIt is FDA approved.\nOur therapy cures pain.\n")
    result = _run("--baseline", str(baseline), "--format", "json", str(page))
    found = [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("demo/fda-approved", 3), ("demo/cures", 4)]  # the second copy is new
    assert json.loads(result.stdout)["summary"]["baselined"] == 1
    assert result.exit_code == 1


def test_edited_claim_is_new(tmp_path):
    page = tmp_path / "page.md"
    baseline = tmp_path / "baseline.json"
    page.write_text("Our therapy cures pain.\n")
    _run("--write-baseline", str(baseline), str(page))
    page.write_text("Our therapy cures pain in every patient.\n")
    assert _run("--baseline", str(baseline), str(page)).exit_code == 1


def test_bad_baseline_file_is_a_clear_error(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Fine.\n")
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]")
    result = _run("--baseline", str(bad), str(page))
    assert result.exit_code == 2 and "baseline.json: not a copylint baseline" in result.stderr
    result = _run("--baseline", str(tmp_path / "missing.json"), str(page))
    assert result.exit_code == 2 and "cannot read baseline" in result.stderr


def test_write_baseline_refuses_a_symlink_and_leaves_its_target_alone(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our therapy cures pain.\n")
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "baseline.json"
    link.symlink_to(target)
    result = _run("--write-baseline", str(link), str(page))
    assert result.exit_code == 2 and "baseline.json: cannot write baseline: it is a symlink" in result.stderr
    assert target.read_text() == "keep me\n" and link.is_symlink()


def _project(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text("Intro.\nOur therapy cures pain.\n")
    (tmp_path / "elsewhere").mkdir()
    return tmp_path


def test_baseline_holds_from_another_folder_and_with_absolute_paths(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    assert _run("--write-baseline", "baseline.json", "site").exit_code == 0
    entry = json.loads((project / "baseline.json").read_text())["findings"][0]
    assert entry["path"] == "site/page.md"  # relative to the baseline's folder, as posix
    assert _run("--baseline", "baseline.json", str(project / "site")).exit_code == 0
    monkeypatch.chdir(project / "elsewhere")
    assert _run("--baseline", "../baseline.json", "../site").exit_code == 0
    assert _run("--baseline", str(project / "baseline.json"), str(project / "site" / "page.md")).exit_code == 0
    (project / "site" / "page.md").write_text("Intro.\nOur therapy cures pain.\nOur therapy cures pain.\n")
    assert _run("--baseline", "../baseline.json", "../site").exit_code == 1  # a second copy is still new


def test_baseline_in_a_subfolder_written_with_absolute_paths(tmp_path, monkeypatch):
    project = _project(tmp_path)
    baseline = project / "elsewhere" / "baseline.json"
    monkeypatch.chdir(project / "elsewhere")
    assert _run("--write-baseline", str(baseline), str(project / "site")).exit_code == 0
    assert json.loads(baseline.read_text())["findings"][0]["path"] == "../site/page.md"
    monkeypatch.chdir(project)
    assert _run("--baseline", "elsewhere/baseline.json", "site/page.md").exit_code == 0


def _version_1(project, monkeypatch, typed: str):
    """A baseline as copylint wrote it before paths were relative: paths and fingerprints as typed."""
    monkeypatch.chdir(project)
    findings = json.loads(_run("--format", "json", typed).stdout)["findings"]
    entries = [{k: f[k] for k in ("fingerprint", "path", "rule", "match")} for f in findings]
    (project / "old.json").write_text(json.dumps({"version": 1, "findings": entries}))


def test_version_1_baseline_matches_as_typed_or_relative_to_the_current_folder(tmp_path, monkeypatch):
    project = _project(tmp_path)
    _version_1(project, monkeypatch, "site")
    assert _run("--baseline", "old.json", "site").exit_code == 0
    assert _run("--baseline", "old.json", str(project / "site")).exit_code == 0
    monkeypatch.chdir(project / "site")
    assert _run("--baseline", "../old.json", ".").exit_code == 1  # 'site/page.md' is not in this folder


def test_version_1_entry_typed_alike_still_checks_its_sentence(tmp_path, monkeypatch):
    project = _project(tmp_path)
    _version_1(project, monkeypatch, "site")
    (project / "site" / "page.md").write_text("Intro.\nOur therapy cures pain for good.\n")
    assert _run("--baseline", "old.json", "site").exit_code == 1
