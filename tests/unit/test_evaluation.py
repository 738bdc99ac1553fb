"""Unit tests for moderation.evaluation on hand-made examples with hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from moderation.evaluation import choose_threshold, expected_calibration_error, task_metrics, threshold_table


def test_ece_is_the_count_weighted_gap_per_bin():
    # One example per bin: gaps 0.05, 0.25, 0.35, 0.05, each weighing 1/4.
    assert expected_calibration_error([0, 0, 1, 1], [0.05, 0.25, 0.65, 0.95]) == pytest.approx(0.175)
    # Two examples in one bin: mean predicted 0.55, observed 0.5.
    assert expected_calibration_error([0, 1], [0.55, 0.55]) == pytest.approx(0.05)
    # One bin over everything: mean predicted 0.55, observed 0.5.
    assert expected_calibration_error([0, 0, 1, 1], [0.2, 0.4, 0.6, 1.0], bins=1) == pytest.approx(0.05)
    # Perfectly calibrated within bins.
    assert expected_calibration_error([0, 1, 0, 1], [0.45, 0.45, 0.55, 0.55], bins=1) == pytest.approx(0.0)


Y = [1, 1, 0, 0, 1]
P = [0.9, 0.6, 0.55, 0.2, 0.3]


def test_threshold_table_counts_flags_at_or_above_the_threshold():
    rows = {r["threshold"]: r for r in threshold_table(Y, P, [0.3, 0.5, 0.95])}
    # 0.3: flags 0.9, 0.6, 0.55 and 0.3 itself -> 3 true of 4 flagged, all 3 positives found.
    assert rows[0.3] == {"threshold": 0.3, "precision": 0.75, "recall": 1.0, "f1": 0.8571, "flagged_share": 0.8}
    # 0.5: flags 0.9, 0.6, 0.55 -> 2 of 3, 2 of 3 positives.
    assert rows[0.5] == {"threshold": 0.5, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "flagged_share": 0.6}
    # 0.95: nothing flagged; precision is taken as 1, recall and F1 are 0.
    assert rows[0.95] == {"threshold": 0.95, "precision": 1.0, "recall": 0.0, "f1": 0.0, "flagged_share": 0.0}


def test_threshold_table_default_grid_runs_from_005_to_095():
    thresholds = [r["threshold"] for r in threshold_table(Y, P)]
    assert thresholds[0] == 0.05 and thresholds[-1] == 0.95 and len(thresholds) == 19


def test_choose_threshold_maximises_f1_and_breaks_ties_toward_one_half():
    # F1 is 0.857 for every threshold in (0.2, 0.3]; the one nearest 0.5 is 0.30. Every lower
    # threshold still finds all positives, so the review band starts just below, at 0.29.
    chosen = choose_threshold(Y, P)
    assert chosen == {"flag": 0.3, "review": 0.29, "f1_at_flag": 0.8571, "precision_at_flag": 0.75,
                      "recall_at_flag": 1.0}


def test_choose_threshold_review_band_falls_back_to_sixty_percent_of_flag():
    # The positive at 0.04 is below every threshold, so recall never reaches 0.9. F1 is 2/3
    # for every threshold in (0.1, 0.9]; 0.5 is chosen and the review band starts at 0.3.
    chosen = choose_threshold([1, 0, 1], [0.9, 0.1, 0.04])
    assert chosen["flag"] == 0.5 and chosen["review"] == 0.3
    assert chosen["f1_at_flag"] == 0.6667


STANCE_TRUE = ["favor", "favor", "against", "against", "neutral", "neutral"]
STANCE_PRED = ["favor", "against", "against", "against", "neutral", "favor"]
CLASSES = ["favor", "against", "neutral"]


def _one_hot(predicted, classes):
    return np.asarray([[0.8 if c == p else 0.1 for c in classes] for p in predicted])


def test_task_metrics_stance_f_avg_is_the_mean_f1_of_favor_and_against():
    m = task_metrics("stance", STANCE_TRUE, _one_hot(STANCE_PRED, CLASSES), CLASSES)
    # favor: P 1/2, R 1/2 -> 0.5; against: P 2/3, R 1 -> 0.8; neutral: P 1, R 1/2 -> 2/3.
    assert m["per_class"]["favor"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert m["per_class"]["against"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2}
    assert m["per_class"]["neutral"]["f1"] == 0.6667
    assert m["f_avg"] == 0.65
    assert m["macro_f1"] == pytest.approx(0.6556, abs=1e-4)
    assert m["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert m["labels"] == CLASSES
    assert m["confusion_matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    assert "roc_auc" not in m


def test_task_metrics_f_avg_leaves_neutral_out_of_the_mean():
    better_neutral = ["favor", "against", "against", "against", "neutral", "neutral"]
    worse = task_metrics("stance", STANCE_TRUE, _one_hot(STANCE_PRED, CLASSES), CLASSES)
    better = task_metrics("stance", STANCE_TRUE, _one_hot(better_neutral, CLASSES), CLASSES)
    # Fixing the neutral row changes favor's precision (1/1 now) but not against's F1.
    assert better["per_class"]["neutral"]["f1"] == 1.0
    assert better["f_avg"] == pytest.approx((2 / 3 + 0.8) / 2, abs=1e-4)
    assert better["macro_f1"] > worse["macro_f1"]


def test_task_metrics_civility_reports_auc_ap_and_ece_of_the_uncivil_class():
    y = ["uncivil", "civil", "uncivil", "civil"]
    p_uncivil = np.asarray([0.85, 0.35, 0.45, 0.65])
    proba = np.column_stack([1 - p_uncivil, p_uncivil])
    m = task_metrics("civility", y, proba, ["civil", "uncivil"])
    # Pairs (uncivil, civil): 0.85>0.35, 0.85>0.65, 0.45>0.35, 0.45<0.65 -> AUC 3/4.
    assert m["roc_auc"] == 0.75
    # Ranked: uncivil, civil, uncivil, civil -> AP = (1 + 2/3) / 2.
    assert m["average_precision"] == pytest.approx(0.8333, abs=1e-4)
    # One example per bin: gaps 0.15, 0.35, 0.55, 0.65 -> 1.7 / 4.
    assert m["ece"] == pytest.approx(0.425, abs=1e-4)
    assert "f_avg" not in m
    assert m["labels"] == ["civil", "uncivil"]
    assert m["confusion_matrix"] == [[1, 1], [1, 1]]
    assert len(m["thresholds"]) == 19 and len(m["reliability"]) == 10


def test_task_metrics_without_both_classes_has_no_auc():
    m = task_metrics("civility", ["civil", "civil"], [[0.9, 0.1], [0.7, 0.3]], ["civil", "uncivil"], detailed=False)
    assert "roc_auc" not in m and "confusion_matrix" not in m
    assert m["accuracy"] == 1.0
