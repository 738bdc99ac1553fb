"""Unit tests for the HTML page parser on small hand-written pages."""

from __future__ import annotations

import time

import pytest

from moderation.errors import InputError
from moderation.parsing import parse_string
from moderation.parsing.html import parse_html_page

ARTICLE = "<p>" + "The council voted on the new cycle lanes after a long public debate. " * 4 + "</p>"

WORDPRESS = f"""<!DOCTYPE html><html><head><title>Cycle lanes | Town Blog</title>
<meta property="og:site_name" content="Town Blog">
<meta property="article:published_time" content="2021-03-04T10:00:00+00:00"></head>
<body><div id="content"><article class="post"><h1>Cycle lanes approved</h1>
<div class="entry-content">{ARTICLE}</div></article>
<div id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on &ldquo;Cycle lanes approved&rdquo;</h2>
<ol class="comment-list">
 <li id="comment-11" class="comment even thread-even depth-1">
  <article id="div-comment-11" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard">
     <img class="avatar" src="a.png"><b class="fn">Maria</b> <span class="says">says:</span></div>
    <div class="comment-metadata"><a href="#comment-11"><time datetime="2021-03-04T12:30:00+00:00">
     March 4, 2021 at 12:30 pm</time></a></div></footer>
   <div class="comment-content"><p>Finally some safe routes for the school run.</p></div>
   <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
  </article>
  <ol class="children">
   <li id="comment-12" class="comment odd alt depth-2">
    <article id="div-comment-12" class="comment-body">
     <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Tom</b>
      <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="#comment-12"><time datetime="2021-03-04T13:00:00+00:00">
       March 4, 2021 at 1:00 pm</time></a></div></footer>
     <div class="comment-content"><p>They will slow the buses down, mark my words.</p></div>
     <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
    </article>
   </li>
  </ol>
 </li>
 <li id="comment-13" class="pingback even thread-odd depth-1">
  <div class="comment-body">Pingback: <a href="http://other.example/">Weekly links roundup</a></div>
 </li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>
<form id="commentform"><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form>
</div></div></div></body></html>"""

BLOGGER = f"""<html><head><title>Garden notes</title></head><body>
<div class="post"><h3 class="post-title">Tomatoes</h3><div class="post-body entry-content">{ARTICLE}</div></div>
<div class="comments" id="comments"><h4>2 comments:</h4>
<div id="Blog1_comments-block-wrapper"><dl class="avatar-comment-indent" id="comments-block">
<dt class="comment-author" id="c101"><a name="c101"></a><a href="/profile/1">Greenfinger</a> said...</dt>
<dd class="comment-body" id="Blog1_cmt-101"><p>Mine split in the rain every single year.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c101" title="comment permalink">
June 5, 2012 8:44 PM</a></span></dd>
<dt class="comment-author" id="c102"><a name="c102"></a>Anonymous said...</dt>
<dd class="comment-body" id="Blog1_cmt-102"><p>Try watering at the roots in the morning instead.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c102">June 6, 2012 9:15 AM</a></span></dd>
</dl></div></div></body></html>"""

TYPEPAD = f"""<html><head><title>Notes</title></head><body>
<div class="entry"><h3 class="entry-header">A post</h3><div class="entry-body">{ARTICLE}</div></div>
<div class="comments" id="all-comments"><h3 class="comments-header">Comments</h3>
<div class="comments-content" id="comments-content">
<div class="comment" id="comment-6a00aa"><div class="comment-content"><p>I disagree with most of this post.</p></div>
<p class="comment-footer">Posted by: <a href="http://x.example">Sam Reader</a> |
<a href="#comment-6a00aa">November 01, 2012 at 03:22 PM</a></p></div>
<div class="comment" id="comment-6a00bb"><div class="comment-content"><p>Agreed, the second point is weak.</p></div>
<p class="comment-footer">Posted by: <a href="http://y.example">Lee</a> |
<a href="#comment-6a00bb">November 02, 2012 at 09:05 AM</a></p></div>
</div></div></body></html>"""

DISQUS = f"""<html><head><title>Story</title></head><body><article><h1>Story</h1>{ARTICLE}</article>
<div id="disqus_thread"></div>
<noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript>
<script>var disqus_shortname = 'example';</script></body></html>"""

NO_COMMENTS = f"""<html><head><title>Plain</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/comments-policy">Comment policy</a></nav>
<article><h1>Plain story</h1>{ARTICLE}<p class="comments-link"><a href="#">Leave a comment</a></p></article>
<aside class="sidebar"><div class="widget widget_recent_comments"><h3>Recent Comments</h3>
<ul id="recentcomments"><li class="recentcomments">Ann on <a href="/a">Another story about the harbour</a></li>
<li class="recentcomments">Bob on <a href="/b">The festival is coming back this summer</a></li></ul></div></aside>
</body></html>"""


def test_wordpress_threaded_comments_with_meta_and_pingback():
    thread = parse_html_page(WORDPRESS, source="wp.html")
    assert thread.format == "html"
    assert thread.title == "Cycle lanes approved" or "Cycle lanes" in thread.title
    assert thread.site == "Town Blog"
    assert thread.published.startswith("2021-03-04")
    assert "cycle lanes" in thread.article
    assert "Finally some safe routes" not in thread.article
    assert [c.text for c in thread.comments] == [
        "Finally some safe routes for the school run.",
        "They will slow the buses down, mark my words.",
    ]
    first, reply = thread.comments
    assert (first.id, first.position, first.author, first.depth, first.parent) == ("comment-11", 1, "Maria", 0, None)
    assert first.published.startswith("2021-03-04T12:30")
    assert (reply.id, reply.position, reply.author, reply.depth, reply.parent) == ("comment-12", 2, "Tom", 1,
                                                                                   "comment-11")
    assert [c.kind for c in thread.set_aside] == ["pingback"]
    assert "Weekly links roundup" in thread.set_aside[0].text
    assert thread.comment_count_claimed == 3
    assert all("Reply" not in c.text and "says" not in c.text for c in thread.comments)


def _lines(block: str) -> list[str]:
    return [line for line in block.split("\n") if line]


def test_block_is_the_comment_as_shown_without_its_replies_or_the_section_header():
    first, reply = parse_html_page(WORDPRESS).comments
    assert _lines(first.block) == ["Maria says:", "March 4, 2021 at 12:30 pm",
                                   "Finally some safe routes for the school run.", "Reply"]
    assert _lines(reply.block) == ["Tom says:", "March 4, 2021 at 1:00 pm",
                                   "They will slow the buses down, mark my words.", "Reply"]


def test_block_of_blogger_comment_keeps_byline_and_footer():
    first = parse_html_page(BLOGGER).comments[0]
    assert _lines(first.block) == ["Greenfinger said...", "Mine split in the rain every single year.",
                                   "June 5, 2012 8:44 PM"]


def test_blogger_dt_dd_comments():
    thread = parse_html_page(BLOGGER)
    assert [c.text for c in thread.comments] == [
        "Mine split in the rain every single year.",
        "Try watering at the roots in the morning instead.",
    ]
    assert [c.author for c in thread.comments] == ["Greenfinger", "Anonymous"]
    assert thread.comments[0].published == "2012-06-05T20:44:00"
    assert thread.comments[0].id == "c101"
    assert thread.comment_count_claimed == 2


def test_typepad_posted_by_footer():
    thread = parse_html_page(TYPEPAD)
    assert [c.text for c in thread.comments] == ["I disagree with most of this post.",
                                                 "Agreed, the second point is weak."]
    assert [c.author for c in thread.comments] == ["Sam Reader", "Lee"]
    assert thread.comments[1].published == "2012-11-02T09:05:00"


def test_empty_disqus_placeholder_gives_no_comments():
    thread = parse_html_page(DISQUS)
    assert thread.comments == []
    assert "cycle lanes" in thread.article


def test_page_without_comments_reports_none():
    thread = parse_html_page(NO_COMMENTS)
    assert thread.comments == []
    assert thread.set_aside == []
    assert "public debate" in thread.article


def test_generic_comment_container_without_wordpress_classes():
    page = f"""<html><body><div class="story">{ARTICLE}</div>
    <section id="reader-responses"><div class="response"><span class="user">kim</span>
    <div class="text">This would never pass in my town, the council is too timid.</div></div>
    <div class="response"><span class="user">raj</span>
    <div class="text">Ours did the same last year and traffic got better, not worse.</div></div></section>
    </body></html>"""
    thread = parse_html_page(page)
    assert [c.author for c in thread.comments] == ["kim", "raj"]
    assert thread.comments[1].text == "Ours did the same last year and traffic got better, not worse."
    assert [c.id for c in thread.comments] == ["c1", "c2"]


def test_broken_and_truncated_html_still_parses():
    truncated = WORDPRESS[: WORDPRESS.index("They will slow")]
    thread = parse_html_page(truncated)
    assert thread.comments and thread.comments[0].text.startswith("Finally some safe routes")
    thread = parse_html_page("<div><p>unclosed <b>bold <li>stray</div></span>")
    assert thread.comments == []


def test_deeply_nested_html_returns_quickly_without_crash():
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    start = time.perf_counter()
    try:
        thread = parse_html_page(page)
    except InputError:
        pass
    else:
        assert thread.comments == []
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("bad", ["", "   \n  "])
def test_empty_input_is_an_input_error(bad):
    with pytest.raises(InputError, match="empty"):
        parse_html_page(bad, source="blank.html")


def test_non_string_input_is_an_input_error():
    with pytest.raises(InputError, match="expected HTML text"):
        parse_html_page(b"<html></html>")  # type: ignore[arg-type]


def test_dispatch_detects_html():
    threads = parse_string(WORDPRESS, source="wp.html")
    assert threads[0].format == "html" and len(threads[0].comments) == 2


def test_lone_comment_box_next_to_the_article():
    page = f"""<html><body><div class="blog"><div class="entry">{ARTICLE}</div>
    <div class="comment" id="comment-5"><div class="comment_header"><div class="comment_name">Jo Park</div>
    <div class="comment_date">11/09/12 at 11:18 am</div></div>
    <p>This looks simple enough to try at the weekend.</p></div></div></body></html>"""
    thread = parse_html_page(page)
    assert [c.text for c in thread.comments] == ["This looks simple enough to try at the weekend."]
    assert thread.comments[0].id == "comment-5"
    assert "weekend" not in thread.article


def test_replies_listed_after_their_comment_are_nested_under_it():
    page = f"""<html><body><article>{ARTICLE}</article><div id="thread-box"><ul id="user-comments">
    <li class="comment" id="c-1001"><p>The first reader has a long opinion about the lanes.</p></li>
    <ul class="children"><li class="comment" id="c-1002"><p>A reply to the first reader, disagreeing.</p></li></ul>
    <li class="comment" id="c-1003"><p>A second top-level remark about parking spaces.</p></li>
    </ul></div></body></html>"""
    thread = parse_html_page(page)
    texts = [c.text for c in thread.comments]
    assert texts == ["The first reader has a long opinion about the lanes.",
                     "A reply to the first reader, disagreeing.",
                     "A second top-level remark about parking spaces."]
    reply = thread.comments[1]
    assert (reply.parent, reply.depth) == ("c-1001", 1)
    assert thread.comments[2].parent is None


def test_comment_named_parts_inside_unnamed_per_comment_tables():
    box = """<table><tr><td><img src="corner.gif"></td><td><div style="padding:2px">
    <div id="commentBody">{text}</div><div class="commentFooter"><b><a href="/u">{who}</a></b>
    Jan 09 2008 07:52 PM PST |</div></div></td></tr></table>"""
    page = (f"<html><body><div id='stage'><div class='story'>{ARTICLE}</div><span>"
            + box.format(text="Will the coach really start him on Sunday?", who="fan_one")
            + box.format(text="No chance, he has been injured all month long.", who="fan_two")
            + "</span></div></body></html>")
    thread = parse_html_page(page)
    assert [c.text for c in thread.comments] == ["Will the coach really start him on Sunday?",
                                                 "No chance, he has been injured all month long."]
    assert "injured all month" not in thread.article


def test_empty_state_and_widget_labels_are_not_comments():
    page = f"""<html><body><article>{ARTICLE}</article><div id="comments">
    <div class="comment-item">There are no comments yet.</div></div>
    <div class="comment_area"><div class="comment_slider">Broadcast</div></div></body></html>"""
    thread = parse_html_page(page)
    assert thread.comments == []


def test_meta_named_block_holding_the_words_keeps_them():
    page = f"""<html><body><article>{ARTICLE}</article><div class="comment-box"><ul class="comment-items">
    <li id="comment-1446" class="row-fluid"><div class="span10 comment-info"><h3><a href="#">Marius</a></h3>
    <p>I am curious what will turn up here next, good luck with the relaunch.</p>
    <div><b>18. 05. 2014</b> <b class="time-info">22:38</b></div></div></li></ul></div></body></html>"""
    thread = parse_html_page(page)
    assert len(thread.comments) == 1
    assert "I am curious what will turn up here next, good luck with the relaunch." in thread.comments[0].text


def test_comment_lists_under_each_answer_are_all_read():
    lists = "".join(
        f"""<div class="answer"><p>{ARTICLE}</p><div class="comments-box"><ul class="comments-list">
        <li class="comment" id="comment-{n}1"><span class="comment-copy">Answer {n} misses the point entirely.</span></li>
        <li class="comment" id="comment-{n}2"><span class="comment-copy">Answer {n} is right, see the docs.</span></li>
        </ul></div></div>""" for n in (1, 2))
    thread = parse_html_page(f"<html><body><div id='question'>{ARTICLE}</div>{lists}</body></html>")
    assert len(thread.comments) == 4
    assert thread.comments[3].text == "Answer 2 is right, see the docs."


@pytest.mark.parametrize("shown, iso", [
    ("September 10, 2012 at 12:43 am", "2012-09-10T00:43:00"),
    ("Mar 21, 2007 10:14:32 PM", "2007-03-21T22:14:32"),
    ("Nov. 2nd 2012", "2012-11-02"),
])
def test_comment_dates_as_pages_show_them(shown, iso):
    page = f"""<html><body><article>{ARTICLE}</article><ol class="commentlist">
    <li class="comment" id="comment-1"><cite class="fn">Ann</cite> <span class="comment-date">{shown}</span>
    <p>Nice post, thank you for writing it.</p></li></ol></body></html>"""
    assert parse_html_page(page).comments[0].published == iso


HEAD_BLOCK = f"""<html><head><title>Book news</title></head><body><article><h1>Book news</h1>{ARTICLE}</article>
<div id="comments"><h3>2 Responses to "Book news"</h3><ol class="commentlist">
<li class="comment even depth-1" id="li-comment-7"><div class="comment-container"><div class="comment-head">
 <div class="avatar"><img src="a.png"></div><span class="name">Tomasz</span>
 <span class="date">July 16, 2012 at 7:03 pm</span> <span class="perma"><a href="#comment-7">#</a></span></div>
 <div class="comment-entry" id="comment-7"><p>I hoped for a printed edition, but the PDF will do for now.</p>
 <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></div></div></li>
<li class="comment odd depth-1" id="li-comment-8"><div class="comment-container"><div class="comment-head">
 <span class="name">Rosa</span><span class="date">July 17, 2012 at 9:10 am</span>
 <span class="perma"><a href="#comment-8">#</a></span></div>
 <div class="comment-entry" id="comment-8"><p>Printed it at home last night, reads fine on paper.</p></div></div></li>
</ol></div></body></html>"""


def test_name_and_permalink_in_a_comment_head_are_meta_not_words():
    thread = parse_html_page(HEAD_BLOCK)
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Tomasz", "I hoped for a printed edition, but the PDF will do for now."),
        ("Rosa", "Printed it at home last night, reads fine on paper."),
    ]
    assert thread.comments[0].published == "2012-07-16T19:03:00"
    assert _lines(thread.comments[0].block)[:2] == ["Tomasz July 16, 2012 at 7:03 pm #",
                                                    "I hoped for a printed edition, but the PDF will do for now."]


SCATTERED = f"""<html><head><title>Tower</title></head><body><div id="page-content"><h1>Tower</h1>{ARTICLE}
<a id="comment-101"></a><div class="comment even"><h4>1: Too big</h4>
 <div class="comment-content"><p>The case is far too big for a desk at home.</p></div>
 <span class="comment-author">Ines</span></div>
<div><a id="comment-102"></a><div class="comment odd"><h4>2: Agreed</h4>
 <div class="comment-content"><p>Mine lives on the floor under the table.</p></div>
 <span class="comment-author">Bruno</span></div></div>
<div><a id="comment-103"></a><div class="comment even"><h4>3: Not for us</h4>
 <div class="comment-content"><p>It was built for studios, not for living rooms.</p></div>
 <span class="comment-author">Carla</span></div></div>
</div></body></html>"""


def test_comments_each_in_an_unnamed_wrapper_are_all_read():
    thread = parse_html_page(SCATTERED)
    assert [c.author for c in thread.comments] == ["Ines", "Bruno", "Carla"]
    assert "under the table" in thread.comments[1].text
    assert "under the table" not in thread.article


ARTICLE_BYLINE = '<div class="postedby">Posted by Editor Jane - Monday, March 03, 2008 9:00 AM</div>'


def test_lone_byline_in_a_comment_section_is_one_comment_and_the_article_byline_is_not():
    page = f"""<html><head><title>Screens</title></head><body><div id="posts">
    {ARTICLE_BYLINE}<div class="post">{ARTICLE}</div><hr>
    <div class="blog_comments"><h3>Comment(s)</h3><hr>
    <div class="postedby">Posted by Wendell - Tuesday, March 04, 2008 1:32 PM</div>
    <div class="post">Small screens on big screens, what a turn of events.</div><hr></div>
    </div></body></html>"""
    thread = parse_html_page(page)
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Wendell", "Small screens on big screens, what a turn of events.")]
    assert thread.comments[0].published == "2008-03-04T13:32:00"


def test_lone_byline_after_a_comments_anchor_is_one_comment():
    page = f"""<html><head><title>League</title></head><body><div>{ARTICLE}
    <p><b>Thanks for your comments - this feedback is now closed</b></p><a name="comments"></a>
    <div class="b_box">Posted by: Olu, Leeds on <span class="itdate">5:19pm Tue 1 Jan 08</span></div>
    <div style="display: none">A short preview of the words.</div>
    <div class="entry">The table is tight, a few wins and anyone climbs out of trouble.</div>
    <div class="b_box"><a href="#">Quote</a> | <a href="#">Report this post</a></div>
    <div>Share this: <a href="#">Digg</a> | <a href="#">Mail</a></div></div></body></html>"""
    thread = parse_html_page(page)
    assert [c.text for c in thread.comments] == [
        "The table is tight, a few wins and anyone climbs out of trouble."]
    assert thread.comments[0].author == "Olu"


def test_lone_posted_by_line_without_a_comment_section_is_no_comment():
    page = f"""<html><head><title>Notes</title></head><body><div class="post">{ARTICLE}
    <div class="post-footer">Posted by Editor Jane at 9:00 AM</div></div></body></html>"""
    assert parse_html_page(page).comments == []


def test_comments_run_together_in_one_named_block_are_split_at_their_author_lines():
    page = f"""<html><head><title>Game</title></head><body><div>{ARTICLE}</div>
    <div id="commentsDiv"><p><b>2 Comments</b></p><p><font>
    <font>9:10 PM on Tue., Jan. 8, 2008</font><br><strong>Harriet Vane</strong> said:<br>
    <font>The photo caption swaps the two forwards, the tall one is the captain.</font><br>
    <a href="#">Report as inappropriate</a><br>
    <font>11:56 PM on Sun., Jan. 6, 2008</font><br><strong>Peter Wimsey</strong> said:<br>
    <font>Good to see the school teams getting some coverage for once this season.</font><br>
    <a href="#">Report as inappropriate</a></font></p></div></body></html>"""
    thread = parse_html_page(page)
    texts = " ".join(c.text for c in thread.comments)
    assert len(thread.comments) >= 2
    assert "captain" in texts and "coverage" in texts
    assert "captain" not in thread.article


FLAT_AFTER_ANCHOR = f"""<html><head><title>Budget</title></head><body><div id="storyBox"><h3>Budget</h3>{ARTICLE}
<hr><a name="commentSection"></a><b>3 Comments</b><br><br>
<b>Ruth M</b> said:<br>The province should trim its own spending before asking anyone else to pay.<br><br>
Enough is enough with these deficits.<br><br><hr><br>
<b>Gordon</b> said:<br>Agreed, the interest alone eats a large part of what the province takes in.<br><br><hr><br>
<b>Anil</b> said:<br>Public money should not prop up firms that no longer make a profit on their own.<br><br><hr>
</div></body></html>"""


def test_flat_comments_after_a_comments_anchor_are_read_from_their_text():
    thread = parse_html_page(FLAT_AFTER_ANCHOR)
    texts = " ".join(c.text for c in thread.comments)
    assert len(thread.comments) >= 2
    assert "trim its own spending" in texts and "prop up firms" in texts
    assert "prop up firms" not in thread.article
    assert "council voted" in thread.article


def test_flat_comments_after_an_anchor_inside_a_hidden_block_are_not_read():
    hidden = FLAT_AFTER_ANCHOR.replace('<div id="storyBox"><h3>Budget</h3>' + ARTICLE,
                                       '<div id="storyBox"><h3>Budget</h3>' + ARTICLE + '<div style="display: none">')
    hidden = hidden.replace("</div></body>", "</div></div></body>")
    assert parse_html_page(hidden).comments == []


def test_footer_byline_with_controls_names_the_author():
    page = ("<html><body><h1>Ferry timetable cut</h1><p>The early crossing goes from November.</p>"
            "<div id='comments'>"
            "<div class='comment depth-1' id='comment-1'><div class='comment-body'><p>Good to know, thanks.</p>"
            "<p class='comment-meta'>by mara on January 31, 2011 at 9:59 am. <a href='#r'>Reply</a> "
            "<a href='#comment-1'>#</a></p></div></div>"
            "<div class='comment depth-1' id='comment-2'><div class='comment-body'><p>The late one matters more.</p>"
            "<p class='comment-meta'>by Tom Reed on February 1, 2011 at 8:15 pm. <a href='#r'>Reply</a> "
            "<a href='#comment-2'>#</a></p></div></div></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published) for c in thread.comments] == [
        ("mara", "2011-01-31T09:59:00"), ("Tom Reed", "2011-02-01T20:15:00")]


@pytest.mark.parametrize("meta, author", [
    ("Mara Quinn \u2014 July 10th, 2012, 1:26 am", "Mara Quinn"),
    ("1. Tom Reed - 9 December, 2011", "Tom Reed"),
    ("October 11, 2012 | Eve", "Eve"),
    ("posted on Wednesday, October 24, 2012 at 7:26 PM by Darren", "Darren"),
    ("Stephanie on November 7, 2012 12:26 pm", "Stephanie"),
    ("Miles Taylor 12 days ago", "Miles Taylor"),
    ("<span class='author'>by Ann Lee (1040920)</span> on Monday May 02, @09:12AM", "Ann Lee"),
    ("<span class='author'>Ann Lee writes:</span>", "Ann Lee"),
    ("<span class='author'>\u2014 Posted by Ann Lee</span>", "Ann Lee"),
    ("<span class='author'>Ann Lee sagt:</span>", "Ann Lee"),
    ("<span class='author'>Ann Lee \u2014 17.07</span>", "Ann Lee"),
])
def test_commenter_named_beside_the_date(meta, author):
    page = ("<html><body><h1>Ferry timetable cut</h1><p>The early crossing goes from November.</p>"
            "<ol class='commentlist'>"
            f"<li class='comment' id='comment-1'><div class='comment-meta'>{meta}</div>"
            "<p>Good to know, thanks for writing it up.</p></li>"
            f"<li class='comment' id='comment-2'><div class='comment-meta'>{meta}</div>"
            "<p>The late boat matters more to me.</p></li></ol></body></html>")
    thread = parse_html_page(page)
    assert [c.author for c in thread.comments] == [author, author]


def test_commenter_name_on_the_line_above_the_date():
    page = ("<html><body><h1>Ferry timetable cut</h1><p>The early crossing goes from November.</p>"
            "<ol class='commentlist'>"
            "<li class='comment' id='comment-1'><div class='comment-meta'><div>pilsner</div>"
            "<div>1 November 2012 9:08PM</div></div><p>Good to know, thanks for writing it up.</p></li>"
            "<li class='comment' id='comment-2'><div class='comment-meta'><div>rusticred</div>"
            "<div>1 November 2012 9:37PM</div></div><p>The late boat matters more to me.</p></li></ol></body></html>")
    thread = parse_html_page(page)
    assert [c.author for c in thread.comments] == ["pilsner", "rusticred"]
