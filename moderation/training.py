"""Fitting a :class:`~moderation.model.CommentModel` from labels, with grouped cross-validation."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.model_selection import GroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from .errors import TrainingError
from .evaluation import choose_threshold, task_metrics
from .features import TextFeatures
from .labels.schema import DEFAULT_SCHEMA, LabelSchema
from .model import CommentModel, TargetedLogisticRegression, default_civility_head, fit_soft_head

__all__ = ["TrainingResult", "DEFAULT_GRID", "QUICK_GRID", "CV_SCHEMES", "FEATURE_TIE", "pick_feature_stage", "train",
           "training_arrays"]

#: Feature settings tried by cross-validation; each is combined with every head setting.
#: Two feature stages times three C values: 30 fits per fold on the starter labels, which
#: train in about ten seconds on two cores. Word 1-2-grams plus character 2-5-grams (counted
#: per word) with every n-gram kept (``min_df=1``) was best on SemEval-2016 stance (5-fold CV
#: F_avg 71.97, against 71.88 with word 1-3-grams, which also score about 20% slower); the
#: word-only stage is the fast fallback that small label sets often prefer.
DEFAULT_GRID = {
    "features": [
        {"word_ngram_range": (1, 2), "char_ngram_range": (2, 5), "min_df": 1},
        {"word_ngram_range": (1, 2), "char_ngram_range": None, "min_df": 1},
    ],
    "C": [1.0, 3.0, 10.0],
    "class_weight": ["balanced"],
    "joint_weight": [0.35],
}

#: A single setting: no tuning, for quick runs, large label sets and tests. ``min_df=2`` drops
#: n-grams seen once, most of a large vocabulary, which no new comment would match anyway.
QUICK_GRID = {
    "features": [{"word_ngram_range": (1, 2), "char_ngram_range": (2, 5), "min_df": 2}],
    "C": [3.0],
    "class_weight": ["balanced"],
    "joint_weight": [0.35],
}

#: Feature stages whose cross-validated score is this close to the best are a tie, which the grid's
#: order breaks: a difference that small is fold noise. On the starter labels the two default stages
#: came within 0.002 of each other and which one won flipped with the number of folds; the first
#: (word + character n-grams) transfers better to real corpora (civility ROC AUC on C3 0.638
#: against 0.609 for words alone, Impermium 0.760 against 0.737, OLID 0.560 against 0.548).
FEATURE_TIE = 0.005


def pick_feature_stage(scores, tie: float = FEATURE_TIE) -> int:
    """Index of the feature stage to keep: the first one in grid order within ``tie`` of the best.

    Parameters
    ----------
    scores : sequence of float
        Cross-validated score of each feature stage, in grid order (``-inf`` for none).
    tie : float
        Scores within this of the best count as equal.

    Returns
    -------
    int

    Examples
    --------
    >>> pick_feature_stage([0.790, 0.7916])
    0
    >>> pick_feature_stage([0.780, 0.7916])
    1
    """
    best = max(scores)
    return next(i for i, score in enumerate(scores) if score >= best - tie)


#: Cross-validation schemes :func:`train` accepts by name.
CV_SCHEMES = ("group", "stratified")


@dataclass
class TrainingResult:
    """A fitted model and what cross-validation said about it.

    Attributes
    ----------
    model : CommentModel
    params : dict
        The chosen settings.
    cv : dict
        Per task, :func:`~moderation.evaluation.task_metrics` of the out-of-fold predictions of
        the chosen settings; ``grid_scores`` lists every setting's score.
    thresholds : dict
        The civility flag threshold chosen from out-of-fold predictions.
    n_rows : dict
        Labelled rows per task.
    oof : dict
        Per task, ``{"proba": ndarray, "classes": list, "rows": ndarray}``: the chosen
        settings' out-of-fold probabilities for the labelled rows ``rows`` (indices into the
        table after :func:`training_arrays`), for per-group breakdowns.
    """

    model: CommentModel
    params: dict
    cv: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)
    n_rows: dict = field(default_factory=dict)
    oof: dict = field(default_factory=dict)


def training_arrays(table: pd.DataFrame, schema: LabelSchema = DEFAULT_SCHEMA):
    """Split a label table into texts, per-task label arrays, targets and thread groups.

    Rows labelled by several annotators are resolved by majority first.
    """
    return _training_arrays(table, schema)[:4]


def _training_arrays(table: pd.DataFrame, schema: LabelSchema):
    """:func:`training_arrays` plus the soft labels: task -> share per row (NaN where none)."""
    if "annotator" in table.columns and table["id"].duplicated().any():
        from .labels.agreement import resolve_majority

        table = resolve_majority(table, tasks=tuple(t for t in schema.tasks if t in table.columns), schema=schema)
    table = table.reset_index(drop=True)
    texts = table["text"].astype(str).tolist()
    labels = {t: table[t].fillna("").astype(str).to_numpy(dtype=object) for t in schema.tasks if t in table.columns}
    labels = {t: y for t, y in labels.items() if (y != "").any()}
    targets = table["target"].fillna("").astype(str).to_numpy(dtype=object) if "target" in table.columns else None
    groups = table["thread_id"].fillna("").astype(str).to_numpy(dtype=object)
    shares = {}
    for task, column in schema.share_columns().items():
        if task in labels and column in table.columns:
            share = pd.to_numeric(table[column].replace("", np.nan), errors="coerce").to_numpy(dtype=float, copy=True)
            share[labels[task] == ""] = np.nan
            if np.isfinite(share).any():
                shares[task] = share
    return texts, labels, targets, groups, shares


def _score(task: str, y_true, proba, classes, schema: LabelSchema) -> float:
    metrics = task_metrics(task, y_true, proba, classes, schema, detailed=False)
    if task == "stance":
        return metrics.get("f_avg", metrics["macro_f1"])
    return metrics.get("roc_auc", metrics["macro_f1"])


def _head(task: str, C: float, class_weight, joint_weight: float, min_target_samples: int):
    if task == "stance":
        return TargetedLogisticRegression(C=C, class_weight=class_weight, joint_weight=joint_weight,
                                          min_target_samples=min_target_samples)
    return default_civility_head(C=C, class_weight=class_weight)


def _fit_head(head, X, y, target, share=None, classes=None):
    if isinstance(head, TargetedLogisticRegression):
        return head.fit(X, y, target=target)
    if share is not None and np.isfinite(share).any():
        return fit_soft_head(head, X, y, share, classes)
    return head.fit(X, y)


def _proba(head, X, target):
    if isinstance(head, TargetedLogisticRegression):
        return head.predict_proba(X, target=target)
    return head.predict_proba(X)


def _strata(labels: dict, targets, n_rows: int, folds: int) -> np.ndarray:
    # Stratify by target and every task's label; strata too small to spread over the folds
    # fall back to the labels alone, then to nothing, so StratifiedKFold never sees a class
    # with fewer members than folds.
    label_key = np.asarray(["|".join(str(y[i]) for y in labels.values()) for i in range(n_rows)], dtype=object)
    full = label_key if targets is None else np.asarray([f"{t}|{k}" for t, k in zip(targets, label_key)],
                                                        dtype=object)
    values, counts = np.unique(full, return_counts=True)
    small = set(values[counts < folds])
    strata = np.asarray([label_key[i] if full[i] in small else full[i] for i in range(n_rows)], dtype=object)
    values, counts = np.unique(strata, return_counts=True)
    small = set(values[counts < folds])
    return np.asarray(["rare" if s in small else s for s in strata], dtype=object)


def _splits(cv, folds: int, texts_arr, labels: dict, targets, groups, tuning: bool) -> list:
    if not isinstance(cv, str):
        return list(cv.split(texts_arr, None, groups))
    if cv not in CV_SCHEMES:
        raise ValueError(f"unknown cv {cv!r}; use one of {', '.join(CV_SCHEMES)} or a scikit-learn splitter")
    if cv == "stratified":
        if len(texts_arr) < 2 * folds:
            raise TrainingError(f"stratified cross-validation with {folds} folds needs at least {2 * folds} rows")
        strata = _strata(labels, targets, len(texts_arr), folds)
        return list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(texts_arr, strata))
    n_folds = min(folds, len(set(groups)))
    if n_folds < 2:
        if tuning:
            raise TrainingError("cross-validation needs labels from at least two threads; use a single setting")
        return []
    return list(GroupKFold(n_splits=n_folds).split(texts_arr, groups=groups))


def _fold_predictions(texts_arr, labels, targets, classes, train_idx, test_idx, feature_grid, head_grid,
                      min_target_samples, shares=None, pairs=None) -> dict:
    """Out-of-fold probabilities of one fold: ``(feature setting, head setting, task) -> proba``."""
    out = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for f, fparams in enumerate(feature_grid):
            features = TextFeatures(**fparams)
            X_train = features.fit_transform(texts_arr[train_idx])
            X_test = features.transform(texts_arr[test_idx])
            for task, y in labels.items():
                tr_rows = np.flatnonzero(y[train_idx] != "")
                tr = train_idx[tr_rows]
                if len(np.unique(y[tr])) < 2:
                    continue
                t_train = None if targets is None else targets[tr]
                t_test = None if targets is None else targets[test_idx]
                share = shares[task][tr] if shares and task in shares else None
                for h, (C, cw, jw) in enumerate(head_grid):
                    head = _fit_head(_head(task, C, cw, jw, min_target_samples), X_train[tr_rows], y[tr], t_train,
                                     share, (pairs or {}).get(task))
                    p = _proba(head, X_test, t_test)
                    full = np.zeros((len(p), len(classes[task])))
                    for j, c in enumerate(head.classes_):
                        full[:, list(classes[task]).index(c)] = p[:, j]
                    out[(f, h, task)] = full
    return out


def train(table: pd.DataFrame, schema: LabelSchema = DEFAULT_SCHEMA, grid: dict | None = None, folds: int = 5,
          min_target_samples: int = 150, progress: Callable[[str], None] | None = None, cv="group",
          n_jobs: int | None = None) -> TrainingResult:
    """Choose settings by cross-validation (grouped by thread by default), then fit on every row.

    Parameters
    ----------
    table : pandas.DataFrame
        Labels as returned by :func:`moderation.labels.read_labels`.
    schema : LabelSchema
    grid : dict, optional
        ``features`` (list of :class:`TextFeatures` parameter dicts), ``C`` and ``class_weight``
        lists, optionally ``joint_weight`` (see :class:`TargetedLogisticRegression`; default
        ``[0.0]``); :data:`DEFAULT_GRID` by default.
    folds : int
        Cross-validation folds. With ``cv="group"`` no thread is on both sides of a split;
        with fewer threads than folds, as many folds as threads are used (at least 2).
    min_target_samples : int
        Labels a stance target needs for a head of its own.
    progress : callable, optional
        Called with a short message at each step.
    cv : {"group", "stratified"} or splitter
        ``"group"``: :class:`~sklearn.model_selection.GroupKFold` over ``thread_id``, the
        honest choice for comments, whose thread-mates share topic and wording.
        ``"stratified"``: shuffled :class:`~sklearn.model_selection.StratifiedKFold` over rows,
        stratified by target and labels; for corpora whose "threads" are the stance targets
        themselves (SemEval-2016), where grouping would test every target unseen. Or any object
        with ``split(X, y, groups)``.
    n_jobs : int, optional
        Folds cross-validated in parallel (joblib processes); ``None`` or 1 runs them in turn,
        -1 uses every core. Each fold keeps BLAS to one thread.

    Returns
    -------
    TrainingResult
        The model fitted on all rows, the chosen parameters, cross-validated metrics of those
        parameters (out-of-fold predictions) and the civility flag threshold chosen from them.

    Raises
    ------
    TrainingError
        If no task has labels, a task has a single class, or the data cannot be split.
    ValueError
        For an unknown ``cv`` name.
    """
    grid = grid or DEFAULT_GRID
    say = progress or (lambda message: None)
    texts, labels, targets, groups, shares = _training_arrays(table, schema)
    pairs = {task: schema.binary_classes(task) for task in shares}
    if not labels:
        raise TrainingError("no task has any label; fill the stance or civility column")
    texts_arr = np.asarray(texts, dtype=object)
    head_grid = list(itertools.product(grid["C"], grid["class_weight"], grid.get("joint_weight", [0.0])))
    feature_grid = grid["features"]
    tuning = len(feature_grid) * len(head_grid) > 1
    splits = _splits(cv, folds, texts_arr, labels, targets, groups, tuning)

    classes = {t: np.unique(y[y != ""]) for t, y in labels.items()}
    say(f"cross-validating {len(feature_grid) * len(head_grid)} settings on {len(splits)} folds")
    jobs = (delayed(_fold_predictions)(texts_arr, labels, targets, classes, tr, te, feature_grid, head_grid,
                                       min_target_samples, shares, pairs) for tr, te in splits)
    fold_results = Parallel(n_jobs=n_jobs or 1)(jobs) if splits else []
    # oof[(f, h, task)] = out-of-fold probabilities for feature setting f and head setting h.
    oof: dict = {}
    for (_, test_idx), result in zip(splits, fold_results):
        for key, p in result.items():
            store = oof.get(key)
            if store is None:
                store = oof[key] = np.full((len(texts), len(classes[key[2]])), np.nan)
            store[test_idx] = p

    def rows_of(key):
        y = labels[key[2]]
        p = oof.get(key)
        return np.flatnonzero((y != "") & ~np.isnan(p).any(axis=1)) if p is not None else np.array([], dtype=int)

    best_f, best_heads, cv_metrics, oof_out = 0, {t: 0 for t in labels}, {}, {}
    if splits:
        scores = {}
        for f in range(len(feature_grid)):
            for h in range(len(head_grid)):
                for t in labels:
                    rows = rows_of((f, h, t))
                    scores[(f, h, t)] = (_score(t, labels[t][rows], oof[(f, h, t)][rows], list(classes[t]), schema)
                                         if len(rows) else -np.inf)
        # One feature stage serves every task, so pick it by the tasks' mean best score.
        best_f = pick_feature_stage([np.mean([max(scores[(f, h, t)] for h in range(len(head_grid))) for t in labels])
                                     for f in range(len(feature_grid))])
        best_heads = {t: max(range(len(head_grid)), key=lambda h: scores[(best_f, h, t)]) for t in labels}
        for task, h in best_heads.items():
            rows = rows_of((best_f, h, task))
            if not len(rows):
                continue
            p, y = oof[(best_f, h, task)], labels[task]
            cv_metrics[task] = task_metrics(task, y[rows], p[rows], list(classes[task]), schema, detailed=False)
            cv_metrics[task]["folds"] = len(splits)
            cv_metrics[task]["rows"] = int(len(rows))
            oof_out[task] = {"proba": p[rows], "classes": [str(c) for c in classes[task]], "rows": rows}
        cv_metrics["grid_scores"] = [
            {"features": feature_grid[f], "C": head_grid[h][0], "class_weight": head_grid[h][1],
             "joint_weight": head_grid[h][2], "task": t, "score": None if not np.isfinite(s) else round(float(s), 4)}
            for (f, h, t), s in scores.items()
        ]

    params = {"features": dict(feature_grid[best_f]),
              "heads": {t: {"C": head_grid[h][0], "class_weight": head_grid[h][1],
                            **({"joint_weight": head_grid[h][2]} if t == "stance" else {})}
                        for t, h in best_heads.items()},
              "min_target_samples": min_target_samples, "folds": len(splits),
              "soft_label_rows": {t: int(np.isfinite(v).sum()) for t, v in shares.items()},
              "cv": cv if isinstance(cv, str) else type(cv).__name__}
    thresholds = {}
    positive = schema.positive.get("civility")
    if "civility" in oof_out and positive in classes["civility"]:
        column = oof_out["civility"]["classes"].index(positive)
        y = labels["civility"][oof_out["civility"]["rows"]]
        thresholds = choose_threshold(y == positive, oof_out["civility"]["proba"][:, column])

    say("fitting on all rows")
    stance_params = params["heads"].get("stance", {"C": 1.0, "class_weight": "balanced", "joint_weight": 0.0})
    civility_params = params["heads"].get("civility", {"C": 1.0, "class_weight": "balanced"})
    model = CommentModel(
        features=TextFeatures(**feature_grid[best_f]),
        stance_head=TargetedLogisticRegression(C=stance_params["C"], class_weight=stance_params["class_weight"],
                                               joint_weight=stance_params.get("joint_weight", 0.0),
                                               min_target_samples=min_target_samples),
        civility_head=default_civility_head(C=civility_params["C"], class_weight=civility_params["class_weight"]),
        schema=schema,
    )
    with threadpool_limits(limits=1, user_api="blas"):
        model.fit(texts, labels, targets=targets, shares=shares)
    n_rows = {t: int((y != "").sum()) for t, y in labels.items()}
    return TrainingResult(model=model, params=params, cv=cv_metrics, thresholds=thresholds, n_rows=n_rows,
                          oof=oof_out)
