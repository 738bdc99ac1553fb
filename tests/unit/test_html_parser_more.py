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
