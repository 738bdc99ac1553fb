"""Threads and comments: the plain data every other module passes around."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import IO

from ._io import atomic_open, atomic_path
from .errors import InputError

__all__ = [
    "SCHEMA",
    "Comment",
    "Thread",
    "iter_threads_jsonl",
    "read_threads_jsonl",
    "write_threads_jsonl",
    "COMMENT_COLUMNS",
    "comment_rows",
    "write_comment_table",
]

#: Tag written into every JSON Lines record so that readers can refuse records of a newer layout.
SCHEMA = "moderation.thread/1"


@dataclass
class Comment:
    """One reader comment as the page shows it.

    Parameters
    ----------
    text : str
        The comment's own words, without author line, date or "Reply" controls.
    id : str, optional
        Identifier from the page or export; parsers make one (``"c1"``, ``"c2"``...) when absent.
    position : int, optional
        1-based order of the comment on the page.
    author, published : str, optional
        As the page shows them; ``published`` is ISO 8601 when it could be read.
    parent : str, optional
        ``id`` of the comment this one replies to.
    depth : int
        Nesting level, 0 for top-level comments.
    status : str, optional
        Moderation status from an export (``"approved"``, ``"unapproved"``, ...).
    kind : str
        ``"comment"`` for reader comments; ``"pingback"`` / ``"trackback"`` for set-aside notices.
    block : str
        The comment's whole block as the page shows it: author and date lines and per-comment
        controls ("Reply", "Report") included, replies nested under it left out. ``""`` where
        unknown (exports). Kept for comparison with gold that marks whole blocks; ``text`` is what
        gets scored.
    """

    text: str
    id: str | None = None
    position: int | None = None
    author: str | None = None
    published: str | None = None
    parent: str | None = None
    depth: int = 0
    status: str | None = None
    kind: str = "comment"
    block: str = ""

    def to_dict(self) -> dict:
        """Return the comment as a JSON-ready dict (``block`` only when known)."""
        data = asdict(self)
        if not data["block"]:
            # exports have no page block: their records stay as they were
            del data["block"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Comment:
        """Build a comment from a dict, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        if not isinstance(data.get("text"), str):
            raise ValueError("comment has no 'text' string")
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Thread:
    """A page or export item: the article and the reader comments under it.

    Parameters
    ----------
    source : str
        The file (or URL) the thread was read from.
    id : str, optional
        Stable identifier; defaults to the source name.
    title, site, url, published, author : str, optional
        Article metadata where the page shows it.
    article : str
        The article body text.
    comments : list of Comment
        Reader comments in page order.
    comment_count_claimed : int, optional
        The count the page states ("45 thoughts on ..." gives 45), which may exceed ``len(comments)``.
    target : str, optional
        Stance target for this thread; when absent, scoring picks one.
    format : str, optional
        Name of the parser that produced the thread.
    set_aside : list of Comment
        Pingbacks, trackbacks and other items that are not reader comments.
    line_roles : dict, optional
        For text pages: role name -> 1-based line numbers, so that every line is accounted for.
    """

    source: str
    id: str | None = None
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    article: str = ""
    comments: list[Comment] = field(default_factory=list)
    comment_count_claimed: int | None = None
    target: str | None = None
    format: str | None = None
    set_aside: list[Comment] = field(default_factory=list)
    line_roles: dict[str, list[int]] | None = None

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = Path(str(self.source)).name or str(self.source)

    def to_dict(self) -> dict:
        """Return the thread as a JSON-ready dict tagged with :data:`SCHEMA`."""
        data = {"schema": SCHEMA}
        data.update(asdict(self))
        data["comments"] = [c.to_dict() for c in self.comments]
        data["set_aside"] = [c.to_dict() for c in self.set_aside]
        if data["line_roles"] is None:
            del data["line_roles"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Thread:
        """Build a thread from a dict written by :meth:`to_dict`.

        Raises
        ------
        ValueError
            If the record is of another schema or misses required fields.
        """
        schema = data.get("schema", SCHEMA)
        if not isinstance(schema, str) or not schema.startswith("moderation.thread/"):
            raise ValueError(f"unknown schema {schema!r}")
        if schema != SCHEMA:
            raise ValueError(f"schema {schema!r} is newer than this version reads ({SCHEMA})")
        if "source" not in data:
            raise ValueError("thread has no 'source'")
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["comments"] = [Comment.from_dict(c) for c in data.get("comments") or []]
        kwargs["set_aside"] = [Comment.from_dict(c) for c in data.get("set_aside") or []]
        return cls(**kwargs)


def _open_text(path: str | Path) -> IO[str]:
    if str(path) == "-":
        import sys

        return sys.stdin
    return open(path, encoding="utf-8")


def iter_threads_jsonl(path: str | Path) -> Iterator[Thread]:
    """Read threads one at a time from a JSON Lines file (``"-"`` for standard input).

    Raises
    ------
    InputError
        Naming the file and line of the first record that is not a valid thread.
    """
    try:
        handle = _open_text(path)
    except OSError as exc:
        raise InputError(path, f"cannot open ({exc.strerror})") from None
    try:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("record is not a JSON object")
                yield Thread.from_dict(record)
            except (ValueError, TypeError) as exc:
                raise InputError(path, f"not a thread record: {exc}", line=number,
                                 fix="each line must be one JSON object written by 'moderation parse'") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", fix="re-save the file as UTF-8") from None
    finally:
        if handle is not __import__("sys").stdin:
            handle.close()


def read_threads_jsonl(path: str | Path) -> list[Thread]:
    """Read every thread of a JSON Lines file into a list."""
    return list(iter_threads_jsonl(path))


def write_threads_jsonl(threads: Iterable[Thread], path: str | Path) -> int:
    """Write threads as JSON Lines atomically and return how many were written."""
    count = 0
    with atomic_open(path) as handle:
        for thread in threads:
            handle.write(json.dumps(thread.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


#: Columns of the comment table ``moderation parse`` writes to ``.csv`` or ``.parquet``.
COMMENT_COLUMNS = ("thread_id", "thread_source", "thread_title", "thread_site", "thread_url", "thread_published",
                   "thread_author", "comment_id", "position", "parent", "depth", "author", "published", "kind",
                   "status", "text")
_INT_COLUMNS = ("position", "depth")


def comment_rows(threads: Iterable[Thread]) -> Iterator[dict]:
    """One row per comment, with its thread's metadata, for tables.

    Reader comments come first in page order, then the thread's set-aside items (pingbacks,
    trackbacks), told apart by ``kind``.

    Parameters
    ----------
    threads : iterable of Thread

    Yields
    ------
    dict
        Keyed by :data:`COMMENT_COLUMNS`.
    """
    for thread in threads:
        head = {"thread_id": thread.id, "thread_source": thread.source, "thread_title": thread.title,
                "thread_site": thread.site, "thread_url": thread.url, "thread_published": thread.published,
                "thread_author": thread.author}
        for comment in [*thread.comments, *thread.set_aside]:
            yield {**head, "comment_id": comment.id, "position": comment.position, "parent": comment.parent,
                   "depth": comment.depth, "author": comment.author, "published": comment.published,
                   "kind": comment.kind, "status": comment.status, "text": comment.text}


def write_comment_table(threads: Iterable[Thread], path: str | Path) -> int:
    """Write one row per comment to a ``.csv`` or ``.parquet`` file, atomically.

    CSV cells are guarded against formula injection (see :mod:`moderation.csv_safe`): comment
    text is untrusted and ends up in spreadsheets.

    Parameters
    ----------
    threads : iterable of Thread
    path : str or Path
        Ends in ``.csv`` or ``.parquet``.

    Returns
    -------
    int
        Rows written.

    Raises
    ------
    ValueError
        If ``path`` ends in neither.
    """
    path = Path(path)
    rows = list(comment_rows(threads))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from .csv_safe import write_csv_safe

        write_csv_safe(rows, path, COMMENT_COLUMNS)
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.int64() if c in _INT_COLUMNS else pa.string()) for c in COMMENT_COLUMNS])
        with atomic_path(path) as tmp:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    else:
        raise ValueError(f"a comment table ends in .csv or .parquet, not {suffix or '(none)'!r}")
    return len(rows)
