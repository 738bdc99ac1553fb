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
    assert sp.issparse(got.coef_) and got.coef_[:, unused].nnz == 0  # widened sparsely: no dense row per head
    expected = _head().fit(X[rows], y[rows])
    np.testing.assert_allclose(got.predict_proba(X), expected.predict_proba(X), atol=1e-5)


def test_binary_heads_use_lbfgs_on_large_label_sets(monkeypatch):
    X, y = _data()
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 100)
    assert fit_head(_head(solver="liblinear"), X, y).solver == "lbfgs"
    assert fit_head(_head(solver="newton-cg"), X, y).solver == "lbfgs"
    three = np.where(np.arange(len(y)) % 3 == 0, "neutral", y).astype(object)
    assert fit_head(_head(solver="newton-cg"), X, three).solver == "newton-cg"  # no copy for several classes
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
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 10)  # threads, stance rows first, and lbfgs
    threaded = fitted().predict(texts)
    # The heads switched solver: the same optimum, reached within the solvers' tolerance.
    np.testing.assert_allclose(threaded.proba["stance"], one_by_one.proba["stance"], atol=1e-2)
    np.testing.assert_allclose(threaded.proba["civility"], one_by_one.proba["civility"], atol=1e-2)


def test_consecutive_rows_are_a_view_and_scattered_rows_a_copy():
    X, _ = _data()
    view = model_module._rows_of(X, np.arange(100, 250))
    assert np.shares_memory(view.data, X.data)
    assert (view != X[100:250]).nnz == 0
    # SciPy's transpose (every gradient step of a solver) must not copy the view either.
    assert np.shares_memory(view.transpose().data, X.data)
    scattered = np.array([3, 5, 200])
    assert (model_module._rows_of(X, scattered) != X[scattered]).nnz == 0


def test_narrowed_renumbers_columns_and_shares_the_values():
    X, _ = _data()
    sub = X[:30]
    used = np.unique(sub.indices)
    narrow = model_module._narrowed(sub, used)
    assert np.shares_memory(narrow.data, sub.data)
    assert (narrow != sub[:, used]).nnz == 0


def test_stance_rows_first_on_large_sets_gives_the_same_model(monkeypatch):
    from moderation.features import TextFeatures
    from moderation.model import CommentModel, TargetedLogisticRegression

    rng = np.random.default_rng(3)
    words = ["bus", "tax", "idiot", "thanks", "fair", "wrong", "road", "school"]
    texts = [" ".join(rng.choice(words, 6)) for _ in range(300)]
    stance = np.where(rng.random(300) < 0.4, rng.choice(["favor", "against", "neutral"], 300), "").astype(object)
    civility = np.where(["idiot" in t for t in texts], "uncivil", "civil").astype(object)
    labels = {"civility": civility, "stance": stance}

    def fitted():
        head = TargetedLogisticRegression(solver="lbfgs", max_iter=5000)
        return CommentModel(features=TextFeatures(min_df=1), stance_head=head).fit(texts, labels)

    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 100_000)
    small = fitted().predict(texts)
    monkeypatch.setattr(model_module, "LARGE_FIT_ROWS", 100)  # reordered, viewed, threaded
    large = fitted().predict(texts)
    np.testing.assert_allclose(large.proba["stance"], small.proba["stance"], atol=1e-3)
    np.testing.assert_allclose(large.proba["civility"], small.proba["civility"], atol=1e-2)


def test_soft_head_counts_a_shared_row_once_per_class_with_its_share():
    from moderation.model import fit_soft_head

    rng = np.random.default_rng(0)
    X = sp.random(60, 30, density=0.3, format="csr", random_state=1)
    y = np.array(["civil", "uncivil"] * 30, dtype=object)
    nothing = np.full(60, np.nan)
    plain = LogisticRegression(C=1.0).fit(X, y)
    same = fit_soft_head(LogisticRegression(C=1.0), X, y, nothing, ("civil", "uncivil"))
    assert np.allclose(plain.coef_, same.coef_)
    # A share of 0.5 on every row: both classes equally likely everywhere, so no feature carries weight.
    even = fit_soft_head(LogisticRegression(C=1.0), X, y, np.full(60, 0.5), ("civil", "uncivil"))
    assert np.abs(even.coef_).max() < 1e-6 < np.abs(plain.coef_).max()
    # A share decides the class where it is 0 or 1, whatever the hard label said.
    share = np.where(rng.random(60) < 0.5, 0.0, 1.0)
    flipped = fit_soft_head(LogisticRegression(C=1.0), X, y, share, ("civil", "uncivil"))
    assert np.allclose(flipped.coef_, LogisticRegression(C=1.0).fit(X, np.where(share == 1, "uncivil", "civil")).coef_)
