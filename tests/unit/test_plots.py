"""Unit tests for moderation.plots: PNG files from evaluation metrics."""

from __future__ import annotations

import numpy as np

from moderation.evaluation import task_metrics
from moderation.plots import write_plots

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _metrics() -> dict:
    rng = np.random.default_rng(0)
    classes = ["favor", "against", "neutral"]
    y_stance = rng.choice(classes, size=60)
    stance_proba = rng.dirichlet([1, 1, 1], size=60)
    y_civil = rng.choice(["civil", "uncivil"], size=80, p=[0.7, 0.3])
    p = np.clip(np.where(y_civil == "uncivil", 0.7, 0.3) + rng.normal(0, 0.2, size=80), 0, 1)
    return {
        "stance": task_metrics("stance", y_stance, stance_proba, classes),
        "civility": task_metrics("civility", y_civil, np.column_stack([1 - p, p]), ["civil", "uncivil"]),
        "model": {"path": "somewhere", "name": "test"},  # not a task: no plot
    }


def test_write_plots_writes_one_non_empty_png_per_chart(tmp_path):
    import matplotlib.image

    written = write_plots(_metrics(), tmp_path / "plots")
    names = sorted(p.name for p in written)
    assert names == ["civility-confusion.png", "civility-precision-recall.png", "civility-reliability.png",
                     "stance-confusion.png"]
    for path in written:
        data = path.read_bytes()
        assert data.startswith(PNG_MAGIC)
        height, width = matplotlib.image.imread(path).shape[:2]
        assert height > 100 and width > 100
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == names  # no temporary files left


def test_write_plots_without_detailed_metrics_writes_nothing(tmp_path):
    brief = {"civility": task_metrics("civility", ["civil", "uncivil"], [[0.8, 0.2], [0.3, 0.7]],
                                      ["civil", "uncivil"], detailed=False)}
    assert write_plots(brief, tmp_path) == []
