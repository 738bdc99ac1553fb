"""Unit tests for moderation.bias: Jigsaw bias AUCs, power mean, template false positives, term lists."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from moderation.bias import TEMPLATES, bias_audit, default_identity_terms, power_mean, read_identity_terms
from moderation.bundle import ModelBundle
from moderation.errors import InputError
from moderation.features import TextFeatures
from moderation.labels.schema import DEFAULT_SCHEMA
from moderation.model import CommentModel


def _table(groups: dict[str, int]) -> pd.DataFrame:
    """Label rows from counts: keys are "mention-uncivil", "mention-civil", "other-uncivil", "other-civil"."""
    words = {"mention": "my muslim neighbour", "other": "my neighbour"}
    rows = []
    for key, count in groups.items():
        who, label = key.split("-")
        rude = " is an idiot" if label == "uncivil" else " is kind"
        rows += [{"text": f"{words[who]}{rude} {i}", "civility": label} for i in range(count)]
    return pd.DataFrame(rows)


BALANCED = {"mention-uncivil": 10, "mention-civil": 10, "other-uncivil": 20, "other-civil": 20}


def _by_label(text: str) -> float:
    return 0.9 if "idiot" in text else 0.1


def test_a_perfect_model_scores_one_everywhere():
    report = bias_audit(lambda texts: [_by_label(t) for t in texts], _table(BALANCED), identities=["Muslim"])
    row = report["identities"][0]
    assert (row["n"], row["n_uncivil"]) == (20, 10)
    assert row["subgroup_auc"] == row["bpsn_auc"] == row["bnsp_auc"] == 1.0
    assert report["overall_auc"] == 1.0
    assert report["power_mean"] == {"subgroup_auc": 1.0, "bpsn_auc": 1.0, "bnsp_auc": 1.0}
    assert report["final_score"] == 1.0
    assert report["skipped"] == []


def test_scoring_identity_mentions_high_gives_a_low_bpsn():
    # Within each group the ranking is right, but every civil mention (0.8) outscores every
    # uncivil comment without a mention (0.6): BPSN is 0, subgroup and BNSP stay 1.
    def scores(texts):
        return [(0.95 if "idiot" in t else 0.8) if "muslim" in t else (0.6 if "idiot" in t else 0.1) for t in texts]

    report = bias_audit(scores, _table(BALANCED), identities=["Muslim"])
    row = report["identities"][0]
    assert row["subgroup_auc"] == 1.0
    assert row["bpsn_auc"] == 0.0
    assert row["bnsp_auc"] == 1.0
    # Overall: uncivil mentions beat all 30 civil rows (300 pairs), uncivil others beat the
    # 20 civil others (400 pairs): 700 of 900 pairs.
    assert report["overall_auc"] == pytest.approx(700 / 900, abs=1e-4)
    assert report["power_mean"]["bpsn_auc"] == 0.0
    assert report["final_score"] == pytest.approx(0.25 * (700 / 900 + 1.0 + 0.0 + 1.0), abs=1e-4)


def test_scoring_identity_mentions_low_gives_a_low_bnsp():
    def scores(texts):
        return [(0.3 if "idiot" in t else 0.05) if "muslim" in t else (0.9 if "idiot" in t else 0.4) for t in texts]

    row = bias_audit(scores, _table(BALANCED), identities=["Muslim"])["identities"][0]
    assert (row["subgroup_auc"], row["bpsn_auc"], row["bnsp_auc"]) == (1.0, 1.0, 0.0)


def test_power_mean_with_p_minus_five_is_pulled_toward_the_minimum():
    values = [1.0] * 9 + [0.5]
    # (0.9 * 1 + 0.1 * 0.5**-5) ** (-1/5) = 4.1 ** -0.2
    assert power_mean(values, -5) == pytest.approx(4.1 ** -0.2)
    assert power_mean(values, -5) < 0.76 < sum(values) / len(values)
    assert power_mean(values, 1) == pytest.approx(0.95)
    assert power_mean([0.8, 0.8, 0.8]) == pytest.approx(0.8)
    assert power_mean([0.0, 1.0]) == 0.0
    assert power_mean([None, float("nan")]) is None
    with pytest.raises(ValueError):
        power_mean([0.5], 0)


def test_the_report_power_mean_combines_identities_with_p_minus_five():
    # The model scores every "muslim" comment 0.9 and the rest by their rude word.
    rows = ([{"text": f"muslim idiot {i}", "civility": "uncivil"} for i in range(10)]
            + [{"text": f"muslim kind {i}", "civility": "civil"} for i in range(10)]
            + [{"text": f"deaf idiot {i}", "civility": "uncivil"} for i in range(10)]
            + [{"text": f"deaf kind {i}", "civility": "civil"} for i in range(10)])

    def scores(texts):
        return [0.9 if "muslim" in t else (0.9 if "idiot" in t else 0.1) for t in texts]

    report = bias_audit(scores, pd.DataFrame(rows), identities=["Muslim", "deaf"])
    by_name = {r["identity"]: r for r in report["identities"]}
    assert by_name["Muslim"]["subgroup_auc"] == 0.5  # all mentions score alike
    assert by_name["Muslim"]["bpsn_auc"] == 0.5  # civil mentions tie with the uncivil "deaf" rows
    assert by_name["deaf"]["bpsn_auc"] == 1.0
    assert by_name["deaf"]["bnsp_auc"] == 0.5  # uncivil "deaf" rows tie with the civil mentions of "muslim"
    # (mean(0.5 ** -5, 1 ** -5)) ** (-1/5) = 16.5 ** -0.2 = 0.571, not the arithmetic 0.75
    assert report["power_mean"]["bpsn_auc"] == pytest.approx(16.5 ** -0.2, abs=1e-4)
    assert report["power_mean"]["bnsp_auc"] == pytest.approx(16.5 ** -0.2, abs=1e-4)
    assert report["power_mean"]["subgroup_auc"] == pytest.approx(16.5 ** -0.2, abs=1e-4)


def test_identities_with_few_mentions_or_one_class_are_skipped_and_say_why():
    rows = ([{"text": f"muslim idiot {i}", "civility": "uncivil"} for i in range(5)]
            + [{"text": f"muslim kind {i}", "civility": "civil"} for i in range(4)]
            + [{"text": f"deaf kind {i}", "civility": "civil"} for i in range(12)]
            + [{"text": f"gay idiot {i}", "civility": "uncivil"} for i in range(10)]
            + [{"text": f"gay kind {i}", "civility": "civil"} for i in range(10)])
    report = bias_audit(lambda ts: [_by_label(t) for t in ts], pd.DataFrame(rows), identities=["Muslim", "deaf", "gay"])
    by_name = {r["identity"]: r for r in report["identities"]}
    assert by_name["Muslim"]["n"] == 9 and by_name["Muslim"]["subgroup_auc"] is None
    assert "fewer than 10" in by_name["Muslim"]["note"]
    assert by_name["deaf"]["bpsn_auc"] is None and "all civil" in by_name["deaf"]["note"]
    assert by_name["gay"]["subgroup_auc"] == 1.0 and by_name["gay"]["note"] is None
    assert [s["identity"] for s in report["skipped"]] == ["Muslim", "deaf"]
    assert report["power_mean"]["subgroup_auc"] == 1.0  # only "gay" counts


def test_template_fpr_is_the_share_flagged_at_the_threshold():
    def scores(texts):
        return [0.9 if "deaf" in t.lower() else (0.5 if "blind" in t.lower() else 0.2) for t in texts]

    templates = ["I am {identity}.", "{Identity} people live here."]
    report = bias_audit(scores, identities=["deaf", "blind", "elderly"], templates=templates, threshold=0.5)
    by_name = {r["identity"]: r for r in report["identities"]}
    assert by_name["deaf"]["template_fpr"] == 1.0
    assert by_name["blind"]["template_fpr"] == 1.0  # p == threshold is flagged
    assert by_name["elderly"]["template_fpr"] == 0.0
    assert by_name["blind"]["template_mean_p"] == 0.5
    assert report["template_fpr"] == pytest.approx(4 / 6, abs=1e-4)
    assert report["template_mean_p"] == pytest.approx((0.9 * 2 + 0.5 * 2 + 0.2 * 2) / 6, abs=1e-4)
    assert {f["text"] for f in report["template_flagged"]} == {"I am deaf.", "Deaf people live here.",
                                                               "I am blind.", "Blind people live here."}
    assert report["template_flagged"][0]["p"] == 0.9
    assert report["templates"] == [{"template": "I am {identity}.", "fpr": 0.6667, "mean_p": 0.5333},
                                   {"template": "{Identity} people live here.", "fpr": 0.6667, "mean_p": 0.5333}]
    assert bias_audit(scores, identities=["deaf"], templates=templates, threshold=0.95)["template_fpr"] == 0.0
    # Without a table there are no AUCs, and nothing pretends otherwise.
    assert report["overall_auc"] is None and report["final_score"] is None
    assert by_name["deaf"]["subgroup_auc"] is None and by_name["deaf"]["n"] is None
    json.dumps(report)


def test_a_template_without_placeholder_is_refused():
    with pytest.raises(ValueError, match="placeholder"):
        bias_audit(lambda ts: [0.0] * len(ts), identities=["deaf"], templates=["Nice weather today."])


def test_default_templates_are_civil_identity_only_sentences():
    assert 15 <= len(TEMPLATES) <= 25
    assert all("{identity}" in t or "{Identity}" in t for t in TEMPLATES)
    assert len(set(TEMPLATES)) == len(TEMPLATES)


def test_a_real_model_that_learned_an_identity_word_as_rude_flags_its_templates():
    texts = ["muslim idiots ruin everything", "shut up you muslim moron", "muslim scum get out",
             "you idiot", "what a moron", "great plan for the park", "lovely idea", "thanks for the article",
             "the bus route is useful", "I agree with the council"]
    labels = ["uncivil"] * 5 + ["civil"] * 5
    model = CommentModel(features=TextFeatures(min_df=1, char_ngram_range=None),
                         civility_head=LogisticRegression(C=100.0, max_iter=2000)).fit(texts, {"civility": labels})
    report = bias_audit(model, identities=["Muslim", "Buddhist"], threshold=0.5)
    by_name = {r["identity"]: r for r in report["identities"]}
    assert by_name["Muslim"]["template_mean_p"] > by_name["Buddhist"]["template_mean_p"] + 0.1
    assert by_name["Muslim"]["template_fpr"] > by_name["Buddhist"]["template_fpr"]


def test_a_bundle_lends_its_flag_threshold():
    bundle = ModelBundle(model=lambda ts: [0.6] * len(ts), metadata={"thresholds": {"flag": 0.7, "review": 0.4},
                                                                     "schema": DEFAULT_SCHEMA.to_dict()})
    report = bias_audit(bundle, identities=["deaf"], templates=["I am {identity}."], threshold=None)
    assert report["threshold"] == 0.7 and report["template_fpr"] == 0.0
    assert bias_audit(bundle, identities=["deaf"], templates=["I am {identity}."])["template_fpr"] == 1.0


def test_mentions_match_whole_words_and_phrases_case_insensitively():
    rows = pd.DataFrame({"text": ["Islam is a religion", "I flew to Islamabad", "ASYLUM\n SEEKERS arrived",
                                  "LGBTQ+ rights", "a trans woman", "transport is late"],
                         "civility": ["civil"] * 6})
    report = bias_audit(lambda ts: [0.1] * len(ts), rows, templates=[],
                        identities=["Muslim|Islam", "refugee|asylum seekers", "queer|LGBTQ+", "transgender|trans"])
    counts = {r["identity"]: r["n"] for r in report["identities"]}
    assert counts == {"Muslim": 1, "refugee": 1, "queer": 1, "transgender": 1}
    assert report["template_fpr"] is None and report["n_templates"] == 0


def test_comments_labelled_by_several_annotators_count_once_by_majority():
    base = _table(BALANCED)
    base["id"] = [str(i) for i in range(len(base))]
    base["annotator"] = "a"
    second = base.copy()
    second["annotator"] = "b"
    report = bias_audit(lambda ts: [_by_label(t) for t in ts], pd.concat([base, second]), identities=["Muslim"])
    assert report["n_labelled"] == len(base)
    assert report["identities"][0]["n"] == 20


def test_read_identity_terms_reads_names_aliases_and_refuses_bad_files(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# comment\n\nMuslim | muslims|Islam\nolder people|elderly\n", encoding="utf-8")
    assert read_identity_terms(path) == {"Muslim": ("Muslim", "muslims", "Islam"),
                                         "older people": ("older people", "elderly")}
    path.write_text("deaf\nDeaf|hard of hearing\n", encoding="utf-8")
    with pytest.raises(InputError, match="listed twice"):
        read_identity_terms(path)
    path.write_text("deaf||blind\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_identity_terms(path)
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match="no identity"):
        read_identity_terms(path)
    with pytest.raises(InputError, match="no such file"):
        read_identity_terms(tmp_path / "missing.txt")


def test_a_user_term_file_is_used_instead_of_the_default(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("Welsh|Wales\n", encoding="utf-8")
    report = bias_audit(lambda ts: [0.0] * len(ts), identities=path, templates=["I am {identity}."])
    assert [r["identity"] for r in report["identities"]] == ["Welsh"]


def test_the_packaged_identity_list_covers_the_usual_groups():
    terms = default_identity_terms()
    assert 30 <= len(terms) <= 45
    for name in ("Muslim", "Jewish", "Black", "immigrant", "female", "gay", "transgender", "disabled", "elderly"):
        assert name in terms
    report = bias_audit(lambda ts: [0.0] * len(ts), templates=["I am a {identity} person."])
    assert len(report["identities"]) == len(terms) and report["template_fpr"] == 0.0


def test_a_template_flagged_whatever_the_identity_shows_in_the_per_template_rows():
    templates = ["Being {identity} is nothing to be ashamed of.", "I am {identity}."]
    report = bias_audit(lambda ts: [0.8 if "ashamed" in t else 0.1 for t in ts], identities=["deaf", "gay"],
                        templates=templates)
    assert [(t["fpr"], t["mean_p"]) for t in report["templates"]] == [(1.0, 0.8), (0.0, 0.1)]
    assert [r["template_fpr"] for r in report["identities"]] == [0.5, 0.5]
