"""Training at scale: time and peak memory of training both tasks at 10k, 100k and 1M labelled comments.

Labelled comments come from the civility (C3, Davidson, OLID, Impermium) and stance (SemEval-2016,
VAST) corpora in ../shared/data, imported with :func:`moderation.labels.importers.import_labels`,
then repeated with a small deterministic perturbation per copy (one word dropped, two
neighbours swapped) to reach the size, so that copies add new word n-grams as real comments
would. Nothing is written to the repository.

Each size trains in a child process (``moderation.training.train`` with ``QUICK_GRID``, word
1-3-grams plus character 2-5-grams, a single setting): by default with cross-validation
disabled (every row in one thread, so ``train`` fits once on all rows), or ``--folds 2``. The
process's resident memory is sampled every 0.2 s. TextFeatures uses :mod:`moderation.fastfeatures`;
``--sklearn`` puts scikit-learn's equal TfidfVectorizers back (patched at run time in the child
only) for comparison. Targets: 1M under 10 minutes and 8 GB.

Usage::

    python benchmarks/training_scale.py [--sizes 10000 100000 1000000] [--sklearn] [--folds 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench  # noqa: E402

CORPORA = [("civility/c3/dev.csv", "c3"), ("civility/davidson/labeled_data.csv", "davidson"),
           ("civility/olid/olid-training-v1.0.tsv", "olid"), ("civility/impermium/train.csv", "impermium"),
           ("stance/semeval2016/train.tsv", "semeval2016"), ("stance/vast/dev.csv", "vast")]


def _perturb(text: str, k: int) -> str:
    if k == 0:
        return text
    words = text.split()
    if len(words) > 3:
        del words[k % len(words)]
        i = (k * 7) % (len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def labelled(n: int, one_thread: bool):
    """``n`` labelled rows: the corpora repeated, each copy perturbed."""
    import pandas as pd

    from moderation.labels.importers import import_labels

    base = pd.concat([import_labels(_bench.SHARED / path, fmt) for path, fmt in CORPORA], ignore_index=True)
    base = base.sample(frac=1.0, random_state=0).reset_index(drop=True)  # every size mixes the corpora
    if "annotator" in base.columns:
        base = base.drop_duplicates("id")
    copies = -(-n // len(base))
    parts = []
    for k in range(copies):
        part = base.copy()
        part["id"] = part["id"].astype(str) + f"~{k}"
        part["text"] = [_perturb(t, k) for t in part["text"].astype(str)]
        parts.append(part)
    table = pd.concat(parts, ignore_index=True).iloc[:n].reset_index(drop=True)
    if one_thread:
        table["thread_id"] = "all"
    return table


def _patch_sklearn() -> None:
    """Make TextFeatures build scikit-learn's TfidfVectorizers (same parameters, same matrices)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from moderation import features

    original = features.TextFeatures._vectorizers

    def sklearn_vectorizers(self, n_docs):
        word, char = original(self, n_docs)
        common = {"min_df": word.min_df, "max_features": word.max_features, "sublinear_tf": word.sublinear_tf,
                  "dtype": word.dtype}
        sk_word = TfidfVectorizer(ngram_range=word.ngram_range, token_pattern=word.token_pattern, **common)
        sk_char = None if char is None else TfidfVectorizer(analyzer="char_wb", ngram_range=char.ngram_range,
                                                            **common)
        return sk_word, sk_char

    features.TextFeatures._vectorizers = sklearn_vectorizers


def _one(n: int, sklearn: bool, folds: int) -> None:
    """Child: build the table, train, print one JSON line."""
    from moderation.training import QUICK_GRID, train

    if sklearn:
        _patch_sklearn()
    table = labelled(n, one_thread=folds < 2)
    start = time.perf_counter()
    if folds < 2:
        result = train(table, grid=QUICK_GRID, folds=2, cv="group")
    else:
        result = train(table, grid=QUICK_GRID, folds=folds, cv="stratified", n_jobs=1)
    seconds = time.perf_counter() - start
    features = result.model.features_
    print(json.dumps({"rows": n, "train_seconds": round(seconds, 1), "n_rows": result.n_rows,
                      "n_features": int(features.n_features_out_), "folds": result.params.get("folds", 0)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--sklearn", action="store_true", help="use scikit-learn's vectorizers, for comparison")
    parser.add_argument("--folds", type=int, default=0, help="0: no cross-validation (one fit); else stratified folds")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.one:
        _one(args.one, args.sklearn, args.folds)
        return

    from memory_scale import run_sampled

    print(f"{'scikit-learn' if args.sklearn else 'fastfeatures'} vectorizers, folds={args.folds}; {_bench.load_note()}")
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--folds", str(args.folds)] + (["--sklearn"] if args.sklearn else [])
        with tempfile.TemporaryFile(mode="w+") as out:
            try:
                seconds, peak, _ = run_sampled(cmd, stdout=out)
            except SystemExit as exc:
                print(f"{n:>9} rows: failed ({exc})")
                results.append({"rows": n, "failed": str(exc)})
                break
            out.seek(0)
            line = json.loads(out.read().strip().splitlines()[-1])
        line.update({"wall_seconds": round(seconds, 1), "peak_rss_mb": round(peak / 2**20)})
        results.append(line)
        grow = ""
        if len(results) > 1 and "train_seconds" in results[-2]:
            grow = f" (x{line['train_seconds'] / max(results[-2]['train_seconds'], 0.1):.1f} time for " \
                   f"x{n / results[-2]['rows']:.0f} rows)"
        print(f"{n:>9} rows: train {line['train_seconds']:7.1f} s (wall incl. data {line['wall_seconds']:.1f} s), "
              f"peak RSS {line['peak_rss_mb']} MB, {line['n_features']} features{grow}")
    print(f"after: {_bench.load_note()}")
    if args.json:
        args.json.write_text(json.dumps({"sklearn": args.sklearn, "folds": args.folds, "runs": results,
                                         "load": _bench.load_note()}, indent=1))


if __name__ == "__main__":
    main()
