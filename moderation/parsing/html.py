"""Read a saved HTML page into a Thread: article text, metadata and the reader comments under it."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..errors import InputError
from ..threads import Comment, Thread
from ._byline import DATE_IN_TEXT, byline_name, story_metadata
from ._dates import FOREIGN_MONTH as _FOREIGN_MONTH
from ._dates import FOREIGN_ON as _FOREIGN_ON
from ._dates import WEEKDAY_END as _WEEKDAY_END
from ._dates import clean_line as _clean_line
from ._dates import english_months as _english_months
from ._dates import parse_date as _parse_date
from ._yearless import copyright_year, yearless_date

__all__ = ["parse_html_page"]

# ---------------------------------------------------------------------------
# vocabulary (matched against id/class attributes and visible text, never markup)
# ---------------------------------------------------------------------------

#: Elements never shown as text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "head", "map", "audio", "video",
)

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hr html legend li main menu nav noframes "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_PARAGRAPH_TAGS = frozenset("p blockquote pre h1 h2 h3 h4 h5 h6 table ul ol dl".split())

#: A comment section announces itself in an id or class. Class-name patterns are matched against
#: lower-cased ``id class`` strings, so they are compiled without re.I (five times faster).
_SECTION_WORDS = re.compile(
    r"comment|koment|komment|coment|kommentar|reacties|reactie|reaction|talkback|discussion|diskussion"
    r"|disqus|respons|replies|ugccmt|leserbrief|feedback|guestbook|remarks|commenti",
)
#: ...but these names are controls, counters, forms or widgets about comments, not comments.
_SECTION_NOT = re.compile(
    r"form|respond|reply-?title|leave|add-?comment|post-?comment|write|new-?comment|submit|link|count|rss|feed"
    r"|closed|nocomment|no-comment|no_comment|button|btn|share|policy|rules|guideline|popular|recent|latest"
    r"|widget|sidebar|most|tab|number|num\b|icon|bubble|title|heading|notice|login|register|subscribe"
    r"|pagination|paging|nav|sort|filter|toolbar|status|open|hidden|template|editor|preview|captcha|count"
    r"|commentary",  # an opinion piece (news genre), not its readers' comments
)
#: Per-comment elements that are not the comment's words.
#: Names that disqualify an element (or anything inside it) from holding the comments of this page.
_SECTION_NEVER = re.compile(
    r"popular|recent|latest|most-?|(?<!comment-)(?<!comments-)widget|sidebar|leaderboard|copyright|related|promo|trending|top-?discussion"
    r"|featured-?discussion|activity|commenters",
)
_SELF_NEVER = re.compile(r"footer|submit|form\b|respond|login|\btip|hidden|template|count")
#: Group members with these names are controls around the comment list.
_MEMBER_NOT = re.compile(
    r"respond|form|leave|add-?comment|post-?comment|write|submit|login|register|subscribe|pagination|paging"
    r"|\bnav|nav(?:igation)?\b|more|load|captcha|policy|rules|header|title|heading|count|notice|closed|sort|filter|tabs?\b"
    r"|error|complete|success|overlay|modal|dialog|info\b|feed|subscri|share|social",
)
_META_WORDS = re.compile(
    r"author|vcard|\bfn\b|says|meta|date|time|posted|byline|reply|permalink|avatar|gravatar|photo|vote"
    r"|rating|like|report|flag|share|edit|actions|tools|footer|header|userinfo|user-?name|username|nick|\buser\b"
    r"|signature|comment-?number|commentnumber|num\b|count|quote-?link|badge|profile|posted|info\b|details"
    r"|controls|moderat|admin|cite|comment-?head\b|\bname\b|perma|(?:^|\s)by(?:\s|$)"
    r"|\bcomhead\b|\btagline\b|\bbuttons\b",  # a discussion site's head line, Reddit's tagline and button row
)
_META_TAGS = frozenset(("cite", "time", "img", "figure", "abbr"))

_BODY_WORDS = re.compile(r"content|body|text|message|entry|comment-?txt|commenttext|comment_text|bodytext")

_PINGBACK = re.compile(r"pingback|trackback")

_ARTICLE_BODY = re.compile(
    r"articlebody|article-?body|article_body|entry-?content|entry_content|post-?content|post_content"
    r"|post-?body|postbody|story-?body|storybody|article-?content|article_content|article-?text"
    r"|articletext|story-?content|blog-?post|entry-?body|single-?content|main-?content|text-?content",
)
_BOILERPLATE = re.compile(
    r"\bnav|menu|sidebar|side-bar|widget|footer|breadcrumb|share|sharing|social|related"
    r"|advert|\bads?\b|banner|promo|newsletter|subscribe|cookie|popup|modal|skip|toolbar|tags\b|tag-?list"
    r"|author-?bio|about-?author|author-?box|pagination|pager|print(?!-?(?:ready|able|area|content|article|body|story))|email|rss|sponsor|outbrain|taboola"
    r"|recommend|trending|most-?read|more-?stories|signup|login|search",
)

#: A page's header; the same name inside an article is the article's own (title, standfirst, a table's head).
_HEADER = re.compile(r"header|masthead")

_NEWLINES = re.compile(r"\n\s*\n\s*(\n\s*)*")

_COUNT_TEXT = re.compile(
    r"(?:^|\D)(\d[\d,.]*)\s*(?:comments?|responses?|thoughts?\s+on|repl(?:y|ies)|reactions?|kommentare?"
    r"|commentaires?|comentarios?|commenti|reacties|reactie|koment\w*|opinions?)\b"
    r"|(?:comments?|responses?|kommentare|commentaires|comentarios|reacties)\s*[(\[:]?\s*(\d[\d,.]*)\s*[)\]]?\s*$",
    re.I,
)

_SAYS_LINE = re.compile(
    r"^(?P<author>.{1,80}?)\s+(?:says|said|wrote|writes|schreibt|schrieb|dit|dice|scrive|zegt)\s*(?::|\.\.\.|…|,)?\s*$",
    re.I,
)
_POSTED_BY = re.compile(
    r"^(?:posted|written|submitted|comment(?:ed)?)\s+by[:\s]+(?P<author>[^|\n]{1,80}?)"
    r"(?:\s*(?:\||\bposted\s+(?:on|at)\b:?|\bat\b|\bon\b|,|@|(?<=\s)[-–](?=\s)|(?=\d{1,2}:\d\d\s*[ap]\.?m\b))\s*"
    r"(?P<date>.{4,80}))?\s*$",
    re.I,
)
#: "TonyZ (6 days ago)", "Barak H - Israel (12/19/2007 16:36)": a name with its date in brackets.
_NAME_DATE = re.compile(r"^(?P<author>[^()\n]{1,60}?)\s*\((?P<date>[^()\n]{3,40})\)$")
#: Controls after a footer byline ("... at 9:59 am. Reply #", "... | Permalink | Edit").
_TRAILING_CONTROLS = re.compile(r"(?:\s*(?:\||·|#|(?:reply|permalink|link|edit|quote|report|flag)\b))+\s*$", re.I)
#: A bare byline naming the commenter ("By Ann Lee"), read as one only where a byline stands.
_BY_NAME = re.compile(r"^(?:posted\s+)?by[:\s]+(?P<author>\S.{0,40})$", re.I)
_BY_ON = re.compile(r"^by\s+(?P<author>.{1,80}?)\s+(?:on|at|@)\s+(?P<date>.{4,80}?)\.?\s*$", re.I)
_CONTROL_LINE = re.compile(
    r"^(?:reply|reply\s*↓|↓|antworten|répondre|responder|rispondi|reageer|report(?:\s+abuse|\s+comment)?"
    r"|alerter|signaler(?:\s+un\s+abus)?|(?:(?:missbrauch|beitrag|kommentar)\s+)?melden|zitieren|gefällt\s+mir"
    r"|\d+\s+agree\s*\|\s*\d+\s+disagree|vote\s+on\s+this\s+comment:?.{0,30}"
    r"|parent|follow(?:\s+@\w+)?|advertisement|anzeige|filter\s+by|like\s+or\s+dislike:?\s*\d+\s+\d+|aufklappen"
    r"|(?:quote\s*\|\s*)?report\s+this(?:\s+(?:comment|post))?|rate\s+this(?::?\s*-?\d+\s+-?\d+)?"
    r"|like|unlike|quote|permalink|link|flag|edit|delete|share|\d+\s+likes?|like\s*\(\d+\)|recommend"
    r"|\d+\s+repl(?:y|ies)|(?:log\s*in|sign\s*in|register)(?:\s+or\s+(?:register|sign\s*up))?\s+to\s+(?:post\s+comments?|comment|reply)"
    r"(?:\s+or\s+like)?|loading\W*|delete(?:\s+comment)?|\||·|[-–—]|\[\s*reply\s*\]|\(\s*reply\s*\)|top|back to top)"
    r"\s*[.:!]?\s*$",
    re.I,
)
#: A whole "comment" that only says there are none yet, asks to log in or to write one.
_EMPTY_STATE = re.compile(
    r"^(?:(?:there\s+are\s+)?no\s+(?:comments?|responses?|replies|reactions)(?:\s+yet)?|0\s+(?:comments?|responses?)"
    r"|be\s+the\s+first\s+to\s+(?:comment|respond|reply)|comments?\s+(?:are\s+)?closed|(?:loading\W*)+"
    r"|(?:post|add|leave|write|submit)\s+(?:a\s+|your\s+)?(?:new\s+)?(?:comment|reply|response)"
    r"|keine\s+kommentare|noch\s+keine\s+kommentare|(?:not\s+yet\s+part\s+of\s+the\s+community|log\s*in|sign\s*in"
    r"|register)\b.{0,60}"
    # a section header left alone: "Comments", "COMMENTS (14)Post a comment", "Comments / Please email us to report ..."
    r"|(?:comments?|kommentare?|responses?|reactions?)(?:\s*[(\[]?\d+[)\]]?)?"
    r"(?:\s*(?:(?:post|add|leave|write)\s+(?:a\s+|your\s+)?comments?|(?:please\s+)?(?:e-?mail|contact|write\s+to)\s+us\s+to"
    r"\s+report\s+(?:offensive|abusive|inappropriate)\s+comments?))?"
    r")(?:\s*\((?:comment\s+)?(?:policy|rules|guidelines)\))?[\s.:!?…]*$",
    re.I,
)
_DATE_HINT = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?"
    r"|months?|years?)\s+ago)\b",
    re.I,
)
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b\d{1,2}:\d\d\b", re.I
)

_ID_COMMENT = re.compile(r"(?:^|[-_])(?:comment|cmt|c)[-_]?([0-9a-f]{3,}|\d+)$", re.I)


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


_MATCHES: dict = {}


def _has(pattern: re.Pattern, text: str) -> bool:
    """``pattern.search(text)``, remembered: pages repeat the same few class strings thousands of times.

    One table per pattern, keyed by the text alone: a string caches its hash, a (pattern, text)
    tuple would be built and hashed on every call (this is called a million times on 358 pages).
    """
    if not text:
        return False
    seen = _MATCHES.get(pattern)
    if seen is None:
        seen = _MATCHES[pattern] = {}
    found = seen.get(text)
    if found is None:
        if len(seen) > 50_000:
            seen.clear()
        found = seen[text] = pattern.search(text) is not None
    return found


def _attrs(el) -> str:
    """The id and class of an element as one lower-case string."""
    ident = el.get("id") or ""
    cls = el.get("class") or ""
    if not ident and not cls:
        return ""
    return (ident + " " + cls).lower()


_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden\S*|hide|is-hidden|invisible|d-none|display-none|visually-hidden|sr-only|screen-reader-text)(?:\s|$)",
    re.I,
)


def _is_hidden(el, cls: str | None = None) -> bool:
    """Whether ``el`` is hidden by an attribute, a class (``cls``, when already read) or its inline style."""
    if cls is None:
        cls = el.get("class")
    if cls and _has(_HIDDEN_CLASS, cls):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style:
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    return False


def _collapsed_section(el) -> bool:
    """A comment section hidden only by its inline style, holding comments (elements with comment ids).

    It is collapsed behind a "show comments" button: its comments are on the page and one click
    away, so they are read like visible ones.
    """
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or not el.get("style"):
        return False
    cls = el.get("class") or ""
    if cls and _has(_HIDDEN_CLASS, cls):
        return False
    words = [w for w in ((el.get("id") or "") + " " + cls).lower().split() if _has(_SECTION_WORDS, w)]
    if not words or any(_has(_SECTION_NOT, w) for w in words):
        return False
    # with comments in it, not a loading placeholder
    return any(_ID_COMMENT.search(sub.get("id") or "") for sub in el.iterdescendants() if isinstance(sub.tag, str))


def _text(el, skip=frozenset()) -> str:
    """Visible text of ``el`` with a newline between blocks, leaving out the elements in ``skip``."""
    parts: list[str] = []
    skipped = None
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if node is skipped:
            # the end of a skipped element still comes (lxml): its tail was taken at its start
            skipped = None
            continue
        if event == "start":
            if node in skip:
                walker.skip_subtree()
                skipped = node
                if isinstance(tag, str) and tag in _BLOCK_TAGS:
                    parts.append("\n")
                if node is not el and node.tail:
                    parts.append(_flat(node.tail))
                continue
            if not isinstance(tag, str):
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n\n" if tag in _PARAGRAPH_TAGS else "\n")
            elif tag == "br":
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            if node.text:
                parts.append(node.text if tag == "pre" else _flat(node.text))
        else:
            if isinstance(tag, str) and tag in _BLOCK_TAGS:
                parts.append("\n\n" if tag in _PARAGRAPH_TAGS else "\n")
            if node is not el and node.tail:
                parts.append(_flat(node.tail))
    return _normalise("".join(parts))


def _flat(text: str) -> str:
    """Line breaks in HTML source are spaces on screen."""
    return text.replace("\r", " ").replace("\n", " ")


def _normalise(text: str) -> str:
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    # str.split() is _WS.sub() and strip() in one C call, for lines (a third of all parse time went here)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if blank and out:
            out.append("")
        out.append(line)
        blank = False
    return "\n".join(out)


# ---------------------------------------------------------------------------
# page model: one pass of measurements shared by every step
# ---------------------------------------------------------------------------


@dataclass
class _Page:
    root: object
    nodes: list
    textlen: dict
    linklen: dict
    hidden: set = field(default_factory=set)
    holds_article: set = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
    sections: list | None = None
    named_bodies: list = field(default_factory=list)
    dayfirst: bool = False


def _measure(root) -> _Page:
    """Text and link-text length of every element, computed bottom-up in one pass."""
    nodes = list(root.iter(etree.Element))
    textlen: dict = {}
    linklen: dict = {}
    get_len = textlen.get
    get_links = linklen.get
    for node in reversed(nodes):
        text = node.text
        own = len(text.strip()) if text else 0
        if node.tag == "a":
            for child in node:
                tail = child.tail
                own += get_len(child, 0) + (len(tail.strip()) if tail else 0)
            links = own
        else:
            links = 0
            for child in node:
                tail = child.tail
                own += get_len(child, 0) + (len(tail.strip()) if tail else 0)
                links += get_links(child, 0)
        textlen[node] = own
        linklen[node] = links
    hidden: set = set()
    attrs: dict = {}
    holds_article: set = set()
    # a walk of the list in hand: an XPath query for the same elements took as long again
    for node in nodes:
        ident = node.get("id")
        cls = node.get("class")
        if ident or cls:
            attrs[node] = ((ident or "") + " " + (cls or "")).lower()
        if _is_hidden(node, cls or "") and not _collapsed_section(node):
            hidden.add(node)
    marks = [node for node, value in attrs.items() if _has(_ARTICLE_BODY, value)]
    for node in marks + list(root.iter("h1", "article")):
        for anc in node.iterancestors():
            if anc in holds_article:
                break
            holds_article.add(anc)
    textlen.pop(None, None)
    return _Page(root, nodes, textlen, linklen, hidden, holds_article, attrs, named_bodies=marks)


#: Languages whose pages write a date of numbers day first ("12.04.2020" is the 12th of April).
_DAY_FIRST_LANGS = frozenset("de fr es it nl pt pl cs sk da sv no nb nn fi ru uk tr hu ro el hr sl et lv lt".split())


def _day_first(root) -> bool:
    """Whether the page's language (``<html lang>``, else its content-language or locale) writes days first."""
    lang = root.get("lang") or root.get("xml:lang") or _meta(root, "og:locale", "content-language", "language") or ""
    if not lang:
        for el in root.iter("meta"):
            if (el.get("http-equiv") or "").lower() == "content-language":
                lang = el.get("content") or ""
                break
    return lang[:2].lower() in _DAY_FIRST_LANGS


def _load(html: str, source: str, frames=None):
    if not isinstance(html, str):
        raise InputError(source, f"expected HTML text, got {type(html).__name__}",
                         fix="decode the bytes first, or call parse_bytes")
    if not html.strip():
        raise InputError(source, "is empty", fix="give a saved HTML page")
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, remove_blank_text=False)
    # every element an HtmlElement, chosen in C: lxml.html's own lookup runs Python code per element
    # to pick form and input classes we never use (4% of parse time)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity))
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"is not readable HTML ({exc})", fix="give a saved HTML page") from None
    if root is None:
        raise InputError(source, "is not readable HTML", fix="give a saved HTML page")
    _inline_frames(root, parser, frames)
    return root


#: How many framed documents one page may inline, and how deep: a bound against pages built to blow up.
_MAX_FRAMES = 20
_MAX_FRAME_DEPTH = 3


def _inline_frames(root, parser, frames=None, depth: int = 0) -> None:
    """Put the documents of a page's frames in place of the frames.

    Page savers that make one file of a page (SingleFile, for one) keep each frame's document in its
    ``srcdoc``; a browser's "save complete page" writes it to a file beside the page, named in the
    frame's ``src`` (read through ``frames``, a callable from ``src`` to the document or None). A
    Disqus or Facebook comment thread is then saved, but not in the page's tree. Each document is
    parsed as data like the page; scripts in it are dropped with the page's own.
    """
    found = []
    for el in root.iter("iframe", "frame"):
        if len(found) >= _MAX_FRAMES:
            break
        document = el.get("srcdoc") or (frames(el.get("src")) if frames is not None and el.get("src") else None)
        if document and document.strip():
            found.append((el, document))
    for frame, document in found:
        try:
            inner = lxml.html.document_fromstring(document.encode("utf-8", "replace"), parser=parser)
        except (etree.ParserError, ValueError):
            continue
        body = inner.find("body") if inner is not None else None
        if body is None or frame.getparent() is None:
            continue
        if depth + 1 < _MAX_FRAME_DEPTH:
            _inline_frames(body, parser, frames, depth + 1)
        box = frame.makeelement("div", {"class": "inlined-frame"})
        if frame.get("id"):
            box.set("id", frame.get("id"))
        box.extend(list(body))
        box.tail = frame.tail
        frame.getparent().replace(frame, box)


# ---------------------------------------------------------------------------
# metadata
# ---------------------------------------------------------------------------


def _meta(root, *names: str) -> str | None:
    found: dict = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in names and key not in found:
            content = _clean_line(el.get("content") or "")
            if content:
                found[key] = content
    for name in names:
        if name in found:
            return found[name]
    return None


def _drop_forms(root) -> None:
    """Remove comment forms (a form with a text box and little text of its own); keep page-wide forms."""
    for form in list(root.iter("form")):
        if form.find(".//textarea") is None and form.find(".//input[@type='password']") is None:
            continue
        if len(form.text_content()) < 1500:
            parent = form.getparent()
            if parent is not None:
                form.drop_tree()


def _metadata(root) -> dict:
    head = root.find("head")
    scope = head if head is not None else root
    site = _meta(scope, "og:site_name", "application-name", "twitter:site")
    url = _meta(scope, "og:url")
    if not url:
        for link in scope.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                url = link.get("href").strip()
                break
    if not site and url:
        host = re.sub(r"^[a-z]+://", "", url).split("/")[0]
        site = host or None
    published = _parse_date(_meta(root, "article:published_time", "datepublished", "date", "dc.date",
                                  "dc.date.issued", "pubdate", "publishdate", "sailthru.date"))
    if not published:
        for el in root.iter("time"):
            if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
                published = _parse_date(el.get("datetime") or el.text_content())
                if published:
                    break
    author = _meta(root, "author", "article:author", "dc.creator", "sailthru.author")
    if author and ("://" in author or author.startswith("@")):
        author = None
    # the headline and its byline: most pages have no meta tags for them
    title, published, author = story_metadata(root, scope, site, url, published, author, _parse_date)
    return {"title": title, "site": site, "url": url, "published": published, "author": author}


# ---------------------------------------------------------------------------
# comments
# ---------------------------------------------------------------------------

_STATE_CLASS = re.compile(
    r"^(?:even|odd|alt|first|last|parent|thread-\S+|depth-\d+|level-\d+|byuser|bypostauthor|comment-author-\S+"
    r"|comment-odd|comment-even|comment-has-\S+|comment-by-\S+|highlighted|new|unread|clearfix|clear|cf|row"
    r"|lf_level_\d+|\S*\d\S*)$"
)


_SIGNATURES: dict = {}


def _signature(el) -> tuple:
    """Tag and class of an item with per-comment variation (even/odd, depth, ids) taken out."""
    key = (el.tag, el.get("class") or "")
    sig = _SIGNATURES.get(key)
    if sig is None:
        cls = [c for c in key[1].lower().split() if not _STATE_CLASS.match(c)]
        # the first lasting class names the kind of item; later ones often vary per author ("by-andy")
        sig = (el.tag, tuple(cls[:1]))
        if len(_SIGNATURES) > 100_000:
            _SIGNATURES.clear()
        _SIGNATURES[key] = sig
    return sig


_ITEM_TAGS = frozenset(("li", "div", "article", "section", "dt", "tr", "table", "dd", "blockquote", "aside", "ul",
                        "ol"))


@dataclass
class _Item:
    elements: list
    node: object
    depth: int = 0
    parent: _Item | None = None
    kind: str = "comment"
    extra_meta: list = field(default_factory=list)


_NOT_SECTION_TAGS = frozenset(("html", "body", "head", "a", "span", "p", "form", "textarea", "input", "label", "h1",
                               "h2", "h3", "h4", "h5", "h6"))


#: Taxonomy labels on posts (WordPress ``category-kommentar``, ``tag-comments``) name a topic, not a part.
_TAXONOMY = re.compile(r"^(?:s-)?(?:category|tag|cat|rubrik|ressort|topic|format|post_tag|term)[-_]")


def _section_candidates(page: _Page) -> list:
    """Elements named as a comment section (in page order), outside hidden parts and page chrome."""
    if page.sections is not None:
        return page.sections
    out = []
    for node, attrs in page.attrs.items():
        if node.tag in _NOT_SECTION_TAGS or not _has(_SECTION_WORDS, attrs):
            continue
        words = attrs.split()
        good = [w for w in words if _has(_SECTION_WORDS, w) and not _has(_SECTION_NOT, w)
                and not _TAXONOMY.match(w)]
        if not good:
            continue
        if page.textlen.get(node, 0) < 20 or _has(_SELF_NEVER, attrs) or _has(_SECTION_NEVER, attrs):
            continue
        if node in page.hidden or _excluded_ancestor(node, page):
            continue
        out.append(node)
    page.sections = out
    return out


def _excluded_ancestor(node, page: _Page) -> bool:
    """Inside something hidden, or inside a small block named as a sidebar, widget or "most popular" box.

    Layout wrappers (``content-sidebar-wrap``, Blogger's ``widget Blog``) hold most of the page and
    are not excluded: only blocks with under 40% of the page's text count.
    """
    limit = 0.4 * page.textlen.get(page.root, 0)
    for anc in node.iterancestors():
        if anc in page.hidden:
            return True
        if page.textlen.get(anc, 0) >= limit or anc in page.holds_article:
            continue
        if anc.tag in ("nav", "aside"):
            return True
        attrs = page.attrs.get(anc, "")
        if attrs and _has(_SECTION_NEVER, attrs):
            return True
    return False


def _groups_in(section, page: _Page, limit: int = 4000):
    """Sibling groups (same tag and class signature) under ``section``: (parent, signature, members)."""
    seen = 0
    for parent in section.iter():
        if not isinstance(parent.tag, str) or parent in page.hidden:
            continue
        seen += 1
        if seen > limit:
            break
        by_sig: dict = {}
        for child in parent:
            if not isinstance(child.tag, str) or child.tag not in _ITEM_TAGS:
                continue
            if child.tag == "dd":
                continue
            by_sig.setdefault(_signature(child), []).append(child)
        marked = [sig for sig in by_sig if _has(_SECTION_WORDS, " ".join(sig[1])) or _has(_PINGBACK, " ".join(sig[1]))]
        if len(marked) > 1:
            # comments and pingbacks share one list under different classes: one group, in page order
            chosen = {m for sig in marked for m in by_sig.pop(sig)}
            by_sig[marked[0]] = [c for c in parent if c in chosen]
        for sig, members in by_sig.items():
            yield parent, sig, members


def _with_dd(el) -> list:
    """A ``dt`` with the ``dd`` elements after it (Blogger and some WordPress themes); else just ``el``."""
    els = [el]
    if el.tag == "dt":
        sib = el.getnext()
        while sib is not None and sib.tag == "dd":
            els.append(sib)
            sib = sib.getnext()
    return els


def _item_text_len(el, page: _Page) -> int:
    if el.tag == "dt":
        total = page.textlen.get(el, 0)
        sib = el.getnext()
        while sib is not None and sib.tag == "dd":
            total += page.textlen.get(sib, 0)
            sib = sib.getnext()
        return total
    return page.textlen.get(el, 0)


_LINK_LIST = re.compile(r"links|menu|\bnav")
_COMMENT_WORD = re.compile(r"\bcomment\b")


def _score_group(parent, sig, members, page: _Page) -> float:
    members = [m for m in members if _is_member(m, page)]
    if not members:
        return 0.0
    lens = [_item_text_len(m, page) for m in members]
    total = sum(lens)
    if total < 15:
        return 0.0
    words = max(sum(len(e.text_content().split()) for e in _with_dd(m)) for m in members[:50])
    links = sum(page.linklen.get(m, 0) for m in members)
    if members[0].tag == "dt":
        links = sum(page.linklen.get(m, 0) for m in members)  # dd text is the words
    cls = " ".join(sig[1])
    marked = _has(_SECTION_WORDS, cls) or any(_ID_COMMENT.search(m.get("id") or "") for m in members[:3])
    if links > 0.6 * total and not marked:
        return 0.0
    if len(members) == 1 and links >= 0.9 * total:
        return 0.0  # one comment-named link ("Send your story tips", "Comment on this") is a control
    if words < (4 if marked else 8):
        return 0.0
    parent_attrs = page.attrs.get(parent, "")
    if parent_attrs and (_has(_SECTION_NEVER, parent_attrs) or _LINK_LIST.search(parent_attrs)
                                           and not _has(_SECTION_WORDS, parent_attrs)):
        return 0.0
    bonus = 1.0
    if _has(_PINGBACK, cls) and not _COMMENT_WORD.search(cls):
        bonus *= 0.3
    if marked:
        bonus *= 2.0
    if len(members) >= 2:
        bonus *= 1.6
    elif not marked and not (sig[1] and any(_signature(d) == sig for d in members[0].iterdescendants()
                                            if isinstance(d.tag, str))):
        return 0.0  # one unnamed item, unless it holds replies like itself (Disqus' li.post with its ul.children)
    return total * bonus * (1.0 - 0.5 * links / max(total, 1))


def _is_member(el, page: _Page) -> bool:
    """Not hidden, and not a control around the list (an element with a comment id always counts)."""
    if el in page.hidden:
        return False
    if _has(_MEMBER_NOT, page.attrs.get(el, "")):
        return bool(_ID_COMMENT.search(el.get("id") or ""))
    return True


#: A class naming one comment (not a comment area, list, count or body).
_ITEM_CLASS = re.compile(
    r"^(?:[a-z]+[-_])?(?:comment|reply|kommentar|reaction|cmt)(?:[-_]?(?:item|entry|box|block|single|container))?$")


def _group_len(group: tuple, page: _Page) -> int:
    """Text of a group's members and of the reply lists next to them."""
    parent, members = group[1], group[3]
    total = sum(page.textlen.get(m, 0) for m in members)
    for child in parent:
        if isinstance(child.tag, str) and child not in members and _is_children_list(child):
            total += page.textlen.get(child, 0)
    return total


def _marked_sig(sig: tuple) -> bool:
    cls = " ".join(sig[1])
    return _has(_SECTION_WORDS, cls) or _has(_PINGBACK, cls)


def _find_items(page: _Page) -> tuple[list, object]:
    """Choose the list of comment items: the best-scoring sibling group inside a comment section."""
    scored: list = []
    sections = _section_candidates(page)
    checked: set = set()

    def consider(parent, sig, members):
        key = (parent, sig)
        if key in checked:
            return
        checked.add(key)
        score = _score_group(parent, sig, members, page)
        if score > 0:
            group = (score, parent, sig, [m for m in members if _is_member(m, page)])
            owner = _comment_ancestor(parent)
            if not _parts_group(group, page) and not (owner is not None and _comment_and_its_replies(group, owner)):
                scored.append(group)

    # groups under each outermost section (nested sections are walked with it, once)
    inside_section: set = set()
    budget = 20000
    for section in sections:
        if section in inside_section:
            continue
        for parent, sig, members in _groups_in(section, page, budget):
            consider(parent, sig, members)
        for node in section.iter():
            inside_section.add(node)
        budget -= page.textlen.get(section, 0) // 50 + 1
        if budget <= 0:
            break
    # a section that is itself one comment (div.comment directly in the story's column)
    for section in sections:
        parent = section.getparent()
        sig = _signature(section)
        if parent is None or not _marked_sig(sig) or (parent, sig) in checked:
            continue
        siblings = [c for c in parent if isinstance(c.tag, str) and _signature(c) == sig]
        if len(siblings) == 1 and not (_ID_COMMENT.search(section.get("id") or "")
                                       or _ITEM_CLASS.search(" ".join(sig[1]))):
            continue
        consider(parent, sig, siblings)
    if not scored:
        return [], None
    extra: list = []
    best = max(scored, key=lambda g: g[0])
    # nested replies form groups of their own: take the outermost group with the same signature
    for _ in range(20):
        outer = [g for g in scored if g[2] == best[2] and g is not best and (any(
            m is best[1] or _inside(best[1], m) for m in g[3]) or _in_reply_list_of(best[1], g[1]))]
        if not outer:
            break
        best = outer[0]
    # lists side by side (ol.commentlist under a "newest" and a "top rated" tab) are not comments:
    # the thread is the list in the first of them; the others are more views of it or its next pages
    _, parent, sig, members = best
    if len(members) >= 2 and not any(_one_comment(m) for m in members):
        lists = [found for found in (_list_within(m, scored, page) for m in members) if found]
        if len(lists) >= 0.5 * len(members):
            best = lists[0]
    # a single wrapper (ul.commentlist inside div#comments) is not one comment when it holds a list,
    # or when it only wraps one comment with a header
    for _ in range(4):
        _, parent, sig, members = best
        if len(members) != 1:
            break
        wrapper = members[0]
        wrapped = page.textlen.get(wrapper, 0)
        inner = [g for g in scored if len(g[3]) >= 2 and (g[1] is wrapper or _inside(g[1], wrapper))
                 and _group_len(g, page) >= 0.5 * wrapped
                 and not _replies_within(g, wrapper) and not _comment_and_its_replies(g, wrapper)]
        if not inner:
            if _one_comment(wrapper) and not _named_by_id_around_items(wrapper):
                break  # already one comment: its replies are not the thread
            singles = [g for g in scored if len(g[3]) == 1 and (g[1] is wrapper or _inside(g[1], wrapper))
                       and (_marked_sig(g[2]) or _ID_COMMENT.search(g[3][0].get("id") or ""))
                       and not _has(_BODY_WORDS, " ".join(g[2][1]))
                       and not _has(_META_WORDS, " ".join(g[2][1]))]
            body = _body_len(wrapper, page)
            inner = [g for g in singles if page.textlen.get(g[3][0], 0) >= 0.5 * body]
            if not inner:
                # comments each in an unnamed wrapper of their own (an unclosed <a> per comment):
                # no group holds two, but together they are the thread
                inner = [g for g in singles[:1] if sum(page.textlen.get(f, 0) for f in _scattered_items(
                    g[3][0], g[1], g[2], page)) >= 0.5 * body]
            if not inner:
                break
            best = max(inner, key=lambda g: page.textlen.get(g[3][0], 0))
            continue
        best = max(inner, key=lambda g: g[0])
    _, parent, sig, members = best
    if len(members) == 1 and _marked_sig(sig):
        scattered = _scattered_items(members[0], parent, sig, page)
        if scattered:
            return scattered, parent.getparent()
    chosen = set(members)
    # the same list template repeated elsewhere in the section (comments under each answer)
    for g in scored:
        if g[2] != sig or g[1] is parent or _signature(g[1]) != _signature(parent):
            continue
        if len(g[3]) < 2 and not _one_comment(g[3][0]):
            continue  # a list of one counts when its item is named as a comment (one comment under an answer)
        if _inside(g[1], parent) or _inside(parent, g[1]) or any(_inside(g[1], m) for m in chosen):
            continue
        extra.extend(g[3])
    if _marked_sig(sig):
        # comments and pingbacks often share one list under different classes: keep them all, in order
        members = [c for c in parent if c in chosen or (
            isinstance(c.tag, str) and c.tag == members[0].tag and _marked_sig(_signature(c)))]
        chosen = set(members)
    # replies listed next to their comment rather than inside it
    members = [c for c in parent if c in chosen or (
        isinstance(c.tag, str) and c.tag in ("ul", "ol", "div") and _is_children_list(c) and _signature(c) != sig)]
    members += [m for m in extra if not any(_inside(m, o) for o in extra if o is not m)]
    # a hidden member that is only an empty shell around replies is kept: _expand reads the replies
    return [m for m in members if _is_member(m, page) or (m in page.hidden and _wraps_items(m, sig, page))], parent


def _one_comment(el) -> bool:
    """Whether ``el`` is named as one comment: a comment id (``comment-918``) or an item class (``comment``)."""
    return bool(_ID_COMMENT.search(el.get("id") or "") or _ITEM_CLASS.search(" ".join(_signature(el)[1])))


def _body_len(el, page: _Page) -> int:
    """Text length of ``el`` without its headings and short strips of links among its children.

    A comment section's header ("1 Response to ...") and its feed and trackback links are no part
    of what it holds.
    """
    total = page.textlen.get(el, 0)
    for child in el:
        if not isinstance(child.tag, str):
            continue
        n = page.textlen.get(child, 0)
        if n and (child.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
                  or child.tag != "a" and n <= 200 and page.linklen.get(child, 0) > 0.8 * n):
            total -= n
    return total


def _list_within(el, scored: list, page: _Page):
    """The best group of two or more like items inside ``el`` holding at least half its text, or None.

    Two parts under different names (a comment's text beside its control panel) are not a list.
    """
    size = page.textlen.get(el, 0)
    inner = [g for g in scored if sum(1 for m in g[3] if _signature(m) == g[2]) >= 2 and (g[1] is el or _inside(g[1], el))
             and _group_len(g, page) >= 0.5 * size and not _replies_within(g, el)]
    return max(inner, key=lambda g: g[0]) if inner else None


#: Longest a name, a date or a spacer beside a comment's words may be.
_PART_CHARS = 60


def _named_by_id_around_items(el) -> bool:
    """Whether ``el`` is a box with a comment-like id only ("top-comment1") around items named as comments."""
    if _ITEM_CLASS.search(" ".join(_signature(el)[1])):
        return False
    return any(isinstance(d.tag, str) and _ITEM_CLASS.search(" ".join(_signature(d)[1])) for d in el.iterdescendants())


def _comment_ancestor(node):
    """``node`` or one of its three nearest ancestors when named as one comment, else None.

    A comment may wrap its parts in layout boxes (``li.comment > div.wp-block-group > div.wp-block-column``).
    """
    if _one_comment(node):
        return node
    for candidate in list(node.iterancestors())[:3]:
        # further up, only a class naming one comment counts: ids such as "top-comment1" name widgets too
        if _ITEM_CLASS.search(" ".join(_signature(candidate)[1])):
            return candidate
    return None


def _comment_and_its_replies(group: tuple, wrapper) -> bool:
    """Whether a group inside a comment is its parts: its words' box and a box of replies like it.

    Blogger writes ``li.comment > div.comment-block + div.comment-replies > ... > li.comment``: the
    two boxes are no list of comments, the ``li`` is the comment.
    """
    if not _one_comment(wrapper):
        return False
    sig = _signature(wrapper)
    return any(d is not m and isinstance(d.tag, str) and _signature(d) == sig for m in group[3] for d in m.iter())


def _replies_within(group: tuple, wrapper) -> bool:
    """Whether a group sits inside an item like its own members, up to ``wrapper``: the replies to one comment.

    A thread of one comment (``ol.commentlist > li.comment``) holds its replies in a list of the same
    items (``ul.children > li.comment``); that list is not the thread.
    """
    sig = group[2]
    node = group[1]
    while node is not None:
        if _signature(node) == sig:
            return True
        if node is wrapper:
            return False
        node = node.getparent()
    return False


def _parts_group(group: tuple, page: _Page) -> bool:
    """Whether a group is the parts of one comment (``div.comment-author`` beside ``div.comment-meta``).

    Its parent is named as one comment, and every member is named as an author, date or body part
    without a comment id of its own: not a list of replies.
    """
    parent, members = group[1], group[3]
    if _comment_ancestor(parent) is None:
        return False
    for m in members:
        attrs = _role_names(page.attrs.get(m, ""))
        if _ID_COMMENT.search(m.get("id") or ""):
            return False
        if not (_has(_META_WORDS, attrs) or _has(_BODY_WORDS, attrs) or _part_name(m)):
            return False
    return True


#: A class naming a part of a comment ("comment-story", "comment-select"), not a comment of its own.
_PART_CLASS = re.compile(r"^(?:[a-z]+-){0,2}(?:comment|cmt|kommentar)s?[-_][a-z]")  # "wp-block-comment-date" too


def _part_name(el) -> bool:
    """Whether ``el``'s first class names a part of a comment (``comment-alert``) rather than an item."""
    first = _signature(el)[1]
    return bool(first) and bool(_PART_CLASS.match(first[0])) and not _ITEM_CLASS.match(first[0])


def _scattered_items(item, parent, sig: tuple, page: _Page) -> list:
    """A lone comment's fellows when each comment sits in an unnamed wrapper of its own.

    Some themes (Drupal's) put the first comment straight into the section and every later one into
    a bare ``div``, so no parent holds more than one of them. The fellows are the elements with the
    same signature one level up: children of the grandparent, or the only such child of an unnamed
    wrapper there. Returns [] when there are fewer than two.
    """
    scope = parent.getparent()
    if scope is None or page.attrs.get(parent):
        return []  # a named parent is a list of its own, not a per-comment wrapper
    found = []
    for child in scope:
        if not isinstance(child.tag, str) or child in page.hidden:
            continue
        if _signature(child) == sig:
            found.append(child)
        elif child.tag in ("div", "a", "span", "font", "center") and not page.attrs.get(child):
            # an unnamed wrapper per comment; an unclosed <a> before each comment wraps it too
            inner = [c for c in child if isinstance(c.tag, str) and _signature(c) == sig]
            if len(inner) == 1:
                found.append(inner[0])
    found = [f for f in found if _is_member(f, page)]
    if len(found) < 2 or item not in found:
        return []
    return found


_BYLINE_KINDS = (
    ("says", _SAYS_LINE),
    ("posted", _POSTED_BY),
    ("byon", _BY_ON),
    ("postedon", re.compile(r"^posted\s+(?:on|at)\s+.{4,60}?\s+by\s+(?P<author>.{1,60})$", re.I)),
)


#: The whole text of a per-comment reply control.
_REPLY_CONTROL = re.compile(r"^(?:reply|antworten|beantworten|répondre|responder|rispondi|reageer|svara)$", re.I)


def _reply_items(page: _Page) -> tuple[list, object]:
    """Comments found as repeated items that each carry a reply control and a date, when no section is named.

    A "Reply" link under every entry of a list is what makes it a thread rather than a list of
    stories, whatever the page calls it. The items are the largest group of same-signature siblings
    holding a control each (replies nested inside them are found later, like any nested reply).
    Returns ``([], None)`` when there is no such group of two or more dated items.
    """
    controls = [el for el in page.nodes if el.tag in ("a", "span", "li", "div") and 0 < page.textlen.get(el, 0) <= 12
                and _REPLY_CONTROL.match(_clean_line(el.text_content()))]
    if len(controls) < 2:
        return [], None
    groups: dict = {}
    for control in controls:
        child = control
        for parent in control.iterancestors():
            groups.setdefault((parent, _signature(child)), set()).add(child)
            child = parent
    best = None
    for (parent, sig), members in groups.items():
        if len(members) >= 2 and (best is None or len(members) > len(best[2])):
            best = (parent, sig, members)
    if best is None:
        return [], None
    parent, sig, members = best
    ordered = [c for c in parent if c in members]
    dated = sum(1 for m in ordered if next(m.iter("time"), None) is not None or _DATE_HINT.search(m.text_content()))
    if dated < 0.5 * len(ordered) or _excluded_ancestor(parent, page) or parent.tag in ("body", "html"):
        return [], None
    return ordered, parent


def _note_items(page: _Page) -> tuple[list[_Item], object]:
    """Tumblr's notes under a post: reblogs with commentary and replies are comments.

    Tumblr lists a post's notes as ``ol.notes > li.note``, each with a line saying who liked or
    reblogged it (``span.action``). A reblog that adds words (``li.with_commentary``) carries them
    in a ``blockquote``; a reply (``li.reply``) in ``span.answer_content``. Likes and bare reblogs
    are no comments. Returns ``([], None)`` when the page has no such list.
    """
    for node in page.attrs:
        if node.tag not in ("ol", "ul") or "notes" not in (node.get("class") or "").lower().split():
            continue
        if node in page.hidden or _excluded_ancestor(node, page):
            continue
        items = []
        for note in node:
            words = (note.get("class") or "").lower().split() if isinstance(note.tag, str) else []
            if "note" not in words or note in page.hidden:
                continue
            action = next((el for el in note.iter("span") if "action" in (el.get("class") or "").split()), None)
            if "reply" in words:
                said = next((el for el in note.iter("span") if "answer_content" in (el.get("class") or "")), None)
                elements = [said] if said is not None else []
            elif "with_commentary" in words:
                elements = [el for el in (action, next(note.iter("blockquote"), None)) if el is not None]
            else:
                continue
            if elements and page.textlen.get(elements[-1], 0):
                item = _Item(elements, note)
                item.extra_meta = [action] if action is not None and action is not elements[-1] else []
                items.append(item)
        if items:
            return items, node
    return [], None


def _byline_items(page: _Page) -> tuple[list[_Item], object]:
    """Comments found from repeated author lines ("X said...", "Posted by: X | date") when no section is named."""
    found: dict = {}
    body = page.root.find("body")
    if body is None:
        return [], None
    for node in page.nodes:
        n = page.textlen.get(node, 0)
        if n < 3 or n > 140 or node.tag in ("a", "b", "strong", "em", "i", "span", "font") and n < 3:
            continue
        text = _clean_line(node.text_content())
        for kind, pattern in _BYLINE_KINDS:
            if pattern.match(text):
                found.setdefault(kind, []).append(node)
                break
    best: list = []
    regions: dict = {}
    for nodes in found.values():
        # keep the innermost matching element of each nest
        inner = [n for n in nodes if not any(_inside(o, n) for o in nodes if o is not n)]
        # inside a comment section, the article's own "Posted by" line is not one of them
        placed = {n: _comment_region(n, page) for n in inner}
        in_region = [n for n in inner if placed[n] is not None]
        if in_region:
            inner = in_region
            regions.update(placed)
        if (len(inner) >= 2 or in_region) and len(inner) > len(best):
            best = inner
    if not best:
        return [], None
    if len(best) == 1:
        return _single_byline_item(best[0], regions[best[0]], page)
    return _anchored_items(best, page)


def _comment_anchor(el, page: _Page) -> bool:
    """An empty link target named as the comments (``<a name="comments">``) that a page jumps to."""
    if el.tag != "a" or page.textlen.get(el, 0):
        return False
    name = (el.get("name") or el.get("id") or "").lower()
    return _has(_SECTION_WORDS, name) and not _has(_SECTION_NOT, name)


def _comment_region(node, page: _Page):
    """The comment section ``node`` is in: a section candidate holding it, or the parent of an
    ``<a name="comments">`` that comes before it (pages that mark the section with an anchor only).
    None when it is in neither.
    """
    for section in _section_candidates(page):
        if section is node or _inside(node, section):
            return section
    if _excluded_ancestor(node, page):
        return None  # a hidden or sidebar block is not the thread, anchor or not
    el = node
    for _ in range(3):
        parent = el.getparent()
        if parent is None:
            break
        if any(_comment_anchor(sib, page) for sib in el.itersiblings(preceding=True)):
            return parent
        el = parent
    return None


def _stops_run(el, page: _Page) -> bool:
    """Where one comment's run of sibling blocks ends: a rule, a heading, or a strip of links."""
    if el.tag in ("hr", "h1", "h2", "h3", "h4", "h5", "h6", "form") or _comment_anchor(el, page):
        return True
    n = page.textlen.get(el, 0)
    return n > 0 and page.linklen.get(el, 0) > 0.5 * n


#: A named section shorter than this holds a header or a form, not comments worth a second reading.
_MIN_SECTION_TEXT = 200


def _section_read_as_text(page: _Page) -> tuple[object, list, list[Comment]]:
    """Comments of a section whose markup has no per-comment elements, read from its text.

    Old templates run every comment together in one block of ``font``/``b``/``br`` ("Reader said:",
    words, a rule, the next name), so no element holds one comment. The section is a named one, else
    what follows an ``<a name="comments">`` anchor in its parent; its text goes to the text-page
    parser, which splits comments at headers, author and date lines.

    Returns
    -------
    tuple
        (container, the elements shown as the section, comments); (None, [], []) when none are found.
    """
    from .text import parse_text_page  # only old layouts get here; import on use

    regions = [(section, [section]) for section in _section_candidates(page)
               if section not in page.holds_article]
    for anchor in page.root.iter("a"):
        if _comment_anchor(anchor, page) and not _excluded_ancestor(anchor, page):
            after = [el for el in anchor.itersiblings() if isinstance(el.tag, str)]
            if after and not any(el in page.holds_article for el in after):
                regions.append((anchor.getparent(), after))
    for container, elements in regions:
        text = _run_text(elements, page)
        if len(text) < _MIN_SECTION_TEXT:
            continue
        comments = parse_text_page(text, source="section").comments
        for comment in comments:
            # the controls under each comment, as the element path leaves them out ("4 agree | 5 disagree")
            kept = [line for line in comment.text.split("\n") if not _CONTROL_LINE.match(line.strip())]
            if any(line.strip() for line in kept):
                comment.text = _normalise("\n".join(kept))
        if comments:
            return container, elements, comments
    return None, [], []


def _run_text(elements: list, page: _Page) -> str:
    """Visible text of a run of sibling elements, the text between them included."""
    if len(elements) == 1:
        return _text(elements[0], skip=page.hidden)
    box = etree.Element("div")
    for el in elements:
        if el not in page.hidden:
            box.append(copy.deepcopy(el))  # a copy: the page's own tree keeps its elements
    return _text(box, skip={el for el in box.iter() if isinstance(el.tag, str) and _is_hidden(el)})


def _single_byline_item(byline, region, page: _Page) -> tuple[list[_Item], object]:
    """One comment around the only author line of a comment section.

    The byline's block and the blocks after it up to a rule, a heading or a strip of links (header
    style, "Posted by X on date" then the words); when nothing follows, the blocks before it
    (footer style).
    """
    holder = byline
    while holder.getparent() is not None and holder.getparent() is not region:
        holder = holder.getparent()
    if holder.getparent() is not region:
        return [], None

    def run(siblings) -> list:
        out = []
        for sib in siblings:
            if not isinstance(sib.tag, str) or sib in page.hidden:
                continue
            if _stops_run(sib, page):
                break
            out.append(sib)
        return out

    after = run(holder.itersiblings())
    if sum(page.textlen.get(el, 0) for el in after) >= 20:
        elements = [holder] + after
    else:
        before = run(holder.itersiblings(preceding=True))
        if sum(page.textlen.get(el, 0) for el in before) < 20:
            return [], None
        elements = list(reversed(before)) + [holder]
    item = _Item(elements, elements[0])
    item.extra_meta = [byline]
    return [item], region


def _named_anchor_items(page: _Page) -> tuple[list[_Item], object]:
    """Comments found from a repeated comment-named part (``div#commentBody`` in each comment's table).

    When the parts that carry comment names sit inside unnamed per-comment wrappers, no sibling group
    is named; the wrappers are the children of the parts' common ancestor that hold one part each.
    """
    keyed: dict = {}
    for node, attrs in page.attrs.items():
        if node.tag in ("a", "span", "form", "input", "textarea", "label", "html", "body"):
            continue
        if not _has(_SECTION_WORDS, attrs) or _has(_SECTION_NEVER, attrs) or _has(_SECTION_NOT, attrs):
            continue
        if node in page.hidden or page.textlen.get(node, 0) < 2:
            continue
        keyed.setdefault((node.tag, attrs), []).append(node)
    best: list = []
    best_len = 0
    for nodes in keyed.values():
        if len(nodes) < 2 or any(_inside(n, o) for n in nodes[1:] for o in nodes[:1]):
            continue
        total = sum(page.textlen.get(n, 0) for n in nodes)
        links = sum(page.linklen.get(n, 0) for n in nodes)
        if links > 0.5 * total or total < 40:
            continue
        if total > best_len:
            best, best_len = nodes, total
    if not best:
        return [], None
    items, lca = _anchored_items(best, page)
    if items and any(_excluded_ancestor(it.node, page) for it in items[:1]):
        return [], None
    for item in items:
        item.extra_meta = []
    return items, lca


def _anchored_items(best: list, page: _Page) -> tuple[list[_Item], object]:
    """Items around anchor elements (one per comment): the children of their common ancestor."""
    body = page.root.find("body")
    lca = _common_ancestor(best)
    if lca is None or page.textlen.get(lca, 0) > 0.9 * page.textlen.get(body, 1) and lca is body:
        pass
    holders: list = []
    bylines: list = []
    for b in best:
        child = b
        while child.getparent() is not None and child.getparent() is not lca:
            child = child.getparent()
        if child.getparent() is not lca:
            return [], None
        if not holders or holders[-1] is not child:
            holders.append(child)
            bylines.append(b)
    if len(holders) < 2:
        return [], None
    children = [c for c in lca if isinstance(c.tag, str)]
    index = {c: i for i, c in enumerate(children)}
    positions = [index[h] for h in holders]
    # a byline cut off from the others by a heading or a rule (the story's own "Posted by" line above
    # the "Comments" heading) is not one of them: keep the longest run of bylines with none between
    segments: list = [[0]]
    for j in range(1, len(positions)):
        if any(_is_break(c) for c in children[positions[j - 1] + 1: positions[j]]):
            segments.append([])
        segments[-1].append(j)
    keep = max(segments, key=len)
    if len(best) != len(holders):
        bylines = holders  # several bylines in one block: the blocks are not one comment each
    if len(keep) >= 2 and len(keep) < len(positions):
        positions = [positions[j] for j in keep]
        bylines = [bylines[j] for j in keep]
    first, last = positions[0], positions[-1]
    widest = max((positions[j + 1] - positions[j] for j in range(len(positions) - 1)), default=1)
    # header style when the words follow the last byline, footer style when they come before the first
    start = max(0, first - widest + 1)
    for k in range(first - 1, start - 1, -1):
        if _is_break(children[k]):
            start = k + 1
            break
    end = min(len(children), last + widest)
    for k in range(last + 1, end):
        if _is_break(children[k]) or children[k].tag == "form":
            end = k
            break
    before = sum(page.textlen.get(c, 0) for c in children[start:first])
    after = sum(page.textlen.get(c, 0) for c in children[last + 1:end])
    runs: list = []
    if after > before:
        for i, pos in enumerate(positions):
            runs.append(children[pos:positions[i + 1] if i + 1 < len(positions) else end])
    else:
        for pos in positions:
            runs.append(children[start:pos + 1])
            start = pos + 1
    items = []
    for run, byline in zip(runs, bylines):
        run = [c for c in run if c.tag not in ("h1", "h2", "h3", "h4", "h5", "h6")]
        if run:
            item = _Item(run, run[0])
            item.extra_meta = [byline]
            items.append(item)
    return items, lca


def _is_break(el) -> bool:
    """A heading or a rule: where one part of a page ends and the next begins."""
    return el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "hr")


def _common_ancestor(nodes: list):
    chain = list(nodes[0].iterancestors())
    for node in nodes[1:]:
        ancestors = set(node.iterancestors())
        chain = [a for a in chain if a in ancestors]
        if not chain:
            return None
    return chain[0]


def _expand(members, sig, page: _Page) -> list[_Item]:
    """Top-level items and, inside them, nested replies with the same signature (depth first, page order)."""
    member_set = set(members)
    out: list[_Item] = []

    def elements_of(el):
        els = [el]
        if el.tag == "dt":
            sib = el.getnext()
            while sib is not None and sib.tag == "dd":
                els.append(sib)
                sib = sib.getnext()
        return els

    # every element with the group's signature inside the group members is an item
    nested_sig = sig
    stack: list = []
    for top in members:
        if top in page.hidden:
            # a comment folded away as an empty shell (Slashdot's li.comment.hidden, below the reading
            # threshold) still shows its replies: they become first-level comments
            if _wraps_items(top, nested_sig, page):
                for reply in _outermost_items(top, nested_sig):
                    if reply not in page.hidden:
                        out.extend(_expand([reply], sig, page))
            continue
        if _signature(top) != sig and _is_children_list(top):
            # replies listed next to their comment (Disqus' ul.children after the li)
            if not out:
                continue
            item = out[-1]
            while item.depth and item.parent is not None:
                item = item.parent
            chain = {top: item}
            walk = [top]
        else:
            item = _Item(elements_of(top), top, 0, None)
            out.append(item)
            chain = {el: item for el in item.elements}
            walk = item.elements
        # nested replies: descendants with the same signature, parent = nearest item ancestor; a
        # dt's replies sit in its dd (Thesis: dt.comment + dd.comment > dl.children > dt.comment)
        for desc in (d for el in walk for d in el.iter()):
            if desc is top or not isinstance(desc.tag, str):
                continue
            if _signature(desc) != nested_sig and not (
                desc.tag == top.tag and desc.getparent() is not None and _is_children_list(desc.getparent())
                and not _wraps_items(desc, nested_sig, page)
            ):
                continue
            if not nested_sig[1] and _unnamed_parts(desc.getparent(), nested_sig, page):
                continue  # div(name) + div(date) + div(words) inside an unnamed div: one comment, not replies
            anc = desc.getparent()
            while anc is not None and anc not in chain:
                anc = anc.getparent()
            parent_item = chain.get(anc, item)
            child = _Item(elements_of(desc), desc, parent_item.depth + 1, parent_item)
            for el in child.elements:
                chain[el] = child
            out.append(child)
    del stack, member_set
    return out


def _outermost_items(el, sig: tuple) -> list:
    """The descendants of ``el`` with signature ``sig`` that are not inside another one."""
    items = []
    walker = etree.iterwalk(el, events=("start",))
    for _, node in walker:
        if node is not el and isinstance(node.tag, str) and _signature(node) == sig:
            items.append(node)
            walker.skip_subtree()
    return items


def _wraps_items(el, sig: tuple, page: _Page) -> bool:
    """Whether ``el`` only holds items of signature ``sig``: a listing box in a replies box, not a reply itself.

    A reply with words of its own around nested items (broken markup nests them so) is still a reply.
    """
    items = _outermost_items(el, sig)
    return bool(items) and page.textlen.get(el, 0) - sum(page.textlen.get(i, 0) for i in items) < _NAME_CHARS


def _unnamed_parts(parent, sig: tuple, page: _Page) -> bool:
    """Whether ``parent``'s children of signature ``sig`` are one comment's parts rather than replies.

    Two or more of them, at most one with more than a line of text (the words), and one a bare
    name, date or spacer.
    """
    lens = sorted((page.textlen.get(c, 0) for c in parent if isinstance(c.tag, str) and _signature(c) == sig),
                  reverse=True)
    return len(lens) >= 2 and lens[1] <= _PART_CHARS and lens[-1] <= _NAME_CHARS


#: Longest a bare name or date line may be.
_NAME_CHARS = 30


def _in_reply_list_of(node, parent) -> bool:
    """True when ``node`` sits in a reply list (``ul.children``) that is a direct child of ``parent``."""
    child = node
    while child is not None and child.getparent() is not parent:
        child = child.getparent()
    return child is not None and _is_children_list(child)


def _is_children_list(el) -> bool:
    cls = (el.get("class") or "").lower()
    return el.tag in ("ul", "ol", "div") and any(word in cls for word in ("child", "replies", "indent", "nested"))


def _meta_elements(item: _Item, nested: set, page: _Page) -> list:
    """Elements inside an item that carry author, date or controls rather than the comment's words."""
    metas = []
    for el in item.elements:
        walker = etree.iterwalk(el, events=("start",))
        for _, node in walker:
            if node in nested:
                walker.skip_subtree()
                continue
            if not isinstance(node.tag, str):
                walker.skip_subtree()
                continue
            if item.node.tag == "dt" and node is el and el.tag == "dt":
                metas.append(node)
                walker.skip_subtree()
                continue
            if node is el:
                continue
            if node.tag in _META_TAGS or _profile_link(node):
                metas.append(node)
                walker.skip_subtree()
                continue
            attrs = _role_names(page.attrs.get(node, ""))
            if attrs and _has(_META_WORDS, attrs) and not _has(_BODY_WORDS, attrs.split()[-1]):
                if page.textlen.get(node, 0) <= 200 and not _holds_body(node, page):
                    metas.append(node)
                    walker.skip_subtree()
    return metas


def _profile_link(el) -> bool:
    """A link to the commenter's profile as Drupal writes it (``title="View user profile."``)."""
    return el.tag == "a" and (el.get("title") or "").lower().startswith("view user profile")


def _role_names(attrs: str) -> str:
    """An element's id and classes without script hooks (``js-comment-edit-hide`` names no role)."""
    if "js-" not in attrs:
        return attrs
    return " ".join(w for w in attrs.split() if not w.startswith("js-"))


def _holds_body(node, page: _Page) -> bool:
    """True when a meta-named element (``li.comment-author``, ``div.comment-info``) wraps the words as well.

    That is, it holds a block named as a body or text, or a paragraph of at least 40 characters.
    """
    for sub in node.iterdescendants("div", "p", "blockquote"):
        cls = (sub.get("class") or "").lower()
        if cls and _has(_BODY_WORDS, cls) and not _has(_META_WORDS, cls):
            return True
        if sub.tag in ("p", "blockquote") and page.textlen.get(sub, 0) >= 40:
            return True
    return False


def _name_date(line: str):
    """The match of a "Name (date)" author line, or None when the bracket holds no date."""
    m = _NAME_DATE.match(line)
    if not m or _DATE_HINT.search(m.group("author")) or _MONTH.search(m.group("author")):
        return None  # "2 minutes ago (1:14 PM)" is a date twice, not a name
    if _DAY_MONTH.search(m.group("date")) or re.search(r"\bago\b", m.group("date")):
        return m
    return None  # "Darby (1:41)" quotes a moment of a video


#: What is left of "Ann says:" once the name is read as the author.
_BARE_SAYS = re.compile(r"^(?:says|said|wrote|writes|schreibt|schrieb|dit|dice|scrive|zegt)\s*(?::|\.\.\.|…|,)?$", re.I)
#: The words that joined a byline's name and date, left alone when both are read as meta
#: ("Kommentar von", "am", "on", "|"), and a commenter's role badge ("Gast", "Guest").
_ORPHAN_JOINER = re.compile(
    r"^(?:(?:(?:kommentar|geschrieben|antwort|comment|posted|written|reply)\s+)?(?:von|by|par|am|um|on|at|le|à|el|il|op|door)"
    r"|gast|guest|anonym(?:ous)?|facebook|twitter|google\+?|\||·|-|–|—)\s*:?$",
    re.I,
)
#: The section's count header read with the first comment ("Comments (1)", "12 Kommentare").
_COUNT_HEADER = re.compile(
    r"^(?:(?:comments?|kommentare?|responses?|reactions?|reacties|commentaires?)\s*[(\[:]?\s*\d+\s*[)\]]?"
    r"|\d+\s+(?:comments?|kommentare?|responses?|reactions?|reacties|commentaires?))$",
    re.I,
)
#: A comment's subject line with its moderation score ("Re:Exit interviews (Score:5, Insightful)"): a header.
_SCORED_SUBJECT = re.compile(r"\(Score:\s*-?\d+(?:,\s*[\w ]+)?\)$")
#: Reddit's depth and score lines over a comment ("level 2", "10 points · · edited 6 years ago").
_THREAD_LEVEL = re.compile(r"^(?:level\s+\d{1,2}|-?\d[\d,.]*k?\s+points?\s+·.{0,40})$", re.I)
#: What the date part of a byline holds: a number, a month, or a relative day.
_DATEISH = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bago\b|today|yesterday", re.I)


#: A line that is a date and nothing else: "10/12/2012", "2012-10-12", "12.10.2012 14:05".
_DATE_ONLY = re.compile(r"(?:\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d|(?:19|20)\d\d-\d\d-\d\d)(?:,?\s+\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?)?",
                        re.I)


def _strip_lines(text: str) -> tuple[str, str | None, str | None]:
    """Remove author/date/control lines around a comment's words; return (text, author, date)."""
    lines = text.split("\n")
    author = date = None
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _CONTROL_LINE.match(stripped) or (index < 3 and re.fullmatch(r"#?\d{1,4}\.?|#", stripped)):
            continue
        head = index < 3 or index >= len(lines) - 3
        if head:
            if (_BARE_SAYS.match(stripped) or _ORPHAN_JOINER.match(stripped) or _SCORED_SUBJECT.search(stripped)
                    or _THREAD_LEVEL.match(stripped)
                    or index == 0 and _COUNT_HEADER.match(stripped)):
                continue  # the "says:" or "Kommentar von" left of an author line once its name is read as meta
            m = _SAYS_LINE.match(stripped) or _NOTE_ACTION.match(stripped)
            if m and len(stripped) < 90:
                author = author or _without_date(m.group("author"))
                continue
            by = _BY_NAME.match(stripped) if index < 2 and len(lines) > 2 else None
            name = _plain_name(by.group("author")) if by and "," not in stripped else None
            if name:
                author = author or name  # "By Ann Lee" alone on the comment's first line
                continue
            m = _POSTED_BY.match(stripped) or _BY_ON.match(stripped) or _name_date(stripped)
            if m and m.groupdict().get("date") and not _DATEISH.search(m.group("date")):
                m = None  # "Written by the mayor? Ask her at the next meeting." is words, not a byline
            if m:
                author = author or m.group("author").strip()
                if m.groupdict().get("date"):
                    date = date or m.group("date")
                continue
            dated = len(stripped) < 60 and _DATE_HINT.search(stripped) and _MONTH.search(stripped)
            if dated and len(stripped.split()) <= 9 or _DATE_ONLY.fullmatch(stripped):
                date = date or stripped  # "Jul 20 2012", "10/12/2012" alone on its line
                author = author or _author_beside_date(stripped)  # "Ann Lee | Di, 21. April 2020 - 16:40"
                said = [line for line in kept if line]
                if (index < 4 and not author and len(said) == 1 and not said[0].startswith("@")
                        and _plain_name(said[0]) and any(line.strip() for line in lines[index + 1:])):
                    author = said[0]  # the bare name on the line above it ("john"), the words below
                    kept = []
                continue
        kept.append(stripped)
    return _normalise("\n".join(kept)), author, date


_AUTHOR_CLASS = re.compile(r"\bfn\b|author|user-?name|username|commenter|poster|nick|\bname\b|\buser\b|vcard"
                           r"|(?:account|member|display)-?name|\bhnuser\b")
_DATE_CLASS = re.compile(r"date|time|posted|published|meta|footer|byline")


#: A Tumblr note without words of its own: "anna liked this", "bob reblogged this from anna".
_BARE_NOTE = re.compile(r"^[\w.-]{1,60}\s+(?:liked|reblogged|posted)\s+this(?:\s+from\s+[\w.-]{1,60})?\.?$")
#: A Tumblr note's action line over its words: "bob reblogged this from anna and added:", "bob replied:".
_NOTE_ACTION = re.compile(r"^(?P<author>[\w.-]{1,60})\s+(?:reblogged\s+this(?:\s+from\s+[\w.-]{1,60})?\s+and\s+added|replied|answered)\s*:?$")


def _author_of(item: _Item, metas: list) -> str | None:
    for el in metas:
        if el.tag == "cite" or _has(_AUTHOR_CLASS, _attrs(el)) or el.tag == "dt" or _profile_link(el):
            fn = None
            for sub in el.iter():
                if isinstance(sub.tag, str) and re.search(r"\bfn\b|\bname\b|username|user-?name", _attrs(sub)):
                    fn = sub
                    break
            text = _clean_line((fn if fn is not None else el).text_content())
            text = re.sub(r"\s+(?:says|said|wrote|schreibt|dit|dice)\s*(?::|\.\.\.|…)?\s*$", "", text, flags=re.I)
            text = re.sub(r"^(?:posted\s+)?by[:\s]+", "", text, flags=re.I)
            text = re.sub(r"^posted\s+by[:\s]*", "", text, flags=re.I)
            m = _POSTED_BY.match(_clean_line(el.text_content()))
            if m:
                text = m.group("author").strip()
            if text and len(text) <= 80 and not _DATE_HINT.search(text):
                return text
            if text and " on " in text:
                name = text.split(" on ")[0].strip()
                if name and len(name) <= 60:
                    return name
    meta_lines = [[line.strip() for line in _text(el).split("\n") if line.strip()] for el in metas]
    for lines in meta_lines:
        for line in lines:
            m = _SAYS_LINE.match(line.strip()) or _POSTED_BY.match(line.strip()) or _name_date(line.strip())
            # "by Ann on January 31, 2011 at 9:59 am. Reply #": a footer byline with its controls
            m = m or _BY_ON.match(_TRAILING_CONTROLS.sub("", line.strip())) or _NOTE_ACTION.match(line.strip())
            if m:
                return _without_date(m.group("author").strip())
    # a name part inside a wider meta block (div.comment-head > span.name), before guessing from the lines' layout
    for el in metas:
        for sub in el.iter():
            if sub is el or not isinstance(sub.tag, str) or not _has(_AUTHOR_CLASS, _attrs(sub)):
                continue
            text = _clean_line(sub.text_content())
            if text and len(text) <= 80 and not _DATE_HINT.search(text):
                return text
    # a name beside its date ("Ann Lee — July 10th, 2012", "1. Ann - 9 December, 2011",
    # "October 11, 2012 | Ann", "posted on ... by Ann") or on the line above a date line
    for lines in meta_lines:
        for index, line in enumerate(lines):
            name = _author_beside_date(line)
            if name is None and index + 1 < len(lines) and _starts_with_date(lines[index + 1]):
                name = _plain_name(line)
            if name:
                return name
    return None


#: A relative date ("12 days ago", "vor 3 Stunden") where a written date would be.
_AGO = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.I)
#: What may stand before a date that names nobody: "posted on Wednesday,".
_DATE_LEAD = re.compile(r"^\s*(?:posted|written|published)?\s*(?:on|at)?\s*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|"
                        r"sat(?:ur)?|sun)(?:day)?\.?,?)?\s*$", re.I)
_NUMBERED = re.compile(r"^\d+[.)]?\s+")
#: Words that join a name and its date: dashes, bars, "on", "wrote on", "posted on", "at".
_JOINER = re.compile(r"^(?:[-\u2013\u2014|,/@]|\b(?:wrote|said|posted|commented)?\s*(?:on|at)\b|\bwrote\b|\s)+|"
                     r"(?:[-\u2013\u2014|,/@]|\b(?:wrote|said|posted|commented)?\s*(?:on|at)\b|\bwrote\b|\s)+$", re.I)


#: A thread's fold control run into the name ("[–]poolfan").
_TOGGLE = re.compile(r"^\[[-\u2013+]\]\s*")


def _plain_name(text: str) -> str | None:
    """``text`` when it reads as a name (a few words, no sentence, no control), else None."""
    text = _JOINER.sub("", _NUMBERED.sub("", _TOGGLE.sub("", text.strip())))
    if not text or len(text) > 40 or len(text.split()) > 4 or _CONTROL_LINE.match(text):
        return None
    if re.search(r"[.!?:;]$", text) and not re.search(r"\s[A-Z]\.$", text):
        return None  # a sentence, not a name ("Georg N." ends in an initial)
    return byline_name(text)


def _starts_with_date(line: str) -> bool:
    found = DATE_IN_TEXT.search(line) or _AGO.search(line)
    return bool(found) and found.start() <= 3


#: A reference to the comment being answered: "Response to Ann", "In reply to Ann", "@ Ann".
_REPLY_TO = re.compile(r"^\s*(?:@|(?:in\s+)?(?:response|reply|replying|antwort|réponse)\s+(?:to|an|auf|à)\b)", re.I)


def _author_beside_date(line: str) -> str | None:
    """The name written before or after a comment's date on one line, or None."""
    if len(line) > 120:
        return None
    if not line.isascii() or _FOREIGN_MONTH.search(line):
        line = _english_months(line)  # "Ben 19. Juni 2018 um 15:28 Uhr"
    found = DATE_IN_TEXT.search(line) or _AGO.search(line)
    if not found:
        return None
    # "Ann | Di, 21. April 2020", "Georg N. am 10.4.2020", "Ann Lee Le 11 septembre 2018"
    before = _FOREIGN_ON.sub("", _WEEKDAY_END.sub("", line[:found.start()]))
    if _REPLY_TO.match(before):
        return None  # "Response to IanCW, 1 November 2012": the comment answered, not the author
    after = line[found.end():]
    if before.strip() and not _DATE_LEAD.match(before):
        return _plain_name(before)
    by = re.match(r"^\s*(?:\||by\b|[-\u2013\u2014])\s*(.+)$", after, re.I)
    if by:
        return _plain_name(by.group(1))
    # "on 2012-10-16 at 8:11 am Rolf Kristensen": the name right after the date and its time
    on_date = before.strip().lower() == "on" and found.group(0)[-1:].lower() in "m0123456789"
    return _plain_name(after) if on_date and after[:1] in " 0123456789" else None


#: Around a commenter's name: "by ", "— Posted by ", " writes:", " sagt:", a user number "(1040920)", a star.
_AUTHOR_WRAP = re.compile(
    r"^[-\u2013\u2014\s]*(?:(?:posted|written|geschrieben|kommentiert)\s+)?(?:by|von|par)\s+"
    r"|\s+(?:writes|wrote|says|said|sagt|schreibt|meint|dit|dice)\s*[:,]?\s*$"
    r"|\s*\(\d+\)\s*\*?(?:\s*(?:writes|wrote|says|schreibt)\b.*)?$|\s*\*$"  # "Ann (1285) writes: <mail>"
    r"|(?<=[a-z])(?:says|sagt|schreibt|meint|dit|dice|scrive|zegt):$"  # "Lenasagt:", the space lost in markup
    r"|\s+[-\u2013\u2014]\s+(?=[^\n]*\d).*$",  # a date left after a dash ("Ann — January 7", "Ann — 17.07")
    re.I,
)
#: Link texts of an author box that name nobody.
_NO_AUTHOR = frozenset({"profile", "view profile", "reply", "permalink", "link", "share", "report"})


#: A line of a user box that is a badge, a control or a count, not the name ("HUFFPOST SUPER USER", "Follow", "63 Fans").
_BADGE_LINE = re.compile(
    r"^(?:[A-Z0-9]+\s+)*(?:USER|MEMBER|MODERATOR|STAFF|ADMIN|SUPPORTER|SUBSCRIBER|CONTRIBUTOR)$"
    r"|^(?i:follow|unfollow|profile|\d[\d,.]*\s+(?:fans?|followers?|posts?|comments?|points?))$",
)
#: A time after a date, before the name it leads to ("October 29, 2012 at 2:35am, Rosa").
_LEAD_TIME = re.compile(r"^\s*(?:at|@|um|-)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?", re.I)


def _leading_date(author: str | None) -> str | None:
    """The date an author line opens with ("On October 29, 2012 at 2:35am, Ann"), as ISO 8601, or None."""
    if not author or not (author[:1].isdigit() or author[:3].lower() == "on "):
        return None
    found = DATE_IN_TEXT.search(author)
    return _parse_date(found.group(0)) if found and found.start() <= 3 else None


def _tidy_author(author: str | None) -> str | None:
    """The commenter's name alone: "by Ann Lee (1040920)" -> "Ann Lee"; None for "Profile".

    Of a user box read whole (name, badge, motto, fan count on their own lines) the name is the
    first line that is no badge or count; a date written before the name is left out.
    """
    if not author:
        return None
    if "\n" in author:
        lines = [line.strip() for line in author.split("\n") if line.strip()]
        lines = [line for line in lines if not _BADGE_LINE.match(line)]
        author = lines[0] if lines else ""
    if author[:1].isdigit() or author[:3].lower() == "on ":
        found = DATE_IN_TEXT.search(author)
        if found and found.start() <= 3:
            rest = _JOINER.sub("", _LEAD_TIME.sub("", author[found.end():]))
            author = rest if rest and len(rest) <= 60 and not re.search(r"[.!?:;]$", rest) else author
    previous = None
    while previous != author:
        previous, author = author, _AUTHOR_WRAP.sub("", author).strip()
    author = re.sub(r"\s+\([^)]*$", "", author) or author  # "jj (@all" of "jj (@all2one)": a bracket cut open
    author = author.strip(" \u2022\u00b7|") or author  # the spacer before the date ("Jo \u2022")
    return None if not author or author.lower() in _NO_AUTHOR or _BADGE_LINE.match(author) else author


def _without_date(author: str) -> str:
    """The name of an author line that carries its date: "Ann on May 2, 2012 at 8:06 pm" -> "Ann"."""
    name, sep, rest = author.partition(" on ")
    if not sep:
        name, sep, rest = author.partition(" at ")
    dated = _DATE_HINT.search(rest) or _DAY_MONTH.match(rest.strip())  # "Doug on Aug 9, 10:14 AM": no year
    return name.strip() if sep and name.strip() and dated else author


#: A link that shows a comment's time ("time-ago", "comment-date", "permalink-time").
_TIME_LINK = re.compile(r"time|date|\bago\b")


def _spaced_text(el) -> str:
    """An element's text with its parts apart: ``<span>28.09.19</span><span>13:55</span>`` is "28.09.19 13:55"."""
    return _clean_line(" ".join(part.strip() for part in el.itertext() if part.strip()))


def _date_of(item: _Item, metas: list, dayfirst: bool = False) -> str | None:
    for el in metas:
        for sub in el.iter("time", "abbr", "span", "a"):
            if sub.tag == "span" and not sub.get("title"):
                continue  # a span counts only with its date in a title ("2 hours ago" over "2023-07-05T08:00:00")
            if sub.tag == "a" and not (sub.get("title") and _has(_TIME_LINK, _attrs(sub))):
                continue  # a link only when named as a time ("a.time-ago" with the date in its title)
            value = sub.get("datetime") or sub.get("title")
            parsed = _parse_date(value, dayfirst) or (sub.tag != "span" and _parse_date(_spaced_text(sub), dayfirst))
            if parsed:
                return parsed
    for el in metas:
        if el.tag == "time" or _has(_DATE_CLASS, _attrs(el)) or el.tag == "dt":
            text = _spaced_text(el)
            if _JOINED.search(text):
                continue
            m = _POSTED_BY.match(text)
            if m and m.group("date"):
                text = m.group("date")
            # "3 years ago" shown, the date itself in the title (wpDiscuz)
            parsed = _parse_date(el.get("title"), dayfirst) or _parse_date(text, dayfirst)
            if parsed:
                return parsed
    # a date part inside a wider meta block (div.comment-head > span.date)
    for el in metas:
        for sub in el.iter():
            if sub is not el and isinstance(sub.tag, str) and _has(_DATE_CLASS, _attrs(sub)):
                text = _spaced_text(sub)
                parsed = None if _JOINED.search(text) else (_parse_date(sub.get("title"), dayfirst)
                                                            or _parse_date(text, dayfirst))
                if parsed:
                    return parsed
    # the date of an author line ("Posted by: X on 5:19pm Tue 1 Jan 08", "X (12/19/2007 16:36)"), when
    # it has a day and a month: "Posted by: X — January 7, 2008" splits at the comma, leaving a bare year
    for el in metas:
        for line in _text(el).split("\n"):
            m = _POSTED_BY.match(line.strip()) or _name_date(line.strip())
            if m and m.group("date") and _DAY_MONTH.search(m.group("date")):
                parsed = _parse_date(m.group("date"), dayfirst)
                if parsed:
                    return parsed
    # a whole date written anywhere in a short meta line: WordPress themes put it in the permalink
    # ("On September 4, 2012 at 10:28 am"), Drupal beside the comment number ("Thu, 08/09/2012 - 14:45 | 2691823")
    for el in metas:
        for line in _text(el).split("\n"):
            line = line.strip()
            if len(line) > 120 or _JOINED.search(line):
                continue
            found = DATE_IN_TEXT.search(line)
            parsed = _parse_date(found.group(0), dayfirst) if found else None
            if parsed:
                return parsed
    return None


#: A user box's join date or birthday, which is not when the comment was written.
_JOINED = re.compile(r"\b(?:joined|member since|registered|since|born|seit|dabei|inscrit|membre depuis)\b", re.I)


#: A day with a month: "1 Jan", "Jan 9", "12/19/2007", "17.07.2011".
_DAY_MONTH = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",
    re.I,
)


def _comment_id(item: _Item) -> str | None:
    for el in item.elements[:1]:
        ident = el.get("id")
        if ident and _ID_COMMENT.search(ident) and not ident.lower().startswith("li-"):
            return ident
        for sub in el.iter():
            if sub is el or not isinstance(sub.tag, str):
                continue
            sid = sub.get("id") or sub.get("name")
            if sid and _ID_COMMENT.search(sid) and "avatar" not in sid and "content" not in sid:
                return sid
            if sub.tag in ("p", "ul", "ol"):
                break
        if ident:
            return ident
    return None


def _block_text(item: _Item, nested: set, page: _Page) -> str:
    """The item's whole visible text: author, date and control lines kept, nested replies left out."""
    skip = nested | page.hidden
    return "\n\n".join(t for t in (_text(el, skip=skip) for el in item.elements) if t)


def _build_comments(items: list[_Item], page: _Page) -> tuple[list[Comment], list[Comment]]:
    nested_nodes = {el for it in items if it.depth > 0 for el in it.elements}
    by_node_id: dict = {}
    comments: list[Comment] = []
    set_aside: list[Comment] = []
    used_ids: set = set()
    shown: set = set()
    for item in items:
        own_id = item.node.get("id") or ""
        if _ID_COMMENT.search(own_id):
            if own_id in shown:
                continue  # the same comment shown again (a second tab of the thread)
            shown.add(own_id)
        own = set(item.elements)
        inner = {n for n in nested_nodes if n not in own}
        # nested reply lists inside the item belong to the replies, not to the item's words
        metas = item.extra_meta + _meta_elements(item, inner, page)
        skip = set(metas) | inner | page.hidden
        raw = "\n\n".join(t for t in (_text(el, skip=skip) for el in item.elements) if t)
        text, line_author, line_date = _strip_lines(raw)
        raw_author = _author_of(item, metas) or (line_author.strip() if line_author else None)
        author = _tidy_author(raw_author)
        published = (_date_of(item, metas, page.dayfirst) or _parse_date(line_date, page.dayfirst)
                     or _leading_date(raw_author))
        kind = "comment"
        cls = _attrs(item.node)
        if _has(_PINGBACK, cls):
            kind = "trackback" if "trackback" in cls else "pingback"
        elif re.match(r"^(?:pingback|trackback)\s*:", text, re.I):
            kind = "trackback" if text.lower().startswith("trackback") else "pingback"
        if kind == "comment" and (not text or _EMPTY_STATE.match(text.replace("\n", " ")) or _BARE_NOTE.match(text)):
            continue
        ident = _comment_id(item)
        if not ident or ident in used_ids:
            ident = f"c{len(comments) + len(set_aside) + 1}"
        used_ids.add(ident)
        parent = by_node_id.get(item.parent.node) if item.parent is not None else None
        comment = Comment(text=text, id=ident, author=author, published=published, parent=parent,
                          depth=item.depth if parent else 0, kind=kind, block=_block_text(item, inner, page))
        by_node_id[item.node] = ident
        (comments if kind == "comment" else set_aside).append(comment)
    if len(comments) == 1 and len(comments[0].text.split()) < 3 and not comments[0].author:
        # one stray word in a comment-named box ("Broadcast") is a widget label, not a thread
        comments = []
    for position, comment in enumerate(comments, start=1):
        comment.position = position
    for position, comment in enumerate(set_aside, start=1):
        comment.position = position
    return comments, set_aside


def _flat_level(node) -> int | None:
    """The depth a flat list shows for an item, from 0: a ``depth-2`` class, or an ``indent="1"`` cell inside it."""
    m = re.search(r"(?:depth|level)[-_](\d+)", (node.get("class") or "").lower())
    if m:
        return max(int(m.group(1)) - 1, 0)
    for cell in node.iter("td"):
        indent = cell.get("indent")
        if indent is not None:
            return int(indent) if indent.isdigit() and int(indent) < 100 else None
    return None


def _flat_depths(items: list[_Item]) -> None:
    """Themes that render threads flat mark depth in a class (``depth-2``); rebuild parents from it."""
    if any(it.depth for it in items):
        return
    last_at: dict = {}
    for item in items:
        level = _flat_level(item.node)
        if level is None:
            continue
        if level > 0 and (level - 1) in last_at:
            item.depth = level
            item.parent = last_at[level - 1]
        last_at[level] = item
        for deeper in [k for k in last_at if k > level]:
            del last_at[deeper]


def _claimed_count(page: _Page, container) -> int | None:
    scopes = []
    if container is not None:
        anc = container
        for _ in range(4):
            if anc.getparent() is None:
                break
            anc = anc.getparent()
        scopes.append(anc)
    scopes.append(page.root)
    for scope in scopes:
        for el in scope.iter("h1", "h2", "h3", "h4", "h5", "h6", "span", "div", "a", "p", "strong", "b"):
            n = page.textlen.get(el, 0)
            if not n or n > 60:
                continue
            if el.tag in ("div", "span", "a", "p", "strong", "b"):
                attrs = page.attrs.get(el, "")
                if not attrs or not _has(_SECTION_WORDS, attrs):
                    continue
            text = _clean_line(el.text_content())
            m = _COUNT_TEXT.search(text)
            if m:
                raw = (m.group(1) or m.group(2) or "").replace(",", "").replace(".", "")
                if raw.isdigit():
                    return int(raw)
            if re.match(r"^(?:one|a single)\s+(?:comment|response|thought|reply)", text, re.I):
                return 1
    return None


# ---------------------------------------------------------------------------
# article
# ---------------------------------------------------------------------------


#: Prose outside the comments beyond which a wrapper around them holds the article too.
_AREA_PROSE = 200


def _comment_area(container, members: list, comments: set, page: _Page) -> set:
    """The comment list, the members' parents and the named comment section around them.

    Only wrappers with little prose besides the comments (a header, a count, a note) count: when
    comments sit right next to the story, their parent is the story's column too.
    """
    wrappers = {container} | {m.getparent() for m in members if m.getparent() is not None}
    # the whole comment section (header, form) stays out of the article
    limit = 0.8 * page.textlen.get(page.root, 1)
    anc = container
    while anc is not None:
        attrs = page.attrs.get(anc, "")
        if attrs and _has(_SECTION_WORDS, attrs) and page.textlen.get(anc, 0) < limit:
            wrappers.add(anc)
        anc = anc.getparent()
    wrappers.discard(None)
    if not comments:
        return wrappers  # no comment came out of the list: a widget or a label, left out whole
    return {el for el in wrappers if _prose_outside(el, comments, page) < _AREA_PROSE}


def _prose_outside(node, comments: set, page: _Page) -> int:
    """Characters of paragraph text in ``node`` outside ``comments`` and outside comment-named parts
    (a form's privacy note is the section's furniture); paragraphs of 80 and more, mostly not links.
    """
    total = 0
    walker = etree.iterwalk(node, events=("start",))
    for _, el in walker:
        if el in comments or el is not node and _has(_SECTION_WORDS, page.attrs.get(el, "")):
            walker.skip_subtree()
        elif el.tag in _DENSE_TAGS:
            n = page.textlen.get(el, 0)
            if n >= 80 and page.linklen.get(el, 0) < 0.3 * n:
                total += n
    return total


#: Below this many characters our article looks weak and trafilatura's fast mode gets a try.
_WEAK_ARTICLE = 600


def _article(page: _Page, exclude: set, comments: set = frozenset()) -> str:
    chrome = _boilerplate(page)
    skip = chrome | set(exclude)
    # the area around the comments, or a block named as chrome, may be a wrapper that holds the
    # article too; the comments themselves never do
    best, named = _article_node(page, skip, set(comments))
    parts = _article_parts(best, named, skip, page) if best is not None else []
    text = _normalise("\n\n".join(_text(node, skip=skip) for node in parts))
    if len(text) < _WEAK_ARTICLE or _menu_like(text):
        other = _trafilatura_article(page.root, exclude)
        if len(other) > max(len(text) * 1.2, 100):
            return other
    return text


def _menu_like(text: str) -> bool:
    """Mostly lines of one to three words: navigation or a list of labels rather than prose."""
    lines = [line for line in text.split("\n") if line]
    if len(lines) < 10:
        return False
    short = sum(1 for line in lines if len(line.split()) <= 3)
    return short > 0.6 * len(lines)


def _trafilatura_article(root, exclude: set) -> str:
    """The article as trafilatura's fast mode reads the page without ``exclude`` ("" if absent).

    ``exclude`` (our comment section and page chrome) is taken out of the tree for the call and put
    back after, so trafilatura copies and cleans a smaller tree.
    """
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency, but the parser works without it
        return ""
    outer = [el for el in exclude if el is not None and el.getparent() is not None
             and el.tag not in ("html", "body") and not any(anc in exclude for anc in el.iterancestors())]
    detached = []
    for el in outer:
        parent = el.getparent()
        detached.append((parent, parent.index(el), el))
        parent.remove(el)
    try:
        text = trafilatura.extract(root, fast=True, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False) or ""
    except Exception:  # noqa: BLE001 - a second opinion that fails is no opinion
        text = ""
    finally:
        for parent, index, el in reversed(detached):
            parent.insert(index, el)
    return _normalise(text)


def _boilerplate(page: _Page) -> set:
    """Hidden elements, navigation, asides, footers, small forms and blocks named as page chrome."""
    root = page.root
    body = root.find("body")
    if body is None:
        body = root
    skip = set(page.hidden)
    body_len = page.textlen.get(body, 1)
    for node in root.iter("nav", "aside", "footer", "form"):
        # a page wrapped whole in a form, or swallowed by a nav left unclosed, is not chrome
        if page.textlen.get(node, 0) > 0.5 * body_len and (node.tag == "form" or _holds_named_body(node, page)):
            continue
        skip.add(node)
    # many elements share a class string: judge each string once ("chrome", "header" or None)
    kinds: dict = {}
    textlen = page.textlen
    for node, attrs in page.attrs.items():
        kind = kinds.get(attrs, "")
        if kind == "":
            kind = kinds[attrs] = _chrome_kind(attrs)
        if kind is None or node.tag == "article":
            continue  # an article's classes name the post's categories and tags ("category-newsletter"), not chrome
        if textlen.get(node, 0) >= 0.5 * body_len:
            continue
        if kind == "chrome" or not _in_article(node, page):
            skip.add(node)
    return skip


#: The comment form's own parts ("comment-reply-title", "akismet_comment_form_privacy_notice"), in a story or not.
_COMMENT_FURNITURE = re.compile(r"form|respond|reply-?title|privacy|policy|akismet|subscri")


def _chrome_kind(attrs: str) -> str | None:
    """"chrome" for an id and class naming page chrome, "header" for a header, None otherwise."""
    if _ARTICLE_BODY.search(attrs):
        return None
    if _BOILERPLATE.search(attrs) or _SECTION_WORDS.search(attrs) and _COMMENT_FURNITURE.search(attrs):
        return "chrome"
    return "header" if _HEADER.search(attrs) else None


def _in_article(node, page: _Page) -> bool:
    """Whether ``node`` is inside an ``article`` element or one named as an article body."""
    return any(anc.tag == "article" or _has(_ARTICLE_BODY, page.attrs.get(anc, "")) for anc in node.iterancestors())


def _holds_named_body(node, page: _Page) -> bool:
    """Whether an element named as an article body (``entry-content``, ...) is inside ``node``."""
    return any(_has(_ARTICLE_BODY, page.attrs.get(el, "")) for el in node.iterdescendants())


def _article_node(page: _Page, skip: set, never: set = frozenset()):
    """The element holding the article and whether it is named as one.

    The largest element named as an article body (``article``, ``entry-content``, ...) outside
    ``skip``, else the block with the most paragraph text outside ``never``.
    """
    best = None
    best_len = 0
    marked = page.named_bodies + page.root.xpath("//article | //*[@itemprop='articleBody' or @itemprop='articlebody']")
    for node in marked:
        if node in skip or any(a in skip for a in node.iterancestors()):
            continue
        n = _visible_len(node, skip, page)
        if n > best_len:
            best, best_len = node, n
    if best is None or best_len < 200:
        return _densest(page, skip, never), False
    return best, True


def _article_parts(best, named: bool, skip: set, page: _Page) -> list:
    """``best`` with the boxes the same article continues in, in page order.

    A story split into sibling ``article`` boxes (a header box, an ingredients box, a method box)
    is one article, and a sibling box named as its lead (an intro, a standfirst) opens it. A body
    named as the article and repeated under the same class (a question and its answers) is read
    whole.
    """
    parts = [best]
    if named:
        parts += _repeated_bodies(best, skip, page)
    parent = best.getparent()
    if best.tag == "article" and parent is not None and parent.tag not in ("body", "html"):
        parts += [sib for sib in parent if sib.tag == "article" and sib is not best and sib not in skip]
    if parent is not None and parent.tag not in ("body", "html"):
        parts += [sib for sib in parent if sib is not best and sib not in skip and _is_lead(sib, page)]
    if len(parts) == 1:
        return parts
    order = {node: i for i, node in enumerate(page.nodes)}
    return sorted(set(parts), key=order.get)


#: The box that opens a story above its body: an intro, a lead, a standfirst.
_LEAD = re.compile(r"intro|\blead\b|standfirst|summary|excerpt|abstract|subtitle|\bdeck\b|kicker|vorspann")


def _is_lead(node, page: _Page) -> bool:
    """Named as the story's lead, with text that is mostly not links."""
    n = page.textlen.get(node, 0)
    return n > 0 and page.linklen.get(node, 0) < 0.5 * n and _has(_LEAD, page.attrs.get(node, ""))


def _repeated_bodies(best, skip: set, page: _Page) -> list:
    """Other elements with the article body's own class, outside ``skip`` and not nested with it.

    Repeats under 200 characters are page furniture reusing the name (a footer cell), not bodies.
    """
    cls = best.get("class") or ""
    if not _has(_ARTICLE_BODY, cls.lower()):
        return []
    out = []
    for node in page.root.iter(best.tag):
        if node is best or node.get("class") != cls or node in skip or _inside(node, best) or _inside(best, node):
            continue
        if not any(a in skip for a in node.iterancestors()) and _visible_len(node, skip, page) >= 200:
            out.append(node)
    return out


def _visible_len(node, skip: set, page: _Page) -> int:
    """Text length of ``node`` without the elements in ``skip``."""
    total = page.textlen.get(node, 0)
    walker = etree.iterwalk(node, events=("start",))
    for _, sub in walker:
        if sub in skip and sub is not node:
            total -= page.textlen.get(sub, 0)
            walker.skip_subtree()
    return total


def _inside(node, ancestor) -> bool:
    anc = node.getparent()
    while anc is not None:
        if anc is ancestor:
            return True
        anc = anc.getparent()
    return False


#: Elements whose text is one paragraph.
_DENSE_TAGS = frozenset(("p", "pre", "blockquote", "td"))


def _text_blocks(page: _Page, never: set):
    """Paragraphs outside ``never`` as (element, holder, length, link length).

    A ``p``, ``pre``, ``blockquote``, ``td`` or a ``div`` of text and inline markup only is held by
    its parent. Text loose in a ``div`` between its blocks (old pages run the story in ``br``-separated
    lines beside a heading and a table) is a paragraph held by the ``div`` itself.
    """
    walker = etree.iterwalk(page.root, events=("start",))
    for _, node in walker:
        if node in never:
            walker.skip_subtree()
            continue
        tag = node.tag
        if tag in _DENSE_TAGS:
            yield node, node.getparent(), page.textlen.get(node, 0), page.linklen.get(node, 0)
        elif tag == "div":
            if not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in node):
                yield node, node.getparent(), page.textlen.get(node, 0), page.linklen.get(node, 0)
            else:
                loose = len((node.text or "").strip()) + sum(len(c.tail.strip()) for c in node if c.tail)
                yield node, node, loose, 0


def _densest(page: _Page, skip: set, never: set = frozenset()):
    """The block holding the most paragraph text.

    A paragraph's score goes to its holder, half of it one level up and a third two levels up, so
    a story set in many small boxes (a magazine layout) gathers at the box that holds them all.

    Paragraphs in ``skip`` and anywhere inside ``never`` do not count.
    """
    scores: dict = {}
    for p, parent, n, links in _text_blocks(page, never):
        if n < 25 or p in skip or parent is None:
            continue
        score = n * (1.0 - links / n)
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
            great = grand.getparent()
            if great is not None:
                scores[great] = scores.get(great, 0) + score / 3
    if not scores:
        body = page.root.find("body")
        return body
    return max(scores, key=scores.get)


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def _date_yearless(comments: list[Comment], story_published: str | None, page: _Page) -> None:
    """Date the undated comments whose bylines leave the year out ("on Monday July 23, @08:35PM").

    The story's date gives the year; without one, the page's copyright year does for bylines
    that give a weekday.
    """
    if not any(not c.published and c.block for c in comments):
        return
    hint = None if story_published else copyright_year(page.root.text_content()[-20000:])
    for comment in comments:
        if comment.published or not comment.block:
            continue
        words = {line.strip() for line in comment.text.split("\n")}
        lines = [line.strip() for line in comment.block.split("\n") if line.strip()]
        bylines = [line for line in lines[:4] + lines[-3:] if line not in words]
        comment.published = yearless_date(bylines, story_published, hint)


def parse_html_page(html: str, source: str = "<string>", frames=None) -> Thread:
    """Read a saved HTML page into a thread: article, metadata and reader comments.

    Comments are found from the page's structure (comment sections named in ids and classes, with
    repeated items such as WordPress ``li.comment``, Blogger ``dt``/``dd`` pairs or TypePad
    ``div.comment``); replies nested inside a comment, or listed right after it (``ul.children``),
    get its ``id`` as ``parent``. A comment's ``text`` is its own words; its ``block`` is all it shows
    (author, date, "Reply"), without its replies. Pages that name no list are read from dated entries
    that each carry a "Reply" control, from Tumblr's notes that add words (reblogs with commentary,
    replies), from a repeated comment-named part (each comment's ``div#commentBody``) or from
    repeated author lines ("X said...", "Posted by: X | date"); a lone author line counts inside a
    comment section or after an ``<a name="comments">`` anchor. Sections whose comments share one
    block of ``br``-separated text are read with the text-page parser. A comment section collapsed
    behind a "show comments" button is read; the same thread shown under two tabs is read once.
    Comment dates in German, French, Spanish, Italian and Dutch are read, dates of numbers only
    day first where the page's language writes them so. Pingbacks and trackbacks go to ``set_aside``. Comments a page loads by script (an empty
    Disqus placeholder) are not in the HTML, so none are reported.

    The article is the largest element named as one, else the block with the most paragraph text
    (the comments never count, the wrapper they share with the story does); sibling ``article``
    boxes, a sibling lead box and bodies repeated under the same class (a question and its answers)
    join it. When that reads short (under 600 characters) or like a menu, trafilatura's fast mode
    is asked too (with the comment section taken out) and the longer text wins.

    Parameters
    ----------
    html : str
        The decoded page.
    source : str
        Name recorded as the thread's ``source``.
    frames : callable, optional
        ``frames(src)`` returns the document a frame's ``src`` names (a file a browser saved beside
        the page), or None; documents in ``srcdoc`` are read without it.

    Returns
    -------
    Thread
        With ``format="html"``.

    Raises
    ------
    InputError
        If ``html`` is empty or not readable as HTML.

    Examples
    --------
    >>> page = ('<html><body><h1>T</h1><p>Article words here.</p><ol class="commentlist">'
    ...         '<li class="comment" id="comment-1"><cite class="fn">Ann</cite> says:'
    ...         '<p>Nice post, thank you.</p></li></ol></body></html>')
    >>> thread = parse_html_page(page)
    >>> [(c.author, c.text) for c in thread.comments]
    [('Ann', 'Nice post, thank you.')]
    """
    root = _load(html, source, frames)
    meta = _metadata(root)
    dayfirst = _day_first(root)  # before <head> goes: its content-language meta may say it
    _drop_forms(root)
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    page = _measure(root)
    page.dayfirst = dayfirst
    members, container = _find_items(page)
    if not members:
        members, container = _reply_items(page)
    comments: list[Comment] = []
    set_aside: list[Comment] = []
    exclude: set = set()
    shown: list = []
    if members:
        sig = _signature(members[0])
        items = _expand(members, sig, page)
        _flat_depths(items)
        comments, set_aside = _build_comments(items, page)
    else:
        items, container = _note_items(page)
        if not items:
            items, container = _byline_items(page)
        if not items:
            items, container = _named_anchor_items(page)
        if items:
            comments, set_aside = _build_comments(items, page)
            members = [it.node for it in items]
        else:
            container, shown, comments = _section_read_as_text(page)
    if shown:
        exclude = set(shown)
        if shown[0] is not container:
            # a run after an anchor: its words sit in the tails between the elements, which the
            # article's text would keep; out of the tree they go (tails travel with them)
            for el in shown:
                container.remove(el)
    else:
        for node in _section_candidates(page):
            exclude.add(node)
    own = set(shown)
    if comments or set_aside:
        own |= {el for item in items for el in item.elements} | set(members)
    if members:
        exclude = own | _comment_area(container, members, own, page)
        # other parts named as the comment section (its header in a box of its own before the list)
        for section in _section_candidates(page):
            if section in exclude or section in page.holds_article or any(a in exclude for a in section.iterancestors()):
                continue
            if _prose_outside(section, own, page) < _AREA_PROSE:
                exclude.add(section)
    article = _article(page, exclude, own)
    _date_yearless(comments, meta["published"], page)
    return Thread(
        source=source,
        title=meta["title"],
        site=meta["site"],
        url=meta["url"],
        published=meta["published"],
        author=meta["author"],
        article=article,
        comments=comments,
        comment_count_claimed=_claimed_count(page, container),
        format="html",
        set_aside=set_aside,
    )
