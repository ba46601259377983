"""The learned claim detector: a `model` rule in a pack, trained reproducibly, scored in plain Python,
behind the hand-written rules, with its evidence, and switched off like any pack."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from linter import lint_text, load_engine
from linter.cli import main
from linter.engine.learned import LinearModel, features, load_model
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
    assert [f.rule for f in lint_text(page, "page.txt", alone)] == ["learned/efficacy-guarantee"]


def test_json_output_carries_score_and_evidence_and_ignore_turns_it_off(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Our stem cell clinic\n\nThe treatment can promote the repair of damaged discs.\n")
    runner = CliRunner()
    found = json.loads(runner.invoke(main, ["--format", "json", "--select", "learned", str(page)]).output)["findings"]
    assert [f["rule"] for f in found] == ["learned/unapproved-use"]
    assert 0 < found[0]["score"] <= 1 and "repair" in found[0]["evidence"]
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
        json.dumps({"format": 1, "labels": ["other"], "bias": [0], "weights": {}})
    )
    with pytest.raises(CopylintError, match="model has no label 'unapproved-use'"):
        lint_text("Our stem cells repair cartilage.", engine=load_engine([pack], builtin=False))


def test_a_damaged_model_file_is_one_error_naming_it(tmp_path):
    path = tmp_path / "x.model.json"
    path.write_text("{not json")
    with pytest.raises(CopylintError, match="not valid JSON"):
        load_model(path)
    with pytest.raises(CopylintError, match="not a copylint model"):
        LinearModel.from_plain({"format": 1}, str(path))


def test_feature_extraction():
    assert features("Our #1 clinic: 100% results!") == {
        "our",
        "#1",
        "clinic",
        "100%",
        "results",
        "our #1",
        "#1 clinic",
        "clinic 100%",
        "100% results",
    }
