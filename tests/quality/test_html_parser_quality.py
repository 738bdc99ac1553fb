"""Quality gate for the HTML page parser on the real pages in ../shared/data/pages."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, shared_path

from moderation.parsing.html import parse_html_page

sys.path.insert(0, str(REPO / "benchmarks"))
from pagescore import load_pages, score_comment_pages, score_snippet_pages  # noqa: E402

pytestmark = pytest.mark.quality

# Floors sit just under the figures measured when they were set; they only ever go up.
DRAGNET_F1_FLOOR = 0.85  # measured 0.855 (2026-12-07 evening)
#: The same pages scored on each comment's whole block (``Comment.block``, the gold's convention):
#: measured 0.959. A second gate, not the target: the target is on the comments' own words.
DRAGNET_BLOCK_F1_FLOOR = 0.95
DRAGNET_FALSE_COMMENT_CEILING = 0.08
L3S_F1_FLOOR = 0.43
#: The acceptance target (0.90) is reached (measured 0.939), so the floor sits just under the figure.
SNIPPET_COMMENT_FLOOR = 0.93
#: The acceptance target (0.95) is reached (measured 0.978), so the floor sits just under the figure.
SNIPPET_ARTICLE_FLOOR = 0.97
#: Shares of the dragnet comments found that carry the commenter's name and the comment's date:
#: measured 0.984 and 0.811 (2026-12-07 night; 0.808 and 0.684 that morning). No gold says who wrote
#: each comment, so these guard coverage; the names and dates were checked by hand on samples.
DRAGNET_AUTHOR_SHARE_FLOOR = 0.97
DRAGNET_DATE_SHARE_FLOOR = 0.80

# Acceptance targets of the parser issue not reached yet; expected to fail until they are (then move
# them to the floors above). Dragnet F1 is held back by the gold's convention: it keeps each comment's
# author/date/"Reply" lines, which Comment.text leaves out by design (Comment.block keeps them: the
# same comments score F1 0.96 that way, see test_dragnet_block_f1_floor). Even if every token the
# blocks miss were found, the comments' own words would score about 0.88: 11% of the gold's comment
# tokens are author, date and control lines that Comment.text leaves out. The 11 dragnet false-comment
# pages (0.073) were each checked by hand: all are gold "no comments" pages that show reader comments
# in their HTML and in their own text rendering, so the rate cannot reach 0.03 without losing real ones.
TARGETS = {
    "dragnet_f1": 0.90,
    "dragnet_false_comment_rate": 0.03,
    "l3s_f1": 0.60,
}


@cache
def _parsed(source: str) -> tuple:
    directory = shared_path("data", "pages", source)
    pages = load_pages(directory)
    threads = {}
    for page in pages:
        threads[page.id] = parse_html_page(page.html(), source=str(Path(source) / page.id))
    return pages, threads


def _comments(thread) -> str:
    return "\n".join(c.text for c in thread.comments)


def _blocks(thread) -> str:
    return "\n".join(c.block or c.text for c in thread.comments)


@cache
def _full_scores(source: str) -> dict:
    pages, threads = _parsed(source)
    return score_comment_pages(pages, lambda p: _comments(threads[p.id]))


@cache
def _snippet_scores() -> dict:
    pages, threads = _parsed("trafilatura")
    return score_snippet_pages(pages, lambda p: (threads[p.id].article, _comments(threads[p.id])))


def test_dragnet_comment_f1_floor():
    assert _full_scores("dragnet")["f1"] >= DRAGNET_F1_FLOOR


def test_dragnet_block_f1_floor():
    pages, threads = _parsed("dragnet")
    assert score_comment_pages(pages, lambda p: _blocks(threads[p.id]))["f1"] >= DRAGNET_BLOCK_F1_FLOOR


def test_dragnet_false_comment_rate_ceiling():
    assert _full_scores("dragnet")["false_comment_rate"] <= DRAGNET_FALSE_COMMENT_CEILING


def test_l3s_comment_f1_floor():
    assert _full_scores("l3s-gn1")["f1"] >= L3S_F1_FLOOR


def test_trafilatura_snippet_floors():
    scores = _snippet_scores()
    assert scores["comment_recall"] >= SNIPPET_COMMENT_FLOOR
    assert scores["article_recall"] >= SNIPPET_ARTICLE_FLOOR


def test_dragnet_comment_names_and_dates_floor():
    _, threads = _parsed("dragnet")
    comments = [c for thread in threads.values() for c in thread.comments]
    assert sum(1 for c in comments if c.author) / len(comments) >= DRAGNET_AUTHOR_SHARE_FLOOR
    assert sum(1 for c in comments if c.published) / len(comments) >= DRAGNET_DATE_SHARE_FLOOR


@pytest.mark.xfail(strict=True, reason="acceptance targets of the parser issue are not reached yet")
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_acceptance_targets(name):
    value = {
        "dragnet_f1": lambda: _full_scores("dragnet")["f1"],
        "dragnet_false_comment_rate": lambda: _full_scores("dragnet")["false_comment_rate"],
        "l3s_f1": lambda: _full_scores("l3s-gn1")["f1"],
    }[name]()
    if name == "dragnet_false_comment_rate":
        assert value <= TARGETS[name]
    else:
        assert value >= TARGETS[name]
