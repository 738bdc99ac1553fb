"""Unit tests for commenters' names and dates in the bylines of several templates, on hand-written pages."""

from __future__ import annotations

from moderation.parsing.html import parse_html_page

STORY = ("<p>The harbour ferry will run every twenty minutes this summer, the port authority said. "
         "Two extra boats have been leased from a company further up the coast for the season.</p>")


def _page(comments: str) -> str:
    return (f"<html><head><title>Ferry timetable</title></head><body><div class='story'>{STORY}</div>"
            f"<div id='comments'>{comments}</div></body></html>")


def _footer_byline(ident: int, name: str, words: str) -> str:
    # the byline under the words, with the date and the thread controls inside it
    return (f"<div class='citem' id='comment_item_{ident}'><div class='comment'>"
            f"<div class='cbody'><p>{words}</p></div>"
            f"<p class='by'>by <a href='/users/{name}'>{name}</a> on "
            f"<span class='time'><a href='#{ident}'>Jun 3, 2013 4:1{ident} PM EDT</a></span> "
            f"<a href='#' class='up_link'>up</a> <a href='#' class='reply_link'>reply</a></p></div></div>")


def test_a_footer_byline_gives_the_name_and_leaves_the_words():
    page = _page(_footer_byline(1, "deckhand77", "Twenty minutes is a big improvement on the hourly boat.")
                 + _footer_byline(2, "tidewatcher", "Will the late boat on Fridays stay?")
                 + _footer_byline(3, "gullfeeder", "Good news for anyone commuting across the bay."))
    comments = parse_html_page(page).comments
    assert [(c.author, c.text) for c in comments] == [
        ("deckhand77", "Twenty minutes is a big improvement on the hourly boat."),
        ("tidewatcher", "Will the late boat on Fridays stay?"),
        ("gullfeeder", "Good news for anyone commuting across the bay."),
    ]
    assert comments[0].published == "2013-06-03T16:11:00"


def _permalink_date(ident: int, name: str, words: str) -> str:
    # the date is the text of the permalink inside the author box, with no date class on it
    return (f"<div class='comment' id='comment-{ident}'><div class='comment-author vcard'>"
            f"<a href='#comment-{ident}' class='comment_permalink'>On May 1{ident}, 2014 at 9:0{ident} am</a> "
            f"<cite class='fn'>{name}</cite> <span class='says'>said:</span></div>"
            f"<div class='comment-body'><p>{words}</p></div>"
            f"<div class='reply'><a class='comment-reply-link' href='#'>Reply</a></div></div>")


def test_a_date_written_in_the_permalink_of_the_author_box_is_the_comment_date():
    page = _page(_permalink_date(1, "Marta", "The timetable looks sensible to me.")
                 + _permalink_date(2, "Owen", "I hope the fares stay the same."))
    comments = parse_html_page(page).comments
    assert [(c.author, c.published) for c in comments] == [
        ("Marta", "2014-05-11T09:01:00"), ("Owen", "2014-05-12T09:02:00")]


def _drupal(ident: int, name: str, words: str) -> str:
    # the date beside the comment number, the name a profile link outside any named box
    return (f"<div class='toggle_area' id='comment-{ident}'><div class='toggle_label'>"
            f"<span class='scomments_info'>Tue, 07/0{ident}/2015 - 18:2{ident} | <a href='#c{ident}'>55{ident}01</a></span>"
            f"<b><a href='/users/{name.lower()}' title='View user profile.'>{name}</a></b></div>"
            f"<div class='comment-content'><p>{words}</p></div></div>")


def test_a_drupal_profile_link_is_the_author_and_the_date_beside_the_number_is_read():
    page = _page(_drupal(1, "Salt Marsh", "The morning boats are always full, so this helps.")
                 + _drupal(2, "Pier Nine", "Extra boats leased for one summer only seems short-sighted."))
    comments = parse_html_page(page).comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Salt Marsh", "2015-07-01T18:21:00", "The morning boats are always full, so this helps."),
        ("Pier Nine", "2015-07-02T18:22:00", "Extra boats leased for one summer only seems short-sighted."),
    ]


def test_a_join_date_in_the_user_box_is_not_the_comment_date():
    comment = ("<li class='comment' id='comment-{i}'><div class='comment-meta'>Member since March 3, 2009</div>"
               "<cite class='fn'>Hal</cite><p>Comment number {i} about the ferry timetable.</p></li>")
    page = _page("<ol class='commentlist'>" + "".join(comment.format(i=i) for i in (1, 2)) + "</ol>")
    comments = parse_html_page(page).comments
    assert [c.published for c in comments] == [None, None]


def test_said_with_a_comma_is_not_part_of_the_name():
    comment = ("<li class='comment' id='comment-{i}'><div class='comment-author'>Nadia said,</div>"
               "<div class='comment-text'><p>Reply number {i}: the ferry is the best way into town.</p></div></li>")
    page = _page("<ol class='commentlist'>" + "".join(comment.format(i=i) for i in (1, 2)) + "</ol>")
    assert [c.author for c in parse_html_page(page).comments] == ["Nadia", "Nadia"]


def test_a_day_written_in_iso_form_stays_a_day():
    comment = ("<li class='comment' id='comment-{i}'><cite class='fn'>Ike</cite>"
               "<span class='comment-date'>2016-02-0{i}</span><p>Note {i} on the winter timetable.</p></li>")
    page = _page("<ol class='commentlist'>" + "".join(comment.format(i=i) for i in (1, 2)) + "</ol>")
    assert [c.published for c in parse_html_page(page).comments] == ["2016-02-01", "2016-02-02"]


def _dated_story(published: str, comments: str) -> str:
    return (f"<html><head><title>Ferry timetable</title><meta property='article:published_time' content='{published}'>"
            f"</head><body><div class='story'>{STORY}</div><div id='comments'>{comments}</div></body></html>")


def _no_year(ident: int, byline: str) -> str:
    return (f"<li class='comment' id='comment-{ident}'><div class='comment-meta'>{byline}</div>"
            f"<div class='comment-text'><p>Message {ident} about the new ferry timetable.</p></div></li>")


def test_a_byline_without_a_year_takes_the_story_year_when_its_weekday_agrees():
    bylines = ["by quayside (4411) on Friday June 6, @07:05PM", "by harbourcat (912) on Saturday June 7, @09:40AM"]
    page = _dated_story("2014-06-06T10:00:00", "<ol class='commentlist'>"
                        + "".join(_no_year(i, b) for i, b in enumerate(bylines, 1)) + "</ol>")
    assert [c.published for c in parse_html_page(page).comments] == ["2014-06-06T19:05:00", "2014-06-07T09:40:00"]


def test_a_byline_without_a_year_stays_undated_when_the_weekday_or_the_story_date_disagrees():
    bylines = ["by quayside on Monday June 6, @07:05PM", "by harbourcat on Saturday June 7, @09:40AM"]
    comments = "<ol class='commentlist'>" + "".join(_no_year(i, b) for i, b in enumerate(bylines, 1)) + "</ol>"
    # 6 June 2014 was a Friday; and without the story's date no year is guessed at all
    assert [c.published for c in parse_html_page(_dated_story("2014-06-06", comments)).comments] == [
        None, "2014-06-07T09:40:00"]
    assert [c.published for c in parse_html_page(_page(comments)).comments] == [None, None]


def test_a_comment_dated_early_in_january_under_a_december_story_is_in_the_next_year():
    page = _dated_story("2014-12-30", "<ol class='commentlist'>" + _no_year(1, "Nell on Jan 2, 10:14 AM said:")
                        + _no_year(2, "Gus on Dec 31, 11:50 PM said:") + "</ol>")
    assert [(c.author, c.published) for c in parse_html_page(page).comments] == [
        ("Nell", "2015-01-02T10:14:00"), ("Gus", "2014-12-31T23:50:00")]


def test_a_two_digit_year_after_the_month_and_day_is_a_year():
    bylines = ["Thu, Jan 15, 09 at 03:13 PM", "7 Jan 09 at 11:21 pm"]
    page = _dated_story("2009-01-07", "<ol class='commentlist'>"
                        + "".join(_no_year(i, b) for i, b in enumerate(bylines, 1)) + "</ol>")
    assert [c.published for c in parse_html_page(page).comments] == ["2009-01-15T15:13:00", "2009-01-07T23:21:00"]


def _unnamed(ident: int, name: str, day: str, words: str) -> str:
    # no class anywhere: a name box, a date box, a spacer and the words, inside one styled div per comment
    return (f"<a name='{ident}'></a><div style='padding:10px'><div style='float:left'><b>{name}</b></div>"
            f"<div style='float:right'>{day}</div><div style='clear:both'></div>"
            f"<div style='margin:10px'>{words}</div>"
            f"<div class='comment_reply_link'><a href='#'>reply to this comment</a></div></div>")


def test_unnamed_name_date_and_words_boxes_are_one_comment_not_three():
    page = _page("<div id='comments_displayed'>"
                 + _unnamed(1, "rowan", "06/14/2013", "Does the early boat still stop at the island?")
                 + _unnamed(2, "Tess K", "06/15/2013", "It does on weekdays, according to the new leaflet.")
                 + _unnamed(3, "milo", "06/15/2013", "Twenty minutes is far better than before.")
                 + "</div>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("rowan", "2013-06-14", "Does the early boat still stop at the island?"),
        ("Tess K", "2013-06-15", "It does on weekdays, according to the new leaflet."),
        ("milo", "2013-06-15", "Twenty minutes is far better than before."),
    ]


def test_thread_level_and_points_lines_are_not_words():
    comment = ("<div class='comment' id='t1_{i}'><div class='head'>level {i}</div>"
               "<div class='score'>{i}2 points · · edited 3 years ago</div>"
               "<div class='md'><p>Point {i}: the ferry should carry bikes for free.</p></div></div>")
    page = _page("".join(comment.format(i=i) for i in (1, 2)))
    assert [c.text for c in parse_html_page(page).comments] == [
        "Point 1: the ferry should carry bikes for free.", "Point 2: the ferry should carry bikes for free."]


def _forum(ident: int, name: str, day: str, clock: str, words: str) -> str:
    # the name and the date's two parts sit in spans with no space between them
    return (f"<div class='ForumComment' id='Comment{ident}'><div class='CommentInformation'>"
            f"<span class='CommentAccountName'>{name}</span><span class='CommentTime'><span>{day}</span>"
            f"<span>{clock}</span></span></div><div class='CommentText'>{words}</div></div>")


def test_a_short_dotted_year_in_glued_spans_is_read_day_first_in_this_century():
    page = _page(_forum(1, "faehrmann", "28.09.19", "12:44", "Fährt das Boot auch sonntags?")
                 + _forum(2, "kapitaen", "29.09.19", "08:05", "Ja, ab Mai auch sonntags."))
    comments = parse_html_page(page).comments
    assert [(c.author, c.published) for c in comments] == [
        ("faehrmann", "2019-09-28T12:44:00"), ("kapitaen", "2019-09-29T08:05:00")]


def test_a_time_with_seconds_keeps_its_afternoon():
    comment = ("<li class='comment' id='comment-{i}'><cite class='fn'>Vic</cite>"
               "<span class='comment-date'>10/2{i}/2012 5:14:46 PM</span><p>Evening note {i} on the ferry.</p></li>")
    page = _page("<ol class='commentlist'>" + "".join(comment.format(i=i) for i in (1, 2)) + "</ol>")
    assert [c.published for c in parse_html_page(page).comments] == ["2012-10-21T17:14:46", "2012-10-22T17:14:46"]


def test_the_comment_answered_is_not_the_author():
    comment = ("<div class='comment' id='comment-{i}'><div class='comment-body'>"
               "<p>Response to Gwen, 1 November 2012 10:4{i}PM</p><p>Reply {i}: I take the ferry every day.</p>"
               "</div></div>")
    page = _page("".join(comment.format(i=i) for i in (1, 2)))
    comments = parse_html_page(page).comments
    assert [(c.author, c.text) for c in comments] == [
        (None, "Reply 1: I take the ferry every day."), (None, "Reply 2: I take the ferry every day.")]


def test_a_name_beside_a_date_line_in_the_words_is_the_author():
    comment = ("<div class='comment' id='comment-{i}'><div class='comment-body'>"
               "<p>Ines Brand | Di, 2{i}. April 2020 - 16:40</p><p>Gedanke {i}: die Fähre ist pünktlich.</p>"
               "</div></div>")
    page = _page("".join(comment.format(i=i) for i in (1, 2)))
    comments = parse_html_page(page).comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Ines Brand", "2020-04-21T16:40:00", "Gedanke 1: die Fähre ist pünktlich."),
        ("Ines Brand", "2020-04-22T16:40:00", "Gedanke 2: die Fähre ist pünktlich."),
    ]


def test_a_section_header_shaped_like_a_comment_is_not_one():
    item = "<li class='comment' id='comment-{i}'><cite class='fn'>{name}</cite><p>{words}</p></li>"
    page = _page("<ol class='commentlist'>"
                 + "<li class='comment' id='comment-0'><p>COMMENTS (2)Post a comment</p></li>"
                 + item.format(i=1, name="Ada", words="The new boats are much quieter.")
                 + item.format(i=2, name="Cy", words="Quieter, and they leave on time.")
                 + "<li class='comment' id='comment-9'><p>Comments</p><p>Please email us to report offensive comments.</p></li>"
                 + "</ol>")
    assert [c.author for c in parse_html_page(page).comments] == ["Ada", "Cy"]


def test_a_name_after_on_date_and_time_is_the_author():
    comment = ("<li class='comment' id='comment-{i}'><div class='comment-meta'>on 2013-05-0{i} at 8:1{i} am{i} {name}</div>"
               "<p>Point {i} about the ferry's bike racks.</p></li>")
    page = _page("<ol class='commentlist'>" + comment.format(i=1, name="Rolf Berg")
                 + comment.format(i=2, name="kit (@kit2ferry)") + "</ol>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.published) for c in comments] == [
        ("Rolf Berg", "2013-05-01T08:11:00"), ("kit (@kit2ferry)", "2013-05-02T08:12:00")]


def test_a_reblog_note_names_who_added_the_words():
    note = ("<li class='note reblog with_commentary'><span class='action'>{name} reblogged this from harbourblog "
            "and added:</span><blockquote>{words}</blockquote></li>")
    notes = ("<ol class='notes'>" + note.format(name="tide-tables", words="Finally a decent timetable.")
             + "<li class='note like'><span class='action'>someone liked this</span></li>"
             + note.format(name="gull.watch", words="The night boat is the best part.") + "</ol>")
    for page in (f"<html><body><div class='post'>{STORY}</div>{notes}</body></html>", _page(notes)):
        comments = parse_html_page(page).comments
        assert [(c.author, c.text) for c in comments] == [
            ("tide-tables", "Finally a decent timetable."), ("gull.watch", "The night boat is the best part.")]


def test_without_a_story_date_the_copyright_year_dates_bylines_that_give_a_weekday():
    bylines = ["by quayside (4411) on Friday June 6, @07:05PM", "by harbourcat (912) on June 7, @09:40AM"]
    page = (f"<html><head><title>Ferry</title></head><body><div class='story'>{STORY}</div><div id='comments'>"
            "<ol class='commentlist'>" + "".join(_no_year(i, b) for i, b in enumerate(bylines, 1)) + "</ol></div>"
            "<div class='footer'>&copy; 2015 Harbour News. All Rights Reserved.</div></body></html>")
    # 6 June fell on a Friday in 2014, the year before the copyright's; without a weekday no year is guessed
    assert [c.published for c in parse_html_page(page).comments] == ["2014-06-06T19:05:00", None]


def _dt_comment(ident: int, name: str, words: str, replies: str = "") -> str:
    # a definition-list theme: the name in the dt, the words in the dd, the replies in a list inside the dd
    children = f"<dl class='children'>{replies}</dl>" if replies else ""
    return (f"<dt class='comment depth-1' id='comment-{ident}'><span class='comment_author'>{name}</span></dt>"
            f"<dd class='comment depth-1'><div class='format_text'><p>{words}</p></div>{children}</dd>")


def test_replies_inside_the_dd_of_a_definition_list_comment_are_comments_of_their_own():
    reply = _dt_comment(2, "Bo", "I agree, the timetable is much clearer now.")
    page = _page("<dl id='comment_list'>" + _dt_comment(1, "Al", "The new ferry timetable is easy to read.", reply)
                 + _dt_comment(3, "Cy", "Will there be a winter timetable as well?") + "</dl>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.text, c.depth) for c in comments] == [
        ("Al", "The new ferry timetable is easy to read.", 0),
        ("Bo", "I agree, the timetable is much clearer now.", 1),
        ("Cy", "Will there be a winter timetable as well?", 0),
    ]
    assert comments[1].parent == comments[0].id


def test_the_replies_of_a_comment_folded_away_as_an_empty_shell_are_read():
    def item(ident, name, words, cls="comment full", replies=""):
        inner = (f"<div class='cw'><div class='details'><span class='by'>by {name}</span></div>"
                 f"<div class='commentBody'><p>{words}</p></div></div>") if words else "<div class='cw'></div>"
        return f"<li id='tree_{ident}' class='{cls}'>{inner}<ul id='commtree_{ident}'>{replies}</ul></li>"
    shell = item(2, "", "", cls="comment hidden", replies=item(3, "Di", "A reply still shown under a folded comment."))
    page = _page("<ul id='commentlisting'>" + item(1, "Ed", "The first comment, shown in full.") + shell
                 + item(4, "Flo", "The last comment, shown in full as well.") + "</ul>")
    assert [c.text for c in parse_html_page(page).comments] == [
        "The first comment, shown in full.", "A reply still shown under a folded comment.",
        "The last comment, shown in full as well."]
