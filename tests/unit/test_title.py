"""The page title is the story's headline, not the site's name (moderation.parsing._title)."""

import lxml.html
import pytest

from moderation.parsing import parse_string
from moderation.parsing._title import choose_title


def _title(html: str, site=None, url=None):
    root = lxml.html.document_fromstring(html)
    head = root.find("head")
    return choose_title(root, head if head is not None else root, site, url)


def test_blog_name_in_h1_headline_in_h2():
    page = ("<html><head><title>Ferry timetable cut for winter &laquo; Island Letters</title></head><body>"
            "<div id='header'><h1>Island Letters</h1></div>"
            "<h2>Ferry timetable cut for winter</h2><h2>12 comments</h2></body></html>")
    assert _title(page) == "Ferry timetable cut for winter"


def test_site_name_before_the_headline_is_cut_off():
    page = ("<html><head><title>Island Letters: Ferry timetable cut for winter</title></head><body>"
            "<a href='/'>Island Letters</a><p>No heading on this page.</p></body></html>")
    assert _title(page) == "Ferry timetable cut for winter"


def test_site_name_from_og_site_name_and_host():
    page = ("<html><head><title>Library hours extended - Valley Courier</title>"
            "<meta property='og:site_name' content='Valley Courier'></head><body><p>x</p></body></html>")
    assert _title(page) == "Library hours extended"
    page = "<html><head><title>Library hours extended | valleycourier.example</title></head><body></body></html>"
    assert _title(page, url="https://www.valleycourier.example/2024/lib") == "Library hours extended"


def test_link_to_another_sites_home_page_is_not_this_sites_name():
    page = ("<html><head><title>Library hours extended - Town Desk</title></head><body>"
            "<a href='https://library.example/'>Library hours extended</a><h1>Library hours extended</h1>"
            "</body></html>")
    assert _title(page) == "Library hours extended"


def test_headline_followed_by_its_comment_count_gives_the_title():
    page = ("<html><head><title>Why the market hall should stay open</title></head><body>"
            "<h1>Why the market hall should stay open 57 Comments</h1></body></html>")
    assert _title(page) == "Why the market hall should stay open"


def test_comment_header_quotes_the_headline():
    page = ("<html><head><title>Market hall vote: what it means for traders | The Ledger</title></head><body>"
            "<h1 class='entry_title'>Market hall saved</h1>"
            "<h3>4 Responses to \u201cMarket hall saved\u201d</h3></body></html>")
    assert _title(page) == "Market hall saved"


def test_generic_title_falls_back_to_og_title_then_h1():
    page = ("<html><head><title>News</title><meta property='og:title' content='Bridge reopens after repairs'>"
            "</head><body><h1>Bridge reopens after repairs today</h1></body></html>")
    assert _title(page) in ("Bridge reopens after repairs", "Bridge reopens after repairs today")
    page = ("<html><head><title>Sport &gt; Rowing &gt; News</title></head><body><h3>News</h3>"
            "<h1>Club wins the regatta again</h1></body></html>")
    assert _title(page) == "Club wins the regatta again"


def test_sidebar_post_titles_do_not_beat_og_title():
    page = ("<html><head><title>Pear tart | Crumbs and Stories</title>"
            "<meta property='og:title' content='Pear tart'></head><body>"
            "<span class='post-title'>Apple cake with walnuts</span><span class='post-title'>Plum jam</span>"
            "</body></html>")
    assert _title(page) == "Pear tart"


@pytest.mark.parametrize("html", ["<html><body><p>Just text.</p></body></html>",
                                  "<html><head><title></title></head><body></body></html>"])
def test_no_title_anywhere_gives_none(html):
    assert _title(html) is None


def test_parsed_thread_uses_the_headline():
    page = ("<html><head><title>Ferry timetable cut for winter &laquo; Island Letters</title></head><body>"
            "<div id='header'><h1><a href='/'>Island Letters</a></h1></div>"
            "<div class='post'><h2>Ferry timetable cut for winter</h2>"
            "<p>The winter timetable drops the early crossing, the operator said on Monday.</p></div>"
            "</body></html>")
    (thread,) = parse_string(page, format="html")
    assert thread.title == "Ferry timetable cut for winter"
