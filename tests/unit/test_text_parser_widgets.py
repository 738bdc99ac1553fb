"""Unit tests for the buttons and sort lines that comment widgets print around each comment."""

from __future__ import annotations

from moderation.parsing.text import parse_text_page

_STORY = (
    "Harbour ferry gets a second boat for the summer",
    "by Nell Ordway on June 4, 2013",
    "The harbour board said on Tuesday that a second ferry will join the crossing from July, "
    "after queues on the quay grew longer every weekend of May.",
    "The extra boat will run from nine in the morning until the last train has arrived, the board added.",
)


def _comments(page: str):
    return parse_text_page(page).comments


def test_a_vote_button_under_the_byline_is_no_part_of_the_comment():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "by gullwatcher on",
        "Jun 4, 2013 10:12 AM EDT",
        "up",
        "reply",
        "actions",
        "About time, the queue last Saturday reached the chip shop.",
        "by tidetable on",
        "Jun 4, 2013 11:30 AM EDT",
        "up",
        "reply",
        "actions",
        "Will the second boat take bikes as well?",
        "Leave a comment",
    ])
    comments = _comments(page)
    assert [c.text for c in comments] == [
        "About time, the queue last Saturday reached the chip shop.",
        "Will the second boat take bikes as well?",
    ]
    assert [c.author for c in comments] == ["gullwatcher", "tidetable"]


def test_a_reader_who_answers_up_keeps_the_word():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "Marit says:",
        "June 4, 2013 at 9:14 am",
        "Is the fare going up or down?",
        "Reply",
        "Oskar says:",
        "June 4, 2013 at 9:40 am",
        "up",
        "Leave a Reply",
    ])
    assert [c.text for c in _comments(page)] == ["Is the fare going up or down?", "up"]


def test_share_and_flag_menu_lines_are_buttons():
    page = "\n".join([
        *_STORY,
        "1 Comment",
        "Marit says:",
        "June 4, 2013 at 9:14 am",
        "Good news for the cafe on the quay, they lose half their trade to the queue.",
        "share",
        "flag",
        "spam",
        "offensive",
        "disagree",
        "off topic",
        "Like",
        "Leave a Reply",
    ])
    assert [c.text for c in _comments(page)] == [
        "Good news for the cafe on the quay, they lose half their trade to the queue."]


def test_sort_buttons_over_the_first_comment_are_no_comment():
    page = "\n".join([
        *_STORY,
        "Discussion",
        "2 Comments",
        "Sort By",
        "Oldest First / Newest First",
        "Subscribe",
        "Marit",
        "/ June 4, 2013 at 09:14 am",
        "Good news for the cafe on the quay.",
        "Reply",
        "Oskar",
        "/ June 4, 2013 at 10:02 am",
        "Will it stop at the island too?",
        "Reply",
        "Add a Comment",
    ])
    comments = _comments(page)
    assert [c.text for c in comments] == ["Good news for the cafe on the quay.", "Will it stop at the island too?"]
    assert comments[0].author == "Marit"


_SIGNED = (
    "Marit wrote:",
    "Good news for the cafe on the quay, they lose half their trade to the queue.",
    "Tuesday, June 4, 2013 at 9:14 am | Permalink",
    "Oskar wrote:",
    "Will it stop at the island too?",
    "Tuesday, June 4, 2013 at 10:02 am | Permalink",
)


def test_entries_under_a_trackbacks_heading_are_set_aside():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        *_SIGNED,
        "2 Trackbacks/Pingbacks",
        "Island ferries this summer « Coastline notes on Wednesday, June 5, 2013 at 8:00 am",
        "[...] the harbour board adds a second boat from July, and the island may get a stop [...]",
        "Weekend reading « Quay diaries on Thursday, June 6, 2013 at 7:30 pm",
        "[...] longer queues every weekend in May [...]",
        "Post a Comment",
        "Name",
    ])
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Marit", "Oskar"]
    assert all("[...]" not in c.text for c in thread.comments)
    assert thread.set_aside and all(c.kind == "pingback" for c in thread.set_aside)
    assert any("second boat from July" in c.text for c in thread.set_aside)


def test_a_zero_pingbacks_tab_sets_nothing_aside():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "0 Pingbacks",
        *_SIGNED,
        "Post a Comment",
        "Name",
    ])
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Marit", "Oskar"]
    assert not thread.set_aside


def test_a_follow_button_under_a_comment_is_no_part_of_it():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "Marit says:",
        "June 4, 2013 at 9:14 am",
        "Good news for the cafe on the quay.",
        "Follow @marit_sails",
        "Reply",
        "Oskar says:",
        "June 4, 2013 at 10:02 am",
        "Will it stop at the island too?",
        "Follow me on Twitter @oskar_b",
        "Reply",
        "Leave a Reply",
    ])
    assert [c.text for c in _comments(page)] == ["Good news for the cafe on the quay.", "Will it stop at the island too?"]
