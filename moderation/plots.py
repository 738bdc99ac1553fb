"""PNG plots of evaluation metrics: confusion matrices, reliability diagram, precision-recall."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_plots"]


def _save(fig, path: Path) -> Path:
    from ._io import atomic_path

    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=120, bbox_inches="tight")
    return path


def write_plots(metrics: dict, folder: str | Path) -> list[Path]:
    """Write plots for the tasks in ``metrics`` (as returned by :func:`moderation.evaluation.evaluate`).

    Returns
    -------
    list of Path
        ``<task>-confusion.png`` per task; for civility also ``civility-reliability.png`` and
        ``civility-precision-recall.png``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for task, m in metrics.items():
        if not isinstance(m, dict) or "confusion_matrix" not in m:
            continue
        cm = np.asarray(m["confusion_matrix"])
        fig, ax = plt.subplots(figsize=(3.2 + 0.5 * len(cm), 2.8 + 0.5 * len(cm)))
        ax.imshow(cm, cmap="Blues")
        ax.set_xticks(range(len(cm)), m["labels"])
        ax.set_yticks(range(len(cm)), m["labels"])
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        for (i, j), v in np.ndenumerate(cm):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > cm.max() / 2 else "black")
        ax.set_title(f"{task}: macro-F1 {m['macro_f1']:.3f}")
        written.append(_save(fig, folder / f"{task}-confusion.png"))
        plt.close(fig)
        if "reliability" in m:
            bins = [b for b in m["reliability"] if b["count"]]
            fig, ax = plt.subplots(figsize=(4, 4))
            ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
            ax.plot([b["mean_predicted"] for b in bins], [b["observed"] for b in bins], marker="o")
            ax.set_xlabel("predicted probability")
            ax.set_ylabel("observed share")
            ax.set_title(f"{task} reliability (ECE {m.get('ece', float('nan')):.3f})")
            written.append(_save(fig, folder / f"{task}-reliability.png"))
            plt.close(fig)
        if "thresholds" in m:
            rows = m["thresholds"]
            fig, ax = plt.subplots(figsize=(4, 4))
            ax.plot([r["recall"] for r in rows], [r["precision"] for r in rows], marker=".")
            ax.set_xlabel("recall")
            ax.set_ylabel("precision")
            ax.set_xlim(0, 1.02)
            ax.set_ylim(0, 1.02)
            ax.set_title(f"{task} precision-recall (AP {m.get('average_precision', float('nan')):.3f})")
            written.append(_save(fig, folder / f"{task}-precision-recall.png"))
            plt.close(fig)
    return written
