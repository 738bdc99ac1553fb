"""The story's byline: published date and author read near the headline (moderation.parsing._byline)."""

import lxml.html
import pytest

from moderation.parsing import parse_string
from moderation.parsing._byline import _name, find_byline
from moderation.parsing.html import _parse_date


def _byline(body: str, title: str, head: str = "", **kwargs):
    root = lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    return find_byline(root, title, _parse_date, **kwargs)


def test_by_line_under_the_headline():
    body = ("<div class='post'><h2>Ferry timetable cut for winter</h2>"
            "<p>by <a href='/author/mara'>Mara Quinn</a> on <span>January 31, 2011</span></p>"
            "<p>The early crossing goes from November, the operator said.</p></div>")
    assert _byline(body, "Ferry timetable cut for winter") == ("2011-01-31", "Mara Quinn")


def test_handle_before_on_and_a_date():
    body = ("<h2>Ferry timetable cut for winter</h2><div>by quinnm on October 25th, 2012</div>"
            "<p>The early crossing goes from November.</p>")
    assert _byline(body, "Ferry timetable cut for winter") == ("2012-10-25", "quinnm")


def test_date_header_above_the_headline_and_marked_author():
    body = ("<h2 class='date-header'>Wednesday, August 01, 2012</h2>"
            "<div class='post'><h3 class='post-title'>Ferry timetable cut for winter</h3>"
            "<p>The early crossing goes from November, the operator said on Monday.</p>"
            "<span class='post-author vcard'>Posted by <span class='fn'>Mara Quinn</span></span></div>")
    assert _byline(body, "Ferry timetable cut for winter") == ("2012-08-01", "Mara Quinn")


def test_marked_up_date_wins_over_text():
    body = ("<article><h1>Ferry timetable cut for winter</h1>"
            "<abbr class='published' title='2012-10-12T08:30:00'>Friday</abbr>"
            "<p>Last updated March 3, 2013. The early crossing goes.</p></article>")
    assert _byline(body, "Ferry timetable cut for winter")[0] == "2012-10-12T08:30:00"


def test_running_text_and_comments_give_no_byline():
    body = ("<h1>Ferry timetable cut for winter</h1>"
            "<p>The crossing was hit by the storm on January 31, 2011 and the early ferry was cancelled by the "
            "operator, who said the winter timetable would follow once the harbour wall had been "
            "inspected and the pontoon repaired.</p>"
            "<div id='comments'><div class='comment'>by Tom Reed on March 2, 2013</div></div>")
    published, author = _byline(body, "Ferry timetable cut for winter")
    assert author is None
    assert published is None  # the date inside a long paragraph is not a byline's


def test_site_name_is_no_author():
    head = "<meta name='author' content='Island Letters'><meta property='og:site_name' content='Island Letters'>"
    body = "<h1>Ferry timetable cut for winter</h1><p>The early crossing goes.</p>"
    assert _byline(body, "Ferry timetable cut for winter", head=head, site="Island Letters") == (None, None)


def test_meta_values_are_kept():
    body = "<h1>Ferry timetable cut for winter</h1><p>by Tom Reed on March 2, 2013</p>"
    assert _byline(body, "Ferry timetable cut for winter", published="2011-01-31", author="Mara Quinn") == (
        "2011-01-31", "Mara Quinn")


@pytest.mark.parametrize("text, name", [
    ("By Mara Quinn", "Mara Quinn"),
    ("Author:Mara Quinn", "Mara Quinn"),
    ("AuthorMara Quinn", "Mara Quinn"),
    ("Mara QuinnOctober 8, 2012", "Mara Quinn"),
    ("Mara Quinn posted", "Mara Quinn"),
    ("Mara Quinn RSS feed", "Mara Quinn"),
    ("Stand: 20. April 2020", None),
    ("Posted on", None),
    ("Friday", None),
])
def test_names_are_cleaned(text, name):
    assert _name(text) == name


def test_parsed_thread_carries_the_byline():
    page = ("<html><head><title>Ferry timetable cut for winter | Island Letters</title></head><body>"
            "<div class='post'><h2>Ferry timetable cut for winter</h2>"
            "<p class='meta'>Posted by Mara Quinn on May 2, 2012</p>"
            "<p>The winter timetable drops the early crossing, the operator said on Monday.</p></div>"
            "</body></html>")
    (thread,) = parse_string(page, format="html")
    assert (thread.published, thread.author) == ("2012-05-02", "Mara Quinn")


def test_undated_byline_falls_back_to_htmldate_on_the_address():
    page = ("<html><head><title>Ferry timetable cut for winter</title>"
            "<link rel='canonical' href='https://letters.example/2012/10/25/ferry-timetable/'></head><body>"
            "<h1>Ferry timetable cut for winter</h1><p>The winter timetable drops the early crossing.</p>"
            "</body></html>")
    (thread,) = parse_string(page, format="html")
    assert thread.published == "2012-10-25"


def test_shown_date_beats_a_meta_tag():
    page = ("<html><head><title>Ferry timetable cut for winter</title>"
            "<meta property='article:published_time' content='2013-03-03T10:00:00'></head><body>"
            "<h1>Ferry timetable cut for winter</h1><p class='meta'>Posted on May 2, 2012</p>"
            "<p>The winter timetable drops the early crossing.</p></body></html>")
    (thread,) = parse_string(page, format="html")
    assert thread.published == "2012-05-02"


@pytest.mark.parametrize("text, iso", [
    ("by Pebble Works | 94 Studio on October 19, 2011 at 7:58 pm", "2011-10-19T19:58:00"),
    ("Posted by 3 Hounds Bakery on Jan 5, 2012", "2012-01-05"),
    ("Posted by: Mara of Brennock 11:08pm January 08, 2008", "2008-01-08T23:08:00"),
])
def test_numbers_around_a_written_date_are_no_year(text, iso):
    assert _parse_date(text) == iso
