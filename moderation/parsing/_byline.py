"""Find the story's own byline on an HTML page: when it was published and who wrote it.

Most pages have no ``article:published_time`` meta tag; they show the date and the author in a
line under (or a date header over) the headline: "by Ann Lee on January 31, 2011", "Posted on
October 12th, 2012", ``<abbr class="published" title="2012-10-12">``. This module looks there:
marked-up dates and authors in the headline's story box first, then the text just around the
headline. Comment sections are never read, so a commenter's name or date cannot be taken.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from lxml import etree

from ._title import _clean, _key, choose_title, page_headings, site_names

__all__ = ["DATE_IN_TEXT", "author_in_lines", "byline_name", "find_byline", "story_metadata"]

_MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A date as bylines write it: "January 31, 2011", "31 Jan 2011", "Oct 25th, 2012", "2012-10-25", "10/25/2012",
#: with a time before or after it.
DATE_IN_TEXT = re.compile(
    r"(?:\b\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?,?\s+(?:on\s+)?)?"  # a time before the date ("11:08pm January 8, 2008")
    rf"\b(?:{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH_NAMES},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d(?![\d:]))"  # not "28.09.1913:55": a two-digit year glued to a time
    r"(?:,?\s+(?:at\s+|@\s*|[-\u2013]\s+)?\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?)?",  # "at 2:13 pm", "@ 8:48 pm", "- 14:45"
    re.I,
)
#: "by Ann Lee", "Posted by annlee on", "Written by: Ann Lee |", "Von Ann Lee am".
_BY = re.compile(
    r"(?:^|[\s|(])(?:posted|written|published|filed)?\s*(?:by|von|par|door|di)\s*:?\s+"
    r"(?P<name>[^\s|,:;()]+(?:\s+(?!on\b|am\b|at\b|in\b|le\b|il\b|op\b)[^\s|,:;()]+){0,3}?)"
    r"(?=\s*(?:$|[|,:;()\-\u2013\u2014\u00b7\u2022]|\s(?:on|am|at|in|le|il|op)\b|\s\d))",
    re.I,
)
_AUTHOR_MARK = re.compile(r"author|byline|vcard|posted-?by|writer|contributor", re.I)
_COMMENTS = re.compile(r"comment|respond|reply|discussion|disqus", re.I)
_PRECEDING_TEXT = etree.XPath("preceding::text()[normalize-space()][position() <= 8]")
#: Candidates for a marked-up date and author, picked in libxml2 (the rules below decide).
_DATE_MARKUP = etree.XPath(".//*[@itemprop or @datetime or (self::abbr and @title)]")
_AUTHOR_MARKUP = etree.XPath(
    ".//*[@rel = 'author' or @itemprop = 'author' or contains(@class, 'uthor') or contains(@class, 'yline')"
    " or contains(@class, 'vcard') or contains(@class, 'osted') or contains(@id, 'uthor')]")
_RANK = ("h1", "h2", "h3", "h4", "header", "div", "p", "span", "a")
_INLINE = frozenset("a abbr b cite em font i small span strong time u sup sub".split())
#: How much text around the headline a byline may sit in.
_AFTER_CHARS = 400
_BEFORE_CHARS = 160
_MAX_NAME_CHARS = 60
_STORY_BOX_CHARS = 600
_BYLINE_CHARS = 150
_EDGE = " .,;:|-\u2013\u2014"
#: How far into a byline line "by" may start ("Posted on May 2, 2012 by Ann Lee").
_BYLINE_LEAD = 40
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al"})
_NOT_NAMES = frozenset({
    "admin", "the", "a", "an", "email", "e-mail", "rss", "category", "tags", "posted", "staff", "me", "us", "you",
    "this", "our", "my", "user", "date", "updated", "published", "below", "above", "stand", "veröffentlicht",
    "unknown", "week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"})


def _label(el) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''} {el.get('itemprop') or ''} {el.get('rel') or ''}"


class _CommentParts:
    """Whether an element sits in a comment section or a comment; answers are memoised per page."""

    def __init__(self):
        self._memo: dict = {}

    def __contains__(self, el) -> bool:
        path = []
        node = el
        answer = False
        while node is not None:
            known = self._memo.get(node)
            if known is not None:
                answer = known
                break
            path.append(node)
            if isinstance(node.tag, str) and _COMMENTS.search(f"{node.get('id') or ''} {node.get('class') or ''}"):
                answer = True
                break
            node = node.getparent()
        for seen in path:
            self._memo[seen] = answer
        return answer


def _headline_element(root, title: str, comments, headings: list):
    """The element that shows the headline: a heading before a link of the same words (a sidebar
    list of recent posts often repeats the headline above the story)."""
    want = _key(title)
    if not want:
        return None
    for el, _, text, _ in headings:
        if _key(text) == want and el not in comments:
            return _innermost(el, want)
    # the title came from <title> or og:title and no heading shows it: look wider, cheaply first
    first = title.split()[0].lower()
    body = root.find("body")
    best, best_rank = None, len(_RANK)
    for el in (body if body is not None else root).iter(*_RANK):
        text = el.text
        if not text or first not in text[:120].lower():
            continue
        if _key(el.text_content()) != want or el in comments:
            continue
        el = _innermost(el, want)
        rank = _RANK.index(el.tag) if el.tag in _RANK else len(_RANK) - 1
        if rank < best_rank:
            best, best_rank = el, rank
    return best


def _innermost(el, want: str):
    """The innermost element under ``el`` whose text is still the whole headline."""
    while True:
        inner = [c for c in el if isinstance(c.tag, str) and _key(c.text_content()) == want]
        if not inner:
            return el
        el = inner[0]


def _story_box(headline):
    """The smallest box around the headline that holds a story's worth of text."""
    box = headline
    for anc in headline.iterancestors():
        box = anc
        if len(anc.text_content()) > _STORY_BOX_CHARS or anc.tag in ("article", "body"):
            break
    return box


def _text_around(headline, box, comments) -> tuple[list[str], list[str]]:
    """Lines of text just before and just after the headline, in reading order, outside comments.

    After: the headline's story box read from the headline on; inline elements (a link around a
    name, a span around a date) stay on their line, so "by <a>Ann Lee</a> on <span>May 2,
    2012</span>" reads as one line. Before: the last few text pieces above the headline (a date
    header).
    """
    lines: list[list[str]] = [[]]
    seen_headline = False

    def add(chunk: str | None, new_line: bool) -> None:
        if new_line and lines[-1]:
            lines.append([])
        chunk = _clean(chunk or "")
        if chunk:
            lines[-1].append(chunk)

    parent = headline.getparent()
    walker = etree.iterwalk(parent if box is headline and parent is not None else box, events=("start", "end"))
    for event, el in walker:
        if el is headline:
            if event == "start":
                seen_headline = True
                walker.skip_subtree()
            else:
                add(el.tail, True)
            continue
        if not seen_headline:
            continue
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript"):
            if event == "start":
                walker.skip_subtree()
            else:
                add(el.tail, False)
            continue
        block = el.tag not in _INLINE
        if event == "start":
            if el in comments:
                break
            add(el.text, block)
        else:
            add(el.tail, block)
            if sum(len(c) for line in lines for c in line) > _AFTER_CHARS:
                break
    after = [" ".join(line) for line in lines if line]
    before: list[str] = []
    for text in reversed(_PRECEDING_TEXT(headline)):  # nearest first
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style", "noscript", "title"):
            continue
        before.insert(0, _clean(text))
        if sum(map(len, before)) > _BEFORE_CHARS or len(before) >= 4:
            break
    return before, after


def _marked_date(box, parse_date, comments) -> str | None:
    for el in _DATE_MARKUP(box):
        if el in comments:
            continue
        prop = (el.get("itemprop") or "").lower()
        if prop in ("datepublished", "datecreated"):
            found = parse_date(el.get("content") or el.get("datetime") or el.text_content())
            if found:
                return found
        if el.tag == "abbr" and "published" in (el.get("class") or "") and el.get("title"):
            found = parse_date(el.get("title"))
            if found:
                return found
        if el.tag == "time" and el.get("datetime"):
            found = parse_date(el.get("datetime"))
            if found:
                return found
    return None


def _date_in(chunks: list[str], parse_date) -> str | None:
    """The first date in a byline-sized line (a date in running text is what the story is about)."""
    for chunk in chunks:
        if len(chunk) > _BYLINE_CHARS:
            continue
        for match in DATE_IN_TEXT.finditer(chunk):
            found = parse_date(match.group(0))
            if found:
                return found
    return None


def _name(text: str) -> str | None:
    """The person's name in a byline's text, or None when it names nobody ("Updated:", "Friday")."""
    name = _clean(text).strip(_EDGE)
    name = re.sub(r"^(?:Author|Autor)(?=[A-Z])", "", name)  # "AuthorAnn Lee": a label run into the name
    name = re.sub(r"^(?:(?:posted|written|published)?\s*(?:by|von|par)(?:\s*:\s*|\s+)|(?:author|autor)\b\s*:?\s*)",
                  "", name, flags=re.I)
    # a date run into the name ("Ann LeeOctober 8, 2012", "Ann Lee October 8") is not part of it
    # ("skeptic9", "th3Chris": digits inside a user name stay)
    name = re.sub(rf"(?:\s*(?:{_MONTH_NAMES})\s*\d|\s+\d|(?<=[^\W\d_])(?=\d{{1,2}}[./-]\d)).*$", "", name, flags=re.I)
    name = re.sub(rf"(?:(?<=[a-z])|\s+)(?:{_MONTH_NAMES})$", "", name, flags=re.I).strip(_EDGE)
    name = re.sub(r"(?<=[a-z])(?:Email|E-mail|RSS|wrote)(?:\s+Author)?$", "", name)  # "Ann LeeEmail Author": a control run in
    # controls and verbs after the name ("Ann Lee posted", "Ann Lee RSS feed", "Ann Lee on")
    name = re.sub(r"(?:\s+(?:on|am|posted|wrote|rss|feed|email|e-mail|author|updated)\b:?|\s*[/|\u2014\u2013])+$", "",
                  name, flags=re.I).strip(_EDGE)
    if not name or len(name) > _MAX_NAME_CHARS or name.lower() in _NOT_NAMES or DATE_IN_TEXT.search(name):
        return None
    if not re.search(r"[^\W\d_]", name) or len(name.split()) > 4:
        return None
    return name


def _marked_author(box, comments) -> str | None:
    for el in _AUTHOR_MARKUP(box):
        if el in comments:
            continue
        label = _label(el)
        if "author" in (el.get("rel") or "").lower() or (el.get("itemprop") or "").lower() == "author":
            name = _name(el.text_content())
            if name:
                return name
        if _AUTHOR_MARK.search(label):
            text = _clean(el.text_content())
            if len(text) > _BYLINE_CHARS:
                continue  # a box whose class names its author (post by-ann), not a byline
            by = _BY.search(text)
            name = _name(by.group("name")) if by else (_name(text) if len(text) <= _MAX_NAME_CHARS else None)
            if name:
                return name
    return None


def _author_in(chunks: list[str]) -> str | None:
    """A name after "by" in running text: capitalised words ("by Ann Lee"), or one handle before
    "on" and a date ("by annlee on May 2"); "by the end of" names nobody."""
    for chunk in chunks:
        if len(chunk) > _BYLINE_CHARS:
            continue  # running text: "hit by Storm Ann" is no byline
        for by in _BY.finditer(chunk):
            if by.start() > _BYLINE_LEAD:
                break
            name = _name(by.group("name"))
            if not name:
                continue
            words = name.split()
            handle = len(words) == 1 and re.match(r"\s+on\b", chunk[by.end():], re.I)
            if handle or (words[0][0].isupper() and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)):
                return name
    return None


def byline_name(text: str) -> str | None:
    """The person's name in a byline's text ("by Ann Lee", "Ann LeeOctober 8, 2012"), or None when it
    names nobody ("Updated:", "Friday").

    Examples
    --------
    >>> byline_name("Posted by Ann Lee")
    'Ann Lee'
    >>> byline_name("Updated:") is None
    True
    """
    return _name(text)


def author_in_lines(lines: list[str]) -> str | None:
    """The author a byline names among text lines ("by Ann Lee on May 2, 2012"), or None.

    For pages read as text: the lines between a story's headline and its first paragraph.

    Examples
    --------
    >>> author_in_lines(["January 31, 2011", "by Ann Lee | 4 comments"])
    'Ann Lee'
    >>> author_in_lines(["The storm hit by surprise"]) is None
    True
    """
    return _author_in([_clean(line) for line in lines])


def find_byline(root, title: str | None, parse_date: Callable[[str], str | None], site: str | None = None,
                url: str | None = None, published: str | None = None, author: str | None = None,
                names: set[str] | None = None, headings: list | None = None) -> tuple[str | None, str | None]:
    """The story's published date and author as its byline shows them.

    Parameters
    ----------
    root : lxml.html.HtmlElement
        The parsed page.
    title : str or None
        The headline (see :func:`moderation.parsing._title.choose_title`); the byline is looked for
        around the element that shows it.
    parse_date : callable
        Turns a date as pages write it into ISO 8601, or None.
    site, url : str, optional
        The site's name and address: an "author" that is the site's name (a blog's name in its
        author tag) is no author.
    published, author : str, optional
        What the page's meta tags say; kept when given.
    names : set of str, optional
        :func:`moderation.parsing._title.site_names` of the page, when the caller has them already.
    headings : list, optional
        :func:`moderation.parsing._title.page_headings` of the page, when the caller has them already.

    Returns
    -------
    tuple
        ``(published, author)``, each None when the page does not show it (near the headline).

    Examples
    --------
    >>> import lxml.html
    >>> from datetime import datetime
    >>> page = lxml.html.document_fromstring(
    ...     "<html><body><div class='post'><h2>Bridge tolls rise again</h2>"
    ...     "<p class='meta'>by Ann Lee on January 31, 2011</p><p>The toll rises in May.</p></div></body></html>")
    >>> find_byline(page, "Bridge tolls rise again",
    ...             lambda s: datetime.strptime(s, "%B %d, %Y").date().isoformat())
    ('2011-01-31', 'Ann Lee')
    """
    headings = page_headings(root) if headings is None else headings
    names = site_names(root, site, url, headings) if names is None else names
    if author:
        author = _name(author)
        if author and _key(author) in names:
            author = None
    if not title or (published and author):
        return published, author
    comments = _CommentParts()
    headline = _headline_element(root, title, comments, headings)
    if headline is None:
        return published, author
    box = _story_box(headline)
    before, after = _text_around(headline, box, comments)
    if not published:
        published = (_marked_date(box, parse_date, comments) or _date_in(after, parse_date)
                     or _date_in([" ".join(before[-3:])], parse_date))
    if not author:
        title_key = _key(title)
        author = _author_in([line for line in after if _key(line) != title_key]) or _marked_author(box, comments)
        if author and _key(author) in names:
            author = None
    return published, author


def story_metadata(root, scope, site: str | None, url: str | None, published: str | None, author: str | None,
                   parse_date: Callable[[str], str | None]) -> tuple[str | None, str | None, str | None]:
    """The story's title, published date and author, the site's names looked up once for both.

    Parameters
    ----------
    root, scope : lxml.html.HtmlElement
        The parsed page, and where its ``<title>`` and ``<meta>`` are (its ``<head>``).
    site, url, published, author : str or None
        What the page's meta tags say.
    parse_date : callable
        Turns a date as pages write it into ISO 8601, or None.

    Returns
    -------
    tuple
        ``(title, published, author)``; see :func:`~moderation.parsing._title.choose_title` and
        :func:`find_byline`.
    """
    headings = page_headings(root)
    names = site_names(root, site, url, headings)
    title = choose_title(root, scope, site, url, names=names, headings=headings)
    # the date the byline shows beats meta tags, which sometimes carry the last change; htmldate's
    # reading of the markup and address comes last, as it is the slowest (dragnet: 0.868 -> 0.974
    # of the dates the story shows; htmldate before the meta tags gave 0.965)
    shown, author = find_byline(root, title, parse_date, site, url, None, author, names=names, headings=headings)
    published = shown or published or _htmldate(root, url)
    return title, published, author


def _htmldate(root, url: str | None) -> str | None:
    """The publication date htmldate finds in the page (its fast search), or None."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    logger = logging.getLogger("htmldate")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # a page it cannot date is not worth a warning
    try:
        # find_date copies a tree it is given before pruning it, so the page is left as it was
        return find_date(root, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a third-party heuristic; no date is the safe answer
        return None
    finally:
        logger.setLevel(level)
