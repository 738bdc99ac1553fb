"""Fixtures shared by every test: where the real evaluation data lives, skipping when absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MODERATION_SHARED", REPO.parent / "shared")).resolve()


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (CI provides ../shared)")
    return path


@pytest.fixture
def shared():
    """The ../shared directory, or skip when absent."""
    return shared_path()


# Small label set written for the tests: four invented threads, both tasks, every class.
_FAVOR = ["great idea, long overdue", "fully support this plan", "this will help families",
          "good decision by the council", "about time they did this", "i back this proposal completely"]
_AGAINST = ["this plan will fail", "waste of our money", "terrible decision, scrap it",
            "nobody asked for this", "it will make things worse", "i oppose this proposal"]
_NEUTRAL = ["when does the vote happen", "what does it cost per year", "is there a map somewhere",
            "which streets are affected", "who wrote the report", "where can i read the details"]
_UNCIVIL = ["you idiot", "shut up moron", "what a pathetic clown", "only an idiot thinks so",
            "you are a brainless fool", "get lost loser"]


def write_tiny_labels(path: Path) -> Path:
    """Write a label CSV of 72 invented comments over 4 threads and return its path."""
    import csv

    rows = []
    n = 0
    for thread in range(4):
        for stance, texts in (("favor", _FAVOR), ("against", _AGAINST), ("neutral", _NEUTRAL)):
            for i, text in enumerate(texts):
                n += 1
                uncivil = (i + thread) % 3 == 0
                body = f"{_UNCIVIL[(i + thread) % len(_UNCIVIL)]}, {text}" if uncivil else text
                rows.append([f"x{n}", f"thread{thread}", "", "the plan", body, stance,
                             "uncivil" if uncivil else "civil", "tests"])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "thread_id", "parent_id", "target", "text", "stance", "civility", "annotator"])
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def tiny_labels(tmp_path_factory) -> Path:
    """A small valid label CSV."""
    return write_tiny_labels(tmp_path_factory.mktemp("labels") / "tiny.csv")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_labels) -> Path:
    """A model directory trained quickly on :func:`tiny_labels`."""
    from moderation.api import train_model

    out = tmp_path_factory.mktemp("models") / "tiny"
    train_model([tiny_labels], out, quick=True, folds=4)
    return out
