"""Quality gate: comment extraction from browser-copied text pages (../shared/data/pages)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import shared_path

from moderation.parsing.text import parse_text_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import pagescore  # noqa: E402

pytestmark = pytest.mark.quality

# Floors pinned a little below the figures measured when they were set (see the commit message);
# raise them when the parser improves, never lower them to make a change pass.
DRAGNET_F1_FLOOR = 0.835  # measured 0.843 (pingbacks set aside; about 0.848 is the ceiling under this gold); target 0.85
DRAGNET_FALSE_COMMENT_CEILING = 0.07  # measured 0.060 (9 of 150, 7 of them real comments the gold misses); wanted <= 0.05
L3S_FALSE_COMMENT_CEILING = 0.01  # measured 0.000
L3S_F1_FLOOR = 0.35  # measured 0.361 (2026-12-07 night; 0.246 that evening)
TRAFILATURA_COMMENT_RECALL_FLOOR = 0.86  # measured 0.873 (0.807 that evening)
TRAFILATURA_ARTICLE_RECALL_FLOOR = 0.76  # measured 0.776
#: Share of the dragnet comments found that carry the commenter's name: measured 0.955 (0.847 that evening).
DRAGNET_AUTHOR_SHARE_FLOOR = 0.94
#: Scored on each comment's whole block (``Comment.block``: author, date and "Reply" lines kept, as
#: the dragnet gold keeps them); a second gate next to the own-words F1 above.
DRAGNET_BLOCK_F1_FLOOR = 0.93  # measured 0.938


def _comment_text(page) -> str:
    thread = parse_text_page(page.text(), source=page.id)
    return "\n\n".join(c.text for c in thread.comments)


def _block_text(page) -> str:
    thread = parse_text_page(page.text(), source=page.id)
    return "\n\n".join(c.block or c.text for c in thread.comments)


@pytest.fixture(scope="module")
def dragnet_pages():
    return pagescore.load_pages(shared_path("data", "pages", "dragnet"))


@pytest.fixture(scope="module")
def dragnet_scores(dragnet_pages):
    return pagescore.score_comment_pages(dragnet_pages, _comment_text)


def test_dragnet_comment_f1(dragnet_scores):
    assert dragnet_scores["n_with"] > 100
    assert dragnet_scores["f1"] >= DRAGNET_F1_FLOOR


def test_dragnet_block_f1(dragnet_pages):
    assert pagescore.score_comment_pages(dragnet_pages, _block_text)["f1"] >= DRAGNET_BLOCK_F1_FLOOR


def test_dragnet_false_comment_rate(dragnet_scores):
    assert dragnet_scores["false_comment_rate"] <= DRAGNET_FALSE_COMMENT_CEILING


def test_l3s_false_comment_rate_and_f1():
    scores = pagescore.score_comment_pages(pagescore.load_pages(shared_path("data", "pages", "l3s-gn1")), _comment_text)
    assert scores["false_comment_rate"] <= L3S_FALSE_COMMENT_CEILING
    assert scores["f1"] >= L3S_F1_FLOOR


def test_dragnet_comment_names(dragnet_pages):
    comments = [c for page in dragnet_pages for c in parse_text_page(page.text(), source=page.id).comments]
    assert sum(1 for c in comments if c.author) / len(comments) >= DRAGNET_AUTHOR_SHARE_FLOOR


def test_trafilatura_comment_snippets():
    pages = pagescore.load_pages(shared_path("data", "pages", "trafilatura"))

    def extract(page):
        thread = parse_text_page(page.text(), source=page.id)
        return thread.article, "\n\n".join(c.text for c in thread.comments)

    scores = pagescore.score_snippet_pages(pages, extract)
    assert scores["comment_recall"] >= TRAFILATURA_COMMENT_RECALL_FLOOR
    assert scores["article_recall"] >= TRAFILATURA_ARTICLE_RECALL_FLOOR
