"""The engine: run compiled rules over a Document and turn surviving matches into Findings.

Per rule: a literal prefilter (skip rules whose required words are absent), the rule's terms
(any-of, or all-in-one-sentence), then the filters that make copylint quiet on honest copy:
questions, `unless`, negation and reported speech. One finding per rule per sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .baseline import fingerprint
from .context import is_negated, is_question, is_reported
from .document import Document
from .findings import Finding
from .rules import Rule, TermSet

DEFAULT_TIMEOUT = 2.0  # seconds per pattern per document, plus TIMEOUT_PER_MB
TIMEOUT_PER_MB = 2.0


@dataclass(frozen=True)
class Candidate:
    """A match in lintable offsets; `head` is where negation is looked for (before it)."""

    start: int
    end: int
    head: int


class Engine:
    def __init__(self, rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.rules = rules
        self.timeout = timeout

    def lint(self, doc: Document) -> list[Finding]:
        """Findings for one document, sorted; timeouts become notes on the document."""
        lowered = doc.lintable.lower()
        timeout = self.timeout + TIMEOUT_PER_MB * len(doc.lintable) / 1_000_000
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.literals is not None and not any(lit in lowered for lit in rule.literals):
                continue
            try:
                candidates = self._candidates(rule, doc, timeout)
            except TimeoutError:
                doc.notes.append(f"rule {rule.id} timed out after {timeout:.1f}s and was skipped for this file")
                continue
            findings.extend(self._findings(rule, doc, candidates))
        return _drop_overlaps_within_category(findings)

    def _candidates(self, rule: Rule, doc: Document, timeout: float) -> list[Candidate]:
        text = doc.lintable
        if not rule.is_sentence_rule:
            return [Candidate(m.start(), m.end(), m.start()) for m in _finditer(rule.terms[0], text, timeout)]
        # Sentence rule: the first match of every term set inside one sentence.
        per_sentence: dict[tuple[int, int], list[list[tuple[int, int]]]] = {}
        for index, terms in enumerate(rule.terms):
            for m in _finditer(terms, text, timeout):
                slots = per_sentence.setdefault(doc.sentence_at(m.start()), [[] for _ in rule.terms])
                slots[index].append(m.span())
        candidates = []
        for slots in per_sentence.values():
            if all(slots):
                firsts = sorted(spans[0] for spans in slots)
                head = firsts[len(firsts) // 2][0]
                candidates.append(Candidate(firsts[0][0], max(end for _, end in firsts), head))
        candidates.sort(key=lambda c: c.start)
        return candidates

    def _findings(self, rule: Rule, doc: Document, candidates: list[Candidate]) -> list[Finding]:
        text = doc.lintable
        findings = []
        seen_sentences: set[tuple[int, int]] = set()
        for cand in candidates:
            sentence = doc.sentence_at(cand.start)
            if sentence in seen_sentences:
                continue
            if not rule.questions and is_question(text[sentence[0] : sentence[1]]):
                continue
            if rule.unless is not None and self._excepted(rule, text, sentence, cand):
                continue
            if rule.negation and (
                is_negated(text, sentence, cand.head, cand.end) or is_reported(text, sentence, cand.head)
            ):
                continue
            seen_sentences.add(sentence)
            findings.append(_finding(rule, doc, cand, text[sentence[0] : sentence[1]]))
        return findings

    @staticmethod
    def _excepted(rule: Rule, text: str, sentence: tuple[int, int], cand: Candidate) -> bool:
        assert rule.unless is not None
        if rule.unless_window is not None:
            start = max(0, cand.start - rule.unless_window)
            end = min(len(text), cand.end + rule.unless_window)
        else:
            start, end = sentence
        return rule.unless.pattern.search(text, start, end) is not None


def _drop_overlaps_within_category(findings: list[Finding]) -> list[Finding]:
    """Where rules of one category flag overlapping words, keep the longest match (the most specific).

    One sweep per category in start order: a finding that starts before the kept one ends overlaps it.
    """
    kept: list[Finding] = []
    by_category: dict[str, list[Finding]] = {}
    for finding in findings:
        by_category.setdefault(finding.category, []).append(finding)
    for group in by_category.values():
        group.sort(key=lambda f: (f.line, f.column, -len(f.match), f.rule))
        current: Finding | None = None
        for finding in group:
            if current is None or (finding.line, finding.column) >= (current.end_line, current.end_column):
                if current is not None:
                    kept.append(current)
                current = finding
            elif len(finding.match) > len(current.match):
                current = finding
        if current is not None:
            kept.append(current)
    return sorted(kept, key=Finding.sort_key)


def _finditer(terms: TermSet, text: str, timeout: float) -> Iterator[regex.Match[str]]:
    return terms.pattern.finditer(text, timeout=timeout)


def _finding(rule: Rule, doc: Document, cand: Candidate, sentence: str) -> Finding:
    line, column = doc.position(cand.start)
    end_line, end_column = doc.position(cand.end)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=rule.message,
        match=doc.original_slice(cand.start, cand.end),
        suggestion=rule.suggest,
        references=tuple(rule.references),
        replacement=rule.replace,
        fix_safe=rule.fix_safe,
        fingerprint=fingerprint(doc.path, rule.id, doc.lintable[cand.start : cand.end], sentence),
    )
