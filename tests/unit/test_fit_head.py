"""fit_head: the same solution as fitting a copy of the labelled rows, with less copying."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from moderation import model as model_module
from moderation.model import fit_head


def _data(n=400, features=3000, seed=0):
    rng = np.random.default_rng(seed)
    X = sp.random(n, features, density=0.01, format="csr", dtype=np.float32, random_state=seed)
    signal = np.asarray(X[:, :50].sum(axis=1)).ravel()
    y = np.where(signal > np.median(signal), "uncivil", "civil").astype(object)
    y[rng.random(n) < 0.1] = "civil"
    return X, y


def _head(solver="newton-cg", class_weight="balanced"):
    return LogisticRegression(C=3.0, class_weight=class_weight, solver=solver, tol=1e-7, max_iter=5000)


@pytest.mark.parametrize("share", [0.2, 0.8, 1.0])
@pytest.mark.parametrize("class_weight", ["balanced", None, {"uncivil": 3.0}])
def test_same_probabilities_as_fitting_the_copied_rows(share, class_weight):
    X, y = _data()
    rows = np.flatnonzero(np.random.default_rng(1).random(X.shape[0]) < share) if share < 1 else np.arange(X.shape[0])
    expected = _head(class_weight=class_weight).fit(X[rows], y[rows])
    got = fit_head(_head(class_weight=class_weight), X, y, rows)
    np.testing.assert_allclose(got.predict_proba(X), expected.predict_proba(X), atol=1e-5)
    assert got.coef_.shape == (1, X.shape[1]) and got.n_features_in_ == X.shape[1]
    assert got.class_weight == class_weight  # the parameter is restored after a weighted fit


def test_narrow_rows_train_on_their_columns_and_unused_columns_weigh_zero():
    X, y = _data(n=600, features=20000)
    rows = np.arange(40)
    used = np.unique(X[rows].indices)
    assert len(used) < X.shape[1] // 2
    got = fit_head(_head(), X, y, rows)
    unused = np.setdiff1d(np.arange(X.shape[1]), used)
    assert not got.coef_[:, unused].any()
    expected = _head().fit(X[rows], y[rows])
    np.testing.assert_allclose(got.predict_proba(X), expected.predict_proba(X), atol=1e-5)


def test_binary_heads_use_lbfgs_on_large_label_sets(monkeypatch):
    X, y = _data()
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 100)
    assert fit_head(_head(solver="liblinear"), X, y).solver == "lbfgs"
    assert fit_head(_head(solver="newton-cg"), X, y).solver == "lbfgs"
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 10_000)
    assert fit_head(_head(solver="liblinear"), X, y).solver == "liblinear"


def test_heads_trained_in_threads_equal_heads_trained_one_by_one(monkeypatch):
    from moderation.features import TextFeatures
    from moderation.model import CommentModel, TargetedLogisticRegression

    texts = [f"comment {i} about {'buses' if i % 2 else 'taxes'} {'idiot' if i % 3 == 0 else 'thanks'}"
             for i in range(120)]
    labels = {"stance": np.asarray(["favor", "against", "neutral"] * 40, dtype=object),
              "civility": np.where(np.arange(120) % 3 == 0, "uncivil", "civil").astype(object)}

    def fitted():
        model = CommentModel(features=TextFeatures(min_df=1), stance_head=TargetedLogisticRegression())
        return model.fit(texts, labels)

    one_by_one = fitted().predict(texts)
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 10)  # threads, and lbfgs for the binary head
    threaded = fitted().predict(texts)
    np.testing.assert_allclose(threaded.proba["stance"], one_by_one.proba["stance"], atol=1e-6)
    # The civility head switched solver: the same optimum, reached within the solvers' tolerance.
    np.testing.assert_allclose(threaded.proba["civility"], one_by_one.proba["civility"], atol=1e-2)
