"""Reading, validating and writing label files (CSV, one comment per row)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._io import atomic_open, check_writable, csv_records
from ..csv_safe import restore_cell, safe_cell
from ..errors import InputError
from .schema import DEFAULT_SCHEMA, LABEL_COLUMNS, REQUIRED_COLUMNS, LabelSchema

__all__ = ["find_label_files", "read_label_file", "read_labels", "write_labels", "fingerprint"]

# Label values users commonly write for ours; anything else is an error, not a guess.
_ALIASES = {"favour": "favor", "none": "neutral"}


def find_label_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the label CSV files below them, sorted; keep files as given.

    Raises
    ------
    InputError
        If a path does not exist or a directory holds no CSV file.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.csv") if not p.name.startswith("."))
            if not files:
                raise InputError(path, "holds no .csv label files", fix="point at a label CSV or a folder of them")
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(path, "no such file", fix="check the path")
    return found


def read_label_file(path: str | Path, schema: LabelSchema = DEFAULT_SCHEMA) -> pd.DataFrame:
    """Read and validate one label CSV.

    Parameters
    ----------
    path : str or Path
        A CSV with at least the columns ``id, thread_id, text`` and one column per task
        (``stance``, ``civility``); an empty task cell means "not labelled for that task".
    schema : LabelSchema
        The tasks and classes a cell may hold.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LABEL_COLUMNS` (plus extra task columns of the schema, and share
        columns such as ``uncivil_share`` when the file has them), all strings, ``""`` for
        empty cells, and ``source`` / ``line`` saying where each row came from.

    Raises
    ------
    InputError
        Naming the file, the line and the fix, for a missing column, an unknown class,
        an empty text, a duplicated id or a malformed row.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(path, "is empty", fix="a label file needs a header row: " + ",".join(LABEL_COLUMNS))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, "is not UTF-8 text", line=line, fix="re-save the file as UTF-8 CSV") from None

    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV header ({exc})", line=1) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(path, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", line=1,
                         fix="the header must include " + ", ".join(REQUIRED_COLUMNS) + " and one column per task")
    tasks = [t for t in schema.tasks if t in header]
    if not tasks:
        raise InputError(path, "has no task column", line=1, fix="add a column named " + " or ".join(schema.tasks))
    allowed = {t: set(schema.classes(t)) for t in tasks}
    index = {name: i for i, name in enumerate(header)}
    shares = {c: t for t, c in schema.share_columns().items() if c in header and t in header}
    columns = LABEL_COLUMNS + [t for t in schema.tasks if t not in LABEL_COLUMNS] + list(shares)
    rows: list[list[str]] = []
    lines: list[int] = []
    seen: dict[tuple[str, str], int] = {}
    for start, record in csv_records(path, reader, len(header)):
        row = []
        for name in columns:
            value = restore_cell(record[index[name]].strip()) if name in index else ""
            if name in allowed:
                value = _ALIASES.get(value.lower(), value.lower())
                if value and value not in allowed[name]:
                    raise InputError(path, f"unknown {name} label {record[index[name]]!r}", line=start,
                                     fix="use one of " + ", ".join(schema.classes(name)) + " or leave the cell empty")
            elif name in shares and value:
                _check_share(path, start, name, value, task_label=row[columns.index(shares[name])])
            row.append(value)
        record_id, text_value = row[columns.index("id")], row[columns.index("text")]
        if not record_id:
            raise InputError(path, "empty id", line=start, fix="give every comment an id")
        if not text_value:
            raise InputError(path, "empty text", line=start, fix="fill in the comment text or remove the row")
        key = (record_id, row[columns.index("annotator")])
        if key in seen:
            raise InputError(path, f"id {record_id!r} repeats line {seen[key]} for the same annotator", line=start,
                             fix="ids must be unique per annotator")
        seen[key] = start
        rows.append(row)
        lines.append(start)
    if not rows:
        raise InputError(path, "has a header but no labelled rows", fix="add rows under the header")
    frame = pd.DataFrame(rows, columns=columns, dtype=str)
    frame["source"] = str(path)
    frame["line"] = lines
    return frame


def _check_share(path: Path, line: int, name: str, value: str, task_label: str) -> None:
    try:
        share = float(value)
    except ValueError:
        share = float("nan")
    if not 0.0 <= share <= 1.0:
        raise InputError(path, f"{name} {value!r} is not a number from 0 to 1", line=line,
                         fix="give the share of raters, e.g. 0.33, or leave the cell empty")
    if not task_label:
        raise InputError(path, f"{name} is filled but the task label is empty", line=line,
                         fix="fill in the label too (the majority's class) or empty the share")


def read_labels(paths: Iterable[str | Path], schema: LabelSchema = DEFAULT_SCHEMA) -> pd.DataFrame:
    """Read every label file under ``paths`` (files or folders) into one validated table.

    Ids must be unique per annotator across all files; see :func:`read_label_file`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("id,thread_id,text,stance,civility\\n1,t,Good plan.,favor,civil\\n")
    >>> read_labels([folder])[["id", "stance", "civility"]].values.tolist()
    [['1', 'favor', 'civil']]
    """
    frames = [read_label_file(p, schema) for p in find_label_files(paths)]
    table = pd.concat(frames, ignore_index=True)
    for column in schema.share_columns().values():
        if column in table.columns:
            table[column] = table[column].fillna("")
    dup = table.duplicated(["id", "annotator"], keep="first")
    if dup.any():
        row = table[dup].iloc[0]
        first = table[(table["id"] == row["id"]) & (table["annotator"] == row["annotator"])].iloc[0]
        raise InputError(row["source"], f"id {row['id']!r} is also in {first['source']} line {first['line']}",
                         line=int(row["line"]), fix="ids must be unique across label files")
    return table


def write_labels(table: pd.DataFrame, path: str | Path, overwrite: bool = False) -> Path:
    """Write a label table as CSV atomically, in the project's column order.

    Cells that a spreadsheet would run as a formula get a leading ``'``, which
    :func:`read_label_file` removes again, so texts round-trip exactly.

    Raises
    ------
    InputError
        If ``path`` exists and ``overwrite`` is false.
    """
    path = check_writable(path, overwrite)
    columns = LABEL_COLUMNS + [c for c in table.columns if c not in LABEL_COLUMNS and c not in ("source", "line")]
    out = table.reindex(columns=columns).fillna("").astype(str)
    # Reviewers open label files in spreadsheets: neutralise formula-like cells; reading undoes it.
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in out.itertuples(index=False):
            writer.writerow([safe_cell(v) for v in row])
    return path


def fingerprint(table: pd.DataFrame) -> str:
    """Return a SHA-256 over the rows' ids, texts and labels: the training data's identity."""
    import hashlib

    digest = hashlib.sha256()
    # Share columns (soft labels) change what is trained, so they count when a file has them.
    cols = [c for c in LABEL_COLUMNS if c in table.columns] + sorted(c for c in table.columns if c.endswith("_share"))
    for row in table[cols].itertuples(index=False):
        digest.update("\x1f".join(map(str, row)).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()
