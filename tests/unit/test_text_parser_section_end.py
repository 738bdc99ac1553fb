"""Unit tests for where the plain-text parser ends a comment section."""

from __future__ import annotations

from moderation.parsing.text import parse_text_page

_STORY = (
    "Bus route 7 will stop at the new hospital",
    "by Tom Ashdown on October 3, 2012",
    "The council said on Monday that route 7 will add a stop outside the new hospital from next month, "
    "after patients and staff asked for a direct bus from the station.",
    "Buses will run every twenty minutes in the day and every hour in the evening, the council added.",
)

_COMMENTS = (
    "2 Comments",
    "Priya says:",
    "October 3, 2012 at 9:14 am",
    "Finally! I have been walking from the old stop for two years.",
    "Reply",
    "Olek says:",
    "October 3, 2012 at 11:40 am",
    "Will the evening buses run on Sundays too? Nobody at the depot could tell me.",
    "Reply",
)


def _texts(page: str) -> list[str]:
    return [comment.text for comment in parse_text_page(page).comments]


def test_link_list_under_the_last_comment_is_not_part_of_it():
    page = "\n".join([
        *_STORY, *_COMMENTS[:-1],
        "Most popular in Transport",
        "Cycle lane on the high street opens 11/02/2012",
        "Why the tram extension is late again 11/03/2012",
        "Parking fees to rise in the new year 11/05/2012",
    ])
    texts = _texts(page)
    assert len(texts) == 2
    assert texts[1] == "Will the evening buses run on Sundays too? Nobody at the depot could tell me."


def test_related_posts_heading_in_german_ends_the_section():
    page = "\n".join([
        *_STORY, *_COMMENTS[:-1],
        "Ähnliche Beiträge",
        "Neue Radwege in der Innenstadt werden im Frühjahr gebaut",
    ])
    assert _texts(page)[-1].startswith("Will the evening buses")
    assert not any("Radwege" in text for text in _texts(page))


def test_a_reader_who_mentions_popular_posts_keeps_the_words():
    page = "\n".join([
        *_STORY, *_COMMENTS[:3],
        "Most popular posts here are about buses, and rightly so: we need more of them.",
        "Reply",
        *_COMMENTS[5:],
    ])
    assert _texts(page)[0].startswith("Most popular posts here are about buses")


def test_lines_between_the_header_and_the_first_said_line_are_no_comment():
    page = "\n".join([
        *_STORY,
        "3 Comments",
        "Filed Under: Transport, Town Hall",
        "Tags: buses, hospital",
        "Night trains back on the coast line",
        "On October 3, 2012 at 9:14am, Priya said...",
        "Finally! I have been walking from the old stop for two years.",
        "On October 3, 2012 at 11:40am, Olek said...",
        "Will the evening buses run on Sundays too? Nobody at the depot could tell me.",
        "On October 4, 2012 at 8:02am, Marta said...",
        "My mother will be so pleased, she visits the clinic every week.",
    ])
    thread = parse_text_page(page)
    assert [comment.author for comment in thread.comments] == ["Priya", "Olek", "Marta"]
    assert thread.comments[0].text == "Finally! I have been walking from the old stop for two years."
    assert thread.comments[2].text.startswith("My mother")


def test_rating_numbers_before_the_first_name_do_not_make_the_list_text_first():
    comment_rows = []
    for number, name, hour, words in (
            (41, "Priya", "09:14", "Finally! I have been walking from the old stop for two years."),
            (40, "Olek", "11:40", "Will the evening buses run on Sundays too? Nobody at the depot could tell me."),
            (39, "Marta", "12:05", "My mother will be so pleased, she visits the clinic every week.")):
        comment_rows += [f"Comment number {number}.", name, f"3rd October 2012 - {hour}", words,
                         f"Report this comment (Comment number {number})", "rate this", "+5", "rate this", "+5"]
    page = "\n".join([*_STORY, "Comments", "rate this", "+12", "rate this", "+12", *comment_rows])
    signed = {comment.text: comment.author for comment in parse_text_page(page).comments if comment.author}
    assert signed == {
        "Finally! I have been walking from the old stop for two years.": "Priya",
        "Will the evening buses run on Sundays too? Nobody at the depot could tell me.": "Olek",
        "My mother will be so pleased, she visits the clinic every week.": "Marta",
    }


def test_pingbacks_listed_as_the_only_entries_are_set_aside():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "Pingback: Weekly links: hospitals, buses and the budget | Harbour Town Notes",
        "Trackback by Commuter Diary - Route 7 gets its hospital stop — October 4, 2012 @ 08:12",
        "Leave a Reply",
        "Your email address will not be published.",
    ])
    thread = parse_text_page(page)
    assert thread.comments == []
    assert [(c.kind, c.text) for c in thread.set_aside] == [
        ("pingback", "Pingback: Weekly links: hospitals, buses and the budget | Harbour Town Notes"),
        ("trackback", "Trackback by Commuter Diary - Route 7 gets its hospital stop — October 4, 2012 @ 08:12"),
    ]


def test_a_pingback_between_comments_neither_joins_them_nor_counts_as_one():
    page = "\n".join([*_STORY, *_COMMENTS[:5], "Pingback: Weekly links | Harbour Town Notes", *_COMMENTS[5:],
                      "Leave a Reply"])
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [_COMMENTS[3], _COMMENTS[7]]
    assert [c.kind for c in thread.set_aside] == ["pingback"]


def test_pingback_heading_and_trackback_address_are_no_comments():
    page = "\n".join([*_STORY, *_COMMENTS, "Pingbacks", "TrackBack URL for this entry:", "Leave a Reply"])
    texts = _texts(page)
    assert len(texts) == 2
    assert not any("TrackBack" in text or text == "Pingbacks" for text in texts)


def test_comment_under_a_widget_sign_in_box_and_sort_tabs_is_found():
    page = "\n".join([
        *_STORY,
        "1 comment",
        "0 people listening",
        "Sign in",
        "Post comment as",
        "+ Follow conversation",
        "Sort: Newest | Oldest",
        "Nadia",
        "12 pts",
        "About time. The hospital car park costs a fortune and half the staff come by train anyway.",
        "share",
        "flag",
        "Like",
        "Powered by a comment widget",
    ])
    texts = _texts(page)
    assert any("About time. The hospital car park costs a fortune" in text for text in texts)


def test_one_comment_signed_under_its_words_with_date_and_name_is_found():
    page = "\n".join([
        *_STORY,
        "Tom | 1 Comment | Share Article",
        "Reader Comments (1)",
        "About time the hospital got a bus of its own.",
        "October 3, 2012 |",
        "Helga",
        "Post a New Comment",
        "Enter your information below to add a new comment.",
        "Author:",
        "Author Email (optional):",
    ])
    assert _texts(page) == ["About time the hospital got a bus of its own."]


def test_link_list_heading_over_a_dated_teaser_is_no_commenter_name():
    page = "\n".join([
        *_STORY,
        "2 Comments",
        "Priya",
        "Wednesday, October 3 2012",
        "Finally! I have been walking from the old stop for two years.",
        "Reply /",
        "Olek",
        "Wednesday, October 3 2012",
        "Will the evening buses run on Sundays too? Nobody at the depot could tell me.",
        "Reply /",
        "Most popular in Transport",
        "Cycle lane on the high street opens 11/02/2012",
        "Tram extension: a first look at the new line 11/03/2012",
        "Parking fees to rise in the new year 11/05/2012",
    ])
    thread = parse_text_page(page)
    assert [comment.author for comment in thread.comments] == ["Priya", "Olek"]
    assert not any("tram" in comment.text for comment in thread.comments)


def test_line_about_commenting_right_over_the_form_is_not_the_last_comment():
    page = "\n".join([
        *_STORY, *_COMMENTS[:-1],
        "I asked twice and got two different answers.",
        "Be kind in the comments: this form is our front room, not a pub car park.",
        "Leave a Reply",
        "Your email address will not be published.",
    ])
    texts = _texts(page)
    assert texts[-1] == ("Will the evening buses run on Sundays too? Nobody at the depot could tell me.\n"
                         "I asked twice and got two different answers.")


def test_reader_line_mentioning_comments_inside_a_comment_is_kept():
    page = "\n".join([
        *_STORY, *_COMMENTS[:3],
        "I read every comment on the old post too.",
        "It is good to see the council listening for once.",
        *_COMMENTS[4:],
        "Leave a Reply",
    ])
    assert _texts(page)[0] == ("I read every comment on the old post too.\n"
                               "It is good to see the council listening for once.")


def test_sign_in_box_under_the_last_comment_ends_the_section():
    page = "\n".join([
        *_STORY, *_COMMENTS[:-1],
        "Something to say? Choose one of these options to log in.",
        "» Sign in with your Transit ID",
        "» Create a new account",
        "↑ Top of comments",
        "Welcome to the blog about the buses of Harbour Town.",
    ])
    texts = _texts(page)
    assert texts[-1] == "Will the evening buses run on Sundays too? Nobody at the depot could tell me."


def test_a_reader_who_writes_your_comment_is_no_form():
    page = "\n".join([
        *_STORY, *_COMMENTS,
        "Mina says:",
        "October 4, 2012 at 8:02 am",
        "Your comment made me smile, Olek: I asked the same at the depot last week!",
        "Reply",
        "Your comment",
        "Name",
    ])
    texts = _texts(page)
    assert texts[-1] == "Your comment made me smile, Olek: I asked the same at the depot last week!"
    assert len(texts) == 3
