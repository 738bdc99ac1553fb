"""Separate, label and review reader comments: stance and civility for comment sections."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, ModelError, ModerationError, TrainingError
from .parsing import parse_bytes, parse_file, parse_string
from .threads import Comment, Thread, comment_rows, read_threads_jsonl, write_comment_table, write_threads_jsonl

# The modelling API pulls in scikit-learn; load it on first use so that `import moderation`
# (and the CLI's --help) stays fast. Nothing is trained or loaded at import time.
_LAZY = {
    "train_model": "api", "evaluate_model": "api", "score": "api", "get_model": "api", "parse": "api",
    "load_model": "bundle", "save_model": "bundle", "ModelBundle": "bundle",
    "score_texts": "scoring", "score_to_file": "scoring", "FlagPolicy": "scoring",
    "read_labels": "labels", "write_labels": "labels", "LabelSchema": "labels",
    "bias_audit": "bias",
}

__all__ = [
    "__version__",
    "Comment",
    "Thread",
    "InputError",
    "ModelError",
    "ModerationError",
    "TrainingError",
    "parse_bytes",
    "parse_file",
    "parse_string",
    "comment_rows",
    "read_threads_jsonl",
    "write_comment_table",
    "write_threads_jsonl",
    *sorted(_LAZY),
]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'moderation' has no attribute {name!r}")
