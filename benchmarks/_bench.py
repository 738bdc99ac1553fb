"""Helpers shared by the speed, memory and training benchmarks (data, quick model, load)."""

from __future__ import annotations

import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
QUICK_MODEL = Path("/tmp/moderation-bench-model-v3")  # v3: word 1-2-grams, character n-grams per word

__all__ = ["REPO", "SHARED", "QUICK_MODEL", "c3_texts", "repeat", "labelled_table", "quick_model", "load_note"]


def c3_texts() -> list[str]:
    """Non-empty C3 news comment texts from ../shared/data (read, never copied)."""
    import pandas as pd

    path = SHARED / "civility" / "c3" / "dev.csv"
    if not path.exists():
        raise SystemExit(f"{path} is absent: this benchmark needs ../shared/data")
    texts = pd.read_csv(path, usecols=["comment_text"])["comment_text"].dropna().astype(str)
    return [t for t in texts if t.strip()]


def repeat(items: list, n: int) -> list:
    """``items`` cycled to exactly ``n`` entries."""
    return [items[i % len(items)] for i in range(n)]


def labelled_table():
    """Civility (C3) and stance (SemEval-2016 train) labels as one table."""
    import pandas as pd

    from moderation.labels.importers import import_labels

    parts = [import_labels(SHARED / "civility" / "c3" / "dev.csv", "c3"),
             import_labels(SHARED / "stance" / "semeval2016" / "train.tsv", "semeval2016")]
    return pd.concat(parts, ignore_index=True)


def quick_model(say=print) -> Path:
    """A model with word and character features (QUICK_GRID), trained once into /tmp."""
    from moderation.bundle import save_model
    from moderation.training import QUICK_GRID, train

    if (QUICK_MODEL / "estimator.skops").exists():
        return QUICK_MODEL
    say(f"training a quick model (QUICK_GRID, 2 folds) into {QUICK_MODEL} ...")
    start = time.perf_counter()
    result = train(labelled_table(), grid=QUICK_GRID, folds=2, cv="stratified")
    save_model(result.model, QUICK_MODEL, metadata={"thresholds": result.thresholds, "params": result.params},
               overwrite=True)
    say(f"  trained in {time.perf_counter() - start:.0f} s")
    return QUICK_MODEL


def load_note() -> str:
    """The machine's load averages and core count, for the record."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
