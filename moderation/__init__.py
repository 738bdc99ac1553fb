"""Separate, label and review reader comments: stance and civility for comment sections."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, ModelError, ModerationError
from .parsing import parse_bytes, parse_file, parse_string
from .threads import Comment, Thread, read_threads_jsonl, write_threads_jsonl

__all__ = [
    "__version__",
    "Comment",
    "Thread",
    "InputError",
    "ModelError",
    "ModerationError",
    "parse_bytes",
    "parse_file",
    "parse_string",
    "read_threads_jsonl",
    "write_threads_jsonl",
]
