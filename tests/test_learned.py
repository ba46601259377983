"""The learned claim detector: a `model` rule in a pack, trained reproducibly, scored in plain Python,
behind the hand-written rules, with its evidence, and switched off like any pack."""

import json
import math
import subprocess
import sys
from array import array

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from linter import lint_text, load_engine
from linter.cli import main
from linter.engine.learned import (
    _TOKEN,
    MODEL_FORMAT,
    LinearModel,
    _words,
    features,
    least_score,
    load_model,
    packed,
    probability,
)
from linter.errors import CopylintError
from linter.packs.load import builtin_pack_folder
from linter.train import examples, read_tsv, train, write_model

from conftest import FIXTURES

LEARNING = FIXTURES / "learning"
ENGINE = load_engine()

TEAM_PACK = """
pack: team
version: 1
rules:
  - id: team/repair
    category: unapproved-use
    severity: warning
    message: The detector reads this as a disease claim.
    references: [{title: FTC Health Products Compliance Guidance, url: "https://www.ftc.gov/"}]
    match:
      model: {name: team, label: unapproved-use, threshold: 0.6}
    suggest: Describe the procedure, not what it cures.
    examples:
      flag: [Exosomes repair damaged cartilage.]
      ok: [Parking is behind the building.]
"""


@pytest.fixture(scope="module")
def team_pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter.train",
            str(LEARNING / "train.tsv"),
            "--dev",
            str(LEARNING / "dev.tsv"),
            "--out",
            str(folder / "team.model.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "threshold" in result.stdout
    (folder / "team.yaml").write_text(TEAM_PACK)
    return folder / "team.yaml"


def test_training_is_reproducible_byte_for_byte(tmp_path):
    data = examples(read_tsv(LEARNING / "train.tsv"))
    write_model(train(data, seed=3), tmp_path / "a.model.json")
    write_model(train(data, seed=3), tmp_path / "b.model.json")
    write_model(train(data, seed=4), tmp_path / "c.model.json")
    a = (tmp_path / "a.model.json").read_bytes()
    assert a == (tmp_path / "b.model.json").read_bytes() != (tmp_path / "c.model.json").read_bytes()


def test_a_team_trains_its_own_detector_and_its_pack_names_it(team_pack):
    engine = load_engine([team_pack], builtin=False)
    found = lint_text("Our stem cells repair damaged knee cartilage.", engine=engine)
    assert [f.rule for f in found] == ["team/repair"]
    assert found[0].score is not None and found[0].score >= 0.6 and "repair" in " ".join(found[0].evidence)
    assert lint_text("Our clinic is open on Monday.", engine=engine) == []


def test_the_shipped_model_is_small_and_scores_without_numpy():
    path = builtin_pack_folder() / "claims.model.json"
    assert path.stat().st_size < 5_000_000
    model = load_model(path)
    claim = model.probabilities(features("Stem cells can repair damaged tissue and reduce inflammation in your knee."))
    neutral = model.probabilities(features("Our office is open Monday through Friday."))
    assert claim["unapproved-use"] >= model.threshold > neutral["unapproved-use"]
    assert "numpy" not in sys.modules and "sklearn" not in sys.modules


def test_rules_take_precedence_over_the_detector():
    text = "Umbilical cord stem cells rebuild damaged cartilage in arthritic knees."
    rules = {f.rule.split("/")[0] for f in lint_text(text, engine=ENGINE) if f.category == "unapproved-use"}
    assert rules == {"unapproved-use"}  # the hand-written rule, and no learned finding of its category
    alone = load_engine(select=["learned"])
    assert [f.rule for f in lint_text(text, engine=alone)] == ["learned/unapproved-use"]


def test_the_detector_waits_for_a_page_about_a_regenerative_product():
    alone = load_engine(select=["learned"])
    claim = "Nine out of ten patients are pain free after one session."
    assert lint_text(claim, engine=alone) == []  # no product: not the detector's topic
    page = "Stem cell therapy at our clinic\n\nOur stem cells come from your own bone marrow.\n\n" + claim + "\n"
    found = {f.rule for f in lint_text(page, "page.txt", alone)}  # "pain free" may also read as a safety claim
    assert "learned/efficacy-guarantee" in found and found <= {"learned/efficacy-guarantee", "learned/safety-absolute"}


@pytest.mark.parametrize(
    "denied, claim",
    [
        (
            "IT HASN'T BEEN SHOWN TO REPAIR DAMAGED CARTILAGE OR RELIEVE ARTHRITIS PAIN.",
            "IT REPAIRS DAMAGED CARTILAGE AND RELIEVES ARTHRITIS PAIN.",
        ),
        (
            "Exosomes haven't been shown to repair damaged cartilage and regenerate joints.",
            "Exosomes repair damaged cartilage and regenerate joints.",
        ),
        (
            "Our stem cell therapy doesn't repair damaged cartilage or regenerate worn joints.",
            "Stem cell therapy is not surgery, and it repairs damaged cartilage in arthritic knees.",
        ),
    ],
)
def test_the_detector_skips_a_sentence_that_denies_what_it_says(denied, claim):
    alone = load_engine(select=["learned"])
    page = "Stem cell therapy at our clinic\n\nOur stem cells come from your own bone marrow.\n\n{}\n"
    assert [f for f in lint_text(page.format(denied), "page.txt", alone) if f.line == 5] == []
    assert "learned/unapproved-use" in {f.rule for f in lint_text(page.format(claim), "page.txt", alone) if f.line == 5}


def test_json_output_carries_score_and_evidence_and_ignore_turns_it_off(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Our stem cell clinic\n\nThe treatment can promote the repair of damaged discs.\n")
    runner = CliRunner()
    found = json.loads(runner.invoke(main, ["--format", "json", "--select", "learned", str(page)]).output)["findings"]
    by_rule = {f["rule"]: f for f in found}  # a repair claim may also read as a promise of results
    assert set(by_rule) - {"learned/efficacy-guarantee"} == {"learned/unapproved-use"}
    repair = by_rule["learned/unapproved-use"]
    assert 0 < repair["score"] <= 1 and "repair" in repair["evidence"]
    text = runner.invoke(main, ["--select", "learned", str(page)]).output
    assert "detector score:" in text
    off = runner.invoke(main, ["--format", "json", "--ignore", "learned", str(page)]).output
    assert not any(f["rule"].startswith("learned/") for f in json.loads(off)["findings"])


def test_explain_lists_the_words_that_weigh_most():
    output = CliRunner().invoke(main, ["--explain", "learned/unapproved-use"]).output
    assert "Learned detector: model claims" in output and "weigh most" in output


def test_a_model_rule_without_its_file_or_label_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a pack inside the working tree: its errors may quote it
    pack = tmp_path / "team.yaml"
    pack.write_text(TEAM_PACK)
    with pytest.raises(CopylintError, match="model 'team' not found"):
        load_engine([pack], builtin=False)
    (tmp_path / "team.model.json").write_text(
        json.dumps({"format": MODEL_FORMAT, "labels": ["other"], "bias": [0], **packed({})})
    )
    with pytest.raises(CopylintError, match="model has no label 'unapproved-use'"):
        lint_text("Our stem cells repair cartilage.", engine=load_engine([pack], builtin=False))


def test_a_damaged_model_file_is_one_error_naming_it(tmp_path):
    path = tmp_path / "x.model.json"
    path.write_text("{not json")
    with pytest.raises(CopylintError, match="not valid JSON"):
        load_model(path)
    with pytest.raises(CopylintError, match="not a copylint model"):
        LinearModel.from_plain({"format": MODEL_FORMAT}, str(path))


def test_weights_are_packed_whole_numbers_and_a_score_is_the_same_in_any_feature_order(tmp_path):
    weights = {"cure": [1.2345, -0.5], "stem cell": [0.1, 0.0001], "pain": [-2.0, 3.25]}
    plain = {"format": MODEL_FORMAT, "labels": ["a", "b"], "bias": [0.5, -0.25], **packed(weights)}
    assert plain["features"] == "cure\npain\nstem cell"
    model = LinearModel.from_plain(json.loads(json.dumps(plain)), str(tmp_path / "m.model.json"))
    scores = model.probabilities({"cure", "pain", "stem cell", "unknown"})
    assert scores["a"] == pytest.approx(1 / (1 + math.exp(-(0.5 + 1.2345 + 0.1 - 2.0))))
    assert scores["b"] == pytest.approx(1 / (1 + math.exp(-(-0.25 - 0.5 + 0.0001 + 3.25))))
    for order in (["stem cell", "pain", "cure"], ["pain", "cure", "stem cell"]):  # sets iterate in hash order
        assert model.probabilities(dict.fromkeys(order).keys()) == scores
    assert model.strongest("b") == [("pain", 3.25), ("stem cell", 0.0001)]
    assert model.evidence({"cure", "pain"}, "a") == ("cure",)
    with pytest.raises(CopylintError, match="weights do not match"):
        LinearModel.from_plain({**plain, "labels": ["a"], "bias": [0.0]}, "m.model.json")


def test_a_model_of_an_older_format_asks_to_be_retrained(tmp_path):
    old = {"format": 1, "labels": ["unapproved-use"], "bias": [0.0], "weights": {"cures": [2.0]}}
    with pytest.raises(CopylintError, match=r"format 1 is not supported.*retrain"):
        LinearModel.from_plain(old, str(tmp_path / "old.model.json"))


def test_feature_extraction():
    assert features("Our #1 clinic: 100% results!") == {
        "our",
        "#1",
        "clinic",
        "100%",
        "result",
        "our #1",
        "#1 clinic",
        "clinic 100%",
        "100% result",
    }


def test_inflections_of_a_word_are_one_feature_and_short_words_keep_their_ending():
    assert features("treats") == features("treated") == features("treating") == {"treat"}
    assert features("Stem cells regenerated joints") == features("stem cell regenerates joint")
    assert features("uses his gas") == {"uses", "his", "gas", "uses his", "his gas"}
    assert features("regenerate") == features("regenerated") == features("regenerating") == {"regenerat"}


def test_words_after_a_negator_in_its_clause_are_marked():
    assert features("No side effects, known risks") == {
        "no", "-side", "-effect", "risk", "known",
        "no -side", "-side -effect", "-effect known", "known risk",
    }  # fmt: skip
    assert "side effect" in features("Known side effects include swelling.")


def test_a_score_sums_the_largest_weights_of_every_sign_exactly():
    """Scoring adds all labels' weights at once (packed in one integer per feature): the extreme
    weights a model file can hold, of either sign and in many features, must sum as they would apart."""
    largest, smallest = 2**31 - 1, -(2**31)
    values = array("i", [largest, smallest, smallest, largest, -1, 1] * 500)
    offsets = {f"f{i}": 2 * i for i in range(1500)}
    model = LinearModel(["a", "b"], [3, -4], offsets, values)
    for found in ({"f0", "f2"}, {"f1", "f4"}, set(offsets), {f"f{i}" for i in range(0, 1500, 3)}, set()):
        rows = [values[offsets[f] : offsets[f] + 2] for f in found]
        for k, (label, bias) in enumerate((("a", 3), ("b", -4))):
            total = (bias + sum(row[k] for row in rows)) / 10_000
            expected = 1.0 / (1.0 + math.exp(-total)) if total > -700 else 0.0
            assert model.probabilities(found)[label] == expected


@given(st.floats(min_value=0, max_value=1.5) | st.sampled_from([0.5, 0.7485, 0.99, 1.0, 5e-324]))
def test_the_least_score_decides_as_the_probability_would(threshold):
    """The engine compares whole-number scores with `least_score(threshold)` instead of working out a
    probability per label and sentence: both must agree at the boundary, on every side."""
    least = least_score(threshold)
    assert all(probability(score) < threshold for score in (least - 1, least - 10**6) if score >= -(2**63))
    if least < 2**63:
        assert all(probability(score) >= threshold for score in (least, least + 1, least + 10**6))
    else:  # no score reaches it
        assert probability(2**63 - 1) < threshold


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text(alphabet="ab1'#$%_ \u00e9\u0301-"))
def test_words_are_found_alike_on_ascii_text_and_on_any_other(text):
    """ASCII text takes a faster tokenizer (`re`); it must find what `regex` finds there."""
    assert _words(text) == _TOKEN.findall(text)
