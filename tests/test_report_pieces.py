"""Reports written in pieces are byte for byte the reports rendered whole: the JSON writer against
json.dumps, each format's pieces against the string the format renders, and the command's batched
writing across its batch size."""

import json
import os

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import cli, lint_paths, load_engine
from linter.cli import main
from linter.findings import Finding, LintResult, Reference
from linter.report import piece_reporter, streamed_reporter
from linter.report.jsonpieces import json_pieces

from conftest import PACKS

EXAMPLES = int(os.environ.get("COPYLINT_HYPOTHESIS_EXAMPLES", "200"))
DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]

_LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


def _as_iterators(value):
    """`value` with every list an iterator, as the reports give their findings."""
    if isinstance(value, dict):
        return {key: _as_iterators(item) for key, item in value.items()}
    if isinstance(value, list):
        return iter([_as_iterators(item) for item in value])
    return value


@settings(max_examples=EXAMPLES, deadline=None)
@given(_JSON)
def test_json_pieces_are_what_json_dumps_writes(value):
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert "".join(json_pieces(value)) == expected
    assert "".join(json_pieces(_as_iterators(value))) == expected


def _finding(i: int) -> Finding:
    return Finding(
        path=f"site/page {i % 3}.md",
        line=i // 4 + 1,
        column=i % 4 + 1,
        end_line=i // 4 + 1,
        end_column=i % 4 + 9,
        rule=f"demo/rule-{i % 2}",
        category="demo",
        severity=("error", "warning", "info")[i % 3],
        message="A claim “quoted” \x1b[31m—\n",
        match="cures pain",
        suggestion="Say what it does.",
        references=(Reference("FTC", "https://ftc.example"),),
        replacement="helps" if i % 2 else None,
        fingerprint=f"{i:020}",
        score=0.5 if i % 5 == 0 else None,
        evidence=("cures",) if i % 5 == 0 else (),
        related=("demo/other",) if i % 7 == 0 else (),
    )


def _result(count: int) -> LintResult:
    findings = sorted((_finding(i) for i in range(count)), key=Finding.sort_key)
    lines = {(f.path, f.line): "Our therapy cures pain and much more.\tAsk us." for f in findings}
    return LintResult(findings=findings, files=3, source_lines=lines, notes=["a note"])


def test_json_and_sarif_pieces_are_the_documents_json_dumps_writes(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Our FDA-approved therapy cures pain. No side effects.\n" * 20
        + "<!-- copylint-disable-next-line demo/no-harms -- quoting a regulator -->\nNo side effects.\n",
        encoding="utf-8",
    )
    result = lint_paths([str(page)], load_engine([PACKS / "demo.yaml"], builtin=False))
    assert len(result.findings) > 40 and result.suppressed
    whole = {name: "".join(piece_reporter(name)(result, False)) for name in ("json", "sarif")}
    report = json.loads(whole["json"])
    assert whole["json"] == json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    assert [f["fingerprint"] for f in report["findings"]] == [f.fingerprint for f in result.findings]
    log = json.loads(whole["sarif"])
    assert whole["sarif"] == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    results = log["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    places = [
        (region["startLine"], region["startColumn"], r["ruleId"]) for region, r in zip(regions, results, strict=True)
    ]
    assert places == sorted(places) and len(places) == len(result.findings) + len(result.suppressed)


def test_an_empty_run_writes_empty_lists():
    report = "".join(piece_reporter("json")(LintResult(), False))
    assert '"findings": [],\n  "suppressed": [],' in report


def test_line_formats_give_one_piece_per_finding():
    result = _result(30)
    for name in ("text", "concise", "github"):
        finding_pieces, _ = streamed_reporter(name)
        pieces = list(finding_pieces(result.findings, result.source_lines, False))
        assert len(pieces) == 30 and all(piece.endswith("\n") for piece in pieces)


def test_the_command_writes_the_same_bytes_in_batches(tmp_path, monkeypatch):
    """Batches far smaller than the report: what is written is still the whole report, once."""
    page = tmp_path / "page.md"
    page.write_text("Our FDA-approved therapy cures pain. No side effects.\n" * 40, encoding="utf-8")
    runs = {}
    for chars in (1 << 16, 7):
        monkeypatch.setattr(cli, "WRITE_CHARS", chars)
        runs[chars] = {
            name: CliRunner().invoke(main, [*DEMO, "--format", name, str(page)]) for name in ("text", "json")
        }
    for name in ("text", "json"):
        assert runs[7][name].stdout_bytes == runs[1 << 16][name].stdout_bytes
    assert json.loads(runs[7]["json"].stdout)["summary"]["findings"] > 40
