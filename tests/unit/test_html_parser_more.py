"""More unit tests for the HTML page parser: comment layouts of old templates, controls and names, on hand-written pages."""

from __future__ import annotations

from moderation.parsing.html import parse_html_page

STORY = ("<p>The county library will open on Sundays from March, the council said on Tuesday. "
         "Staff will rotate so that no branch is left without a librarian on weekdays.</p>")


def test_a_lone_comment_named_link_is_a_control_not_a_comment():
    page = (f"<html><body><div class='story'>{STORY}</div><ul class='tools'>"
            f"<li class='tools-print'><a href='/print'>Print this page</a></li>"
            f"<li class='tools-comment'><a href='/tips'>Send us your news tips today</a></li>"
            f"</ul></body></html>")
    assert parse_html_page(page).comments == []


def _wrapped(ident: str, name: str, words: str) -> str:
    # each comment opens with an <a> that is never closed, as some old templates write it
    return (f"<a><div class='one_comment' id='cmt{ident}'><a name='comment-{ident}'></a>"
            f"<p class='who'>By {name}</p><p class='who'>Mar 3, 2008 9:1{ident} AM</p>"
            f"<p>{words}</p></div>")


def test_comments_each_wrapped_in_an_unclosed_link_are_read_one_by_one():
    page = (f"<html><body><div class='story'>{STORY}</div><div class='comments'><h5>Comments</h5>"
            f"<p>Please keep your comments civil and on the topic of the story above, thank you all.</p>"
            f"<div class='comment_entries'>"
            f"{_wrapped('1', 'Ann', 'Sunday hours are long overdue here.')}"
            f"{_wrapped('2', 'Bob', 'Will the reading room be open too?')}"
            f"{_wrapped('3', 'Kim', 'Good news for students before exams.')}"
            f"</div></div></body></html>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.text) for c in comments] == [
        ("Ann", "Sunday hours are long overdue here."),
        ("Bob", "Will the reading room be open too?"),
        ("Kim", "Good news for students before exams."),
    ]
    assert comments[0].published == "2008-03-03T09:11:00"


def test_a_first_line_that_only_starts_with_by_stays_in_the_comment():
    def comment(ident: str, first: str) -> str:
        return (f"<li class='comment' id='comment-{ident}'><p>{first}</p><p>More words follow here.</p>"
                f"<p>And a last line.</p></li>")

    page = (f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>"
            f"{comment('1', 'By far the best news this year, I think.')}{comment('2', 'By the way, thanks')}"
            f"</ol></body></html>")
    texts = [c.text.split("\n")[0] for c in parse_html_page(page).comments]
    assert texts == ["By far the best news this year, I think.", "By the way, thanks"]


def _comments_with_authors(boxes: list[str]) -> list:
    items = "".join(f"<li class='comment' id='comment-{i}'><div class='comment-author'>{box}</div>"
                    f"<div class='comment-body'><p>Opening on Sundays will help families a lot.</p></div></li>"
                    for i, box in enumerate(boxes, start=1))
    page = f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>{items}</ol></body></html>"
    return parse_html_page(page).comments


def test_an_author_box_with_a_badge_a_motto_and_a_fan_count_gives_the_name():
    comments = _comments_with_authors([
        "\n<div>SITE SUPER USER</div>\n<a href='/u/kay'>readerkay</a>\n<div class='bio'>books first</div>\n"
        "<div class='fans'>\n<a>63 Fans</a>\n</div>\n",
        "\n<a href='/u/ola'>Ola Berg</a>\n<div><a>Follow</a></div>\n",
    ])
    assert [c.author for c in comments] == ["readerkay", "Ola Berg"]


def test_a_name_glued_to_its_says_and_a_user_number_with_writes_are_cleaned():
    comments = _comments_with_authors(["<cite>Lena</cite><span>sagt:</span>",
                                       "<cite>khan (1285) writes: &lt;khan at example&gt;</cite>",
                                       "<cite>Parks Staff</cite>"])
    assert [c.author for c in comments] == ["Lena", "khan", "Parks Staff"]


def test_a_date_written_before_the_name_is_the_comment_date_not_part_of_the_name():
    comments = _comments_with_authors(["<p class='info'>On March 2, 2012 at 9:15am, <cite>Dana @ Home Bakes</cite> said...</p>",
                                       "<span class='date'>16. Jul, 2012 / </span><span class='name'>Mandy says: </span>"])
    assert [c.author for c in comments] == ["Dana @ Home Bakes", "Mandy"]
    assert comments[0].published == "2012-03-02T09:15:00"


def test_a_single_comment_under_one_answer_is_read_with_the_comments_under_the_others():
    def post(ident: str, words: str, comments: list[str]) -> str:
        items = "".join(f"<li id='comment-{ident}{i}' class='comment'><span class='comment-copy'>{c}</span>"
                        f"<div class='inline'>&ndash;&nbsp;<a class='comment-user'>user{i}</a></div></li>" for i, c in enumerate(comments))
        return (f"<div class='answer' id='answer-{ident}'><div class='post-text'><p>{words}</p></div>"
                f"<div class='comments' id='comments-{ident}'><ul class='comments-list'>{items}</ul></div></div>")

    page = (f"<html><body><div class='question'>{STORY}</div><div id='answers'>"
            f"{post('1', 'The branches will share staff across the week.', ['Is that confirmed?', 'It is in the minutes.'])}"
            f"{post('2', 'Sunday opening was tried once before, in 2009.', ['It ended after a year, sadly.'])}"
            f"</div></body></html>")
    texts = sorted(c.text for c in parse_html_page(page).comments)
    assert texts == ["Is that confirmed?", "It ended after a year, sadly.", "It is in the minutes."]


def test_comment_navigation_beside_the_list_is_not_taken_for_the_comments():
    nav = ("<div class='commentnav'><a href='?cpage=1'>Older comments</a> <a href='?cpage=3'>Newer comments</a>"
           " <span>Page two of three</span></div>")
    items = "".join(f"<li class='comment' id='comment-{i}'><cite class='fn'>Reader {i}</cite>"
                    f"<p>Comment number {i} about the Sunday opening hours.</p></li>" for i in range(1, 4))
    page = (f"<html><body><div class='story'>{STORY}</div><div class='entry-comments'>{nav}"
            f"<ol class='commentlist'>{items}</ol>{nav}</div></body></html>")
    comments = parse_html_page(page).comments
    assert [c.author for c in comments] == ["Reader 1", "Reader 2", "Reader 3"]


def test_the_named_parts_of_a_single_comment_are_one_comment_and_its_controls_are_left_out():
    page = (f"<html><body><div class='story'>{STORY}</div><section class='comments_container'>"
            f"<div class='comment-list'><article class='comment'>"
            f"<div class='comment-author'>lecteur78</div>"
            f"<div class='comment-story description'><p>Enfin une bonne nouvelle pour les familles du quartier.</p></div>"
            f"<div class='comment-select'><p>Voir les autres commentaires de ce lecteur ici</p></div>"
            f"<div class='comment-alert'>Alerter</div></article></div></section></body></html>")
    comments = parse_html_page(page).comments
    assert len(comments) == 1
    assert "Alerter" not in comments[0].text
    assert comments[0].text.startswith("Enfin une bonne nouvelle")


def test_report_and_rating_controls_under_each_comment_are_not_its_words():
    items = "".join(f"<li class='comment' id='comment-{i}'><cite class='fn'>Reader {i}</cite>"
                    f"<p>Opening hours matter to commuters, point {i}.</p><p>Rate This: 0 0</p>"
                    f"<p>Quote | Report this post</p></li>" for i in range(1, 3))
    page = f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>{items}</ol></body></html>"
    assert [c.text for c in parse_html_page(page).comments] == [
        "Opening hours matter to commuters, point 1.", "Opening hours matter to commuters, point 2."]


def test_the_comment_forms_title_and_privacy_note_inside_the_story_are_not_article():
    page = (f"<html><body><article class='post'><div class='entry-content'>{STORY}{STORY}</div>"
            f"<div id='respond' class='comment-respond'><h3 id='reply-title' class='comment-reply-title'>Leave your view"
            f"</h3><p class='akismet_comment_form_privacy_notice'>This site checks every note for spam before it shows.</p>"
            f"</div></article></body></html>")
    article = parse_html_page(page).article
    assert "county library" in article
    assert "Leave your view" not in article and "checks every note" not in article


def test_german_and_french_comment_dates_and_byline_leftovers():
    def comment(ident: str, name: str, date: str, words: str) -> str:
        return (f"<li class='comment' id='comment-{ident}'><div class='comment-meta'>Kommentar von "
                f"<span class='author'>{name}</span></div><p>am</p><span class='date'>{date}</span>"
                f"<p>Gast</p><p>{words}</p></li>")

    page = (f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>"
            f"{comment('1', 'Mareike', '8. Dezember 2010 um 10:56', 'Eine gute Nachricht für die Stadt.')}"
            f"{comment('2', 'Julie', '12 juin 2019 à 14:05', 'Enfin ouvert le dimanche, merci.')}"
            f"</ol></body></html>")
    comments = parse_html_page(page).comments
    assert [(c.author, c.published[:10], c.text) for c in comments] == [
        ("Mareike", "2010-12-08", "Eine gute Nachricht für die Stadt."),
        ("Julie", "2019-06-12", "Enfin ouvert le dimanche, merci."),
    ]


def test_a_scored_subject_line_and_provider_badges_are_not_the_comments_words():
    def comment(ident: str, subject: str, words: str) -> str:
        return (f"<li class='comment' id='comment-{ident}'><h4>{subject}</h4><cite class='fn'>reader{ident}</cite>"
                f"<p>Facebook</p><p>{words}</p><p>Parent</p><p>Like or Dislike: 2 0</p></li>")

    page = (f"<html><body><div class='story'>{STORY}</div><ol class='commentlist'>"
            f"{comment('1', 'Sunday at last (Score:5, Insightful)', 'Long overdue for a town this size.')}"
            f"{comment('2', 'Re:Sunday at last (Score:2)', 'Agreed, and the cafe should open too.')}"
            f"<li class='comment' id='comment-3'><p>Advertisement</p></li>"
            f"</ol></body></html>")
    assert [c.text for c in parse_html_page(page).comments] == [
        "Long overdue for a town this size.", "Agreed, and the cafe should open too."]


def test_a_count_header_read_with_the_first_comment_and_a_form_link_with_its_policy_are_not_comments():
    page = (f"<html><body><div class='story'>{STORY}</div><ul class='comments'>"
            f"<li class='comment' id='c101'><h3>Comments (1)</h3><p class='byline'>By Ann | 01/16/08 11:11AM</p>"
            f"<p>The Sunday hours will help students most of all.</p></li>"
            f"<li class='comment' id='comments-open'><a href='#form'>Post a comment</a> (<a href='/policy'>Comment Policy</a>)"
            f"</li></ul></body></html>")
    assert [c.text for c in parse_html_page(page).comments] == ["The Sunday hours will help students most of all."]


def test_controls_under_comments_read_from_one_block_of_text_are_left_out():
    people = [("Ann", "The Sunday hours will help students most of all, I think."),
              ("Bob", "Our branch needs more staff before it opens longer hours."),
              ("Kim", "Good news, but what about the holiday weekends this year?")]
    block = "".join(f"<font size=2><b>Posted by: {name} | January {i}, 2008 10:1{i} PM</b><br>{words}<br>"
                    f"3 agree | 1 disagree<br></font><br><hr>" for i, (name, words) in enumerate(people, start=1))
    page = (f"<html><body><div class='story'>{STORY}</div><div id='comments'><h3>Reader comments</h3>{block}"
            f"</div></body></html>")
    assert [(c.author, c.text) for c in parse_html_page(page).comments] == people


def _german_page(lang: str, lines: list[str]) -> str:
    items = "".join(f"<li class='comment' id='comment-{i}'><div class='comment-meta'>{line}</div>"
                    f"<div class='comment-content'><p>Danke für den Beitrag, sehr hilfreich.</p></div></li>"
                    for i, line in enumerate(lines, start=1))
    return (f"<html lang='{lang}'><body><div class='story'>{STORY}</div><ol class='commentlist'>{items}</ol>"
            f"</body></html>")


def test_numeric_comment_dates_are_day_first_on_pages_in_languages_that_write_them_so():
    german = parse_html_page(_german_page("de-DE", ["12.04.2020 17:02", "04.11.2020 22:26"])).comments
    english = parse_html_page(_german_page("en-US", ["11.05.2012 5:02 pm", "11.06.2012 6:52 pm"])).comments
    assert [c.published[:10] for c in german] == ["2020-04-12", "2020-11-04"]
    assert [c.published[:10] for c in english] == ["2012-11-05", "2012-11-06"]


def test_names_beside_german_and_french_dates_with_weekdays_and_on_words():
    lines = ["Heidemarie H. | Di, 21. April 2020 - 16:40", "Georg N. am 10.4.2020", "Ben 19. Juni 2018 um 15:28 Uhr",
             "Anne Roux Le 11 septembre 2018 à 10:57", "BY KEVJOHN AT 01/09/08 10:54 AM"]
    comments = parse_html_page(_german_page("de", lines)).comments
    assert [c.author for c in comments] == ["Heidemarie H", "Georg N", "Ben", "Anne Roux", "KEVJOHN"]
    assert comments[0].published[:10] == "2020-04-21"


def test_a_print_ready_wrapper_around_the_story_is_not_page_chrome():
    other = ("<p>Members can trade shares in players and teams here, and every trade is listed with its price, "
             "the time it was made and the member who made it, for anyone to follow along.</p>") * 4
    page = (f"<html><body><div class='members'>{other}</div><div id='printReady'><h2>Library news</h2>"
            f"<div id='articleBody'>{STORY * 2}</div></div>"
            f"<div class='print-link'><a href='?print=1'>Print this story</a></div></body></html>")
    article = parse_html_page(page).article
    assert "county library will open on Sundays" in article
    assert "trade shares" not in article and "Print this story" not in article


def test_a_comment_header_in_a_box_of_its_own_before_the_list_is_not_article():
    items = "".join(f"<li class='comment' id='comment-{i}'><cite class='fn'>Reader {i}</cite>"
                    f"<p>Comment number {i} about the Sunday opening hours.</p></li>" for i in range(1, 3))
    page = (f"<html><body><div class='column'>{STORY * 5}"
            f"<div id='comments' class='commentsSection'><h2><a href='/forum/t/1'>Forty-two readers replied</a></h2></div>"
            f"<ol class='commentlist'>{items}</ol></div></body></html>")
    thread = parse_html_page(page)
    assert len(thread.comments) == 2
    assert "Forty-two readers replied" not in thread.article


def test_a_write_a_new_comment_box_is_the_form_not_a_comment():
    page = (f"<html><body><div class='story'>{STORY}</div>"
            f"<div class='comments'><ol class='comment-list'>"
            f"<li class='comment' id='comment-1'><cite class='fn'>Rui</cite><p>Finally, Sundays for studying.</p></li>"
            f"</ol><div class='comment-new'><h4>Write a new comment</h4></div></div></body></html>")
    assert [c.text for c in parse_html_page(page).comments] == ["Finally, Sundays for studying."]
    quiet = (f"<html><body><div class='story'>{STORY}</div>"
             f"<div class='comments'><div class='comment-new'><h4>Write a new comment</h4></div></div></body></html>")
    assert parse_html_page(quiet).comments == []
