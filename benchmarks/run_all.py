"""Every speed and scale target in one run, each checked and printed with its figure.

Runs the benchmarks below one after another (each in its own process, against ../shared/data;
nothing is written to the repository) and prints a table of target, measured figure and
whether it is met:

* ``speed_vs_apc.py``: both of our labels against alt-profanity-check's one, 100,000 C3
  comments, 1 and 2 processes (target: ratio >= 1.0 on this 2-core machine);
* ``memory_scale.py``: ``moderation score`` on 2,000,000 and 4,000,000 comments (target: peak
  under 1 GB and no growth from the smaller input to the larger);
* ``training_scale.py``: 10k, 100k and 1M labelled comments (target: 1M under 10 minutes and
  8 GB);
* ``parser_eval.py``: pages per second of the HTML and text parsers on the dragnet pages, best of
  three runs (target: at least 50 HTML pages per second per core);
* the Dask engine test against a two-worker ``LocalCluster`` and the model quality floors
  (``pytest -m quality tests/quality/test_model_quality.py``), so that speed is never bought
  with accuracy.

The full run takes about 40 minutes; ``--quick`` uses 200k/400k comments for memory and
10k/100k rows for training (a smoke run: those targets are then reported, not judged).

Usage::

    python benchmarks/run_all.py [--quick] [--model DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _bench  # noqa: E402

MEMORY_LIMIT_MB = 1024
#: Peak memory may differ this much between the two input sizes and still count as flat
#: (sampling every 0.2 s, allocator noise).
MEMORY_TOLERANCE_MB = 64
TRAIN_SECONDS_LIMIT = 600
TRAIN_MEMORY_LIMIT_MB = 8192
HTML_PAGES_PER_SECOND = 50


def _run(args: list[str], say) -> tuple[int, float]:
    say("$ " + " ".join(args))
    start = time.perf_counter()
    code = subprocess.call(args, cwd=_bench.REPO)
    return code, time.perf_counter() - start


def _speed(work: Path, model: Path, say) -> dict:
    out = work / "speed.json"
    code, _ = _run([sys.executable, str(HERE / "speed_vs_apc.py"), "--comments", "100000", "--jobs", "1", "2",
                    "--model", str(model), "--json", str(out)], say)
    if code:
        return {"target": "ratio >= 1.0", "measured": f"failed (exit {code})", "met": False}
    data = json.loads(out.read_text())
    by_jobs = {r["jobs"]: r for r in data["runs"]}
    best = max(data["runs"], key=lambda r: r["ratio"])
    measured = ", ".join(f"{j} process{'es' if j > 1 else ''}: {r['per_second']}/s (ratio {r['ratio']:.2f})"
                         for j, r in sorted(by_jobs.items()))
    return {"target": "both labels >= alt-profanity-check's one (ratio >= 1.0, 2 cores)",
            "measured": f"apc {data['apc_per_second']}/s; {measured}", "met": best["ratio"] >= 1.0,
            "labels_identical": all(r["labels_identical"] for r in data["runs"]), "raw": data}


def _memory(work: Path, model: Path, sizes: list[int], judge: bool, say) -> dict:
    out = work / "memory.json"
    code, _ = _run([sys.executable, str(HERE / "memory_scale.py"), "--comments", *map(str, sizes),
                    "--model", str(model), "--json", str(out)], say)
    if code:
        return {"target": "peak < 1 GB, flat", "measured": f"failed (exit {code})", "met": False}
    runs = json.loads(out.read_text())["runs"]
    peaks = [r["peak_rss_mb"] for r in runs]
    flat = max(peaks) - peaks[0] <= MEMORY_TOLERANCE_MB
    measured = "; ".join(f"{r['comments']:,}: peak {r['peak_rss_mb']} MB, {r['comments_per_second']}/s" for r in runs)
    met = all(p < MEMORY_LIMIT_MB for p in peaks) and flat
    return {"target": f"peak < {MEMORY_LIMIT_MB} MB at 2M and no growth at 4M (±{MEMORY_TOLERANCE_MB} MB)",
            "measured": measured, "met": met if judge else None, "raw": runs}


def _training(work: Path, sizes: list[int], judge: bool, say) -> dict:
    out = work / "training.json"
    code, _ = _run([sys.executable, str(HERE / "training_scale.py"), "--sizes", *map(str, sizes),
                    "--json", str(out)], say)
    runs = json.loads(out.read_text())["runs"] if out.exists() else []
    if code or not runs:
        return {"target": "1M rows < 10 min, < 8 GB", "measured": f"failed (exit {code})", "met": False}
    measured = "; ".join(f"{r['rows']:,}: failed ({r['failed']})" if "failed" in r else
                         f"{r['rows']:,}: {r['train_seconds']} s, {r['peak_rss_mb']} MB" for r in runs)
    last = runs[-1]
    met = "failed" not in last and last["rows"] >= 1_000_000 and last["train_seconds"] < TRAIN_SECONDS_LIMIT \
        and last["peak_rss_mb"] < TRAIN_MEMORY_LIMIT_MB
    return {"target": f"1,000,000 rows < {TRAIN_SECONDS_LIMIT} s and < {TRAIN_MEMORY_LIMIT_MB} MB",
            "measured": measured, "met": met if judge else None, "raw": runs}


def _parsing(work: Path, say, repeats: int = 3) -> dict:
    """Pages per second of both parsers, the best of ``repeats`` runs (timings only get slower from noise)."""
    pages = _bench.SHARED / "pages" / "dragnet"
    speed: dict = {}
    rows: list = []
    for k in range(repeats):
        out = work / f"parser-{k}.json"
        code, _ = _run([sys.executable, str(HERE / "parser_eval.py"), str(pages), "--mode", "both",
                        "--no-trafilatura", "--json", str(out)], say)
        if code:
            return {"target": ">= 50 HTML pages/s per core", "measured": f"failed (exit {code})", "met": False}
        rows = json.loads(out.read_text())
        for r in rows:
            speed[r["parser"]] = max(speed.get(r["parser"], 0.0), r.get("pages_per_second") or 0.0)
    html, text = speed.get("ours-html"), speed.get("ours-text")
    if html is None or text is None:
        return {"target": f">= {HTML_PAGES_PER_SECOND} HTML pages/s per core", "measured": "no figure", "met": False}
    return {"target": f">= {HTML_PAGES_PER_SECOND} HTML pages/s per core (text mode reported)",
            "measured": f"HTML {html:.1f} pages/s, text {text:.1f} pages/s (CPU time, one core, best of {repeats})",
            "met": html >= HTML_PAGES_PER_SECOND, "raw": rows}


def _pytest(args: list[str], target: str, say) -> dict:
    code, seconds = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], say)
    return {"target": target, "measured": f"exit {code} in {seconds:.0f} s", "met": code == 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller memory and training sizes (smoke run)")
    parser.add_argument("--model", type=Path, help="model for speed and memory (default: the quick word+char "
                                                   "model, trained once into /tmp)")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()

    def say(message: str) -> None:
        print(message, flush=True)

    model = args.model or _bench.quick_model(say)
    say(f"run_all on {time.strftime('%Y-%m-%d')}; model {model}; {_bench.load_note()}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="moderation-run-all-") as tmp:
        work = Path(tmp)
        results["scoring speed"] = _speed(work, model, say)
        results["scoring memory"] = _memory(work, model, [200_000, 400_000] if args.quick else
                                            [2_000_000, 4_000_000], not args.quick, say)
        results["training scale"] = _training(work, [10_000, 100_000] if args.quick else
                                              [10_000, 100_000, 1_000_000], not args.quick, say)
        results["parsing speed"] = _parsing(work, say)
        results["dask engine"] = _pytest(["tests/unit/test_engines.py"], "LocalCluster with 2 workers equals "
                                                                           "local scoring", say)
        results["accuracy floors"] = _pytest(["-m", "quality", "tests/quality/test_model_quality.py"],
                                             "SemEval and C3 quality floors still hold", say)
    say("")
    say(f"{'check':<16} | {'met':<5} | target | measured")
    for name, r in results.items():
        met = {True: "yes", False: "NO", None: "n/a"}[r["met"]]
        say(f"{name:<16} | {met:<5} | {r['target']} | {r['measured']}")
    say(f"after: {_bench.load_note()}")
    if args.json:
        args.json.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "quick": args.quick,
                                         "results": results, "load": _bench.load_note()}, indent=1))
    sys.exit(0 if all(r["met"] is not False for r in results.values()) else 1)


if __name__ == "__main__":
    main()
