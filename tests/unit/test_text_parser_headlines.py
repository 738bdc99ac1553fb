"""Unit tests for how the plain-text parser finds a story's headline (the thread title)."""

from __future__ import annotations

from moderation.parsing.text import parse_text_page

#: Two paragraphs of a made-up local story about an orchard.
_ORCHARD_STORY = (
    "The volunteers who look after the old orchard behind the school picked more than four hundred kilos "
    "of apples this autumn, twice as many as last year.",
    "Most of the fruit went to the food bank in town, and the rest was pressed into juice that the pupils "
    "sold at the winter fair to pay for new trees.",
)

#: The top of a copied blog page: its name, a tagline and a menu of links.
_BLOG_TOP = (
    "Greenfield Notes",
    "Small news from a small town",
    "Home",
    "Archives",
    "About us",
    "Write to the editors",
    "Browse our stories by month",
    "Meet the people who write here",
    "Subscribe",
)


def _roles_cover(page: str, thread) -> bool:
    numbers = sorted(n for role in thread.line_roles.values() for n in role)
    wanted = [i for i, line in enumerate(page.split("\n"), start=1) if line.strip()]
    return numbers == wanted


def test_headline_right_over_the_story_beats_a_menu_line_at_the_top():
    page = "\n".join([*_BLOG_TOP, "", "A record apple harvest for the school orchard", "", *_ORCHARD_STORY])
    thread = parse_text_page(page)
    assert thread.title == "A record apple harvest for the school orchard"
    assert thread.article.startswith("The volunteers")
    assert _roles_cover(page, thread)


def test_headline_ending_in_a_question_mark_over_a_byline_is_the_title_not_article():
    page = "\n".join([
        "Greenfield Notes", "Home", "About", "Contact",
        "Will the orchard survive another dry summer?",
        "by Tom Ashdown on October 3, 2012",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "Will the orchard survive another dry summer?"
    assert not thread.article.startswith("Will the orchard")
    assert _roles_cover(page, thread)


def test_short_headline_over_a_date_is_a_title_not_a_commenter_name():
    page = "\n".join([
        "Greenfield Notes", "Home", "About",
        "Orchard open day",
        "October 18th, 2012 by Tom in News",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "Orchard open day"


def test_breadcrumb_and_share_lines_over_the_story_are_no_headline():
    page = "\n".join([
        "Greenfield Notes",
        "A record apple harvest for the school orchard",
        "by Tom Ashdown on October 3, 2012",
        "Sections: Town » School » Gardens",
        "Share this story:",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "A record apple harvest for the school orchard"


def test_first_half_of_a_broken_sentence_is_no_headline():
    page = "\n".join([
        "Greenfield Notes",
        "A record apple harvest for the school orchard",
        "by Tom Ashdown on October 3, 2012",
        "Photo: the orchard in October",
        "The volunteers who look after the old orchard behind the",
        "school picked more than four hundred kilos of apples this autumn, twice as many as last year.",
        _ORCHARD_STORY[1],
    ])
    thread = parse_text_page(page)
    assert thread.title == "A record apple harvest for the school orchard"


def test_links_to_the_previous_and_next_post_are_no_story_and_no_headline():
    page = "\n".join([
        "Greenfield Notes",
        "Small news from a small town",
        "« Older post: the winter fair raised more money than ever before |",
        "Newer post: the school choir sings at the town hall on Friday night »",
        "A record apple harvest for the school orchard",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "A record apple harvest for the school orchard"
    assert thread.article.startswith("The volunteers")
    assert _roles_cover(page, thread)


def test_headline_in_title_case_over_the_story_beats_a_menu_line_over_it():
    page = "\n".join([
        "Greenfield Notes",
        "Home Town School Sport Weather",
        "← Earlier: the winter fair raised more money than ever before",
        "Will the School Orchard Beat Last Year's Record Harvest?",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "Will the School Orchard Beat Last Year's Record Harvest?"
    assert thread.article.startswith("The volunteers")


def test_sentence_case_first_line_without_byline_stays_in_the_article_under_a_headline():
    page = "\n".join([
        "Greenfield Notes",
        "A record apple harvest for the school orchard",
        "What a year it has been for the orchard behind the school?",
        *_ORCHARD_STORY,
    ])
    thread = parse_text_page(page)
    assert thread.title == "A record apple harvest for the school orchard"
