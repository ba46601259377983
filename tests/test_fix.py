"""--diff, --fix and --unsafe-fixes: rules' replacements applied to page text only, reviewed first."""

import os
import stat

import pytest
from click.testing import CliRunner

from linter.api import lint_text, load_engine
from linter.cli import main
from linter.fix import matched_case, plan_fixes, text_edits
from linter.packs.load import load_packs
from linter.readers import read_text
from linter.ruletest import check_rules

from conftest import FIXTURES, PACKS

FIXES = ["--no-builtin", "--rules", str(PACKS / "fixes.yaml")]


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture(scope="module")
def engine():
    return load_engine([PACKS / "fixes.yaml"], builtin=False)


def fixed_text(engine, text: str, path: str = "page.txt", unsafe: bool = False) -> tuple[str, list[str]]:
    doc = read_text(text, path)
    findings = [f for f in engine.lint(doc) if f.replacement is not None and (unsafe or f.fix_safe)]
    edits, notes = text_edits(doc, findings)
    return "".join(_applied(text, edits)), notes


def _applied(text, edits):
    at = 0
    for edit in edits:
        yield text[at : edit.start] + edit.replacement
        at = edit.end
    yield text[at:]


def test_a_safe_fix_replaces_the_words_in_plain_text(engine):
    assert fixed_text(engine, "Our shot is completely safe.\n") == ("Our shot is generally well tolerated.\n", [])


def test_the_first_matching_replacement_applies_and_words_it_does_not_cover_get_none(engine):
    findings = engine.lint(read_text("A risk-free visit. It is 100% safe."))
    by_words = {f.match: f.replacement for f in findings}
    assert by_words == {"risk-free": None, "100% safe": "generally well tolerated"}


def test_unsafe_fixes_apply_only_when_asked(engine):
    assert fixed_text(engine, "A breakthrough.")[0] == "A breakthrough."
    assert fixed_text(engine, "A breakthrough.", unsafe=True)[0] == "A development."


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.html", "<p>It is <b>completely</b> safe.</p>"),  # a tag inside the words
        ("page.md", "It is **completely** safe."),  # Markdown emphasis inside the words
        ("page.html", "<p>It is completely&nbsp;safe.</p>"),  # a character reference inside the words
    ],
)
def test_a_fix_never_touches_markup(engine, path, text):
    fixed, notes = fixed_text(engine, text, path)
    assert fixed == text
    assert len(notes) == 1 and "fix not applied: the words run across markup" in notes[0]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "page.html",
            "<p>It is completely safe.<img alt='totally safe'></p>",
            "<p>It is generally well tolerated.<img alt='totally safe'></p>",
        ),
        (
            "page.md",
            "# Completely safe\n\nIt is `completely safe` and totally safe.\n",
            "# Generally well tolerated\n\nIt is `completely safe` and generally well tolerated.\n",
        ),
    ],
)
def test_fixes_apply_inside_text_nodes_only(engine, path, text, expected):
    assert fixed_text(engine, text, path)[0] == expected


def test_replacements_take_the_case_of_the_words():
    assert matched_case("generally well tolerated", "Completely safe") == "Generally well tolerated"
    assert matched_case("generally well tolerated", "COMPLETELY SAFE") == "GENERALLY WELL TOLERATED"
    assert matched_case("generally well tolerated", "completely safe") == "generally well tolerated"
    assert matched_case("FDA-registered", "approved") == "FDA-registered"


def test_diff_shows_the_fixes_changes_no_file_and_exits_1(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Line one.\nIt is totally safe.\n", encoding="utf-8")
    result = run(*FIXES, "--diff", str(page))
    assert result.exit_code == 1
    assert f"--- a/{str(page).lstrip('/')}" in result.stdout
    assert "-It is totally safe.\n+It is generally well tolerated.\n" in result.stdout
    assert "would fix 1 finding in 1 file" in result.stderr
    assert page.read_text(encoding="utf-8") == "Line one.\nIt is totally safe.\n"


def test_diff_without_fixes_exits_0(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A risk-free visit.\n", encoding="utf-8")  # a finding, but no replacement for it
    result = run(*FIXES, "--diff", str(page))
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_rewrites_the_file_keeping_bom_line_endings_and_mode_and_reports_what_remains(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(b"\xef\xbb\xbfIt is totally safe.\r\nA breakthrough.\r\n")
    page.chmod(0o640)
    result = run(*FIXES, "--fix", "--format", "concise", str(page))
    assert page.read_bytes() == b"\xef\xbb\xbfIt is generally well tolerated.\r\nA breakthrough.\r\n"
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o640
    assert "fixed 1 finding in 1 file" in result.stderr
    assert "1 more with --unsafe-fixes" in result.stderr
    assert result.exit_code == 1  # the unsafe one remains, and is reported
    assert "fixes/breakthrough" in result.stdout and "fixes/completely-safe" not in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".copylint-fix-")]


def test_unsafe_fixes_leave_a_clean_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("It is totally safe. A breakthrough.\n", encoding="utf-8")
    result = run(*FIXES, "--fix", "--unsafe-fixes", str(page))
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == "It is generally well tolerated. A development.\n"


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("page.txt", "It is totally safe.\n".encode("cp1252") + b"\x93", "not UTF-8"),
        ("flyer.docx", None, "only text files"),
    ],
)
def test_files_that_cannot_be_rewritten_are_left_with_a_note(tmp_path, name, data, why):
    page = tmp_path / name
    if data is None:
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("It is totally safe.")
        document.save(page)
    else:
        page.write_bytes(data)
    before = page.read_bytes()
    plan = plan_fixes(_findings(page))
    assert plan.files == [] and why in plan.notes[0]
    assert page.read_bytes() == before


def _findings(page):
    from linter.api import lint_paths

    return lint_paths([str(page)], load_engine([PACKS / "fixes.yaml"], builtin=False)).findings


def test_a_symlinked_file_is_not_rewritten(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("It is totally safe.\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    plan = plan_fixes(_findings(link))
    assert plan.files == [] and "symbolic link" in plan.notes[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix", "--diff", "x.txt"], "choose one"),
        (["--fix", "-"], "not standard input"),
        (["--diff", "--statistics", "x.txt"], "do not combine"),
        (["--unsafe-fixes", "x.txt"], "needs --fix or --diff"),
    ],
)
def test_fix_option_mistakes_are_usage_errors(args, message):
    result = run(*FIXES, *args)
    assert result.exit_code == 2 and message in result.output


def test_fixing_the_seed_pages_leaves_fewer_findings_and_no_new_ones(tmp_path):
    """The issue's round trip: --fix --unsafe-fixes on copies of the seed pages, then lint again."""
    import shutil
    from collections import Counter

    from linter.api import lint_paths

    pages = tmp_path / "seeds"
    shutil.copytree(FIXTURES / "seeds", pages)
    before = lint_paths([str(pages)]).findings
    assert any(f.replacement for f in before)  # the built-in packs have fixes for the seeds
    result = run("--fix", "--unsafe-fixes", "--format", "json", str(pages))
    assert "fixed" in result.stderr
    after = lint_paths([str(pages)]).findings
    assert len(after) < len(before)
    assert not Counter((f.path, f.rule) for f in after) - Counter((f.path, f.rule) for f in before)


def test_test_rules_fails_a_replacement_that_is_itself_flagged(tmp_path):
    pack = (
        (PACKS / "fixes.yaml").read_text(encoding="utf-8").replace("with: generally well tolerated", "with: risk free")
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(pack, encoding="utf-8")
    packs = load_packs([broken], builtin=False)
    rules = [r for p in packs for r in p.rules]
    _, failures = check_rules(rules, rules)
    kinds = {f.kind for f in failures}
    assert kinds == {"replace", "fix"}


def test_a_when_phrase_with_bad_syntax_is_an_error_naming_the_line(tmp_path):
    pack = (
        (PACKS / "fixes.yaml")
        .read_text(encoding="utf-8")
        .replace("when: (completely|totally|100%) safe", "when: '{nowhere} safe'")
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(pack, encoding="utf-8")
    result = run("--no-builtin", "--rules", str(broken), "x.txt")
    assert result.exit_code == 2
    line = pack.splitlines().index("      - when: '{nowhere} safe'") + 1
    assert (
        f"{broken}:{line}: " in result.output
    )  # (the message itself is not echoed: tmp_path is outside the repository)


def test_explain_lists_a_rules_fixes():
    result = run(*FIXES, "--explain", "fixes/completely-safe")
    assert "Fixes (--fix; unsafe ones with --unsafe-fixes):\n  - safe: 'generally well tolerated'" in result.stdout


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("There are no side effects.", "known side effects"),
        ("There are no adverse effects or complications.", "known side effects and complications"),
        ("Amniotic injections do not cause side effects.", "can cause side effects"),
    ],
)
def test_builtin_replacements_say_no_more_than_the_words_they_replace(text, replacement):
    [finding] = [f for f in lint_text(text) if f.rule == "safety-absolute/no-side-effects"]
    assert (finding.replacement, finding.fix_safe) == (replacement, True)
