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


def test_liblinear_gives_way_to_newton_cg_on_large_label_sets(monkeypatch):
    X, y = _data()
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 100)
    assert fit_head(_head(solver="liblinear"), X, y).solver == "newton-cg"
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 10_000)
    assert fit_head(_head(solver="liblinear"), X, y).solver == "liblinear"
