"""Comment markup of current comment systems, as a browser saves the page, on hand-written pages.

The evaluation pages in ../shared are mostly from 2007-2020; these check that the templates sites
use now are read too: WordPress block themes, Drupal's Olivero theme, Blogger's threaded layout,
and comment widgets a browser saves already rendered (Isso).
"""

from __future__ import annotations

from moderation.parsing.html import parse_html_page

STORY = ("<p>The town council voted on Monday to keep the outdoor pool open until the end of September, "
         "two weeks longer than last year, after a petition signed by more than two thousand residents.</p>"
         "<p>Lifeguards will be paid from the leisure budget, which the council says has room this year.</p>")


def _wp_block(ident: int, name: str, iso: str, shown: str, words: str, depth: int = 1, replies: str = "") -> str:
    children = f"<ol class='children'>{replies}</ol>" if replies else ""
    return (f"<li id='comment-{ident}' class='comment even thread-even depth-{depth}'>"
            f"<div class='wp-block-group'><div class='wp-block-columns'><div class='wp-block-column'>"
            f"<div class='wp-block-comment-author-name'><a rel='external nofollow ugc' href='#'>{name}</a></div>"
            f"<div class='wp-block-comment-date'><time datetime='{iso}'><a href='#comment-{ident}'>{shown}</a></time></div>"
            f"<div class='wp-block-comment-content'><p>{words}</p></div>"
            f"<div class='wp-block-comment-reply-link'><a rel='nofollow' class='comment-reply-link' href='#'>Reply</a></div>"
            f"</div></div></div>{children}</li>")


def test_a_wordpress_block_theme_thread():
    reply = _wp_block(3, "Lena", "2023-07-04T09:30:00+00:00", "July 4, 2023 at 9:30 am",
                      "The lifeguards deserve the extra fortnight of pay too.", depth=2)
    page = (f"<html><head><title>Pool stays open &#8211; Town News</title></head><body>"
            f"<main><h1 class='wp-block-post-title'>Pool stays open</h1>"
            f"<div class='entry-content wp-block-post-content'>{STORY}</div>"
            f"<div class='wp-block-comments'><h2 class='wp-block-comments-title'>2 responses to &#8220;Pool stays open&#8221;</h2>"
            f"<ol class='wp-block-comment-template'>"
            f"{_wp_block(2, 'Omar', '2023-07-03T18:05:00+00:00', 'July 3, 2023 at 6:05 pm', 'Great news for families with young children.', replies=reply)}"
            f"</ol><div id='respond' class='comment-respond wp-block-post-comments-form'>"
            f"<h3 id='reply-title' class='comment-reply-title'>Leave a Reply</h3>"
            f"<form><textarea name='comment'></textarea><input type='submit' value='Post Comment'></form></div></div>"
            f"</main></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text, c.depth) for c in thread.comments] == [
        ("Omar", "2023-07-03T18:05:00+00:00", "Great news for families with young children.", 0),
        ("Lena", "2023-07-04T09:30:00+00:00", "The lifeguards deserve the extra fortnight of pay too.", 1),
    ]
    assert thread.comments[1].parent == thread.comments[0].id
    assert "two thousand residents" in thread.article and "Great news" not in thread.article


def _olivero(ident: int, name: str, shown: str, subject: str, words: str) -> str:
    return (f"<article data-comment-user-id='0' id='comment-{ident}' class='comment js-comment by-anonymous'>"
            f"<span class='hidden' data-comment-timestamp='1688400000'></span>"
            f"<div class='comment__picture-wrapper'><div class='comment__picture'><img src='a.png' alt='{name}'></div></div>"
            f"<div class='comment__text-wrapper'><footer class='comment__meta'>"
            f"<p class='comment__author'><span>{name}</span></p><p class='comment__time'>{shown}</p></footer>"
            f"<div class='comment__content'><h3><a href='/comment/{ident}' rel='bookmark'>{subject}</a></h3>"
            f"<div class='text-content clearfix field field--name-comment-body field--type-text-long'><p>{words}</p></div>"
            f"</div><ul class='links inline comment__links'><li class='comment-reply'><a href='#'>Reply</a></li></ul>"
            f"</div></article>")


def test_a_drupal_olivero_thread():
    page = (f"<html><head><title>Pool stays open | Town News</title></head><body>"
            f"<article class='node node--type-article'><h1 class='title page-title'>Pool stays open</h1>"
            f"<div class='node__content'><div class='text-content field--name-body'>{STORY}</div>"
            f"<section data-drupal-selector='comments' class='comments'><h2 class='comments__title'>Comments</h2>"
            f"{_olivero(11, 'Priya', 'Mon, 07/03/2023 - 18:05', 'Finally', 'About time the pool got a longer season.')}"
            f"<div class='indented'>{_olivero(12, 'Tom', 'Mon, 07/03/2023 - 19:40', 'Cost', 'Who pays for the heating, though?')}</div>"
            f"{_olivero(13, 'Ada', 'Tue, 07/04/2023 - 08:15', 'Thanks', 'Thank you to everyone who signed.')}"
            f"</section></div></article></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published) for c in thread.comments] == [
        ("Priya", "2023-07-03T18:05:00"), ("Tom", "2023-07-03T19:40:00"), ("Ada", "2023-07-04T08:15:00")]
    assert [c.text.split("\n")[-1] for c in thread.comments] == [
        "About time the pool got a longer season.", "Who pays for the heating, though?",
        "Thank you to everyone who signed."]
    assert thread.comments[1].parent == thread.comments[0].id
    assert "Reply" not in " ".join(c.text for c in thread.comments)


def _blogger(ident: str, name: str, shown: str, words: str, replies: str = "") -> str:
    thread = (f"<div class='comment-replies'><div class='comment-thread inline-thread'>"
              f"<span class='thread-toggle thread-expanded'><span class='thread-arrow'></span>"
              f"<span class='thread-count'><a target='_self'>Replies</a></span></span>"
              f"<ol class='thread-chrome thread-expanded'><div>{replies}</div></ol></div></div>") if replies else ""
    return (f"<li class='comment' id='c{ident}'><div class='avatar-image-container'><img src='b.png'></div>"
            f"<div class='comment-block'><div class='comment-header'><cite class='user'><a href='#'>{name}</a></cite>"
            f"<span class='icon user'></span><span class='datetime secondary-text'>"
            f"<a rel='nofollow' href='#c{ident}'>{shown}</a></span></div>"
            f"<p class='comment-content'>{words}</p><span class='comment-actions secondary-text'>"
            f"<a class='comment-reply' target='_self'>Reply</a><span class='item-control blog-admin pid-1'>"
            f"<a target='_self' href='#'>Delete</a></span></span></div>{thread}</li>")


def test_a_blogger_threaded_thread():
    reply = _blogger("302", "Bea", "July 4, 2023 at 9:02 AM", "Same here, the early swim is the best part of the day.")
    page = (f"<html><head><title>Town News: Pool stays open</title></head><body><div class='post hentry'>"
            f"<h3 class='post-title entry-title'>Pool stays open</h3><div class='post-body entry-content'>{STORY}</div></div>"
            f"<div class='comments threaded' id='comments'><a name='comments'></a><h4>2 comments:</h4>"
            f"<div class='comments-content'><div class='comment-thread toplevel-thread'><ol id='top-ra'>"
            f"{_blogger('301', 'Cal', 'July 3, 2023 at 7:15 PM', 'I swim there every morning before work.', reply)}"
            f"</ol></div></div></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text) for c in thread.comments] == [
        ("Cal", "2023-07-03T19:15:00", "I swim there every morning before work."),
        ("Bea", "2023-07-04T09:02:00", "Same here, the early swim is the best part of the day."),
    ]
    assert thread.comments[1].parent == thread.comments[0].id


def _isso(ident: int, name: str, iso: str, words: str, replies: str = "") -> str:
    return (f"<div class='isso-comment' id='isso-{ident}'><div class='isso-avatar'><svg></svg></div>"
            f"<div class='isso-text-wrapper'><div class='isso-comment-header' role='meta'>"
            f"<span class='isso-author'>{name}</span><span class='isso-spacer'>&bull;</span>"
            f"<a class='isso-permalink' href='#isso-{ident}'><time title='{iso}' datetime='{iso}'>3 days ago</time></a>"
            f"</div><div class='isso-text'><p>{words}</p></div><div class='isso-comment-footer'>"
            f"<a class='isso-upvote' href='#'>+</a><span class='isso-votes'>2</span>"
            f"<a class='isso-downvote' href='#'>-</a><a class='isso-reply' href='#'>Reply</a></div>"
            f"<div class='isso-follow-up'>{replies}</div></div></div>")


def test_an_isso_thread_saved_after_it_was_drawn():
    reply = _isso(8, "Noor", "2023-07-05T10:00:00Z", "It was heated last summer, so probably yes.")
    page = (f"<html><head><title>Pool stays open</title></head><body><article><h1>Pool stays open</h1>{STORY}</article>"
            f"<section id='isso-thread'><h4 class='isso-thread-heading'>2 Comments</h4>"
            f"<div class='isso-postbox'><div class='isso-form-wrapper'><div class='isso-textarea-wrapper'>"
            f"<div class='isso-textarea' contenteditable='true'>Type Comment Here (at least 3 chars)</div></div>"
            f"<input type='submit' value='Submit'></div></div>"
            f"<div id='isso-root'>{_isso(7, 'Jo', '2023-07-05T08:30:00Z', 'Will the water be heated in September?', reply)}</div>"
            f"</section></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text) for c in thread.comments] == [
        ("Jo", "2023-07-05T08:30:00+00:00", "Will the water be heated in September?"),
        ("Noor", "2023-07-05T10:00:00+00:00", "It was heated last summer, so probably yes."),
    ]
    assert thread.comments[1].parent == thread.comments[0].id


def test_a_blogger_thread_of_one_comment_inside_a_widget_with_a_comment_like_id():
    page = (f"<html><head><title>Town News: Pool stays open</title></head><body><div class='post hentry'>"
            f"<h3 class='post-title entry-title'>Pool stays open</h3><div class='post-body entry-content'>{STORY}</div></div>"
            f"<div id='top-comment'><div class='widget2' id='top-comment1'><div class='comments' id='comments'>"
            f"<div class='komhead'><h4>1 comment:</h4></div><p>Read our privacy notice before you comment.</p>"
            f"<div class='comments-content'><div class='comment-thread toplevel-thread'><ol id='top-ra'>"
            f"{_blogger('401', 'Dee', 'July 5, 2023 at 8:00 AM', 'Lovely to have the pool for two more weeks.')}"
            f"</ol></div></div></div></div></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.text) for c in thread.comments] == [("Dee", "Lovely to have the pool for two more weeks.")]


def _hn(ident: int, user: str, iso: str, indent: int, words: str) -> str:
    # a discussion site's flat table: each comment a row, its depth an indent attribute
    return (f"<tr class='athing comtr' id='{ident}'><td><table border='0'><tr>"
            f"<td class='ind' indent='{indent}'><img src='s.gif' height='1' width='{indent * 40}'></td>"
            f"<td valign='top' class='votelinks'><center><a id='up_{ident}' href='#'><div class='votearrow' title='upvote'></div></a></center></td>"
            f"<td class='default'><div style='margin-top:2px; margin-bottom:-10px;'><span class='comhead'>"
            f"<a href='user?id={user}' class='hnuser'>{user}</a> <span class='age' title='{iso}'><a href='item?id={ident}'>2 hours ago</a></span>"
            f" <span id='unv_{ident}'></span><span class='navs'> | <a href='#' class='clicky'>next</a> "
            f"<a class='togg clicky' id='{ident}' n='1' href='javascript:void(0)'>[–]</a></span></span></div><br>"
            f"<div class='comment'><span class='commtext c00'>{words}</span>"
            f"<div class='reply'><p><font size='1'><u><a href='reply?id={ident}'>reply</a></u></font></p></div></div></td>"
            f"</tr></table></td></tr>")


def test_a_discussion_table_with_indented_rows():
    rows = (_hn(101, "poolfan", "2023-07-05T08:00:00", 0, "The extra weeks are worth every penny.")
            + _hn(102, "skeptic9", "2023-07-05T08:20:00", 1, "Depends who pays for the heating.")
            + _hn(103, "lifeguard_k", "2023-07-05T09:00:00", 2, "The leisure budget covers it this year.")
            + _hn(104, "newcomer", "2023-07-05T09:30:00", 0, "Is the pool open on bank holidays?"))
    page = (f"<html><head><title>Pool stays open | Discussion</title></head><body><center><table id='hnmain'>"
            f"<tr><td><table class='fatitem'><tr class='athing' id='100'><td class='title'>"
            f"<span class='titleline'><a href='https://example.org/pool'>Pool stays open</a></span></td></tr>"
            f"<tr><td class='subtext'><span class='score'>120 points</span> by <a class='hnuser'>editor</a></td></tr></table>"
            f"<br><table border='0' class='comment-tree'>{rows}</table></td></tr></table></center></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text) for c in thread.comments] == [
        ("poolfan", "2023-07-05T08:00:00", "The extra weeks are worth every penny."),
        ("skeptic9", "2023-07-05T08:20:00", "Depends who pays for the heating."),
        ("lifeguard_k", "2023-07-05T09:00:00", "The leisure budget covers it this year."),
        ("newcomer", "2023-07-05T09:30:00", "Is the pool open on bank holidays?"),
    ]
    ids = [c.id for c in thread.comments]
    assert [(c.parent, c.depth) for c in thread.comments] == [(None, 0), (ids[0], 1), (ids[1], 2), (None, 0)]


def _old_reddit(ident: str, user: str, iso: str, words: str, children: str = "") -> str:
    return (f"<div class=' thing id-t1_{ident} noncollapsed comment ' id='thing_t1_{ident}' data-type='comment' "
            f"data-author='{user}'><p class='parent'><a name='{ident}'></a></p>"
            f"<div class='midcol unvoted'><div class='arrow up login-required' role='button' aria-label='upvote'></div></div>"
            f"<div class='entry unvoted'><p class='tagline'><a href='javascript:void(0)' class='expand'>[–]</a>"
            f"<a href='/user/{user}' class='author may-blank id-t2_x'>{user}</a>"
            f"<span class='userattrs'></span> <span class='score unvoted' title='5'>5 points</span> "
            f"<time title='Wed Jul 5 08:00:00 2023 UTC' datetime='{iso}' class='live-timestamp'>2 hours ago</time></p>"
            f"<form action='#' class='usertext warn-on-unload' id='form-t1_{ident}'><input type='hidden' name='thing_id'>"
            f"<div class='usertext-body may-blank-within md-container '><div class='md'><p>{words}</p></div></div></form>"
            f"<ul class='flat-list buttons'><li class='first'><a href='#' class='bylink'>permalink</a></li>"
            f"<li><a href='#'>embed</a></li><li><a href='#'>save</a></li><li><a href='#'>report</a></li>"
            f"<li><a href='#'>reply</a></li></ul></div>"
            f"<div class='child'>{children}</div><div class='clearleft'></div></div>")


def test_an_old_reddit_thread():
    reply = ("<div class='sitetable listing'>"
             + _old_reddit("c2", "swimmer", "2023-07-05T08:30:00+00:00", "Agreed, September is often warm.") + "</div>")
    page = (f"<html><head><title>Pool stays open : townnews</title></head><body><div class='content' role='main'>"
            f"<div class='sitetable linklisting'><div class='thing link'><p class='title'><a class='title'>Pool stays open</a></p>"
            f"<div class='expando'><div class='usertext-body'><div class='md'>{STORY}</div></div></div></div></div>"
            f"<div class='commentarea'><div class='panestack-title'><span class='title'>all 3 comments</span></div>"
            f"<div class='sitetable nestedlisting'>"
            f"{_old_reddit('c1', 'poolfan', '2023-07-05T08:00:00+00:00', 'Best council decision this year.', reply)}"
            f"{_old_reddit('c3', 'newcomer', '2023-07-05T09:00:00+00:00', 'Does it open earlier at weekends?')}"
            f"</div></div></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text) for c in thread.comments] == [
        ("poolfan", "2023-07-05T08:00:00+00:00", "Best council decision this year."),
        ("swimmer", "2023-07-05T08:30:00+00:00", "Agreed, September is often warm."),
        ("newcomer", "2023-07-05T09:00:00+00:00", "Does it open earlier at weekends?"),
    ]
    assert thread.comments[1].parent == thread.comments[0].id


def _disqus(ident: int, name: str, shown: str, words: str, children: str = "") -> str:
    # Disqus' thread as drawn in its frame, the way a page saver keeps it
    return (f"<li class='post' id='post-{ident}'><div role='alert'></div><div class='post-content' data-role='post-content'>"
            f"<div class='indicator'></div><div class='avatar hovercard'><a href='#' class='user' data-action='profile'>"
            f"<img data-role='user-avatar' src='noavatar.png' alt='Avatar'></a></div>"
            f"<div class='post-body'><header class='comment__header'><span class='post-byline'>"
            f"<span class='author publisher-anchor-color'><a href='#' data-action='profile' data-username='{name.lower()}'>{name}</a></span>"
            f"</span><span class='post-meta'><span class='bullet time-ago-bullet' aria-hidden='true'>•</span>"
            f"<a href='#comment-{ident}' data-role='relative-time' class='time-ago' title='{shown}'>2 days ago</a></span></header>"
            f"<div class='post-body-inner'><div class='post-message-container' data-role='message-container'>"
            f"<div class='publisher-anchor-color' data-role='message-content'><div class='post-message' data-role='message' dir='auto'>"
            f"<div><p>{words}</p></div></div></div></div></div>"
            f"<footer class='comment__footer'><menu class='comment-footer__menu'><li class='voting' data-role='voting'>"
            f"<a href='#' class='vote-up count-0' data-action='upvote' title='Vote up'><span class='updatable count' data-role='likes'>0</span></a>"
            f"</li><li class='bullet' aria-hidden='true'>•</li><li class='reply' data-role='reply-link'><a href='#' data-action='reply'>"
            f"<span class='text'>Reply</span></a></li></menu></footer></div></div>"
            f"<ul class='children' data-role='children'>{children}</ul></li>")


def test_a_disqus_thread_saved_drawn():
    reply = _disqus(2, "Ravi", "Wednesday, July 5, 2023 9:10 AM", "Heated, according to the council's notice.")
    thread_html = (f"<div id='disqus_thread'><div id='layout' data-tracking-area='layout'><section id='conversation'>"
                   f"<div class='nav nav-primary'><ul><li class='nav-tab nav-tab--primary tab-conversation active'>"
                   f"<a class='publisher-nav-color'><span class='comment-count'>2 comments</span></a></li></ul></div>"
                   f"<div id='posts'><ul id='post-list' class='post-list'>"
                   f"{_disqus(1, 'Mia', 'Wednesday, July 5, 2023 8:00 AM', 'Will the water be heated?', reply)}"
                   f"</ul></div></section></div></div>")
    page = (f"<html><head><title>Pool stays open</title></head><body><article><h1>Pool stays open</h1>{STORY}</article>"
            f"{thread_html}</body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.text) for c in thread.comments] == [
        ("Mia", "2023-07-05T08:00:00", "Will the water be heated?"),
        ("Ravi", "2023-07-05T09:10:00", "Heated, according to the council's notice."),
    ]
    assert thread.comments[1].parent == thread.comments[0].id


def test_a_comment_frame_kept_in_srcdoc_by_a_single_file_saver():
    import html as htmlmod

    frame = ("<html><body><div id='posts'><ul id='post-list' class='post-list'>"
             + _disqus(5, "Mia", "Wednesday, July 5, 2023 8:00 AM", "Will the water be heated?")
             + _disqus(6, "Ola", "Wednesday, July 5, 2023 10:00 AM", "Good news for the swimming club.")
             + "</ul></div><script>alert('frame')</script></body></html>")
    page = (f"<html><head><title>Pool stays open</title></head><body><article><h1>Pool stays open</h1>{STORY}</article>"
            f"<div id='disqus_thread'><iframe id='dsq-app1' srcdoc=\"{htmlmod.escape(frame)}\"></iframe></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Mia", "Will the water be heated?"), ("Ola", "Good news for the swimming club.")]
    assert "alert" not in thread.article and "Will the water" not in thread.article


def test_a_comment_frame_saved_beside_the_page_is_read_and_nothing_outside_its_folder(tmp_path):
    from moderation.parsing import parse_file

    folder = tmp_path / "saved"
    (folder / "Pool_files").mkdir(parents=True)
    frame = ("<html><body><ul id='post-list' class='post-list'>"
             + _disqus(5, "Mia", "Wednesday, July 5, 2023 8:00 AM", "Will the water be heated?")
             + _disqus(6, "Ola", "Wednesday, July 5, 2023 10:00 AM", "Good news for the swimming club.")
             + "</ul></body></html>")
    (folder / "Pool_files" / "saved_resource.html").write_text(frame, encoding="utf-8")
    outside = ("<html><body><ul class='post-list'>" + _disqus(7, "Eve", "Wednesday, July 5, 2023 11:00 AM", "Outside.")
               + _disqus(8, "Max", "Wednesday, July 5, 2023 11:30 AM", "Also outside.") + "</ul></body></html>")
    (tmp_path / "outside.html").write_text(outside, encoding="utf-8")
    page = folder / "Pool.html"
    page.write_text(
        f"<html><head><title>Pool stays open</title></head><body><article><h1>Pool stays open</h1>{STORY}</article>"
        f"<div id='disqus_thread'><iframe src='Pool_files/saved_resource.html'></iframe></div>"
        f"<iframe src='../outside.html'></iframe><iframe src='https://example.org/frame.html'></iframe></body></html>",
        encoding="utf-8")
    thread = parse_file(page)[0]
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Mia", "Will the water be heated?"), ("Ola", "Good news for the swimming club.")]


def _wpdiscuz(ident: int, name: str, day: str, words: str, replies: str = "", reply: bool = False) -> str:
    level = "wpd_comment_level-2 wpd-reply" if reply else "wpd_comment_level-1"
    return (f"<div id='wpd-comm-{ident}_0' class='wpd-comment {level}'><div class='wpd-comment-wrap wpd-blog-guest'>"
            f"<div class='wpd-comment-left'><div class='wpd-avatar'><img src='a.png'></div></div>"
            f"<div id='comment-{ident}' class='wpd-comment-right'><div class='wpd-comment-header'>"
            f"<div class='wpd-comment-author'>{name}</div><div class='wpd-space'></div>"
            f"<div class='wpd-comment-date' title='{day}'><i class='far fa-clock'></i> 3 years ago</div></div>"
            f"<div class='wpd-comment-text'><p>{words}</p></div>"
            f"<div class='wpd-comment-footer'><div class='wpd-vote'><div class='wpd-vote-up'>up</div>"
            f"<div class='wpd-vote-result' title='0'>0</div><div class='wpd-vote-down'>down</div></div>"
            f"<div class='wpd-reply-button'><span>Reply</span></div></div></div></div>{replies}</div>")


def test_a_wpdiscuz_thread_with_the_date_in_a_title_read_day_first_by_the_page_language():
    reply = _wpdiscuz(2, "Pia", "05.07.2023 09:00", "Not this year, the notice says eight.", reply=True)
    # the language is only in <head>, which the parser drops before reading the comments
    page = (f"<html><head><meta http-equiv='Content-Language' content='de_DE'><title>Pool</title></head><body><article><h1>Pool stays open</h1>{STORY}</article>"
            f"<div id='comments' class='comments-area'><div id='wpdcom' class='wpd-default wpd-layout-2'>"
            f"<div class='wpd-thread-wrapper'><div class='wpd-thread-head'><div class='wpd-thread-info'>"
            f"<span class='wpdtc'>3</span> Comments</div></div><div class='wpd-thread-list'>"
            f"{_wpdiscuz(1, 'Hanna', '05.07.2023 08:00', 'Will the pool open earlier in the morning too?', reply)}"
            f"{_wpdiscuz(3, 'Jonas', '06.07.2023 10:30', 'Great news for the swim club.')}"
            f"</div></div></div></div></body></html>")
    thread = parse_html_page(page)
    assert [(c.author, c.published, c.depth) for c in thread.comments] == [
        ("Hanna", "2023-07-05T08:00:00", 0), ("Pia", "2023-07-05T09:00:00", 1), ("Jonas", "2023-07-06T10:30:00", 0)]
    assert thread.comments[1].parent == thread.comments[0].id
