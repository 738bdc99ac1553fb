"""Text parser: comment layouts of news sites (invented example pages)."""

from moderation.parsing.text import _meta_of, _to_iso


def test_clock_time_before_a_two_digit_year_date():
    meta = _meta_of("Posted by: marlow22, Kettering on 6:40pm Sat 3 Mar 07")
    assert meta is not None and meta.author is not None and meta.author.startswith("marlow22")
    assert _to_iso(meta.date) == "2007-03-03T18:40:00"


def test_month_first_two_digit_year_with_time_after():
    meta = _meta_of("Fri, Mar 9, 07 at 04:05 PM")
    assert meta is not None
    assert _to_iso(meta.date) == "2007-03-09T16:05:00"
