"""Scoring at scale: throughput, peak memory, and kill-and-resume equality.

Builds a thread JSON Lines file of N real news comments (C3 texts from ../shared/data, repeated
to reach N; written under /tmp, never into the repository), then

1. scores it once without interruption (``moderation score``) and records comments per second
   and the peak resident memory of the scoring process;
2. scores it again, kills the process (SIGKILL) part-way, reruns the same command, and checks that
   the output equals the uninterrupted one: same rows, same order, no duplicates, none missing.

Usage::

    python benchmarks/scoring_scale.py --comments 200000 [--model DIR] [--jobs 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


def build_input(n: int, path: Path, per_thread: int = 50) -> Path:
    """Write ``n`` C3 comments as thread JSON Lines (shared with memory_scale.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _bench import c3_texts
    from memory_scale import build_input as write_threads

    return write_threads(c3_texts(), n, path, per_thread)


def _command(inp: Path, out: Path, model: str | None, jobs: int) -> list[str]:
    cmd = [sys.executable, "-m", "moderation.cli", "score", str(inp), "-o", str(out), "--jobs", str(jobs),
           "--chunk-size", "5000", "--report-limit", "0"]
    return cmd + (["--model", model] if model else [])


def _run(cmd: list[str]) -> tuple[float, int]:
    """Run to completion; return wall seconds and the child's peak RSS in bytes (children included)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"scoring failed: {err.strip().splitlines()[-1] if err.strip() else proc.returncode}")
    peak = _peak_rss_of_children()
    return time.perf_counter() - start, peak


def _peak_rss_of_children() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def _digest(path: Path) -> tuple[str, int, int]:
    digest = hashlib.sha256()
    ids, lines = set(), 0
    with open(path, "rb") as handle:
        for line in handle:
            digest.update(line)
            lines += 1
            ids.add(json.loads(line)["comment_id"])
    return digest.hexdigest(), lines, len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--model", help="model directory (default: the default model)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--kill-after", type=float, default=0.4, help="kill at this share of the clean run's time")
    parser.add_argument("--skip-resume", action="store_true", help="only measure throughput and memory")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: this benchmark needs ../shared/data")

    work = Path(tempfile.mkdtemp(prefix="moderation-scale-"))
    inp = build_input(args.comments, work / "comments.jsonl")
    clean = work / "clean.jsonl"
    seconds, peak = _run(_command(inp, clean, args.model, args.jobs))
    result = {"comments": args.comments, "jobs": args.jobs, "seconds": round(seconds, 1),
              "comments_per_second": round(args.comments / seconds), "peak_rss_mb": round(peak / 2**20)}
    print(f"{args.comments} comments in {seconds:.1f} s: {result['comments_per_second']} comments/s, "
          f"peak RSS {result['peak_rss_mb']} MB (jobs={args.jobs})")

    if not args.skip_resume:
        resumed = work / "resumed.jsonl"
        proc = subprocess.Popen(_command(inp, resumed, args.model, args.jobs), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(seconds * args.kill_after)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        partial = work / "resumed.jsonl.partial.jsonl"
        done_before = sum(1 for _ in open(partial, "rb")) if partial.exists() else 0
        _run(_command(inp, resumed, args.model, args.jobs))
        want, got = _digest(clean), _digest(resumed)
        result.update({"killed_after_rows": done_before, "identical": want == got, "rows": got[1],
                       "unique_ids": got[2]})
        print(f"killed after {done_before} rows were written; rerun: {got[1]} rows, {got[2]} unique ids, "
              f"identical to the clean run: {want == got}")
        if want != got:
            raise SystemExit("resumed output differs from the clean run")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
