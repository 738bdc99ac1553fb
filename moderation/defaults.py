"""Where the bundled labels and the default model live, and building that model on first use."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["labels_dir", "models_dir", "default_model_dir", "load_default_model", "model_card"]

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent

#: How the default model transfers to real corpora, measured on 2026-11-22 (benchmarks/civility_compare.py
#: and benchmarks/stance_semeval.py with the default model; see the README for the commands).
TRANSFER_NOTE = """\
Trained only on the team's hand-written starter comments, this model transfers poorly to real
comment sections. Measured on public corpora it never saw:

| corpus | task | this model | alt-profanity-check |
|---|---|---|---|
| C3 (Globe and Mail news comments) | civility ROC AUC | 0.641 | 0.681 |
| Impermium (insults in comment sections) | civility ROC AUC | 0.769 | 0.822 |
| OLID (tweets) | civility ROC AUC | 0.586 | 0.786 |
| SemEval-2016 6A (tweets, unseen targets) | stance F_avg | 0.390 | - |
| VAST (NYT comments, unseen topics) | stance F_avg | 0.447 | - |

On real pages it flags too much: on 10,598 comments from 358 blog and news pages it flagged 2.2%,
most of them civil (short thanks, compliments, advice). Use it to try the tool. For real moderation, train on labels from your own site
(`moderation train`), or on the public civility corpora through `moderation labels import`,
and check with `moderation evaluate` before trusting the flag threshold.
"""


def labels_dir() -> Path:
    """The bundled starter labels: ``$MODERATION_LABELS``, else ``labels/`` beside the package."""
    return Path(os.environ.get("MODERATION_LABELS", _PACKAGE_ROOT / "labels"))


def models_dir() -> Path:
    """Where default models are kept: ``$MODERATION_MODELS``, else ``models/`` beside the package."""
    return Path(os.environ.get("MODERATION_MODELS", _PACKAGE_ROOT / "models"))


def default_model_dir() -> Path:
    """The default model's directory."""
    return models_dir() / "default"


def model_card(name: str, result, table, metadata: dict) -> str:
    """A model card (Markdown) with intended use, data, parameters and cross-validated metrics."""
    lines = [
        f"# {name}",
        "",
        "A TF-IDF (word and character n-grams) + logistic-regression model from the `moderation` package,",
        "labelling reader comments for **stance** toward a target (favor / against / neutral) and",
        "**civility** (civil / uncivil).",
        "",
        "## Intended use",
        "",
        "Triage of reader comments for human moderators: rank and flag comments for review. It is not",
        "meant to remove comments without a person looking at them, nor to judge people.",
        "",
        "## Training data",
        "",
        f"- rows: {len(table)}; threads: {table['thread_id'].nunique()}; labelled per task: {result.n_rows}",
        f"- fingerprint (SHA-256): `{metadata.get('data_fingerprint', '')}`",
        f"- stance targets with their own head: {len(getattr(result.model.heads_.get('stance'), 'heads_', {}) or {})}",
        "",
        "## Parameters (chosen by cross-validation grouped by thread)",
        "",
        "```",
        str(result.params),
        "```",
        "",
        "## Cross-validated metrics (out-of-fold, no thread on both sides of a split)",
        "",
    ]
    for task, m in result.cv.items():
        if task == "grid_scores":
            continue
        figures = ", ".join(f"{k} {m[k]:.3f}" for k in ("f_avg", "macro_f1", "roc_auc", "average_precision", "ece")
                            if k in m)
        lines.append(f"- **{task}** ({m.get('rows', '?')} rows, {m.get('folds', '?')} folds): {figures}")
    if result.thresholds:
        t = result.thresholds
        lines += ["", f"Flag threshold (uncivil probability): {t['flag']:.2f} (precision {t['precision_at_flag']:.2f}, "
                      f"recall {t['recall_at_flag']:.2f} in cross-validation); review band from {t['review']:.2f}."]
    lines += [
        "",
        "## Limitations",
        "",
        "- Bag-of-n-grams models miss context, sarcasm and quotation: a quoted insult can be flagged,",
        "  an insult without rude words can be missed.",
        "- Stance heads only know the targets in their training data; for other targets a joint head",
        "  guesses from generic cues and is much weaker.",
        "- Scores transfer imperfectly to other sites, languages and eras; evaluate on your own labels",
        "  (`moderation evaluate`) before relying on the threshold.",
        "",
    ]
    extra = metadata.get("card_notes")
    if extra:
        lines += ["## Notes", "", extra, ""]
    return "\n".join(lines)


def load_default_model(progress: Callable[[str], None] | None = None):
    """Load the default model, training it from the bundled labels when missing or stale.

    The model is rebuilt when the labels' fingerprint differs from the one it was trained on,
    so adding labels to ``labels/`` takes effect on the next run.
    """
    from .bundle import load_model
    from .errors import ModelError
    from .labels import fingerprint, read_labels

    table = read_labels([labels_dir()])
    current = fingerprint(table)
    path = default_model_dir()
    if path.exists():
        try:
            bundle = load_model(path)
            if bundle.metadata.get("data_fingerprint") == current:
                return bundle
        except ModelError:
            pass  # stale or from another version: rebuild below
    if progress:
        progress(f"training the default model from {labels_dir()} ({len(table)} labelled comments); "
                 f"it is kept in {path}")
    from .api import train_model

    return train_model(table, path, overwrite=True, quick=False, progress=progress, name="default",
                       card_notes=TRANSFER_NOTE)
