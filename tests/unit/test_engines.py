"""The Dask engine against a two-worker LocalCluster: same rows as local scoring, resumable."""

from __future__ import annotations

import csv
import json

import pytest

from moderation.bundle import load_model
from moderation.scoring import score_to_file

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster_client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def _table(path, n):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "thread_id", "text"])
        for i in range(n):
            writer.writerow([f"r{i}", f"t{i % 5}", "you idiot moron" if i % 7 == 0 else f"good plan {i}"])
    return path


@pytest.mark.parametrize("part_format", ["parquet", "jsonl"])
def test_dask_equals_local(tiny_model, tmp_path, cluster_client, part_format):
    import pandas as pd

    from moderation.engines import score_with_dask

    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", 2500)
    local = tmp_path / "local.jsonl"
    local_summary, _ = score_to_file([table], bundle, local)
    out = tmp_path / "parts"
    summary, urgent = score_with_dask([table], bundle, out, client=cluster_client, partition_size=1000,
                                      part_format=part_format)
    parts = sorted(out.glob(f"part-*.{part_format}"))
    assert len(parts) == 3
    if part_format == "parquet":
        got = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
        got["explanation"] = got["explanation"].map(json.loads)
    else:
        got = pd.concat([pd.read_json(p, lines=True) for p in parts], ignore_index=True)
    want = pd.read_json(local, lines=True)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    assert summary.comments == local_summary.comments == 2500
    assert summary.flagged == local_summary.flagged
    assert not (out / ".incomplete").exists()


def test_dask_rerun_skips_written_parts(tiny_model, tmp_path, cluster_client):
    from moderation.engines import score_with_dask

    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", 2100)
    out = tmp_path / "parts"
    score_with_dask([table], bundle, out, client=cluster_client, partition_size=1000)
    first = (out / "part-00000.parquet").stat().st_mtime_ns
    # Pretend the run was cut off after the first part.
    (out / "part-00001.parquet").unlink()
    (out / "part-00002.parquet").unlink()
    (out / ".incomplete").write_text("", encoding="utf-8")
    summary, _ = score_with_dask([table], bundle, out, client=cluster_client, partition_size=1000)
    assert summary.comments == 2100
    assert (out / "part-00000.parquet").stat().st_mtime_ns == first
    assert len(list(out.glob("part-*"))) == 3
