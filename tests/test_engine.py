import pytest

from linter import lint_text, load_engine
from linter.engine import Engine
from linter.engine import run as run_module
from linter.text import document as document_module
from linter.text.document import Document

from conftest import FIXTURES, PACKS


def _rules(engine: Engine, text: str) -> list[str]:
    return [f.rule for f in lint_text(text, engine=engine)]


def test_phrase_matches_across_line_breaks_and_reports_exact_span(demo_engine):
    text = "Intro line.\nThere are no\r\n  side\u00a0effects at all."
    [finding] = lint_text(text, engine=demo_engine)
    assert (finding.rule, finding.line, finding.column) == ("demo/no-harms", 2, 11)
    assert (finding.end_line, finding.end_column) == (3, 15)
    assert finding.match == "no\r\n  side\u00a0effects"


def test_match_keeps_invisible_characters_of_the_original(demo_engine):
    [finding] = lint_text("Zero risk: no compli\u00adcations.", engine=demo_engine)
    assert finding.match == "no compli\u00adcations"
    assert finding.column == 12


def test_negation_before_and_after_a_match(demo_engine):
    assert _rules(demo_engine, "Stem cell therapy is not FDA approved.") == []
    assert _rules(demo_engine, "We cannot promise a cure.") == []
    assert _rules(demo_engine, "Stem cell therapy for arthritis has not been FDA approved.") == []
    assert _rules(demo_engine, "FDA-approved stem cell therapy.") == ["demo/fda-approved"]
    assert _rules(demo_engine, "It cures arthritis.") == ["demo/cures"]


def test_negation_stays_inside_its_clause(demo_engine):
    assert _rules(demo_engine, "It is not surgery, and it cures pain.") == ["demo/cures"]


def test_reported_speech_and_questions_are_not_claims(demo_engine):
    assert _rules(demo_engine, "The FDA warns that some clinics claim their product cures pain.") == []
    assert _rules(demo_engine, "Is this therapy FDA approved?") == []


def test_rule_can_opt_in_to_questions_and_out_of_negation(demo_engine):
    assert _rules(demo_engine, "Is this the miracle you need?") == ["demo/miracle"]
    assert _rules(demo_engine, "This is not a miracle.") == ["demo/miracle"]


def test_sentence_rule_needs_all_parts_in_one_sentence(demo_engine):
    assert _rules(demo_engine, "Exosomes may help with COPD.") == ["demo/product-treats-condition"]
    assert _rules(demo_engine, "We offer exosomes. Many people have COPD and we treat them kindly.") == []
    assert _rules(demo_engine, "No stem cells are approved to treat arthritis.") == []


def test_sentence_rule_span_covers_its_parts(demo_engine):
    [finding] = lint_text("Our amniotic fluid injections relieve knee pain fast.", engine=demo_engine)
    assert finding.match == "amniotic fluid injections relieve knee pain"


def test_unless_window(demo_engine):
    assert _rules(demo_engine, "Book a risk-free trial consultation.") == []
    assert _rules(demo_engine, "A risk-free procedure. Trials elsewhere are run by other people.") == ["demo/risk-free"]


def test_one_finding_per_rule_per_sentence_but_one_per_rule_each(demo_engine):
    text = "It cures pain and cures arthritis, with no side effects and FDA approved. It cures again."
    rules = _rules(demo_engine, text)
    assert rules.count("demo/cures") == 2
    assert sorted(set(rules)) == ["demo/cures", "demo/fda-approved", "demo/no-harms"]


def test_findings_are_sorted_and_deterministic(demo_engine):
    text = "FDA approved. It cures pain. No side effects."
    first = lint_text(text, engine=demo_engine)
    assert first == lint_text(text, engine=demo_engine)
    assert [f.column for f in first] == sorted(f.column for f in first)


def test_prefilter_gives_the_same_findings_as_trying_every_sentence(demo_engine):
    text = "Stem cells heal arthritis. No complications, FDA approved, and it cures pain. Miracle!\nIt's fine."
    without = Engine(demo_engine.rules, prefilter=False).lint(Document.from_text(text))
    assert lint_text(text, engine=demo_engine) == without
    assert len(without) == 5


@pytest.fixture(scope="module")
def labelled_copy() -> str:
    """Every seed page, labelled sentence and rule example the project has, as one document."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    for corpus in sorted((FIXTURES / "corpus").glob("*.tsv")):
        parts += [line.split("\t")[-1] for line in corpus.read_text(encoding="utf-8").splitlines()[1:]]
    for rule in load_engine().rules:
        parts += [*rule.flag_examples, *rule.ok_examples]
    return "\n\n".join(parts)


def test_prefilter_and_batching_change_no_finding_of_the_builtin_packs(labelled_copy, monkeypatch):
    engine = load_engine()
    every_sentence = Engine(engine.rules, prefilter=False).lint(Document.from_text(labelled_copy, "copy.txt"))
    assert len(every_sentence) > 300
    assert engine.lint(Document.from_text(labelled_copy, "copy.txt")) == every_sentence
    monkeypatch.setattr(document_module, "BATCH_CHARS", 1)  # a batch per sentence: span rules cross every edge
    assert engine.lint(Document.from_text(labelled_copy, "copy.txt")) == every_sentence
    doc = Document.from_text(labelled_copy, "copy.txt")  # each batch linted apart, as --jobs does a big file
    parts = [engine.lint_part(doc, i, i + 1) for i in range(len(doc.batches))]
    assert len(parts) > 300 and engine.combine(doc, parts) == every_sentence


def test_catastrophic_pattern_times_out_with_a_note_and_other_rules_still_run():
    engine = load_engine([PACKS / "catastrophic.yaml", PACKS / "demo.yaml"], builtin=False, timeout=0.2)
    doc = Document.from_text("It cures pain. " + "a" * 60 + "!", "site/new\npage.txt")
    findings = engine.lint(doc)
    assert [f.rule for f in findings] == ["demo/cures"]
    assert "site/new\\npage.txt: rule slow/backtracking timed out after 0.2s, skipped for this file" in doc.notes


def test_the_order_a_sentence_rule_tries_its_term_sets_in_changes_no_finding(demo_engine, monkeypatch):
    """Term sets that fail most are tried first (`_RulePatterns.missed`); list items still take a
    missing term set from their lead-in, and every finding is the one of the order in the pack."""
    text = "Stem cells help with knee strength. " * 40
    text += "Stem cells help with:\n\n- knee pain\n- arthritis\n\nExosomes heal COPD. Knee pain? Stem cells treat it."
    orders = []
    missed = run_module._RulePatterns.missed

    def noted(patterns, k):
        missed(patterns, k)
        orders.append(list(patterns.order))

    monkeypatch.setattr(run_module._RulePatterns, "missed", noted)
    reordered = lint_text(text, engine=demo_engine)
    assert [2, 0, 1] in orders  # "knee" without "knee pain": the conditions failed first
    matched = [(f.line, f.match) for f in reordered if f.rule == "demo/product-treats-condition"]
    assert matched == [(3, "knee pain"), (4, "arthritis"), (6, "Exosomes heal COPD")]
    monkeypatch.setattr(run_module._RulePatterns, "missed", lambda patterns, k: None)
    assert lint_text(text, engine=demo_engine) == reordered


def test_a_document_linted_batch_by_batch_finds_its_topics_once(labelled_copy, monkeypatch):
    """As a worker process lints a large file's batches (--jobs): the page is kept between them."""
    engine = load_engine()
    topics = []
    is_topic = run_module._Page._is_topic

    def counted(page, terms):
        topics.append(terms)
        return is_topic(page, terms)

    monkeypatch.setattr(run_module._Page, "_is_topic", counted)
    monkeypatch.setattr(document_module, "BATCH_CHARS", 20_000)
    doc = Document.from_text(labelled_copy, "copy.txt")
    whole = engine.lint(doc)
    once = len(topics)
    topics.clear()
    parts = [engine.lint_part(doc, i, i + 1) for i in range(len(doc.batches))]
    assert len(parts) > 5 and len(topics) == once > 0
    assert engine.combine(doc, parts) == whole
    engine.lint_part(doc, 0, 1)  # a page kept past its document's last batch is not another document's
    other = "Our stem cell therapy cures arthritis. It is safe."
    assert engine.lint(Document.from_text(other)) == Engine(engine.rules).lint(Document.from_text(other))


def test_a_match_rules_of_two_categories_share_is_checked_for_denial_once(monkeypatch):
    """Whether words are denied or someone else's is asked once per match, whichever rules found it."""
    text = (
        "They are young, potent cells that are immuno-privileged (meaning there is almost no risk that"
        " there could be an adverse reaction within the patient's body) and grow a whole body."
    )
    engine = load_engine()
    expected = lint_text(text, engine=engine)
    calls = []
    not_claimed = run_module.is_not_claimed

    def noted(text, sentence, head, end):
        calls.append((sentence, head, end))
        return not_claimed(text, sentence, head, end)

    monkeypatch.setattr(run_module, "is_not_claimed", noted)
    assert lint_text(text, engine=engine) == expected
    assert len({f.category for f in expected}) == 2  # two rules' matches, denials looked for in the same words
    assert len(calls) == len(set(calls))
