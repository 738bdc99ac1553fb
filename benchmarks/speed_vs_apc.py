"""Speed against alt-profanity-check: our two labels (stance and civility) vs its one, side by side.

On C3 news comment texts (../shared/data, repeated to ``--comments``; nothing is written to the
repository) this times, in one run:

* alt-profanity-check's ``predict_prob`` on all texts, one process, as it ships;
* our model labelling both tasks with ``model.predict`` in chunks of 10,000, as ``moderation
  score`` does (the compiled :class:`moderation.fastscore.LinearScorer`), in one process and
  split over 2 processes (joblib; each worker loads the model once, and throughput counts from
  the slowest worker's compute time, so model loading is excluded but every worker starts with
  an empty word table);
* with ``--matrix`` also the plain path that builds the feature matrix
  (``model.transform`` then ``predict_from_features``), for comparison; its labels are checked
  to equal the fast path's.

Prints comments/s and the ratio ours/theirs (>= 1.0 means we label two tasks faster than it
labels one).

Usage::

    python benchmarks/speed_vs_apc.py [--comments 100000] [--model DIR] [--jobs 1 2] [--matrix] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# joblib's worker processes import _bench too.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent),
                                                         os.environ.get("PYTHONPATH")]))

import _bench  # noqa: E402

CHUNK = 10_000


def _label(model, texts: list[str], matrix: bool):
    labels = {"stance": [], "civility": []}
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start:start + CHUNK]
        prediction = model.predict_from_features(model.transform(chunk)) if matrix else model.predict(chunk)
        for task in labels:
            labels[task].extend(prediction.labels.get(task, []))
    return labels


def _worker(model_dir: str, texts: list[str], matrix: bool):
    import numpy as np

    from moderation.bundle import load_model

    model = load_model(model_dir).model
    start = time.perf_counter()
    labels = _label(model, texts, matrix)
    return time.perf_counter() - start, {k: np.asarray(v, dtype=object) for k, v in labels.items()}


def _ours(model_dir: Path, texts: list[str], matrix: bool, jobs: int):
    """Return (comments/s from compute time, wall seconds including worker start and model load, labels)."""
    import numpy as np

    if jobs == 1:
        seconds, labels = _worker(str(model_dir), texts, matrix)
        return len(texts) / seconds, seconds, labels
    from joblib import Parallel, delayed

    size = -(-len(texts) // jobs)
    parts = [texts[i:i + size] for i in range(0, len(texts), size)]
    start = time.perf_counter()
    results = Parallel(n_jobs=jobs)(delayed(_worker)(str(model_dir), part, matrix) for part in parts)
    wall = time.perf_counter() - start
    slowest = max(seconds for seconds, _ in results)
    labels = {k: np.concatenate([r[1][k] for r in results]) for k in results[0][1]}
    return len(texts) / slowest, wall, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--model", type=Path, help="model directory (default: a quick word+char model trained once "
                                                   "into /tmp from ../shared/data)")
    parser.add_argument("--matrix", action="store_true", help="also time the path that builds the feature matrix")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts to time")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from profanity_check import predict_prob

    model_dir = args.model or _bench.quick_model()
    texts = _bench.repeat(_bench.c3_texts(), args.comments)
    print(f"{len(texts)} C3 comments; model {model_dir}; {_bench.load_note()}")
    predict_prob(texts[:100])  # warm-up
    start = time.perf_counter()
    predict_prob(texts)
    apc = len(texts) / (time.perf_counter() - start)
    print(f"alt-profanity-check predict_prob (1 task, 1 process): {apc:8.0f} comments/s")
    result = {"comments": len(texts), "model": str(model_dir), "apc_per_second": round(apc), "runs": []}

    reference = None
    for matrix in [False] + ([True] if args.matrix else []):
        for jobs in args.jobs:
            rate, wall, labels = _ours(model_dir, texts, matrix, jobs)
            if reference is None:
                reference = labels
            same = all((labels[k] == reference[k]).all() for k in reference)
            name = f"ours (2 tasks, {jobs} process{'es' if jobs > 1 else ''}{', feature matrix' if matrix else ''})"
            print(f"{name:52s} {rate:8.0f} comments/s  ratio ours/apc {rate / apc:5.2f}  "
                  f"(wall {wall:.1f} s incl. start and load; labels same as the first run: {same})")
            result["runs"].append({"jobs": jobs, "path": "matrix" if matrix else "scorer", "per_second": round(rate),
                                   "ratio": round(rate / apc, 3), "wall_seconds": round(wall, 1),
                                   "labels_identical": bool(same)})
    result["load"] = _bench.load_note()
    print(f"after: {result['load']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
