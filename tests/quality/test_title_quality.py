"""Quality gate for page titles: the story's headline, not the site's name (dragnet pages)."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO, shared_path

from moderation.parsing.html import parse_html_page

sys.path.insert(0, str(REPO / "benchmarks"))
from pagescore import load_pages, title_found  # noqa: E402

pytestmark = pytest.mark.quality

#: Share of dragnet pages whose HTML title is the headline their gold article opens with: measured
#: 0.947 (trafilatura's metadata title: 0.589).
DRAGNET_HTML_TITLE_FLOOR = 0.93


def test_dragnet_html_titles_are_headlines():
    pages = [page for page in load_pages(shared_path("data", "pages", "dragnet")) if page.gold.get("article")]
    found = [title_found(parse_html_page(page.html(), source=page.id).title, page.gold["article"]) for page in pages]
    share = sum(found) / len(found)
    assert share >= DRAGNET_HTML_TITLE_FLOOR, f"dragnet HTML titles that are headlines: {share:.3f}"
