"""The Python API: the same operations as the command line, one call each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .bundle import ModelBundle, load_model, save_model
from .errors import InputError
from .labels import fingerprint, read_labels
from .labels.schema import DEFAULT_SCHEMA, LabelSchema

__all__ = ["train_model", "evaluate_model", "get_model", "score", "parse"]


def _table(labels, schema: LabelSchema) -> pd.DataFrame:
    if isinstance(labels, pd.DataFrame):
        return labels
    if isinstance(labels, (str, Path)):
        labels = [labels]
    return read_labels(labels, schema)


def get_model(model: str | Path | ModelBundle | None = None,
              progress: Callable[[str], None] | None = None) -> ModelBundle:
    """A loaded model: a bundle as given, a model directory, or the default model when ``None``."""
    if isinstance(model, ModelBundle):
        return model
    if model is None:
        from .defaults import load_default_model

        return load_default_model(progress=progress)
    return load_model(model)


def train_model(labels, out: str | Path, *, schema: LabelSchema = DEFAULT_SCHEMA, quick: bool = False,
                folds: int = 5, cv: str = "group", min_target_samples: int = 150, n_jobs: int | None = None,
                overwrite: bool = False, progress: Callable[[str], None] | None = None,
                name: str | None = None, card_notes: str | None = None) -> ModelBundle:
    """Train a model from label files (or a label table) and save it as a model directory.

    Parameters
    ----------
    labels : path, list of paths, or pandas.DataFrame
        Label CSVs or folders of them (see :func:`moderation.labels.read_labels`).
    out : str or Path
        Model directory to write.
    quick : bool
        Skip the hyperparameter search and use one good default setting.
    folds : int
        Cross-validation folds.
    cv : {"group", "stratified"}
        ``group`` keeps each thread on one side of every split (the honest choice for comment
        threads); ``stratified`` splits rows by class, for corpora whose "threads" are whole
        targets (SemEval), where grouping would only ever test unseen targets.
    n_jobs : int, optional
        Cross-validation folds fitted in parallel (-1: every core).
    min_target_samples : int
        Labels a stance target needs for a head of its own.
    overwrite : bool
        Replace an existing model directory.

    Returns
    -------
    ModelBundle
        The trained model with its metadata (chosen parameters, CV metrics, thresholds).
    """
    from .defaults import model_card
    from .errors import ModelError
    from .training import DEFAULT_GRID, QUICK_GRID, train

    out = Path(out)
    if out.exists() and not overwrite:
        raise ModelError(f"{out}: already exists (pass --force to replace it, or choose another name)")
    table = _table(labels, schema)
    result = train(table, schema=schema, grid=QUICK_GRID if quick else DEFAULT_GRID, folds=folds, cv=cv,
                   min_target_samples=min_target_samples, progress=progress, n_jobs=n_jobs)
    metadata = {
        "name": name or out.name,
        "data_fingerprint": fingerprint(table),
        "data_rows": int(len(table)),
        "data_sources": sorted(set(map(str, table["source"]))) if "source" in table.columns else [],
        "labelled_rows": result.n_rows,
        "params": result.params,
        "cv_metrics": {k: v for k, v in result.cv.items() if k != "grid_scores"},
        "grid_scores": result.cv.get("grid_scores", []),
        "thresholds": result.thresholds or {"flag": 0.5, "review": 0.3},
        "stance_targets": result.model.targets_,
    }
    if card_notes:
        metadata["card_notes"] = card_notes
    card = model_card(metadata["name"], result, table, metadata)
    save_model(result.model, out, metadata, card=card, overwrite=overwrite)
    return load_model(out)


def evaluate_model(model: str | Path | ModelBundle, labels, *, json_path: str | Path | None = None,
                   plots: str | Path | None = None, identities: str | Path | None = None) -> dict:
    """Evaluate a model on labels; optionally write the metrics JSON and PNG plots.

    Returns
    -------
    dict
        One object per task (``"stance"``, ``"civility"``) with per-class precision, recall and
        F1, ``macro_f1``, the confusion matrix, and ``f_avg`` (stance) or ``roc_auc``,
        ``average_precision``, ``ece`` and threshold tables (civility), and ``bias``: the
        identity-term audit of :func:`moderation.bias.bias_audit` (``identities``: a term file;
        default the packaged list).
    """
    import json

    from ._io import atomic_open
    from .evaluation import evaluate

    bundle = get_model(model)
    table = _table(labels, bundle.schema)
    metrics = evaluate(bundle.model, table, bundle.schema)
    if "civility" in metrics:
        from .bias import bias_audit

        metrics["bias"] = bias_audit(bundle, table, identities=identities, threshold=None)
    metrics["model"] = {"path": str(bundle.path), "name": bundle.metadata.get("name"),
                        "cv_metrics": bundle.metadata.get("cv_metrics")}
    if json_path is not None:
        with atomic_open(json_path) as handle:
            json.dump(metrics, handle, indent=1)
    if plots is not None:
        from .plots import write_plots

        write_plots(metrics, plots)
    return metrics


def parse(paths: Iterable[str | Path], format: str = "auto", on_error: str = "fail", errors: list | None = None,
          progress=None):
    """Parse pages and exports into a list of threads (see :mod:`moderation.parsing`).

    Parameters
    ----------
    paths : iterable of str or Path
        Files, directories (walked), globs, or ``-`` for standard input.
    format : str
        One of :data:`moderation.parsing.FORMATS`; ``"auto"`` detects each file's format.
    on_error : {"fail", "skip"}
        An unreadable file (empty, binary, malformed): raise its :class:`InputError`, or leave
        it out and append its one-line message to ``errors``.
    errors : list, optional
        Receives the messages of skipped files.
    progress : callable, optional
        Called with 1 after each file.

    Returns
    -------
    list of Thread

    Examples
    --------
    >>> skipped = []
    >>> threads = parse(["examples/"], on_error="skip", errors=skipped)  # doctest: +SKIP
    """
    from .parsing import parse_file
    from .scoring import expand_inputs

    if on_error not in ("fail", "skip"):
        raise ValueError(f"on_error must be 'fail' or 'skip', not {on_error!r}")
    threads = []
    for path in expand_inputs(paths):
        try:
            threads.extend(parse_file(path, format=format))
        except InputError as exc:
            if on_error == "fail":
                raise
            if errors is not None:
                errors.append(str(exc))
        if progress is not None:
            progress(1)
    return threads


def score(inputs, out: str | Path, *, model=None, report: str | Path | None = None, **options):
    """Score comments into ``out`` and optionally write the review page; see :func:`moderation.scoring.score_to_file`.

    Returns
    -------
    ScoreSummary
    """
    from .scoring import score_to_file

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    bundle = get_model(model)
    summary, flagged = score_to_file(inputs, bundle, out, **options)
    if report is not None:
        write_report(summary, flagged, bundle, report)
    return summary


def _excerpt(text: str, title: str, limit: int = 300) -> str:
    body = text.split("\n", 1)[1] if title and text.startswith(title) and "\n" in text else text
    body = " ".join(body.split())
    return body if len(body) <= limit else body[:limit].rsplit(" ", 1)[0] + "…"


def write_report(summary, flagged: list[dict], bundle: ModelBundle, path: str | Path) -> Path:
    """Write the review page for the flagged rows of a scoring run."""
    from .report.review import render_review_page

    threads = {tid: {"title": t["title"], "source": t["source"], "url": "",
                     "article_excerpt": _excerpt(t.get("excerpt", ""), t["title"]),
                     "comment_count": t["comments"]} for tid, t in summary.threads.items()}
    t = bundle.thresholds
    info = {"name": bundle.metadata.get("name"), "path": str(bundle.path),
            "thresholds": f"flag at {t.get('flag', 0.5):.2f}, review from {t.get('review', 0.3):.2f}",
            "created": bundle.metadata.get("created")}
    summary.report_path = render_review_page(flagged, threads, path, model_info=info)
    return summary.report_path
