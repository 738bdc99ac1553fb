"""Comment dates written without a year ("Monday July 23, @08:35PM", "January 7 17:00"), dated by the story.

Many comment systems leave the year out of a comment's byline when it is the current one. The
story's own date then tells the year: a comment is written on or after the story, and rarely more
than half a year later. A weekday, where the byline gives one, must agree with the year chosen.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

__all__ = ["copyright_year", "hour_of_day", "yearless_date"]

_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A day and a month with no year after them, then perhaps a time; "Aug 9, 10:14 AM" has a time, not a year.
_YEARLESS = re.compile(
    r"(?:\b(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?<!\d )(?<!\d\.)\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"  # not "7 Aug 12": a day before
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month2>{_MONTH}))"
    r"(?!,?\s*'?\d{2,4}\b(?!:))"
    r"(?:,?\s*(?:at|@)?\s*(?P<hour>\d{1,2}):(?P<minute>\d\d)\s*(?P<ampm>[ap]\.?m\.?)?)?",
    re.I,
)
#: How long after the story a comment may be dated; later than that, the year is not safe to guess.
_AFTER = timedelta(days=183)
#: A story dated a little after its first comments (an update time) still anchors them.
_BEFORE = timedelta(days=2)


def _story_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10]).date()
    except ValueError:
        return None


#: The page's copyright year, the latest one named: "© 2012 All Rights Reserved", "Copyright 2004-2012".
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*[-\u2013]\s*)?((?:19|20)\d\d)\b", re.I)


def copyright_year(text: str) -> int | None:
    """The latest year a page's copyright line names, or None.

    Examples
    --------
    >>> copyright_year("Terms | Copyright 2004-2012 Example Media | Privacy")
    2012
    """
    years = [int(m.group(1)) for m in _COPYRIGHT.finditer(text)]
    return max(years) if years else None


def yearless_date(lines: list[str], story_published: str | None, year_hint: int | None = None) -> str | None:
    """The first date without a year in ``lines``, dated in the story's year (or the next), as ISO 8601.

    Parameters
    ----------
    lines : list of str
        Byline lines of one comment (its author and date lines, not its words).
    story_published : str or None
        The story's date, ISO 8601.
    year_hint : int, optional
        A year the page names when the story's date is unknown (its copyright year). It is used
        only for dates that give a weekday: of the hint and the years either side of it, the
        one where that day falls on that weekday (weekdays repeat no sooner than every 5 years).

    Returns
    -------
    str or None
        ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:00``; None when no such date is found, when it would
        fall more than half a year after the story or before it, or when its weekday fits neither year.

    Examples
    --------
    >>> yearless_date(["by Ann (1234) on Monday July 23, @08:35PM"], "2012-07-23")
    '2012-07-23T20:35:00'
    >>> yearless_date(["Jan 2 9:15"], "2012-12-30")
    '2013-01-02T09:15:00'
    """
    story = _story_day(story_published)
    if story is None and year_hint is None:
        return None
    for line in lines:
        if len(line) > 120:
            continue
        m = _YEARLESS.search(line)
        if not m:
            continue
        month = _MONTH_NUMBERS[(m.group("month") or m.group("month2"))[:3].lower()]
        day = int(m.group("day") or m.group("day2"))
        if story is not None:
            when = _in_year_near(story, month, day, m.group("weekday"))
        else:
            when = _in_year_of_weekday(year_hint, month, day, m.group("weekday"))
        if when is None:
            return None
        if m.group("hour") is None:
            return when.isoformat()
        hour, minute = hour_of_day(int(m.group("hour")), m.group("ampm")), int(m.group("minute"))
        if hour > 23 or minute > 59:
            return when.isoformat()
        return datetime(when.year, when.month, when.day, hour, minute).isoformat()
    return None


def hour_of_day(hour: int, ampm: str | None) -> int:
    """The 24-hour hour of a clock time written with or without "am"/"pm" ("12 am" is 0, "3 pm" 15)."""
    ampm = (ampm or "").lower()
    if ampm.startswith("p") and hour < 12:
        return hour + 12
    if ampm.startswith("a") and hour == 12:
        return 0
    return hour


def _in_year_of_weekday(year: int, month: int, day: int, weekday: str | None) -> date | None:
    if not weekday:
        return None
    for candidate in (year, year - 1, year + 1):
        try:
            when = date(candidate, month, day)
        except ValueError:
            continue
        if _WEEKDAYS[when.weekday()] == weekday[:3].lower():
            return when
    return None


def _in_year_near(story: date, month: int, day: int, weekday: str | None) -> date | None:
    for year in (story.year, story.year + 1, story.year - 1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue  # 29 February in a year without one
        if not story - _BEFORE <= when <= story + _AFTER:
            continue
        if weekday and _WEEKDAYS[when.weekday()] != weekday[:3].lower():
            continue
        return when
    return None
