"""Agreement statistics against textbook values and sklearn; majority resolution and its ties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from moderation.errors import ModerationError
from moderation.labels.agreement import (
    agreement,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    resolve_majority,
)
from moderation.labels.schema import LABEL_COLUMNS

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1..5, "." = missing. Published nominal alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# The worked example of the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters each,
# 5 categories; P_bar = 0.378, P_e = 0.213, kappa = 0.210.
FLEISS_WORKED = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def long_table(columns: dict[str, list], task: str = "stance") -> pd.DataFrame:
    """Annotator -> labels per item (None = not labelled) as a label table with one row per label."""
    records = []
    for annotator, labels in columns.items():
        for item, label in enumerate(labels, start=1):
            if label is not None:
                records.append({"id": f"c{item}", "thread_id": "t", "text": f"comment {item}",
                                "annotator": annotator, task: str(label)})
    return pd.DataFrame(records)


# ---------------------------------------------------------------------- textbook values


def test_krippendorff_alpha_published_example():
    units = list(zip(*KRIPPENDORFF_2011, strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_through_agreement_with_missing_labels():
    table = long_table(dict(zip("ABCD", KRIPPENDORFF_2011, strict=True)))
    result = agreement(table, "stance")
    assert result["krippendorff_alpha"] == pytest.approx(0.743, abs=5e-4)
    assert result["n_items"] == 11  # unit 12 has one value and cannot be paired
    assert result["n_annotators"] == 4


def test_krippendorff_alpha_by_hand():
    # Units: (a, a), (a, b), (b, b). Coincidences: o_aa = 2, o_bb = 2, o_ab = o_ba = 1;
    # n_a = n_b = 3, n = 6. D_o = 2, D_e = (36 - 18) / 5 = 3.6 -> alpha = 1 - 2 / 3.6 = 0.444...
    assert krippendorff_alpha([["a", "a"], ["a", "b"], ["b", "b"]]) == pytest.approx(1 - 2 / 3.6)
    assert math.isnan(krippendorff_alpha([["a", "a"], ["a", "a"]]))  # no variation: undefined
    assert math.isnan(krippendorff_alpha([["a"], ["b", None]]))     # nothing pairable


def test_fleiss_kappa_worked_example():
    counts = np.array(FLEISS_WORKED, dtype=float)
    p_i = ((counts**2).sum(axis=1) - 14) / (14 * 13)
    p_bar = p_i.mean()
    p_e = ((counts.sum(axis=0) / counts.sum()) ** 2).sum()
    assert p_bar == pytest.approx(0.378, abs=5e-4)
    assert p_e == pytest.approx(0.213, abs=5e-4)
    assert fleiss_kappa(FLEISS_WORKED) == pytest.approx(0.210, abs=5e-4)
    assert fleiss_kappa(FLEISS_WORKED) == pytest.approx((p_bar - p_e) / (1 - p_e))


def test_fleiss_kappa_by_hand_and_edge_cases():
    # Items (2,0), (0,2), (1,1): P_i = 1, 1, 0 -> P_bar = 2/3; p = (1/2, 1/2) -> P_e = 1/2; kappa = 1/3.
    assert fleiss_kappa([[2, 0], [0, 2], [1, 1]]) == pytest.approx(1 / 3)
    assert fleiss_kappa([[3, 0], [0, 3]]) == pytest.approx(1.0)
    assert math.isnan(fleiss_kappa([[1, 0], [0, 1]]))  # single ratings only
    assert math.isnan(fleiss_kappa([[2, 0], [3, 0]]))  # one class only


def test_cohen_kappa_by_hand():
    # 10 items: table [[4, 1], [2, 3]] -> p_o = 0.7; p_e = (5*6 + 5*4) / 100 = 0.5; kappa = 0.4.
    a = ["y"] * 5 + ["n"] * 5
    b = ["y"] * 4 + ["n"] + ["y"] * 2 + ["n"] * 3
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("fan"), st.sampled_from("fan")), min_size=2, max_size=40))
def test_cohen_kappa_matches_sklearn(pairs):
    a, b = zip(*pairs, strict=True)
    expected = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else float("nan")
    got = cohen_kappa(a, b)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected)


# ----------------------------------------------------------------------------- agreement()


def test_two_annotators_use_cohen_on_shared_items():
    a = ["favor", "against", "neutral", "favor", "favor", "against", None]
    b = ["favor", "against", "favor", "favor", "against", None, "neutral"]
    result = agreement(long_table({"ann": a, "bo": b}), "stance")
    shared = [i for i in range(7) if a[i] and b[i]]
    expected = cohen_kappa_score([a[i] for i in shared], [b[i] for i in shared])
    assert result["cohen_kappa"] == pytest.approx(expected)
    assert result["n_items"] == 5 and result["n_annotators"] == 2
    assert result["percent_agreement"] == pytest.approx(3 / 5)
    # with two raters per item Fleiss' kappa is Scott's pi, which Krippendorff's alpha approaches
    assert result["fleiss_kappa"] <= result["krippendorff_alpha"]


def test_three_annotators_average_pairwise_cohen():
    a = ["civil", "civil", "uncivil", "uncivil", "civil", "civil"]
    b = ["civil", "uncivil", "uncivil", "uncivil", "civil", "civil"]
    c = ["civil", "civil", "uncivil", "civil", "uncivil", None]
    table = long_table({"a": a, "b": b, "c": c}, task="civility")
    result = agreement(table, "civility")
    pairs = []
    for x, y in [(a, b), (a, c), (b, c)]:
        keep = [i for i in range(6) if x[i] and y[i]]
        pairs.append(cohen_kappa_score([x[i] for i in keep], [y[i] for i in keep]))
    assert result["cohen_kappa"] == pytest.approx(np.mean(pairs))
    counts = [[sum(v[i] == cls for v in (a, b, c) if v[i]) for cls in ("civil", "uncivil")] for i in range(6)]
    assert result["fleiss_kappa"] == pytest.approx(fleiss_kappa(counts))
    assert result["n_items"] == 6 and result["n_annotators"] == 3


def test_agreement_ignores_single_labels_and_empty_cells():
    table = pd.DataFrame({
        "id": ["1", "1", "2", "3", "3"],
        "annotator": ["a", "b", "a", "a", "b"],
        "stance": ["favor", "favor", "against", "", "neutral"],
    })
    result = agreement(table, "stance")
    assert result["n_items"] == 1
    assert result["percent_agreement"] == 1.0
    assert math.isnan(result["cohen_kappa"])  # one item, one class: chance agreement is total


def test_agreement_with_no_overlap_is_nan_not_an_error():
    table = pd.DataFrame({"id": ["1", "2"], "annotator": ["a", "b"], "civility": ["civil", "uncivil"]})
    result = agreement(table, "civility")
    assert result["n_items"] == 0 and math.isnan(result["krippendorff_alpha"])


def test_perfect_agreement_scores_one():
    table = long_table({"a": ["favor", "against", "neutral"], "b": ["favor", "against", "neutral"]})
    result = agreement(table, "stance")
    assert result["cohen_kappa"] == result["fleiss_kappa"] == result["krippendorff_alpha"] == pytest.approx(1.0)


def test_duplicate_label_by_one_annotator_is_refused():
    table = pd.DataFrame({"id": ["1", "1"], "annotator": ["a", "a"], "stance": ["favor", "against"]})
    with pytest.raises(ModerationError, match="comment '1' has several stance labels from annotator 'a'"):
        agreement(table, "stance")
    with pytest.raises(ModerationError, match="no 'stance' column"):
        agreement(table.drop(columns="stance"), "stance")


# ------------------------------------------------------------------------- resolve_majority


def votes_table():
    return pd.DataFrame({
        "id": ["x", "x", "x", "y", "y", "z"],
        "thread_id": ["t1", "t1", "t1", "t1", "t1", "t2"],
        "parent_id": ["", "", "", "x", "x", ""],
        "target": ["claim"] * 6,
        "text": ["first", "first", "first", "second", "second", "third"],
        "stance": ["against", "favor", "against", "favor", "neutral", ""],
        "civility": ["civil", "uncivil", "", "uncivil", "uncivil", "civil"],
        "annotator": ["a", "b", "c", "a", "b", "a"],
    })


def test_majority_one_row_per_comment_with_votes_and_ties():
    result = resolve_majority(votes_table())
    assert list(result.columns[: len(LABEL_COLUMNS)]) == LABEL_COLUMNS
    assert result[["id", "parent_id", "text", "annotator"]].values.tolist() == [
        ["x", "", "first", "a+b+c"], ["y", "x", "second", "a+b"], ["z", "", "third", "a"]]
    assert result[["stance", "stance_votes", "stance_tie"]].values.tolist() == [
        ["against", 3, False],
        ["favor", 2, True],   # favor vs neutral: schema order puts favor first
        ["", 0, False],       # nobody gave z a stance
    ]
    assert result[["civility", "civility_votes", "civility_tie"]].values.tolist() == [
        ["civil", 2, True],   # civil vs uncivil, c left it empty
        ["uncivil", 2, False],
        ["civil", 1, False],
    ]


def test_majority_tie_priority_and_empty():
    table = votes_table()
    flipped = resolve_majority(table, priority={"civility": ("uncivil", "civil"), "stance": ("neutral",)})
    assert flipped.civility.tolist() == ["uncivil", "uncivil", "civil"]
    assert flipped.stance.tolist() == ["against", "neutral", ""]
    empty = resolve_majority(table, ties="empty")
    assert empty.stance.tolist() == ["against", "", ""]
    assert empty.stance_tie.tolist() == [False, True, False]


def test_majority_is_independent_of_row_order():
    table = votes_table()
    shuffled = table.sample(frac=1.0, random_state=3)
    a = resolve_majority(table).set_index("id").sort_index()
    b = resolve_majority(shuffled).set_index("id").sort_index()
    pd.testing.assert_frame_equal(a.drop(columns="annotator"), b.drop(columns="annotator"))


def test_majority_only_requested_tasks():
    result = resolve_majority(votes_table(), tasks=("civility",))
    assert "stance_tie" not in result.columns and "civility_tie" in result.columns
    assert result.stance.tolist() == ["", "", ""]  # not resolved, so not one annotator's label either


def test_majority_keeps_the_share_of_uncivil_votes_as_a_soft_label():
    t = pd.DataFrame({"id": ["1", "1", "1", "2", "3"], "annotator": ["a", "b", "c", "a", "a"],
                      "text": ["x", "x", "x", "y", "z"], "civility": ["civil", "uncivil", "uncivil", "uncivil", "civil"],
                      "uncivil_share": ["", "", "", "", "0.2"]})
    r = resolve_majority(t)
    assert r[["id", "civility", "uncivil_share"]].values.tolist() == [
        ["1", "uncivil", "0.6667"], ["2", "uncivil", ""], ["3", "civil", "0.2"]]
