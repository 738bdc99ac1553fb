"""Importing the real corpora in ../shared/data: row counts from its README, every class present."""

from __future__ import annotations

import pytest
from conftest import shared_path

from moderation.labels.importers import import_labels
from moderation.labels.schema import DEFAULT_SCHEMA, LABEL_COLUMNS

pytestmark = pytest.mark.quality

# (format, path under ../shared/data, task, rows stated in ../shared/data/README.md)
CORPORA = [
    ("semeval2016", ("stance", "semeval2016", "train.tsv"), "stance", 2814),
    ("semeval2016", ("stance", "semeval2016", "trial.tsv"), "stance", 100),
    ("vast", ("stance", "vast", "dev.csv"), "stance", 9501),
    ("c3", ("civility", "c3", "dev.csv"), "civility", 9157),
    ("davidson", ("civility", "davidson", "labeled_data.csv"), "civility", 24783),
    ("olid", ("civility", "olid", "olid-training-v1.0.tsv"), "civility", 13240),
    ("impermium", ("civility", "impermium", "train.csv"), "civility", 3947),
]


@pytest.mark.parametrize("fmt, parts, task, rows", CORPORA, ids=[f"{c[0]}-{c[1][-1]}" for c in CORPORA])
def test_corpus_imports_completely(fmt, parts, task, rows):
    table = import_labels(shared_path("data", *parts), fmt)
    # C3 and Davidson publish their raters' judgements: kept as soft labels after the standard columns.
    assert list(table.columns) == LABEL_COLUMNS + (["uncivil_share"] if fmt in ("c3", "davidson") else [])
    if fmt in ("c3", "davidson"):
        share = table["uncivil_share"].astype(float)
        assert share.between(0, 1).all()
        # Each share falls on its hard label's side of one half, bar 17 Davidson tweets whose
        # votes split evenly (0.5) and whose published class is "neither".
        disagree = (share >= 0.5) != (table["civility"] == "uncivil")
        assert (share[disagree] == 0.5).all() and disagree.sum() <= 17
    assert len(table) == rows
    assert table["id"].is_unique
    assert (table["text"].str.strip() != "").all()
    assert (table["thread_id"] != "").all()
    classes = set(DEFAULT_SCHEMA.classes(task))
    assert set(table[task]) == classes, f"{fmt}: classes seen {sorted(set(table[task]))}"
    other = "civility" if task == "stance" else "stance"
    assert (table[other] == "").all()


def test_semeval_targets_are_threads():
    train = import_labels(shared_path("data", "stance", "semeval2016", "train.tsv"), "semeval2016")
    assert train["target"].nunique() == 5 and train["thread_id"].nunique() == 5
    assert (train.groupby("thread_id")["target"].nunique() == 1).all()
    counts = train["stance"].value_counts().to_dict()
    assert counts == {"against": 1342, "neutral": 741, "favor": 731}


def test_vast_comments_never_straddle_threads():
    table = import_labels(shared_path("data", "stance", "vast", "dev.csv"), "vast")
    assert (table.groupby("text")["thread_id"].nunique() == 1).all()
    assert table["target"].nunique() == 3807  # README: 3807 topics
    assert table["thread_id"].nunique() <= 2035  # README: 2035 comments (ori_id)


def test_c3_threshold_matches_readme_and_threads_are_articles():
    table = import_labels(shared_path("data", "civility", "c3", "dev.csv"), "c3")
    assert (table["civility"] == "uncivil").sum() == 823  # README: 823 with toxicity >= 2
    assert table["thread_id"].nunique() == 372  # README: 372 articles
    stricter = import_labels(shared_path("data", "civility", "c3", "dev.csv"), "c3", toxicity_threshold=3)
    assert 0 < (stricter["civility"] == "uncivil").sum() < 823


def test_pseudo_threads_keep_duplicate_texts_together():
    for fmt, parts in [("davidson", ("civility", "davidson", "labeled_data.csv")),
                       ("olid", ("civility", "olid", "olid-training-v1.0.tsv")),
                       ("impermium", ("civility", "impermium", "train.csv"))]:
        table = import_labels(shared_path("data", *parts), fmt)
        norm = table["text"].str.lower().str.split().str.join(" ")
        assert (table.groupby(norm)["thread_id"].nunique() == 1).all(), fmt
        assert table["thread_id"].nunique() == 100


def test_impermium_text_is_unescaped():
    table = import_labels(shared_path("data", "civility", "impermium", "train.csv"), "impermium")
    text = table["text"]
    assert not text.str.contains(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\n", regex=True).any()
    assert not text.str.startswith('"').all()
    assert text.str.contains("\n").sum() > 100
    assert not text.str.contains("\u00c2\u00a0").any()  # UTF-8 bytes escaped one by one are repaired
