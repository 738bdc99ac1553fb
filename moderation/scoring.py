"""Batch scoring: read comments in chunks, label them, flag what needs a person, write results."""

from __future__ import annotations

import csv
import glob
import heapq
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ._io import atomic_path
from .errors import InputError
from .threads import Thread

__all__ = [
    "FlagPolicy",
    "ScoreSummary",
    "UrgentRows",
    "write_rows",
    "expand_inputs",
    "iter_records",
    "score_records",
    "score_texts",
    "score_to_file",
    "write_thread_summary",
    "read_terms",
    "OUTPUT_COLUMNS",
]

#: Columns of every scored-comment output, in order.
OUTPUT_COLUMNS = [
    "thread_id", "thread_title", "thread_source", "comment_id", "position", "author", "published", "parent",
    "text", "stance", "stance_target", "stance_target_source", "p_favor", "p_against", "p_neutral",
    "civility", "p_uncivil", "flag", "flag_reason", "explanation",
]

_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet")
_PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".json", ".jsonl", ".wxr")


@dataclass
class FlagPolicy:
    """When a comment goes to a person.

    Parameters
    ----------
    threshold : float
        Flag when the uncivil probability is at or above this.
    review : float
        Mark "review" (uncertain) when the probability is at or above this but below ``threshold``.
    block_terms : list of str
        Flag any comment containing one of these words or phrases, whatever the model says.
    allow_terms : list of str
        Words or phrases that are acceptable in this community: they are masked before the
        model sees the comment, so they cannot raise its score.
    """

    threshold: float = 0.5
    review: float = 0.3
    block_terms: list = field(default_factory=list)
    allow_terms: list = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.threshold <= 1.0:
            raise ValueError(f"need 0 <= review ({self.review}) <= threshold ({self.threshold}) <= 1")
        self._block = _term_pattern(self.block_terms)
        self._allow = _term_pattern(self.allow_terms)

    def mask(self, text: str) -> str:
        """The text the model sees: allow-listed terms removed."""
        return self._allow.sub(" ", text) if self._allow is not None else text

    def decide(self, text: str, p_uncivil: float) -> tuple[str, str]:
        """Return ``(flag, reason)`` with flag one of ``"flagged"``, ``"review"``, ``"ok"``."""
        if self._block is not None:
            hit = self._block.search(text)
            if hit:
                return "flagged", f"blocked term: {hit.group(0).lower()}"
        if p_uncivil >= self.threshold:
            return "flagged", f"uncivil p={p_uncivil:.2f} >= {self.threshold:.2f}"
        if p_uncivil >= self.review:
            return "review", f"uncertain p={p_uncivil:.2f} in {self.review:.2f}-{self.threshold:.2f}"
        return "ok", ""


def _term_pattern(terms: Iterable[str]):
    terms = [t.strip() for t in terms if t and t.strip()]
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def read_terms(path: str | Path) -> list[str]:
    """Read a term list: one word or phrase per line; ``#`` starts a comment."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path of the term list") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", fix="re-save the term list as UTF-8") from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


#: The folder a browser's "save page, complete" writes beside Page.html ("Page_files", German "Page-Dateien").
_RESOURCE_FOLDER = re.compile(r"^(?P<page>.+)(?:_files|-Dateien|_fichiers|_archivos|-bestanden)$")


def _saved_page_resource(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in the resource folder of a page saved beside it (its frames are read with the page)."""
    for folder in path.relative_to(root).parents:
        m = _RESOURCE_FOLDER.match(folder.name)
        if m and any((root / folder).with_name(m.group("page") + ext).is_file() for ext in (".html", ".htm")):
            return True
    return False


def expand_inputs(inputs: Iterable[str | Path]) -> list[str]:
    """Turn arguments into files: directories are walked, globs expanded, ``-`` kept.

    Raises
    ------
    InputError
        If an argument matches nothing.
    """
    files: list[str] = []
    for raw in inputs:
        raw = str(raw)
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                           _PAGE_SUFFIXES + _TABLE_SUFFIXES and not p.name.startswith(".")
                           and not p.name.endswith(".gold.json") and not _saved_page_resource(p, path))
            if not found:
                raise InputError(path, "holds no pages, exports or tables", fix="give .html, .txt, .xml, .jsonl or .csv files")
            files.extend(found)
        elif path.exists():
            files.append(raw)
        elif glob.has_magic(raw):
            found = sorted(glob.glob(raw, recursive=True))
            if not found:
                raise InputError(raw, "matches no file", fix="check the pattern")
            files.extend(found)
        else:
            raise InputError(raw, "no such file", fix="check the path")
    return files


def _thread_records(thread: Thread) -> Iterator[dict]:
    for index, comment in enumerate(thread.comments, start=1):
        yield {
            "thread_id": thread.id, "thread_title": thread.title or "", "thread_source": thread.source,
            "comment_id": comment.id or f"c{index}", "position": comment.position or index,
            "author": comment.author or "", "published": comment.published or "", "parent": comment.parent or "",
            "text": comment.text, "_thread_target": thread.target or "",
            "_thread_text": f"{thread.title or ''}\n{thread.article or ''}",
        }


def _table_records(path: str, on_error: str, errors: list) -> Iterator[dict]:
    import pandas as pd

    name = Path(path).name
    if path.lower().endswith(".parquet"):
        try:
            chunks = [pd.read_parquet(path)]
        except Exception as exc:
            raise InputError(path, f"not a readable Parquet file ({exc.__class__.__name__})") from None
    else:
        sep = "\t" if path.lower().endswith(".tsv") else ","
        try:
            chunks = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, chunksize=20_000,
                                 on_bad_lines="error", encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise InputError(path, f"cannot read table ({exc})") from None
    offset = 0
    try:
        for chunk in chunks:
            if "text" not in chunk.columns:
                raise InputError(path, "has no 'text' column", line=1, fix="name the comment column 'text'")
            chunk = chunk.fillna("").astype(str)
            for i, row in enumerate(chunk.to_dict("records")):
                line = offset + i + 2  # header is line 1
                text = row.get("text", "").strip()
                if not text:
                    problem = InputError(path, "empty comment text", line=line, fix="fill the text or remove the row")
                    if on_error == "fail":
                        raise problem
                    errors.append(str(problem))
                    continue
                yield {
                    "thread_id": row.get("thread_id") or name, "thread_title": row.get("thread_title", ""),
                    "thread_source": path, "comment_id": row.get("id") or row.get("comment_id") or f"r{line}",
                    "position": row.get("position") or str(offset + i + 1), "author": row.get("author", ""),
                    "published": row.get("published", ""), "parent": row.get("parent_id") or row.get("parent", ""),
                    "text": text, "_thread_target": row.get("target", ""), "_thread_text": row.get("thread_title", ""),
                }
            offset += len(chunk)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(path, f"malformed table ({str(exc).splitlines()[0]})",
                         fix="check quoting and encoding (UTF-8) of the file") from None


def iter_records(inputs: Iterable[str | Path], format: str = "auto", on_error: str = "fail",
                 errors: list | None = None) -> Iterator[dict]:
    """Yield one record per comment from pages, exports, thread JSON Lines and comment tables.

    Records come in a fixed order (files as given or sorted, comments in page order), which
    is what makes an interrupted run resumable.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files, directories, globs, or ``-`` for standard input.
    format : str
        Parser format for pages (see :data:`moderation.parsing.FORMATS`).
    on_error : {"fail", "skip"}
        What to do with a malformed table row or an unreadable page: raise, or skip it and
        append a one-line message to ``errors``.
    errors : list, optional
        Receives the messages of skipped items.
    """
    from .parsing import parse_file
    from .threads import iter_threads_jsonl

    errors = errors if errors is not None else []
    for path in expand_inputs(inputs):
        lower = path.lower()
        if lower.endswith(_TABLE_SUFFIXES) and format == "auto":
            yield from _table_records(path, on_error, errors)
            continue
        try:
            threads = iter_threads_jsonl(path) if lower.endswith(".jsonl") and format in ("auto", "jsonl") \
                else parse_file(path, format=format)
            for thread in threads:
                yield from _thread_records(thread)
        except InputError as exc:
            if on_error == "fail":
                raise
            errors.append(str(exc))


def _resolve_targets(model, records: list[dict], target: str | None) -> tuple[list, list]:
    """Stance target per record and where it came from: option, thread, nearest, or default."""
    targets, sources = [], []
    cache: dict[str, tuple[str | None, str]] = {}
    for record in records:
        if target:
            targets.append(target)
            sources.append("option")
            continue
        if record["_thread_target"]:
            targets.append(record["_thread_target"])
            sources.append("thread")
            continue
        key = record["thread_id"]
        if key not in cache:
            nearest, _ = model.nearest_target(record["_thread_text"]) if "stance" in model.heads_ else (None, 0.0)
            cache[key] = (nearest, "nearest") if nearest else (record["thread_title"] or None, "default")
        found, source = cache[key]
        targets.append(found or "")
        sources.append(source)
    return targets, sources


def _explanations(model, texts: list[str], flagged: list[int], top: int) -> dict[int, list]:
    """Top civility n-grams of the ``flagged`` rows, from one feature matrix of those rows only."""
    if not flagged:
        return {}
    found = model.explain_many(model.transform([texts[i] for i in flagged]), "civility", top=top)
    return {i: [[name, round(w, 4)] for name, w in pairs] for i, pairs in zip(flagged, found)}


def score_records(bundle, records: list[dict], policy: FlagPolicy, target: str | None = None,
                  explain_top: int = 5) -> list[dict]:
    """Score one chunk of comment records; return output rows (see :data:`OUTPUT_COLUMNS`)."""
    model = bundle.model
    texts = [policy.mask(r["text"]) for r in records]
    targets, sources = _resolve_targets(model, records, target)
    prediction = model.predict(texts, targets)
    stance_classes = prediction.classes.get("stance", [])
    civ_classes = prediction.classes.get("civility", [])
    uncivil_col = civ_classes.index("uncivil") if "uncivil" in civ_classes else None
    p_uncivil = (prediction.proba["civility"][:, uncivil_col].tolist() if uncivil_col is not None
                 else [0.0] * len(records))
    decisions = [policy.decide(record["text"], p) for record, p in zip(records, p_uncivil)]
    flagged = [i for i, (flag, _) in enumerate(decisions) if flag != "ok"] if uncivil_col is not None else []
    explanations = _explanations(model, texts, flagged, explain_top)
    rows = []
    for i, record in enumerate(records):
        row = {k: v for k, v in record.items() if not k.startswith("_")}
        if "stance" in prediction.proba:
            p = prediction.proba["stance"][i]
            row["stance"] = str(prediction.labels["stance"][i])
            for name in ("favor", "against", "neutral"):
                row[f"p_{name}"] = round(float(p[stance_classes.index(name)]), 4) if name in stance_classes else None
            row["stance_target"] = targets[i]
            row["stance_target_source"] = sources[i]
        else:
            row.update(stance="", p_favor=None, p_against=None, p_neutral=None, stance_target="",
                       stance_target_source="")
        row["flag"], row["flag_reason"] = decisions[i]
        if uncivil_col is not None:
            row["civility"] = str(prediction.labels["civility"][i])
            row["p_uncivil"] = round(p_uncivil[i], 4)
            row["explanation"] = explanations.get(i, [])
        else:
            row.update(civility="", p_uncivil=None, explanation=[])
        rows.append({c: row.get(c) for c in OUTPUT_COLUMNS})
    return rows


def score_texts(bundle, texts: Iterable[str], target: str | None = None, policy: FlagPolicy | None = None) -> list[dict]:
    """Score plain texts (no thread) and return one output row each.

    Examples
    --------
    >>> from moderation import get_model
    >>> rows = score_texts(get_model(), ["Thanks, well argued."])  # doctest: +SKIP
    >>> rows[0]["civility"]  # doctest: +SKIP
    'civil'
    """
    policy = policy or FlagPolicy(**{k: v for k, v in bundle.thresholds.items() if k in ("review",)},
                                  threshold=bundle.thresholds.get("flag", 0.5))
    records = [{"thread_id": "", "thread_title": "", "thread_source": "", "comment_id": str(i + 1),
                "position": i + 1, "author": "", "published": "", "parent": "", "text": str(t),
                "_thread_target": "", "_thread_text": ""} for i, t in enumerate(texts)]
    return score_records(bundle, records, policy, target=target)


@dataclass
class ScoreSummary:
    """What :func:`score_to_file` did."""

    output: Path
    comments: int = 0
    flagged: int = 0
    review: int = 0
    resumed_from: int = 0
    threads: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    summary_path: Path | None = None
    report_path: Path | None = None

    def add(self, row: dict) -> None:
        """Count one scored row into its thread and the totals."""
        thread = self.threads.setdefault(row["thread_id"], {
            "thread_id": row["thread_id"], "title": row["thread_title"], "source": row["thread_source"],
            "comments": 0, "favor": 0, "against": 0, "neutral": 0, "uncivil": 0, "flagged": 0, "review": 0})
        thread["comments"] += 1
        if row["stance"] in ("favor", "against", "neutral"):
            thread[row["stance"]] += 1
        thread["uncivil"] += row["civility"] == "uncivil"
        if row["flag"] != "ok":
            thread[row["flag"]] += 1
        self.comments += 1
        self.flagged += row["flag"] == "flagged"
        self.review += row["flag"] == "review"

    def add_excerpts(self, excerpts: dict) -> None:
        """Attach article excerpts (title and body start) to the threads seen."""
        for thread_id, text in excerpts.items():
            if thread_id in self.threads:
                self.threads[thread_id]["excerpt"] = text


class UrgentRows:
    """The ``limit`` most urgent flagged or review rows: bounded memory however long the run.

    A kept reply whose parent scored OK also keeps that parent row, so the review page can show
    what the reply answers. Parents are looked up among the last ``recent`` rows of the thread
    being read (rows arrive thread by thread), which bounds memory on huge threads too.
    """

    def __init__(self, limit: int, recent: int = 10_000):
        self.limit = limit
        self.recent = recent
        self._heap: list = []
        self._seen = 0
        self._thread = None
        self._thread_rows: dict = {}
        self._parents: dict = {}

    def add(self, row: dict) -> None:
        self._seen += 1
        if not self.limit:
            return
        self._remember(row)
        if row["flag"] == "ok":
            return
        key = (row["flag"] == "flagged", row["p_uncivil"] or 0.0, -self._seen)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, (key, row))
        elif key > self._heap[0][0]:
            heapq.heapreplace(self._heap, (key, row))
        else:
            return
        parent = self._thread_rows.get(row.get("parent") or None)
        if parent is not None and parent["flag"] == "ok":
            self._parents[(row["thread_id"], parent["comment_id"])] = parent
            if len(self._parents) > 2 * self.limit:
                self._parents = self._needed_parents()

    def _remember(self, row: dict) -> None:
        if row["thread_id"] != self._thread:
            self._thread, self._thread_rows = row["thread_id"], {}
        self._thread_rows[row["comment_id"]] = row
        if len(self._thread_rows) > self.recent:
            del self._thread_rows[next(iter(self._thread_rows))]

    def _needed_parents(self) -> dict:
        wanted = {(row["thread_id"], row.get("parent")) for _, row in self._heap}
        return {key: parent for key, parent in self._parents.items() if key in wanted}

    def rows(self) -> list[dict]:
        """Kept rows, most urgent first, then the OK parents of kept replies."""
        kept = [row for _, row in sorted(self._heap, key=lambda item: item[0], reverse=True)]
        return kept + list(self._needed_parents().values())


def _chunks(iterable: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count_complete_lines(path: Path) -> int:
    """Lines fully written to a partial output; a torn last line is cut off."""
    if not path.exists():
        return 0
    with open(path, "rb+") as handle:
        data = handle.read()
        end = data.rfind(b"\n") + 1
        if end != len(data):
            handle.truncate(end)
    return data[:end].count(b"\n")


def _output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".csv", ".parquet"):
        return suffix[1:]
    raise InputError(path, f"unknown output type {suffix or '(none)'!r}", fix="end the name in .jsonl, .csv or .parquet")


def _parquet_schema():
    import pyarrow as pa

    return pa.schema([(c, pa.float64() if c.startswith("p_") else pa.int64() if c == "position" else pa.string())
                      for c in OUTPUT_COLUMNS])


def _arrow_table(rows: list[dict]):
    import pyarrow as pa

    converted = []
    for row in rows:
        row = dict(row)
        row["explanation"] = json.dumps(row["explanation"])
        row["position"] = int(row["position"]) if str(row["position"]).isdigit() else None
        converted.append(row)
    return pa.Table.from_pylist(converted, schema=_parquet_schema())


def write_rows(rows: list[dict], path: str | Path) -> Path:
    """Write scored rows to one ``.jsonl`` or ``.parquet`` file atomically (used for partitions)."""
    path = Path(path)
    fmt = _output_format(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with atomic_path(path) as tmp:
            pq.write_table(_arrow_table(rows), tmp)
    elif fmt == "jsonl":
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    else:
        raise InputError(path, "partitions are written as .jsonl or .parquet", fix="choose one of those")
    return path


def _finish(partial: Path, out: Path, fmt: str) -> None:
    """Turn the JSON Lines work file into the requested format, atomically."""
    if fmt == "jsonl":
        os.replace(partial, out)
        return
    from .csv_safe import safe_cell

    if fmt == "csv":
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle, \
                open(partial, encoding="utf-8") as source:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            for line in source:
                row = json.loads(line)
                row["explanation"] = "; ".join(f"{n} ({w:+.2f})" for n, w in row["explanation"] or [])
                writer.writerow([safe_cell(row[c]) for c in OUTPUT_COLUMNS])
    else:
        import pyarrow.parquet as pq

        with atomic_path(out) as tmp:
            writer = pq.ParquetWriter(tmp, _parquet_schema())
            try:
                for lines in _chunks(open(partial, encoding="utf-8"), 50_000):
                    writer.write_table(_arrow_table([json.loads(line) for line in lines]))
            finally:
                writer.close()
    partial.unlink()


def _run_settings(bundle, policy: FlagPolicy, target, format, on_error, inputs) -> dict:
    """What must not change between an interrupted run and its continuation."""
    return {
        "model": bundle.metadata.get("estimator_sha256", ""),
        "policy": [policy.threshold, policy.review, sorted(policy.block_terms), sorted(policy.allow_terms)],
        "target": target or "", "format": format, "on_error": on_error,
        "inputs": [str(p) for p in inputs],
    }


_WORKER_MODELS: dict = {}


def _score_in_worker(model_path: str, digest: str, chunk: list[dict], policy: FlagPolicy, target):
    # Loky reuses worker processes, so each loads the model once and keeps it.
    bundle = _WORKER_MODELS.get((model_path, digest))
    if bundle is None:
        from .bundle import load_model

        bundle = _WORKER_MODELS[(model_path, digest)] = load_model(model_path)
    return score_records(bundle, chunk, policy, target=target)


def _scored_chunks(bundle, chunks: Iterator[list[dict]], policy: FlagPolicy, target, n_jobs: int):
    """Scored rows per chunk, in input order, in this process or in a joblib pool."""
    if n_jobs == 1 or getattr(bundle, "path", None) is None:
        for chunk in chunks:
            yield score_records(bundle, chunk, policy, target=target)
        return
    from joblib import Parallel, delayed

    digest = bundle.metadata.get("estimator_sha256", "")
    with Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
        yield from parallel(delayed(_score_in_worker)(str(bundle.path), digest, chunk, policy, target)
                            for chunk in chunks)


def score_to_file(inputs: Iterable[str | Path], bundle, out: str | Path, *, policy: FlagPolicy | None = None,
                  target: str | None = None, format: str = "auto", chunk_size: int = 2000, on_error: str = "fail",
                  resume: bool = True, overwrite: bool = False, progress: Callable[[int], None] | None = None,
                  report_limit: int = 5000, n_jobs: int = 1) -> tuple[ScoreSummary, list[dict]]:
    """Score every comment of ``inputs`` into ``out`` (``.jsonl``, ``.csv`` or ``.parquet``).

    Work goes to ``OUT.partial.jsonl`` chunk by chunk; if the run is interrupted, calling
    again with the same inputs continues after the last complete chunk, so no comment is lost
    or written twice. The final file appears only when every comment is scored.

    Parameters
    ----------
    inputs : iterable of str or Path
        Anything :func:`iter_records` reads.
    bundle : ModelBundle
        A loaded model (:func:`moderation.bundle.load_model`).
    out : str or Path
        Output file; its extension picks the format.
    policy : FlagPolicy, optional
        Defaults to the model's chosen thresholds.
    target : str, optional
        Stance target for every comment, overriding threads' own.
    chunk_size : int
        Comments scored per step; memory stays bounded by this.
    on_error : {"fail", "skip"}
    resume : bool
        Continue an interrupted run instead of starting again.
    overwrite : bool
        Replace an existing output file.
    progress : callable, optional
        Called with the number of comments finished in each step.
    report_limit : int
        Return at most this many flagged or review rows (the most urgent first) for the
        review page, followed by the OK parents of the kept replies; 0 returns none.
    n_jobs : int
        Processes scoring chunks in parallel (joblib); -1 uses every core. Each worker loads
        the model once from its directory.

    Returns
    -------
    (ScoreSummary, list of dict)
        Counts per thread and in total, and the flagged rows, most urgent first, then the
        OK parent rows that give kept replies their context.
    """
    out = Path(out)
    inputs = [str(p) for p in inputs]
    fmt = _output_format(out)
    if out.exists() and not overwrite:
        raise InputError(out, "already exists", fix="pass --force to replace it, or choose another name")
    if policy is None:
        policy = FlagPolicy(threshold=bundle.thresholds.get("flag", 0.5), review=bundle.thresholds.get("review", 0.3))
    partial = out.with_name(out.name + ".partial.jsonl")
    run_meta = out.with_name(out.name + ".partial.meta.json")
    settings = _run_settings(bundle, policy, target, format, on_error, inputs)
    if resume and partial.exists():
        previous = json.loads(run_meta.read_text(encoding="utf-8")) if run_meta.exists() else None
        if previous != settings:
            changed = sorted(k for k in settings if previous is None or previous.get(k) != settings[k])
            raise InputError(partial, "was written by a run with another " + ", ".join(changed),
                             fix="rerun with the same model and options, or pass --restart to start again")
    done = _count_complete_lines(partial) if resume else 0
    if not resume and partial.exists():
        partial.unlink()
    with atomic_path(run_meta) as tmp:
        tmp.write_text(json.dumps(settings), encoding="utf-8")
    summary = ScoreSummary(output=out, resumed_from=done)
    urgent = UrgentRows(report_limit)
    excerpts: dict[str, str] = {}

    def account(row: dict) -> None:
        summary.add(row)
        urgent.add(row)


    records = iter_records(inputs, format=format, on_error=on_error, errors=summary.errors)
    # Rows already written by an interrupted run are re-read for the summary, not re-scored.
    if done:
        with open(partial, encoding="utf-8") as handle:
            for line in handle:
                account(json.loads(line))
        for _ in range(done):
            record = next(records, None)
            if record is None:
                break
            excerpts.setdefault(record["thread_id"], record["_thread_text"][:600])
        if progress:
            progress(done)

    def chunks_noting_excerpts():
        for chunk in _chunks(records, chunk_size):
            for record in chunk:
                if record["thread_id"] not in excerpts:
                    excerpts[record["thread_id"]] = record["_thread_text"][:600]
            yield chunk

    with open(partial, "a", encoding="utf-8") as handle:
        for rows in _scored_chunks(bundle, chunks_noting_excerpts(), policy, target, n_jobs):
            handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            handle.flush()
            os.fsync(handle.fileno())
            for row in rows:
                account(row)
            if progress:
                progress(len(rows))
    _finish(partial, out, fmt)
    run_meta.unlink()
    summary.add_excerpts(excerpts)
    return summary, urgent.rows()


def write_thread_summary(summary: ScoreSummary, path: str | Path) -> Path:
    """Write the per-thread summary (comments, stance distribution, uncivil share, flagged) as CSV."""
    from .csv_safe import safe_cell

    path = Path(path)
    columns = ["thread_id", "title", "source", "comments", "favor", "against", "neutral", "uncivil",
               "uncivil_share", "flagged", "review"]
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for thread in summary.threads.values():
            share = thread["uncivil"] / thread["comments"] if thread["comments"] else 0.0
            values = dict(thread, uncivil_share=round(share, 4))
            writer.writerow([safe_cell(values.get(c, "")) for c in columns])
    summary.summary_path = path
    return path

