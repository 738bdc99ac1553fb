"""Unit tests for the plain-text page parser on small hand-written pages."""

from __future__ import annotations

import pytest

from moderation.errors import InputError
from moderation.parsing import parse_string
from moderation.parsing.text import parse_text_page

NUMBERED_PAGE = """\
Town council votes to keep the old library open



The council voted on Tuesday evening to keep the library on Mill Street open for another five years.
Members said the building is cheap to run and well used by schoolchildren after classes.

The decision follows a petition signed by more than two thousand residents over the summer.

#library #council #MillStreet

2023-05-09, 19:30 (CET)

3 thoughts on “Town council votes to keep the old library open”

  1. Good news, my kids go there every week and the staff are wonderful with them.

    Reply
  2. Five years is not long. They should have committed to a proper renovation instead.

    Reply
  3. Who pays for the heating? Nobody in the meeting asked that question at all.

    Reply

Leave a Comment"""

SAYS_PAGE = """\
Home
About
Contact

A week of rain and a new garden plan

Posted on 12 March 2021 by Gardener

The rain finally stopped this morning, so I walked the beds and drew up the plan for the spring planting.
Tomatoes go against the south wall this year, and the beans move to the far corner where the soil is deeper.

2 Responses to A week of rain and a new garden plan

Marta says:
March 12, 2021 at 9:14 am
Beans in the far corner is a good call, ours hated the shade last year.
Reply
Tom says:
March 13, 2021 at 6:02 pm
What variety of tomato are you growing?
I had blight on mine twice.
Reply

Leave a Reply
Your email address will not be published. Required fields are marked *
Comment
Name *
Email *
Website
Post Comment"""

GERMAN_PAGE = """\
Startseite
Rezepte

Apfelkuchen vom Blech wie bei Oma

Dieser Kuchen ist schnell gemacht und schmeckt am zweiten Tag sogar noch besser als frisch aus dem Ofen.
Die Äpfel werden geschält, in Spalten geschnitten und dicht an dicht auf den Teig gelegt.

2 Kommentare

Lena sagt:
3. Oktober 2020 um 14:05 Uhr
Habe ihn gestern gebacken, die ganze Familie war begeistert!
Antworten
Peter sagt:
4. Oktober 2020 um 09:12 Uhr
Kann man auch Birnen nehmen?
Antworten

Schreibe einen Kommentar
Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert
Kommentar
Name *
E-Mail *"""

NO_COMMENTS_PAGE = """\
close
Menu

Bridge closed for repairs until the autumn

The old bridge over the river will stay closed until October while engineers replace the bearings.
Drivers are asked to use the ring road; buses will follow a signed diversion through the town centre.

Leave a Reply

Your email address will not be published. Required fields are marked *"""


def _non_blank(page: str) -> set[int]:
    return {n for n, line in enumerate(page.split("\n"), start=1) if line.strip()}


def _assert_roles_cover(page: str, thread) -> None:
    seen: list[int] = []
    for numbers in thread.line_roles.values():
        seen.extend(numbers)
    assert sorted(seen) == sorted(set(seen)), "a line has two roles"
    assert set(seen) == _non_blank(page)
    assert set(thread.line_roles) <= {"title", "article", "comment", "metadata", "boilerplate"}


def test_numbered_comments_without_numbers_and_reply():
    thread = parse_text_page(NUMBERED_PAGE, source="numbered.txt")
    assert [c.text for c in thread.comments] == [
        "Good news, my kids go there every week and the staff are wonderful with them.",
        "Five years is not long. They should have committed to a proper renovation instead.",
        "Who pays for the heating? Nobody in the meeting asked that question at all.",
    ]
    assert [c.id for c in thread.comments] == ["c1", "c2", "c3"]
    assert [c.position for c in thread.comments] == [1, 2, 3]
    assert thread.comment_count_claimed == 3
    assert thread.title == "Town council votes to keep the old library open"
    assert thread.format == "text"
    assert thread.source == "numbered.txt"
    _assert_roles_cover(NUMBERED_PAGE, thread)


def _line_of(page: str, start: str) -> int:
    return next(n for n, line in enumerate(page.split("\n"), start=1) if line.strip().startswith(start))


def test_numbered_page_roles_and_article():
    thread = parse_text_page(NUMBERED_PAGE)
    roles = thread.line_roles
    assert roles["title"] == [1]
    assert roles["metadata"] == [_line_of(NUMBERED_PAGE, "#library"), _line_of(NUMBERED_PAGE, "2023-05-09")]
    assert roles["comment"] == [_line_of(NUMBERED_PAGE, f"{n}.") for n in (1, 2, 3)]
    assert _line_of(NUMBERED_PAGE, "3 thoughts") in roles["boilerplate"]
    assert _line_of(NUMBERED_PAGE, "Reply") in roles["boilerplate"]
    assert "Reply" not in thread.article
    assert thread.article.startswith("The council voted")
    assert thread.article.endswith("over the summer.")
    assert thread.published == "2023-05-09T19:30:00+01:00"


def test_says_lines_give_author_and_date():
    thread = parse_text_page(SAYS_PAGE)
    assert [c.text for c in thread.comments] == [
        "Beans in the far corner is a good call, ours hated the shade last year.",
        "What variety of tomato are you growing?\nI had blight on mine twice.",
    ]
    assert [c.author for c in thread.comments] == ["Marta", "Tom"]
    assert [c.published for c in thread.comments] == ["2021-03-12T09:14:00", "2021-03-13T18:02:00"]
    assert thread.comment_count_claimed == 2
    assert thread.title == "A week of rain and a new garden plan"
    assert "Name *" not in thread.article and "Marta" not in thread.article
    _assert_roles_cover(SAYS_PAGE, thread)


def test_block_holds_the_author_date_and_reply_lines_of_its_comment_only():
    thread = parse_text_page(SAYS_PAGE)
    assert [c.block.split("\n") for c in thread.comments] == [
        ["Marta says:", "March 12, 2021 at 9:14 am",
         "Beans in the far corner is a good call, ours hated the shade last year.", "Reply"],
        ["Tom says:", "March 13, 2021 at 6:02 pm", "What variety of tomato are you growing?",
         "I had blight on mine twice.", "Reply"],
    ]
    # the block is extra text: line roles are those of the lines, "Reply" stays boilerplate
    assert _line_of(SAYS_PAGE, "Reply") in thread.line_roles["boilerplate"]
    _assert_roles_cover(SAYS_PAGE, thread)


def test_block_of_numbered_comment_keeps_its_number_and_leaves_out_the_header():
    thread = parse_text_page(NUMBERED_PAGE)
    assert thread.comments[0].block == (
        "1. Good news, my kids go there every week and the staff are wonderful with them.\nReply")
    assert not any("thoughts on" in c.block or "Leave a Comment" in c.block for c in thread.comments)


def test_german_page():
    thread = parse_text_page(GERMAN_PAGE)
    assert [c.text for c in thread.comments] == [
        "Habe ihn gestern gebacken, die ganze Familie war begeistert!",
        "Kann man auch Birnen nehmen?",
    ]
    assert [c.author for c in thread.comments] == ["Lena", "Peter"]
    assert thread.comments[0].published == "2020-10-03T14:05:00"
    assert thread.comment_count_claimed == 2
    assert thread.title == "Apfelkuchen vom Blech wie bei Oma"
    _assert_roles_cover(GERMAN_PAGE, thread)


def test_comment_form_alone_gives_no_comments():
    thread = parse_text_page(NO_COMMENTS_PAGE)
    assert thread.comments == []
    assert thread.comment_count_claimed is None
    assert thread.title == "Bridge closed for repairs until the autumn"
    assert "ring road" in thread.article
    assert "Leave a Reply" not in thread.article
    _assert_roles_cover(NO_COMMENTS_PAGE, thread)


def test_zero_count_header_gives_no_comments():
    page = NO_COMMENTS_PAGE.replace("Leave a Reply", "0 Comments\n\nLeave a Reply")
    thread = parse_text_page(page)
    assert thread.comments == []
    _assert_roles_cover(page, thread)


@pytest.mark.parametrize("page", ["", "\n\n\n", "   ", "just one line", "Reply\nReply\nReply"])
def test_degenerate_pages(page):
    thread = parse_text_page(page)
    assert thread.comments == []
    _assert_roles_cover(page, thread)


def test_windows_line_endings_keep_line_numbers():
    thread = parse_text_page(SAYS_PAGE.replace("\n", "\r\n"))
    assert [c.author for c in thread.comments] == ["Marta", "Tom"]
    _assert_roles_cover(SAYS_PAGE, thread)


def test_rejects_bytes():
    with pytest.raises(InputError, match="must be a str"):
        parse_text_page(b"bytes are not text", source="x.txt")


def test_dispatch_from_parse_string():
    threads = parse_string(SAYS_PAGE, source="page.txt", format="text")
    assert len(threads) == 1 and len(threads[0].comments) == 2


MASTHEAD_PAGE = """\
THE RIVERTON COURIER
Home News Sport Weather
Search

Riverside path to reopen after flood repairs this spring

By Jo Example | April 2, 2026, 9:00 am

The riverside footpath closed since the winter floods will reopen in May after the council finished repairs.
Crews rebuilt two sections of the embankment and replaced the lighting along the whole length of the path.

3 thoughts on “Riverside path to reopen after flood repairs this spring”

  1. Ana Lima says:
    April 2, 2026 at 10:00 am

    Good to hear, I walk there every morning with the dog.

    Reply
  2. Priya N. says:
    April 2, 2026 at 11:15 am

    Will the lights stay on all night?

    Reply

Leave a Reply"""


def test_masthead_is_site_not_title_and_says_is_not_in_author():
    thread = parse_text_page(MASTHEAD_PAGE)
    assert thread.title == "Riverside path to reopen after flood repairs this spring"
    assert thread.site == "THE RIVERTON COURIER"
    assert [c.author for c in thread.comments] == ["Ana Lima", "Priya N."]
    assert [c.text for c in thread.comments] == [
        "Good to hear, I walk there every morning with the dog.",
        "Will the lights stay on all night?",
    ]
    _assert_roles_cover(MASTHEAD_PAGE, thread)


def test_weekday_is_not_an_author():
    page = SAYS_PAGE.replace("Marta says:\nMarch 12, 2021 at 9:14 am", "Marta says:\nMonday, March 12, 2021 at 9:14 am")
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Marta", "Tom"]


NAME_TEXT_PAGE = """\
Notes on a slow spring

The garden woke up late this year and the first tulips only opened in the last days of April.
I moved the compost heap to the shady corner and planted two rows of early potatoes beside it.

ruth_k
I had the same problem with the tulips, mine are still closed and I think the frost got them.
gardener
Thanks Ruth, I hope yours come back next year, the bulbs usually survive a cold spell.
Tom B
Where did you get the potatoes? I am looking for an early variety that does well in clay.
gardener
From the market in town, you can ask for the ones with the red skin, they do fine in clay.

Powered by Disqus"""


def test_name_text_pairs_without_header_are_comments():
    thread = parse_text_page(NAME_TEXT_PAGE)
    assert [c.author for c in thread.comments] == ["ruth_k", "gardener", "Tom B", "gardener"]
    assert thread.comments[2].text.startswith("Where did you get")
    assert "compost" in thread.article and "tulips" not in " ".join(c.text for c in thread.comments[1:2])
    _assert_roles_cover(NAME_TEXT_PAGE, thread)


def test_headline_list_is_not_a_comment_section():
    teasers = "\n".join(
        f"{name}\nMarch {day}, 2021\nCouncil publishes new figures on the town budget for next year\n"
        for name, day in (("Ann Writer", 3), ("Ann Writer", 4), ("Bo Reporter", 5), ("Ann Writer", 6)))
    thread = parse_text_page(NO_COMMENTS_PAGE + "\n\nMore from the site\n\n" + teasers)
    assert thread.comments == []


POSTED_BY_PAGE = """\
A week of rain and the river is back in its old bed

The river rose by two metres on Friday and the footbridge was closed for the weekend.
Volunteers filled sandbags outside the bakery until late in the evening, and most shops stayed dry.

Comments

I watched the water from the bridge on Thursday, it was frightening how fast it came up.
Posted by: Lena | March 14, 2022 at 08:10 AM

Your comment about the bridge reminded me of the flood in 1998. I was a child then and I still remember the smell of mud.
Posted by: Karl | March 14, 2022 at 09:45 AM

Thanks to everyone who helped with the sandbags, we would have lost the shop without you.
Posted by: Mira | March 14, 2022 at 11:02 AM

Post a comment

Your Information"""


def test_reader_sentence_naming_a_comment_is_not_the_comment_form():
    thread = parse_text_page(POSTED_BY_PAGE)
    assert [c.author for c in thread.comments] == ["Lena", "Karl", "Mira"]
    assert thread.comments[1].text.startswith("Your comment about the bridge")
    _assert_roles_cover(POSTED_BY_PAGE, thread)


def test_form_note_in_a_long_line_still_ends_the_comments():
    page = POSTED_BY_PAGE.replace(
        "Post a comment", "Your comment will appear after review. Your email address will not be published, "
                          "and we ask you to keep to the topic of the article.")
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Lena", "Karl", "Mira"]
    assert "review" not in " ".join(c.text for c in thread.comments)


MENU_AND_HANDLES_PAGE = """\
Home
Field Notes
Weekly digest of the birding club
Club Archive
Sign up for the newsletter

Cranes are back on the marsh

The first cranes landed on the north marsh on Sunday, three weeks earlier than last year.
Wardens counted forty birds by the evening and expect several hundred by the end of the month.

birdwatcher77
Saw them on Monday from the hide, at least sixty by noon and more coming in from the east.
jo_marsh
Lovely news. Does anyone know if the car park by the hide is open again after the floods?
Peter Quill
It opened last week, but the path is still muddy, so bring boots if you go.
birdwatcher77
Thanks, I went yesterday and the boots were needed, the path is a stream in places.

Club Archive
Older issues of the weekly digest
Field Notes
Sign up for the newsletter
About Us
Who we are and where we meet"""


def test_name_text_comments_are_cut_out_of_the_menus_around_them():
    thread = parse_text_page(MENU_AND_HANDLES_PAGE)
    assert [c.author for c in thread.comments] == ["birdwatcher77", "jo_marsh", "Peter Quill", "birdwatcher77"]
    assert thread.comments[0].text.startswith("Saw them on Monday")
    assert "Older issues" not in " ".join(c.text for c in thread.comments)
    _assert_roles_cover(MENU_AND_HANDLES_PAGE, thread)


ARTICLE_LINES = """\
Night buses return to the harbour line

The harbour line gets its night buses back from Monday, running every half hour until three in the morning.
The operator says the drivers it hired over the winter make the timetable possible again.
"""

SINGLE_COMMENT_PAGE = ARTICLE_LINES + """
Comments

Priya Nair
12 Nov 2012 at 11:20 am PST
Great news for shift workers
Reply

Leave a Reply
Your email address will not be published."""


def test_single_signed_comment_under_a_bare_header():
    thread = parse_text_page(SINGLE_COMMENT_PAGE)
    assert [c.text for c in thread.comments] == ["Great news for shift workers"]
    assert thread.comments[0].author == "Priya Nair"
    assert thread.comments[0].published == "2012-11-12T11:20:00-08:00"
    _assert_roles_cover(SINGLE_COMMENT_PAGE, thread)


TAIL_POSTED_BY_PAGE = ARTICLE_LINES + """
Comments

About time. I used to walk home from the late shift twice a week.

Posted by:
Jonas |
November 07, 2012 at 10:59 AM

Verify your Comment"""


def test_tail_meta_lines_after_a_comment_all_belong_to_it():
    thread = parse_text_page(TAIL_POSTED_BY_PAGE)
    assert [(c.author, c.published) for c in thread.comments] == [("Jonas", "2012-11-07T10:59:00")]
    assert thread.comments[0].block.split("\n") == [
        "About time. I used to walk home from the late shift twice a week.", "Posted by:", "Jonas |",
        "November 07, 2012 at 10:59 AM"]
    _assert_roles_cover(TAIL_POSTED_BY_PAGE, thread)


COUNT_BELOW_HEADER_PAGE = ARTICLE_LINES + """
Comments

(2)

November 12, 2012 11:33 AM ET
Report Abuse
Half an hour is still a long wait in the rain at three in the morning.
November 12, 2012 11:51 AM ET
Report Abuse
The first bus on Monday was packed, so people clearly wanted this.

Add A Comment"""


def test_count_on_the_line_under_a_bare_header():
    thread = parse_text_page(COUNT_BELOW_HEADER_PAGE)
    assert thread.comment_count_claimed == 2
    assert [c.text for c in thread.comments] == [
        "Half an hour is still a long wait in the rain at three in the morning.",
        "The first bus on Monday was packed, so people clearly wanted this.",
    ]
    assert _line_of(COUNT_BELOW_HEADER_PAGE, "(2)") in thread.line_roles["boilerplate"]
    _assert_roles_cover(COUNT_BELOW_HEADER_PAGE, thread)


YEARLESS_DATE_PAGE = ARTICLE_LINES + """
Featured Comments

Doug

on

Aug 9, 10:14 AM
said:

Finally. I have been asking the operator for this since the spring, and I will use it every week.

Reply

Loading

Join the discussion"""


def test_name_on_date_said_on_lines_of_their_own_with_a_date_without_year():
    thread = parse_text_page(YEARLESS_DATE_PAGE)
    assert [(c.author, c.published) for c in thread.comments] == [("Doug", "Aug 9, 10:14 AM")]
    assert thread.comments[0].text.startswith("Finally. I have been asking")
    assert thread.comments[0].block.split("\n")[:4] == ["Doug", "on", "Aug 9, 10:14 AM", "said:"]
    _assert_roles_cover(YEARLESS_DATE_PAGE, thread)


def test_two_digit_year_before_a_clock_time_is_read():
    from moderation.parsing.text import _to_iso

    assert _to_iso("7 Aug 12 at 11:21 pm") == "2012-08-07T23:21:00"
    assert _to_iso("Aug 9, 10:14 AM") == "Aug 9, 10:14 AM"  # no year on the page: kept as shown


def test_glued_count_tabs_are_one_header():
    page = ARTICLE_LINES + """
1 CommentNo Reactions

Alan Lee

7 Aug 12 at 11:21 pm

You made a good point there, I will take the late bus more often now.

Reply

Leave a Comment"""
    thread = parse_text_page(page)
    assert thread.comment_count_claimed == 1
    assert [c.author for c in thread.comments] == ["Alan Lee"]
    _assert_roles_cover(page, thread)


def test_labels_in_brackets_are_not_commenter_names():
    events = "\n".join(
        f"{title}\n[{place}]\nTuesday, November {day}, 2021\n9:00 AM PST\n"
        f"You want to run your shop online, but you don't know where to start? Join us for {minutes} minutes.\n"
        f"Register Now\n"
        for title, place, day, minutes in (("Selling online", "Online", 2, 40), ("Stock and shelves", "Leeds", 3, 50),
                                           ("Paying suppliers", "Online", 4, 30)))
    page = NO_COMMENTS_PAGE + "\n\nUpcoming events\n\n" + events
    thread = parse_text_page(page)
    assert thread.comments == []
    _assert_roles_cover(page, thread)


def test_one_line_headlines_with_bylines_are_teasers_not_comments():
    teasers = "\n".join(
        f"{name}\nMarch {day}, 2021\n{headline}\nby\n"
        for name, day, headline in (("Ann Writer", 3, "Will the new bus lanes help you?"),
                                    ("Bo Reporter", 4, "Why we still need the night market."),
                                    ("Cy Editor", 5, "Is your street next for resurfacing?"),
                                    ("Di Author", 6, "Our readers' favourite walks, mapped.")))
    thread = parse_text_page(NO_COMMENTS_PAGE + "\n\nMore stories\n\n" + teasers)
    assert thread.comments == []


ARTICLE_PARAGRAPHS = "\n".join(
    f"Paragraph {n} of the story tells how the harbour master, the ferry crews and the council worked through "
    f"the winter storms to keep the crossing open, with {n} more details about the tides and the timetable. "
    f"Passengers were told of changes by text message, and the cafe on the quay stayed open for the crews."
    for n in range(1, 7))


def test_article_under_a_comments_menu_item_and_byline_is_the_article():
    page = ("Home\nArchives\nComments\n\nFerry crossing kept open all winter\n"
            "Posted by Sam Harbour on October 29, 2012 at 1:34 pm\nPrint\nShare\n\n" + ARTICLE_PARAGRAPHS
            + "\n\nTags\nFerries, Weather\nNEXT\nNew ferry timetable\nBy Sam Harbour\nOctober 28, 2012\n"
            "Harbour fees go up\nBy Lee Quay\nOctober 27, 2012\n")
    thread = parse_text_page(page)
    assert thread.comments == []
    assert "Paragraph 6 of the story" in thread.article
    _assert_roles_cover(page, thread)


def test_comments_after_an_article_that_opens_the_section_are_still_found():
    page = ("Ferry crossing kept open all winter\n4 Comments\n"
            "Posted by Sam Harbour on October 29, 2012 at 1:34 pm\n\n" + ARTICLE_PARAGRAPHS + "\n\n"
            "Public Discussion (2)\n\n"
            "Anna says:\nOctober 29, 2012 at 3:10 pm\nI took that ferry every week, thank you to the crews.\nReply\n"
            "Bob says:\nOctober 30, 2012 at 8:02 am\nDid the timetable change in March as well?\nReply\n")
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob"]
    assert "Paragraph 1 of the story" in thread.article
    _assert_roles_cover(page, thread)


def test_stories_ending_in_continue_reading_are_teasers_not_comments():
    teasers = "\n".join(
        f"{headline}\nWritten on August {day}, 2012 by {name} in News\n"
        f"{name.split()[0]} looks at what changed this week and what it means for the town. We asked around.\n"
        f"Continue Reading »\n"
        for headline, day, name in (("The market moves", 8, "Rich Writer"), ("A new mayor", 7, "Hanna Shaw"),
                                    ("Bridges and tolls", 6, "Rich Writer")))
    page = NO_COMMENTS_PAGE + "\n\n3 Comments\n\nTrending Now\n\n" + teasers
    thread = parse_text_page(page)
    assert thread.comments == []
    _assert_roles_cover(page, thread)


def test_says_lines_sign_comments_that_do_not_talk_to_anyone():
    page = ARTICLE_LINES + """
Comments

Harbour Watcher says:
11/2/2012
Very useful timetable for the late shift.
Reply
Jo Quayside says:
11/3/2012
The half-hourly service was the norm before the cuts. It worked well for the hospital staff.
Reply
Ferry Fan says:
11/5/2012
An important point is the link with the last ferry. It arrives at ten past two.
Reply
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Harbour Watcher", "Jo Quayside", "Ferry Fan"]
    _assert_roles_cover(page, thread)


def test_name_text_comments_end_where_a_list_of_links_begins():
    page = NAME_TEXT_PAGE.replace("\n\nPowered by Disqus", """
Follow
Follow @gardenclub
More Articles
Ten plants for a dry border Aug 9
Why my roses failed this year Aug 8
Laptops
Cordless hedge trimmer with two batteries
Sunbed
This seller ships the same day, and you can return any item within thirty days for free.""")
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["ruth_k", "gardener", "Tom B", "gardener"]
    assert not any("Laptops" in c.text or "seller" in c.text for c in thread.comments)
    _assert_roles_cover(page, thread)


def test_hyphenated_name_line_is_a_name():
    from moderation.parsing.text import _bare_name

    assert _bare_name("Jan-Willem Visser") == "Jan-Willem Visser"
    assert _bare_name("Tom B") == "Tom B"


def test_date_by_name_on_lines_of_their_own_sign_the_comment_above():
    page = ARTICLE_LINES + """
COMMENTS

Great timetable, thank you! My shifts end at one in the morning.
posted on Thursday, October 25, 2012 at 2:11 AM
by
Shachar Levi
I used the night bus for years. It was the only way home after the late shift at the bakery.
posted on Thursday, October 25, 2012 at 8:13 AM
by
Jon Nugent
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Shachar Levi", "Jon Nugent"]
    assert thread.comments[0].text.startswith("Great timetable")
    assert "Shachar" not in thread.comments[1].text
    _assert_roles_cover(page, thread)


def test_reblog_notes_with_added_sign_the_words_below_them():
    page = ARTICLE_LINES + """
harbourfan liked this
quaysider reblogged this from nightowl and added:
Finally I can get home after the late shift without paying for a taxi every night.
busdriver liked this
nightowl reblogged this from harbourfan and added:
Half-hourly is better than I hoped for this winter, and the drivers are friendly too.
tidewatcher reblogged this from nightowl and added:
Does anyone know if the harbour stop is back as well?
"""
    thread = parse_text_page(page)
    assert [c.text.split()[0] for c in thread.comments] == ["Finally", "Half-hourly", "Does"]
    _assert_roles_cover(page, thread)


def test_short_comment_before_posted_by_is_no_name_and_the_counted_section_wins():
    page = ARTICLE_LINES + """
Comments (3)

I love this bus
Posted by
Anonymous |
November 12, 2012 6:50 PM

hot

Posted by
Anonymous |
November 12, 2012 7:07 PM

psst... Monday is a holiday

Posted by
Anonymous |
November 12, 2012 7:08 PM

Leave a Comment
Name
Email

Comments

Please note: if your comment does not appear at once, it will show up shortly.
Around town
Harbour festival this weekend
Posted by: Desk | November 11, 2012 at 09:00 AM
The harbour festival returns on Saturday with boats, music and food stalls along the quay all day long.
Road works on the ring road
Posted by: Desk | November 10, 2012 at 08:00 AM
The ring road will be closed at night for two weeks while the bridge joints are replaced by the council.
"""
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == ["I love this bus", "hot", "psst... Monday is a holiday"]
    assert [c.author for c in thread.comments] == ["Anonymous"] * 3
    _assert_roles_cover(page, thread)


def test_reply_counts_sort_tabs_and_pages_around_a_counted_section():
    comments = "\n".join(
        f"{name}\n{day} November 2012 9:{minute}PM\n{text}\nRecommend?\n({votes})\nResponses ({replies})\nReport\nShare\n"
        for name, day, minute, text, votes, replies in (
            ("quaysider", 1, 37, "The night buses were the only way home for the hospital staff. Good news.", 7, 0),
            ("tidewatcher", 1, 48, "And yet the fares went up again, which nobody in the article mentions.", 4, 2),
            ("nightowl", 2, 10, "I asked the operator about Sundays and they said the timetable is the same.", 1, 1)))
    page = ARTICLE_LINES + """
Comments
3 comments, displaying first
Sort comments by
Oldest
Newest
Open for comments.
Sign in or create your account to join the discussion.
Latest
1
2
Next
""" + comments
    thread = parse_text_page(page)
    assert thread.comment_count_claimed == 3
    assert [c.author for c in thread.comments] == ["quaysider", "tidewatcher", "nightowl"]
    assert not any("Oldest" in c.text or "Responses" in c.text for c in thread.comments)
    _assert_roles_cover(page, thread)


def test_count_with_any_word_over_a_said_line_is_a_header():
    page = ARTICLE_LINES + """
Share to Twitter
Twitter
August 08, 2012
Penned by
Sam Harbour
at
8/08/2012 01:00:00 PM
Tags:
Buses
1 Whispers:
Huai Bin
said...
I always thought the night bus ran only on Fridays. Good to know it is every night now.
10 August 2012 01:19
Post a Comment
"""
    thread = parse_text_page(page)
    assert thread.comment_count_claimed == 1
    assert [c.author for c in thread.comments] == ["Huai Bin"]
    assert thread.comments[0].text.startswith("I always thought")
    _assert_roles_cover(page, thread)


def test_comment_link_on_an_author_line_does_not_end_the_section():
    long_text = "\n".join(f"Line {n} of a long comment about the night buses and the new timetable." for n in range(12))
    page = ARTICLE_LINES + f"""
3 Comments

Davey wrote on November 13th, 2012 at 5:49 am
Comment |
Reply To Comment
{long_text}
Please rate this comment: 3 1
Kyle wrote on November 13th, 2012 at 8:58 am
Comment |
Birdwatchers will like the early bus too, it stops right at the marsh.
Please rate this comment: 1 0
Cameron wrote on November 12th, 2012 at 8:37 pm
Comment |
Reply To Comment
I took it last night and it was on time both ways, well done to the drivers.

Leave a Reply
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Davey", "Kyle", "Cameron"]
    _assert_roles_cover(page, thread)


def test_labelled_dates_and_control_words_are_no_commenter_names():
    from moderation.parsing.text import _meta_of

    assert _meta_of("Deadline: 21.10.2019").author is None
    assert _meta_of("18.10.2019, 16:18 Zum Antworten anmelden Zitieren").author is None
    assert _meta_of("Ed Brill http://www.example.com | 10/29/2012 5:25:25 PM").author == "Ed Brill http://www.example.com"


def test_spaced_day_month_year_is_a_date():
    from moderation.parsing.text import _to_iso

    assert _to_iso("18. 05. 2014") == "2014-05-18"
    assert _to_iso("3. 4. 12") == "3. 4. 12"  # a list of numbers, not a date


def test_one_comment_header_over_name_text_and_date():
    page = ARTICLE_LINES + """
1 Comment
Buses
Permalink
Leave a Reply
Name
Email
One Comment
Marius
Good to see the night buses back, I will try the late one on Friday.
18. 05. 2014
22:38
Recent comments
Erwin on Harbour fees go up
Lena on New ferry timetable
"""
    thread = parse_text_page(page)
    assert len(thread.comments) == 1
    assert "Good to see the night buses back" in thread.comments[0].text
    assert "Erwin" not in thread.comments[0].text
    _assert_roles_cover(page, thread)


def test_kommentar_von_line_signs_the_comment_above_it():
    from moderation.parsing.text import _meta_of

    meta = _meta_of("Kommentar von Anna Berg | hafenblog.de am 07.08.09 um 10:25")
    assert (meta.author, meta.date) == ("Anna Berg", "07.08.09 um 10:25")


def test_byline_comment_count_over_a_numbered_article_is_not_the_section():
    points = "\n".join(f"{n}. The council said point number {n} of the plan, and it was a long sentence with reasons."
                       for n in range(1, 6))
    page = f"""Why the harbour line needs night buses
Post date
March 5, 2014
1 Comment on Why the harbour line needs night buses
The operator explained its plan in five points on Tuesday evening at the town hall.
{points}
That is why the buses return on Monday.
1 reply on “Why the harbour line needs night buses”
Quaysidesays:
September 21, 2014 at 2:58 pm
A wonderful decision for everyone who works late, thank you for writing it up so clearly.
Leave a Reply
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Quayside"]
    assert "point number 3" in thread.article
    _assert_roles_cover(page, thread)


def test_reply_counts_under_a_comment_are_no_headers():
    from moderation.parsing.text import _header_count

    assert _header_count("1 reply on “Night buses”") == (True, 1)
    assert _header_count("1 reply to Anna's comment") == (False, None)
    assert _header_count("1 Reply") == (False, None)


def test_story_under_its_headline_and_byline_is_not_the_first_comment():
    page = """Home
Search for:
The night bus gets faster from Monday
16 May 2019 Sam Harbour Buses, Town
The operator has changed the route of the night bus so that it skips the industrial estate after midnight.
Drivers say the new route saves about ten minutes on every trip and passengers have already noticed.
How to check your stop
Open the timetable page
Buses
Karl says:
24 November 2019 at 17:53
I tried the new route yesterday and it really was quicker, thank you.
Sam Harbour says:
24 November 2019 at 20:10
Glad to hear it, Karl. The operator says the same route will run on Sundays from next month.
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Karl", "Sam Harbour"]
    assert "skips the industrial estate" in thread.article
    _assert_roles_cover(page, thread)


def test_title_is_the_one_the_comment_header_quotes_not_an_embed_caption():
    page = """Home
About
Sunday notes: a little lost, but still here
I sat down to write this and noticed how long it has been since the last post on this blog.
See this post on Instagram
A post shared by a friend of the blog
Some of you asked me about it in the last weeks, and I owe you an honest answer about the reasons.
See this post on Instagram
A post shared by another friend
The job has changed a lot in two years, and I am still finding out where it is going next.
See this post on Instagram
A post shared by a magazine
Thanks for reading, and see you next Sunday with a lighter topic, I promise you that much.
2 replies to “Sunday notes: a little lost, but still here”
Aylin says:
20 November 2022 at 10:36
Thank you for being so honest, I think many people feel the same at the moment.
Karo says:
20 November 2022 at 12:02
Thank you, Aylin, that means a lot to me.
"""
    thread = parse_text_page(page)
    assert thread.title == "Sunday notes: a little lost, but still here"
    assert "Some of you asked me about it" in thread.article
    assert "I sat down to write this" in thread.article
    _assert_roles_cover(page, thread)


def test_two_name_text_pairs_between_a_comment_note_and_the_form_are_comments():
    page = ARTICLE_LINES + """
We made it easy to comment on posts, but we ask for civility and full names.
http://www.example.com/ruth.k Ruth Keller
As always the night service abroad is better, but this is a start and I will use it.
Anonymous
Good news and I mean that, the last bus home was far too early.
blog comments powered by Disqus
About us
"""
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Ruth Keller", "Anonymous"]
    assert thread.comments[1].text.startswith("Good news")
    _assert_roles_cover(page, thread)


def _rated_comment(name: str, when: str, words: str, score: str) -> str:
    return f"{name} says:\n{when}\n{words}\nPlease rate this comment: {score}\nShare it\n"


def test_lines_every_comment_repeats_are_its_frame_not_its_text():
    page = ARTICLE_LINES + "\n3 Comments\n\n" + "".join((
        _rated_comment("Anna", "9 Nov 2012 at 10:02 am", "I take the night bus on Fridays and it was missed.", "3 1"),
        _rated_comment("Bob", "9 Nov 2012 at 11:15 am", "Half an hour is too long a wait in winter, I think.", "0 2"),
        _rated_comment("Carla", "9 Nov 2012 at 12:40 pm", "Thank you for the news, my son works late shifts.", "5 0"),
    )) + "\nLeave a Reply\n"
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [
        "I take the night bus on Fridays and it was missed.",
        "Half an hour is too long a wait in winter, I think.",
        "Thank you for the news, my son works late shifts.",
    ]
    _assert_roles_cover(page, thread)


def test_a_comment_list_shown_twice_is_kept_once_but_a_double_post_stays():
    first = "".join((
        "Anna says:\n9 Nov 2012 at 10:02 am\nI take the night bus on Fridays and it was missed.\nReply\n",
        "Bob says:\n9 Nov 2012 at 11:15 am\nHalf an hour is too long a wait in winter, I think.\nReply\n",
        "Bob says:\n9 Nov 2012 at 11:16 am\nHalf an hour is too long a wait in winter, I think.\nReply\n",
        "Carla says:\n9 Nov 2012 at 12:40 pm\nThank you for the news, my son works late shifts.\nReply\n",
    ))
    page = ARTICLE_LINES + "\n4 Comments\n\nSort by: Newest | Best\n" + first + first + "\nLeave a Reply\n"
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Bob", "Carla"]
    _assert_roles_cover(page, thread)


def test_a_date_line_over_a_bare_name_names_the_comment_below_it():
    comments = (("Fri, 09/11/2012 - 10:02 | 501", "nightowl", "I take the night bus home on Fridays and I have missed it all winter long."),
                ("Fri, 09/11/2012 - 11:15 | 502", "Marta Lind", "Half an hour is too long a wait in the cold, I think, but it is a good start."),
                ("Fri, 09/11/2012 - 12:40 | 503", "kb_77", "Thank you for the news, my son works late shifts at the harbour and walks home."))
    page = ARTICLE_LINES + "\nLogin or register to post comments\n\n" + "".join(
        f"{when}\n{name}\n\n{words}\n\nLogin or register to post comments\n\n" for when, name, words in comments)
    thread = parse_text_page(page)
    assert [(c.author, c.text) for c in thread.comments] == [(name, words) for _, name, words in comments]
    _assert_roles_cover(page, thread)


def test_a_date_and_name_after_the_words_sign_them_and_open_no_comment():
    page = ARTICLE_LINES + "\nReader Comments (3)\n\n" + "".join(
        f"{words}\n{when} |\n{name}\n\n" for words, when, name in (
            ("Wow!", "October 11, 2012", "Anna"),
            ("Half an hour is too long a wait in winter, I think.", "October 11, 2012", "Bob"),
            ("Thank you for the news, my son works late shifts.", "October 12, 2012", "Carla"),
            ("Finally! The last bus home was far too early for me.", "October 12, 2012", "Dan"))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert len(thread.comments) == 4
    assert thread.comments[0].text == "Wow!"
    _assert_roles_cover(page, thread)


def test_a_header_with_any_word_before_comments_on_the_quoted_title():
    page = ARTICLE_LINES + """
3 appreciated comments on “Night buses return to the harbour line”
Anna, on November 7th, 2012
I take the night bus on Fridays and it was missed.
Bob, on November 7th, 2012
Half an hour is too long a wait in winter, I think.
Carla, on November 8th, 2012
Thank you for the news, my son works late shifts.
Anything to add?
All comments are moderated, so you may experience a short delay before yours appears here. Comments should be respectful of other voices in the discussion, and I may edit or delete comments.
Name (required)
Email (required but never shown)
Notify me of followup comments via e-mail
"""
    thread = parse_text_page(page)
    assert thread.comment_count_claimed == 3
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Carla"]
    assert "moderated" not in thread.comments[-1].text
    _assert_roles_cover(page, thread)


def test_a_reply_box_under_every_comment_does_not_end_the_section():
    page = ARTICLE_LINES + "\n3 Responses to \"Night buses\"\n\n" + "".join(
        f"{name}\n{when}\n{words}\nreply to this comment\nName (required)\nEmail (will not be published) (required)\n"
        for name, when, words in (
            ("Anna", "10/12/2012", "I take the night bus on Fridays and it was missed."),
            ("Bob", "10/13/2012", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "10/14/2012", "Thank you for the news, my son works late shifts."))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Carla"]
    assert all("required" not in c.text for c in thread.comments)
    _assert_roles_cover(page, thread)


def test_share_lines_after_each_comments_controls_are_frame_but_a_quote_intro_stays():
    page = ARTICLE_LINES + "\n4 Comments\n\n" + "".join(
        f"{name}\n9 November 2012 10:0{k}PM\n{words}\nReport\nLink to this comment:\nShare\nTweet this\n"
        for k, (name, words) in enumerate((
            ("Anna", "J.R. Ewing wrote:\nI take the night bus on Fridays and it was missed."),
            ("Bob", "J.R. Ewing wrote:\nHalf an hour is too long a wait in winter, I think."),
            ("Carla", "J.R. Ewing wrote:\nThank you for the news, my son works late shifts."),
            ("Dan", "J.R. Ewing wrote:\nFinally! The last bus home was far too early for me.")))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Carla", "Dan"]
    assert all(c.text.startswith("J.R. Ewing wrote:\n") and "Tweet" not in c.text for c in thread.comments)
    _assert_roles_cover(page, thread)


def test_reblog_notes_without_words_are_no_comments():
    page = ARTICLE_LINES + """
Notes
nightowl reblogged this from harbourblog and added:
I take the night bus on Fridays and it was missed.
kb-77 liked this
marta-lind reblogged this from harbourblog
quaywalker reblogged this from harbourblog and added:
Half an hour is too long a wait in winter, I think.
anna-b liked this
carla-c reblogged this from quaywalker and added:
Thank you for the news, my son works late shifts and I am glad.
dan-d liked this
"""
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == ["I take the night bus on Fridays and it was missed.",
                                                "Half an hour is too long a wait in winter, I think.",
                                                "Thank you for the news, my son works late shifts and I am glad."]
    _assert_roles_cover(page, thread)


def test_text_after_the_last_named_comments_reply_is_the_footer():
    page = ARTICLE_LINES + "\n3 Comments\n\n" + "".join(
        f"{name} says:\nNovember 10, 2012 at 7:3{k} am\n{words}\nReply\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "Thank you for the news, my son works late shifts.")))) + (
        "Follow Us\nCopyright © 2012 Harbour News · All Rights Reserved\n"
        "Join us for free printables and fresh ideas right to your inbox!\n")
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Carla"]
    assert "Copyright" not in thread.comments[-1].text
    _assert_roles_cover(page, thread)


def test_a_share_box_teaser_and_its_link_are_no_comment_text():
    comments = (("nightowl", "I take the night bus on Fridays and it was missed by many of us."),
                ("marta_l", "Half an hour is too long a wait in winter, I think, but it is a start."),
                ("kb77", "Thank you for the news, my son works late shifts at the harbour."))
    page = ARTICLE_LINES + "\n3 Comments\n\n" + "".join(
        f"{name} says:\n3 minutes ago (2:2{k} PM)\n{words}\n{name}: {' '.join(words.split()[:6])}...\n"
        f"http://www.example.com/social/{name}/night-buses_{k}.html\nPermalink\n"
        for k, (name, words) in enumerate(comments)) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [words for _, words in comments]
    _assert_roles_cover(page, thread)



def test_a_name_text_pair_between_a_counted_header_and_the_form_past_a_trackbacks_note():
    page = ARTICLE_LINES + """
1 Comment
Add a comment
Harbour Designs
This is great. I wonder if they will run on Sundays too? The early bus would help us a lot.
Trackbacks
Leave a comment
Name (required)
"""
    thread = parse_text_page(page)
    assert [(c.author, c.text[:13]) for c in thread.comments] == [("Harbour Designs", "This is great")]
    _assert_roles_cover(page, thread)


def test_a_link_with_a_date_in_its_path_is_comment_text():
    page = ARTICLE_LINES + "\n2 Comments\n\n" + "".join(
        f"{name} says:\nNovember 10, 2012 at 7:3{k} am\n{words}\nReply\n" for k, (name, words) in enumerate((
            ("Anna", "The same happened in 2007, see this:\nhttp://www.example.com/2007/10/26/opinion/buses.html"),
            ("Bob", "Half an hour is too long a wait in winter, I think.")))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert thread.comments[0].text.endswith("/buses.html")
    _assert_roles_cover(page, thread)


def test_a_reply_link_above_the_first_comment_does_not_make_the_names_close_comments():
    page = ARTICLE_LINES + "\n3 Responses to “Night buses return”\n" + "".join(
        f"Reply\n{name}\nNovember 1, 2012 at 10:5{k} am\n#\n{words}\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "Thank you for the news, my son works late shifts.")))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [(c.author, c.text.split("\n")[-1][:12]) for c in thread.comments] == [
        ("Anna", "I take the n"), ("Bob", "Half an hour"), ("Carla", "Thank you fo")]
    _assert_roles_cover(page, thread)


def test_the_story_title_under_an_open_header_is_no_comment():
    page = ARTICLE_LINES + "\nThere are 3 comments about:\nNight buses return to the harbour line\n" + "".join(
        f"Reply\n11.05.12 at 4:1{k} pm\n{name}\n{words}\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "Thank you for the news, my son works late shifts.")))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == ["I take the night bus on Fridays and it was missed.",
                                                "Half an hour is too long a wait in winter, I think.",
                                                "Thank you for the news, my son works late shifts."]
    _assert_roles_cover(page, thread)


def test_every_name_between_the_comment_note_and_the_form_is_a_commenter():
    page = ARTICLE_LINES + """
We made it easy to comment on posts, but we ask for civility and full names.
http://www.example.com/ruth.k Ruth Keller
As always the night service abroad is better, but this is a start and I will use it.
Anonymous
cool and I mean that
blog comments powered by Disqus
About us
"""
    thread = parse_text_page(page)
    assert [(c.author, c.text) for c in thread.comments][1] == ("Anonymous", "cool and I mean that")
    _assert_roles_cover(page, thread)


def test_a_header_over_the_reply_form_opens_no_comments():
    page = ARTICLE_LINES + """
1 Comment
Leave a Reply Cancel reply
You must be logged in to post a comment.
Recent network posts
Harbour Notes
QUICKIES: 10/29/2012
The ferry timetable changes from Monday, with two more crossings in the evening hours.
City Desk
Roundup 29/10/12
Tram works on the quay continue until spring, and the stop at the fish market stays closed.
"""
    thread = parse_text_page(page)
    assert thread.comments == []
    assert thread.article.startswith("The harbour line gets its night buses back")
    assert "ferry" not in thread.article
    _assert_roles_cover(page, thread)


def test_a_short_comment_several_readers_wrote_stays_a_comment():
    page = ARTICLE_LINES + "\n4 Comments\n\n" + "".join(
        f"{name} says:\nNovember 10, 2012 at 7:3{k} am\n{words}\nReply\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Agreed!"), ("Carla", "Agreed!"), ("Dan", "Agreed!")))) + "Leave a Reply\n"
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [
        "I take the night bus on Fridays and it was missed.", "Agreed!", "Agreed!", "Agreed!"]
    _assert_roles_cover(page, thread)


def test_a_feed_link_over_the_comments_is_a_note_and_the_last_comment_stays():
    page = ARTICLE_LINES + "\nComments (3)\nSubscribe to this comment's feed\n" + "".join(
        f"written by {name},\nOctober 1{k}, 2012\n{words}\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "Thank you for the news, my son works late shifts.")))) + "Write comment\nName\nEmail\n"
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["Anna", "Bob", "Carla"]
    assert thread.comments[-1].text == "Thank you for the news, my son works late shifts."
    _assert_roles_cover(page, thread)


def test_a_pingback_signed_with_a_long_post_title_keeps_its_words():
    page = ARTICLE_LINES + "\n3 Comments\n\n" + "".join(
        f"{words}\nby {name} on November 2{k}, 2010 at 6:11 pm. Reply #\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Night Buses Are Back and Other Good News — harbourblog.example.com",
             "[...] the harbour line gets its night buses back from Monday, as the city announced [...]")))) + (
        "Leave a comment\n")
    thread = parse_text_page(page)
    assert thread.comments[-1].text.startswith("[...] the harbour line")
    assert "Reply" not in thread.comments[-1].text
    _assert_roles_cover(page, thread)


def test_a_leave_your_reply_form_with_starred_field_notes_ends_the_comments():
    page = ARTICLE_LINES + "\n3 Comments\n\n" + "".join(
        f"{name} says:\nNovember 2{k}, 2010 at 6:11 pm\n{words}\n" for k, (name, words) in enumerate((
            ("Anna", "I take the night bus on Fridays and it was missed."),
            ("Bob", "Half an hour is too long a wait in winter, I think."),
            ("Carla", "Thank you for the news, my son works late shifts.")))) + (
        "Leave Your Reply Below...\nUsername (*required)\nEmail Address (*private)\nWebsite (*optional)\n"
        "Buy the harbour book\nRead the first chapter free\n")
    thread = parse_text_page(page)
    assert thread.comments[-1].text == "Thank you for the news, my son works late shifts."
    _assert_roles_cover(page, thread)


#: A story's two paragraphs under its headline and byline, for the title and author tests below.
_FERRY_STORY = (
    "The ferry operator said on Monday that the early crossing will not run from November until March, "
    "because too few passengers used it last winter.",
    "Commuters who rely on the early boat say the change leaves them an hour late for work, and the "
    "council has asked the operator to think again before the timetable is printed.",
)


def test_title_is_the_headline_over_the_byline_not_a_login_line_shown_twice_at_the_top():
    page = "\n".join([
        "Island Letters",
        "Forgot your password?",
        "Create an account and stay signed in",
        "Forgot your password?",
        "Latest stories from around the bay",
        "Most read this week on the site",
        "Photos of the week in the bay",
        "Ferry timetable cut for the winter months",
        "by Mara Quinn on January 31, 2011",
        *_FERRY_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "Ferry timetable cut for the winter months"
    assert "early crossing" in thread.article


def test_story_author_is_read_from_the_byline_under_the_headline():
    page = "\n".join([
        "Island Letters",
        "Ferry timetable cut for the winter months",
        "by Mara Quinn on January 31, 2011",
        *_FERRY_STORY,
    ])
    thread = parse_text_page(page)
    assert (thread.author, thread.published) == ("Mara Quinn", "2011-01-31")
