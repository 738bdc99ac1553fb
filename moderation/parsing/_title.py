"""Choose an HTML page's title: the story's headline, not the site's name.

Blogs put the site's name in the first ``<h1>`` and the headline in an ``<h2>``; ``<title>`` joins the
headline and the site's name ("Headline « Site", "Site: Headline", "Headline - Site"). The headline
is the heading whose words best match ``<title>``; failing that, ``<title>`` (or ``og:title``) with
the part that names the site cut off.
"""

from __future__ import annotations

import re

__all__ = ["choose_title", "page_headings", "site_names"]

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_APOSTROPHES = re.compile("['\u2019`]")
#: What sites put between a headline and their name in ``<title>``.
_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014\u00ab\u00bb:/\u00b7\u2022>]|::|\|\|)\s+|:\s+")
#: Elements that hold a headline besides h1-h3.
_HEADLINE_CLASS = re.compile(
    r"(?:entry|post|article|story|content|page|news|blog)[-_]?(?:title|headline|heading|header)|headline",
    re.I,
)
_HEADING_TAGS = ("h1", "h2", "h3")
#: Paths of a site's home page ("/", "index.html"); links elsewhere never name the site.
_HOME_PATHS = frozenset({"/", "./", "/index.html", "/index.php"})
#: "3 Responses to “Headline”", "23 comments to Headline", "45 users responded in "Headline"".
_COMMENT_HEADER = re.compile(
    r"^(?:\d+|no|one|two|three)\s+(?:\w+\s+)?(?:responses?|comments?|thoughts?|replies|reactions?|responded)"
    r"\s+(?:to|on|in|for|about)\s*:?\s+(.+)$",
    re.I,
)
_QUOTES = " \"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
#: Boxes that hold the site's name and logo, and words that mark a story's own header box.
_MASTHEAD = re.compile(
    r"(?:^|[\s_-])(?:header|masthead|branding|logo|banner|site[-_]?(?:title|name)|blog[-_]?(?:title|name))"
    r"(?:$|[\s_-])",
    re.I,
)
_STORY_BOX = re.compile(r"entry|post|article|story|comment|hentry|content", re.I)
#: Added to an h1's or a headline-named element's match, so they win near-ties.
_STRONG_BONUS = 0.1
#: A heading's words must cover the reference this well (token F1) to be taken as the headline.
_MIN_MATCH = 0.6
_MAX_CHARS = 300


def _clean(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _key(text: str) -> str:
    # "I’m" and "Im" are the same words: titles drop apostrophes that headings keep
    return " ".join(_words(_APOSTROPHES.sub("", text or "")))


def _match(candidate: str, reference: str) -> float:
    """Token F1 of the candidate's distinct words against the reference's."""
    cand, ref = set(_words(candidate)), set(_words(reference))
    common = len(cand & ref)
    if not common:
        return 0.0
    precision, recall = common / len(cand), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def page_headings(root) -> list[tuple]:
    """Element, tag, text and 'named as a headline' of the page's headings, in document order.

    h1-h4, and divs, spans and headers whose class or itemprop could name a headline (lxml's
    iteration by tag is faster here than an XPath over every element).
    """
    found: list[tuple] = []
    for el in root.iter(*_HEADING_TAGS, "h4", "div", "span", "header"):
        tag = el.tag
        if tag not in _HEADING_TAGS:
            # an h4 or a box counts when its class could name a headline ("entry-title", "headline")
            cls = el.get("class") or ""
            if "itle" not in cls and "eadline" not in cls and el.get("itemprop") not in ("headline", "Headline"):
                continue
        classed = bool(_HEADLINE_CLASS.search(el.get("class") or "")) or (
            (el.get("itemprop") or "").lower() == "headline")
        if tag in _HEADING_TAGS or classed:
            text = _clean(el.text_content())
            if 2 < len(text) <= _MAX_CHARS:
                found.append((el, tag, text, classed))
    return found


def _contained(headings, quoted: list[str], reference: str, names: set[str]) -> str | None:
    """The longest heading (or quoted title) that is a part of ``<title>``.

    A part is a whole piece between separators ("Headline | Site"), or a run of two words or
    more ("Blog Archive » Headline"). Site names do not count.
    """
    ref_key = f" {_key(reference)} "
    pieces = {_key(part) for part in _SEPARATOR.split(reference)}
    best = None
    for text, strong in [(h[0], h[2]) for h in headings] + [(q, True) for q in quoted]:
        key = _key(text)
        if not key or key in names:
            continue
        # one word ("News" in "Sport > Golf > News") is a headline only in an h1 or a headline box
        if (key in pieces and (strong or " " in key)) or (" " in key and f" {key} " in ref_key):
            if best is None or len(key) > len(_key(best)):
                best = text
    return best


def _best_match(headings, reference: str) -> str | None:
    """The heading whose words best match ``<title>``; h1 and headline-named ones win near-ties."""
    best, best_score = None, _MIN_MATCH
    for text, _, strong in headings:
        score = _match(text, reference)
        if score >= _MIN_MATCH and strong:
            score += _STRONG_BONUS
        if score > best_score:
            best, best_score = text, score
    return best


def _in_masthead(el) -> bool:
    """Whether ``el`` sits in the page's masthead (a header or logo box outside any story)."""
    masthead = False
    for anc in el.iterancestors():
        label = f"{anc.get('id') or ''} {anc.get('class') or ''}"
        if anc.tag == "article" or _STORY_BOX.search(label):
            return False
        masthead = masthead or anc.tag == "header" or bool(_MASTHEAD.search(label))
    return masthead


def site_names(root, site: str | None, url: str | None, headings: list | None = None) -> set[str]:
    """Keys of the names the site goes by: og:site_name, its host, its home-page links, its masthead.

    ``headings`` are :func:`page_headings` of the page, when the caller has them already.
    """
    names: set[str] = set()
    if site:
        names.add(_key(site))
    host = re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].lower()
    host = re.sub(r"^www\d*\.", "", host)
    if host:
        names.add(_key(host))
        names.add(_key(host.rsplit(".", 1)[0]))
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or (href not in _HOME_PATHS and (not host or host not in href)):
            continue  # neither a root path nor an address on this host
        link_host = re.match(r"^(?:[a-z]+:)?//(?:www\d*\.)?([^/]*)", href, flags=re.I)
        if link_host and link_host.group(1).lower() != host:
            continue  # a link to another site's home page names that site
        path = href[link_host.end():] if link_host else href
        if path in _HOME_PATHS or path == "":
            text = _clean(link.text_content())
            if 0 < len(text) <= 80:
                names.add(_key(text))
    for el, tag, text, _ in page_headings(root) if headings is None else headings:
        if tag in _HEADING_TAGS and len(text) <= 80 and _in_masthead(el):
            names.add(_key(text))
    names.discard("")
    return names


def _strip_site(title: str, names: set[str]) -> str:
    """Cut leading and trailing ``<title>`` parts that name the site ("Site: Headline - Site")."""
    cuts = [(m.start(), m.end()) for m in _SEPARATOR.finditer(title)]
    bounds = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(title)]
    parts = list(zip(bounds, ends))
    while len(parts) > 1 and _key(title[slice(*parts[-1])]) in names:
        parts.pop()
    while len(parts) > 1 and _key(title[slice(*parts[0])]) in names:
        parts.pop(0)
    return _clean(title[parts[0][0]:parts[-1][1]])


def choose_title(root, scope, site: str | None = None, url: str | None = None,
                 names: set[str] | None = None, headings: list | None = None) -> str | None:
    """The headline of the page's story.

    Parameters
    ----------
    root : lxml.html.HtmlElement
        The parsed page.
    scope : lxml.html.HtmlElement
        Where to read ``<title>`` and ``<meta>`` (the ``<head>``, or the page when it has none).
    site, url : str, optional
        The site's name and the page's address, when the page gives them.
    names : set of str, optional
        :func:`site_names` of the page, when the caller has them already.
    headings : list, optional
        :func:`page_headings` of the page, when the caller has them already.

    Returns
    -------
    str or None
        The heading that best matches ``<title>`` (or ``og:title``), else that title with the site's
        name cut off, else the first ``<h1>``; None when the page has none of them.

    Examples
    --------
    >>> import lxml.html
    >>> page = lxml.html.document_fromstring(
    ...     "<html><head><title>Bridge tolls rise again &laquo; Harbour Notes</title></head><body>"
    ...     "<h1><a href='/'>Harbour Notes</a></h1><h2>Bridge tolls rise again</h2></body></html>")
    >>> choose_title(page, page.find("head"))
    'Bridge tolls rise again'
    """
    doc_title = None
    element = scope.find(".//title")
    if element is not None:
        doc_title = _clean(element.text_content()) or None
    og_title = None
    for meta in scope.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = _clean(meta.get("content") or "")
        if key in ("og:title", "twitter:title") and content and og_title is None:
            og_title = content
        elif key in ("og:site_name", "application-name") and content and not site:
            site = content
    if headings is None:
        headings = page_headings(root)
    if names is None:
        names = site_names(root, site, url, headings)
    candidates = []  # (text, key, h1 or named as a headline), site names left out
    classed: list[str] = []
    h1s: list[str] = []
    quoted: list[str] = []
    for _, tag, text, is_classed in headings:
        header = _COMMENT_HEADER.match(text)
        if header:
            # "3 Responses to “Headline”": the comment section quotes the story's title
            quoted.append(_clean(header.group(1).strip(_QUOTES)))
        elif _key(text) not in names:
            candidates.append((text, _key(text), is_classed or tag == "h1"))
            if is_classed and tag in ("h1", "h2"):
                classed.append(text)
            if tag == "h1":
                h1s.append(text)
    for reference in (doc_title, og_title):
        if not reference:
            continue
        found = _contained(candidates, quoted, reference, names) or _best_match(candidates, reference)
        if found:
            ref_key = _key(_strip_site(reference, names))
            # a headline followed by its comment count ("Title 199 Comments") gives the title's words
            if len(ref_key) > 12 and _key(found).startswith(ref_key + " "):
                return _strip_site(reference, names)
            return found
    quoted_keys = {_key(q) for q in quoted}
    for text, key, _ in candidates:
        if key in quoted_keys:
            return text
    if og_title and _key(og_title) not in names:
        return _strip_site(og_title, names)
    # <title> matches no heading: it may name only the site or section, so the page's own h1 comes first
    first = (h1s[0] if h1s else None) or (classed[0] if classed else None)
    if first:
        return first
    if doc_title and _key(doc_title) not in names:
        return _strip_site(doc_title, names)
    return doc_title or og_title
