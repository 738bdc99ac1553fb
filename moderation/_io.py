"""Atomic file writing shared by every command that produces output."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["atomic_path", "atomic_open", "check_writable", "csv_records"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside ``path``; rename it into place on success.

    Nothing is left at ``path`` if the block raises, so a reader never sees a
    half-written file passed off as complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes the file private (0600); give it the permissions a plain open() would.
    os.chmod(tmp_path, 0o666 & ~_umask())
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None):
    """Open a temporary file for writing and move it to ``path`` when closed without error."""
    if "b" in mode:
        encoding = None
    with atomic_path(path) as tmp:
        with open(tmp, mode, encoding=encoding, newline=newline) as handle:
            yield handle


def check_writable(path: str | Path, overwrite: bool) -> Path:
    """Refuse to replace an existing user file unless asked to.

    Raises
    ------
    InputError
        If ``path`` exists and ``overwrite`` is false.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError(path, "already exists", fix="pass --force to replace it, or choose another name")
    return path


def csv_records(path: str | Path, reader, width: int, fix: str = "quote cells that contain commas or line breaks"):
    """Yield ``(line, record)`` for the non-blank records of a ``csv.reader``, checked for width.

    ``line`` is the 1-based line where the record starts, counting line breaks inside quoted cells;
    ``fix`` is the advice given with a wrong field count.

    Raises
    ------
    InputError
        For malformed CSV or a record whose field count differs from the header's.
    """
    import csv

    line_no = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(path, f"malformed CSV ({exc})", line=reader.line_num) from None
        start = line_no + 1
        line_no = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != width:
            raise InputError(path, f"has {len(record)} fields where the header has {width}", line=start, fix=fix)
        yield start, record
