"""Unit tests for the commenter names the plain-text parser reads from meta lines."""

from __future__ import annotations

from moderation.parsing.text import parse_text_page

_STORY = "\n".join([
    "Library extends its opening hours",
    "by Tom Ashdown on March 2, 2013",
    "The town library will open until eight in the evening on weekdays from April, the council said, "
    "after a survey showed that most readers cannot come before six.",
])


def test_forum_user_number_after_the_name_is_not_part_of_it():
    page = "\n".join([
        _STORY,
        "3 Comments",
        "Late opening at last (Score:4)",
        "by night_reader (193892) writes:",
        "I have waited years for this. Most of us work until six, so the old hours never worked.",
        "Re: Late opening at last (Score:2)",
        "by Greta Holm (5327) writes:",
        "Same here. I hope they keep the reading room open as well, not only the lending desk.",
        "Re: Late opening at last (Score:1)",
        "by pk (88121) writes:",
        "Will the cafe stay open too? That would make it a proper evening out.",
    ])
    authors = [comment.author for comment in parse_text_page(page).comments]
    assert authors == ["night_reader", "Greta Holm", "pk"]


def test_name_after_a_date_and_a_comma_loses_the_comma():
    page = "\n".join([
        _STORY,
        "2 Comments",
        "On March 2, 2013 at 9:14am, Priya said...",
        "Finally a library for people who work office hours.",
        "On March 2, 2013 at 10:03am, Olek said...",
        "Good news, though I would rather have Sunday afternoons.",
    ])
    authors = [comment.author for comment in parse_text_page(page).comments]
    assert authors == ["Priya", "Olek"]


def test_comment_ending_in_a_smiley_after_its_full_stop_opens_a_comment():
    page = "\n".join([
        _STORY,
        "Please keep your comments civil and sign them with your full name.",
        "http://example.org/readers/jmoreau Jules Moreau",
        "Great news, see you there! :D",
        "http://example.org/readers/akim Ana Kim",
        "This assumes the heating works in the evening, which it never did.",
        "blog comments powered by Disqus",
    ])
    thread = parse_text_page(page)
    assert [comment.author for comment in thread.comments] == ["Jules Moreau", "Ana Kim"]
    assert thread.comments[0].text == "Great news, see you there! :D"


def test_added_before_a_relative_date_is_no_name_and_the_name_above_signs():
    box = "Please sign up (or log in) to add a comment!"
    page = "\n".join([
        _STORY,
        "Showing",
        "5 comments",
        "Add Comment",
        "Please sign up (or log in) to comment on a story!",
        "bookworm_ida",
        "added 2 days ago",
        "Reply",
        "Finally! I can bring the children after school now.",
        box,
        "Head librarian of the town library.",
        "added 2 days ago",
        "Reply",
        "Thank you, we hope to see you both soon.",
        box,
        "pagesmith",
        "added about 9 hours ago",
        "Reply",
        "Will the reading room stay open too, or only the lending desk?",
        box,
        "nightowl",
        "added 3 hours ago",
        "Reply",
        "Eight is still early for shift workers, but it is a start.",
        box,
        "Add Comment",
    ])
    comments = parse_text_page(page).comments
    assert [c.author for c in comments] == ["bookworm_ida", None, "pagesmith", "nightowl"]
    assert comments[-1].text == "Eight is still early for shift workers, but it is a start."
    assert all("sign up" not in c.text.lower() for c in comments)


def test_subject_and_score_lines_head_the_comment_under_them():
    page = "\n".join([
        _STORY,
        "3 Comments",
        "Comments Filter:",
        "All",
        "Insightful",
        "Funny",
        "The following comments are owned by whoever posted them.",
        "About time",
        "(Score:5, Insightful)",
        "by night_reader (193892) writes:",
        "on Saturday March 2, @08:25PM (#4071)",
        "Most of us work until six, so the old hours never worked.",
        "Reply to This",
        "Re:About time",
        "(Score:4, Funny)",
        "by Greta Holm (5327) writes:",
        "on Saturday March 2, @08:40PM (#4075)",
        "And the ones who do not work were asleep by then anyway.",
        "Reply to This",
        "Re:About time",
        "(Score:1)",
        "by pk (88121) writes:",
        "on Saturday March 2, @09:02PM (#4079)",
        "Will the cafe stay open too?",
        "Reply to This",
    ])
    comments = parse_text_page(page).comments
    assert [c.author for c in comments] == ["night_reader", "Greta Holm", "pk"]
    assert [c.text for c in comments] == [
        "Most of us work until six, so the old hours never worked.",
        "And the ones who do not work were asleep by then anyway.",
        "Will the cafe stay open too?",
    ]


def test_a_name_after_the_clock_time_is_kept_whole():
    page = "\n".join([
        _STORY,
        "2 Comments",
        "on 2013-03-02 at 9:14 am Jesse Marsh",
        "Good news, the reading room was always full at lunchtime.",
        "on 2013-03-02 at 2:40 pm Ola",
        "Will the children's corner stay open late too?",
        "Leave a Reply",
    ])
    comments = parse_text_page(page).comments
    assert [c.author for c in comments] == ["Jesse Marsh", "Ola"]
    assert comments[1].published == "2013-03-02T14:40:00"


def test_a_reply_link_after_the_name_leaves_no_anchor_sign():
    page = "\n".join([
        _STORY,
        "2 Comments",
        "by Jesse Marsh on March 2, 2013 at 9:14 am. Reply #",
        "Good news, the reading room was always full at lunchtime.",
        "by Ola on March 2, 2013 at 2:40 pm. Reply #",
        "Will the children's corner stay open late too?",
        "Leave a Reply",
    ])
    assert [c.author for c in parse_text_page(page).comments] == ["Jesse Marsh", "Ola"]
