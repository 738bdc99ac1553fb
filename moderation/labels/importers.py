"""Importers that turn labelling-tool exports and public corpora into the project's label table."""

from __future__ import annotations

import csv
import hashlib
import html
import inspect
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .._io import csv_records
from ..errors import InputError
from .schema import DEFAULT_SCHEMA, LABEL_COLUMNS

__all__ = [
    "IMPORTERS",
    "import_labels",
    "label_studio",
    "prodigy",
    "doccano",
    "argilla",
    "semeval2016",
    "vast",
    "c3",
    "davidson",
    "olid",
    "impermium",
    "pseudo_thread",
    "unescape_impermium",
]

#: Tasks the importers fill, in column order.
_TASKS = ("stance", "civility")

#: Names other tools and corpora use for our classes (compared after lower-casing and
#: turning ``_``/``-`` runs into single spaces). Anything else needs ``label_map``.
_ALIASES = {
    "stance": {
        "favor": ("favor", "favour", "pro", "support", "supports", "supportive", "in favor", "in favour", "for"),
        "against": ("against", "con", "contra", "oppose", "opposes", "opposed", "anti"),
        "neutral": ("neutral", "none", "neither", "no stance", "nostance"),
    },
    "civility": {
        "civil": ("civil", "not uncivil", "non toxic", "nontoxic", "not toxic", "not offensive", "inoffensive",
                  "polite", "acceptable"),
        "uncivil": ("uncivil", "incivility", "toxic", "offensive", "insult", "insulting", "abusive", "abuse",
                    "hate", "hateful", "hate speech", "rude"),
    },
}

_ANSWERS_SKIPPED = {"ignore"}
_ARGILLA_SKIPPED_STATUS = {"discarded", "draft", "pending"}


# --------------------------------------------------------------------------------------------
# Shared machinery
# --------------------------------------------------------------------------------------------


def _norm_label(raw: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(raw).strip().lower()).strip()


def _norm_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def pseudo_thread(prefix: str, text: str, n_groups: int = 100) -> str:
    """Return a stable pseudo-thread id for a comment from a corpus that has no threads.

    Grouped cross-validation keeps every thread in one fold. Corpora of lone tweets or
    comments have no threads, so each comment is put into one of ``n_groups`` buckets by a
    hash of its whitespace- and case-normalised text. The buckets carry no meaning (grouping
    by them is as good as a random split), except that exact duplicate texts, which these
    corpora do contain, always land in the same bucket and so never straddle a train/test split.

    Parameters
    ----------
    prefix : str
        The corpus or tool name, e.g. ``"davidson"``.
    text : str
        The comment text.
    n_groups : int
        Number of buckets.

    Returns
    -------
    str
        ``"<prefix>-g<bucket>"``, the bucket zero-padded to the width of ``n_groups - 1``.

    Examples
    --------
    >>> pseudo_thread("olid", "Hello  World") == pseudo_thread("olid", "hello world")
    True
    >>> pseudo_thread("olid", "hello world", n_groups=10)[:6]
    'olid-g'
    """
    if n_groups < 1:
        raise ValueError("n_groups must be at least 1")
    digest = hashlib.sha1(_norm_text(text).encode("utf-8")).hexdigest()
    bucket = int(digest[:12], 16) % n_groups
    width = len(str(n_groups - 1))
    return f"{prefix}-g{bucket:0{width}d}"


class _Where:
    """Where a record is in its file: a line number or a record number in a JSON array."""

    def __init__(self, kind: str, number: int):
        self.kind = kind
        self.number = number

    def error(self, path: Path, problem: str, fix: str | None = None) -> InputError:
        if self.kind == "line":
            return InputError(path, problem, line=self.number, fix=fix)
        return InputError(path, f"record {self.number}: {problem}", fix=fix)


class _Mapper:
    """Maps other tools' label names onto (task, class), with the user's extra names first."""

    def __init__(self, path: Path, label_map: dict | None):
        self.path = path
        self.table: dict[str, dict[str, str]] = {t: {} for t in _TASKS}
        for task, classes in _ALIASES.items():
            for cls, names in classes.items():
                for name in names:
                    self.table[task][_norm_label(name)] = cls
        self.user: dict[str, tuple[str, str]] = {}
        for raw, cls in (label_map or {}).items():
            cls_norm = str(cls).strip().lower()
            owner = [t for t in _TASKS if cls_norm in DEFAULT_SCHEMA.classes(t)]
            if not owner:
                known = ", ".join(c for t in _TASKS for c in DEFAULT_SCHEMA.classes(t))
                raise InputError(path, f"label_map sends {raw!r} to {cls!r}, which is not one of our classes",
                                 fix=f"map it onto one of {known}")
            self.user[_norm_label(raw)] = (owner[0], cls_norm)

    def __call__(self, raw: Any, where: _Where, task: str | None = None) -> tuple[str, str]:
        key = _norm_label(raw)
        if key in self.user and (task is None or self.user[key][0] == task):
            return self.user[key]
        for name in ([task] if task else _TASKS):
            if key in self.table[name]:
                return name, self.table[name][key]
        classes = DEFAULT_SCHEMA.classes(task) if task else [c for t in _TASKS for c in DEFAULT_SCHEMA.classes(t)]
        what = f"{task} label" if task else "label"
        raise where.error(self.path, f"unknown {what} {str(raw)!r}",
                          fix=f"map it onto one of our classes with the label map, e.g. "
                              f"label_map={{{str(raw)!r}: {classes[0]!r}}}; classes: {', '.join(classes)}")


class _Collector:
    """Accumulates label rows, merging the answers one annotator gave on one comment."""

    def __init__(self, path: Path, prefix: str, n_groups: int, on_conflict: str,
                 annotators: dict | None, default_annotator: str):
        if on_conflict not in ("error", "last"):
            raise ValueError("on_conflict must be 'error' or 'last'")
        self.path = path
        self.prefix = prefix
        self.n_groups = n_groups
        self.on_conflict = on_conflict
        self.annotators = {str(k): str(v) for k, v in (annotators or {}).items()}
        self.default_annotator = default_annotator
        self.rows: dict[tuple[str, str], dict[str, str]] = {}

    def add(self, where: _Where, *, id: str, text: str, labels: dict[str, str], annotator: Any = None,
            thread_id: Any = None, parent_id: Any = None, target: Any = None) -> None:
        if not labels:
            return
        who = _text(annotator) or self.default_annotator
        who = self.annotators.get(who, who)
        key = (id, who)
        row = self.rows.get(key)
        if row is None:
            row = {
                "id": id,
                "thread_id": _text(thread_id) or pseudo_thread(self.prefix, text, self.n_groups),
                "parent_id": _text(parent_id),
                "target": _text(target),
                "text": text,
                "stance": "",
                "civility": "",
                "annotator": who,
            }
            self.rows[key] = row
        for task, cls in labels.items():
            if row[task] and row[task] != cls and self.on_conflict == "error":
                raise where.error(self.path, f"annotator {who!r} gave comment {id!r} both {row[task]!r} and "
                                             f"{cls!r} for {task}",
                                  fix="remove the duplicate answer in the tool, or pass on_conflict='last' "
                                      "to keep the later one")
            row[task] = cls

    def frame(self, hint: str) -> pd.DataFrame:
        if not self.rows:
            raise InputError(self.path, "holds no labelled comments", fix=hint)
        return _frame(list(self.rows.values()))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    if isinstance(value, dict):
        for key in ("email", "username", "name", "id"):
            if value.get(key) not in (None, ""):
                return str(value[key]).strip()
        return ""
    return str(value).strip()


#: The share column of civility (see :meth:`LabelSchema.share_column`).
UNCIVIL_SHARE = "uncivil_share"


def _share_text(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""


def _frame(rows: list[dict[str, str]] | pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows
    # Corpora that publish their raters' votes keep them as a share column (soft labels).
    shares = [c for c in frame.columns if c == UNCIVIL_SHARE]
    frame = frame.reindex(columns=LABEL_COLUMNS + shares, fill_value="").fillna("")
    return frame.astype(str).reset_index(drop=True)


def _read_text(path: Path, encoding: str = "utf-8-sig") -> str:
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file", fix="point at the exported file") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(path, f"is not {encoding.replace('-sig', '').upper()} text", line=line,
                         fix="export the file again as UTF-8") from None


def _read_json_records(path: Path) -> Iterator[tuple[_Where, Any]]:
    """Yield the records of a JSON array, a single JSON object, or a JSON Lines file."""
    text = _read_text(path)
    stripped = text.lstrip()
    if not stripped:
        raise InputError(path, "is empty", fix="export the annotations again")
    lines = path.suffix.lower() in (".jsonl", ".ndjson")
    if not lines and (stripped[0] == "[" or (stripped[0] == "{" and _is_single_json(stripped))):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"is not valid JSON ({exc.msg})", line=exc.lineno,
                             fix="export the file again; it may be cut short") from None
        if isinstance(data, dict):
            data = [data]
        for number, record in enumerate(data, start=1):
            yield _Where("record", number), record
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"is not valid JSON Lines ({exc.msg})", line=number,
                             fix="each line must hold one JSON object") from None
        yield _Where("line", number), record


def _is_single_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _read_csv_records(path: Path, delimiter: str | None = None) -> Iterator[tuple[_Where, dict[str, str]]]:
    """Yield (where, row) for each data row of a CSV/TSV, with the line each row starts on."""
    text = _read_text(path)
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError(path, "is empty", fix="export the annotations again") from None
    for start, record in csv_records(path, reader, len(header),
                                     fix="quote cells that contain the delimiter or line breaks"):
        yield _Where("line", start), dict(zip(header, record, strict=True))


def _field(record: dict, name: str, where: _Where, path: Path, *, option: str = "text_field") -> str:
    if name not in record:
        fields = ", ".join(sorted(map(str, record))) or "none"
        raise where.error(path, f"has no field {name!r} (fields: {fields})",
                          fix=f"pass {option}=<the field that holds the comment>")
    value = record[name]
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    text = _text(value)
    if not text:
        raise where.error(path, f"field {name!r} is empty", fix="remove the record or fill in the comment text")
    return str(value) if isinstance(value, str) else text


def _meta(record: dict, key: str, *containers: str) -> Any:
    """Find ``key`` at the top of a record or in one of its nested dicts."""
    if record.get(key) not in (None, ""):
        return record[key]
    for name in containers:
        inner = record.get(name)
        if isinstance(inner, dict) and inner.get(key) not in (None, ""):
            return inner[key]
    return None


def _one_choice(values: Any, task: str, where: _Where, path: Path) -> Any:
    """Reduce a tool's answer (a string, or a list of choices) to one class name, or None."""
    if values is None or values == "":
        return None
    if isinstance(values, dict):
        for key in ("choices", "labels", "value"):
            if key in values:
                return _one_choice(values[key], task, where, path)
        return None
    if isinstance(values, (list, tuple)):
        values = [v for v in values if v not in (None, "")]
        if not values:
            return None
        if len(values) > 1:
            raise where.error(path, f"has {len(values)} {task} choices ({', '.join(map(str, values))}); "
                                    "a comment takes one", fix=f"make the {task} question single-choice and "
                                                                "re-annotate these comments")
        return values[0]
    return values


def _add_choice(labels: dict[str, str], mapper: _Mapper, raw: Any, where: _Where, path: Path,
                task: str | None = None) -> None:
    got_task, cls = mapper(raw, where, task)
    if labels.get(got_task, cls) != cls:
        raise where.error(path, f"has two {got_task} labels ({labels[got_task]!r} and {cls!r})",
                          fix="labels from several annotators may have been merged; export one file per "
                              "annotator")
    labels[got_task] = cls


def _no_labels_hint(names: dict[str, str] | None = None) -> str:
    if names:
        pairs = ", ".join(f"{task}_name={name!r}" for task, name in names.items())
        return f"check that the question names match your labelling setup (now {pairs})"
    return "check that the file is an export of annotated records"


# --------------------------------------------------------------------------------------------
# Labelling tools
# --------------------------------------------------------------------------------------------


def label_studio(path: str | Path, *, stance_name: str = "stance", civility_name: str = "civility",
                 text_field: str = "text", id_field: str = "id", label_map: dict | None = None,
                 annotator: str = "", annotators: dict | None = None, on_conflict: str = "error",
                 n_groups: int = 100) -> pd.DataFrame:
    """Import a Label Studio export: full JSON, JSON-MIN, or CSV.

    Full JSON is a list of tasks; each task's ``data`` holds the comment and each entry of
    ``annotations`` is one annotator's work, with ``result`` items whose ``from_name`` names
    the question and ``value.choices`` the chosen class. Cancelled annotations and model
    ``predictions`` are skipped. JSON-MIN and CSV are flat: one row per annotation with the
    data fields, one column per question and ``annotator``.

    Parameters
    ----------
    path : str or Path
        The exported ``.json`` or ``.csv`` file (the kind is detected from the content).
    stance_name, civility_name : str
        The ``name`` of the Choices tags that hold stance and civility.
    text_field : str
        The data field that holds the comment text.
    id_field : str
        The data field that holds the comment id. In the full JSON export the task data are
        kept as imported, so comment ids survive; in JSON-MIN and CSV Label Studio writes its
        own task id over ``id``, which then becomes ``labelstudio-<task id>``.
    label_map : dict, optional
        Extra label names -> our class (``{"Supports": "favor"}``), matched case-insensitively.
    annotator : str
        Annotator name for annotations that carry none.
    annotators : dict, optional
        Tool user ids or e-mails -> names to write in the ``annotator`` column.
    on_conflict : {"error", "last"}
        What to do when one annotator gave one comment two different classes for a task.
    n_groups : int
        Buckets for comments without a ``thread_id`` data field; see :func:`pseudo_thread`.

    Returns
    -------
    pandas.DataFrame
        The label table: :data:`LABEL_COLUMNS`, strings, ``""`` where not labelled.

    Raises
    ------
    InputError
        Naming the file, the record and the fix, for unreadable files, missing text, a label
        that maps onto none of our classes, or an export with no labelled comment.
    """
    path = Path(path)
    mapper = _Mapper(path, label_map)
    names = {stance_name: "stance", civility_name: "civility"}
    out = _Collector(path, "labelstudio", n_groups, on_conflict, annotators, annotator)
    head = _read_text(path).lstrip()[:1]
    if path.suffix.lower() in (".csv", ".tsv") or head not in ("[", "{"):
        records: Iterator = _read_csv_records(path)
        flat = True
    else:
        records = iter(list(_read_json_records(path)))
        first = next(records, None)
        if first is None:
            raise InputError(path, "holds no tasks", fix="export a project with annotations")
        flat = not ({"annotations", "completions"} & set(first[1])) if isinstance(first[1], dict) else True
        records = _chain([first], records)
    for where, record in records:
        if not isinstance(record, dict):
            raise where.error(path, "is not a JSON object", fix="export again in Label Studio's JSON format")
        if flat:
            _label_studio_flat(record, where, path, names, text_field, id_field, mapper, out)
        else:
            _label_studio_task(record, where, path, names, text_field, id_field, mapper, out)
    return out.frame(_no_labels_hint({"stance": stance_name, "civility": civility_name}))


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _label_studio_task(task: dict, where: _Where, path: Path, names: dict, text_field: str, id_field: str,
                       mapper: _Mapper, out: _Collector) -> None:
    data = task.get("data") or {}
    text = _field(data, text_field, where, path)
    comment_id = _text(data.get(id_field)) or f"labelstudio-{_text(task.get('id'))}"
    for annotation in task.get("annotations") or task.get("completions") or []:
        if annotation.get("was_cancelled") or annotation.get("skipped"):
            continue
        labels: dict[str, str] = {}
        for result in annotation.get("result") or []:
            task_name = names.get(result.get("from_name"))
            if task_name is None:
                continue
            choice = _one_choice((result.get("value") or {}).get("choices"), task_name, where, path)
            if choice is not None:
                _add_choice(labels, mapper, choice, where, path, task_name)
        out.add(where, id=comment_id, text=text, labels=labels, annotator=annotation.get("completed_by"),
                thread_id=data.get("thread_id"), parent_id=data.get("parent_id"), target=data.get("target"))


def _label_studio_flat(record: dict, where: _Where, path: Path, names: dict, text_field: str, id_field: str,
                       mapper: _Mapper, out: _Collector) -> None:
    text = _field(record, text_field, where, path)
    if id_field != "id" and _text(record.get(id_field)):
        comment_id = _text(record[id_field])
    else:
        comment_id = f"labelstudio-{_text(record.get('id'))}"
    labels: dict[str, str] = {}
    for name, task_name in names.items():
        value = record.get(name)
        if isinstance(value, str) and value.strip()[:1] in ("{", "["):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                pass
        choice = _one_choice(value, task_name, where, path)
        if choice is not None:
            _add_choice(labels, mapper, choice, where, path, task_name)
    out.add(where, id=comment_id, text=text, labels=labels, annotator=record.get("annotator"),
            thread_id=record.get("thread_id"), parent_id=record.get("parent_id"), target=record.get("target"))


def prodigy(path: str | Path, *, text_field: str = "text", id_field: str = "id", label_map: dict | None = None,
            annotator: str = "", annotators: dict | None = None, on_conflict: str = "error",
            n_groups: int = 100) -> pd.DataFrame:
    """Import a Prodigy dataset export (``prodigy db-out``, JSON Lines).

    Each line is one answered task. ``answer`` is ``accept``, ``reject`` or ``ignore``;
    ignored tasks are skipped. Two task shapes carry classes:

    - choice tasks (``textcat.manual`` with several labels): ``options`` lists the classes as
      ``{"id", "text"}`` and ``accept`` the ids chosen; only accepted tasks count;
    - binary tasks (one ``label``): accept means the comment has that class; reject of a
      two-class task (civility) means the other class, reject of a stance class says nothing.

    The annotator is ``_annotator_id`` (else ``_session_id``), which Prodigy writes as
    ``<dataset>-<session name>``. Answers from one annotator on one comment are merged.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file.
    text_field : str
        The task field holding the comment.
    id_field : str
        Field holding the comment id, looked up at the top of the task and in ``meta``;
        tasks without one get ``prodigy-<_input_hash>``.
    label_map, annotator, annotators, on_conflict, n_groups
        As in :func:`label_studio`.

    Returns
    -------
    pandas.DataFrame
        The label table.

    Raises
    ------
    InputError
        For unreadable lines, a missing text field, or a label none of our classes matches.
    """
    path = Path(path)
    mapper = _Mapper(path, label_map)
    out = _Collector(path, "prodigy", n_groups, on_conflict, annotators, annotator)
    for where, eg in _read_json_records(path):
        if not isinstance(eg, dict):
            raise where.error(path, "is not a JSON object", fix="export with prodigy db-out")
        answer = _text(eg.get("answer")).lower() or "accept"
        if answer in _ANSWERS_SKIPPED:
            continue
        text = _field(eg, text_field, where, path)
        labels: dict[str, str] = {}
        if isinstance(eg.get("options"), list) and "accept" in eg:
            if answer != "accept":
                continue
            by_id = {str(o.get("id")): o for o in eg["options"] if isinstance(o, dict)}
            chosen = eg.get("accept") or []
            for task_name in _TASKS:
                picks = []
                for option_id in chosen:
                    option = by_id.get(str(option_id), {})
                    raw = option_id if not isinstance(option_id, (int, float)) else option.get("text", option_id)
                    got = _try_map(mapper, raw, option.get("text"), where)
                    if got[0] == task_name:
                        picks.append(got[1])
                if len(set(picks)) > 1:
                    raise where.error(path, f"accepts {len(picks)} {task_name} options ({', '.join(picks)}); "
                                            "a comment takes one", fix="use a single-choice interface "
                                                                       "(choice_style single)")
                if picks:
                    labels[task_name] = picks[0]
        elif eg.get("label") not in (None, ""):
            task_name, cls = mapper(eg["label"], where)
            if answer == "accept":
                labels[task_name] = cls
            elif answer == "reject":
                classes = DEFAULT_SCHEMA.classes(task_name)
                if len(classes) == 2:
                    labels[task_name] = classes[1 - classes.index(cls)]
        else:
            continue
        meta = eg.get("meta") if isinstance(eg.get("meta"), dict) else {}
        comment_id = _text(_meta(eg, id_field, "meta")) or f"prodigy-{_text(eg.get('_input_hash'))}"
        out.add(where, id=comment_id, text=text, labels=labels,
                annotator=eg.get("_annotator_id") or eg.get("_session_id"),
                thread_id=eg.get("thread_id") or meta.get("thread_id"),
                parent_id=eg.get("parent_id") or meta.get("parent_id"),
                target=eg.get("target") or meta.get("target"))
    return out.frame("the file holds no accepted or rejected classification answers")


def _try_map(mapper: _Mapper, raw: Any, alternative: Any, where: _Where) -> tuple[str, str]:
    """Map an option id; if it is not a known name, try the option's display text."""
    try:
        return mapper(raw, where)
    except InputError:
        if alternative in (None, "") or alternative == raw:
            raise
        return mapper(alternative, where)


def doccano(path: str | Path, *, text_field: str = "text", id_field: str = "id", label_field: str | None = None,
            label_map: dict | None = None, annotator: str | None = None, annotators: dict | None = None,
            on_conflict: str = "error", n_groups: int = 100) -> pd.DataFrame:
    """Import a doccano text-classification export (JSONL or CSV).

    doccano writes one JSON object per example with the text and a list of class names under
    ``label`` (``cats`` in intent-detection projects); the CSV has a ``label`` column with the
    names joined by ``#``. With collaborative annotation off, doccano exports one file per
    user (``alice.jsonl``): the file name is then the annotator. Each class name is mapped
    onto stance or civility by its name, so one project may hold both.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl``/``.json`` or ``.csv`` file.
    text_field : str
        The field holding the comment.
    id_field : str
        The field holding the comment id. doccano's own ``id`` numbers become
        ``doccano-<id>``; any other field is taken as it is.
    label_field : str, optional
        Where the classes are; by default the first of ``label``, ``labels``, ``cats``.
    annotator : str, optional
        Annotator name; defaults to the file name without its extension.
    label_map, annotators, on_conflict, n_groups
        As in :func:`label_studio`.

    Returns
    -------
    pandas.DataFrame
        The label table.

    Raises
    ------
    InputError
        For unreadable records, unknown labels, and two classes of one task on one example
        (what a collaborative-mode export of disagreeing annotators looks like).
    """
    path = Path(path)
    mapper = _Mapper(path, label_map)
    out = _Collector(path, "doccano", n_groups, on_conflict, annotators, annotator or path.stem)
    is_csv = path.suffix.lower() in (".csv", ".tsv") or _read_text(path).lstrip()[:1] not in ("[", "{")
    records = _read_csv_records(path) if is_csv else _read_json_records(path)
    for where, record in records:
        if not isinstance(record, dict):
            raise where.error(path, "is not a JSON object", fix="export the project as JSONL")
        text = _field(record, text_field, where, path)
        names = [label_field] if label_field else ["label", "labels", "cats"]
        raw = next((record[n] for n in names if n in record), None)
        if is_csv and isinstance(raw, str):
            raw = [part for part in raw.split("#") if part.strip()]
        if isinstance(raw, (str, int)):
            raw = [raw]
        labels: dict[str, str] = {}
        for value in raw or []:
            if isinstance(value, (list, dict)):
                raise where.error(path, "holds span labels, not classes",
                                  fix="export a text-classification project")
            _add_choice(labels, mapper, value, where, path)
        own = _text(_meta(record, id_field, "meta"))
        comment_id = f"doccano-{own}" if id_field == "id" and own else (own or f"doccano-{where.number}")
        out.add(where, id=comment_id, text=text, labels=labels, annotator=record.get("user"),
                thread_id=_meta(record, "thread_id", "meta"), parent_id=_meta(record, "parent_id", "meta"),
                target=_meta(record, "target", "meta"))
    return out.frame("the file holds no labelled examples; unlabelled examples are skipped")


def argilla(path: str | Path, *, stance_name: str = "stance", civility_name: str = "civility",
            text_field: str = "text", id_field: str = "id", label_map: dict | None = None,
            annotator: str = "", annotators: dict | None = None, on_conflict: str = "error",
            n_groups: int = 100) -> pd.DataFrame:
    """Import Argilla records exported to JSON or JSON Lines.

    Accepted record shapes (one file may use any of them):

    - Argilla 2 (``dataset.records.to_json``): ``fields`` holds the text, ``responses`` maps
      each question name to a list of ``{"value", "user_id"}``;
    - Argilla 2 flattened (``to_list(flatten=True)``): ``<question>.responses``,
      ``<question>.responses.users`` and ``<question>.responses.status`` lists;
    - Argilla 1 feedback records: ``responses`` is a list of
      ``{"user_id", "values": {question: {"value"}}, "status"}``, or (Hugging Face export)
      each question is a key holding ``[{"user_id", "value", "status"}]``;
    - Argilla 1 text-classification records: ``annotation`` and ``annotation_agent``.

    Responses with status ``discarded`` or ``draft`` are skipped; suggestions (model
    predictions) are ignored. The annotator is the Argilla user id (a UUID); pass
    ``annotators={uuid: name}`` for readable names.

    Parameters
    ----------
    path : str or Path
        The ``.json`` or ``.jsonl`` file.
    stance_name, civility_name : str
        The names of the label questions.
    text_field : str
        The field holding the comment, looked up in ``fields``, ``inputs`` and the record.
    id_field : str
        The record's id field (Argilla's ``id`` is the id you gave the record).
    label_map, annotator, annotators, on_conflict, n_groups
        As in :func:`label_studio`.

    Returns
    -------
    pandas.DataFrame
        The label table.

    Raises
    ------
    InputError
        For unreadable records, missing text, or labels that map onto none of our classes.
    """
    path = Path(path)
    mapper = _Mapper(path, label_map)
    names = {stance_name: "stance", civility_name: "civility"}
    out = _Collector(path, "argilla", n_groups, on_conflict, annotators, annotator)
    for where, record in _read_json_records(path):
        if not isinstance(record, dict):
            raise where.error(path, "is not a JSON object", fix="export the records with to_json")
        holder = next((record[k] for k in ("fields", "inputs") if isinstance(record.get(k), dict)
                       and text_field in record[k]), record)
        text = _field(holder, text_field, where, path)
        comment_id = _text(_meta(record, id_field, "metadata")) or _text(record.get("external_id"))
        if not comment_id:
            comment_id = f"argilla-{where.number}"
        answers = list(_argilla_answers(record, names))
        if not answers and record.get("annotation") not in (None, "", []):
            answers = [(None, record["annotation"], record.get("annotation_agent"), None)]
        by_user: dict[str, dict[str, str]] = {}
        for task_name, value, user, status in answers:
            if _text(status).lower() in _ARGILLA_SKIPPED_STATUS:
                continue
            labels = by_user.setdefault(_text(user), {})
            if task_name is None:
                values = value if isinstance(value, list) else [value]
                for item in values:
                    _add_choice(labels, mapper, item, where, path)
            else:
                choice = _one_choice(value, task_name, where, path)
                if choice is not None:
                    _add_choice(labels, mapper, choice, where, path, task_name)
        for user, labels in by_user.items():
            out.add(where, id=comment_id, text=text, labels=labels, annotator=user,
                    thread_id=_meta(record, "thread_id", "metadata", "fields"),
                    parent_id=_meta(record, "parent_id", "metadata", "fields"),
                    target=_meta(record, "target", "metadata", "fields"))
    return out.frame(_no_labels_hint({"stance": stance_name, "civility": civility_name}))


def _argilla_answers(record: dict, names: dict[str, str]) -> Iterator[tuple[str, Any, Any, Any]]:
    """Yield (task, value, user, status) for every response in any Argilla record shape."""
    responses = record.get("responses")
    if isinstance(responses, dict):  # Argilla 2, nested
        for question, task_name in names.items():
            for item in responses.get(question) or []:
                if isinstance(item, dict):
                    yield task_name, item.get("value"), item.get("user_id"), item.get("status")
    elif isinstance(responses, list):  # Argilla 1 FeedbackRecord
        for item in responses:
            if not isinstance(item, dict):
                continue
            values = item.get("values") or {}
            for question, task_name in names.items():
                answer = values.get(question)
                if isinstance(answer, dict):
                    yield task_name, answer.get("value"), item.get("user_id"), item.get("status")
    for question, task_name in names.items():
        flat = record.get(f"{question}.responses")
        if isinstance(flat, list):  # Argilla 2, flattened
            users = record.get(f"{question}.responses.users") or [None] * len(flat)
            status = record.get(f"{question}.responses.status") or [None] * len(flat)
            yield from ((task_name, v, u, s) for v, u, s in zip(flat, users, status, strict=False))
        nested = record.get(question)
        if isinstance(nested, list) and all(isinstance(x, dict) and "value" in x for x in nested):
            for item in nested:  # Argilla 1, Hugging Face export
                yield task_name, item.get("value"), item.get("user_id"), item.get("status")


# --------------------------------------------------------------------------------------------
# Public corpora
# --------------------------------------------------------------------------------------------


def _read_table(path: Path, fmt: str, columns: list[str], **kwargs) -> pd.DataFrame:
    """Read a corpus file as strings, checking that it has the columns ``fmt`` needs."""
    if not path.exists():
        raise InputError(path, "no such file", fix="check the path")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file", fix=f"point at the {fmt} data file")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)
    except UnicodeDecodeError:
        raise InputError(path, f"is not in the encoding the {fmt} format uses",
                         fix="is this the published file, unmodified?") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputError(path, f"cannot be read as {fmt} ({str(exc).strip()})",
                         fix="is this the published file, unmodified?") from None
    except pd.errors.EmptyDataError:
        raise InputError(path, "is empty", fix=f"point at the {fmt} data file") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(path, f"has no column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", line=1,
                         fix=f"is this a {fmt} file? its header has {', '.join(map(str, frame.columns))}")
    return frame


def _map_column(values: pd.Series, mapping: dict[str, str], path: Path, column: str, header_lines: int = 1
                ) -> pd.Series:
    """Map a corpus label column, failing on the first value the mapping lacks (with its line)."""
    keys = values.str.strip().str.upper()
    mapped = keys.map({k.upper(): v for k, v in mapping.items()})
    bad = mapped.isna()
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(path, f"unknown {column} value {values.iloc[position]!r}", line=position + 1 + header_lines,
                         fix=f"expected one of {', '.join(mapping)}; is this the published file?")
    return mapped


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "none"


def semeval2016(path: str | Path) -> pd.DataFrame:
    """Import SemEval-2016 Task 6 stance data (``train.tsv``, ``trial.tsv``, test files).

    Tab-separated, Latin-1, no quoting, columns ``ID, Target, Tweet, Stance``. ``FAVOR /
    AGAINST / NONE`` become favor / against / neutral. Each target is one pseudo-thread
    ``semeval-<target slug>``, so grouped cross-validation over this corpus is cross-target.

    Parameters
    ----------
    path : str or Path
        One of the task's TSV files.

    Returns
    -------
    pandas.DataFrame
        The label table, ids ``semeval-<ID>``, civility empty.

    Raises
    ------
    InputError
        If a column is missing or a stance value is unknown.
    """
    path = Path(path)
    frame = _read_table(path, "semeval2016", ["ID", "Target", "Tweet", "Stance"], sep="\t",
                        encoding="latin-1", quoting=csv.QUOTE_NONE)
    stance = _map_column(frame["Stance"], {"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
                         path, "Stance")
    return _frame(pd.DataFrame({
        "id": "semeval-" + frame["ID"].str.strip(),
        "thread_id": "semeval-" + frame["Target"].map(_slug),
        "target": frame["Target"].str.strip(),
        "text": frame["Tweet"],
        "stance": stance,
        "annotator": "semeval2016",
    }))


def vast(path: str | Path, *, include_synthetic: bool = True) -> pd.DataFrame:
    """Import VAST (Allaway & McKeown 2020) stance data.

    One row per (comment, topic) pair; ``new_id`` is unique per pair and becomes the id
    ``vast-<new_id>``. The comment is ``post`` when present (the full release, where ``text``
    is tokenised) and ``text`` otherwise; the topic is ``topic_str`` or ``topic``. Labels may be
    names (favor/against/neutral) or the release's codes 0 = con, 1 = pro, 2 = neutral.

    Threads: with ``arc_id`` (the source article) the thread is ``vast-<arc_id>``. Otherwise it
    is the comment: ``ori_id`` links a comment to its topics, and because the same comment text
    also occurs under several ``ori_id`` values, all ``ori_id`` sharing one text are merged into
    one thread (named after the smallest of them), so a comment never sits in two folds.

    Parameters
    ----------
    path : str or Path
        A VAST CSV (``vast_train.csv``, ``vast_dev.csv``, ...).
    include_synthetic : bool
        Keep rows with ``type_idx`` 4, the release's synthetic neutral examples. Beware: in
        the VAST file measured here most of them repeat a (comment, topic) pair that also
        has a favor/against label, so with them 1752 of 7080 pairs carry contradictory
        labels, without them 228 of 7079. Pass ``False`` for cleaner training data.

    Returns
    -------
    pandas.DataFrame
        The label table, civility empty.

    Raises
    ------
    InputError
        If a column is missing or a label is unknown.
    """
    path = Path(path)
    frame = _read_table(path, "vast", ["new_id", "label"])
    text_col = next((c for c in ("post", "text") if c in frame.columns), None)
    topic_col = next((c for c in ("topic_str", "topic") if c in frame.columns), None)
    if text_col is None or topic_col is None:
        raise InputError(path, "has no comment (post/text) or topic (topic_str/topic) column", line=1,
                         fix="is this a VAST file?")
    if not include_synthetic and "type_idx" in frame.columns:
        frame = frame[frame["type_idx"].str.strip() != "4"].reset_index(drop=True)
    labels = {"FAVOR": "favor", "AGAINST": "against", "NEUTRAL": "neutral",
              "PRO": "favor", "CON": "against", "1": "favor", "0": "against", "2": "neutral"}
    stance = _map_column(frame["label"].str.replace(r"\.0$", "", regex=True), labels, path, "label")
    if "arc_id" in frame.columns and (frame["arc_id"].str.strip() != "").all():
        thread = "vast-" + frame["arc_id"].str.strip()
    elif "ori_id" in frame.columns:
        first = frame.groupby(frame[text_col])["ori_id"].transform("min")
        thread = "vast-" + first.str.strip()
    else:
        thread = frame[text_col].map(lambda t: pseudo_thread("vast", t))
    return _frame(pd.DataFrame({
        "id": "vast-" + frame["new_id"].str.strip(),
        "thread_id": thread,
        "target": frame[topic_col].str.strip(),
        "text": frame[text_col],
        "stance": stance,
        "annotator": "vast",
    }))


def c3(path: str | Path, *, toxicity_threshold: float = 2.0) -> pd.DataFrame:
    """Import the C3 Constructive Comments Corpus (Globe and Mail comments) for civility.

    ``crowd_toxicity_level`` is the raters' mean toxicity on 1 (not toxic) .. 4 (very toxic);
    a comment at or above ``toxicity_threshold`` is uncivil, below it civil. The level is
    also kept as ``uncivil_share``, rescaled so that 1 is 0, the threshold 0.5 and twice its
    distance from 1 is 1 (1.33 becomes 0.17 with the default threshold): training reads it as a
    soft label, which lets the comments one rater found mildly toxic count a little (C3
    article-grouped AUC 0.705 -> 0.726). Threads are articles (``c3-<article_id>``); ids are
    ``c3-<comment_counter>``.

    Parameters
    ----------
    path : str or Path
        The C3 CSV.
    toxicity_threshold : float
        Mean toxicity from which a comment counts as uncivil; 2 means "at least mildly toxic
        on average". Above 1.

    Returns
    -------
    pandas.DataFrame
        The label table, stance empty.

    Raises
    ------
    InputError
        If a column is missing or a toxicity level is not a number.
    """
    path = Path(path)
    frame = _read_table(path, "c3", ["article_id", "comment_counter", "comment_text", "crowd_toxicity_level"])
    level = pd.to_numeric(frame["crowd_toxicity_level"], errors="coerce")
    if level.isna().any():
        position = int(level.isna().to_numpy().nonzero()[0][0])
        raise InputError(path, f"crowd_toxicity_level {frame['crowd_toxicity_level'].iloc[position]!r} is not a "
                               "number", line=position + 2, fix="is this the published file?")
    if not toxicity_threshold > 1:
        raise ValueError(f"toxicity_threshold {toxicity_threshold} must be above 1, the lowest level")
    share = ((level - 1) / (2 * (toxicity_threshold - 1))).clip(0, 1)
    return _frame(pd.DataFrame({
        "id": "c3-" + frame["comment_counter"].str.strip(),
        "thread_id": "c3-" + frame["article_id"].str.strip(),
        "text": frame["comment_text"],
        "civility": (level >= toxicity_threshold).map({True: "uncivil", False: "civil"}),
        "annotator": "c3-crowd",
        UNCIVIL_SHARE: share.map(_share_text),
    }))


def davidson(path: str | Path, *, n_groups: int = 100) -> pd.DataFrame:
    """Import Davidson et al. (2017) hate speech and offensive language tweets.

    ``class`` 0 (hate speech) and 1 (offensive) become uncivil, 2 (neither) civil; when the
    vote columns are there, ``uncivil_share`` keeps the share of raters who chose hate speech
    or offensive. HTML entities in the tweets (``&amp;``, ``&#8220;``) are decoded. Tweets have
    no threads: each gets a pseudo-thread ``davidson-g<NN>`` (see :func:`pseudo_thread`).

    Parameters
    ----------
    path : str or Path
        ``labeled_data.csv``.
    n_groups : int
        Number of pseudo-threads.

    Returns
    -------
    pandas.DataFrame
        The label table, ids ``davidson-<row index>``, stance empty.
    """
    path = Path(path)
    frame = _read_table(path, "davidson", ["class", "tweet"])
    index_col = frame.columns[0] if frame.columns[0] not in ("count", "class") else None
    ids = frame[index_col].str.strip() if index_col is not None else pd.Series(range(len(frame))).astype(str)
    text = frame["tweet"].map(html.unescape)
    table = pd.DataFrame({
        "id": "davidson-" + ids,
        "thread_id": text.map(lambda t: pseudo_thread("davidson", t, n_groups)),
        "text": text,
        "civility": _map_column(frame["class"], {"0": "uncivil", "1": "uncivil", "2": "civil"}, path, "class"),
        "annotator": "davidson",
    })
    votes = [pd.to_numeric(frame.get(c), errors="coerce") for c in ("count", "hate_speech", "offensive_language")]
    if all(v is not None and v.notna().all() for v in votes) and (votes[0] > 0).all():
        table[UNCIVIL_SHARE] = ((votes[1] + votes[2]) / votes[0]).clip(0, 1).map(_share_text)
    return _frame(table)


def olid(path: str | Path, *, n_groups: int = 100) -> pd.DataFrame:
    """Import OLID / OffensEval 2019 tweets (``olid-training-v1.0.tsv`` and the test files).

    Tab-separated with quoting off, as published. ``subtask_a`` OFF becomes uncivil, NOT
    civil. Tweets that the release wrapped in CSV-style quotes (``"...""..."``) are unwrapped
    and their doubled quotes undone; HTML entities are decoded. Pseudo-threads as in
    :func:`davidson`.

    Parameters
    ----------
    path : str or Path
        The OLID TSV.
    n_groups : int
        Number of pseudo-threads.

    Returns
    -------
    pandas.DataFrame
        The label table, ids ``olid-<id>``, stance empty.
    """
    path = Path(path)
    frame = _read_table(path, "olid", ["id", "tweet", "subtask_a"], sep="\t", quoting=csv.QUOTE_NONE)
    text = frame["tweet"].map(_unwrap_quotes).map(html.unescape)
    return _frame(pd.DataFrame({
        "id": "olid-" + frame["id"].str.strip(),
        "thread_id": text.map(lambda t: pseudo_thread("olid", t, n_groups)),
        "text": text,
        "civility": _map_column(frame["subtask_a"], {"OFF": "uncivil", "NOT": "civil"}, path, "subtask_a"),
        "annotator": "olid",
    }))


def _unwrap_quotes(text: str) -> str:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt'\"\\])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "'": "'", '"': '"', "\\": "\\"}
_MOJIBAKE = re.compile(r"[\xc2-\xf4][\x80-\xbf]+")


def _unescape_once(text: str) -> str:
    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code[0] in "xuU":
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES[code]

    return _ESCAPE.sub(replace, text)


def _repair_utf8(match: re.Match) -> str:
    run = match.group(0)
    try:
        return run.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return run


def unescape_impermium(raw: str) -> str:
    """Decode a comment of the Kaggle insults data into plain text.

    The ``Comment`` cells are Python-style string literals: wrapped in double quotes, with
    ``\\n``, ``\\xa0``, ``\\u2019``, ``\\'`` escapes. Some comments were escaped twice
    (``\\\\n``, ``\\\\xc2\\\\xa0``, the latter being the UTF-8 bytes of one character escaped
    one by one). This strips the quotes, undoes escaping until nothing changes (at most four
    rounds), then turns runs of characters that are really UTF-8 bytes back into the
    character they encode.

    Examples
    --------
    >>> unescape_impermium('"one\\\\ntwo\\\\xa0three"')
    'one\\ntwo\\xa0three'
    >>> unescape_impermium('"A\\\\\\\\xc2\\\\\\\\xa0B \\\\u2019"')
    'A\\xa0B \\u2019'
    """
    text = raw
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    for _ in range(4):
        decoded = _unescape_once(text)
        if decoded == text:
            break
        text = decoded
    return _MOJIBAKE.sub(_repair_utf8, text)


def impermium(path: str | Path, *, n_groups: int = 100) -> pd.DataFrame:
    """Import the Kaggle "Detecting Insults in Social Commentary" (Impermium, 2012) data.

    ``Insult`` 1 becomes uncivil, 0 civil. ``Comment`` is decoded with
    :func:`unescape_impermium`. The file has no ids: a comment's id is
    ``impermium-<n>``, ``n`` its 1-based data row. Pseudo-threads as in :func:`davidson`.

    Parameters
    ----------
    path : str or Path
        ``train.csv`` (or the test files with labels).
    n_groups : int
        Number of pseudo-threads.

    Returns
    -------
    pandas.DataFrame
        The label table, stance empty.
    """
    path = Path(path)
    frame = _read_table(path, "impermium", ["Insult", "Comment"])
    text = frame["Comment"].map(unescape_impermium)
    return _frame(pd.DataFrame({
        "id": [f"impermium-{n}" for n in range(1, len(frame) + 1)],
        "thread_id": text.map(lambda t: pseudo_thread("impermium", t, n_groups)),
        "text": text,
        "civility": _map_column(frame["Insult"].str.replace(r"\.0$", "", regex=True),
                                {"1": "uncivil", "0": "civil"}, path, "Insult"),
        "annotator": "impermium",
    }))


#: Format name -> importer. Each takes the path and keyword options and returns a label table.
IMPORTERS: dict[str, Callable[..., pd.DataFrame]] = {
    "label-studio": label_studio,
    "prodigy": prodigy,
    "doccano": doccano,
    "argilla": argilla,
    "semeval2016": semeval2016,
    "vast": vast,
    "c3": c3,
    "davidson": davidson,
    "olid": olid,
    "impermium": impermium,
}


def import_labels(path: str | Path, fmt: str, **options: Any) -> pd.DataFrame:
    """Import another tool's export or a public corpus as a label table.

    Parameters
    ----------
    path : str or Path
        The file to import.
    fmt : str
        A key of :data:`IMPORTERS`: ``label-studio``, ``prodigy``, ``doccano``, ``argilla``
        (labelling tools) or ``semeval2016``, ``vast``, ``c3``, ``davidson``, ``olid``,
        ``impermium`` (corpora in their published form).
    **options
        Passed to the importer; see each importer for what it accepts (e.g. ``label_map``,
        ``stance_name``, ``toxicity_threshold``).

    Returns
    -------
    pandas.DataFrame
        Exactly the columns :data:`LABEL_COLUMNS`, all strings, ``""`` where a comment is not
        labelled for a task. Several annotators of one comment give several rows with the
        same ``id``; see :mod:`moderation.labels.agreement`.

    Raises
    ------
    InputError
        For an unknown format or option, an unreadable file, or a record that cannot be
        mapped (naming the file, the record and the fix).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "alice.jsonl"
    >>> _ = f.write_text('{"id": 7, "text": "Nice idea.", "label": ["Support"]}\\n')
    >>> import_labels(f, "doccano")[["id", "stance", "annotator"]].values.tolist()
    [['doccano-7', 'favor', 'alice']]
    """
    key = fmt.strip().lower().replace("_", "-")
    key = {"labelstudio": "label-studio", "semeval": "semeval2016", "semeval-2016": "semeval2016"}.get(key, key)
    importer = IMPORTERS.get(key)
    if importer is None:
        raise InputError(path, f"unknown import format {fmt!r}", fix="use one of " + ", ".join(IMPORTERS))
    accepted = [name for name, p in inspect.signature(importer).parameters.items() if p.kind == p.KEYWORD_ONLY]
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise InputError(path, f"the {key} importer has no option {', '.join(unknown)}",
                         fix="its options are " + (", ".join(accepted) or "none"))
    return importer(path, **options)
