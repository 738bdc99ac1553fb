"""Fitting a :class:`~moderation.model.CommentModel` from labels, with grouped cross-validation."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from .evaluation import choose_threshold, task_metrics
from .errors import TrainingError
from .features import TextFeatures
from .labels.schema import DEFAULT_SCHEMA, LabelSchema
from .model import CommentModel, TargetedLogisticRegression

__all__ = ["TrainingResult", "DEFAULT_GRID", "QUICK_GRID", "train", "training_arrays"]

#: Feature settings tried by cross-validation; each is combined with every head setting.
DEFAULT_GRID = {
    "features": [
        {"word_ngram_range": (1, 2), "char_ngram_range": (2, 5), "min_df": 2},
        {"word_ngram_range": (1, 3), "char_ngram_range": None, "min_df": 1},
        {"word_ngram_range": (1, 2), "char_ngram_range": (3, 5), "min_df": 2},
    ],
    "C": [0.3, 1.0, 3.0, 10.0],
    "class_weight": ["balanced", None],
}

#: A single setting: no tuning, for quick runs and tests.
QUICK_GRID = {
    "features": [{"word_ngram_range": (1, 2), "char_ngram_range": (2, 5), "min_df": 2}],
    "C": [3.0],
    "class_weight": ["balanced"],
}


@dataclass
class TrainingResult:
    """A fitted model and what cross-validation said about it."""

    model: CommentModel
    params: dict
    cv: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)
    n_rows: dict = field(default_factory=dict)


def training_arrays(table: pd.DataFrame, schema: LabelSchema = DEFAULT_SCHEMA):
    """Split a label table into texts, per-task label arrays, targets and thread groups.

    Rows labelled by several annotators are resolved by majority first.
    """
    if "annotator" in table.columns and table["id"].duplicated().any():
        from .labels.agreement import resolve_majority

        table = resolve_majority(table, tasks=tuple(t for t in schema.tasks if t in table.columns))
    table = table.reset_index(drop=True)
    texts = table["text"].astype(str).tolist()
    labels = {t: table[t].fillna("").astype(str).to_numpy(dtype=object) for t in schema.tasks if t in table.columns}
    labels = {t: y for t, y in labels.items() if (y != "").any()}
    targets = table["target"].fillna("").astype(str).to_numpy(dtype=object) if "target" in table.columns else None
    groups = table["thread_id"].fillna("").astype(str).to_numpy(dtype=object)
    return texts, labels, targets, groups


def _score(task: str, y_true, proba, classes, schema: LabelSchema) -> float:
    metrics = task_metrics(task, y_true, proba, classes, schema)
    if task == "stance":
        return metrics.get("f_avg", metrics["macro_f1"])
    return metrics.get("roc_auc", metrics["macro_f1"])


def _head(task: str, C: float, class_weight, min_target_samples: int):
    if task == "stance":
        return TargetedLogisticRegression(C=C, class_weight=class_weight, min_target_samples=min_target_samples)
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=2000)


def _fit_head(head, X, y, target):
    if isinstance(head, TargetedLogisticRegression):
        return head.fit(X, y, target=target)
    return head.fit(X, y)


def _proba(head, X, target):
    if isinstance(head, TargetedLogisticRegression):
        return head.predict_proba(X, target=target)
    return head.predict_proba(X)


def train(table: pd.DataFrame, schema: LabelSchema = DEFAULT_SCHEMA, grid: dict | None = None, folds: int = 5,
          min_target_samples: int = 150, progress: Callable[[str], None] | None = None) -> TrainingResult:
    """Choose settings by cross-validation grouped by thread, then fit on every row.

    Parameters
    ----------
    table : pandas.DataFrame
        Labels as returned by :func:`moderation.labels.read_labels`.
    schema : LabelSchema
    grid : dict, optional
        ``features`` (list of :class:`TextFeatures` parameter dicts), ``C`` and ``class_weight``
        lists; :data:`DEFAULT_GRID` by default.
    folds : int
        Cross-validation folds; no thread is on both sides of a split. With fewer threads
        than folds, as many folds as threads are used (at least 2).
    min_target_samples : int
        Labels a stance target needs for a head of its own.
    progress : callable, optional
        Called with a short message at each step.

    Returns
    -------
    TrainingResult
        The model fitted on all rows, the chosen parameters, cross-validated metrics of those
        parameters (out-of-fold predictions) and the civility flag threshold chosen from them.
    """
    grid = grid or DEFAULT_GRID
    say = progress or (lambda message: None)
    texts, labels, targets, groups = training_arrays(table, schema)
    if not labels:
        raise TrainingError("no task has any label; fill the stance or civility column")
    texts_arr = np.asarray(texts, dtype=object)
    n_groups = len(set(groups))
    n_folds = min(folds, n_groups)
    head_grid = list(itertools.product(grid["C"], grid["class_weight"]))
    feature_grid = grid["features"]
    tuning = len(feature_grid) * len(head_grid) > 1
    if n_folds < 2:
        if tuning:
            raise TrainingError("cross-validation needs labels from at least two threads; use a single setting")
        splits = []
    else:
        splits = list(GroupKFold(n_splits=n_folds).split(texts_arr, groups=groups))

    # oof[f][h][task] = out-of-fold probabilities for feature setting f and head setting h.
    oof = {f: {h: {t: None for t in labels} for h in range(len(head_grid))} for f in range(len(feature_grid))}
    classes = {t: np.unique(y[y != ""]) for t, y in labels.items()}
    for k, (train_idx, test_idx) in enumerate(splits, start=1):
        for f, fparams in enumerate(feature_grid):
            say(f"fold {k}/{len(splits)}: features {f + 1}/{len(feature_grid)}")
            features = TextFeatures(**fparams)
            X_train = features.fit_transform(texts_arr[train_idx])
            X_test = features.transform(texts_arr[test_idx])
            for task, y in labels.items():
                tr = train_idx[y[train_idx] != ""]
                tr_rows = np.flatnonzero(y[train_idx] != "")
                if len(np.unique(y[tr])) < 2:
                    continue
                t_train = None if targets is None else targets[tr]
                t_test = None if targets is None else targets[test_idx]
                for h, (C, cw) in enumerate(head_grid):
                    head = _fit_head(_head(task, C, cw, min_target_samples), X_train[tr_rows], y[tr], t_train)
                    p = _proba(head, X_test, t_test)
                    full = np.zeros((len(p), len(classes[task])))
                    for j, c in enumerate(head.classes_):
                        full[:, list(classes[task]).index(c)] = p[:, j]
                    store = oof[f][h][task]
                    if store is None:
                        store = oof[f][h][task] = np.full((len(texts), len(classes[task])), np.nan)
                    store[test_idx] = full

    best_f, best_heads, cv = 0, {t: 0 for t in labels}, {}
    if splits:
        def score_of(f, h, task):
            p = oof[f][h][task]
            y = labels[task]
            rows = np.flatnonzero((y != "") & ~np.isnan(p).any(axis=1)) if p is not None else []
            if len(rows) == 0:
                return -np.inf
            return _score(task, y[rows], p[rows], list(classes[task]), schema)

        scores = {(f, h, t): score_of(f, h, t) for f in oof for h in oof[f] for t in labels}
        # One feature stage serves every task, so pick it by the tasks' mean best score.
        best_f = max(oof, key=lambda f: np.mean([max(scores[(f, h, t)] for h in oof[f]) for t in labels]))
        best_heads = {t: max(oof[best_f], key=lambda h: scores[(best_f, h, t)]) for t in labels}
        for task, h in best_heads.items():
            p, y = oof[best_f][h][task], labels[task]
            rows = np.flatnonzero((y != "") & ~np.isnan(p).any(axis=1))
            cv[task] = task_metrics(task, y[rows], p[rows], list(classes[task]), schema, detailed=False)
            cv[task]["folds"] = len(splits)
            cv[task]["rows"] = int(len(rows))
        cv["grid_scores"] = [
            {"features": feature_grid[f], "C": head_grid[h][0], "class_weight": head_grid[h][1], "task": t,
             "score": None if not np.isfinite(s) else round(float(s), 4)}
            for (f, h, t), s in scores.items()
        ]

    params = {"features": dict(feature_grid[best_f]),
              "heads": {t: {"C": head_grid[h][0], "class_weight": head_grid[h][1]} for t, h in best_heads.items()},
              "min_target_samples": min_target_samples, "folds": len(splits)}
    thresholds = {}
    positive = schema.positive.get("civility")
    if "civility" in labels and splits and positive in classes["civility"]:
        p = oof[best_f][best_heads["civility"]]["civility"]
        y = labels["civility"]
        rows = np.flatnonzero((y != "") & ~np.isnan(p).any(axis=1))
        column = list(classes["civility"]).index(positive)
        thresholds = choose_threshold(y[rows] == positive, p[rows, column])

    say("fitting on all rows")
    stance_params = params["heads"].get("stance", {"C": 1.0, "class_weight": "balanced"})
    civility_params = params["heads"].get("civility", {"C": 1.0, "class_weight": "balanced"})
    model = CommentModel(
        features=TextFeatures(**feature_grid[best_f]),
        stance_head=TargetedLogisticRegression(C=stance_params["C"], class_weight=stance_params["class_weight"],
                                               min_target_samples=min_target_samples),
        civility_head=LogisticRegression(C=civility_params["C"], class_weight=civility_params["class_weight"],
                                         max_iter=2000),
        schema=schema,
    ).fit(texts, labels, targets=targets)
    n_rows = {t: int((y != "").sum()) for t, y in labels.items()}
    return TrainingResult(model=model, params=params, cv=cv, thresholds=thresholds, n_rows=n_rows)
