import json
import os

import pytest
from click.testing import CliRunner

from linter.cli import main

from conftest import FIXTURES, PACKS

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]


@pytest.fixture
def run():
    def invoke(*args: str, stdin: str | None = None):
        return CliRunner().invoke(main, list(args), input=stdin)

    return invoke


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Welcome.\nOur FDA-approved therapy cures pain.\n", encoding="utf-8")
    return path


def test_text_output_has_location_excerpt_and_suggestion(run, page):
    result = run(*DEMO, str(page))
    assert result.exit_code == 1
    assert f"{page}:2:5: warning demo/fda-approved FDA approval claim." in result.output
    assert "    2 | Our FDA-approved therapy cures pain." in result.output
    assert "      |     ^^^^^^^^^^^^" in result.output
    assert "  suggestion: Ask whether the FDA has reviewed this treatment." in result.output
    assert "Found 2 findings (1 error, 1 warning) in 1 file." in result.output


def test_clean_file_exits_zero(run, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Our clinic opens at nine.\n")
    result = run(*DEMO, str(clean))
    assert result.exit_code == 0
    assert "No findings in 1 file." in result.output


def test_fail_on_sets_the_threshold(run, tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("It is FDA approved.\n")
    assert run(*DEMO, str(path)).exit_code == 1
    assert run(*DEMO, "--fail-on", "error", str(path)).exit_code == 0
    assert run(*DEMO, "--fail-on", "info", str(path)).exit_code == 1


def test_json_output_validates_against_the_published_schema(run, page):
    from importlib import resources

    import jsonschema

    result = run(*DEMO, "--format", "json", str(page))
    payload = json.loads(result.stdout)
    schema = json.loads((resources.files("linter.schema") / "output.schema.json").read_text())
    jsonschema.validate(payload, schema)
    first = payload["findings"][0]
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 5, 2, 17)
    assert first["match"] == "FDA-approved"
    assert payload["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}


def test_stdin_and_several_paths(run, page):
    result = run(*DEMO, "--format", "json", "-", str(page), stdin="No side effects.\n")
    paths = [f["path"] for f in json.loads(result.stdout)["findings"]]
    assert paths == sorted(paths) and "-" in paths and str(page) in paths


def test_directories_skip_hidden_vcs_node_modules_and_binary(run, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.md").write_text("It cures pain.\n")
    for hidden in (".git", "node_modules", ".cache"):
        (tmp_path / "site" / hidden).mkdir()
        (tmp_path / "site" / hidden / "b.md").write_text("It cures pain.\n")
    (tmp_path / "site" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00cures")
    (tmp_path / "site" / "blob.txt").write_bytes(b"cures\x00\x00\x00binary")
    result = run(*DEMO, "--format", "json", str(tmp_path / "site"))
    payload = json.loads(result.stdout)
    assert [os.path.basename(f["path"]) for f in payload["findings"]] == ["a.md"]
    assert any("blob.txt: skipped, binary file" in n for n in payload["summary"]["notes"])


def test_missing_path_is_an_error_but_other_files_are_linted(run, page):
    result = run(*DEMO, str(page), "does-not-exist.txt")
    assert result.exit_code == 2
    assert "demo/fda-approved" in result.output
    assert "does-not-exist.txt: no such file or directory" in result.stderr


def test_broken_pack_is_exit_2_with_one_line(run, page):
    result = run("--rules", str(PACKS / "broken" / "unknown-key.yaml"), str(page))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown-key.yaml:7: rule broken/one: unknown key 'sevrity'" in result.stderr
    assert "Traceback" not in result.output


def test_select_and_ignore_by_id_pack_and_category(run, page):
    def rules(*options: str) -> list[str]:
        out = run(*DEMO, "--format", "json", *options, str(page)).stdout
        return [f["rule"] for f in json.loads(out)["findings"]]

    assert rules("--select", "demo/cures") == ["demo/cures"]
    assert rules("--select", "fda-status") == ["demo/fda-approved"]
    assert rules("--ignore", "efficacy-guarantee,fda-status") == []
    assert sorted(rules("--select", "demo")) == ["demo/cures", "demo/fda-approved"]


def test_unknown_selector_is_a_usage_error(run, page):
    result = run(*DEMO, "--select", "demo/typo", str(page))
    assert result.exit_code == 2
    assert "no rule, pack or category is called 'demo/typo'" in result.stderr


def test_list_rules_and_explain(run):
    listing = run(*DEMO, "--list-rules")
    assert listing.exit_code == 0
    assert "demo/no-harms" in listing.output and "safety-absolute" in listing.output
    explained = run(*DEMO, "--explain", "demo/cures")
    assert explained.exit_code == 0
    assert "Suggested wording:" in explained.output and "It cures pain." in explained.output
    assert run(*DEMO, "--explain", "demo/none").exit_code == 2


def test_explain_keeps_an_example_of_several_paragraphs_as_one_item(run):
    """A built-in example that gives its page's heading first shows the sentence indented under it."""
    explained = run("--explain", "superlative-misleading/until-now").output
    assert "  - Exosome therapy for thinning hair.\n\n    Nothing could bring back lost hair" in explained


def test_test_rules_passes_and_reports_a_failing_example(run, tmp_path):
    assert run("--no-builtin", "--test-rules", "--rules", str(PACKS / "demo.yaml")).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (PACKS / "demo.yaml")
        .read_text()
        .replace("ok: [It is safe.]", "")
        .replace("ok: [We cannot promise a cure.]", "ok: [It cures everything.]")
    )
    result = run("--no-builtin", "--test-rules", "--rules", str(bad))
    assert result.exit_code == 1
    assert "FAIL" in result.output and "demo/cures: ok example flagged at 'cures'" in result.output


def test_test_rules_takes_packs_from_rules_not_paths(run):
    result = run("--test-rules", str(PACKS / "demo.yaml"))
    assert result.exit_code == 2 and "--rules" in result.output


def test_no_paths_is_a_usage_error(run):
    result = run(*DEMO)
    assert result.exit_code == 2
    assert "no paths given" in result.output


def test_builtin_packs_are_used_by_default(run):
    result = run("--format", "json", str(FIXTURES / "seeds" / "003_84827d39c3c7376f.txt"))
    findings = json.loads(result.stdout)["findings"]
    hit = [f for f in findings if f["match"].startswith("no adverse effects")]
    assert hit and (hit[0]["line"], hit[0]["column"]) == (59, 439)
    assert hit[0]["category"] == "safety-absolute"


def test_fifo_and_dangling_symlink_are_skipped_with_notes(run, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.md").write_text("It cures pain.\n")
    os.mkfifo(site / "pipe.txt")
    (site / "gone.md").symlink_to(tmp_path / "missing.md")
    result = run(*DEMO, str(site))
    assert result.exit_code == 1 and "demo/cures" in result.stdout
    assert "pipe.txt: skipped, not a regular file" in result.stderr
    assert "gone.md: skipped, cannot read" in result.stderr


def test_jobs_give_the_same_results_in_the_same_order(run, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for i in range(12):
        (site / f"page{i:02}.md").write_text(f"Page {i}. It cures pain.\n" + "FDA approved.\n" * (i % 3))
    (site / "blob.txt").write_bytes(b"\x00binary")
    outputs = [run(*DEMO, "--format", "json", "--jobs", jobs, str(site)).stdout for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files"] == 12


def test_files_are_reported_in_path_order_as_they_are_linted_and_each_once(run, tmp_path):
    """Folders are walked files-first, but findings come out sorted by path: files are linted in
    that order, which is what lets the text and GitHub formats print file by file."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    for name in ("z.txt", "b/c.txt", "a-b.txt"):
        (site / name).write_text("Welcome. It cures pain.\n", encoding="utf-8")
    text = run(*DEMO, str(site), str(site / "z.txt")).stdout
    shown = [line.split(":")[0] for line in text.splitlines() if ": error " in line or ": warning " in line]
    assert shown == [str(site / "a-b.txt"), str(site / "b" / "c.txt"), str(site / "z.txt")]
    assert text.endswith("in 3 files.\n")
    in_json = [f["path"] for f in json.loads(run(*DEMO, "--format", "json", str(site)).stdout)["findings"]]
    assert in_json == shown
    github = run(*DEMO, "--format", "github", str(site)).stdout
    assert [line.split("file=")[1].split(",")[0] for line in github.splitlines()] == [
        p.replace(":", "%3A") for p in shown
    ]
