"""Read pages and comment exports into :class:`~moderation.threads.Thread` objects."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError
from ..threads import Thread, iter_threads_jsonl
from ._decode import decode_bytes, looks_binary

__all__ = ["FORMATS", "detect_format", "parse_bytes", "parse_file", "parse_string"]

#: Formats ``parse`` understands; ``auto`` detects one from the content.
FORMATS = ("auto", "text", "html", "wxr", "disqus", "isso-json", "jsonl")

#: Refuse pages larger than this; a saved page is rarely over a few MB.
MAX_BYTES = 64 * 1024 * 1024

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<title|<div|<p[\s>])", re.I | re.S)


def detect_format(text: str, name: str = "") -> str:
    """Guess the format of a document from its content (and, as a tie-break, its name).

    Parameters
    ----------
    text : str
        The decoded document.
    name : str
        File name, used only when the content is ambiguous.

    Returns
    -------
    str
        One of :data:`FORMATS` other than ``"auto"``.
    """
    head = text[:5000].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<disqus"):
        if "<disqus" in head or "disqus.com" in head[:2000]:
            return "disqus"
        if "wordpress.org/export" in head or "<wp:" in text[:200_000] or "<rss" in head:
            return "wxr"
    if head.startswith("{"):
        first = head.splitlines()[0]
        try:
            record = json.loads(first)
            if isinstance(record, dict) and str(record.get("schema", "")).startswith("moderation.thread/"):
                return "jsonl"
        except ValueError:
            pass
    if head.startswith(("{", "[")):
        return "isso-json"
    if _HTML_START.match(head) or (name.lower().endswith((".html", ".htm")) and "<" in head):
        return "html"
    return "text"


def parse_string(text: str, source: str = "<string>", format: str = "auto") -> list[Thread]:
    """Parse an already decoded document.

    Parameters
    ----------
    text : str
        Page text, HTML, or an export.
    source : str
        Name recorded in each thread's ``source``.
    format : str
        One of :data:`FORMATS`.

    Returns
    -------
    list of Thread
        One thread for a page; one per article for exports.

    Examples
    --------
    >>> threads = parse_string("A title\\n\\nSome article text.\\n", format="text")
    >>> threads[0].title
    'A title'
    """
    if format not in FORMATS:
        raise InputError(source, f"unknown format {format!r}", fix="use one of " + ", ".join(FORMATS))
    if format == "auto":
        format = detect_format(text, source)
    if format == "text":
        from .text import parse_text_page

        return [parse_text_page(text, source=source)]
    if format == "html":
        from .html import parse_html_page

        return [parse_html_page(text, source=source)]
    if format == "wxr":
        from .exports import parse_wxr

        return parse_wxr(text, source=source)
    if format == "disqus":
        from .exports import parse_disqus

        return parse_disqus(text, source=source)
    if format == "isso-json":
        from .exports import parse_isso_json

        return parse_isso_json(text, source=source)
    # jsonl
    import io

    threads = []
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            threads.append(Thread.from_dict(json.loads(line)))
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(source, f"not a thread record: {exc}", line=number) from None
    return threads


def parse_bytes(data: bytes, source: str = "<bytes>", format: str = "auto") -> list[Thread]:
    """Decode ``data`` (any encoding) and parse it; see :func:`parse_string`."""
    if not data.strip():
        raise InputError(source, "is empty", fix="give a saved page or an export file")
    if len(data) > MAX_BYTES:
        raise InputError(source, f"is {len(data) // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit",
                         fix="split the export, or pass pages one by one")
    if looks_binary(data):
        raise InputError(source, "is binary data, not a page or export", fix="give an .html, .txt, .xml or .jsonl file")
    return parse_string(decode_bytes(data), source=source, format=format)


def parse_file(path: str | Path, format: str = "auto") -> list[Thread]:
    """Read and parse one file (``"-"`` reads standard input).

    Raises
    ------
    InputError
        If the file is missing, empty, binary, too large or malformed.
    """
    if str(path) == "-":
        import sys

        return parse_bytes(sys.stdin.buffer.read(), source="<stdin>", format=format)
    path = Path(path)
    if format == "jsonl" or (format == "auto" and path.suffix == ".jsonl"):
        return list(iter_threads_jsonl(path))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", fix="give the files inside it, or use 'score' which walks directories") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    return parse_bytes(data, source=str(path), format=format)
