"""Memory at scale: peak resident memory and time of ``moderation score`` on millions of comments.

For each size in ``--comments`` (default 2,000,000 and 4,000,000) writes a thread JSON Lines
file of C3 news comments (../shared/data, repeated; written under /tmp, never into the
repository), runs

    python -m moderation.cli score FILE -o /tmp/.../out.jsonl --report-limit 0 --model DIR

and samples the resident memory of the whole process tree (parent plus children, psutil, every
0.2 s). Targets: peak under 1 GB, and no growth from the smaller to the larger input (bounded
memory, independent of input length).

Usage::

    python benchmarks/memory_scale.py [--comments 2000000 4000000] [--model DIR] [--jobs 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench  # noqa: E402


def build_input(texts: list[str], n: int, path: Path, per_thread: int = 50) -> Path:
    """Write ``n`` comments as thread JSON Lines, ``per_thread`` comments per thread."""
    with open(path, "w", encoding="utf-8") as handle:
        for start in range(0, n, per_thread):
            comments = [{"text": texts[(start + i) % len(texts)], "id": f"c{start + i}", "position": i + 1}
                        for i in range(min(per_thread, n - start))]
            record = {"schema": "moderation.thread/1", "source": "synthetic", "id": f"thread-{start // per_thread}",
                      "title": "", "article": "", "comments": comments}
            handle.write(json.dumps(record) + "\n")
    return path


def run_sampled(cmd: list[str], interval: float = 0.2, stdout=subprocess.DEVNULL) -> tuple[float, int, list]:
    """Run ``cmd``; return wall seconds, peak RSS of its process tree in bytes, and (t, rss) samples."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak, samples = 0, []
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - stderr drained after the run
    proc.stderr, stderr_pipe = None, proc.stderr
    drain = __import__("threading").Thread(target=lambda: errors.write(stderr_pipe.read()), daemon=True)
    drain.start()
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        samples.append((round(time.perf_counter() - start, 1), total))
        time.sleep(interval)
    drain.join()
    errors.seek(0)
    err = errors.read()
    if proc.returncode:
        raise SystemExit(f"command failed: {err.strip().splitlines()[-1] if err.strip() else proc.returncode}")
    return time.perf_counter() - start, peak, samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, nargs="+", default=[2_000_000, 4_000_000])
    parser.add_argument("--model", type=Path, help="model directory (default: models/default)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    model = args.model or _bench.REPO / "models" / "default"
    texts = _bench.c3_texts()
    work = Path(tempfile.mkdtemp(prefix="moderation-memory-", dir="/tmp"))
    results = []
    print(f"model {model}; {_bench.load_note()}")
    try:
        for n in args.comments:
            inp = build_input(texts, n, work / f"comments-{n}.jsonl")
            out = work / f"scored-{n}.jsonl"
            cmd = [sys.executable, "-m", "moderation.cli", "score", str(inp), "-o", str(out), "--report-limit", "0",
                   "--model", str(model), "--jobs", str(args.jobs)]
            seconds, peak, samples = run_sampled(cmd)
            rows = sum(1 for _ in open(out, "rb"))
            result = {"comments": n, "rows": rows, "seconds": round(seconds, 1),
                      "comments_per_second": round(n / seconds), "peak_rss_mb": round(peak / 2**20),
                      "rss_mb_at_quarters": [round(samples[int(q * (len(samples) - 1))][1] / 2**20)
                                             for q in (0.25, 0.5, 0.75, 1.0)] if samples else []}
            results.append(result)
            print(f"{n:>9} comments: {seconds:7.1f} s, {result['comments_per_second']} comments/s, peak RSS "
                  f"{result['peak_rss_mb']} MB (process tree), RSS at 1/4..end {result['rss_mb_at_quarters']}, "
                  f"{rows} rows written")
            inp.unlink()
            out.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if len(results) > 1:
        growth = results[-1]["peak_rss_mb"] - results[0]["peak_rss_mb"]
        print(f"peak growth from {results[0]['comments']} to {results[-1]['comments']} comments: {growth:+d} MB; "
              f"under 1 GB: {all(r['peak_rss_mb'] < 1024 for r in results)}")
    print(f"after: {_bench.load_note()}")
    if args.json:
        args.json.write_text(json.dumps({"model": str(model), "jobs": args.jobs, "runs": results,
                                         "load": _bench.load_note()}, indent=1))


if __name__ == "__main__":
    main()
