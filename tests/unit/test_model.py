"""Unit tests for moderation.model: per-target stance heads, the joint blend and CommentModel."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
import skops.io as sio
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from moderation.bundle import TRUSTED_TYPES
from moderation.errors import TrainingError
from moderation.features import TextFeatures
from moderation.model import CommentModel, TargetedLogisticRegression, default_civility_head, target_key


def _stance_data(n_per_target=12):
    # Feature 0 means favor toward target "a" but against "b": only per-target heads get it right.
    rng = np.random.default_rng(0)
    X, y, t = [], [], []
    for target, sign in (("a", 1), ("b", -1)):
        for i in range(n_per_target):
            cue = 1.0 if i % 2 == 0 else 0.0
            X.append([cue, 1 - cue, rng.random() * 0.1])
            y.append(("favor" if cue else "against") if sign > 0 else ("against" if cue else "favor"))
            t.append(target)
    return sp.csr_matrix(np.asarray(X)), np.asarray(y, dtype=object), np.asarray(t, dtype=object)


def test_target_key_matches_spelling_variants():
    assert target_key("  Hillary   Clinton ") == target_key("hillary clinton")
    assert target_key(None) == ""


def test_targets_with_enough_rows_get_their_own_head_and_it_is_used():
    X, y, t = _stance_data()
    clf = TargetedLogisticRegression(C=10.0, min_target_samples=10).fit(X, y, target=t)
    assert sorted(clf.heads_) == ["a", "b"]
    row = sp.csr_matrix([[1.0, 0.0, 0.0]])
    assert clf.predict(row, target=["a"]).tolist() == ["favor"]
    assert clf.predict(row, target=["b"]).tolist() == ["against"]
    # An unknown target falls back to the joint head.
    assert clf.head_for("c") is clf.joint_
    np.testing.assert_allclose(clf.predict_proba(row, target=["c"]), clf.joint_.predict_proba(row))


def test_small_targets_and_min_target_samples_zero_use_the_joint_head_only():
    X, y, t = _stance_data()
    assert TargetedLogisticRegression(min_target_samples=13).fit(X, y, target=t).heads_ == {}
    assert TargetedLogisticRegression(min_target_samples=0).fit(X, y, target=t).heads_ == {}


def test_joint_weight_blends_own_and_joint_probabilities():
    X, y, t = _stance_data()
    own = TargetedLogisticRegression(min_target_samples=10, joint_weight=0.0).fit(X, y, target=t)
    half = TargetedLogisticRegression(min_target_samples=10, joint_weight=0.5).fit(X, y, target=t)
    expected = 0.5 * own.heads_["a"].predict_proba(X[:3]) + 0.5 * own.joint_.predict_proba(X[:3])
    np.testing.assert_allclose(half.predict_proba(X[:3], target=["a"] * 3), expected, rtol=1e-6)
    np.testing.assert_allclose(half.predict_proba(X[:3], target=["a"] * 3).sum(axis=1), 1.0)


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_joint_weight_outside_unit_interval_is_refused_at_fit(weight):
    X, y, t = _stance_data()
    clf = TargetedLogisticRegression(joint_weight=weight)  # __init__ only stores
    with pytest.raises(ValueError, match="joint_weight must be within"):
        clf.fit(X, y, target=t)


def test_single_class_and_misaligned_targets_are_refused():
    X, y, t = _stance_data()
    with pytest.raises(TrainingError, match="single class"):
        TargetedLogisticRegression().fit(X, np.asarray(["favor"] * len(y), dtype=object))
    with pytest.raises(ValueError, match="one target per row"):
        TargetedLogisticRegression().fit(X, y, target=t[:-1])


def test_not_fitted_errors_before_fit():
    with pytest.raises(NotFittedError):
        TargetedLogisticRegression().predict_proba(sp.csr_matrix([[1.0, 0.0, 0.0]]))
    with pytest.raises(NotFittedError):
        CommentModel().predict(["hello"])


def test_clone_and_get_params_round_trip():
    clf = TargetedLogisticRegression(C=3.0, joint_weight=0.35, min_target_samples=5, solver="lbfgs")
    copy = clone(clf)
    assert copy.get_params() == clf.get_params()
    X, y, t = _stance_data()
    copy.fit(X, y, target=t)
    assert not hasattr(clf, "joint_")


def test_default_civility_head_is_a_plain_fast_logistic_regression():
    head = default_civility_head(C=3.0)
    assert head.solver == "liblinear" and head.C == 3.0 and head.class_weight == "balanced"


def _comment_model():
    texts = ["great idea, thanks", "you idiot", "good plan for the town", "shut up idiot", "I support this",
             "what a moron", "sensible and fair", "idiot mayor", "fine by me", "stupid idiot"] * 2
    civility = ["civil", "uncivil"] * 10
    stance = ["favor", "against", "favor", "against", "favor", "neutral", "favor", "against", "neutral", "neutral"] * 2
    targets = ["bike lanes"] * 10 + ["rent cap"] * 10
    model = CommentModel(features=TextFeatures(min_df=1, char_ngram_range=(2, 4)),
                         stance_head=TargetedLogisticRegression(min_target_samples=10, joint_weight=0.3))
    return model.fit(texts, {"civility": civility, "stance": stance}, targets=targets), texts, targets


def test_comment_model_predicts_each_task_and_saves_with_skops(tmp_path):
    model, texts, targets = _comment_model()
    prediction = model.predict(["you idiot"], targets=["bike lanes"])
    assert prediction.labels["civility"].tolist() == ["uncivil"]
    assert sorted(prediction.proba) == ["civility", "stance"]
    assert sorted(model.heads_["stance"].heads_) == ["bike lanes", "rent cap"]
    path = tmp_path / "model.skops"
    sio.dump(model, path)
    loaded = sio.load(path, trusted=TRUSTED_TYPES + sio.get_untrusted_types(file=path))
    again = loaded.predict(["you idiot"], targets=["bike lanes"])
    np.testing.assert_allclose(again.proba["stance"], prediction.proba["stance"])
    np.testing.assert_allclose(again.proba["civility"], prediction.proba["civility"])


def test_saved_model_holds_no_custom_type_outside_the_trusted_list(tmp_path):
    model, _, _ = _comment_model()
    path = tmp_path / "model.skops"
    sio.dump(model, path)
    untrusted = [t for t in sio.get_untrusted_types(file=path) if t.startswith("moderation.")]
    assert set(untrusted) <= set(TRUSTED_TYPES)
