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
