"""Scoring on a Dask distributed cluster: partitions out, the model shipped once, parts back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError, ModerationError
from .scoring import (
    FlagPolicy,
    ScoreSummary,
    UrgentRows,
    _chunks,
    _run_settings,
    iter_records,
    score_records,
    write_rows,
)

__all__ = ["score_with_dask"]


def _score_partition(bundle, records: list[dict], policy: FlagPolicy, target):
    # Runs on a worker; ``bundle`` arrives once per worker as a scattered object.
    return score_records(bundle, records, policy, target=target)


def _read_part(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        for row in rows:
            row["explanation"] = json.loads(row["explanation"] or "[]")
        return rows
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def score_with_dask(inputs: Iterable[str | Path], bundle, out_dir: str | Path, *, scheduler: str | None = None,
                    client=None, policy: FlagPolicy | None = None, target: str | None = None, format: str = "auto",
                    partition_size: int = 20_000, part_format: str = "parquet", on_error: str = "fail",
                    overwrite: bool = False, report_limit: int = 5000,
                    progress: Callable[[int], None] | None = None) -> tuple[ScoreSummary, list[dict]]:
    """Score ``inputs`` on a Dask cluster into a folder of partitions.

    The client reads the inputs in order and cuts them into partitions; the model is scattered
    to every worker once; each partition is scored on a worker and written by the client as
    ``out_dir/part-00000.parquet`` (or ``.jsonl``), atomically. Rerunning after an interruption
    skips the parts already written. Concatenating the parts in name order gives exactly the
    rows that local scoring writes.

    Parameters
    ----------
    inputs : iterable of str or Path
        Anything :func:`moderation.scoring.iter_records` reads.
    bundle : ModelBundle
    out_dir : str or Path
        Folder for the partitions (created).
    scheduler : str, optional
        Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
    client : distributed.Client, optional
        An existing client (takes precedence over ``scheduler``).
    partition_size : int
        Comments per partition.
    part_format : {"parquet", "jsonl"}

    Returns
    -------
    (ScoreSummary, list of dict)
        As :func:`moderation.scoring.score_to_file`.

    Raises
    ------
    ModerationError
        If Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError:
        raise ModerationError("the dask engine needs Dask: pip install 'moderation[dask]'") from None
    if part_format not in ("parquet", "jsonl"):
        raise InputError(out_dir, f"unknown partition format {part_format!r}", fix="use parquet or jsonl")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.glob("part-*")) and not overwrite and not (out_dir / ".incomplete").exists():
        raise InputError(out_dir, "already holds partitions", fix="pass --force to replace them, or choose another folder")
    if overwrite and not (out_dir / ".incomplete").exists():
        for old in out_dir.glob("part-*"):
            old.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    if policy is None:
        policy = FlagPolicy(threshold=bundle.thresholds.get("flag", 0.5), review=bundle.thresholds.get("review", 0.3))
    marker = out_dir / ".incomplete"
    inputs = [str(p) for p in inputs]
    settings = json.dumps(_run_settings(bundle, policy, target, format, on_error, inputs) | {"size": partition_size})
    if marker.exists() and marker.read_text(encoding="utf-8") not in ("", settings) and not overwrite:
        raise InputError(out_dir, "holds parts of a run with another model or options",
                         fix="rerun with the same model and options, or pass --force to start again")
    if overwrite:
        for old in out_dir.glob("part-*"):
            old.unlink()
    marker.write_text(settings, encoding="utf-8")

    own_client = client is None
    if own_client:
        try:
            client = Client(scheduler, timeout="20s") if scheduler else Client(processes=True)
        except (OSError, TimeoutError) as exc:
            raise ModerationError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    summary = ScoreSummary(output=out_dir)
    urgent = UrgentRows(report_limit)
    excerpts: dict[str, str] = {}
    try:
        # hash=False: a unique key per run, so a model released by an earlier run is never reused.
        model = client.scatter(bundle, broadcast=True, hash=False)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: list = []

        def collect(index: int, future) -> None:
            path = out_dir / f"part-{index:05d}.{part_format}"
            rows = _read_part(path) if future is None else future.result()
            if future is not None:
                write_rows(rows, path)
            for row in rows:
                summary.add(row)
                urgent.add(row)
            if progress:
                progress(len(rows))

        records = iter_records(inputs, format=format, on_error=on_error, errors=summary.errors)
        for index, chunk in enumerate(_chunks(records, partition_size)):
            for record in chunk:
                excerpts.setdefault(record["thread_id"], record["_thread_text"][:600])
            if (out_dir / f"part-{index:05d}.{part_format}").exists():
                pending.append((index, None))  # written by an interrupted run
            else:
                pending.append((index, client.submit(_score_partition, model, chunk, policy, target, pure=False)))
            # Keep a bounded number of partitions in flight so memory stays flat.
            while len([p for p in pending if p[1] is not None]) > 2 * workers or \
                    (pending and pending[0][1] is None):
                collect(*pending.pop(0))
        while pending:
            collect(*pending.pop(0))
    finally:
        if own_client:
            client.close()
    marker.unlink()
    summary.add_excerpts(excerpts)
    return summary, urgent.rows()
