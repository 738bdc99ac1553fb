"""Read pages and comment exports into :class:`~moderation.threads.Thread` objects."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from ..errors import InputError
from ..threads import Thread, iter_threads_jsonl
from ._decode import binary_kind, clean_text, decode_bytes, repair_mojibake

__all__ = ["FORMATS", "MAX_BYTES", "detect_format", "parse_bytes", "parse_file", "parse_string"]

#: Formats ``parse`` understands; ``auto`` detects one from the content.
FORMATS = ("auto", "text", "html", "wxr", "disqus", "isso-json", "jsonl")

#: Refuse pages larger than this; a saved page is rarely over a few MB.
MAX_BYTES = 64 * 1024 * 1024

#: HTML element names; a document whose first element is one of them is read as HTML.
_HTML_TAGS = frozenset(
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center "
    "cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption "
    "figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input "
    "ins kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option output "
    "p picture pre progress q rp rt ruby s samp script search section select slot small source span strong "
    "style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul var "
    "video wbr".split()
)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w.:-]*)")
_JSON_START = re.compile(r'(?:\[\s*)?\{\s*"')
_PAGE_ROOT = re.compile(r"<(?:html|body)[\s>]", re.I)
_SHAPES = "a saved page (.html or .txt), a WordPress (WXR) or Disqus XML export, isso JSON, or thread JSON Lines"


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

    Examples
    --------
    >>> detect_format('<?xml version="1.0"?><disqus xmlns="http://disqus.com"></disqus>')
    'disqus'
    >>> detect_format("[Updated] Council votes on the bridge\\n\\nThe council voted...")
    'text'
    """
    head = text[:5000].lstrip("\ufeff \t\r\n")
    root = _root_tag(head)
    if root is not None:
        local = root.rsplit(":", 1)[-1]
        if local == "disqus":
            return "disqus"
        if local == "rss":
            return "wxr"
        if local in _HTML_TAGS:
            return "html"
    if _JSON_START.match(head):
        if head.startswith("{") and _is_thread_record(text.lstrip("\ufeff \t\r\n").partition("\n")[0]):
            return "jsonl"
        return "isso-json"
    lower_name = str(name).lower()
    if _PAGE_ROOT.search(head) or (lower_name.endswith((".html", ".htm", ".xhtml")) and "<" in head):
        return "html"
    if lower_name.endswith(".jsonl") and head.startswith("{"):
        return "jsonl"
    return "text"


def parse_string(text: str, source: str = "<string>", format: str = "auto", frames=None) -> list[Thread]:
    """Parse an already decoded document.

    Control characters that no page shows (NUL, escape...) are removed first; line breaks stay,
    so line numbers still match the file.

    Parameters
    ----------
    text : str
        Page text, HTML, or an export.
    source : str
        Name recorded in each thread's ``source``.
    format : str
        One of :data:`FORMATS`.
    frames : callable, optional
        For HTML pages: ``frames(src)`` returns the saved document of a frame, or None (see
        :func:`moderation.parsing.html.parse_html_page`).

    Returns
    -------
    list of Thread
        One thread for a page; one per article with comments for exports.

    Raises
    ------
    InputError
        If the document is empty, of an unknown kind, or malformed for its format.

    Examples
    --------
    >>> threads = parse_string('[{"id": "/a/", "title": "A", "comments": [{"id": 1, "text": "Hi"}]}]')
    >>> threads[0].format, threads[0].comments[0].text
    ('isso-json', 'Hi')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_string needs str, not {type(text).__name__}; use parse_bytes for bytes")
    if format not in FORMATS:
        raise InputError(source, f"unknown format {format!r}", fix="use one of " + ", ".join(FORMATS))
    text = clean_text(text).removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source, "is empty", fix=f"give {_SHAPES}")
    if format == "auto":
        format = detect_format(text, source)
        if format in ("text", "html"):
            foreign = _foreign_xml_root(text)
            if foreign:
                raise InputError(source, f"is an XML document with root <{foreign}>, which is not a page or a known export",
                                 fix=f"give {_SHAPES}, or choose the format 'text' to read it as plain text")
    if format == "text":
        from .text import parse_text_page

        # saved pages may carry mojibake; exports are the comment system's own records, kept as they are
        return [parse_text_page(repair_mojibake(text), source=source)]
    if format == "html":
        from .html import parse_html_page

        return [parse_html_page(repair_mojibake(text), source=source, frames=frames)]
    if format == "wxr":
        from .exports import parse_wxr

        return parse_wxr(text, source=source)
    if format == "disqus":
        from .exports import parse_disqus

        return parse_disqus(text, source=source)
    if format == "isso-json":
        from .exports import parse_isso_json

        return parse_isso_json(text, source=source)
    return _parse_jsonl(text, source)


def parse_bytes(data: bytes, source: str = "<bytes>", format: str = "auto", frames=None) -> list[Thread]:
    """Decode ``data`` (any encoding) and parse it; see :func:`parse_string`.

    Parameters
    ----------
    data : bytes
        The file content.
    source : str
        Name recorded in each thread's ``source`` and used in error messages.
    format : str
        One of :data:`FORMATS`.
    frames : callable, optional
        Passed to :func:`parse_string`.

    Returns
    -------
    list of Thread

    Raises
    ------
    InputError
        If ``data`` is empty, binary, over :data:`MAX_BYTES`, or malformed for its format.
    """
    if isinstance(data, str):
        raise TypeError("parse_bytes needs bytes; use parse_string for text")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise InputError(source, f"is over the {MAX_BYTES // 2**20} MB limit",
                         fix="split the export, or pass pages one by one")
    if not data or data.isspace():
        raise InputError(source, "is empty", fix=f"give {_SHAPES}")
    kind = binary_kind(data)
    if kind is not None:
        fix = "decompress it first" if "compressed" in kind or "archive" in kind else f"give {_SHAPES}"
        raise InputError(source, f"is {kind}, not a page or export", fix=fix)
    return parse_string(decode_bytes(data), source=source, format=format, frames=frames)


def parse_file(path: str | Path, format: str = "auto") -> list[Thread]:
    """Read and parse one file (``"-"`` reads standard input).

    Parameters
    ----------
    path : str or Path
        The file; ``.jsonl`` files are read as thread JSON Lines one record at a time.
    format : str
        One of :data:`FORMATS`.

    Returns
    -------
    list of Thread

    Raises
    ------
    InputError
        If the file is missing, empty, binary, too large or malformed.
    """
    if str(path) == "-":
        import sys

        return parse_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), source="<stdin>", format=format)
    path = Path(path)
    if format == "jsonl" or (format == "auto" and path.suffix.lower() == ".jsonl"):
        try:
            return list(iter_threads_jsonl(path))
        except (AttributeError, RecursionError, TypeError) as exc:
            raise InputError(path, f"holds a record that is not a thread ({type(exc).__name__})",
                             fix="each line must be one JSON object written by 'moderation parse'") from None
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                raise InputError(path, f"is {info.st_size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit",
                                 fix="split the export, or pass pages one by one")
            data = handle.read(MAX_BYTES + 1)  # bounded, so /dev/zero or an endless pipe cannot exhaust memory
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", fix="give the files inside it, or use 'score' which walks directories") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise InputError(path, f"is not a usable path ({exc})") from None
    return parse_bytes(data, source=str(path), format=format, frames=_saved_frames(path))


#: Most bytes of saved frame documents read beside one page, all its frames together.
_MAX_FRAME_BYTES = 20 * 2**20


def _saved_frames(page: Path):
    """A reader of the frame documents a browser saved beside ``page`` ("Page_files/saved_resource.html").

    Only relative ``src`` values are followed, only to ``.html``/``.htm`` files inside the page's own
    folder, and only up to :data:`_MAX_FRAME_BYTES` for all frames together; anything else (a web address, ``../`` out of the
    folder, a missing or binary file) reads as no document.
    """
    from urllib.parse import unquote, urlsplit

    folder = page.parent.resolve()
    budget = [_MAX_FRAME_BYTES]  # for all of the page's frames together, so twenty frames cannot make 400 MB

    def read(src: str) -> str | None:
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
            return None
        try:
            target = (folder / unquote(parts.path)).resolve()
            if folder not in target.parents or target.suffix.lower() not in (".html", ".htm"):
                return None
            if not target.is_file() or target.stat().st_size > budget[0]:
                return None
            data = target.read_bytes()[:budget[0]]
            budget[0] -= len(data)
        except (OSError, ValueError):
            return None
        if binary_kind(data) is not None:
            return None
        return decode_bytes(data)

    return read


def _root_tag(head: str) -> str | None:
    """Name of the first element after any XML declaration, processing instructions, comments, doctype."""
    position = 0
    while True:
        while position < len(head) and head[position].isspace():
            position += 1
        if head.startswith("<?", position):
            end = head.find("?>", position + 2)
            if end < 0:
                return None
            position = end + 2
        elif head.startswith("<!--", position):
            end = head.find("-->", position + 4)
            if end < 0:
                return None
            position = end + 3
        elif head[position:position + 9].lower() == "<!doctype":
            if head[position + 9:position + 14].strip().lower().startswith("html"):
                return "html"
            end = head.find(">", position)
            if end < 0:
                return None
            position = end + 1
        else:
            break
    match = _FIRST_TAG.match(head, position)
    return match.group(1).lower() if match else None


def _foreign_xml_root(text: str) -> str | None:
    """Root element of an XML document (one with an XML declaration) that no parser here reads."""
    head = text[:5000].lstrip("\ufeff \t\r\n")
    if not head.startswith("<?xml"):
        return None
    root = _root_tag(head)
    if root is None or root.rsplit(":", 1)[-1] in _HTML_TAGS:
        return None
    return root


def _is_thread_record(line: str) -> bool:
    """True when a line is a JSON object written by ``moderation parse`` (a thread record)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return False
    if not isinstance(record, dict):
        return False
    if str(record.get("schema", "")).startswith("moderation.thread/"):
        return True
    return "source" in record and ("comments" in record or "article" in record)


def _parse_jsonl(text: str, source: str) -> list[Thread]:
    threads = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("record is not a JSON object")
            threads.append(Thread.from_dict(record))
        except RecursionError:
            raise InputError(source, "not a thread record: JSON nested too deeply", line=number) from None
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(source, f"not a thread record: {exc}", line=number,
                             fix="each line must be one JSON object written by 'moderation parse'") from None
    return threads
