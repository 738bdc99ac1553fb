"""Reviewer decisions exported by the review page, read back and turned into label rows."""

from __future__ import annotations

import csv
import datetime as _dt
import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._io import csv_records
from ..csv_safe import restore_cell
from ..errors import InputError
from .schema import DEFAULT_SCHEMA, LABEL_COLUMNS

__all__ = ["DECISION_FIELDS", "DECISIONS_FORMAT", "read_decisions", "decisions_to_labels"]

#: Format tag the review page writes into its JSON export.
DECISIONS_FORMAT = "moderation.review-decisions/1"

#: Fields of one decision, in the order of the page's CSV export.
DECISION_FIELDS = [
    "reviewer", "time", "report_id", "comment_id", "thread_id", "label_id", "parent_label_id",
    "target", "text", "old_stance", "old_civility", "new_stance", "new_civility", "action",
]

_ACTIONS = ("approve", "reject", "relabel")
_REQUIRED = ("reviewer", "time", "comment_id", "thread_id", "text", "new_civility", "action")
_STANCES = DEFAULT_SCHEMA.classes("stance")
_CIVILITY = DEFAULT_SCHEMA.classes("civility")


def read_decisions(path: str | Path) -> list[dict]:
    """Read and validate a decisions file exported by the review page (JSON or CSV).

    The format is recognised from the content, not the file name: JSON (the page's
    ``{"format": ..., "decisions": [...]}`` document, or a bare list of decisions) or CSV
    with the header :data:`DECISION_FIELDS` (extra columns are ignored). CSV cells that
    the page neutralised against spreadsheet formulas are restored.

    Parameters
    ----------
    path : str or Path
        The exported file.

    Returns
    -------
    list of dict
        One dict per decision with exactly the keys :data:`DECISION_FIELDS`, all strings;
        ``label_id`` is filled in (``"<thread_id>-<comment_id>"``) when the file lacks it.

    Raises
    ------
    InputError
        Naming the file, the record (JSON) or line (CSV), and what is wrong: not JSON or
        CSV, a newer format, a missing field, an unknown label or action, a bad time.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.json"
    >>> _ = p.write_text(json.dumps([{"reviewer": "Dana", "time": "2024-05-01T10:00:00Z",
    ...     "comment_id": "c2", "thread_id": "t1", "text": "You fool", "new_stance": "against",
    ...     "new_civility": "uncivil", "action": "reject"}]))
    >>> [(d["label_id"], d["new_civility"], d["action"]) for d in read_decisions(p)]
    [('t1-c2', 'uncivil', 'reject')]
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, "is not UTF-8 text", line=line, fix="use the file the review page exported") from None
    if not text.strip():
        raise InputError(path, "is empty", fix="export the decisions again from the review page")
    if text.lstrip()[0] in "[{":
        return _read_json(path, text)
    return _read_csv(path, text)


def _read_json(path: Path, text: str) -> list[dict]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON ({exc.msg})", line=exc.lineno,
                         fix="use the file the review page exported") from None
    if isinstance(doc, dict):
        fmt = doc.get("format")
        if fmt is not None and fmt != DECISIONS_FORMAT:
            if isinstance(fmt, str) and fmt.startswith("moderation.review-decisions/"):
                raise InputError(path, f"has format {fmt!r}, newer than this version reads ({DECISIONS_FORMAT})",
                                 fix="upgrade moderation")
            raise InputError(path, f"is not a review decisions file (format {fmt!r})",
                             fix="use the JSON or CSV the review page exported")
        records = doc.get("decisions")
        if not isinstance(records, list):
            raise InputError(path, "has no 'decisions' list", fix="use the JSON or CSV the review page exported")
    elif isinstance(doc, list):
        records = doc
    else:
        raise InputError(path, "holds a JSON value that is neither a decisions document nor a list")
    out = []
    for number, record in enumerate(records, start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            raise InputError(path, f"{where} is a {type(record).__name__}, not an object")
        out.append(_validate(path, record, where, None))
    return out


def _read_csv(path: Path, text: str) -> list[dict]:
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [restore_cell(h).strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV header ({exc})", line=1) from None
    missing = [f for f in _REQUIRED if f not in header]
    if missing:
        raise InputError(path, "is neither JSON nor a decisions CSV: missing column"
                         + ("s " if len(missing) > 1 else " ") + ", ".join(missing), line=1,
                         fix="use the JSON or CSV the review page exported")
    out = []
    for start, record in csv_records(path, reader, len(header)):
        values = {name: restore_cell(cell) for name, cell in zip(header, record, strict=True)}
        out.append(_validate(path, values, f"comment {values.get('comment_id', '')!r}", start))
    return out


def _validate(path: Path, record: dict, where: str, line: int | None) -> dict:
    def fail(problem: str, fix: str | None = None):
        raise InputError(path, f"{where}: {problem}", line=line, fix=fix)

    out = {}
    for name in DECISION_FIELDS:
        value = record.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            fail(f"{name} is a {type(value).__name__}, expected text")
        out[name] = value
    for name in _REQUIRED:
        if not out[name].strip():
            fail(f"missing {name}", fix="use the file the review page exported")
    for name in ("reviewer", "comment_id", "thread_id", "label_id", "parent_label_id", "action",
                 "old_stance", "old_civility", "new_stance", "new_civility", "time"):
        out[name] = out[name].strip()
    if out["action"] not in _ACTIONS:
        fail(f"unknown action {out['action']!r}", fix="expected one of " + ", ".join(_ACTIONS))
    for name, allowed in (("new_civility", _CIVILITY), ("old_civility", _CIVILITY),
                          ("new_stance", _STANCES), ("old_stance", _STANCES)):
        if out[name] and out[name] not in allowed:
            fail(f"unknown {name} {out[name]!r}", fix="expected one of " + ", ".join(allowed))
    try:
        _parse_time(out["time"])
    except ValueError:
        fail(f"time {out['time']!r} is not ISO 8601", fix="e.g. 2024-05-01T10:00:00Z")
    out["reviewer"] = " ".join(out["reviewer"].split())
    if not out["label_id"]:
        out["label_id"] = _fallback_label_id(out["thread_id"], out["comment_id"])
    return out


def _parse_time(value: str) -> _dt.datetime:
    stamp = _dt.datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=_dt.UTC)
    return stamp


def _fallback_label_id(thread_id: str, comment_id: str) -> str:
    return comment_id if comment_id.startswith(thread_id + "-") else f"{thread_id}-{comment_id}"


def decisions_to_labels(decisions: Iterable[dict], existing: pd.DataFrame | None = None, *,
                        on_conflict: str = "skip") -> tuple[pd.DataFrame, list[dict]]:
    """Turn reviewer decisions into label rows, reporting disagreements instead of overwriting.

    Each reviewer's latest decision on a comment becomes one label row with annotator
    ``"review:<reviewer>"``. A row is compared with every other label for the same id
    (from ``existing`` and from other reviewers in ``decisions``), on the tasks both have
    labelled:

    - same annotator, same labels: already there, left out silently;
    - same annotator, different labels (a reviewer who changed their mind after an
      earlier import): a conflict, always left out, since ids are unique per annotator;
    - another annotator, different labels: a conflict; left out unless
      ``on_conflict="add"``, which adds it as a second opinion next to the other label.

    Parameters
    ----------
    decisions : iterable of dict
        As returned by :func:`read_decisions`.
    existing : pandas.DataFrame, optional
        Labels already held (e.g. from :func:`moderation.labels.read_labels`), with at
        least ``id`` and ``annotator`` and any of ``stance``, ``civility``; ``source`` and
        ``line`` columns, when present, are named in conflicts.
    on_conflict : {"skip", "add"}
        What to do with a row that disagrees with another annotator.

    Returns
    -------
    labels : pandas.DataFrame
        Only the new rows, columns ``id, thread_id, parent_id, target, text, stance,
        civility, annotator`` (strings), ready for :func:`moderation.labels.write_labels`.
    conflicts : list of dict
        One per disagreement: ``id, thread_id, text, annotator, stance, civility,
        other_annotator, other_stance, other_civility, other_source, added, reason``.

    Raises
    ------
    ValueError
        If ``on_conflict`` is unknown or ``existing`` lacks ``id`` or ``annotator``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = [{"reviewer": "Dana", "time": "2024-05-01T10:00:00Z", "comment_id": "c2", "thread_id": "t1",
    ...       "label_id": "t1-2", "parent_label_id": "", "target": "Build lanes", "text": "You fool",
    ...       "new_stance": "against", "new_civility": "uncivil", "action": "reject"}]
    >>> old = pd.DataFrame([{"id": "t1-2", "annotator": "team", "stance": "against", "civility": "civil"}])
    >>> labels, conflicts = decisions_to_labels(d, old)
    >>> len(labels), conflicts[0]["other_annotator"], conflicts[0]["added"]
    (0, 'team', False)
    """
    if on_conflict not in ("skip", "add"):
        raise ValueError(f"on_conflict must be 'skip' or 'add', not {on_conflict!r}")

    # Latest decision per (label id, reviewer).
    latest: dict[tuple[str, str], dict] = {}
    for decision in sorted(decisions, key=lambda d: _parse_time(d["time"])):
        lid = decision.get("label_id") or _fallback_label_id(decision["thread_id"], decision["comment_id"])
        latest[(lid, "review:" + decision["reviewer"])] = decision

    others: dict[str, list[dict]] = {}
    if existing is not None:
        missing = [c for c in ("id", "annotator") if c not in existing.columns]
        if missing:
            raise ValueError(f"existing labels lack column(s) {', '.join(missing)}")
        for row in existing.fillna("").astype(str).to_dict("records"):
            where = row.get("source", "")
            if where and row.get("line"):
                where += f" line {row['line']}"
            others.setdefault(row["id"], []).append({
                "annotator": row["annotator"], "stance": row.get("stance", ""),
                "civility": row.get("civility", ""), "source": where or "existing labels",
            })
    for (lid, annotator), decision in latest.items():
        others.setdefault(lid, []).append({
            "annotator": annotator, "stance": decision["new_stance"], "civility": decision["new_civility"],
            "source": "decisions", "new": True,
        })

    rows: list[dict] = []
    conflicts: list[dict] = []
    for (lid, annotator), decision in latest.items():
        mine = {"stance": decision["new_stance"], "civility": decision["new_civility"]}
        add = True
        for other in others.get(lid, []):
            if other.get("new") and other["annotator"] == annotator:
                continue  # this very row
            differs = [t for t in ("stance", "civility") if mine[t] and other[t] and mine[t] != other[t]]
            same_annotator = other["annotator"] == annotator
            if same_annotator and not differs:
                add = False
                continue
            if not differs:
                continue
            keep = on_conflict == "add" and not same_annotator
            add = add and keep
            conflicts.append({
                "id": lid, "thread_id": decision["thread_id"], "text": decision["text"],
                "annotator": annotator, "stance": mine["stance"], "civility": mine["civility"],
                "other_annotator": other["annotator"], "other_stance": other["stance"],
                "other_civility": other["civility"], "other_source": other["source"], "added": keep,
                "reason": ("changes this reviewer's earlier label" if same_annotator
                           else "disagrees with " + other["annotator"]) + " on " + " and ".join(differs),
            })
        if add:
            rows.append({
                "id": lid, "thread_id": decision["thread_id"], "parent_id": decision.get("parent_label_id", ""),
                "target": decision.get("target", ""), "text": decision["text"], "stance": mine["stance"],
                "civility": mine["civility"], "annotator": annotator,
            })
    added = {(r["id"], r["annotator"]) for r in rows}
    for conflict in conflicts:
        conflict["added"] = (conflict["id"], conflict["annotator"]) in added
    labels = pd.DataFrame(rows, columns=LABEL_COLUMNS, dtype=str).fillna("")
    return labels, conflicts
