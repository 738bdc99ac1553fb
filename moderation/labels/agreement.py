"""Inter-annotator agreement and majority resolution for comments labelled by several annotators."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import ModerationError
from .schema import DEFAULT_SCHEMA, LABEL_COLUMNS, LabelSchema

__all__ = ["agreement", "resolve_majority", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]


def cohen_kappa(a, b) -> float:
    """Cohen's kappa between two annotators' labels of the same items.

    Parameters
    ----------
    a, b : sequence of hashable
        The two annotators' labels, item by item.

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``; NaN when chance agreement is already perfect (both
        annotators used one and the same class throughout) or there are no items.

    Examples
    --------
    >>> round(cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]), 3)
    0.5
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError("both annotators must label the same items")
    if not a:
        return float("nan")
    classes = sorted(set(a) | set(b), key=str)
    index = {c: i for i, c in enumerate(classes)}
    table = np.zeros((len(classes), len(classes)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    n = table.sum()
    p_o = np.trace(table) / n
    p_e = float(table.sum(axis=1) @ table.sum(axis=0)) / n**2
    if np.isclose(p_e, 1.0):
        return float("nan")
    return float((p_o - p_e) / (1 - p_e))


def fleiss_kappa(counts) -> float:
    """Fleiss' kappa from an items x classes table of how many annotators chose each class.

    Items rated by fewer than two annotators are left out. When items have different numbers
    of ratings, each item's agreement is taken over its own number of rating pairs and the
    class proportions are pooled over all ratings (the usual extension; with a constant
    number of raters this is exactly Fleiss 1971).

    Parameters
    ----------
    counts : array-like of shape (n_items, n_classes)
        Non-negative counts.

    Returns
    -------
    float
        ``(P_bar - P_e) / (1 - P_e)``, NaN when no item has two ratings or ``P_e`` is 1.

    Examples
    --------
    >>> fleiss_kappa([[2, 0], [0, 2], [1, 1]])  # doctest: +ELLIPSIS
    0.333...
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2:
        raise ValueError("counts must be a 2-D items x classes table")
    n_i = counts.sum(axis=1)
    counts, n_i = counts[n_i >= 2], n_i[n_i >= 2]
    if len(counts) == 0:
        return float("nan")
    p_i = ((counts * (counts - 1)).sum(axis=1)) / (n_i * (n_i - 1))
    p_bar = p_i.mean()
    p_j = counts.sum(axis=0) / n_i.sum()
    p_e = float((p_j**2).sum())
    if np.isclose(p_e, 1.0):
        return float("nan")
    return float((p_bar - p_e) / (1 - p_e))


def krippendorff_alpha(units) -> float:
    """Krippendorff's alpha for nominal data, with missing values.

    Parameters
    ----------
    units : iterable of iterable
        For each unit (item), the values the annotators gave it; ``None`` or NaN for an
        annotator who did not label it (or just leave them out). Units with fewer than two
        values cannot be paired and do not count.

    Returns
    -------
    float
        ``1 - D_o / D_e`` from the coincidence matrix (Krippendorff 2011, "Computing
        Krippendorff's Alpha-Reliability"); NaN when there are no pairable values or
        everyone used a single class (no expected disagreement).

    Examples
    --------
    >>> krippendorff_alpha([["a", "a"], ["b", "b"], ["a", None]])
    1.0
    """
    cleaned = []
    for unit in units:
        values = [v for v in unit if v is not None and not (isinstance(v, float) and np.isnan(v)) and v != ""]
        if len(values) >= 2:
            cleaned.append(Counter(values))
    if not cleaned:
        return float("nan")
    classes = sorted({c for unit in cleaned for c in unit}, key=str)
    index = {c: i for i, c in enumerate(classes)}
    coincidence = np.zeros((len(classes), len(classes)))
    for unit in cleaned:
        m_u = sum(unit.values())
        vec = np.zeros(len(classes))
        for value, count in unit.items():
            vec[index[value]] = count
        # o_ck += n_c * n_k / (m_u - 1) for c != k, n_c * (n_c - 1) / (m_u - 1) on the diagonal
        coincidence += (np.outer(vec, vec) - np.diag(vec)) / (m_u - 1)
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    observed = coincidence.sum() - np.trace(coincidence)
    expected = (n_c.sum() ** 2 - (n_c**2).sum()) / (n - 1)
    if np.isclose(expected, 0.0):
        return float("nan")
    return float(1.0 - observed / expected)


def _votes(table: pd.DataFrame, task: str) -> pd.DataFrame:
    """Rows with a label for ``task``, checked for one label per (id, annotator)."""
    for column in ("id", "annotator", task):
        if column not in table.columns:
            raise ModerationError(f"the label table has no {column!r} column")
    labelled = table[table[task].fillna("").astype(str).str.strip() != ""]
    labelled = labelled.assign(**{task: labelled[task].astype(str).str.strip(),
                                  "annotator": labelled["annotator"].fillna("").astype(str)})
    dup = labelled.duplicated(["id", "annotator"], keep=False)
    if dup.any():
        row = labelled[dup].iloc[0]
        raise ModerationError(f"comment {row['id']!r} has several {task} labels from annotator "
                              f"{row['annotator']!r}; keep one row per comment and annotator")
    return labelled


def agreement(table: pd.DataFrame, task: str) -> dict:
    """Agreement between annotators on one task, over comments labelled more than once.

    Parameters
    ----------
    table : pandas.DataFrame
        A label table (columns ``id``, ``annotator`` and ``task``); a comment labelled by
        several annotators has one row per annotator. Empty cells are "not labelled".
    task : str
        ``"stance"``, ``"civility"`` or another task column.

    Returns
    -------
    dict
        ``task``;
        ``n_items``: comments with at least two labels (only these count);
        ``n_annotators``: annotators who labelled any of them;
        ``cohen_kappa``: Cohen's kappa when there are exactly two annotators, otherwise the
        mean over annotator pairs of the kappa on the comments both labelled (pairs with no
        common comment or undefined kappa are left out);
        ``fleiss_kappa``: see :func:`fleiss_kappa`;
        ``krippendorff_alpha``: nominal, see :func:`krippendorff_alpha`;
        ``percent_agreement``: share of agreeing pairs of labels within a comment.
        Undefined statistics are NaN.

    Raises
    ------
    ModerationError
        If a column is missing or one annotator labelled one comment twice.

    Examples
    --------
    >>> t = pd.DataFrame({"id": ["1", "1", "2", "2"], "annotator": ["a", "b", "a", "b"],
    ...                   "civility": ["civil", "civil", "uncivil", "civil"]})
    >>> agreement(t, "civility")["n_items"]
    2
    """
    votes = _votes(table, task)
    sizes = votes.groupby("id", sort=False)["annotator"].transform("size")
    votes = votes[sizes >= 2]
    annotators = sorted(votes["annotator"].unique())
    classes = sorted(votes[task].unique())
    result = {"task": task, "n_items": int(votes["id"].nunique()), "n_annotators": len(annotators)}
    if votes.empty:
        nan = float("nan")
        return {**result, "cohen_kappa": nan, "fleiss_kappa": nan, "krippendorff_alpha": nan,
                "percent_agreement": nan}
    wide = votes.pivot(index="id", columns="annotator", values=task)
    kappas = []
    for first, second in combinations(annotators, 2):
        both = wide[[first, second]].dropna()
        if len(both):
            kappas.append(cohen_kappa(both[first], both[second]))
    kappas = [k for k in kappas if not np.isnan(k)]
    counts = pd.crosstab(votes["id"], votes[task]).reindex(columns=classes, fill_value=0).to_numpy()
    n_i = counts.sum(axis=1)
    pairs = n_i * (n_i - 1)
    agree = (counts * (counts - 1)).sum(axis=1)
    return {
        **result,
        "cohen_kappa": float(np.mean(kappas)) if kappas else float("nan"),
        "fleiss_kappa": fleiss_kappa(counts),
        "krippendorff_alpha": krippendorff_alpha(votes.groupby("id", sort=False)[task].apply(list)),
        "percent_agreement": float(agree.sum() / pairs.sum()),
    }


def resolve_majority(table: pd.DataFrame, tasks=("stance", "civility"), *, schema: LabelSchema = DEFAULT_SCHEMA,
                     priority: dict | None = None, ties: str = "priority") -> pd.DataFrame:
    """Collapse several annotators' rows into one row per comment by majority vote.

    For each task, the class most annotators chose wins. A tie is broken deterministically
    by ``priority`` (by default the schema's class order: favor, against, neutral; civil,
    uncivil) or, with ``ties="empty"``, left unlabelled. Either way the row is marked in the
    ``<task>_tie`` column, so ties can be reviewed or dropped.

    Parameters
    ----------
    table : pandas.DataFrame
        A label table with one row per (comment, annotator).
    tasks : sequence of str
        Task columns to resolve; tasks missing from ``table`` are skipped.
    schema : LabelSchema
        Gives the default tie order.
    priority : dict, optional
        Task -> classes in the order that wins ties, e.g. ``{"civility": ("uncivil", "civil")}``.
        Classes not listed come after the listed ones, alphabetically.
    ties : {"priority", "empty"}
        Break ties by priority, or leave the task empty for tied comments.

    Returns
    -------
    pandas.DataFrame
        One row per ``id`` in first-seen order: :data:`LABEL_COLUMNS` (the comment's fields
        from its first row; ``annotator`` lists the annotators joined with ``+``), the
        majority class per task (``""`` when nobody labelled it; task columns not in
        ``tasks`` are emptied rather than left holding one annotator's label), and per task
        ``<task>_votes`` (int, labels cast) and ``<task>_tie`` (bool); for a two-class task
        with a positive class, its share column (``uncivil_share``): the share of the votes
        for that class, a soft label for training (as given when one annotator voted).

    Raises
    ------
    ModerationError
        If one annotator labelled one comment twice for a task.

    Examples
    --------
    >>> t = pd.DataFrame({"id": ["1", "1", "1"], "annotator": ["a", "b", "c"], "text": ["hi"] * 3,
    ...                   "stance": ["favor", "against", "against"], "civility": ["civil", "uncivil", ""]})
    >>> r = resolve_majority(t)
    >>> r[["stance", "stance_tie", "civility", "civility_tie"]].values.tolist()
    [['against', False, 'civil', True]]
    """
    if ties not in ("priority", "empty"):
        raise ValueError("ties must be 'priority' or 'empty'")
    if "id" not in table.columns:
        raise ModerationError("the label table has no 'id' column")
    base = table.reindex(columns=LABEL_COLUMNS, fill_value="").fillna("").astype(str)
    first = base.drop_duplicates("id", keep="first").set_index("id", drop=False)
    order = list(first.index)
    who = base.groupby("id", sort=False)["annotator"].agg(lambda s: "+".join(dict.fromkeys(x for x in s if x)))
    out = first.copy()
    out["annotator"] = who.reindex(order).fillna("").to_numpy()
    for task in _TASKS_IN_COLUMNS:
        if task not in tasks:
            out[task] = ""  # one annotator's label must not pass for a resolved one
    for task in tasks:
        if task not in table.columns:
            continue
        rank = _tie_order(task, schema, priority)
        votes = _votes(table, task)
        winners, counts, tied = {}, {}, {}
        for comment_id, labels in votes.groupby("id", sort=False)[task]:
            tally = Counter(labels)
            top = max(tally.values())
            best = sorted((c for c, n in tally.items() if n == top), key=lambda c: (rank.get(c, len(rank)), c))
            tied[comment_id] = len(best) > 1
            winners[comment_id] = "" if tied[comment_id] and ties == "empty" else best[0]
            counts[comment_id] = int(sum(tally.values()))
        out[task] = [winners.get(i, "") for i in order]
        out[f"{task}_votes"] = [counts.get(i, 0) for i in order]
        out[f"{task}_tie"] = [bool(tied.get(i, False)) for i in order]
        share_column = schema.share_column(task) if task in schema.tasks else None
        if share_column:
            out[share_column] = _resolved_shares(table, votes, task, schema.positive[task], share_column, order, counts)
    return out.reset_index(drop=True)


def _resolved_shares(table, votes, task: str, positive: str, column: str, order: list, counts: dict) -> list[str]:
    """Per comment, the share of its votes for ``positive`` (kept as given when one rater voted)."""
    given = (table.drop_duplicates("id", keep="first").set_index("id")[column].fillna("").astype(str)
             if column in table.columns else pd.Series(dtype=str))
    positive_votes = (votes[task] == positive).groupby(votes["id"], sort=False).sum()
    return [f"{positive_votes.get(i, 0) / counts[i]:.4f}".rstrip("0").rstrip(".") if counts.get(i, 0) > 1
            else str(given.get(i, "")) for i in order]


_TASKS_IN_COLUMNS = [c for c in LABEL_COLUMNS if c in DEFAULT_SCHEMA.tasks]


def _tie_order(task: str, schema: LabelSchema, priority: dict | None) -> dict[str, int]:
    if priority and task in priority:
        classes = list(priority[task])
    else:
        try:
            classes = list(schema.classes(task))
        except KeyError:
            classes = []
    return {c: i for i, c in enumerate(classes)}
