"""Quality gate for the story's own metadata: its headline and its date (dragnet pages, HTML and text)."""

from __future__ import annotations

import sys
from functools import cache

import pytest
from conftest import REPO, shared_path

from moderation.parsing.html import parse_html_page
from moderation.parsing.text import parse_text_page

sys.path.insert(0, str(REPO / "benchmarks"))
from pagescore import date_found, load_pages, title_found  # noqa: E402

pytestmark = pytest.mark.quality

#: Share of dragnet pages whose HTML title is the headline their gold article opens with: measured
#: 0.947 (trafilatura's metadata title: 0.589).
DRAGNET_HTML_TITLE_FLOOR = 0.93
#: Share of the dragnet pages whose gold article shows a date near its start that we date to that
#: day: measured 0.974 (trafilatura's metadata date: 0.934).
DRAGNET_HTML_DATE_FLOOR = 0.96
#: The same title measure on the pages' text renderings: measured 0.659 (0.377 before 2026-12-07's
#: headline rules); text pages have no <title> to check a headline against.
DRAGNET_TEXT_TITLE_FLOOR = 0.64


@cache
def _threads() -> list:
    pages = [page for page in load_pages(shared_path("data", "pages", "dragnet")) if page.gold.get("article")]
    return [(page, parse_html_page(page.html(), source=page.id)) for page in pages]


def test_dragnet_html_titles_are_headlines():
    found = [title_found(thread.title, page.gold["article"]) for page, thread in _threads()]
    share = sum(found) / len(found)
    assert share >= DRAGNET_HTML_TITLE_FLOOR, f"dragnet HTML titles that are headlines: {share:.3f}"


def test_dragnet_html_dates_are_the_shown_dates():
    found = [date_found(thread.published, page.gold["article"]) for page, thread in _threads()]
    found = [value for value in found if value is not None]
    share = sum(found) / len(found)
    assert share >= DRAGNET_HTML_DATE_FLOOR, f"dragnet HTML dates that are the shown date: {share:.3f}"


def test_dragnet_text_titles_are_headlines():
    pages = [page for page in load_pages(shared_path("data", "pages", "dragnet")) if page.gold.get("article")]
    found = [title_found(parse_text_page(page.text(), source=page.id).title, page.gold["article"]) for page in pages]
    share = sum(found) / len(found)
    assert share >= DRAGNET_TEXT_TITLE_FLOOR, f"dragnet text titles that are headlines: {share:.3f}"
