"""Scoring helpers for parser evaluation on the pages under ../shared/data/pages (shared by benchmarks)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "LENIENT_FALSE_COMMENT_TOKENS",
    "Page",
    "PAGE_SOURCES",
    "load_pages",
    "normalize_snippet",
    "prf",
    "read_page_text",
    "score_comment_pages",
    "score_snippet_pages",
    "snippet_found",
    "tokens",
]

#: Sub-directories of ``pages/`` and what their gold holds.
PAGE_SOURCES = ("dragnet", "l3s-gn1", "trafilatura")

#: A page without comments counts as a false comment under the lenient rule only when the parser
#: reports at least this many comment tokens there. With 20, trafilatura 2.3.1 gets the rates the
#: data README quotes (dragnet 0.087 = 13/150, l3s-gn1 0.007 = 1/150); the strict rule (any token)
#: gives it 0.247 and 0.013.
LENIENT_FALSE_COMMENT_TOKENS = 20

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Split text into lower-cased word tokens for bag-of-words scoring.

    Punctuation, apostrophes and the replacement character ``\\ufffd`` (frequent in the gold of
    badly decoded pages) all separate tokens, so ``I’ve`` and ``I\\ufffdve`` give the same tokens.

    Parameters
    ----------
    text : str
        Any text; ``None`` counts as empty.

    Returns
    -------
    list of str
    """
    if not text:
        return []
    return _WORD.findall(text.lower())


def prf(pred_text: str, gold_text: str) -> tuple[float, float, float]:
    """Bag-of-words token precision, recall and F1 of ``pred_text`` against ``gold_text``.

    Tokens are counted with multiplicity. An empty prediction has precision 1 only when the gold
    is empty too (else 0); the same for recall with an empty gold.

    Returns
    -------
    tuple of float
        ``(precision, recall, f1)``, each in [0, 1].

    Examples
    --------
    >>> prf("a b c", "a b d")
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    pred = Counter(tokens(pred_text))
    gold = Counter(tokens(gold_text))
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    overlap = sum((pred & gold).values())
    precision = overlap / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = overlap / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def normalize_snippet(text: str) -> str:
    """Lower-case, NFKC-fold and collapse whitespace so snippets match across renderings."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(text.split())


def snippet_found(snippet: str, text: str) -> bool:
    """Return True when ``snippet`` occurs in ``text`` (after :func:`normalize_snippet` on both)."""
    needle = normalize_snippet(snippet)
    return bool(needle) and needle in normalize_snippet(text)


#: Where a gold article's headline sits: within its first this many tokens (after a date or byline).
TITLE_WINDOW_TOKENS = 40


def title_found(title: str | None, gold_article: str | None) -> bool:
    """Whether ``title`` is the story's headline: its tokens (two or more) run together near the start of the gold article.

    The dragnet gold article opens with the headline (after at most a date or a byline), so a
    site's name, a section name or ``<title>`` with the site's name attached does not match.

    Examples
    --------
    >>> title_found("Ferry timetable cut", "May 2, 2012. Ferry timetable cut. The operator said...")
    True
    >>> title_found("Island Letters", "Ferry timetable cut. The operator said...")
    False
    """
    words, gold = tokens(title), tokens(gold_article)[:TITLE_WINDOW_TOKENS + len(tokens(title))]
    if len(words) < 2:
        return False
    n = len(words)
    return any(gold[i:i + n] == words for i in range(len(gold) - n + 1))


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_GOLD_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(?:\s+\w+){0,3}?\s+(?:19|20)\d\d\b"
                        r"|\b(?:19|20)\d\d\s+\d\d?\s+\d\d?\b")


def date_found(published: str | None, gold_article: str | None) -> bool | None:
    """Whether ``published`` (ISO 8601) is the date the gold article's opening words show.

    None when the gold article shows no date near its start (nothing to check against); False
    when it does and ``published`` is missing or another day.

    Examples
    --------
    >>> date_found("2011-01-31", "Ferry timetable cut. by Ann on January 31, 2011. The operator said")
    True
    >>> date_found(None, "Ferry timetable cut. Posted on Oct 25th, 2012")
    False
    >>> date_found("2012-10-25", "Ferry timetable cut. The operator said") is None
    True
    """
    head = tokens(gold_article)[:TITLE_WINDOW_TOKENS * 2]
    if not _GOLD_DATE.search(" ".join(head)):
        return None
    if not published or not re.match(r"\d{4}-\d\d-\d\d", published):
        return False
    year, month, day = published[:10].split("-")
    words = set(head)
    month_ok = any(w.startswith(_MONTHS[int(month) - 1]) for w in head) or month in words or str(int(month)) in words
    day_ok = any(w in (day, str(int(day))) or w.startswith((str(int(day)) + "st", str(int(day)) + "nd",
                                                           str(int(day)) + "rd", str(int(day)) + "th")) for w in head)
    return year in words and month_ok and day_ok


@dataclass
class Page:
    """One evaluation page: its files and its gold record.

    Attributes
    ----------
    source : str
        The sub-directory name (``"dragnet"``, ...).
    id : str
        File stem shared by ``ID.txt``, ``ID.html`` and ``ID.gold.json``.
    directory : Path
        The directory holding the three files.
    gold : dict
        The parsed ``ID.gold.json``.
    """

    source: str
    id: str
    directory: Path
    gold: dict = field(repr=False)

    @property
    def txt_path(self) -> Path:
        """Path of the browser-copy text rendering."""
        return self.directory / f"{self.id}.txt"

    @property
    def html_path(self) -> Path:
        """Path of the saved HTML page."""
        return self.directory / f"{self.id}.html"

    @property
    def has_comments(self) -> bool:
        """True when the gold says the page shows reader comments."""
        return bool(self.gold.get("has_comments", bool(self.gold.get("comments"))))

    def text(self) -> str:
        """The decoded ``ID.txt``."""
        return read_page_text(self.txt_path)

    def html(self) -> str:
        """The decoded ``ID.html``."""
        return read_page_text(self.html_path)


def read_page_text(path: str | Path) -> str:
    """Read a page file as text the way the project's parsers would (any encoding)."""
    from moderation.parsing._decode import decode_bytes

    return decode_bytes(Path(path).read_bytes())


def load_pages(directory: str | Path) -> list[Page]:
    """Load every ``ID.gold.json`` of a pages directory, sorted by id.

    Parameters
    ----------
    directory : str or Path
        For example ``../shared/data/pages/dragnet``.

    Returns
    -------
    list of Page
    """
    directory = Path(directory)
    pages = []
    for gold_path in sorted(directory.glob("*.gold.json")):
        page_id = gold_path.name[: -len(".gold.json")]
        with open(gold_path, encoding="utf-8") as handle:
            gold = json.load(handle)
        pages.append(Page(source=directory.name, id=page_id, directory=directory, gold=gold))
    return pages


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def score_comment_pages(pages: Iterable[Page], extract: Callable[[Page], str]) -> dict:
    """Score comment extraction on pages whose gold has a full ``comments`` text (dragnet, l3s-gn1).

    Parameters
    ----------
    pages : iterable of Page
    extract : callable
        ``extract(page) -> str``: all comment text the parser found on the page ("" for none).

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1`` (means over pages with comments), ``false_comment_rate``
        (share of pages without comments where any comment text was reported),
        ``false_comment_rate_lenient`` (the same, counting only pages with at least
        :data:`LENIENT_FALSE_COMMENT_TOKENS` reported tokens), the page counts
        ``n_with``, ``n_without``, and ``per_page``: id -> (p, r, f1) or id -> bool (false comment).
    """
    with_scores: list[tuple[float, float, float]] = []
    false_hits: list[bool] = []
    lenient_hits: list[bool] = []
    per_page: dict = {}
    for page in pages:
        predicted = extract(page) or ""
        if page.has_comments:
            score = prf(predicted, page.gold.get("comments") or "")
            with_scores.append(score)
            per_page[page.id] = score
        else:
            n_tokens = len(tokens(predicted))
            hit = n_tokens > 0
            false_hits.append(hit)
            lenient_hits.append(n_tokens >= LENIENT_FALSE_COMMENT_TOKENS)
            per_page[page.id] = hit
    return {
        "precision": _mean([s[0] for s in with_scores]),
        "recall": _mean([s[1] for s in with_scores]),
        "f1": _mean([s[2] for s in with_scores]),
        "false_comment_rate": _mean([float(h) for h in false_hits]),
        "false_comment_rate_lenient": _mean([float(h) for h in lenient_hits]),
        "n_with": len(with_scores),
        "n_without": len(false_hits),
        "per_page": per_page,
    }


def score_snippet_pages(pages: Iterable[Page], extract: Callable[[Page], tuple[str, str]]) -> dict:
    """Score against partial snippet gold (the trafilatura set).

    Parameters
    ----------
    pages : iterable of Page
    extract : callable
        ``extract(page) -> (article_text, comment_text)``.

    Returns
    -------
    dict
        ``comment_recall``: share of ``comment_snippets`` found inside the comment text;
        ``article_recall``: share of ``article_snippets`` found inside the article;
        ``article_leak``: share of ``not_article_snippets`` wrongly found inside the article;
        ``n_pages``; ``per_page``: id -> (comment hits, comment snippets).
    """
    counts = Counter()
    per_page: dict = {}
    n_pages = 0
    for page in pages:
        n_pages += 1
        article, comments = extract(page)
        gold = page.gold
        hits = sum(snippet_found(s, comments) for s in gold.get("comment_snippets") or [])
        total = len(gold.get("comment_snippets") or [])
        counts["c_hit"] += hits
        counts["c_all"] += total
        counts["a_hit"] += sum(snippet_found(s, article) for s in gold.get("article_snippets") or [])
        counts["a_all"] += len(gold.get("article_snippets") or [])
        counts["n_hit"] += sum(snippet_found(s, article) for s in gold.get("not_article_snippets") or [])
        counts["n_all"] += len(gold.get("not_article_snippets") or [])
        per_page[page.id] = (hits, total)

    def share(hit: str, total: str) -> float:
        return counts[hit] / counts[total] if counts[total] else float("nan")

    return {
        "comment_recall": share("c_hit", "c_all"),
        "article_recall": share("a_hit", "a_all"),
        "article_leak": share("n_hit", "n_all"),
        "n_pages": n_pages,
        "per_page": per_page,
    }
