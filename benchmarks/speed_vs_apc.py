"""Speed against alt-profanity-check: our two labels (stance and civility) vs its one, side by side.

On C3 news comment texts (../shared/data, repeated to ``--comments``; nothing is written to the
repository) this times, in one run:

* alt-profanity-check's ``predict_prob`` on all texts, one process, as it ships;
* our model labelling both tasks (``model.transform`` then ``predict_from_features``, in chunks as
  ``moderation score`` does), in one process, and split over 2 processes (joblib; each worker
  loads the model once, and throughput counts from the slowest worker's compute time);
* with ``--fast-char`` also the same model with its fitted character vectorizer swapped for an
  equal :class:`moderation.fastfeatures.CharNgramTfidf`, and with ``--fast-word`` also with the
  word vectorizer swapped for :class:`~moderation.fastfeatures.WordNgramTfidf` (labels are
  checked to be identical to the unmodified model's).

Prints comments/s and the ratio ours/theirs (>= 1.0 means we label two tasks faster than it
labels one).

Usage::

    python benchmarks/speed_vs_apc.py [--comments 100000] [--model DIR] [--fast-char] [--fast-word] [--json out.json]
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


def _label(model, texts: list[str]):
    labels = {"stance": [], "civility": []}
    for start in range(0, len(texts), CHUNK):
        prediction = model.predict_from_features(model.transform(texts[start:start + CHUNK]))
        for task in labels:
            labels[task].extend(prediction.labels.get(task, []))
    return labels


def _worker(model_dir: str, texts: list[str], fast: str):
    import numpy as np

    from moderation.bundle import load_model

    model = load_model(model_dir).model
    if fast:
        _bench.use_fast_char(model, word=fast == "char+word")
    start = time.perf_counter()
    labels = _label(model, texts)
    return time.perf_counter() - start, {k: np.asarray(v, dtype=object) for k, v in labels.items()}


def _ours(model_dir: Path, texts: list[str], fast: str, jobs: int):
    """Return (comments/s from compute time, wall seconds including worker start and model load, labels)."""
    import numpy as np

    if jobs == 1:
        seconds, labels = _worker(str(model_dir), texts, fast)
        return len(texts) / seconds, seconds, labels
    from joblib import Parallel, delayed

    size = -(-len(texts) // jobs)
    parts = [texts[i:i + size] for i in range(0, len(texts), size)]
    start = time.perf_counter()
    results = Parallel(n_jobs=jobs)(delayed(_worker)(str(model_dir), part, fast) for part in parts)
    wall = time.perf_counter() - start
    slowest = max(seconds for seconds, _ in results)
    labels = {k: np.concatenate([r[1][k] for r in results]) for k in results[0][1]}
    return len(texts) / slowest, wall, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--model", type=Path, help="model directory (default: a quick word+char model trained once "
                                                   "into /tmp from ../shared/data)")
    parser.add_argument("--fast-char", action="store_true", help="also time the model with CharNgramTfidf swapped in")
    parser.add_argument("--fast-word", action="store_true", help="also time it with WordNgramTfidf swapped in too")
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
    variants = [""] + (["char"] if args.fast_char else []) + (["char+word"] if args.fast_word else [])
    for fast in variants:
        for jobs in args.jobs:
            rate, wall, labels = _ours(model_dir, texts, fast, jobs)
            if reference is None:
                reference = labels
            same = all((labels[k] == reference[k]).all() for k in reference)
            name = f"ours (2 tasks, {jobs} process{'es' if jobs > 1 else ''}{', fast ' + fast if fast else ''})"
            print(f"{name:52s} {rate:8.0f} comments/s  ratio ours/apc {rate / apc:5.2f}  "
                  f"(wall {wall:.1f} s incl. start and load; labels same as reference: {same})")
            result["runs"].append({"jobs": jobs, "fast": fast, "per_second": round(rate),
                                   "ratio": round(rate / apc, 3), "wall_seconds": round(wall, 1),
                                   "labels_identical": bool(same)})
    result["load"] = _bench.load_note()
    print(f"after: {result['load']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
