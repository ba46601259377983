"""The HTML report in a real browser (headless Chromium over the DevTools protocol): every
finding highlighted, the filters hide and show them, the panel shows a finding's guidance, and
the page logs no error. `.ci/run` installs Chromium and sets COPYLINT_REQUIRE_BROWSER, so there a
missing browser fails instead of skipping."""

import json
import os

import pytest
from click.testing import CliRunner

from linter.cli import main

from cdp import Browser, find_browser
from conftest import FIXTURES, PACKS

if find_browser() is None:
    if os.environ.get("COPYLINT_REQUIRE_BROWSER"):
        raise RuntimeError("COPYLINT_REQUIRE_BROWSER is set but no Chromium was found")
    pytest.skip("no Chromium on this machine", allow_module_level=True)

DEMO = ["--no-builtin", "--rules", str(PACKS / "demo.yaml")]


def report(tmp_path, *args):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["--format", "html", "--output", str(out), *args])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(CliRunner().invoke(main, ["--format", "json", *args]).stdout)
    return out, findings


@pytest.fixture(scope="module")
def browser():
    with Browser() as opened:
        yield opened


def count(browser, selector):
    return browser.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")


def set_value(browser, element_id, value, event):
    """A user's edit of a form control: the new value, then the event the page listens for."""
    element, value, event = (json.dumps(x) for x in (element_id, value, event))
    browser.evaluate(
        f"(() => {{ const e = document.getElementById({element}); e.value = {value}; "
        f"e.dispatchEvent(new Event({event})); return true; }})()"
    )


def click(browser, selector):
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).click(), true")


def test_every_seed_finding_is_highlighted_with_its_guidance(browser, tmp_path):
    out, findings = report(tmp_path, str(FIXTURES / "seeds"))
    browser.console_errors.clear()
    browser.open(out)
    total = len(findings["findings"])
    assert count(browser, "mark.finding") == total
    assert count(browser, "tr.row:not([hidden])") == total
    assert browser.evaluate("document.getElementById('shown-count').textContent") == f"{total} findings shown."
    browser.evaluate("document.querySelector('mark.finding').focus(), true")
    first = findings["findings"][0]
    panel = browser.evaluate("document.getElementById('detail').textContent")
    assert first["rule"] in panel and f"{first['path']}:{first['line']}:{first['column']}" in panel
    assert "Suggested" in panel and count(browser, "#detail a[href^='https://']") >= 1
    assert browser.console_errors == []


def test_filters_hide_and_show_highlights_and_rows(browser, tmp_path):
    out, findings = report(tmp_path, str(FIXTURES / "seeds"))
    browser.open(out)
    total = len(findings["findings"])
    unapproved = sum(f["category"] == "unapproved-use" for f in findings["findings"])
    errors = sum(f["severity"] == "error" for f in findings["findings"])
    assert 0 < unapproved < total and 0 < errors < total

    click(browser, "input[data-filter=category][value=unapproved-use]")
    assert count(browser, "mark.finding.off") == unapproved
    assert count(browser, "tr.row:not([hidden])") == total - unapproved
    click(browser, "input[data-filter=category][value=unapproved-use]")
    assert count(browser, "mark.finding.off") == 0

    click(browser, "input[data-filter=severity][value=error]")
    assert count(browser, "tr.row:not([hidden])") == total - errors
    click(browser, "input[data-filter=severity][value=error]")

    set_value(browser, "search", "pain-free", "input")
    assert count(browser, "mark.finding:not(.off)") == 1
    set_value(browser, "search", "", "input")

    set_value(browser, "file-filter", "2", "change")
    third_file = sorted({f["path"] for f in findings["findings"]})[2]
    in_file = sum(f["path"] == third_file for f in findings["findings"])
    assert count(browser, "section.file:not([hidden])") == 1
    assert count(browser, "mark.finding:not(.off)") == in_file
    assert browser.console_errors == []


def test_waived_findings_are_shown_greyed_and_can_be_hidden(browser, tmp_path):
    out, findings = report(tmp_path, *DEMO, str(FIXTURES / "report"))
    browser.open(out)
    assert count(browser, "mark.finding") == len(findings["findings"]) + len(findings["suppressed"])
    assert count(browser, "mark.finding.waived") == 1
    assert "quoted from the FDA" in browser.evaluate("document.querySelector('tr.row.waived').textContent")
    click(browser, "#show-waived")
    assert count(browser, "mark.finding.waived.off") == 1
    assert count(browser, "tr.row.waived:not([hidden])") == 0


def test_keyboard_moves_between_findings(browser, tmp_path):
    out, _ = report(tmp_path, *DEMO, str(FIXTURES / "report"))
    browser.open(out)
    browser.evaluate("document.body.focus(), true")
    browser.press("j")
    assert browser.evaluate("document.activeElement.dataset.i") == browser.evaluate(
        "document.querySelector('mark.finding').dataset.i"
    )
    browser.press("j")
    assert browser.evaluate("document.activeElement === document.querySelectorAll('mark.finding')[1]")
    assert browser.evaluate("document.getElementById('detail').textContent").count("demo/") >= 1


def test_search_looks_in_the_words_and_the_rules_message(browser, tmp_path):
    out, _ = report(tmp_path, *DEMO, str(FIXTURES / "report"))
    browser.open(out)
    set_value(browser, "search", "absolute safety", "input")  # demo/no-harms's message, not its words
    assert count(browser, "tr.row:not([hidden])") == 1
    assert browser.evaluate("document.querySelector('tr.row:not([hidden])').dataset.rule") == "demo/no-harms"
    assert browser.console_errors == []
