"""The engine: run compiled rules over a Document and turn surviving matches into Findings.

Per rule: the literal prefilter picks the sentences it could match; its terms run there (any-of,
or all-in-one-sentence for sentence rules); then the filters that keep copylint quiet on honest
copy: questions, `unless`, negation and reported speech. One finding per rule per sentence;
overlapping findings of one category collapse to the most specific, and findings of other categories
on the same words fold into one that names the others as `related` (`_fold_same_words`).
"""

from __future__ import annotations

import bisect
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..display import shown
from ..errors import CopylintError
from ..findings import FINDING_FIELDS, Finding, rule_finding
from ..packs.model import SEVERITIES
from ..text.document import Document
from ..text.sentences import Spans, is_heading
from .compiled import CompiledTerms, LoadTime
from .context import is_described, is_not_claimed, is_question, is_reported, is_research, is_research_document
from .learned import LinearModel, features, least_score, load_model, probability
from .prefilter import Alternatives, Prefilter, SentenceIndex
from .replacements import replacement_for
from .suggest import suggestion

if TYPE_CHECKING:
    import regex

    from ..cache import PatternCache
    from ..packs.model import Rule, TermSet

DEFAULT_TIMEOUT = 2.0  # seconds per rule per document, plus TIMEOUT_PER_MB
MAX_TIMEOUT = 1e9  # longer budgets are this (about 30 years): the regex module times out at once from 1e13
TOPIC_SENTENCES = 2  # a page is about a term set that occurs in this many sentences (or its first)
TIMEOUT_PER_MB = 2.0
CONTEXT = 200  # characters of the sentence on each side of a match that identify it (baseline)
RESEARCH_DOCUMENT_NOTE = (
    "reads as a research paper or abstract (a paper's citations, statistics or headings, no price and no"
    " sentence in a seller's voice): not checked as marketing copy (research-documents: lint checks it)"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A match in lintable offsets; `head` is where negation is looked for (before it); `terms`: the
    start and end of the words each term set matched, one after the other (a sentence rule's match
    also spans the words between them), None for a match of one term set (its words are the match).
    Kept until a document's findings are final, so compact: an array takes a fifth of the memory of
    a tuple of (start, end) tuples."""

    start: int
    end: int
    head: int
    terms: array[int] | None = None


Flagged = tuple[Finding, Candidate]  # a finding and the match it was made from, until findings are final


@dataclass
class Part:
    """What `Engine.lint_part` found in some batches of a document: the rules' findings and the
    detector's (kept apart: `combine` puts all rules' first, as one pass over the document does),
    and notes on rules that timed out. Plain data, so it can come back from another process."""

    rules: list[Flagged]
    learned: list[Flagged]
    notes: list[str]

    def __reduce__(self) -> tuple[Callable[..., Part], tuple[Any, ...]]:
        """Pickled as tuples of field values: unpickling a slotted frozen dataclass runs Python code
        per object, and the process that combines the parts of a large file unpickles them all
        while the others wait (about half the time it took)."""
        return _part_from_values, (_values(self.rules), _values(self.learned), self.notes)


_CANDIDATE_FIELDS = tuple(field.name for field in fields(Candidate))
FlaggedValues = tuple[tuple[Any, ...], tuple[Any, ...]]  # a finding's and its candidate's field values, in order


def _values(flagged: list[Flagged]) -> list[FlaggedValues]:
    return [
        (
            tuple([getattr(finding, name) for name in FINDING_FIELDS]),
            tuple([getattr(cand, name) for name in _CANDIDATE_FIELDS]),
        )
        for finding, cand in flagged
    ]


def _flagged(values: list[FlaggedValues]) -> list[Flagged]:
    return [(Finding(*finding), Candidate(*cand)) for finding, cand in values]


def _part_from_values(rules: list[FlaggedValues], learned: list[FlaggedValues], notes: list[str]) -> Part:
    return Part(_flagged(rules), _flagged(learned), notes)


class Engine:
    """Runs a list of rules. It owns the compiled patterns and run-time counters of their term sets
    (see `compiled.py`); `cache` is where compiled patterns are read from and written to (by default
    the process's cache). `fingerprint`, where the caller knows one, digests everything the rules
    were built from and chosen by (`api.load_engine`): two engines with the same find the same, so
    a file's outcome from an earlier run can be used again (`results.py`). A document that reads as
    a research paper is not marketing copy: it gets a note instead of findings, unless
    `research_documents` (config `research-documents: lint`)."""

    def __init__(
        self,
        rules: list[Rule],
        timeout: float = DEFAULT_TIMEOUT,
        prefilter: bool = True,
        cache: PatternCache | None = None,
        fingerprint: str | None = None,
        research_documents: bool = False,
    ) -> None:
        from ..cache import shared_cache

        self.rules = rules
        self.research_documents = research_documents
        self.fingerprint = fingerprint
        self.timeout = min(timeout, MAX_TIMEOUT)
        self.use_prefilter = prefilter  # off only to prove it changes nothing (tests, benchmarks)
        self.cache = cache or shared_cache()
        self._compiled: dict[TermSet, CompiledTerms] = {}
        self.load_time = LoadTime()  # getting patterns: not charged to any rule's time budget
        self._models: dict[str, LinearModel] = {}
        self._page: _Page | None = None  # the document whose batches are being linted (`_page_of`)

    def compiled(self, terms: TermSet) -> CompiledTerms:
        found = self._compiled.get(terms)
        if found is None:
            found = self._compiled[terms] = CompiledTerms(terms, self.cache, self.load_time)
        return found

    @cached_property
    def _prefilter(self) -> Prefilter:
        return Prefilter(
            sets for rule in self.rules for terms in _narrowed(rule) for sets in self.compiled(terms).literal_sets
        )

    @cached_property
    def _longest_span(self) -> int:
        return max((rule.span for rule in self.rules), default=1)

    def lint(self, doc: Document) -> list[Finding]:
        """Findings for one document, sorted; a rule that times out becomes a note on the document."""
        return self.combine(doc, [self.lint_part(doc, 0, len(doc.batches))])

    def lint_part(self, doc: Document, first_batch: int, last_batch: int) -> Part:
        """What the rules and the detector find in some of a document's batches of sentences
        (`doc.batches[first_batch:last_batch]`), before `combine` settles overlaps: parts of one
        document can be linted apart (in other processes) and combined into what `lint` finds.

        Each rule's time budget covers the part, its `unless` included (the whole document, in `lint`).
        """
        sentences = doc.sentences
        budget = min(self.timeout + TIMEOUT_PER_MB * len(doc.lintable) / 1_000_000, MAX_TIMEOUT)
        remaining = {rule.id: budget for rule in self.rules}
        timed_out: set[str] = set()
        part = Part([], [], [])
        flagged: dict[str, set[int]] = {}  # the sentences a pattern rule flagged, by category
        page = self._page_of(doc)
        if not self.research_documents and page.is_research_document:
            if first_batch == 0:  # one note for the document, from the part that holds its start
                part.notes.append(f"{shown(doc.path)}: {RESEARCH_DOCUMENT_NOTE}")
            return part
        for first, last in doc.batches[first_batch:last_batch]:
            page.next_batch()
            index = None
            if self.use_prefilter:
                reach = min(len(sentences), last + self._longest_span - 1)
                back = min((lead for _, lead in page.items_in(first, last)), default=first)
                index = self._prefilter.index(doc.lintable, sentences, min(first, back), reach)
            for rule in self._pattern_rules:
                if rule.id in timed_out:
                    continue
                patterns = _RulePatterns(rule, self, page, index, first, last)
                chosen = patterns.sentences
                if not chosen:
                    continue
                clock = _Clock(remaining[rule.id], self.load_time)
                try:
                    part.rules.extend(_rule_findings(rule, page, chosen, patterns, clock, flagged, self))
                    remaining[rule.id] -= clock.used()
                except TimeoutError:
                    timed_out.add(rule.id)
                    note = f"rule {rule.id} timed out after {budget:.1f}s, skipped for this file"
                    part.notes.append(f"{shown(doc.path)}: {note}")
        if self._model_rules and first_batch < last_batch:
            first_sentence, last_sentence = doc.batches[first_batch][0], doc.batches[last_batch - 1][1]
            part.learned.extend(self._learned_findings(doc, page, flagged, range(first_sentence, last_sentence)))
        return part

    def _page_of(self, doc: Document) -> _Page:
        """What `doc` says about itself, kept while its batches are linted: a process that lints a
        large file's batches one by one (--jobs) finds its topics once, not once a batch (each
        search may read the whole file). `combine` lets it go."""
        if self._page is None or self._page.document is not doc:
            self._page = _Page(doc, self)
        return self._page

    def combine(self, doc: Document, parts: list[Part]) -> list[Finding]:
        """The findings of a document's parts, in document order: overlapping findings of one
        category collapse, findings of other categories on the same words fold into one."""
        self._page = None
        for part in parts:
            doc.notes.extend(part.notes)
        flagged = [pair for part in parts for pair in part.rules] + [pair for part in parts for pair in part.learned]
        return _fold_same_words(_drop_overlaps_within_category(flagged))

    @cached_property
    def _pattern_rules(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.terms]  # not model rules, nor copylint's own (packs.meta)

    @cached_property
    def _model_rules(self) -> dict[str, list[Rule]]:
        """Model rules by model file: a sentence is scored once per model, for all its labels."""
        by_model: dict[str, list[Rule]] = {}
        for rule in self.rules:
            if rule.model is not None:
                by_model.setdefault(rule.model.path, []).append(rule)
        return by_model

    def model(self, path: str) -> LinearModel:
        """A model file, loaded when a page first needs it and kept for the engine's lifetime."""
        if path not in self._models:
            self._models[path] = load_model(Path(path))
        return self._models[path]

    def _learned_findings(
        self, doc: Document, page: _Page, flagged: dict[str, set[int]], scored: range
    ) -> list[Flagged]:
        """Sentences the detector scores as claims of a rule's label, where no pattern rule of the same
        category already flagged the sentence (rules take precedence), through the same filters."""
        text, findings = doc.lintable, []
        for path, rules in self._model_rules.items():
            labelled = [(rule, rule.model) for rule in rules if rule.model is not None]
            active = [(rule, match) for rule, match in labelled if match.topic is None or page.about(match.topic)]
            if not active:  # a page off the detector's topic never loads the model
                continue
            model = self.model(path)
            least = {}  # per rule, the lowest score that reaches its threshold
            for rule, match in active:
                if not model.has_label(match.label):
                    raise CopylintError(f"rule {rule.id}: model has no label '{match.label}'", rule.source, rule.line)
                threshold = match.threshold if match.threshold is not None else model.threshold
                if threshold is None:
                    raise CopylintError(f"rule {rule.id}: no threshold, and the model has none", rule.source, rule.line)
                least[rule.id] = least_score(threshold)
            labels = {rule.id: model.index(match.label) for rule, match in active}
            sentences = doc.sentences
            for index in scored:
                span = sentences[index]
                waiting = [(rule, match) for rule, match in active if index not in flagged.get(rule.category, ())]
                if not waiting:
                    continue
                sentence = text[span[0] : span[1]]
                found = features(sentence)
                scores = model.scores(found)
                for rule, match in waiting:
                    score = scores[labels[rule.id]]
                    if score < least[rule.id] or not _sentence_accepted(rule, text, span):
                        continue
                    evidence = model.evidence(found, match.label)
                    candidate = Candidate(span[0], span[1], span[0])
                    wording = suggestion(rule, text, span, is_heading(text, span), self.compiled)
                    found_here = _finding(
                        rule, doc, candidate, sentence, wording, self.cache, probability(score), evidence
                    )
                    findings.append((found_here, candidate))
        return findings


def _narrowed(rule: Rule) -> list[TermSet]:
    """The term sets the prefilter narrows for `rule`: its terms (and their on-topic forms), then its
    narrowed `unless`."""
    terms = [*rule.terms, *(t.on_topic for t in rule.terms if t.on_topic is not None)]
    unless = _narrowed_unless(rule)
    return terms if unless is None else [*terms, unless]


class _Page:
    """What a document says about itself, worked out once per document: which term sets are its
    topic (they occur in its first sentence or in two sentences), and its lists' lead-ins; and, for
    the batch being linted, what its rules ask alike (`where`, `is_not_claimed`)."""

    def __init__(self, doc: Document, engine: Engine) -> None:
        self._doc, self._engine = doc, engine
        self._topics: dict[tuple[str, ...], bool] = {}
        self._where: dict[Callable[[str, tuple[int, int]], bool], set[int]] = {}
        self._research: dict[tuple[int, int], bool] = {}
        self._not_claimed: dict[tuple[tuple[int, int], int, int], bool] = {}
        self._items_key: tuple[int, int] | None = None
        self._items: list[tuple[int, int]] = []

    @cached_property
    def is_research_document(self) -> bool:
        return is_research_document(self._doc.lintable, self._doc.sentences)

    def next_batch(self) -> None:
        """Forget what was kept for the batch of sentences before (`where`, `is_not_claimed`, `is_research`)."""
        self._where.clear()
        self._not_claimed.clear()
        self._research.clear()

    def where(self, test: Callable[[str, tuple[int, int]], bool], first: int, last: int) -> set[int]:
        """The sentences `first` to `last` (exclusive, the batch's) that pass `test` (`is_question`,
        `is_heading`): tried once per sentence, however many rules leave them out or keep only them."""
        found = self._where.get(test)
        if found is None:
            text, sentences = self._doc.lintable, self._doc.sentences
            found = self._where[test] = {i for i in range(first, last) if test(text, sentences[i])}
        return found

    def is_not_claimed(self, window: tuple[int, int], head: int, end: int) -> bool:
        """Whether the match from `head` to `end` is denied, or someone else's words reported or
        described, rather than claimed: once per match, which rules of several categories often share."""
        key = (window, head, end)
        found = self._not_claimed.get(key)
        if found is None:
            found = self._not_claimed[key] = is_not_claimed(self._doc.lintable, window, head, end)
        return found

    def is_research(self, window: tuple[int, int]) -> bool:
        """Whether these sentences report research (once per window: several rules may flag it)."""
        found = self._research.get(window)
        if found is None:
            found = self._research[window] = is_research(self._doc.lintable, window)
        return found

    @property
    def lead_ins(self) -> dict[int, int]:
        return self._doc.lead_ins

    @property
    def sentences(self) -> Spans:
        return self._doc.sentences

    @property
    def document(self) -> Document:
        return self._doc

    def items_in(self, first: int, last: int) -> list[tuple[int, int]]:
        """(item, lead-in) of the list items among sentences `first` to `last` (exclusive), found by
        bisection: per batch, not per sentence."""
        if self._items_key != (first, last):
            items = self._item_indexes
            low, high = bisect.bisect_left(items, first), bisect.bisect_left(items, last)
            self._items = [(i, self._doc.lead_ins[i]) for i in items[low:high]]
            self._items_key = (first, last)
        return self._items

    @cached_property
    def _item_indexes(self) -> list[int]:
        return sorted(self._doc.lead_ins)

    def terms_for(self, terms: TermSet) -> TermSet:
        """`terms`, or its on-topic form with stand-ins where the page is about these terms."""
        if terms.on_topic is None:
            return terms
        return terms.on_topic if self.about(terms) else terms

    def about(self, terms: TermSet) -> bool:
        """Whether the page is about these terms (worked out once per distinct term set)."""
        key = tuple(terms.fast_sources)
        if key not in self._topics:
            self._topics[key] = self._is_topic(terms)
        return self._topics[key]

    def _is_topic(self, terms: TermSet) -> bool:
        """Whether the terms occur in the first sentence or in two; a search that runs out of the
        rule budget answers no (the page is then read sentence by sentence, as without a topic)."""
        sentences, text = self._doc.sentences, self._doc.lintable
        if not sentences:
            return False
        starts = sentences.starts
        seen: set[int] = set()
        budget = min(self._engine.timeout + TIMEOUT_PER_MB * len(text) / 1_000_000, MAX_TIMEOUT)
        try:
            for m in self._engine.compiled(terms).pattern.finditer(text, timeout=budget):
                seen.add(bisect.bisect_right(starts, m.start()) - 1)
                if 0 in seen or len(seen) >= TOPIC_SENTENCES:
                    return True
        except TimeoutError:
            pass
        return False


def _narrowed_unless(rule: Rule) -> TermSet | None:
    """A rule's `unless` when it looks only inside the match's own sentences (an `unless` window of
    characters may reach past them, and past the batch)."""
    return rule.unless if rule.unless_window is None else None


class _RulePatterns:
    """The sentences of a batch a rule may match in (of those its questions and headings settings
    let it try), and the patterns to run in each.

    With the prefilter's index, each term set runs only the alternatives that may match in the
    sentence: one alternative's own pattern is faster than the whole set's, and an `unless` none of
    whose alternatives can match is not run at all. Without it, every sentence and every pattern.
    """

    def __init__(
        self, rule: Rule, engine: Engine, page: _Page, index: SentenceIndex | None, first: int, last: int
    ) -> None:
        self.rule = rule
        self.page = page
        self._compiled = [engine.compiled(page.terms_for(terms)) for terms in rule.terms]
        self._compiled_unless = engine.compiled(rule.unless) if rule.unless is not None else None
        self._index, self._first, self._last = index, first, last
        # A sentence rule's list items may take term sets from their lead-in ("We treat:" / "- COPD"),
        # and on a page about the product, the product from the page ("## Applications" / "- Arthritis").
        self.lead_ins = page.lead_ins if len(rule.terms) > 1 else {}
        self.from_topic = [terms.on_topic is not None and page.about(terms) for terms in rule.terms]
        items = page.items_in(first, last) if self.lead_ins else []
        self._spans = page.sentences
        self.order = list(range(len(rule.terms)))  # the term sets in the order they are tried (`missed`)
        self._misses = [0] * len(rule.terms)
        self._terms: list[Alternatives] = []
        chosen = set(range(first, last)) if index is None else self._prefiltered(index, items)
        if chosen and not rule.questions:
            chosen -= page.where(is_question, first, last)
        if chosen and rule.headings_only:
            chosen &= page.where(is_heading, first, last)
        self.sentences = sorted(chosen)

    def _prefiltered(self, index: SentenceIndex, items: list[tuple[int, int]]) -> set[int]:
        """The sentences where the prefilter says each term set may match (or an item's lead-in may
        hold it); a sentence rule needs them all, so the first that holds nowhere ends it."""
        chosen: set[int] = set()
        for k, terms in enumerate(self._compiled):
            alternatives = Alternatives(terms.literal_sets, index, self._first, self._last, self.rule.span)
            self._terms.append(alternatives)
            here = alternatives.sentences
            if items:
                here |= {item for item, lead in items if self.from_topic[k] or alternatives.holds(lead)}
            chosen = here if k == 0 else chosen & here
            if not chosen:
                break
        return chosen

    def missed(self, k: int) -> None:
        """Term set `k` did not match in a sentence: it moves ahead of those that failed less often.
        A sentence rule needs all its term sets, so trying first the one that most often fails skips
        the searches of the others; the order changes which searches run, never what a sentence yields."""
        misses, order = self._misses, self.order
        misses[k] += 1
        i = order.index(k)
        while i > 0 and misses[order[i - 1]] < misses[k]:
            order[i - 1], order[i] = k, order[i - 1]
            i -= 1

    def term(self, k: int, sentence: int) -> regex.Pattern[str] | None:
        """The pattern to run for the rule's `k`th term set in `sentence` (loaded when first needed:
        a sentence rule stops at its first term set that does not match); None where none of its
        alternatives can match (a list item whose lead-in holds the term)."""
        if not self._terms:
            return self._compiled[k].pattern
        return self._compiled[k].pattern_for(self._terms[k].possible(sentence))

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        return self._spans[sentence]

    def unless(self, sentence: int) -> regex.Pattern[str] | None:
        unless = self._compiled_unless
        if unless is None:
            return None
        return unless.pattern if self._unless is None else unless.pattern_for(self._unless.possible(sentence))

    @cached_property
    def _unless(self) -> Alternatives | None:
        """Where each alternative of the `unless` may match (worked out at the rule's first candidate);
        None: run it whole (no index, or an `unless` the prefilter does not narrow)."""
        if _narrowed_unless(self.rule) is None or self._compiled_unless is None or self._index is None:
            return None
        return Alternatives(self._compiled_unless.literal_sets, self._index, self._first, self._last, self.rule.span)


class _Clock:
    """A rule's time on one batch, out of what is `left` of its budget for the document. Getting its
    patterns does not count: compiling depends on the cache and the vocabulary's size, not the page."""

    def __init__(self, left: float, load_time: LoadTime) -> None:
        self._load_time = load_time
        self._started, self._loading = time.monotonic(), load_time.seconds
        self._deadline = self._started + left - self._loading  # what loading takes moves it later

    def used(self) -> float:
        return time.monotonic() - self._started - (self._load_time.seconds - self._loading)

    def remaining(self) -> float:
        """Seconds the next pattern may run; TimeoutError when none are left."""
        remaining = self._deadline + self._load_time.seconds - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        return remaining


def _rule_findings(
    rule: Rule,
    page: _Page,
    chosen: Iterable[int],
    patterns: _RulePatterns,
    clock: _Clock,
    flagged: dict[str, set[int]],
    engine: Engine,
) -> list[Flagged]:
    """The first accepted match of `rule` in each chosen sentence; each flagged sentence is noted in
    `flagged` under the rule's category."""
    doc = page.document
    text = doc.lintable
    sentences = doc.sentences
    findings: list[Flagged] = []
    span, count = rule.span, len(sentences)
    for index in chosen:
        first = sentences[index]
        window = first if span == 1 else (first[0], sentences[min(index + span, count) - 1][1])
        unless, unless_known = None, False  # looked up at the first candidate: most sentences have none
        for cand in _candidates(patterns, index, text, window, first[1], clock):
            if not unless_known:
                unless, unless_known = patterns.unless(index), True
            if _accepted(rule, unless, page, window, cand, clock):
                context = text[max(window[0], cand.start - CONTEXT) : min(window[1], cand.end + CONTEXT)]
                wording = suggestion(rule, text, window, is_heading(text, first), engine.compiled)
                findings.append((_finding(rule, doc, cand, context, wording, engine.cache), cand))
                flagged.setdefault(rule.category, set()).add(index)
                break
    return findings


def _candidates(
    patterns: _RulePatterns, sentence: int, text: str, window: tuple[int, int], first_end: int, clock: _Clock
) -> Iterator[Candidate]:
    """Matches in a window of `rule.span` sentences that start in its first sentence: every match
    of a simple rule (one term set), or for a sentence rule the first match of each term set (head:
    the middle one, usually the verb). In a list item, a term set missing from the item may be in
    its lead-in, or be the page's topic (the product a page is about); the match is then the item's
    own part, and the item must hold at least one."""
    start, end = window
    terms_count = len(patterns.rule.terms)
    if terms_count == 1:
        pattern = patterns.term(0, sentence)
        if pattern is None:
            return
        for m in pattern.finditer(text, start, end, timeout=clock.remaining()):
            at = m.start()
            if at >= first_end:
                return
            yield Candidate(at, m.end(), at)
        return
    lead = patterns.lead_ins.get(sentence)
    spans = []
    for k in tuple(patterns.order):  # (a copy: `missed` reorders it)
        found = _search(patterns.term(k, sentence), text, start, end, clock)
        if found is not None:
            spans.append(found.span())
            continue
        patterns.missed(k)
        if lead is None:
            return
        if patterns.from_topic[k]:
            continue
        lead_span = patterns.sentence_span(lead)
        in_lead = _search(patterns.term(k, lead), text, *lead_span, clock)
        # a lead-in that denies or reports what it lends ("You may not be a candidate if you:") lends nothing
        if in_lead is None or (patterns.rule.negation and patterns.page.is_not_claimed(lead_span, *in_lead.span())):
            return
    if not spans:
        return
    spans.sort()
    yield Candidate(spans[0][0], max(e for _, e in spans), spans[len(spans) // 2][0], array("q", chain(*spans)))


def _search(
    pattern: regex.Pattern[str] | None, text: str, start: int, end: int, clock: _Clock
) -> regex.Match[str] | None:
    return None if pattern is None else pattern.search(text, start, end, timeout=clock.remaining())


def _accepted(
    rule: Rule,
    unless: regex.Pattern[str] | None,
    page: _Page,
    sentence: tuple[int, int],
    cand: Candidate,
    clock: _Clock,
) -> bool:
    text = page.document.lintable
    if unless is not None:
        if rule.unless_window is not None:
            scope = (max(0, cand.start - rule.unless_window), min(len(text), cand.end + rule.unless_window))
        else:
            scope = sentence
        if unless.search(text, *scope, timeout=clock.remaining()) is not None:
            return False
    if rule.negation and page.is_not_claimed(sentence, cand.head, cand.end):
        return False
    return not (rule.research and page.is_research(sentence))


def _sentence_accepted(rule: Rule, text: str, sentence: tuple[int, int]) -> bool:
    """A whole sentence the detector scored: not a question, not denied, nobody else's words, not research."""
    from .context import is_sentence_negated  # the sentence-wide negation check (phrase rules use is_negated)

    if not rule.questions and is_question(text, sentence):
        return False
    end = sentence[1]
    if rule.negation and (
        is_sentence_negated(text, sentence) or is_reported(text, sentence, end) or is_described(text, sentence, end)
    ):
        return False
    return not (rule.research and is_research(text, sentence))


def _drop_overlaps_within_category(findings: list[Flagged]) -> list[Flagged]:
    """Where rules of one category flag overlapping words, keep the longest match (the most specific).

    One sweep per category in start order: a finding that starts before the kept one ends overlaps it.
    """
    kept: list[Flagged] = []
    by_category: dict[str, list[Flagged]] = {}
    for flagged in findings:
        by_category.setdefault(flagged[0].category, []).append(flagged)
    for group in by_category.values():
        group.sort(key=lambda pair: (pair[0].line, pair[0].column, -len(pair[0].match), pair[0].rule))
        current: Flagged | None = None
        for flagged in group:
            finding = flagged[0]
            if current is None or (finding.line, finding.column) >= (current[0].end_line, current[0].end_column):
                if current is not None:
                    kept.append(current)
                current = flagged
            elif len(finding.match) > len(current[0].match):
                current = flagged
        if current is not None:
            kept.append(current)
    return kept


def _fold_same_words(findings: list[Flagged]) -> list[Finding]:
    """Where rules of other categories flag the same words, report the most specific finding and name
    the others in its `related`, so one claim gets one finding and one suggestion.

    The same words: one finding's whole match lies inside a single matched term of the other (a simple
    rule's match is its one term; equal matches count). A sentence rule's match also spans the words
    between its terms, and another claim there is a claim of its own, so it stays a finding. Most
    specific: the higher severity (the rule that judged these words most serious), then the longer
    match (it holds the other's words and more of the claim), then the rule id. Learned findings score
    a whole sentence, not words, so they take no part (they already yield to rules of their category).
    """
    # Matches over the same words come widest term first (it can hold the others' words), then by rule:
    # the order never depends on how the findings arrived (one pass, or batches linted apart).
    words = sorted(
        (pair for pair in findings if pair[0].score is None),
        key=lambda p: (p[1].start, -p[1].end, -_widest_term(p[1]), p[0].rule),
    )
    groups: list[list[Flagged]] = []  # the first of each: the match the others' words lie inside
    reaching: list[int] = []  # groups whose first match reaches the current one's start
    for pair in words:
        cand = pair[1]
        reaching = [i for i in reaching if groups[i][0][1].end > cand.start]
        holder = next((i for i in reaching if _inside_a_term(cand, groups[i][0][1])), None)
        if holder is None:
            reaching.append(len(groups))
            groups.append([pair])
        else:
            groups[holder].append(pair)
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    kept = [pair[0] for pair in findings if pair[0].score is not None]
    for group in groups:
        group.sort(key=lambda p: (-rank[p[0].severity], p[1].start - p[1].end, p[0].rule))
        best, others = group[0][0], tuple(pair[0].rule for pair in group[1:])
        kept.append(replace(best, related=others) if others else best)
    return sorted(kept, key=Finding.sort_key)


def _term_spans(cand: Candidate) -> list[tuple[int, int]]:
    """The (start, end) of the words each term set of `cand` matched (`Candidate.terms`)."""
    terms = cand.terms if cand.terms is not None else (cand.start, cand.end)
    return [(terms[k], terms[k + 1]) for k in range(0, len(terms), 2)]


def _widest_term(cand: Candidate) -> int:
    return max(end - start for start, end in _term_spans(cand))


def _inside_a_term(cand: Candidate, other: Candidate) -> bool:
    """Whether `cand` lies inside the words one term set of `other` matched."""
    return any(start <= cand.start and cand.end <= end for start, end in _term_spans(other))


def _finding(
    rule: Rule,
    doc: Document,
    cand: Candidate,
    context: str,
    suggestion: str,
    cache: PatternCache,
    score: float | None = None,
    evidence: tuple[str, ...] = (),
) -> Finding:
    words = doc.lintable[cand.start : cand.end]
    fix = replacement_for(rule, words, cache)
    return rule_finding(
        rule,
        doc.path,
        doc.position(cand.start),
        doc.original_position(doc.original_end(cand.end)),
        doc.original_slice(cand.start, cand.end),
        message=rule.message,
        suggestion=suggestion,
        words=words,
        context=context,
        references=rule.references,
        replacement=fix.text if fix else None,
        fix_safe=fix is not None and fix.safe,
        score=score,
        evidence=evidence,
    )
