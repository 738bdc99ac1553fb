"""Reading the dates pages write: "November 2, 2012 at 3:05 pm", "8. Dezember 2010", "28.09.19 13:55".

One cached entry point, :func:`parse_date`, turns a date as a page shows it into ISO 8601, or
None when it cannot be read with confidence; the HTML parser calls it for story and comment dates.
English month-first dates are read without dateutil (most of them); German, French, Spanish,
Italian and Dutch month names are put in English first, since dateutil reads "8. Dezember 2010"
as 1 August.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from ._byline import DATE_IN_TEXT
from ._yearless import hour_of_day

__all__ = ["FOREIGN_MONTH", "FOREIGN_ON", "WEEKDAY_END", "clean_line", "english_months", "parse_date"]

_WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean_line(line: str) -> str:
    """``line`` with runs of spaces (no-break and thin spaces too) made one space, and trimmed."""
    return _WS.sub(" ", line).strip()


_MONTHS = {name: number for number, names in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
    for name in (names,)}
#: "November 2, 2012 at 3:05 pm", "Nov. 2nd 2012 15:05" (month first, English) read without dateutil.
_FAST_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s*(?:at|@|-|\|)?\s*(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?\s*(?P<ampm>[ap]\.?m\.?)?)?$",
    re.I,
)


def _fast_date(value: str) -> str | None:
    m = _FAST_DATE.match(value)
    if not m:
        return None
    try:
        day = datetime(int(m.group("year")), _MONTHS[m.group("month").lower()], int(m.group("day")))
    except ValueError:
        return None
    if m.group("hour") is None:
        return day.date().isoformat()
    hour, minute = hour_of_day(int(m.group("hour")), m.group("ampm")), int(m.group("minute"))
    second = int(m.group("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return day.replace(hour=hour, minute=minute, second=second).isoformat()


#: A day, a month name and a two-digit year ("1 Jan 08"): the year is not a stray number.
_SHORT_YEAR = re.compile(
    r"(?:\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+'?\d\d"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+'?\d\d"  # "Jan 17, 08 at 03:13 PM"
    r")(?:\s+(?:at\s+)?\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?)?$", re.I)


#: A dotted day-first date with a two-digit year of this century, and perhaps a time: "28.09.19 13:55".
_DOTTED_SHORT_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.([0-3]\d)(?:,?\s+(?:um\s+)?(\d{1,2}):(\d\d)(?:\s*uhr)?)?$", re.I)


#: Month names of the German, French, Spanish, Italian and Dutch pages, to their English abbreviations.
_FOREIGN_MONTHS = {
    name: english
    for english, names in (
        ("Jan", "januar jänner janvier enero gennaio januari"), ("Feb", "februar février fevrier febrero febbraio februari"),
        ("Mar", "märz maerz mär mars marzo maart"), ("Apr", "avril abril aprile"),
        ("May", "mai mayo maggio mei"), ("Jun", "juni juin junio giugno"), ("Jul", "juli juillet julio luglio"),
        ("Aug", "août aout agosto augustus"), ("Sep", "septembre septiembre settembre"),
        ("Oct", "oktober okt octobre octubre ottobre"), ("Nov", "novembre noviembre"),
        ("Dec", "dezember dez décembre decembre diciembre dicembre"),
    )
    for name in names.split()
}
FOREIGN_MONTH = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
                            + r")(?![^\W\d_])\.?", re.I)


def english_months(text: str) -> str:
    """``text`` with German, French, Spanish, Italian and Dutch month names in English ("8. Dec 2010")."""
    return FOREIGN_MONTH.sub(lambda m: _FOREIGN_MONTHS[m.group(0).lower().rstrip(".")], text)


#: The word for "on" before a date in German, French, Spanish, Italian and Dutch bylines.
FOREIGN_ON = re.compile(r"\s+(?:am|le|el|il|op)\s*$", re.I)
#: A weekday just before a date, in English, German or French ("Heidemarie Heim | Di, 21. April 2020").
WEEKDAY_END = re.compile(
    r"(?:\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun|mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lun|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche)(?:day)?\.?,?)\s*$",
    re.I,
)


@lru_cache(maxsize=4096)
def parse_date(value: str | None, dayfirst: bool = False) -> str | None:
    """ISO 8601 for a date as pages show it, or None when it cannot be read with confidence.

    ``dayfirst`` reads a date of numbers only ("12.04.2020") day first, as pages in most languages
    other than English write it.
    """
    if not value:
        return None
    value = clean_line(value)
    if not value or len(value) > 80:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:  # a day alone ("2019-01-01") stays a day, not midnight
        return parsed.date().isoformat() if len(value) == 10 else parsed.isoformat()
    short = _DOTTED_SHORT_YEAR.match(value)
    if short:  # "28.09.19 13:55": day, month, two-digit year, as German forums write it
        day, month, year, hour, minute = (int(g) if g else 0 for g in short.groups())
        try:
            return (datetime(2000 + year, month, day, hour, minute).isoformat() if short.group(4)
                    else datetime(2000 + year, month, day).date().isoformat())
        except ValueError:
            return None
    if not (re.search(r"\b(?:1[89]|20)\d\d\b", value) or _SHORT_YEAR.search(value)):
        return None
    if not value.isascii() or FOREIGN_MONTH.search(value):
        value = english_months(value)  # dateutil reads "8. Dezember 2010" as August 1st
    fast = _fast_date(value)
    if fast:
        return fast
    written = DATE_IN_TEXT.search(value)
    if written and written.group(0) != value:
        # only the date part: other numbers around it ("by 94 Labs on October 19, 2011") are no year
        return parse_date(written.group(0), dayfirst)
    try:
        from dateutil import parser as dateparser
    except ImportError:  # pragma: no cover - dateutil comes with trafilatura
        return None
    cleaned = re.sub(r"\b(?:at|um|à|a las|alle|om|on|le|am)\b", " ", value, flags=re.I)
    cleaned = cleaned.replace("|", " ").replace("@", " ")
    try:
        parsed = dateparser.parse(cleaned, fuzzy=True, ignoretz=True, default=datetime(1900, 1, 1), dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1900:
        return None
    if parsed.hour == 0 and parsed.minute == 0 and not re.search(r"\d:\d", value):
        return parsed.date().isoformat()
    return parsed.isoformat()
