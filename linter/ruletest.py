"""`--test-rules`: every rule must flag its `flag` examples and pass its `ok` examples, and every
suggested rewording must pass every loaded rule (a "compliant" rewrite that is itself flagged
would send users in circles): the generic wording, the short one for headings, and the wordings
the rule gives its own flag examples, with their fields filled. So must every replacement
(`replace`), alone and in place: a flag example with the rule's fixes applied must give fewer
findings, and none the example did not have."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .engine import Engine
from .fix import apply_edits, text_edits
from .packs.model import Rule
from .text.document import Document


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    kind: str  # "flag", "ok", "suggest", "replace" or "fix"
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
        for kind, text in [*(("suggest", w) for w in wordings), *(("replace", entry.text) for entry in rule.replace)]:
            checks += 1
            flagged_by = everything.lint(Document.from_text(text))
            if flagged_by:
                hit = flagged_by[0]
                failures.append(ExampleFailure(rule, kind, text, f"{kind} flagged by {hit.rule} at '{hit.match}'"))
        if rule.replace:
            checks += len(rule.flag_examples)
            failures += _fix_failures(rule, alone, everything)
    return checks, failures


def _fix_failures(rule: Rule, alone: Engine, everything: Engine) -> list[ExampleFailure]:
    """Flag examples whose fixed text keeps as many findings, or gains one it did not have."""
    failures = []
    for text in rule.flag_examples:
        doc = Document.from_text(text)
        edits, _ = text_edits(doc, [f for f in alone.lint(doc) if f.replacement is not None])
        if not edits:
            continue
        fixed = apply_edits(text, edits)
        before = Counter(f.rule for f in everything.lint(doc))
        after = Counter(f.rule for f in everything.lint(Document.from_text(fixed)))
        if after - before:
            added = ", ".join(sorted(after - before))
            failures.append(ExampleFailure(rule, "fix", fixed, f"fixed example flagged by {added}"))
        elif after.total() >= before.total():
            failures.append(ExampleFailure(rule, "fix", fixed, "fixed example keeps all its findings"))
    return failures
