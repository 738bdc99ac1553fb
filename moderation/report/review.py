"""The self-contained HTML review page for flagged comments."""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from numbers import Number
from pathlib import Path

import jinja2
from markupsafe import Markup

from .._io import atomic_open

__all__ = ["REVIEW_FORMAT", "render_review_page", "embed_json", "highlight_segments", "label_id"]

#: Format tag of the decision files the page exports (read by ``moderation.labels.decisions``).
REVIEW_FORMAT = "moderation.review-decisions/1"

_REQUIRED = ("thread_id", "comment_id", "text", "flag")
_STANCES = ("favor", "against", "neutral")
_FLAGS = ("flagged", "review", "ok")
_MAX_PARENT_CHARS = 400
_MAX_EXCERPT_CHARS = 600

# Characters that must not appear literally inside an inline <script> block: "<" ends it
# ("</script>") or opens "<!--", ">" and "&" for good measure, and U+2028/U+2029, which
# older JavaScript parsers treat as line ends inside string literals.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def embed_json(data) -> str:
    """Serialise ``data`` as JSON that is safe to place inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes, so no
    string in the data (``"</script>"``, ``"<!--"``) can end the element or start markup,
    and ``JSON.parse`` of the element's text gives back exactly ``data``.

    Parameters
    ----------
    data : object
        Anything :func:`json.dumps` accepts; NaN and infinities are refused.

    Returns
    -------
    str
        The escaped JSON text.

    Examples
    --------
    >>> embed_json({"text": "</script><b>&"})
    '{"text": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def label_id(thread_id: str, comment_id: str | None, position: int | None = None) -> str:
    """Return the label-file id of a comment: ``"<thread_id>-<n>"`` as the label format asks.

    A comment id that already starts with ``"<thread_id>-"`` is kept; otherwise the
    1-based page position is used, and failing that the comment id itself.

    Examples
    --------
    >>> label_id("t01-bikes", "c7", 7), label_id("t01-bikes", "t01-bikes-3", 3), label_id("t1", "x9")
    ('t01-bikes-7', 't01-bikes-3', 't1-x9')
    """
    thread_id = str(thread_id)
    comment_id = "" if comment_id is None else str(comment_id)
    if comment_id.startswith(thread_id + "-"):
        return comment_id
    if position is not None:
        return f"{thread_id}-{int(position)}"
    return f"{thread_id}-{comment_id}"


def highlight_segments(text: str, explanation: Iterable = (), blocked: Iterable[str] = ()) -> list[list]:
    """Split ``text`` into plain and highlighted pieces for the page to render as text nodes.

    Each n-gram of ``explanation`` (strongest first) is looked up case-insensitively as
    whole words, its words separated by any non-word characters; if it never occurs that
    way (character n-grams), as a plain substring. Stronger n-grams win overlaps.

    Parameters
    ----------
    text : str
        The comment.
    explanation : iterable of (str, float)
        N-grams and their weights, strongest first; weight 0 is ignored.
    blocked : iterable of str
        Blocked terms named by the flagging policy, highlighted with weight ``None``.

    Returns
    -------
    list of list
        ``[piece]`` for plain text and ``[piece, weight, ngram]`` for a highlight; the
        pieces joined give back ``text`` exactly.

    Examples
    --------
    >>> highlight_segments("You IDIOT, seriously.", [("you idiot", 0.9)])
    [['You IDIOT', 0.9, 'you idiot'], [', seriously.']]
    """
    taken = [False] * len(text)
    spans: list[tuple[int, int, float | None, str]] = []
    terms: list[tuple[str, float | None, str]] = []
    for term in blocked:
        term = str(term).strip()
        if term:
            terms.append((term, None, f"blocked term: {term}"))
    for ngram, weight in _explanation_pairs(explanation):
        if weight != 0:
            terms.append((ngram, weight, ngram))
    for needle, weight, label in terms:
        for start, end in _find(text, needle):
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            spans.append((start, end, weight, label))
    spans.sort()
    out: list[list] = []
    pos = 0
    for start, end, weight, label in spans:
        if start > pos:
            out.append([text[pos:start]])
        out.append([text[start:end], weight, label])
        pos = end
    if pos < len(text):
        out.append([text[pos:]])
    return out


def _explanation_pairs(explanation) -> list[tuple[str, float]]:
    pairs = []
    for item in explanation or ():
        try:
            ngram, weight = item[0], item[1]
            weight = float(weight)
        except (TypeError, ValueError, IndexError):
            continue
        if isinstance(ngram, str) and ngram.strip() and math.isfinite(weight):
            pairs.append((ngram, weight))
    return pairs


def _find(text: str, needle: str) -> list[tuple[int, int]]:
    words = needle.split()
    found: list[tuple[int, int]] = []
    if words and all(re.fullmatch(r"\w+", w) for w in words):
        pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
        found = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not found:
        stripped = needle.strip()
        if len(stripped) >= 3:
            pattern = r"\s+".join(re.escape(part) for part in stripped.split())
            found = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    return found


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _reason_kind(reason: str) -> str:
    """Group flag reasons for the filter: 'uncivil p=0.91 >= 0.50' -> 'uncivil'."""
    head = reason.split(":", 1)[0] if ":" in reason else reason
    words = []
    for word in head.split():
        if re.search(r"\d|[<>=]", word):
            break
        words.append(word)
    return " ".join(words).lower() or "other"


def _blocked_terms(reason: str) -> list[str]:
    match = re.search(r"blocked terms?:\s*(.+)", reason, re.IGNORECASE)
    if not match:
        return []
    return [t.strip() for t in match.group(1).split(",") if t.strip()]


def _jsonable(value):
    """Model info made JSON-safe: numbers, strings, lists and dicts; anything else as text."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, Number):
        number = _number(value)
        return int(value) if isinstance(value, int) else number
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def _info_items(model_info) -> list[tuple[str, str]]:
    items = []
    for key, value in (model_info or {}).items():
        if isinstance(value, (Mapping, list, tuple)):
            shown = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True)
        else:
            shown = _text(value)
        items.append((str(key), shown))
    return items


def _prepare(rows: list[Mapping], threads: Mapping) -> dict:
    counts = {"total": 0, "flagged": 0, "review": 0, "ok": 0}
    thread_order: list[str] = []
    per_thread: dict[str, dict] = {}
    by_comment: dict[tuple[str, str], Mapping] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise TypeError(f"row {number} is a {type(row).__name__}, expected a dict of scored comment fields")
        missing = [k for k in _REQUIRED if k not in row]
        if missing:
            raise ValueError(f"row {number} lacks {', '.join(missing)}; scored rows need {', '.join(_REQUIRED)}")
        flag = _text(row["flag"])
        if flag not in _FLAGS:
            raise ValueError(f"row {number} has flag {flag!r}; expected one of {', '.join(_FLAGS)}")
        tid = _text(row["thread_id"])
        if tid not in per_thread:
            thread_order.append(tid)
            per_thread[tid] = {"total": 0, "flagged": 0, "review": 0, "ok": 0, "first": row}
        per_thread[tid]["total"] += 1
        per_thread[tid][flag] += 1
        counts["total"] += 1
        counts[flag] += 1
        by_comment[(tid, _text(row["comment_id"]))] = row

    items = []
    for row in rows:
        if row["flag"] == "ok":
            continue
        tid = _text(row["thread_id"])
        cid = _text(row["comment_id"])
        parent = _text(row.get("parent"))
        parent_row = by_comment.get((tid, parent)) if parent else None
        parent_text = _text(parent_row.get("text")) if parent_row is not None else ""
        if len(parent_text) > _MAX_PARENT_CHARS:
            parent_text = parent_text[:_MAX_PARENT_CHARS].rstrip() + "…"
        position = row.get("position")
        position = int(position) if _number(position) is not None else None
        parent_position = None
        if parent_row is not None and _number(parent_row.get("position")) is not None:
            parent_position = int(parent_row.get("position"))
        text = _text(row["text"])
        reason = _text(row.get("flag_reason"))
        stance = _text(row.get("stance"))
        civility = _text(row.get("civility"))
        items.append({
            "comment_id": cid,
            "thread_id": tid,
            "label_id": label_id(tid, cid, position),
            "parent_label_id": label_id(tid, parent, parent_position) if parent else "",
            "position": position,
            "author": _text(row.get("author")),
            "published": _text(row.get("published")),
            "parent": parent,
            "parent_position": parent_position,
            "parent_text": parent_text,
            "text": text,
            "segments": highlight_segments(text, row.get("explanation") or (), _blocked_terms(reason)),
            "stance": stance if stance in _STANCES else "",
            "stance_target": _text(row.get("stance_target")),
            "stance_target_source": _text(row.get("stance_target_source")),
            "p_favor": _number(row.get("p_favor")),
            "p_against": _number(row.get("p_against")),
            "p_neutral": _number(row.get("p_neutral")),
            "civility": civility if civility in ("civil", "uncivil") else "",
            "p_uncivil": _number(row.get("p_uncivil")),
            "flag": row["flag"],
            "flag_reason": reason,
            "reason_kind": _reason_kind(reason),
            "explanation": [[n, round(w, 4)] for n, w in _explanation_pairs(row.get("explanation"))][:12],
        })

    # Rows may hold only the flagged and review comments (the scorer streams the rest away):
    # the threads' comment counts then supply the comments that scored OK.
    for tid, info in threads.items():
        tid = _text(tid)
        if tid not in per_thread:
            per_thread[tid] = {"total": 0, "flagged": 0, "review": 0, "ok": 0, "first": {}}
        declared = _number((info or {}).get("comment_count"))
        missing = int(declared) - per_thread[tid]["total"] if declared is not None else 0
        if missing > 0:
            per_thread[tid]["total"] += missing
            per_thread[tid]["ok"] += missing
            counts["total"] += missing
            counts["ok"] += missing

    thread_list = []
    for tid in thread_order:
        info = threads.get(tid) or {}
        first = per_thread[tid].pop("first")
        excerpt = _text(info.get("article_excerpt"))
        if len(excerpt) > _MAX_EXCERPT_CHARS:
            excerpt = excerpt[:_MAX_EXCERPT_CHARS].rstrip() + "…"
        thread_list.append({
            "thread_id": tid,
            "title": _text(info.get("title")) or _text(first.get("thread_title")) or tid,
            "source": _text(info.get("source")) or _text(first.get("thread_source")),
            "url": _text(info.get("url")),
            "excerpt": excerpt,
            "comment_count": per_thread[tid]["total"],
            "counts": per_thread[tid],
        })
    return {"counts": counts, "threads": thread_list, "items": items}


def _iso_utc(moment: _dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_review_page(rows, threads, path, *, title: str = "Comment review", model_info: Mapping | None = None,
                       generated: _dt.datetime | None = None) -> Path:
    """Write one self-contained HTML page for triaging the flagged comments of a scoring run.

    The page lists every comment whose ``flag`` is not ``"ok"``, grouped by thread, with
    the n-grams that drove its score highlighted, and shows counts for all rows. A
    moderator triages with the keyboard (``?`` in the page lists the keys) and exports the
    decisions as JSON or CSV for :func:`moderation.labels.decisions.read_decisions`.
    Decisions also survive a reload through the browser's localStorage, keyed by the
    report id (a hash of the page's data).

    The page loads nothing: CSS and JavaScript are inline and allowed by a
    Content-Security-Policy that names their hashes and forbids every other source. The
    comment data sits in a ``<script type="application/json">`` block escaped by
    :func:`embed_json`, and the script renders it with ``textContent`` only.

    Parameters
    ----------
    rows : iterable of dict
        Scored comments with at least ``thread_id``, ``comment_id``, ``text`` and ``flag``
        (``"flagged"``, ``"review"`` or ``"ok"``); the scorer's other fields (stance and
        civility labels and probabilities, ``flag_reason``, ``explanation``...) are shown
        when present. Rows that scored OK may be left out: a thread's ``comment_count``
        larger than its rows counts the rest as OK. Passing them keeps the text of OK
        parents as context for replies.
    threads : dict
        ``thread_id`` -> ``{"title", "source", "url", "article_excerpt", "comment_count"}``;
        missing threads fall back to the rows' ``thread_title`` / ``thread_source``.
    path : str or Path
        The HTML file to write (atomically; parent folders are created).
    title : str
        Page heading.
    model_info : dict, optional
        Shown in the header and copied into exports (model name, version, thresholds...).
    generated : datetime, optional
        Time shown as "generated"; now by default. Fix it for byte-identical pages.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError, TypeError
        If a row is not a dict, lacks a required field or has an unknown flag.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "review.html"
    >>> rows = [{"thread_id": "t1", "comment_id": "c1", "text": "</script>hi", "flag": "flagged"}]
    >>> page = render_review_page(rows, {"t1": {"title": "Bike lanes"}}, out).read_text()
    >>> "</script>hi" in page
    False
    """
    rows = list(rows)
    payload = _prepare(rows, threads or {})
    report_id = hashlib.sha256(
        json.dumps([payload, title], sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:16]
    payload.update({
        "format": REVIEW_FORMAT,
        "report_id": report_id,
        "title": str(title),
        "generated": _iso_utc(generated or _dt.datetime.now(_dt.UTC)),
        "model_info": _jsonable(dict(model_info)) if model_info else None,
    })
    script = _asset("review.js")
    style = _asset("review.css")
    for name, source in (("review.js", script), ("review.css", style)):
        if re.search(r"</(script|style)|<!--", source, re.IGNORECASE):
            raise RuntimeError(f"{name} contains a closing tag and cannot be inlined")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_csp_hash(script)}",
        f"style-src {_csp_hash(style)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    html = _environment().get_template("review.html.j2").render(
        title=str(title),
        csp=csp,
        style=Markup(style),
        script=Markup(script),
        data_json=Markup(embed_json(payload)),
        report_id=report_id,
        generated=payload["generated"].replace("T", " ")[:16] + " UTC",
        counts=payload["counts"],
        threads=payload["threads"],
        model_items=_info_items(model_info),
    )
    path = Path(path)
    with atomic_open(path, newline="\n") as handle:
        handle.write(html)
    return path
