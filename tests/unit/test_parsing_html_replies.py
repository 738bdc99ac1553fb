"""Unit tests for how the HTML parser reads comments from their controls and class names, on hand-written pages."""

from __future__ import annotations

from moderation.parsing.html import parse_html_page

STORY = ("<p>The harbour board agreed on Monday to repair the old stone pier before the winter storms. "
         "Engineers say the work will take six weeks and cost less than first feared.</p>")


def _entry(ident: str, name: str, words: str, replies: str = "") -> str:
    return (f"<li class='member' id='msg_{ident}'><a class='author' href='/u/{ident}'><h4>{name}</h4></a>"
            f"<time datetime='2020-01-14T13:{ident}:00+01:00'>14. 01. 2020, 13:{ident}</time>"
            f"<div class='body'><p>{words}</p></div>"
            f"<ul class='toolbar'><li class='reply'><a>Reply</a></li><li class='report'><a>Report</a></li></ul>"
            f"{replies}</li>")


def test_dated_entries_with_a_reply_control_are_comments_in_an_unnamed_section():
    reply = f"<ul class='thread'>{_entry('31', 'Kim', 'Six weeks sounds optimistic to me.')}</ul>"
    page = (f"<html><body><div class='story'>{STORY}</div><div class='sect'><ul class='list'>"
            f"{_entry('10', 'Ann', 'About time the pier was fixed.', reply)}"
            f"{_entry('20', 'Bob', 'Keep the slipway open, please.')}</ul></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.text, c.depth) for c in thread.comments] == [
        ("Ann", "About time the pier was fixed.", 0),
        ("Kim", "Six weeks sounds optimistic to me.", 1),
        ("Bob", "Keep the slipway open, please.", 0),
    ]
    assert thread.comments[1].parent == thread.comments[0].id
    assert "About time" not in thread.article


def test_dated_story_teasers_without_reply_controls_are_not_comments():
    teasers = "".join(f"<li class='teaser'><a href='/n/{i}'>Harbour news item {i}</a>"
                      f"<time datetime='2020-01-1{i}'>1{i} January 2020</time></li>" for i in range(4))
    page = f"<html><body><div class='story'>{STORY}</div><ul class='more'>{teasers}</ul></body></html>"
    assert parse_html_page(page).comments == []


def test_script_hook_classes_do_not_make_a_short_comment_body_meta():
    def comment(ident: str, words: str, user: str) -> str:
        return (f"<li id='comment-{ident}' class='comment js-comment'><div class='js-comment-actions comment-actions'>"
                f"<div class='comment-score js-comment-edit-hide'><span>2</span></div></div>"
                f"<div class='comment-text js-comment-text-and-form'><div class='comment-body js-comment-edit-hide'>"
                f"<span class='comment-copy'>{words}</span><div class='inline'>&ndash;&nbsp;<a class='comment-user'>{user}</a></div>"
                f"<span class='comment-date'>Feb 6, 2014 at 23:18</span></div></div></li>")

    page = (f"<html><body><div class='story'>{STORY}</div><div class='comments'><ul class='comments-list'>"
            f"{comment('1', 'Unless of what?', 'Vic')}{comment('2', 'Both readings work here.', 'Ola')}"
            f"</ul></div></body></html>")
    assert [c.text for c in parse_html_page(page).comments] == ["Unless of what?", "Both readings work here."]


def _wordpress_comment(ident: str, lines: str, words: str) -> str:
    return (f"<li class='comment' id='comment-{ident}'><div class='comment-text'><p>{words}</p></div>"
            f"<div class='comment-info'>{lines}</div></li>")


def test_author_and_date_lines_as_old_templates_write_them():
    page = (f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>"
            + _wordpress_comment("1", "Posted by: Ann Posted on: 01/18/08", "About time the pier was fixed.")
            + _wordpress_comment("2", "Bob (6 days ago)", "Keep the slipway open, please.")
            + _wordpress_comment("3", "Posted by: Cy, Leith on 5:19pm Tue 1 Jan 08", "Six weeks is optimistic.")
            + _wordpress_comment("4", "2 minutes ago ( 1:14 PM)", "Good news for the crews.")
            + _wordpress_comment("5", "", "Kim (1:41)</p><p>watch the crane at that point of the video.")
            + _wordpress_comment("6", "Posted by: Eve of Leith 11:08pm January 08, 2008", "Lovely old pier.")
            + "</ol></body></html>")
    comments = parse_html_page(page).comments
    assert [c.author for c in comments] == ["Ann", "Bob", "Cy", None, None, "Eve of Leith"]
    assert comments[2].published == "2008-01-01T17:19:00"
    assert comments[5].published == "2008-01-08T23:08:00"
    assert comments[3].text == "Good news for the crews."
    assert comments[4].text.startswith("Kim (1:41)")


def test_a_comment_section_collapsed_behind_a_button_is_read_and_a_hidden_placeholder_is_not():
    collapsed = (f"<html><body><div class='story'>{STORY}</div><div id='show'>Show comments</div>"
                 f"<section id='comments' class='comments-area' style='display:none;'><ol class='comment-list'>"
                 f"<li id='comment-7' class='comment'><b class='fn'>Ann</b><div class='comment-content'>"
                 f"<p>About time the pier was fixed.</p></div></li></ol></section></body></html>")
    assert [c.text for c in parse_html_page(collapsed).comments] == ["About time the pier was fixed."]
    placeholder = (f"<html><body><div class='story'>{STORY}</div><div class='comment_container' "
                   f"id='comment_container_5' style='display: none;'><p>Hold on, loading the good stuff...</p>"
                   f"</div></body></html>")
    assert parse_html_page(placeholder).comments == []


def test_a_comment_widget_is_the_comment_section_but_a_recent_comments_widget_is_not():
    items = "".join(f"<li class='forum-comment' id='forum-comment-{i}'><span class='author-name'>Reader {i}</span>"
                    f"<div class='text'>Comment number {i} about the pier repairs.</div></li>" for i in range(3))
    embedded = (f"<html><body><article class='news-article'>{STORY * 3}<div class='forum-comment-widget'>"
                f"<ul class='forum-comments-list'>{items}</ul></div></article></body></html>")
    assert len(parse_html_page(embedded).comments) == 3
    sidebar = (f"<html><body><article class='news-article'>{STORY * 3}</article><div class='recent-comments-widget'>"
               f"<ul class='forum-comments-list'>{items}</ul></div></body></html>")
    assert parse_html_page(sidebar).comments == []


def test_a_lone_comment_with_author_and_meta_parts_is_one_comment_not_a_list_of_its_parts():
    page = (f"<html><body><div class='post'>{STORY}</div><div class='comments'><h3>One Comment</h3>"
            f"<ol id='comments' class='commentlist'><li id='comment-4711' class='comment alt c1'>"
            f"<div class='comment-author vcard'><span class='fn'>Ann</span> wrote:</div>"
            f"<p>About time the pier was fixed before the storms.</p>"
            f"<div class='comment-meta'><span class='comment-datetime'>Friday, March 2, 2012 at 7:28 pm</span>"
            f" | <a href='#comment-4711'>Permalink</a></div></li></ol></div></body></html>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.text) for c in comments] == [("Ann", "About time the pier was fixed before the storms.")]


def test_a_thread_of_one_comment_keeps_it_above_its_replies():
    def entry(ident: str, name: str, words: str, replies: str = "") -> str:
        return (f"<li id='li-comment-{ident}' class='comment depth-1'><article id='comment-{ident}' class='comment'>"
                f"<footer class='comment-meta'><div class='comment-author vcard'><span class='fn'>{name}</span>"
                f" said:</div></footer><div class='comment-content'><p>{words}</p></div></article>{replies}</li>")

    replies = ("<ul class='children'>" + entry("2", "Bob", "Six weeks sounds optimistic to me, honestly.")
               + entry("3", "Cy", "The engineers have done this kind of job before.") + "</ul>")
    page = (f"<html><body><div class='post'>{STORY}</div><div id='comments'><ol class='commentlist'>"
            + entry("1", "Ann", "About time the pier was fixed before the storms came.", replies)
            + "</ol></div></body></html>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.depth) for c in comments] == [("Ann", 0), ("Bob", 1), ("Cy", 1)]
    assert comments[1].parent == comments[0].id


def test_the_same_thread_under_two_tabs_is_read_once_comment_by_comment():
    def thread(order: list) -> str:
        words = {1: "About time the pier was fixed before the storms.", 2: "Six weeks sounds optimistic to me.",
                 3: "The engineers have done this kind of job before."}
        return "".join(f"<li id='comment-{i}'><div class='author'>Reader {i}</div><p>{words[i]}</p></li>"
                       for i in order)

    page = (f"<html><body><div class='post'>{STORY}</div><div class='posts'>"
            f"<ol id='tab-newest' class='commentlist'>{thread([3, 2, 1])}</ol>"
            f"<ol id='tab-best' class='commentlist'>{thread([1, 3, 2])}</ol></div></body></html>")
    comments = parse_html_page(page).comments
    assert [c.text for c in comments] == ["The engineers have done this kind of job before.",
                                          "Six weeks sounds optimistic to me.",
                                          "About time the pier was fixed before the storms."]


def test_words_right_after_a_date_part_are_read_once():
    items = "".join(f"<div class='comment_item' id='comment_{i}'><a class='author_name'>Reader {i}</a>"
                    f"<div class='comment_body'><div class='comment_time'>{i} minutes ago</div>"
                    f"Words of comment {i} about the pier.</div></div>" for i in range(1, 3))
    page = f"<html><body><div class='post'>{STORY}</div><div class='comments'>{items}</div></body></html>"
    assert [c.text for c in parse_html_page(page).comments] == ["Words of comment 1 about the pier.",
                                                                "Words of comment 2 about the pier."]


def test_flat_comments_with_footer_bylines_below_the_story_byline_and_a_heading():
    comments = "".join(f"<a id='c{i}'></a><p>{words}</p><p class='posted'>Posted by: {name} | Mar {i}, 2007 10:1{i} PM</p>"
                       for i, (name, words) in enumerate([("Ann", "About time the pier was fixed."),
                                                          ("Bob", "Six weeks sounds optimistic to me."),
                                                          ("Cy", "The engineers have done this before.")], 1))
    page = (f"<html><body><div class='content'><h3>Pier repairs</h3>{STORY}"
            f"<p class='posted'>Posted by Kim on March 1, 2007 | Permalink</p>"
            f"<h2>TrackBack</h2><p>Links to weblogs that reference this post:</p>"
            f"<p>Harbour news roundup from the Leith weblog, with a long summary of this story.</p>"
            f"<h2>Comments</h2>{comments}</div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Ann", "About time the pier was fixed."), ("Bob", "Six weeks sounds optimistic to me."),
        ("Cy", "The engineers have done this before.")]


def test_tumblr_notes_with_words_are_comments_and_likes_are_not():
    def note(kind: str, name: str, extra: str = "") -> str:
        return (f"<li class='note {kind} tumblelog_{name}'><a href='/{name}'><img class='avatar' src='a.png'></a>"
                f"<span class='action'><a class='tumblelog' href='/{name}'>{name}</a> {extra}</span></li>")

    notes = (note("like without_commentary", "ann", "liked this")
             + note("reblog without_commentary", "bob", "reblogged this from harbour")
             + note("reblog with_commentary", "cy", "reblogged this from harbour and added:").replace(
                 "</span></li>", "</span><blockquote>The old pier deserves every penny of it.</blockquote></li>")
             + note("reply without_commentary", "dee",
                    "said: <span class='answer_content'>Six weeks sounds optimistic to me.</span>"))
    page = f"<html><body><div class='post'>{STORY}<ol class='notes'>{notes}</ol></div></body></html>"
    thread = parse_html_page(page)
    assert [c.text for c in thread.comments] == ["The old pier deserves every penny of it.",
                                                 "Six weeks sounds optimistic to me."]
    assert "every penny" not in thread.article


def test_a_call_to_write_a_comment_in_the_list_is_not_a_comment():
    page = (f"<html><body><div class='post'>{STORY}</div><div class='comments'><ul class='comment-list'>"
            f"<li class='comment' id='comment-1001'><span class='user'>Ann</span>"
            f"<p>About time the pier was fixed before the storms.</p></li>"
            f"<li class='comment'>Post a comment</li></ul></div></body></html>")
    assert [c.text for c in parse_html_page(page).comments] == ["About time the pier was fixed before the storms."]


def test_drupal_login_or_register_links_under_each_comment_are_controls():
    items = "".join(f"<div class='comment' id='comment-{i}'><span class='submitted'>Submitted by Reader {i}</span>"
                    f"<div class='content'><p>Words of comment {i} about the pier.</p></div>"
                    f"<ul class='links'><li class='comment_forbidden'><span>Login or register to post comments</span>"
                    f"</li></ul></div>" for i in range(1, 3))
    page = f"<html><body><div class='node'>{STORY}</div><div id='comments'>{items}</div></body></html>"
    assert [c.text for c in parse_html_page(page).comments] == ["Words of comment 1 about the pier.",
                                                                "Words of comment 2 about the pier."]


def test_a_lone_typepad_comment_keeps_its_footer_byline():
    page = (f"<html><body><div class='post'>{STORY}</div><div class='comments' id='all-comments'>"
            f"<div class='comments-content'><div class='comment comment-odd' id='comment-6a00e5ab12cd'>"
            f"<div class='comment-avatar'><img src='a.png' alt=''></div>"
            f"<div class='comment-content' id='comment-6a00e5ab12cd-content'><p>About time the pier was fixed "
            f"before the storms came in.</p></div><p class='comment-footer'>Posted by: <a href='/ann'>Ann</a> | "
            f"<a href='#c'>September 26, 2012 at 03:49 PM</a></p></div></div></div></body></html>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.text) for c in comments] == [("Ann", "About time the pier was fixed before the storms came in.")]
    assert "Posted by: Ann" in comments[0].block


def test_words_that_open_like_a_byline_but_name_no_date_stay_words():
    items = "".join(f"<li class='comment' id='comment-{i}'><div class='comment-author'>Reader {i}</div>"
                    f"<div class='comment-body'><p>{words}</p></div></li>"
                    for i, words in enumerate(["Written by the mayor? Tell her at the next council meeting.",
                                               "Posted by: Bob | March 4, 2012 at 1:00 pm"], 1))
    page = f"<html><body><div class='post'>{STORY}</div><ol class='commentlist'>{items}</ol></body></html>"
    comments = parse_html_page(page).comments
    assert [c.text for c in comments] == ["Written by the mayor? Tell her at the next council meeting."]


def test_the_author_of_a_said_line_with_the_date_in_it_is_the_name_alone():
    items = "".join(f"<li class='comment' id='li-comment-{i}'><article id='comment-{i}' class='comment'>"
                    f"<footer class='comment-meta'><div class='comment-author vcard'><span class='fn'>{name}</span>"
                    f" on <a href='#'><time datetime='2012-09-0{i}T20:06:21'>September {i}, 2012 at 8:06 pm</time></a>"
                    f" <span class='says'>said:</span></div></footer><div class='comment-content'><p>{words}</p></div>"
                    f"</article></li>"
                    for i, name, words in [(1, "Ann Lee", "About time the pier was fixed."),
                                           (2, "Bob", "Six weeks sounds optimistic to me.")])
    page = f"<html><body><div class='post'>{STORY}</div><ol class='commentlist'>{items}</ol></body></html>"
    comments = parse_html_page(page).comments
    assert [(c.author, c.published[:10]) for c in comments] == [("Ann Lee", "2012-09-01"), ("Bob", "2012-09-02")]


def test_a_short_lone_comment_under_a_long_section_header_is_read_without_the_header():
    page = (f"<html><body><div class='post'>{STORY}</div><div class='comments'>"
            f"<h4><span id='comments'>1</span> Response to &ldquo;The harbour board agrees to repair the old pier&rdquo;</h4>"
            f"<div class='metalinks'><span><a href='/feed'>Feed for this Entry</a></span> "
            f"<span><a href='/tb'>Trackback Address</a></span></div><hr>"
            f"<ol id='commentlist'><li id='comment-88' class='comment alt'><span class='commentauthor'>Ann</span>"
            f"<div class='comment-meta'><a href='#comment-88'>Mar 26th, 2010 at 6:36 am</a></div>"
            f"<div class='comment-content'><p>Good news.</p></div></li></ol></div>"
            f"<div id='commentformbox' class='comments'><h4 id='respond'>Leave a Reply</h4></div></body></html>")
    comments = parse_html_page(page).comments
    assert [c.text for c in comments] == ["Good news."]


def test_the_says_after_an_author_name_is_not_part_of_the_words():
    items = "".join(f"<li class='comment' id='comment-{i}'><cite class='fn'>Reader {i}</cite> says:"
                    f"<p>Words of comment {i} about the pier.</p></li>" for i in range(1, 3))
    page = f"<html><body><div class='post'>{STORY}</div><ol class='commentlist'>{items}</ol></body></html>"
    assert [(c.author, c.text) for c in parse_html_page(page).comments] == [
        ("Reader 1", "Words of comment 1 about the pier."), ("Reader 2", "Words of comment 2 about the pier.")]
