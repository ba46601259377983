"""`--test-rules`: every rule must flag its `flag` examples and pass its `ok` examples, and every
suggested rewording must pass every loaded rule (a "compliant" rewrite that is itself flagged
would send users in circles): the generic wording, the short one for headings, and the wordings
the rule gives its own flag examples, with their fields filled."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Engine
from .packs.model import Rule
from .text.document import Document


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    kind: str  # "flag", "ok" or "suggest"
    text: str
    detail: str

    def describe(self) -> str:
        where = f"{self.rule.source}:{self.rule.line}" if self.rule.line else self.rule.source
        return f"{where}: {self.rule.id}: {self.detail}: {self.text!r}"


def check_rules(tested: list[Rule], all_rules: list[Rule]) -> tuple[int, list[ExampleFailure]]:
    """Run the examples of `tested` rules; suggestions are checked against `all_rules`."""
    everything = Engine(all_rules)
    failures: list[ExampleFailure] = []
    checks = 0
    for rule in tested:
        alone = Engine([rule])
        wordings = dict.fromkeys((rule.suggest, rule.suggest_short or rule.suggest))
        for text in rule.flag_examples:
            checks += 1
            found = alone.lint(Document.from_text(text))
            if not found:
                failures.append(ExampleFailure(rule, "flag", text, "flag example not flagged"))
            wordings.update(dict.fromkeys(f.suggestion for f in found))
        for text in rule.ok_examples:
            checks += 1
            found = alone.lint(Document.from_text(text))
            if found:
                failures.append(ExampleFailure(rule, "ok", text, f"ok example flagged at '{found[0].match}'"))
        for wording in wordings:
            checks += 1
            flagged_by = everything.lint(Document.from_text(wording))
            if flagged_by:
                hit = flagged_by[0]
                detail = f"suggestion flagged by {hit.rule} at '{hit.match}'"
                failures.append(ExampleFailure(rule, "suggest", wording, detail))
    return checks, failures
