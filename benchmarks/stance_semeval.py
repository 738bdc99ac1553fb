"""SemEval-2016 Task 6A stance benchmark: 5-fold cross-validated F_avg of the project's model.

Imports ``train.tsv`` and ``trial.tsv`` from ``../shared/data/stance/semeval2016`` through
:func:`moderation.labels.importers.import_labels` (as ``moderation labels import --from
semeval2016`` does), strips the ``#SemST`` marker every tweet carries, and cross-validates the
settings of :data:`SEMEVAL_GRID` with :func:`moderation.training.train`.

Why stratified folds over tweets and not thread-grouped folds: the importer makes each of the
five targets one "thread", so grouping would hold out a whole target per fold and measure
stance toward targets never seen in training (a different task, zero-shot). Tweets in this
corpus are independent posts, not replies in a thread, so a split over tweets, stratified by
target and stance, does not leak a conversation across folds. The official test set is held
back by the maintainers and never read here.

The reported figure is the cross-validated F_avg of the setting that cross-validation chose
among the grid; choosing among few settings makes it slightly optimistic (the spread of the
grid's scores is printed too).

Usage::

    /work/venv/bin/python benchmarks/stance_semeval.py --json /tmp/semeval.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import pandas as pd

from moderation.evaluation import task_metrics
from moderation.labels.importers import import_labels
from moderation.training import train, training_arrays

__all__ = ["SEMEVAL_GRID", "load_semeval", "run", "main"]

_REPO = Path(__file__).resolve().parents[1]
_DEFAULT_DATA = _REPO.parent / "shared" / "data" / "stance" / "semeval2016"

#: Settings cross-validated here. Word n-grams and character 2-5-grams as in the task's SVM
#: baseline, every n-gram kept; word 1-2-grams score as well as 1-3-grams here (71.97 against
#: 71.88) and faster. C and the joint-head blend were the settings that mattered in
#: exploration (per-target heads alone: 70.6; blended with the joint head: about 72).
SEMEVAL_GRID = {
    "features": [{"word_ngram_range": (1, 2), "char_ngram_range": (2, 5), "min_df": 1}],
    "C": [1.0, 3.0],
    "class_weight": ["balanced"],
    "joint_weight": [0.2, 0.35, 0.5],
}

_MARKER = re.compile(r"\s*#SemST\b", re.IGNORECASE)


def load_semeval(data_dir: Path, strip_marker: bool = True) -> pd.DataFrame:
    """Import ``train.tsv`` and ``trial.tsv`` as one label table.

    Parameters
    ----------
    data_dir : Path
        The folder holding the two files.
    strip_marker : bool
        Remove the ``#SemST`` hashtag the organisers appended to every tweet.
    """
    parts = [import_labels(data_dir / name, "semeval2016") for name in ("train.tsv", "trial.tsv")]
    table = pd.concat(parts, ignore_index=True)
    if strip_marker:
        table["text"] = table["text"].map(lambda t: _MARKER.sub("", t).strip())
    return table


def _f_avg(y, proba, classes) -> float:
    return task_metrics("stance", y, proba, classes, detailed=False)["f_avg"]


def run(data_dir: Path, folds: int = 5, n_jobs: int = 1, grid: dict | None = None) -> dict:
    """Cross-validate on SemEval-2016 and return the figures as a dict."""
    table = load_semeval(data_dir)
    started = time.perf_counter()
    result = train(table, grid=grid or SEMEVAL_GRID, folds=folds, cv="stratified", min_target_samples=100,
                   n_jobs=n_jobs)
    seconds = time.perf_counter() - started
    _, labels, targets, _ = training_arrays(table)
    oof = result.oof["stance"]
    rows, proba, classes = oof["rows"], oof["proba"], oof["classes"]
    y, t = labels["stance"][rows], targets[rows]
    per_target = {}
    for target in sorted(set(t)):
        mask = t == target
        m = task_metrics("stance", y[mask], proba[mask], classes, detailed=False)
        per_target[target] = {"f_avg": m["f_avg"], "f1_favor": m["per_class"]["favor"]["f1"],
                              "f1_against": m["per_class"]["against"]["f1"], "n": m["n"]}
    pooled = task_metrics("stance", y, proba, classes, detailed=False)
    grid_scores = [g for g in result.cv["grid_scores"] if g["task"] == "stance"]
    heads = result.model.heads_["stance"]
    return {
        "benchmark": "semeval2016-task6a",
        "cv": f"stratified {folds}-fold over tweets (by target and stance), seed 0",
        "rows": int(len(rows)),
        "pooled": {"f_avg": pooled["f_avg"], "macro_f1": pooled["macro_f1"], "accuracy": pooled["accuracy"],
                   "f1_favor": pooled["per_class"]["favor"]["f1"],
                   "f1_against": pooled["per_class"]["against"]["f1"]},
        "per_target": per_target,
        "chosen": result.params,
        "targets_with_own_head": sorted(heads.heads_),
        "grid_scores": grid_scores,
        "grid_spread": [min(g["score"] for g in grid_scores), max(g["score"] for g in grid_scores)],
        "seconds": round(seconds, 1),
        "published_test_reference": {"svm_ngrams_baseline": 68.98, "best_team_mitre": 67.82},
    }


def _print(report: dict) -> None:
    print(f"SemEval-2016 Task 6A, {report['cv']}, {report['rows']} tweets ({report['seconds']} s)")
    print(f"{'target':<36} {'F_avg':>6} {'F1 fav':>7} {'F1 ag':>6} {'n':>5}")
    for target, m in report["per_target"].items():
        print(f"{target:<36} {100 * m['f_avg']:>6.2f} {100 * m['f1_favor']:>7.2f} {100 * m['f1_against']:>6.2f}"
              f" {m['n']:>5}")
    p = report["pooled"]
    print(f"{'pooled (official F_avg)':<36} {100 * p['f_avg']:>6.2f} {100 * p['f1_favor']:>7.2f}"
          f" {100 * p['f1_against']:>6.2f} {report['rows']:>5}")
    heads = report["chosen"]["heads"]["stance"]
    low, high = report["grid_spread"]
    print(f"chosen: C={heads['C']}, joint_weight={heads['joint_weight']}, features={report['chosen']['features']}; "
          f"{len(report['grid_scores'])} settings scored {100 * low:.2f}..{100 * high:.2f}")
    print("published on the official test set: SVM n-gram baseline 68.98, best team 67.82")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA, help="folder with train.tsv and trial.tsv")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--n-jobs", type=int, default=1, help="folds in parallel")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if not (args.data / "train.tsv").exists():
        print(f"skipped: {args.data / 'train.tsv'} is absent (the real data lives in ../shared)", file=sys.stderr)
        return 0
    report = run(args.data, folds=args.folds, n_jobs=args.n_jobs)
    _print(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=lambda o: o.tolist() if hasattr(o, "tolist")
                                        else str(o)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
