"""Read comment-system exports (WordPress WXR, Disqus XML, isso JSON) into threads."""

from __future__ import annotations

import html as _html
import json
import re
import threading
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote_plus

import lxml.html
from lxml import etree

from ..errors import InputError
from ..threads import Comment, Thread

__all__ = ["parse_disqus", "parse_isso_json", "parse_wxr"]

_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
#: WXR 1.0, 1.1 and 1.2 use http://wordpress.org/export/1.N/ (later files https); the excerpt
#: namespace (.../1.2/excerpt/) does not match.
_WP_NS = re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/\d+(?:\.\d+)*/?$")

#: ``wp:comment_type`` values that are reader comments; every other type (pingback, trackback,
#: webmention, WooCommerce order notes...) goes to ``Thread.set_aside`` with its type as ``kind``.
_READER_COMMENT_TYPES = frozenset({"", "comment", "review"})

_WP_STATUS = {"1": "approved", "0": "unapproved", "spam": "spam", "trash": "trash", "post-trashed": "trash"}

#: Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). WordPress
#: exports often carry them from pasted text; removing them keeps every line where it was.
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_BLOCK_TAGS = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody tfoot "
    "thead tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_SKIPPED_TAGS = frozenset({"script", "style", "template"})
_TAG = re.compile(r"<[^>]*>")
_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!][^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_SPACES = re.compile(r"[ \t\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_EDGES = re.compile(r" ?\n ?")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_WP_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)")
_SIZE_LIMIT_WORDS = ("XML_PARSE_HUGE", "too big", "too long", "Huge input")
_XML_POSITION = re.compile(r",?\s*line \d+, column \d+\s*$")


def parse_wxr(text: str, source: str) -> list[Thread]:
    """Read a WordPress export (WXR 1.0, 1.1 or 1.2) into one thread per commented item.

    Items (posts, pages, attachments...) without any ``<wp:comment>`` carry nothing to moderate
    and are skipped, as are comments of items that are not in the file.

    Parameters
    ----------
    text : str
        The decoded export (its XML declaration's encoding is ignored: the text is already decoded).
    source : str
        File name recorded in each thread's ``source``; thread ids are ``NAME#post-ID``.

    Returns
    -------
    list of Thread
        In document order. Reader comments keep their WordPress id, author, GMT date (ISO 8601),
        plain text (HTML removed), parent id (None for top-level), depth from the parent chain,
        moderation status (``"approved"``, ``"unapproved"``, ``"spam"``, ``"trash"``) and their
        1-based position in the item. Pingbacks and trackbacks go to ``set_aside`` with
        ``kind`` ``"pingback"`` / ``"trackback"``.

    Raises
    ------
    InputError
        If the XML is malformed (naming the line), declares entities, or is not a WordPress export.

    Examples
    --------
    >>> wxr = '''<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
    ...   <title>Hello</title><wp:post_id>7</wp:post_id>
    ...   <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
    ...     <wp:comment_content>Nice &lt;b&gt;post&lt;/b&gt;</wp:comment_content>
    ...     <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
    ...   </wp:comment></item></channel></rss>'''
    >>> [thread] = parse_wxr(wxr, "site.xml")
    >>> thread.id, thread.comments[0].text, thread.comments[0].status
    ('site.xml#post-7', 'Nice post', 'approved')
    """
    root = _parse_xml(text, source, "WordPress")
    if _local(root) != "rss":
        raise InputError(source, f"is not a WordPress export: the root element is <{_local(root)}>, not <rss>",
                         fix="export with WordPress Tools > Export and give that .xml file")
    channel = next((child for child in root if _local(child) == "channel"), None)
    if channel is None:
        raise InputError(source, "is not a WordPress export: <rss> has no <channel>",
                         fix="export with WordPress Tools > Export and give that .xml file")
    has_wp = any(_WP_NS.match(uri or "") for uri in root.nsmap.values())
    site = None
    threads = []
    for index, child in enumerate(channel, start=1):
        local = _local(child)
        if local == "title" and child.tag == "title":
            site = _html.unescape(_text(child)) or None
        elif local == "item":
            fields = _item_fields(child)
            has_wp = has_wp or fields.pop("_has_wp")
            if fields["comments"]:
                threads.append(_wxr_thread(fields, source, site, index))
        elif _is_wp(child):
            has_wp = True
    if not has_wp:
        raise InputError(source, "is an RSS feed without WordPress export data (no wp: elements)",
                         fix="export with WordPress Tools > Export > All content, which writes a WXR file")
    return threads


def parse_disqus(text: str, source: str) -> list[Thread]:
    """Read a Disqus XML export into one thread per discussion that has posts.

    Parameters
    ----------
    text : str
        The decoded export.
    source : str
        File name recorded in each thread's ``source``; thread ids are ``NAME#thread-ID``.

    Returns
    -------
    list of Thread
        In the order of the ``<thread>`` elements; posts whose thread is not in the file are kept
        in a thread without title or URL (id ``NAME#thread-ID``), after the others. Status is
        ``"deleted"`` (``isDeleted``), ``"spam"`` (``isSpam``), ``"unapproved"`` (``isApproved``
        false, where present) or ``"approved"``. Deleted posts stay, with their (usually empty)
        text, so that replies to them keep their parent.

    Raises
    ------
    InputError
        If the XML is malformed (naming the line), declares entities, or is not a Disqus export.
    """
    root = _parse_xml(text, source, "Disqus")
    if _local(root) != "disqus":
        raise InputError(source, f"is not a Disqus export: the root element is <{_local(root)}>, not <disqus>",
                         fix="use the XML file Disqus e-mails from Admin > Moderation > Export")
    base = _base_name(source)
    meta: dict[str, dict] = {}
    posts: dict[str, list[dict]] = {}
    order: list[str] = []
    for child in root:
        local = _local(child)
        if local == "thread":
            thread_id = _dsq_id(child) or f"position-{len(meta) + 1}"
            if thread_id not in meta:
                meta[thread_id] = _disqus_thread_fields(child)
                if thread_id not in order:
                    order.append(thread_id)
        elif local == "post":
            post = _disqus_post_fields(child)
            thread_id = post.pop("thread") or "unknown"
            if thread_id not in order:
                order.append(thread_id)
            posts.setdefault(thread_id, []).append(post)
    known = [tid for tid in order if tid in meta]
    orphans = [tid for tid in order if tid not in meta]
    threads = []
    for thread_id in known + orphans:
        if not posts.get(thread_id):
            continue
        fields = meta.get(thread_id, {})
        raw = posts[thread_id]
        for number, post in enumerate(raw, start=1):
            post["id"] = post["id"] or f"c{number}"
        depths = _depths([(post["id"], post["parent"]) for post in raw])
        comments = [
            Comment(text=post["text"], id=post["id"], position=number, author=post["author"],
                    published=post["published"], parent=post["parent"], depth=depths[post["id"]],
                    status=post["status"])
            for number, post in enumerate(raw, start=1)
        ]
        threads.append(Thread(
            source=source, id=f"{base}#thread-{thread_id}", title=fields.get("title"), url=fields.get("url"),
            published=fields.get("published"), author=fields.get("author"), article=fields.get("article", ""),
            comments=comments, format="disqus",
        ))
    return threads


#: Isso's comment modes (an int in its export; anything else is no status).
_ISSO_MODES = {1: "approved", 2: "unapproved", 4: "deleted"}


def parse_isso_json(text: str, source: str) -> list[Thread]:
    """Read isso's generic JSON comment export into one thread per page that has comments.

    The shape is a list of threads ``{"id": "/path/", "title": ..., "comments": [...]}``, each
    comment ``{"id", "author", "created": "YYYY-MM-DD HH:MM:SS", "text", ...}``; an optional
    ``"parent"`` (comment id) and isso ``"mode"`` (1 approved, 2 unapproved, 4 deleted) are read
    when present. A single thread object (not in a list) is accepted too.

    Parameters
    ----------
    text : str
        The decoded JSON document.
    source : str
        File name recorded in each thread's ``source``; thread ids are ``NAME#PAGE-ID``.

    Returns
    -------
    list of Thread
        The page id becomes the thread's ``url``; a title that is still URL-encoded
        (``"Nat+%26+Miguel"``) is decoded. ``status`` is None when the export has no ``mode``.

    Raises
    ------
    InputError
        If the JSON is invalid (naming the line) or is not a list of threads with comment lists.

    Examples
    --------
    >>> doc = '[{"id": "/a/", "title": "A+post", "comments": [{"id": 1, "author": "Bo", "text": "Hi"}]}]'
    >>> [thread] = parse_isso_json(doc, "isso.json")
    >>> thread.title, thread.url, thread.comments[0].author
    ('A post', '/a/', 'Bo')
    """
    shape = "a JSON list of threads, each {\"id\", \"title\", \"comments\": [{\"id\", \"author\", \"created\", \"text\"}]}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"is not valid JSON ({exc.msg}, column {exc.colno})", line=exc.lineno,
                         fix="the export is cut off or was edited by hand; export it again") from None
    except RecursionError:
        raise InputError(source, "nests JSON too deeply to be a comment export", fix=f"give {shape}") from None
    if isinstance(data, dict) and "comments" in data:
        data = [data]
    if not isinstance(data, list):
        raise InputError(source, f"is JSON but not a comment export (top level is a {type(data).__name__})",
                         fix=f"give {shape}")
    base = _base_name(source)
    threads = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("comments", []), list):
            raise InputError(source, f"thread {number} is not an object with a 'comments' list", fix=f"give {shape}")
        raw = []
        for position, entry in enumerate(item.get("comments") or [], start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("text", ""), (str, type(None))):
                raise InputError(source, f"comment {position} of thread {number} is not an object with a 'text' string",
                                 fix=f"give {shape}")
            raw.append({
                "id": _json_str(entry.get("id")) or f"c{position}",
                "parent": _json_str(entry.get("parent")),
                "author": _json_str(entry.get("author")),
                "published": _json_date(entry.get("created")),
                "text": _plain(entry.get("text") or ""),
                "status": _ISSO_MODES.get(entry.get("mode")) if isinstance(entry.get("mode"), int) else None,
            })
        if not raw:
            continue
        depths = _depths([(c["id"], c["parent"]) for c in raw])
        page = _json_str(item.get("id"))
        comments = [Comment(text=c["text"], id=c["id"], position=position, author=c["author"],
                            published=c["published"], parent=c["parent"], depth=depths[c["id"]], status=c["status"])
                    for position, c in enumerate(raw, start=1)]
        threads.append(Thread(source=source, id=f"{base}#{page or number}", title=_url_decoded(_json_str(item.get("title"))),
                              url=page, comments=comments, format="isso-json"))
    return threads


# --- XML -------------------------------------------------------------------------------------


def _parse_xml(text: str, source: str, what: str) -> etree._Element:
    """Parse export XML with entity expansion, DTD loading and network access all off.

    libxml2's size limits (10 MB per text node) stay on, except for a document without any
    DOCTYPE that hits them: posts with inline images do, and with no DTD there is nothing to expand.
    """
    data = _INVALID_XML_CHARS.sub("", text).encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, _xml_parser(huge=False))
    except etree.XMLSyntaxError as exc:
        error = exc
        message = exc.msg or ""
        if any(word in message for word in _SIZE_LIMIT_WORDS) and b"<!DOCTYPE" not in data:
            try:
                root = etree.fromstring(data, _xml_parser(huge=True))
                error = None
            except etree.XMLSyntaxError as second:
                error = second
        if error is not None:
            raise _xml_error(error, source, what) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(source, "declares XML entities in a DOCTYPE, which are refused for safety",
                         fix=f"{what} exports have no DOCTYPE; remove it")
    return root


def _xml_parser(huge: bool) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=huge,
                           remove_comments=True, remove_pis=True, encoding="utf-8")


def _xml_error(exc: etree.XMLSyntaxError, source: str, what: str) -> InputError:
    """A one-line InputError for an lxml syntax error, with its line and a fix."""
    problem = " ".join(_XML_POSITION.sub("", " ".join((exc.msg or str(exc)).split())).split()) or "syntax error"
    if "Premature end" in problem or ("EndTag" in problem and "end of" in problem):
        fix = f"the file is cut off; export it from {what} again"
    elif "Entity" in problem and "not defined" in problem:
        fix = "HTML entities such as &nbsp; are not XML; replace them or export the file again"
    elif any(word in problem for word in _SIZE_LIMIT_WORDS):
        fix = "one text is over 10 MB (often an inline image) and the file has a DOCTYPE; remove the DOCTYPE"
    elif "depth" in problem:
        fix = "elements are nested hundreds of levels deep, which no export does; export the file again"
    else:
        fix = f"the file was changed after {what} wrote it; export it again or repair that line"
    return InputError(source, f"is not well-formed XML ({problem})", line=exc.lineno or None, fix=fix)


def _local(element) -> str:
    """The element's tag without namespace; "" for comments and other non-elements."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _namespace(element) -> str:
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


def _is_wp(element) -> bool:
    return bool(_WP_NS.match(_namespace(element)))


def _text(element) -> str:
    """All text inside an element (CDATA included), stripped."""
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def _child_text(element, local: str) -> str:
    for child in element:
        if _local(child) == local:
            return _text(child)
    return ""


# --- WordPress ---------------------------------------------------------------------------------


def _item_fields(item) -> dict:
    """Collect what a thread needs from one ``<item>``, whatever its WXR namespace version."""
    fields: dict = {"comments": [], "_has_wp": False}
    for child in item:
        local, ns = _local(child), _namespace(child)
        if not local:
            continue
        if _WP_NS.match(ns):
            fields["_has_wp"] = True
            if local == "comment":
                fields["comments"].append(_wxr_comment_fields(child))
            else:
                fields.setdefault("wp:" + local, _text(child))
        elif ns == _CONTENT_NS and local == "encoded":
            fields.setdefault("content", child)
        elif ns == _DC_NS and local == "creator":
            fields.setdefault("creator", _text(child))
        elif not ns:
            fields.setdefault(local, _text(child))
    return fields


def _wxr_comment_fields(element) -> dict:
    values = {}
    for child in element:
        local = _local(child)
        if local and local not in values:
            values[local] = child
    content = values.get("comment_content")
    parent = _text(values.get("comment_parent"))
    return {
        "id": _text(values.get("comment_id")) or None,
        "author": _html.unescape(_text(values.get("comment_author"))) or None,
        "published": _wp_date(_text(values.get("comment_date_gmt")), utc=True)
        or _wp_date(_text(values.get("comment_date")), utc=False),
        "text": _html_to_text("".join(content.itertext())) if content is not None else "",
        "parent": None if parent in ("", "0") else parent,
        "status": _wp_status(_text(values.get("comment_approved"))),
        "type": _text(values.get("comment_type")).lower(),
    }


def _wxr_thread(fields: dict, source: str, site: str | None, index: int) -> Thread:
    raw = fields["comments"]
    for number, comment in enumerate(raw, start=1):
        comment["id"] = comment["id"] or f"c{number}"
    depths = _depths([(c["id"], c["parent"]) for c in raw])
    comments: list[Comment] = []
    set_aside: list[Comment] = []
    for comment in raw:
        reader = comment["type"] in _READER_COMMENT_TYPES
        bucket = comments if reader else set_aside
        bucket.append(Comment(
            text=comment["text"], id=comment["id"], position=len(bucket) + 1, author=comment["author"],
            published=comment["published"], parent=comment["parent"], depth=depths[comment["id"]],
            status=comment["status"], kind="comment" if reader else comment["type"],
        ))
    content = fields.get("content")
    post_id = fields.get("wp:post_id")
    return Thread(
        source=source,
        id=f"{_base_name(source)}#post-{post_id}" if post_id else f"{_base_name(source)}#item-{index}",
        title=_html.unescape(fields.get("title") or "") or None,
        site=site,
        url=fields.get("link") or None,
        published=_wp_date(fields.get("wp:post_date_gmt", ""), utc=True) or _rfc822_date(fields.get("pubDate", ""))
        or _wp_date(fields.get("wp:post_date", ""), utc=False),
        author=fields.get("creator") or None,
        article=_html_to_text("".join(content.itertext())) if content is not None else "",
        comments=comments,
        format="wxr",
        set_aside=set_aside,
    )


def _wp_status(raw: str) -> str | None:
    raw = raw.strip().lower()
    if not raw:
        return None
    return _WP_STATUS.get(raw, raw)


def _wp_date(raw: str, utc: bool) -> str | None:
    """``2014-01-14 17:31:03`` -> ISO 8601 (with +00:00 for GMT fields); None when unset."""
    raw = (raw or "").strip()
    if not raw or raw.startswith("0000-00-00"):
        return None
    match = _WP_DATE.fullmatch(raw)
    try:
        moment = datetime(*map(int, match.groups()))  # much faster than strptime on big exports
    except (AttributeError, ValueError):
        return raw
    if utc:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _rfc822_date(raw: str) -> str | None:
    """An RSS ``pubDate`` -> ISO 8601; None when missing or impossible (drafts say year -0001)."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# --- Disqus ------------------------------------------------------------------------------------


def _dsq_id(element) -> str | None:
    """The ``dsq:id`` attribute (matched by local name, so any namespace prefix works)."""
    for name, value in element.attrib.items():
        if name.rsplit("}", 1)[-1] == "id" and value.strip():
            return value.strip()
    return None


def _disqus_author(element) -> str | None:
    for child in element:
        if _local(child) == "author":
            return _html.unescape(_child_text(child, "name") or _child_text(child, "username")) or None
    return None


def _disqus_thread_fields(element) -> dict:
    message = next((child for child in element if _local(child) == "message"), None)
    return {
        "title": _html.unescape(_child_text(element, "title")) or None,
        "url": _child_text(element, "link") or None,
        "published": _iso_date(_child_text(element, "createdAt")),
        "author": _disqus_author(element),
        "article": _html_to_text("".join(message.itertext())) if message is not None else "",
    }


def _disqus_post_fields(element) -> dict:
    refs = {_local(child): _dsq_id(child) for child in element if _local(child) in ("thread", "parent")}
    flags = {_local(child): _text(child).lower() for child in element
             if _local(child) in ("isDeleted", "isSpam", "isApproved")}
    if flags.get("isDeleted") in ("true", "1"):
        status = "deleted"
    elif flags.get("isSpam") in ("true", "1"):
        status = "spam"
    elif flags.get("isApproved") in ("false", "0"):
        status = "unapproved"
    else:
        status = "approved"
    message = next((child for child in element if _local(child) == "message"), None)
    return {
        "id": _dsq_id(element),
        "thread": refs.get("thread"),
        "parent": refs.get("parent"),
        "author": _disqus_author(element),
        "published": _iso_date(_child_text(element, "createdAt")),
        "text": _html_to_text("".join(message.itertext())) if message is not None else "",
        "status": status,
    }


def _iso_date(raw: str) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return raw


# --- isso JSON ---------------------------------------------------------------------------------


def _json_str(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value).strip()
    return text or None


def _json_date(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    raw = _json_str(value)
    if raw is None:
        return None
    for layout in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f"):
        try:
            return datetime.strptime(raw, layout).isoformat()
        except ValueError:
            continue
    return _iso_date(raw)


def _url_decoded(title: str | None) -> str | None:
    """Decode a title still in URL form (``Nat+%26+Miguel``); leave ordinary titles alone."""
    if title and not any(ch.isspace() for ch in title) and (
            re.search(r"%[0-9A-Fa-f]{2}", title) or re.search(r"\w\+\w", title)):
        return unquote_plus(title)
    return title


# --- shared ------------------------------------------------------------------------------------


def _base_name(source: str) -> str:
    return Path(str(source)).name or str(source)


def _depths(pairs: list[tuple[str, str | None]]) -> dict[str, int]:
    """Nesting depth of each comment id from ``(id, parent)`` pairs.

    Top-level comments are 0, a reply is one deeper than its parent; a reply whose parent is not
    in the list is 1. Parent cycles (corrupt exports) are cut, so this always ends.
    """
    parent_of: dict[str, str | None] = {}
    for comment_id, parent in pairs:
        parent_of.setdefault(comment_id, parent)
    depth: dict[str, int] = {}
    for start in parent_of:
        chain: list[str] = []
        on_chain: set[str] = set()
        current = start
        while True:
            if current in depth:
                base = depth[current]
                break
            if current in on_chain:  # a cycle: treat the link that closes it as dangling
                base = 0
                break
            chain.append(current)
            on_chain.add(current)
            parent = parent_of[current]
            if parent is None:
                base = -1
                break
            if parent not in parent_of:
                base = 0
                break
            current = parent
        for comment_id in reversed(chain):
            base += 1
            depth[comment_id] = base
    return depth


def _plain(text: str) -> str:
    """Comment text that may or may not be HTML, as plain text."""
    if _LOOKS_LIKE_HTML.search(text):
        return _html_to_text(text)
    return _tidy(text)


def _html_to_text(markup: str) -> str:
    """HTML (or plain text with some tags) -> plain text with paragraph breaks kept.

    Line breaks in the source are kept, because WordPress stores paragraphs as blank lines
    rather than ``<p>``. Walks the tree without recursion, so deep nesting cannot overflow.
    """
    if not markup or not markup.strip():
        return ""
    if "<" not in markup:
        return _tidy(_html.unescape(markup) if "&" in markup else markup)
    parser = _html_parser()
    try:
        root = etree.fromstring(markup, parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or any("depth" in entry.message for entry in parser.error_log):
        # libxml2 drops whatever is nested deeper than its limit; keep the words instead.
        return _tidy(_html.unescape(_TAG.sub(" ", markup)))
    parts: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping or tag in _SKIPPED_TAGS:
                skipping += 1
                continue
            parts.append(_opening(tag))
            if element.text:
                parts.append(element.text)
        else:
            if skipping:
                skipping -= 1
                if skipping == 0 and element.tail:
                    parts.append(element.tail)
                continue
            parts.append(_closing(tag))
            if element.tail and element is not root:
                parts.append(element.tail)
    return _tidy("".join(parts))


def _opening(tag: str) -> str:
    if tag == "br":
        return "\n"
    if tag in ("li", "tr", "dt", "dd"):
        return "\n"
    if tag in _BLOCK_TAGS:
        return "\n\n"
    if tag in _CELL_TAGS:
        return " "
    return ""


def _closing(tag: str) -> str:
    if tag in ("li", "tr", "dt", "dd"):
        return "\n"
    if tag in _BLOCK_TAGS:
        return "\n\n"
    if tag in _CELL_TAGS:
        return " "
    return ""


_PARSERS = threading.local()


def _html_parser() -> lxml.html.HTMLParser:
    """This thread's HTML parser (lxml parsers must not be shared between threads)."""
    parser = getattr(_PARSERS, "html", None)
    if parser is None:
        parser = _PARSERS.html = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    return parser


def _tidy(text: str) -> str:
    """Collapse runs of spaces, strip each line, keep at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200b", "")
    text = _LINE_EDGES.sub("\n", _SPACES.sub(" ", text))
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()
