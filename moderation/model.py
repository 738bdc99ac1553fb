"""The classifier: one shared feature stage and a logistic-regression head per task."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .errors import TrainingError
from .features import TextFeatures
from .labels.schema import DEFAULT_SCHEMA

__all__ = ["TargetedLogisticRegression", "CommentModel", "Prediction", "target_key", "default_civility_head",
           "fit_head", "fit_soft_head"]


def target_key(target: str | None) -> str:
    """Normalise a stance target so that spelling variants of one target match."""
    return re.sub(r"\s+", " ", (target or "").strip().lower())


def default_civility_head(C: float = 1.0, class_weight="balanced") -> LogisticRegression:
    """The civility head: binary logistic regression with the ``liblinear`` solver.

    On sparse TF-IDF features liblinear fits a binary head ten to thirty times faster than
    ``lbfgs`` at the same regularisation; the fitted object is a plain
    :class:`~sklearn.linear_model.LogisticRegression`.
    """
    return LogisticRegression(C=C, class_weight=class_weight, solver="liblinear", max_iter=2000)


#: Builds of a model's compiled scorer, one at a time (threads may share a model).
_SCORER_LOCK = threading.Lock()

#: Above this many rows a binary head is fitted with ``lbfgs``: ``liblinear`` copies the matrix as
#: float64 and ``newton-cg`` copies it at every Newton step (its Hessian product scales the rows),
#: which at a million comments means 4 GB more; lbfgs needs only products with the matrix (80,000
#: rows x 1.5M features: lbfgs 17 s, newton-cg 10 s, liblinear 20 s, held-out AUC within 0.001).
#: Multi-class heads keep ``newton-cg``: its multinomial Hessian product needs no copy of the
#: matrix, and lbfgs took twice as long on the million-comment stance rows (its history of
#: gradient steps, ten per class over every column, is memory too). The tasks' heads are then
#: also trained side by side in threads.
LARGE_FIT_ROWS = 50_000


def fit_head(head: LogisticRegression, X, y, rows=None) -> LogisticRegression:
    """Fit a logistic-regression head on ``rows`` of ``X`` without copying more than needed.

    * Only the columns those rows use take part when they are under half of all columns: with
      an L2 penalty an unused column's weight is exactly zero at the optimum, so the solution is
      the same, and the coefficients are widened back to every column afterwards.
    * When the rows are most of ``X``, the others get a sample weight of zero instead of being
      copied out (class weights are computed from the labelled rows, as for a copy).

    Parameters
    ----------
    head : LogisticRegression
        Unfitted; fitted in place.
    X : sparse matrix
    y : array-like
        One label per row of ``X`` (only ``rows`` are read) or per row of ``rows``.
    rows : array of int, optional
        The labelled rows; all rows when omitted.

    Returns
    -------
    LogisticRegression
        ``head``, fitted.
    """
    X = sp.csr_matrix(X)
    n_rows, n_features = X.shape
    y = np.asarray(y, dtype=object)
    rows = np.arange(n_rows) if rows is None else np.asarray(rows)
    labels = y[rows] if len(y) == n_rows else y
    if len(rows) > LARGE_FIT_ROWS and len(np.unique(labels)) <= 2 and head.solver in ("liblinear", "newton-cg"):
        head.set_params(solver="lbfgs")
    most = len(rows) > n_rows // 2
    used = _used_columns(X if most else X[rows], n_features)
    narrow = len(used) < n_features // 2
    if most and not narrow and head.solver != "liblinear":
        return _fit_weighted(head, X, labels, rows)
    sub = X if len(rows) == n_rows else X[rows]
    if not narrow:
        return head.fit(sub, labels)
    head.fit(_narrowed(sub, used), labels)
    # Widened sparsely (scikit-learn's sparsify() form): a target's head uses a few percent of
    # the columns, and dense rows for each of thirty targets would take gigabytes at scale.
    k = head.coef_.shape[0]
    head.coef_ = sp.csr_matrix((head.coef_.ravel(), np.tile(used, k), np.arange(k + 1) * len(used)),
                               shape=(k, n_features))
    head.n_features_in_ = n_features
    return head


def _used_columns(X, n_features: int, chunk: int = 1 << 24) -> np.ndarray:
    """Columns holding any entry, marked a chunk at a time (no int64 copy of all the indices)."""
    seen = np.zeros(n_features, dtype=bool)
    for start in range(0, len(X.indices), chunk):
        seen[X.indices[start:start + chunk]] = True
    return np.flatnonzero(seen)


def _narrowed(X, used: np.ndarray, chunk: int = 1 << 24):
    """``X[:, used]`` where ``used`` holds every column ``X`` has entries in, sharing ``X``'s values.

    Only the column indices are renumbered (``X[:, used]`` would copy the values too, a second
    matrix the size of ``X``); ``used`` is increasing, so sorted indices stay sorted.
    """
    column = np.full(X.shape[1], -1, dtype=X.indices.dtype)
    column[used] = np.arange(len(used), dtype=X.indices.dtype)
    indices = np.empty_like(X.indices)
    for start in range(0, len(indices), chunk):
        indices[start:start + chunk] = column[X.indices[start:start + chunk]]
    return _csr_sharing(X.data, indices, X.indptr, (X.shape[0], len(used)), X.has_sorted_indices)


def _unpruned(part: np.ndarray) -> np.ndarray:
    """``part`` (a view) as an array SciPy will not copy.

    SciPy copies the arrays of a sparse matrix that are views of a much larger array whenever
    it builds a matrix over them, transposes included: a solver's every gradient step would copy
    the rows again. An array made over a memoryview of the view does not count as such a view.
    """
    return np.frombuffer(memoryview(part), dtype=part.dtype)


def _csr_sharing(data, indices, indptr, shape, sorted_indices: bool) -> sp.csr_matrix:
    """A CSR matrix over these arrays, views included: SciPy's constructor copies a view of a
    larger array (to free the rest), which is the copy a view is meant to avoid."""
    matrix = sp.csr_matrix(shape, dtype=data.dtype)
    matrix.data, matrix.indices, matrix.indptr = data, indices, indptr
    matrix.has_sorted_indices = sorted_indices
    return matrix


def _rows_of(X, rows: np.ndarray):
    """``X[rows]`` (``rows`` increasing), as a view sharing ``X``'s arrays when they are consecutive."""
    if len(rows) and rows[-1] - rows[0] == len(rows) - 1:
        first, stop = int(rows[0]), int(rows[-1]) + 1
        lo, hi = int(X.indptr[first]), int(X.indptr[stop])
        return _csr_sharing(_unpruned(X.data[lo:hi]), _unpruned(X.indices[lo:hi]), X.indptr[first:stop + 1] - lo,
                            (stop - first, X.shape[1]), X.has_sorted_indices)
    return X[rows]


def _fit_weighted(head: LogisticRegression, X, labels: np.ndarray, rows: np.ndarray) -> LogisticRegression:
    """Fit on all of ``X`` with the rows outside ``rows`` weighted zero (no copy of the matrix)."""
    from sklearn.utils.class_weight import compute_class_weight

    n_rows = X.shape[0]
    classes = np.unique(labels)
    class_weight = head.class_weight
    if class_weight == "balanced":
        per_class = dict(zip(classes, compute_class_weight("balanced", classes=classes, y=labels)))
    else:
        per_class = {c: (class_weight or {}).get(c, 1.0) for c in classes}
    weights = np.zeros(n_rows)
    weights[rows] = [per_class[c] for c in labels]
    target = np.full(n_rows, classes[0], dtype=object)
    target[rows] = labels
    head.set_params(class_weight=None)
    try:
        head.fit(X, target, sample_weight=weights)
    finally:
        head.set_params(class_weight=class_weight)
    return head


def fit_soft_head(head: LogisticRegression, X, y, share, classes: tuple[str, str], rows=None) -> LogisticRegression:
    """Fit a binary head where rows may carry the share of raters who chose the positive class.

    A row with a share ``s`` counts as ``positive`` with weight ``s`` and as the other class
    with weight ``1 - s`` (a soft label: a comment one rater in three found uncivil teaches a
    third as much as a clear case); rows whose share is NaN count once with their label. On
    C3's news comments, whose labels come from the raters' mean toxicity, this raised
    article-grouped ROC AUC from 0.705 to 0.726. Rows with a fractional share are the only
    ones copied.

    Parameters
    ----------
    head : LogisticRegression
        Unfitted, binary; fitted in place (its ``class_weight`` applies to the weighted rows).
    X : sparse matrix
    y : array-like of str
        One label per row of ``X``.
    share : array-like of float
        Per row of ``X``: the share in [0, 1] of judgements for the positive class, NaN where
        unknown.
    classes : (str, str)
        The negative and the positive class, e.g. ``("civil", "uncivil")``.
    rows : array of int, optional
        The labelled rows; all rows when omitted.

    Returns
    -------
    LogisticRegression
        ``head``, fitted.
    """
    X = sp.csr_matrix(X)
    rows = np.arange(X.shape[0]) if rows is None else np.asarray(rows)
    labels = np.asarray(y, dtype=object)[rows]
    s = np.asarray(share, dtype=float)[rows]
    negative, positive = classes
    known = np.isfinite(s)
    labels = np.where(known, np.where(s > 0, positive, negative), labels).astype(object)
    weights = np.where(known & (s > 0), s, 1.0)
    split = np.flatnonzero(known & (s > 0) & (s < 1))
    X_soft = sp.vstack([X[rows], X[rows[split]]], format="csr")
    labels = np.concatenate([labels, np.full(len(split), negative, dtype=object)])
    weights = np.concatenate([weights, 1.0 - s[split]])
    if X_soft.shape[0] > LARGE_FIT_ROWS and head.solver in ("liblinear", "newton-cg"):
        head.set_params(solver="lbfgs")
    return head.fit(X_soft, labels, sample_weight=weights)


class TargetedLogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression with one head per known target and a joint head for the rest.

    Stance is relative to a target: "this will save lives" is favor toward one claim and
    against another. Targets with at least ``min_target_samples`` labels (and every class
    seen at least twice) get their own head; every row also trains the joint head, used for
    targets that are unknown or too small. A known target's probabilities blend its own head
    with the joint one (``joint_weight``), so cues shared across targets still count where a
    target's own labels are few (on SemEval-2016 a weight of 0.35 raised cross-validated
    F_avg from 70.6 to 72.2).

    Parameters
    ----------
    C : float
        Inverse regularisation strength of every head.
    class_weight : {"balanced", None}
        Passed to each head.
    min_target_samples : int
        Labels a target needs for its own head; 0 disables per-target heads.
    joint_weight : float
        Weight in [0, 1] of the joint head's probabilities for a target with its own head;
        0 uses the target's head alone.
    solver : str
        :class:`~sklearn.linear_model.LogisticRegression` solver of every head.
        ``"newton-cg"`` converges in a few iterations on sparse TF-IDF features, several
        times faster than ``"lbfgs"``.
    max_iter : int
        Solver iterations.

    Attributes
    ----------
    classes_ : ndarray
    joint_ : LogisticRegression
    heads_ : dict of str to LogisticRegression
        Keyed by :func:`target_key`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]] * 2)
    >>> y = ["favor", "favor", "against", "against"] * 2
    >>> clf = TargetedLogisticRegression(min_target_samples=4).fit(X, y, target=["a"] * 4 + ["b"] * 4)
    >>> sorted(clf.heads_)
    ['a', 'b']
    >>> clf.predict(X[:1], target=["a"]).tolist()
    ['favor']
    """

    def __init__(self, C=1.0, class_weight="balanced", min_target_samples=150, joint_weight=0.0,
                 solver="newton-cg", max_iter=2000):
        self.C = C
        self.class_weight = class_weight
        self.min_target_samples = min_target_samples
        self.joint_weight = joint_weight
        self.solver = solver
        self.max_iter = max_iter

    def _new_head(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver=self.solver,
                                  max_iter=self.max_iter)

    def fit(self, X, y, target=None):
        """Fit the joint head on all rows and a head per target that has enough rows.

        Parameters
        ----------
        X : sparse matrix of shape (n_samples, n_features)
        y : array-like of str
        target : array-like of str, optional
            Each row's target; without it only the joint head is fitted.

        Returns
        -------
        self

        Raises
        ------
        TrainingError
            If ``y`` holds a single class.
        ValueError
            If ``joint_weight`` is outside [0, 1] or ``target`` has the wrong length.
        """
        if not 0.0 <= float(self.joint_weight) <= 1.0:
            raise ValueError(f"joint_weight must be within [0, 1], got {self.joint_weight!r}")
        y = np.asarray(y, dtype=object)
        if target is not None and len(target) != len(y):
            raise ValueError(f"target has {len(target)} entries but y has {len(y)}; give one target per row")
        if len(np.unique(y)) < 2:
            raise TrainingError("stance labels hold a single class; at least two are needed to train")
        self.classes_ = np.unique(y)
        self.joint_ = fit_head(self._new_head(), X, y)
        self.heads_ = {}
        if target is not None and self.min_target_samples:
            keys = np.asarray([target_key(t) for t in target], dtype=object)
            for key in np.unique(keys):
                rows = np.flatnonzero(keys == key)
                labels, counts = np.unique(y[rows], return_counts=True)
                if len(rows) >= self.min_target_samples and len(labels) == len(self.classes_) and counts.min() >= 2:
                    self.heads_[key] = fit_head(self._new_head(), X, y, rows)
        return self

    def predict_proba(self, X, target=None):
        """Class probabilities, columns in :attr:`classes_` order, from each row's head.

        Rows whose target has its own head get ``(1 - joint_weight) * own + joint_weight * joint``;
        the others the joint head's probabilities.
        """
        check_is_fitted(self, "joint_")
        proba = self.joint_.predict_proba(X)
        if target is not None and self.heads_:
            keys = np.asarray([target_key(t) for t in target], dtype=object)
            w = float(getattr(self, "joint_weight", 0.0))
            for key, head in self.heads_.items():
                rows = np.flatnonzero(keys == key)
                if len(rows):
                    proba[rows] = (1.0 - w) * head.predict_proba(X[rows]) + w * proba[rows]
        return proba

    def predict(self, X, target=None):
        """Most probable class per row."""
        return self.classes_[np.argmax(self.predict_proba(X, target), axis=1)]

    def head_for(self, target: str | None) -> LogisticRegression:
        """The head that scores ``target`` (its own, or the joint one)."""
        check_is_fitted(self, "joint_")
        return self.heads_.get(target_key(target), self.joint_)


@dataclass
class Prediction:
    """What :meth:`CommentModel.predict` returns: labels and probabilities per task."""

    labels: dict
    proba: dict
    classes: dict


class CommentModel(BaseEstimator):
    """Stance and civility from one shared :class:`TextFeatures` stage.

    Parameters
    ----------
    features : TextFeatures
        The (unfitted) feature stage; cloned on fit.
    stance_head : TargetedLogisticRegression
    civility_head : LogisticRegression
    schema : LabelSchema

    Attributes
    ----------
    features_ : TextFeatures
    heads_ : dict of str to estimator
        Fitted heads for the tasks that had labels.
    targets_ : list of str
        Stance targets seen in training, as written.
    """

    def __init__(self, features=None, stance_head=None, civility_head=None, schema=None):
        self.features = features
        self.stance_head = stance_head
        self.civility_head = civility_head
        self.schema = schema

    @property
    def tasks(self) -> list[str]:
        check_is_fitted(self, "heads_")
        return list(self.heads_)

    def fit(self, texts, labels: dict, targets=None, shares: dict | None = None):
        """Fit features on every text and each task's head on the rows labelled for it.

        Parameters
        ----------
        texts : sequence of str
        labels : dict of str to sequence of str
            Task -> one label per text, ``""`` where the text is not labelled for the task.
        targets : sequence of str, optional
            Stance target per text.
        shares : dict of str to sequence of float, optional
            Binary task -> per text, the share of raters who chose the schema's positive class
            (NaN where unknown); such rows train as soft labels (see :func:`fit_soft_head`).
        """
        schema = self.schema or DEFAULT_SCHEMA
        texts = list(texts)
        labels = {task: np.asarray(y, dtype=object) for task, y in labels.items()}
        if len(texts) > LARGE_FIT_ROWS and "stance" in labels:
            # Stance rows first: the stance heads then train on a view of the top of the matrix
            # instead of a copy of scattered rows (over a gigabyte at a million comments). Row
            # order changes neither the features (vocabulary and idf count documents) nor the
            # optimum of a head.
            order = np.argsort(labels["stance"] == "", kind="stable")
            texts = [texts[i] for i in order.tolist()]
            labels = {task: y[order] for task, y in labels.items()}
            targets = None if targets is None else np.asarray(targets, dtype=object)[order]
            shares = {task: np.asarray(v, dtype=float)[order] for task, v in (shares or {}).items()}
        for name in self._derived:
            self.__dict__.pop(name, None)
        self.features_ = clone(self.features if self.features is not None else TextFeatures())
        X = self.features_.fit_transform(texts)
        self.heads_ = {}
        self.targets_ = []
        self.target_index_ = None
        jobs = []
        for task, y in labels.items():
            schema.classes(task)
            rows = np.flatnonzero(y != "")
            if len(rows) == 0:
                continue
            if task == "stance":
                head = clone(self.stance_head if self.stance_head is not None else TargetedLogisticRegression())
                t = None if targets is None else np.asarray(targets, dtype=object)[rows]
                jobs.append((task, head, lambda head=head, rows=rows, y=y, t=t: head.fit(_rows_of(X, rows), y[rows], target=t)))
                if t is not None:
                    self._index_targets(np.asarray(texts, dtype=object)[rows], t)
            else:
                base = self.civility_head if task == "civility" else None
                head = clone(base if base is not None else default_civility_head())
                if len(np.unique(y[rows])) < 2:
                    raise TrainingError(f"{task} labels hold a single class; at least two are needed to train")
                share = np.asarray((shares or {}).get(task, np.full(len(y), np.nan)), dtype=float)
                if np.isfinite(share[rows]).any():
                    pair = schema.binary_classes(task)
                    jobs.append((task, head, lambda head=head, rows=rows, y=y, share=share, pair=pair:
                                 fit_soft_head(head, X, y, share, pair, rows)))
                else:
                    jobs.append((task, head, lambda head=head, rows=rows, y=y: fit_head(head, X, y, rows)))
        if len(jobs) > 1 and X.shape[0] > LARGE_FIT_ROWS:
            # The solvers spend their time in SciPy's sparse products, which release the GIL: on
            # large label sets the tasks' heads train side by side in threads, sharing one matrix.
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
                for future in [pool.submit(fit) for _, _, fit in jobs]:
                    future.result()
        else:
            for _, _, fit in jobs:
                fit()
        for task, head, _ in jobs:
            self.heads_[task] = head
        if not self.heads_:
            raise TrainingError("no task has any label; fill the stance or civility column")
        return self

    def _index_targets(self, texts, targets) -> None:
        # Each known target is described by its own words plus the comments labelled for it,
        # so that an article can be matched to the nearest target by word overlap.
        from sklearn.feature_extraction.text import TfidfVectorizer

        profiles: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for text, target in zip(texts, targets):
            key = target_key(target)
            if key:
                names.setdefault(key, str(target).strip())
                profiles.setdefault(key, [str(target)] * 3).append(str(text))
        self.targets_ = [names[k] for k in sorted(names)]
        if not self.targets_:
            self.target_index_ = None
            return
        self.target_index_ = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
        self.target_matrix_ = self.target_index_.fit_transform([" ".join(profiles[k]) for k in sorted(names)])

    def nearest_target(self, text: str, min_similarity: float = 0.3) -> tuple[str | None, float]:
        """The known stance target whose training comments are most like ``text`` (an article).

        Returns
        -------
        (str or None, float)
            The target as written in the labels, and the cosine similarity; ``None`` when no
            target reaches ``min_similarity``. (Measured on the starter set: an article scores
            0.37-0.45 against its own target and at most 0.24 against unrelated pages.)
        """
        check_is_fitted(self, "heads_")
        if getattr(self, "target_index_", None) is None or not text.strip():
            return None, 0.0
        sims = (self.target_matrix_ @ self.target_index_.transform([text]).T).toarray().ravel()
        best = int(np.argmax(sims))
        if sims[best] < min_similarity:
            return None, float(sims[best])
        return self.targets_[best], float(sims[best])

    def transform(self, texts):
        """The shared feature matrix for ``texts``."""
        check_is_fitted(self, "features_")
        return self.features_.transform(list(texts))

    def predict_from_features(self, X, targets=None) -> Prediction:
        """Labels and probabilities per task for an already computed feature matrix."""
        check_is_fitted(self, "heads_")
        labels, proba, classes = {}, {}, {}
        for task, head in self.heads_.items():
            p = head.predict_proba(X, target=targets) if task == "stance" else head.predict_proba(X)
            proba[task] = p
            classes[task] = [str(c) for c in head.classes_]
            labels[task] = np.asarray(head.classes_, dtype=object)[np.argmax(p, axis=1)]
        return Prediction(labels=labels, proba=proba, classes=classes)

    # Derived at run time and never saved: the compiled scorer and the feature names.
    _derived = ("_scorer", "_names_cache")

    def __getstate__(self):
        state = dict(super().__getstate__())
        for name in self._derived:
            state.pop(name, None)
        return state

    def _linear_heads(self) -> dict | None:
        """``(task, key) -> LogisticRegression`` for every head, or None if one is not linear."""
        heads = {}
        for task, head in self.heads_.items():
            if isinstance(head, TargetedLogisticRegression):
                heads[(task, None)] = head.joint_
                heads.update({(task, key): own for key, own in head.heads_.items()})
            else:
                heads[(task, None)] = head
        if all(isinstance(h, LogisticRegression) for h in heads.values()):
            return heads
        return None

    def scorer(self):
        """The :class:`~moderation.fastscore.LinearScorer` of this model, or None where it does not apply."""
        from .fastscore import LinearScorer, stacked_heads

        check_is_fitted(self, "heads_")
        with _SCORER_LOCK:
            if not hasattr(self, "_scorer"):
                heads = self._linear_heads()
                scorer = None
                if heads is not None and LinearScorer.supports(self.features_):
                    coef, intercept, slices = stacked_heads(heads)
                    scorer = (LinearScorer(self.features_, coef, intercept), heads, slices)
                self._scorer = scorer
        return self._scorer

    def _predict_fast(self, texts, targets) -> Prediction:
        from .fastscore import proba_from_decision

        scorer, heads, slices = self._scorer
        keys = None if targets is None else np.asarray([target_key(t) for t in targets], dtype=object)
        # Only the heads this batch needs: every task's default head and its targets' own heads.
        wanted = [name for name in heads if name[1] is None or (keys is not None and name[1] in set(keys))]
        columns = sorted(c for name in wanted for c in range(slices[name].start, slices[name].stop))
        decision = scorer.decision(texts, columns=columns)
        labels, proba, classes = {}, {}, {}
        for task, head in self.heads_.items():
            p = proba_from_decision(heads[(task, None)], decision[:, slices[(task, None)]])
            if isinstance(head, TargetedLogisticRegression) and keys is not None and head.heads_:
                w = float(getattr(head, "joint_weight", 0.0))
                for key, own in head.heads_.items():
                    rows = np.flatnonzero(keys == key)
                    if len(rows):
                        p[rows] = (1.0 - w) * proba_from_decision(own, decision[rows][:, slices[(task, key)]]) \
                            + w * p[rows]
            proba[task] = p
            classes[task] = [str(c) for c in head.classes_]
            labels[task] = np.asarray(head.classes_, dtype=object)[np.argmax(p, axis=1)]
        return Prediction(labels=labels, proba=proba, classes=classes)

    def predict(self, texts, targets=None) -> Prediction:
        """Labels and probabilities per task for raw texts.

        Linear heads over the fast feature stage are scored by a
        :class:`~moderation.fastscore.LinearScorer`, which never builds the feature matrix;
        the result equals :meth:`predict_from_features` on :meth:`transform` up to float rounding.

        Examples
        --------
        >>> model = CommentModel(features=TextFeatures(min_df=1, char_ngram_range=None))
        >>> model = model.fit(["great idea", "you idiot", "good plan", "shut up idiot"],
        ...                   {"civility": ["civil", "uncivil", "civil", "uncivil"]})
        >>> model.predict(["idiot"]).labels["civility"].tolist()
        ['uncivil']
        """
        texts = list(texts)
        if self.scorer() is not None:
            return self._predict_fast(texts, targets)
        return self.predict_from_features(self.transform(texts), targets)

    def explain(self, text: str, task: str = "civility", target: str | None = None, top: int = 5,
                label: str | None = None, features=None) -> list[tuple[str, float]]:
        """The n-grams of ``text`` that pushed hardest toward ``label`` (default: the task's positive class).

        ``features`` may pass the text's row of an already computed feature matrix, so that
        batch scoring does not transform the text a second time.

        Returns
        -------
        list of (str, float)
            Feature name without its ``w:``/``c:`` prefix, and its contribution (tf-idf value
            times coefficient), strongest first; only positive contributions.
        """
        X = self.features_.transform([text]) if features is None else features
        return self.explain_many(X, task=task, target=target, top=top, label=label)[0]

    def explain_many(self, X, task: str = "civility", target: str | None = None, top: int = 5,
                     label: str | None = None) -> list[list[tuple[str, float]]]:
        """:meth:`explain` for every row of a feature matrix at once (one head for all rows).

        Parameters
        ----------
        X : sparse matrix
            Rows from :meth:`transform`.

        Returns
        -------
        list of list of (str, float)
            Per row, at most ``top`` (name, contribution) pairs, strongest first, positive only.
        """
        check_is_fitted(self, "heads_")
        head = self.heads_[task]
        if isinstance(head, TargetedLogisticRegression):
            head = head.head_for(target)
        classes = [str(c) for c in head.classes_]
        schema = self.schema or DEFAULT_SCHEMA
        label = label or schema.positive.get(task) or classes[-1]
        coef = head.coef_
        row = 0 if coef.shape[0] == 1 else classes.index(label)
        weights = coef[row].toarray().ravel() if sp.issparse(coef) else np.asarray(coef[row])
        if coef.shape[0] == 1 and label != classes[1]:  # binary: one row, positive toward classes_[1]
            weights = -weights
        X = X.tocsr()
        contrib = X.data * weights[X.indices]
        names = self._names()
        out: list[list[tuple[str, float]]] = []
        for start, stop in zip(X.indptr[:-1].tolist(), X.indptr[1:].tolist()):
            values = contrib[start:stop]
            # The top few of a row by partial sort: rows hold hundreds of n-grams, we want five.
            best = np.argpartition(-values, top)[:top] if len(values) > top else np.arange(len(values))
            best = best[np.argsort(-values[best], kind="stable")]
            out.append([(names[X.indices[start + i]][2:], float(values[i])) for i in best.tolist() if values[i] > 0])
        return out

    def _names(self):
        # Feature names are costly to build; keep them once per loaded model.
        cached = getattr(self, "_names_cache", None)
        if cached is None:
            cached = self.features_.feature_names_out()
            self._names_cache = cached
        return cached

    def classes(self, task: str) -> list[str]:
        """Classes of a fitted task head."""
        return [str(c) for c in self.heads_[task].classes_]

