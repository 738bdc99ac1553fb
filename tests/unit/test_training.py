"""Unit tests for moderation.training: splits that never leak a thread, the grid, out-of-fold output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import GroupKFold

import moderation.training as training
from moderation.errors import TrainingError
from moderation.training import QUICK_GRID, train

_CIVIL = ["thanks for the clear report", "good point about the budget", "I agree with the council",
          "a fair and sensible plan", "well argued, thank you"]
_UNCIVIL = ["you are an idiot", "shut up moron", "what a stupid troll", "idiots everywhere", "get lost, loser"]


def _table(n_threads=6, per_thread=10):
    rows = []
    for t in range(n_threads):
        for i in range(per_thread):
            uncivil = i % 3 == 0
            text = (_UNCIVIL if uncivil else _CIVIL)[(t + i) % 5] + f" thread{t}"
            rows.append({"id": f"t{t}-{i}", "thread_id": f"t{t}", "parent_id": "", "target": f"topic {t % 2}",
                         "text": text, "stance": ["favor", "against", "neutral"][i % 3],
                         "civility": "uncivil" if uncivil else "civil", "annotator": "team"})
    return pd.DataFrame(rows)


def _record_splits(monkeypatch):
    seen = []
    original = training._fold_predictions

    def spy(texts_arr, labels, targets, classes, train_idx, test_idx, *rest):
        seen.append((train_idx, test_idx))
        return original(texts_arr, labels, targets, classes, train_idx, test_idx, *rest)

    monkeypatch.setattr(training, "_fold_predictions", spy)
    return seen


def test_grouped_cv_never_puts_a_thread_on_both_sides(monkeypatch):
    seen = _record_splits(monkeypatch)
    table = _table()
    result = train(table, grid=QUICK_GRID, folds=3)
    groups = table["thread_id"].to_numpy()
    assert len(seen) == 3
    for train_idx, test_idx in seen:
        assert not set(groups[train_idx]) & set(groups[test_idx])
    tested = np.concatenate([te for _, te in seen])
    assert sorted(tested) == list(range(len(table)))
    assert result.cv["civility"]["folds"] == 3 and result.params["cv"] == "group"


def test_stratified_cv_spreads_every_target_and_label_over_the_folds(monkeypatch):
    seen = _record_splits(monkeypatch)
    table = _table()
    train(table, grid=QUICK_GRID, folds=3, cv="stratified")
    for _, test_idx in seen:
        part = table.iloc[test_idx]
        assert set(part["target"]) == {"topic 0", "topic 1"}
        assert set(part["civility"]) == {"civil", "uncivil"}


def test_a_splitter_object_is_used_as_given(monkeypatch):
    seen = _record_splits(monkeypatch)
    train(_table(), grid=QUICK_GRID, cv=GroupKFold(n_splits=2))
    assert len(seen) == 2


def test_out_of_fold_probabilities_cover_every_labelled_row_and_match_the_metrics():
    table = _table()
    result = train(table, grid=QUICK_GRID, folds=3)
    oof = result.oof["civility"]
    assert len(oof["rows"]) == len(table)
    assert oof["proba"].shape == (len(table), 2)
    np.testing.assert_allclose(oof["proba"].sum(axis=1), 1.0)
    assert result.cv["civility"]["rows"] == len(table)


def test_parallel_folds_give_the_same_result_as_serial():
    table = _table()
    serial = train(table, grid=QUICK_GRID, folds=3, n_jobs=1)
    parallel = train(table, grid=QUICK_GRID, folds=3, n_jobs=2)
    np.testing.assert_allclose(serial.oof["stance"]["proba"], parallel.oof["stance"]["proba"])
    assert serial.cv["civility"]["roc_auc"] == parallel.cv["civility"]["roc_auc"]


def test_grid_picks_among_settings_and_records_every_score():
    grid = {"features": [{"word_ngram_range": (1, 1), "char_ngram_range": None, "min_df": 1}],
            "C": [0.1, 10.0], "class_weight": ["balanced"], "joint_weight": [0.0, 0.5]}
    result = train(_table(), grid=grid, folds=3, min_target_samples=20)
    assert len(result.cv["grid_scores"]) == 2 * 2 * 2  # C x joint_weight x tasks
    assert result.params["heads"]["stance"]["joint_weight"] in (0.0, 0.5)
    head = result.model.heads_["stance"]
    assert head.joint_weight == result.params["heads"]["stance"]["joint_weight"]
    assert sorted(head.heads_) == ["topic 0", "topic 1"]


def test_bad_cv_and_too_few_threads_are_refused():
    with pytest.raises(ValueError, match="unknown cv"):
        train(_table(), grid=QUICK_GRID, cv="random")
    one_thread = _table(n_threads=1)
    with pytest.raises(TrainingError, match="at least two threads"):
        train(one_thread, grid={**QUICK_GRID, "C": [1.0, 3.0]})


def test_train_reads_the_share_column_as_soft_labels():
    rows = []
    for i in range(80):
        rude = i % 2 == 0
        text = f"you fool idiot number {i}" if rude else f"kind thoughtful words number {i}"
        rows.append({"id": str(i), "thread_id": f"t{i % 4}", "text": text, "stance": "",
                     "civility": "uncivil" if rude else "civil", "annotator": "a",
                     "uncivil_share": "0.6" if rude else "0.4"})
    table = pd.DataFrame(rows)
    hard = train(table.drop(columns="uncivil_share"), grid=QUICK_GRID, folds=2).model
    soft = train(table, grid=QUICK_GRID, folds=2).model
    texts = ["you fool", "kind words"]
    p_hard = hard.predict(texts).proba["civility"][:, 1]
    p_soft = soft.predict(texts).proba["civility"][:, 1]
    # Raters split 60/40 on every comment, so the soft model is far less sure than the hard one.
    assert p_hard[0] - p_hard[1] > 2 * (p_soft[0] - p_soft[1]) > 0


def test_feature_stage_ties_go_to_the_first_in_grid_order():
    from moderation.training import FEATURE_TIE, pick_feature_stage

    assert pick_feature_stage([0.80, 0.80 + FEATURE_TIE / 2]) == 0  # fold noise: keep the preferred stage
    assert pick_feature_stage([0.80, 0.80 + 2 * FEATURE_TIE]) == 1  # a real difference wins
    assert pick_feature_stage([float("-inf"), 0.5]) == 1
    assert pick_feature_stage([0.7, 0.9, 0.9]) == 1
