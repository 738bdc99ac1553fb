"""Text parser: comment layouts of news sites (invented example pages)."""

from moderation.parsing.text import _meta_of, _to_iso, parse_text_page


def _roles(thread):
    return {number: role for role, numbers in thread.line_roles.items() for number in numbers}


def test_clock_time_before_a_two_digit_year_date():
    meta = _meta_of("Posted by: marlow22, Kettering on 6:40pm Sat 3 Mar 07")
    assert meta is not None and meta.author is not None and meta.author.startswith("marlow22")
    assert _to_iso(meta.date) == "2007-03-03T18:40:00"


def test_month_first_two_digit_year_with_time_after():
    meta = _meta_of("Fri, Mar 9, 07 at 04:05 PM")
    assert meta is not None
    assert _to_iso(meta.date) == "2007-03-09T16:05:00"


def test_signed_news_comments_without_header():
    page = "\n\n".join([
        "Harbour bridge to close for repairs",
        "The council said on Monday that the old harbour bridge will close for six weeks while engineers "
        "replace the worn steel cables that hold up its eastern span.",
        "Drivers will be sent along the coast road, which adds about ten minutes to the trip into town "
        "for most people who live on the north side.",
        "7:02pm Monday 5th March 2007",
        "Posted by: gullwatcher, Northport on 8:15pm Mon 5 Mar 07",
        "About time too, the cables have looked rusty for years and I never liked driving over it.",
        "Quote | Report this post",
        "Posted by: Tilly B, Southsea on 9:40pm Mon 5 Mar 07",
        "Six weeks is optimistic. Did you see how long the ferry pier took?",
        "Quote | Report this post",
        "Posted by: ron the roofer on 7:05am Tue 6 Mar 07",
        "I drive the coast road every day and it is already full at eight. Good luck to us all.",
        "Quote | Report this post",
        "Add your comment",
        "Email:",
        "Password:",
    ])
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [
        "About time too, the cables have looked rusty for years and I never liked driving over it.",
        "Six weeks is optimistic. Did you see how long the ferry pier took?",
        "I drive the coast road every day and it is already full at eight. Good luck to us all.",
    ]
    assert thread.comments[0].published == "2007-03-05T20:15:00"
    assert thread.comments[2].author == "ron the roofer"
    assert "Quote | Report this post" in thread.comments[0].block
    assert "harbour bridge will close" in thread.article


def test_posted_by_line_names_the_commenter_without_the_town():
    meta = _meta_of("Posted by: Greta Holm of Lakeside 10:12pm March 4, 2007")
    assert meta.author == "Greta Holm" and meta.posted and not meta.signs
    assert _to_iso(meta.date) == "2007-03-04T22:12:00"
    assert _meta_of("Posted by: walks the dog, Eastfield on 6:01am Wed 7 Mar 07").author == "walks the dog"


def test_dash_led_posted_by_line_is_a_signature():
    meta = _meta_of("— Posted by Ines, Porto Alegre")
    assert meta.author == "Ines" and meta.signs


def test_header_words():
    from moderation.parsing.text import _header_count

    assert _header_count("Comment(s)") == (True, None)
    assert _header_count("3 Comment(s)") == (True, 3)
    assert _header_count("READER COMMENTS ON THIS STORY")[0]
    assert _header_count("4 comments posted — Post a new comment") == (True, 4)
    assert _header_count("Have your say")[0]


def test_numbered_comments_with_broken_dates_and_signatures_under_a_listing():
    page = "\n\n".join([
        "Why the night bus matters",
        "The city plans to cut the night bus routes next spring, and the columnists are not happy about it. "
        "Several of them argue that shift workers have no other way to get home.",
        "One writer says the savings are small compared with the cost of taxis for the hospital staff.",
        "3 comments so far...",
        "1.",
        "March 2nd,",
        "2007",
        "9:14 pm",
        "I ride the last bus home from the bakery every night. Without it I would have to walk an hour.",
        "— Posted by Odile, Lyon",
        "2.",
        "March 3rd,",
        "2007",
        "1:02 am",
        "Taxis are not an option on my wage, so thank you for writing about this.",
        "— Posted by Sam K",
        "3.",
        "March 3rd,",
        "2007",
        "8:30 am",
        "Cut the daytime duplicates instead. Two buses an hour on the ring road is plenty.",
        "— Posted by Priya",
        "Add your comments...",
        "Name",
        "Recent Posts",
        "March 4",
        "12 comments",
        "A quieter harbour",
        "March 3",
        "40 comments",
        "Rents again",
        "March 2",
        "7 comments",
        "Old stadium, new park",
    ])
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [
        "I ride the last bus home from the bakery every night. Without it I would have to walk an hour.",
        "Taxis are not an option on my wage, so thank you for writing about this.",
        "Cut the daytime duplicates instead. Two buses an hour on the ring road is plenty.",
    ]
    assert [c.author for c in thread.comments] == ["Odile", "Sam K", "Priya"]
    assert thread.comments[1].published == "2007-03-03T01:02:00"
    assert thread.comments[0].block.startswith("1.\nMarch 2nd,\n2007")


def test_single_comment_under_a_form_line_shown_twice():
    page = "\n\n".join([
        "Library to open on Sundays",
        "The town library will open on Sunday afternoons from next month, the council announced, after a "
        "petition signed by more than two thousand residents.",
        "Staff will work the extra hours on a rota, and the cafe on the ground floor will open too.",
        "Add Comment",
        "Posted by: bookworm of the west on 3:12pm Fri 9 Mar 07",
        "Finally. Sunday is the only day many of us have time to read.",
        "The cafe is a nice touch as well.",
        "Finally. Sunday is the only day many of us have time to read.",
        "The cafe is a nice touch as well.",
        "Quote | Report this post",
        "Add your comment",
        "Email:",
        "Password:",
    ])
    thread = parse_text_page(page)
    assert [c.text for c in thread.comments] == [
        "Finally. Sunday is the only day many of us have time to read.\nThe cafe is a nice touch as well."]
    assert thread.comments[0].author == "bookworm of the west"
    roles = _roles(thread)
    assert roles[17] == "boilerplate" and roles[19] == "boilerplate"  # the second copy


def test_line_repeated_by_the_reader_is_kept():
    from moderation.parsing.text import _Draft, _drop_doubled_body, _Line

    draft = _Draft(body=[_Line(n, "no no no") for n in (1, 2, 3, 4)])
    _drop_doubled_body(draft, [])
    assert len(draft.body) == 4


def test_comments_signed_below_with_posted_by_under_a_bare_header():
    page = "\n\n".join([
        "Council votes on the new ferry timetable",
        "The council voted on Tuesday to keep the early ferry, after a long debate about the cost of the "
        "crews and the falling number of passengers on the first crossing of the day.",
        "Listed Under: Transport, Council | Comments (2) : Post Comment",
        "Comments",
        "The early crossing carried fewer than twenty people a day last winter, according to the figures.",
        "Posted By: tidewatcher | March 6 2007 at 10:02 AM",
        "so the crews sit idle half the morning...",
        "Posted By: marenko | March 6 2007 at 11:40 AM",
        "Post a Comment",
        "Sign On to post your comment.",
    ])
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["tidewatcher", "marenko"]
    assert thread.comments[1].text == "so the crews sit idle half the morning..."


def test_date_under_the_words_belongs_to_the_comment_above():
    page = "\n\n".join([
        "Pickled beetroot, the quick way",
        "This is the recipe my aunt used every autumn, written down at last. It takes twenty minutes and keeps "
        "for a month in the fridge.",
        "2 comments:",
        "Marta said...",
        "Made it today and it is lovely, thank you!",
        "October 3, 2011 9:12 AM",
        "Jonas said...",
        "Can I use cider vinegar instead?",
        "October 4, 2011 6:40 PM",
        "Post a Comment",
    ])
    thread = parse_text_page(page)
    assert [(c.author, c.published) for c in thread.comments] == [
        ("Marta", "2011-10-03T09:12:00"), ("Jonas", "2011-10-04T18:40:00")]
    assert thread.comments[1].block.endswith("October 4, 2011 6:40 PM")


def test_count_tab_header_and_write_your_own_comment_form():
    from moderation.parsing.text import _header_count, _is_form

    assert _header_count("Comments (4), Hidden Comments (1):") == (True, 4)
    assert _is_form("Write your own comment:")


def test_numbered_list_signed_below_keeps_its_first_comment():
    page = "\n\n".join([
        "New tablet is thinner than ever",
        "The company showed its new tablet on Tuesday. It is a few millimetres thinner than last year's model "
        "and the battery is said to last a whole working day.",
        "Prices start at the same level as before, and the first units ship next month.",
        "Display options",
        "1: Too thin?",
        "I worry that something this thin will bend in a backpack. I had that with my last phone.",
        "kestrel (3 days ago)",
        "reply",
        "2: Battery",
        "A whole working day is what they said last time too, and mine lasted until lunch.",
        "olafur (3 days ago)",
        "reply",
        "3: Fine by me",
        "I only read on it in bed anyway, thinner is better for me.",
        "dee_dee (2 days ago)",
        "reply",
        "Post new comment",
    ])
    thread = parse_text_page(page)
    assert [c.author for c in thread.comments] == ["kestrel", "olafur", "dee_dee"]
    assert thread.comments[0].text.startswith("1: Too thin?\nI worry")


def test_comment_link_over_a_blog_posts_own_byline_opens_no_comments():
    page = "\n\n".join([
        "My garden diary",
        "Leave a comment",
        "Posted by Hedda on March 3, 2012 at 10:00 am",
        "I planted the first tomatoes today, and you would not believe how cold the soil still was this morning.",
        "We had frost last week, so I waited, but my neighbour says you should never wait past the first of March.",
        "Next week I will try the peppers. Let me know what you plant first in your garden!",
        "Share this:",
        "Leave a Reply",
        "Your email address will not be published.",
    ])
    thread = parse_text_page(page)
    assert thread.comments == []
    assert thread.article.startswith("I planted the first tomatoes")


def test_counted_header_over_the_story_still_opens_the_talkbacks_below_it():
    story = [f"Paragraph {n} of the story says that the port will need new cranes, more staff and a longer quay "
             f"before the larger ships can call there, which the ministry expects to take several years." for n in
             ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")]
    talkbacks = []
    for n, (title, name, place) in enumerate([("Finally some good news", "Rafi G", "Haifa"),
                                              ("This is far too slow", "Dana", "Eilat"),
                                              ("And who pays for it?", "M. Levi", "Ashdod")], start=1):
        talkbacks += [f"{4 - n}. {title}", name, "-", place, f"(01/0{n}/2008 1{n}:05)"]
    page = "\n\n".join(["Port expansion plan approved", "Talkbacks for this article: 3", *story,
                        "Post comment |", "Report Abuse", *talkbacks, "Print this story"])
    thread = parse_text_page(page)
    assert len(thread.comments) == 3
    assert thread.comments[0].text.startswith("Finally some good news")
    assert "Paragraph one of the story" in thread.article
