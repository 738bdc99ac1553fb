"""Unit tests for how the HTML page parser picks the article, on small hand-written pages."""

from __future__ import annotations

from moderation.parsing.html import parse_html_page

STORY = ("<p>The harbour board agreed on Monday to repair the old stone pier before the winter storms. "
         "Engineers say the work will take six weeks and cost less than first feared.</p>"
         "<p>Fishing crews welcomed the plan but asked for the slipway to stay open while it goes on.</p>")

COMMENT_WORDS = ("I walked along that pier every summer as a child and it was already crumbling then, "
                 "so this repair is long overdue. Good news for the town and for the crews.")


def _comments(n: int) -> str:
    return "".join(f'<div class="comment" id="comment-{i}"><span class="author">Reader {i}</span>'
                   f"<p>{COMMENT_WORDS} Number {i}.</p></div>" for i in range(1, n + 1))


def test_comments_beside_the_story_in_one_column_leave_the_story_in_the_article():
    page = (f'<html><body><div id="navigation"><a href="/">Home</a></div><div class="column">'
            f"<h1>Pier repairs</h1>{STORY}{_comments(3)}</div></body></html>")
    thread = parse_html_page(page)
    assert len(thread.comments) == 3
    assert "six weeks" in thread.article
    assert "crumbling" not in thread.article


def test_a_long_comment_is_never_taken_for_the_article():
    long_comment = "<p>" + COMMENT_WORDS * 4 + "</p>"
    page = (f"<html><body><div class='main'><div class='story'>{STORY}</div>"
            f"<div id='comments'><div class='comment' id='comment-1'><b class='author'>Ann</b>{long_comment}</div>"
            f"<div class='comment' id='comment-2'><b class='author'>Bob</b><p>Agreed.</p></div></div>"
            f"</div></body></html>")
    thread = parse_html_page(page)
    assert "six weeks" in thread.article
    assert "crumbling" not in thread.article


def test_a_nav_left_unclosed_that_swallows_the_page_is_not_chrome():
    # the <nav> is never closed, so the browser (and lxml) put the whole post inside it; the post is
    # in two boxes, so only its named body holds all of it
    page = (f"<html><body><nav class='navbar'><a href='/'>Home</a><a href='/news'>News</a>"
            f"<div class='container'><div class='entry-content'><div class='box'><p>Settings you can change.</p>"
            f"</div><div class='box'>{STORY}</div></div></div></body></html>")
    article = parse_html_page(page).article
    assert "Settings you can change." in article
    assert "six weeks" in article


def test_post_category_classes_on_an_article_are_not_chrome():
    page = (f"<html><body><div class='top-menu'><a href='/'>Home</a></div>"
            f"<article class='post category-newsletter tag-social'><h1>Pier repairs</h1>"
            f"<div class='box'><p>Settings you can change.</p></div><div class='box'>{STORY * 3}</div>"
            f"</article><div id='comments'>{_comments(6)}</div></body></html>")
    article = parse_html_page(page).article
    assert "Settings you can change." in article
    assert "six weeks" in article


def test_a_header_inside_the_article_is_kept_and_the_page_header_is_not():
    page = (f"<html><body><div class='site-header'>Harbour Times | Subscribe | Log in</div>"
            f"<article class='post'><header class='entry-header'><h1>Pier repairs</h1>"
            f"<p class='standfirst'>Work starts before the storms arrive.</p></header>"
            f"<div class='entry-content'>{STORY}</div></article></body></html>")
    article = parse_html_page(page).article
    assert "Work starts before the storms arrive." in article
    assert "Subscribe" not in article


def test_an_opinion_piece_named_commentary_is_the_article_not_a_comment_section():
    paragraphs = "".join(f"<div class='para'>{COMMENT_WORDS} Part {i}.</div>" for i in range(3))
    page = (f"<html><body><div class='page commentary'><h1>Why the pier matters</h1>"
            f"<div class='rack'>{STORY}</div><div class='rack'>{paragraphs}</div></div></body></html>")
    thread = parse_html_page(page)
    assert thread.comments == []
    assert "six weeks" in thread.article


def test_a_story_in_sibling_article_boxes_is_read_whole():
    method = "<p>" + "Stir the butter into the flour and rest the dough for an hour in the cold. " * 10 + "</p>"
    page = (f"<html><body><main><article class='box'><h1>Shortcrust</h1><p>The flakiest base you will make.</p>"
            f"</article><article class='box'><table class='ingredients table-header'><tr><td>200 g flour</td>"
            f"</tr><tr><td>100 g butter</td></tr></table></article><article class='box'>{method}</article>"
            f"</main></body></html>")
    article = parse_html_page(page).article
    assert article.index("The flakiest base") < article.index("200 g flour") < article.index("Stir the butter")


def test_a_question_and_its_answers_named_as_one_body_are_all_the_article():
    answer = "<p>" + "You can say it either way, but the first sounds more natural in speech. " * 4 + "</p>"
    page = (f"<html><body><div class='question'><div class='post-body'>{STORY}</div></div>"
            f"<div class='answers'><div class='answer'><div class='post-body'>{answer}</div></div>"
            f"<div class='answer'><div class='post-body'>{answer.replace('first', 'second')}</div></div></div>"
            f"<div class='footer-links'><div class='post-body'>Contact us.</div></div></body></html>")
    article = parse_html_page(page).article
    assert "six weeks" in article
    assert "the first sounds" in article and "the second sounds" in article
    assert "Contact us." not in article


def test_a_story_in_br_separated_lines_beside_a_heading_and_a_table_is_found():
    lines = "<br><br>".join(["The harbour board agreed on Monday to repair the old stone pier before the storms.",
                             "Engineers say the work will take six weeks and cost less than first feared.",
                             "Fishing crews welcomed the plan but asked for the slipway to stay open."] * 3)
    site_map = " | ".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(40))
    page = (f"<html><body><div class='story'><h1>Pier repairs</h1><div class='credit'>By A. Writer</div>"
            f"{lines}<table><tr><td>Photo: the pier</td></tr></table></div>"
            f"<div class='bottom'><div class='wrap'><b>SITE MAP</b> {site_map}</div></div></body></html>")
    article = parse_html_page(page).article
    assert "six weeks" in article
    assert "Section 12" not in article


def test_a_story_in_divs_without_paragraph_tags_is_read_whole():
    sentence = "Cut the board against the fence and keep both hands clear of the blade at all times. "
    modules = "".join(f"<div class='module'>{sentence * 3}<b>Step {i}.</b></div>" for i in range(4))
    about = "<p>We publish woodworking tips every week, written by our readers and our editors since 1999.</p>" * 7
    page = (f"<html><body><div class='menu'><a href='/'>Home</a> <a href='/tips'>Tips</a></div>"
            f"<div class='content'><h1>Safe cuts</h1>{modules}</div><div class='about'>{about}</div></body></html>")
    article = parse_html_page(page).article
    assert all(f"Step {i}." in article for i in range(4))
    assert "since 1999" not in article


def test_a_lead_box_beside_the_story_body_opens_the_article():
    page = (f"<html><body><div class='mod_article'><div class='ce_intro'><p>Piers do not last for ever.</p></div>"
            f"<div class='ce_text'>{STORY * 3}</div><div class='ce_links'><a href='/a'>More</a></div>"
            f"</div><div class='about'><p>{COMMENT_WORDS}</p></div></body></html>")
    article = parse_html_page(page).article
    assert article.startswith("Piers do not last for ever.")
    assert "More" not in article


def test_a_story_set_in_many_small_boxes_is_gathered_at_the_box_holding_them():
    sentence = "The old pier gets new stones, new rails and a fresh coat of paint before the storms. "
    sections = "".join(f"<div class='section'><div class='body'><div class='text'>{sentence}Part {i}.</div>"
                       f"</div></div>" for i in range(24))
    # long enough to be taken as it is, without a second opinion from trafilatura
    about = "<p>" + "Our harbour magazine has told stories of the coast for forty years. " * 9 + "</p>"
    page = (f"<html><body><main><div class='story'>{sections}</div><div class='about'>{about}</div></main>"
            f"</body></html>")
    article = parse_html_page(page).article
    assert all(f"Part {i}." in article for i in range(24))
    assert "forty years" not in article
