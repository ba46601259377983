"""Claims stated through page structure: a page's topic lends stand-ins the product's place, a list's
lead-in carries into its items, and research and described marketing are not the page's own claims."""

import textwrap

import pytest

from linter import lint_text, load_engine
from linter.readers import read_text
from linter.text.sentences import is_heading, list_lead_ins, sentence_spans

ENGINE = load_engine()
TOPIC_PACK = """
pack: topic
version: 1
vocab:
  topic_products: [stem cells, exosomes]
  topic_stand_ins: [this treatment, one session]
  topic_verbs: [treat, treats, helps with, relieves]
  topic_conditions: [arthritis, knee pain]
rules:
  - id: topic/treats
    category: unapproved-use
    severity: error
    message: A product presented as treating a condition.
    match:
      all:
        - vocab: [topic_products]
          on_topic: {vocab: [topic_stand_ins], patterns: ['(?-i:\\bIt\\b)']}
        - vocab: [topic_verbs]
        - vocab: [topic_conditions]
    suggest: Ask us what evidence exists.
    examples:
      flag: [Stem cells treat arthritis.]
      ok: [Stem cells are not approved to treat arthritis.]
"""


@pytest.fixture(scope="module")
def topic_engine(tmp_path_factory):
    pack = tmp_path_factory.mktemp("packs") / "topic.yaml"
    pack.write_text(TOPIC_PACK)
    return load_engine([pack], builtin=False)


def _rules(engine, text: str, path: str = "page.txt") -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_text(textwrap.dedent(text).strip() + "\n", path, engine)]


def test_on_a_page_about_the_product_a_stand_in_takes_its_place(topic_engine):
    page = """
        Stem Cells at Our Clinic

        We harvest stem cells from your own bone marrow.

        This treatment relieves knee pain.
        It helps with arthritis.
        """
    assert _rules(topic_engine, page) == [(5, "topic/treats"), (6, "topic/treats")]


def test_off_topic_the_stand_ins_are_ordinary_words(topic_engine):
    page = """
        Physical Therapy at Our Clinic

        This treatment relieves knee pain.
        It helps with arthritis.
        """
    assert _rules(topic_engine, page) == []


def test_one_mention_after_the_title_is_not_yet_a_topic(topic_engine):
    page = """
        Physical Therapy at Our Clinic

        Some patients ask about stem cells.

        This treatment relieves knee pain.
        """
    assert _rules(topic_engine, page) == []


def test_a_lead_in_carries_into_each_item_and_the_finding_sits_on_the_item(demo_engine):
    page = """
        Stem cell therapy helps with:
        - knee pain
        - COPD
        - scheduling flexibility
        """
    findings = lint_text(textwrap.dedent(page).strip() + "\n", "page.txt", demo_engine)
    assert [(f.line, f.match) for f in findings] == [(2, "knee pain"), (3, "COPD")]


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_list_items_in_markup_take_their_lead_in(demo_engine, suffix):
    markdown = "Exosomes help with:\n\n- arthritis\n- autism\n"
    html = "<p>Exosomes help with:</p><ul><li>arthritis</li><li>autism</li></ul>\n"
    findings = lint_text(markdown if suffix == ".md" else html, "page" + suffix, demo_engine)
    assert [f.match for f in findings] == ["arthritis", "autism"]


def test_a_list_ends_at_prose_and_a_lead_in_alone_lends_nothing(demo_engine):
    page = """
        Stem cell therapy helps with:
        - scheduling

        Knee pain is common in runners and usually improves with rest.
        """
    assert _rules(demo_engine, page) == []


def test_lead_ins_are_found_in_text_with_bullets_and_end_at_a_sentence():
    text = "We treat:\n- knee pain\n- COPD\nMost patients are seen within a week.\n- later item\n"
    spans = sentence_spans(text)
    items = list_lead_ins(text, spans)
    assert [text[slice(*spans[i])] for i in items] == ["- knee pain", "- COPD"]
    assert set(items.values()) == {0}


def _items(text: str, path: str) -> dict[str, str]:
    """{item: its lead-in} as the document for `path` reads the list structure."""
    doc = read_text(text, path)
    words = [doc.lintable[slice(*span)] for span in doc.sentences]
    return {words[item]: words[lead] for item, lead in doc.lead_ins.items()}


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "Exosomes contain:\n\n- growth factors\n- proteins\n\n## Our Doctors\n\n- Dr. Ann Lee\n"),
        (
            "page.html",
            "<p>Exosomes contain:</p><ul><li>growth factors</li><li>proteins</li></ul>"
            "<h2>Our Doctors</h2><ul><li>Dr. Ann Lee</li></ul>",
        ),
        ("page.md", "Exosomes contain:\n\n- growth factors\n- proteins\n\nOur Doctors\n-----------\n\n- Dr. Ann Lee\n"),
    ],
)
def test_in_markup_a_heading_ends_a_list_and_leads_the_list_under_it(path, text):
    assert _items(text, path) == {
        "growth factors": "Exosomes contain:",
        "proteins": "Exosomes contain:",
        "Dr. Ann Lee": "Our Doctors",
    }


def test_word_headings_and_list_paragraphs_are_read_from_their_styles(tmp_path):
    import docx

    from linter.readers import Source, read_document

    document = docx.Document()
    document.add_paragraph("Exosomes contain:")
    document.add_paragraph("growth factors", style="List Bullet")
    document.add_heading("Our Doctors", 2)
    document.add_paragraph("Dr. Ann Lee", style="List Number")
    document.save(tmp_path / "page.docx")
    doc = read_document(Source(str(tmp_path / "page.docx"), explicit=True))
    words = [doc.lintable[slice(*span)] for span in doc.sentences]
    assert {words[item]: words[lead] for item, lead in doc.lead_ins.items()} == {
        "growth factors": "Exosomes contain:",
        "Dr. Ann Lee": "Our Doctors",
    }


def test_a_marked_list_item_belongs_to_its_list_however_it_ends():
    text = "## Benefits\n\n- Less pain in most patients.\n- A faster return to sport.\n\nBook a visit today.\n"
    assert _items(text, "page.md") == {
        "Less pain in most patients.": "Benefits",
        "A faster return to sport.": "Benefits",
    }


def test_in_plain_text_a_bulleted_piece_is_an_item_however_long_or_however_it_ends():
    long_item = "- knee pain that has lasted for years, " + "through rest and physical therapy, " * 4 + "in athletes."
    text = f"Stem cells can help with:\n{long_item}\n- COPD\nMost patients are seen within a week.\n"
    assert _items(text, "page.txt") == {long_item: "Stem cells can help with:", "- COPD": "Stem cells can help with:"}


def test_plain_text_has_no_markup_to_read_headings_from():
    text = "Exosomes contain:\n- growth factors\nOur Doctors\n- Dr. Ann Lee\n"
    assert _items(text, "page.txt") == {
        "- growth factors": "Exosomes contain:",
        "Our Doctors": "Exosomes contain:",
        "- Dr. Ann Lee": "Exosomes contain:",
    }


TOPIC_PAGE = """
# Stem Cells at Our Clinic

We harvest stem cells from your own bone marrow.

## Applications

- Arthritis
- Knee pain
- Weekend appointments
"""


def test_on_a_page_about_the_product_its_list_items_take_the_product_from_the_page(topic_engine):
    findings = lint_text(TOPIC_PAGE.replace("Applications", "What this treatment treats"), "page.md", topic_engine)
    assert [f.match for f in findings] == ["Arthritis", "Knee pain"]


def test_an_item_still_needs_the_rest_of_the_claim_from_itself_or_its_lead_in(topic_engine):
    assert lint_text(TOPIC_PAGE, "page.md", topic_engine) == []  # no verb: "Applications" names no use
    off_topic = TOPIC_PAGE.replace("Stem Cells", "Physical Therapy").replace("stem cells", "blood")
    assert lint_text(off_topic.replace("Applications", "What this treatment treats"), "page.md", topic_engine) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "In a randomized trial, MSC injections reduced knee pain compared with placebo.",
        "Exosome therapy was evaluated in a pilot study of patients with arthritis.",
        "Your firm markets these stem cell products to treat arthritis and COPD.",
        "Clinics offering stem cells for autism have spread across the country.",
        "Acme Biologics markets these products to treat or cure COVID-19.",
        "Clinics that offer miracle cures for back pain have spread across the country.",
        "Some medical professionals tout stem cell therapy as a cure for arthritis.",
        "They claimed the clinic could cure autism with stem cells.",
        "They also claim stem cell injections cured their knee arthritis.",
        "In the survey, 89 percent of respondents said stem cells cured their knee pain.",
    ],
)
def test_research_and_described_marketing_are_not_claims(sentence):
    assert lint_text(sentence, engine=ENGINE) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Studies show our stem cell injections treat arthritis.",
        "We offer stem cells to treat arthritis in our clinic, as a pilot study suggested.",
        "Unlike other clinics offering steroids, we treat knee arthritis with stem cells.",
        "Our clinic markets these stem cell products to treat arthritis.",
    ],
)
def test_a_seller_citing_research_still_makes_the_claim(sentence):
    assert any(f.category == "unapproved-use" for f in lint_text(sentence, engine=ENGINE))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Stem Cells and COPD", True),
        ("Autism & Exosome Therapy", True),
        ("Stem Cells and COPD.", False),  # a sentence, not a heading: sentence rules judge it
        ("Stem cells and COPD: what the FDA says", False),
        ("Cord Blood Transplants for Leukemia", False),
    ],
)
def test_titles_and_headings_are_claim_sites(text, flagged):
    rules = {f.rule for f in lint_text(text, engine=ENGINE)}
    assert ("unapproved-use/product-condition-heading" in rules) is flagged


def test_heading_shape():
    assert is_heading("Stem Cells and COPD", (0, 19))
    assert not is_heading("We treat COPD.", (0, 14))
    assert not is_heading("Conditions we treat:", (0, 20))


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("The FDA has warned about clinics, but our stem cells cure arthritis.", True),
        ("The FDA warns that some clinics claim stem cells cure arthritis.", False),
        ("These products should not be sold before they have been proven safe.", False),
        ("If proven effective, exosomes could change skincare.", False),
        # an aside in brackets neither ends the clause around it nor lends it its words
        ("It is not known whether mesenchymal stem cells (MSCs) repair cartilage in knee arthritis.", False),
        ("It is unclear as to whether stem cells repair cartilage in knee arthritis.", False),
        ("Our stem cells (not yet FDA approved) repair cartilage in knee arthritis.", True),
    ],
)
def test_reported_speech_and_conditions_govern_their_own_part_of_the_sentence(sentence, flagged):
    assert bool(lint_text(sentence, engine=ENGINE)) is flagged


CANDIDATES_PAGE = """
# Stem Cell Therapy at Our Clinic

We harvest stem cells from your own bone marrow.

You may be a good candidate if you:

- Have knee osteoarthritis
- Have a partial rotator cuff tear

{denied}

- Have an active infection
- Have cancer
"""


@pytest.mark.parametrize(
    "denied",
    ["You may not be a good candidate if you:", "Stem cells are not a treatment for:", "Some clinics claim to treat:"],
)
def test_a_lead_in_that_denies_or_reports_lends_its_items_nothing(denied):
    """Who qualifies is a claim item by item; a lead-in that denies or reports ("not a candidate if
    you:") turns its items into the opposite, so none of them is flagged."""
    findings = lint_text(CANDIDATES_PAGE.format(denied=denied), "page.md", ENGINE)
    flagged_items = [f.match for f in findings if f.rule == "unapproved-use/product-treats-condition"]
    assert flagged_items == ["osteoarthritis", "rotator cuff tear"]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Stem cells begin to repair knee cartilage almost immediately, he said.", False),
        ('"Stem cells cure arthritis," said Dr. Smith, a surgeon in Miami.', False),
        ("Exosomes reverse knee arthritis, the company said in a statement.", False),
        ("Stem cells repair knee cartilage, and patients are happy, Joe Brown said.", False),
        # the seller's own voice, or a patient's first-person story, stays a claim
        ("Our stem cells repair knee cartilage, Dr. Smith said.", True),
        ('"My knee arthritis is gone since my stem cell injection," she said.', True),
        ("Our doctor said stem cells repair knee cartilage, and they do.", True),
    ],
)
def test_speech_attributed_at_the_end_of_a_sentence_is_reported(sentence, flagged):
    assert bool(lint_text(sentence, engine=ENGINE)) is flagged
