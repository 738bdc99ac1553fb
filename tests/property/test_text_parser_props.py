"""Properties of the text-page parser: it never raises on text and accounts for every line."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.parsing.text import parse_text_page

# Lines built from the parser's own cues, so that generated pages reach its comment logic.
_CUES = st.sampled_from([
    "", " ", "Reply", "[Reply]", "Antworten", "12 Comments", "Comments (3)", "Kommentare",
    "3 thoughts on “A title”", "Leave a Reply", "Your email address will not be published.",
    "Anna says:", "Bob said...", "Posted by: Carla | March 3, 2020 at 10:15 AM",
    "by Dan on January 31, 2011 at 9:59 am. Reply #", "4. Oktober 2020 um 09:12 Uhr",
    "  1. A numbered comment with several words in it.", "2. Another one, also long enough to read.",
    "#tag #other", "close", "Name *", "0 Comments", "vor 3 Tagen", "2 hours ago",
    "This is an ordinary sentence of article text that goes on for a while.",
])
_LINE = st.one_of(_CUES, st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))


def _check(page: str) -> None:
    thread = parse_text_page(page)
    numbers = [n for values in thread.line_roles.values() for n in values]
    lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected = {n for n, line in enumerate(lines, start=1) if line.strip()}
    assert len(numbers) == len(set(numbers)), "a line has two roles"
    assert set(numbers) == expected, "a non-blank line has no role"
    for comment in thread.comments:
        assert comment.text.strip()
    assert [c.position for c in thread.comments] == list(range(1, len(thread.comments) + 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=60))
def test_structured_pages_keep_every_line(lines):
    _check("\n".join(lines))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text):
    _check(text)


def test_large_page_is_fast():
    block = "\n".join([
        "Anna says:", "March 12, 2021 at 9:14 am", "A comment line with some words in it.", "Reply", "",
        "This is an ordinary sentence of article text that goes on for a while.", "",
    ])
    page = "A title of the page\n\n" + "\n".join([block] * 3000)  # 21,000 lines
    started = time.perf_counter()
    _check(page)
    assert time.perf_counter() - started < 20


def test_pathological_long_line():
    page = "Reply " * 20000 + "\n" + "a" * 200000 + "\n" + "1. " * 30000 + "\n12 Comments\n" + ":" * 50000
    _check(page)
