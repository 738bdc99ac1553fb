"""Exceptions raised by the library for problems a user can fix."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ModerationError", "InputError", "ModelError", "TrainingError"]


class ModerationError(Exception):
    """Base class for every error the command line shows as one line."""


class InputError(ModerationError):
    """A file or record the user gave cannot be read.

    Parameters
    ----------
    source : str or Path
        The file (or ``"<stdin>"``) that holds the problem.
    problem : str
        What is wrong, in a few words.
    line : int, optional
        1-based line or record number, when known.
    fix : str, optional
        What the user can do about it.
    """

    def __init__(self, source: str | Path, problem: str, line: int | None = None, fix: str | None = None):
        self.source = str(source)
        self.problem = problem
        self.line = line
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        text = f"{where}: {self.problem}"
        if self.fix:
            text += f" ({self.fix})"
        return text


class ModelError(ModerationError):
    """A model directory is missing, tampered with, or incompatible."""


class TrainingError(ModerationError, ValueError):
    """Labels that cannot train a model (a single class, no labelled rows, too few threads)."""
