"""Metrics for a model on labelled comments: per class, calibration, thresholds."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    precision_recall_fscore_support,
    roc_auc_score,
)

from .labels.schema import DEFAULT_SCHEMA, LabelSchema

__all__ = [
    "task_metrics",
    "expected_calibration_error",
    "reliability_table",
    "threshold_table",
    "choose_threshold",
    "evaluate",
]


def expected_calibration_error(y_true, p, bins: int = 10) -> float:
    """Expected calibration error of probabilities ``p`` for binary outcomes ``y_true``.

    The weighted mean, over equal-width probability bins, of the gap between the mean
    predicted probability and the observed rate.

    Examples
    --------
    >>> expected_calibration_error([0, 1], [0.0, 1.0])
    0.0
    """
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=True), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def reliability_table(y_true, p, bins: int = 10) -> list[dict]:
    """Per bin: mean predicted probability, observed positive rate and count."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=True), 0, bins - 1)
    table = []
    for b in range(bins):
        mask = which == b
        table.append({"low": float(edges[b]), "high": float(edges[b + 1]), "count": int(mask.sum()),
                      "mean_predicted": float(p[mask].mean()) if mask.any() else None,
                      "observed": float(y[mask].mean()) if mask.any() else None})
    return table


def threshold_table(y_true, p, thresholds=None) -> list[dict]:
    """Precision, recall, F1 and flagged share of "flag when p >= threshold", per threshold."""
    y = np.asarray(y_true, dtype=bool)
    p = np.asarray(p, dtype=float)
    if thresholds is None:
        thresholds = np.round(np.arange(0.05, 1.0, 0.05), 2)
    rows = []
    for t in thresholds:
        flagged = p >= t
        tp = int((flagged & y).sum())
        precision = tp / flagged.sum() if flagged.any() else 1.0
        recall = tp / y.sum() if y.any() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"threshold": float(t), "precision": round(float(precision), 4), "recall": round(float(recall), 4),
                     "f1": round(float(f1), 4), "flagged_share": round(float(flagged.mean()), 4)})
    return rows


def choose_threshold(y_true, p) -> dict:
    """Pick the flag threshold that maximises F1 of the positive class, and a review band below it.

    Returns
    -------
    dict
        ``flag`` (threshold), ``review`` (lower edge of the "needs review" band: the highest
        threshold below ``flag`` that still finds 90% of positives, else 60% of ``flag``), and
        precision, recall and F1 at ``flag``.
    """
    table = threshold_table(y_true, p, np.round(np.arange(0.05, 0.96, 0.01), 2))
    best = max(table, key=lambda r: (r["f1"], -abs(r["threshold"] - 0.5)))
    below = [r["threshold"] for r in table if r["recall"] >= 0.9 and r["threshold"] < best["threshold"]]
    review = max(below) if below else round(best["threshold"] * 0.6, 2)
    return {"flag": best["threshold"], "review": review, "f1_at_flag": best["f1"],
            "precision_at_flag": best["precision"], "recall_at_flag": best["recall"]}


def task_metrics(task: str, y_true, proba, classes, schema: LabelSchema = DEFAULT_SCHEMA,
                 detailed: bool = True) -> dict:
    """Metrics of one task from true labels and class probabilities.

    Parameters
    ----------
    task : str
        ``"stance"``, ``"civility"`` or another task of ``schema``.
    y_true : array-like of str
    proba : ndarray of shape (n, len(classes))
    classes : list of str
        Column order of ``proba``.
    detailed : bool
        Add the confusion matrix, reliability and threshold tables.

    Returns
    -------
    dict
        ``per_class`` (precision, recall, f1, support), ``macro_f1``, ``accuracy``, ``n``; for
        stance ``f_avg`` (mean F1 of favor and against); for binary tasks with a positive class
        ``roc_auc``, ``average_precision``, ``ece``.
    """
    y_true = np.asarray(y_true, dtype=object)
    proba = np.asarray(proba, dtype=float)
    classes = [str(c) for c in classes]
    y_pred = np.asarray(classes, dtype=object)[np.argmax(proba, axis=1)]
    order = [c for c in schema.tasks.get(task, classes) if c in set(classes) | set(y_true)] or classes
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=order, zero_division=0)
    out = {
        "n": int(len(y_true)),
        "accuracy": round(float((y_true == y_pred).mean()), 4) if len(y_true) else None,
        "per_class": {c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(s[i])} for i, c in enumerate(order)},
        "macro_f1": round(float(np.mean(f)), 4),
    }
    if task == "stance":
        pair = [out["per_class"][c]["f1"] for c in ("favor", "against") if c in out["per_class"]]
        if pair:
            out["f_avg"] = round(float(np.mean(pair)), 4)
    positive = schema.positive.get(task)
    if positive in classes:
        y_bin = y_true == positive
        score = proba[:, classes.index(positive)]
        if 0 < y_bin.sum() < len(y_bin):
            out["roc_auc"] = round(float(roc_auc_score(y_bin, score)), 4)
            out["average_precision"] = round(float(average_precision_score(y_bin, score)), 4)
        out["ece"] = round(expected_calibration_error(y_bin, score), 4)
        if detailed:
            out["reliability"] = reliability_table(y_bin, score)
            out["thresholds"] = threshold_table(y_bin, score)
    if detailed:
        out["labels"] = order
        out["confusion_matrix"] = confusion_matrix(y_true, y_pred, labels=order).tolist()
    return out


def evaluate(model, table, schema: LabelSchema | None = None) -> dict:
    """Score a fitted model on a label table and return metrics per task.

    Parameters
    ----------
    model : CommentModel
    table : pandas.DataFrame
        Labels as returned by :func:`moderation.labels.read_labels`.

    Returns
    -------
    dict
        Task name -> :func:`task_metrics` result, for each task the model has and the table labels.
    """
    from .training import training_arrays

    schema = schema or model.schema or DEFAULT_SCHEMA
    texts, labels, targets, _ = training_arrays(table, schema)
    X = model.transform(texts)
    prediction = model.predict_from_features(X, targets)
    results = {}
    for task, y in labels.items():
        if task not in prediction.proba:
            continue
        rows = np.flatnonzero(y != "")
        results[task] = task_metrics(task, y[rows], prediction.proba[task][rows], prediction.classes[task], schema)
    return results
