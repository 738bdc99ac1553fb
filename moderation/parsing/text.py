"""Parse plain-text pages copied from a browser into an article and its reader comments."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property, lru_cache

from ..errors import InputError
from ..threads import Comment, Thread
from ._byline import author_in_lines

__all__ = [
    "COMMENT_WORDS",
    "CONTROL_WORDS",
    "FORM_PHRASES",
    "MONTHS",
    "parse_text_page",
]

# ---------------------------------------------------------------------------------------------
# Marker words. Everything language-specific lives here so that a new language is a data change.
# ---------------------------------------------------------------------------------------------

#: Words that name a comment section in a header ("12 Comments", "Kommentare (3)", ...).
COMMENT_WORDS = (
    "comments", "comment", "responses", "response", "replies", "reply", "thoughts", "reactions", "discussion",
    "kommentare", "kommentar", "leserkommentare", "antworten", "gedanken", "reaktionen", "meinungen", "diskussion",
    "commentaires", "commentaire", "réactions", "commenti", "commento", "comentarios", "comentario",
    "reacties", "reactie", "komentarze", "kommentarer", "talkbacks", "talkback",
)

#: Header phrases that name a comment section without a count.
HEADER_PHRASES = (
    "comments", "reader comments", "readers' comments", "user comments", "discussion", "responses",
    "what readers say", "have your say", "kommentare", "leserkommentare", "diskussion", "vos réactions",
    "commentaires", "réactions", "commenti", "comentarios", "reacties",
)

#: Header prefixes that name a comment section and may be followed by a title ("One thought on ...").
HEADER_PREFIXES = (
    "one comment", "one thought on", "one response to", "one reply to", "ein kommentar",
    "ein gedanke zu", "eine antwort zu", "eine antwort auf", "ein kommentar zu", "un commentaire", "un comentario",
)

#: Lines that mention comments but do not open a comment section.
NOT_HEADER_PHRASES = (
    "recent comments", "latest comments", "most commented", "top comments", "comments feed",
    "comments rss", "rss", "atom", "comments are closed", "no comments", "0 comments", "policy",
    "neueste kommentare", "letzte kommentare", "keine kommentare", "derniers commentaires",
    "jump to comments", "add comment", "add a comment", "open for comments", "show comments",
    "view comments", "read comments", "comments off", "kommentare deaktiviert",
)

#: Phrases of comment forms and the notes around them; a line containing one is boilerplate
#: and, once comments have started, ends the comment section.
FORM_PHRASES = (
    "leave a reply", "leave a comment", "leave a response", "leave your comment", "leave your reply", "leave comment",
    "post a comment", "post a new comment", "post comment", "add a comment", "add comment", "write a comment", "write comment",
    "write your own comment", "post your own comment",
    "submit comment", "submit a comment", "your email address will not be published",
    "your email will not be published", "email will not be published", "will not be published",
    "required fields are marked", "notify me of follow-up comments", "notify me of followup comments",
    "notify me of new", "save my name, email", "you must be logged in", "comments are closed", "cancel reply",
    "click here to cancel reply", "comments are moderated", "powered by disqus", "your comment", "comment policy",
    "schreibe einen kommentar", "kommentar verfassen", "kommentar schreiben", "kommentar abschicken",
    "hinterlasse einen kommentar", "hinterlasse eine antwort", "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder", "pflichtfelder", "antworten abbrechen", "benachrichtige mich",
    "ihr kommentar", "dein kommentar", "laisser un commentaire", "votre adresse e-mail ne sera pas publiée",
    "les champs obligatoires", "annuler la réponse", "lascia un commento", "deja un comentario",
    "join the discussion", "options to log in", "sign in with your", "log in to comment", "log in) to comment", "login to comment", "sign in to comment",
    "sign up to comment", "register to comment",
    "sie müssen sich einloggen", "müssen angemeldet sein", "musst angemeldet sein", "um einen kommentar abzugeben",
    "um einen kommentar zu schreiben",
)

#: The FORM_PHRASES that also mark a long line: the notes printed under comment forms. Other
#: phrases ("your comment", "leave a comment") occur in readers' own sentences too.
FORM_NOTE_PHRASES = (
    "will not be published", "required fields are marked", "notify me of follow-up comments",
    "notify me of followup comments", "notify me of new", "save my name, email", "you must be logged in",
    "comments are closed", "comments are moderated", "powered by disqus", "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder", "pflichtfelder", "benachrichtige mich",
    "votre adresse e-mail ne sera pas publiée", "les champs obligatoires",
)

#: Short lines that are comment-form fields.
FORM_FIELDS = (
    "name", "name *", "name*", "name (required)", "email", "email *", "e-mail", "e-mail *", "mail",
    "website", "url", "comment", "comment *", "message", "submit", "post", "send", "preview",
    "kommentar", "webseite", "absenden", "nom", "site web", "commentaire", "envoyer",
)

#: Words of per-comment controls ("Reply", "Report abuse", "Daumen hoch"); a short line made only
#: of these (and numbers or punctuation) is a control line.
CONTROL_WORDS = (
    "reply", "replies", "report", "abuse", "permalink", "link", "like", "likes", "unlike", "quote",
    "flag", "share", "edit", "delete", "rate", "up", "down", "vote", "votes", "actions", "to", "this",
    "comment", "parent", "as", "inappropriate", "loading", "thumbs", "point", "points", "hide",
    "show", "collapse", "expand", "respond", "#", "via", "mobile", "top", "helpful", "yes", "no",
    "antworten", "antwort", "melden", "zitieren", "daumen", "hoch", "runter", "permanenter",
    "aufklappen", "zuklappen", "gefällt", "mir", "zum", "anmelden", "répondre", "signaler", "rispondi", "responder",
    "beantwoorden", "reageren", "odpowiedz", "replydelete", "delete", "login", "log", "in", "sign", "or", "and",
    "post",  # "Quote | Report this post"
)

#: Verbs that follow a commenter's name ("Anna says:", "Bob said...", "Carla schreibt:").
SAYS_WORDS = (
    "says", "said", "wrote", "writes", "sagt", "sagte", "schreibt", "schrieb", "meint", "dit",
    "a dit", "a écrit", "écrit", "scrive", "ha scritto", "dice", "escribió", "schreef", "zegt",
)

#: Words that introduce an author ("Posted by", "von") in bylines and comment meta lines.
BY_WORDS = ("posted by", "written by", "submitted by", "comment by", "kommentar von", "commentaire de", "by", "von",
            "par", "di", "por", "door")

#: Short lines of site chrome and sharing widgets.
CHROME_WORDS = (
    "tweet", "share", "share this", "facebook", "twitter", "email", "print", "pinterest", "linkedin",
    "reddit", "whatsapp", "instagram", "youtube", "rss", "home", "menu", "search", "close", "login",
    "log in", "sign in", "sign up", "register", "subscribe", "more", "more...", "next", "previous",
    "older post", "newer post", "back to top", "top", "skip to content", "source", "related",
    "related posts", "tags", "categories", "archives", "like this:", "loading...", "teilen",
    "drucken", "suche", "startseite", "weiterlesen", "read more", "continue reading", "advertisement",
    "anzeige", "werbung", "partager", "imprimer", "accueil", "newest", "oldest", "sort by",
    "filter by:", "display:", "expanded", "collapsed", "sort", "best", "popular",
    # lines are compared after _norm, which strips the end punctuation of the entries above
    "loading", "like this", "filter by", "display",
)

#: A comment widget's loading notes and buttons; never a reader's words, wherever they stand in the list.
WIDGET_NOTES = ("loading", "loading comments", "comments loading", "kommentare werden geladen", "kommentare laden",
                "lade kommentare", "wird geladen", "chargement des commentaires", "chargement",
                "show all comments", "view all comments", "load more comments", "alle kommentare anzeigen",
                "kommentar anzeigen", "weitere kommentare laden", "afficher tous les commentaires")

#: Lines inside a comment section that are notes about it, not comments.
SECTION_NOTES = (
    "you can follow this conversation", "you can follow any responses", "trackback", "pingback",
    "subscribe to comments", "comment feed", "comment's feed", "comment’s feed", "sort the responses", "sort by", "show more comments",
    "load more comments", "view more comments", "older comments", "newer comments",
    "previous comments", "next comments", "the following comments are owned", "this is only a preview",
    "your comment has", "your comment could not", "comments for this thread are now closed",
    "weitere kommentare", "ältere kommentare", "neuere kommentare", "feed for this entry",
    "comments feed", "rss feed for comments",
    # a comment widget's sort and follow buttons ("Oldest First / Newest First", "+ Follow conversation")
    "oldest first", "newest first", "sort: newest", "sort: oldest", "follow conversation",
)

#: Month names (and common abbreviations) in the languages seen on pages, mapped to numbers.
MONTHS = {
    **{m: i for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)},
    "sept": 9,
    **{m: i for i, m in enumerate(
        ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
         "oktober", "november", "dezember"), start=1)},
    "jänner": 1, "mrz": 3, "okt": 10, "dez": 12, "maerz": 3,
    **{m: i for i, m in enumerate(
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"), start=1)},
    **{m: i for i, m in enumerate(
        ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre"), start=1)},
    **{m: i for i, m in enumerate(
        ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
         "ottobre", "novembre", "dicembre"), start=1)},
}

#: Relative-time words ("3 hours ago", "vor 2 Tagen").
RELATIVE_TIME_WORDS = (
    "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "sekunden", "minuten", "stunde", "stunden", "tag",
    "tagen", "woche", "wochen", "monat", "monaten", "jahr", "jahren", "heure", "heures", "jours",
)

#: Time-zone abbreviations seen next to dates, as UTC offsets in hours.
TIMEZONES = {
    "utc": 0, "gmt": 0, "z": 0, "cet": 1, "cest": 2, "mez": 1, "mesz": 2, "bst": 1, "eet": 2,
    "eest": 3, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
    "pdt": -7, "ist": 5.5, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
}

# ---------------------------------------------------------------------------------------------
# Line kinds and patterns.
# ---------------------------------------------------------------------------------------------

#: Lines longer than this are never treated as headers, dates or control lines (keeps regexes cheap).
_SHORT = 200

_KIND_TEXT = "text"
_KIND_HEADER = "header"
_KIND_FORM = "form"
_KIND_CONTROL = "control"
_KIND_META = "meta"
_KIND_NOTE = "note"
#: "Pingback: <post title>": another blog's link to the story, listed among the comments.
_KIND_PINGBACK = "pingback"

#: At most this many header-opened candidate sections are tried (each costs one walk of the rest).
_MAX_CANDIDATES = 4

_ROLE_ORDER = ("title", "article", "comment", "metadata", "boilerplate")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_BULLETS = " \t\u00a0•·*-–—»«›‹|:>()[]{}⊕+"
_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})*|\d+"
_GLUED = re.compile(r"(?<=[a-z])(?=\d)|(?<=[a-z])(?=[A-Z][a-z])")
_HEADER_ADJ = r"(?:reader|readers'?|user|public|leser|your|all|the|latest|new|neue|alle|featured)"
_HEADER_LEAD = re.compile(r"^(?:there (?:are|is)|es gibt|il y a|show|view|read)\s+")
_COUNT_FIRST = re.compile(
    r"^(?P<n>" + _NUMBER + r"|one|ein|eine|einen|un|une|uno)\s*(?P<adj>" + _HEADER_ADJ + r"\s+)?"
    r"(?P<word>[^\W\d_]+)(?P<rest>.*)$",
    re.UNICODE,
)
_WORD_FIRST = re.compile(
    r"^(?P<adj>" + _HEADER_ADJ + r"\s+)?(?P<word>[^\W\d_]+)\s*[(\[:]?\s*(?P<n>\d+)?\s*[)\]]?(?P<rest>.*)$",
    re.UNICODE,
)
#: A count, any one word, a comment word and the quoted title ("8 appreciated comments on “Title”").
_COUNT_ANY_ADJ = re.compile(
    r"^(?P<n>" + _NUMBER + r"|one|ein|eine|un|une)\s+[^\W\d_]+\s+(?P<word>[^\W\d_]+)"
    r"(?P<rest>\s+(?:on|to|zu|sur|su|op)\s*[“\"„«].*)$",
    re.UNICODE,
)
_HEADER_REST = re.compile(
    r"^(?:on|to|zu|about|so far|in|sur|su|op|for|auf|read|add|leave|und|and|»|“|\"|„|«|…|{|\(|so far|displaying|showing|sorted|"
    r"posted)",
    re.IGNORECASE,
)
#: A comment's count of replies ("Responses (6)"): a control under it, not a section header ("7 Responses").
_REPLY_COUNT = re.compile(r"^\W*(?:replies|responses|antworten|réponses)\s*\(\d+\)$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?P<rest>\S.*)$")
_SAYS_RE = re.compile(
    r"^(?P<who>.{1,80}?)[\s,]+(?:" + "|".join(re.escape(w) for w in SAYS_WORDS) + r")\b\s*(?P<tail>.{0,80})$",
    re.IGNORECASE,
)
#: "Anna added:", "bob reblogged this from anna and added:" over a reader's words (reblog notes).
_ADDED_RE = re.compile(r"^(?P<who>[^:]{1,80}?)\s+(?:and\s+)?(?:added|commented)\s*:$", re.IGNORECASE)
#: A name, date and time glued together where the page set them side by side ("maculi28.09.1915:08").
_GLUED_DATE = re.compile(r"^(?P<who>[^\W\d_][^\n]{0,39}?)(?P<date>\d\d\.\d\d\.(?:\d{4}|\d\d))(?P<time>\d\d:\d\d)$")
#: "Kyle replied to comment from David": the writer of the reply under it.
_REPLIED_RE = re.compile(r"^(?P<who>[^:|]{1,60}?)\s+replied\s+to\s+(?:(?:a\s+)?comment\s+)?(?:from|by)\s+\S.{0,60}$",
                         re.IGNORECASE)
#: "NCWiensays:": a name glued to its "says:" when the page set them in two elements.
_GLUED_SAYS = re.compile(r"^(?P<who>[^\W\d_][\w.-]{1,40}?)(?<=[a-z0-9])(?:says|sagt|schreibt):$")
_POSTED_BY_ALONE = re.compile(r"^(?:posted|written|submitted|comment(?:ed)?)\s+by\s*:?$", re.IGNORECASE)
_SAYS_ALONE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in SAYS_WORDS) + r")\s*[:.…,]*$", re.IGNORECASE)
_BY_RE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in BY_WORDS) + r")\s*:?\s+(?P<who>.{1,80}?)\s*"
    r"(?:\||,|\bon\b|\bat\b|\bam\b|\bum\b|\ble\b|\bin\b|—|–|-|$)",
    re.IGNORECASE,
)
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
#: Weekday names and abbreviations, as they stand between a clock time and a date ("8:21pm Tue 1 Jan 08").
_WEEKDAY_ALT = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|"
                "sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so")
_DATE_PATTERNS = (
    # 2024-11-04, 2024/11/04
    re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    # 04.11.2024, 4/11/2024, 11/04/24, and with spaces before a full year: 18. 05. 2014, or a comma: 17.07, 2011
    re.compile(r"\b(?P<a>\d{1,2})(?:[./]|\.\s(?=\d{1,2}\.\s?(?:19|20)\d\d\b))(?P<b>\d{1,2})"
               r"(?:[./]|\.\s(?=(?:19|20)\d\d\b)|(?<=\.\d\d),\s?(?=(?:19|20)\d\d\b))(?P<y>(?:19|20)?\d\d)\b"),
    # November 4, 2024 / Nov 4th 2024
    re.compile(r"(?:\b|(?<=[a-z]))(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    # 4. November 2024 / 4 Nov 2024 / 4th November, 2024
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    # "7 Aug 12 at 11:21 pm": a two-digit year, only with a clock time after it
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?,?\s+(?P<y>\d\d)(?=,?\s*"
               r"(?:at|um|à|@|-|\|)?\s*\d{1,2}[:.h]\d\d\b)", re.IGNORECASE),
    # "8:21pm Tue 1 Jan 08": a two-digit year after the clock time (and a weekday), as news sites signed comments
    re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?,?\s+(?:(?:" + _WEEKDAY_ALT + r")\.?,?\s+)?(?P<d>\d{1,2})"
               r"(?:st|nd|rd|th)?\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?,?\s+(?P<y>\d\d)(?!\d)", re.IGNORECASE),
    # "Jan 17, 08 at 03:13 PM": the month first, a two-digit year, a clock time after it
    re.compile(r"\b(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,\s*(?P<y>\d\d)(?=,?\s*"
               r"(?:at|um|à|@|-|\|)?\s*\d{1,2}[:.h]\d\d\b)", re.IGNORECASE),
    # Without a year, only with a clock time after it (comment lists of this year): "Aug 9, 10:14 AM"
    re.compile(r"\b(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?=,?\s*(?:at|um|à|@|-|\|)?\s*"
               r"\d{1,2}[:.h]\d\d\b)", re.IGNORECASE),
    # "9 Aug at 10:14"
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?(?=,?\s*(?:at|um|à|@|-|\|)?\s*"
               r"\d{1,2}[:.h]\d\d\b)", re.IGNORECASE),
)
#: Index in _DATE_PATTERNS of the first pattern that needs a clock time on the line.
_CLOCK_ONLY = 4
_CLOCK = re.compile(r"\d[:.h]\d\d")
#: Index in _DATE_PATTERNS of the pattern that holds the clock time before the date.
_TIME_FIRST = 5
#: Index in _DATE_PATTERNS of the first pattern without a year.
_YEARLESS = 7
_TIME_RE = re.compile(
    # a zone after the time: capitals ("EDT", "MEZ") or a known zone or "Uhr", not any short word (a
    # name may follow the time: "on 2012-10-20 at 2:00 pm Jesse Good")
    r"\b(?P<h>\d{1,2})[:.h](?P<mi>\d\d)(?::(?P<s>\d\d))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*\(?(?P<tz>(?-i:[A-Z]{1,5})|(?:uhr|h|" + "|".join(sorted(TIMEZONES, key=len, reverse=True)) + r")\b)\)?)?"
    r"(?=$|[^\w])",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:" + "|".join(RELATIVE_TIME_WORDS) + r")\s+ago\b|"
    r"\bvor\s+(?:\d+|einer?|einem)\s+(?:" + "|".join(RELATIVE_TIME_WORDS) + r")\b|"
    r"\bil y a\s+\d+\s+\w+",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_HASHTAG_LINE = re.compile(r"^(?:\s*#[^\s#]+)+\s*$")
_TERMINAL = tuple(".!?…:;\"'”’»)")


_AUTHOR_BY = re.compile(r"^(?:" + "|".join(re.escape(w) for w in BY_WORDS) + r")\s*:?\s+", re.IGNORECASE)
_AUTHOR_TAIL = re.compile(
    r"(?:\s+|^)(?:on|at|am|um|le|à|in|\||" + "|".join(re.escape(w) for w in SAYS_WORDS) + r")\s*[:.…,]*$",
    re.IGNORECASE,
)
_INITIAL_END = re.compile(r"(?:^|\s)[^\W\d_]\.$")
_AUTHOR_HEAD = re.compile(r"^(?:on|am|le)\s+", re.IGNORECASE)
#: Words of people talking to each other (first and second person, thanks); comments use them,
#: headline and teaser lists rarely do.
_TALK_WORDS = frozenset((
    "i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "me", "my", "you", "your", "you're", "you’re", "we",
    "us", "our", "thanks", "thank", "agree", "lol", "ich", "mir", "mich", "mein", "meine", "du", "dir",
    "dich", "dein", "ihr", "euch", "wir", "uns", "danke", "je", "j'ai", "moi", "mon", "ma", "tu", "vous",
    "nous", "merci", "io", "yo", "mi", "tú", "usted", "gracias", "grazie",
))

#: Small words of headings and teasers, never alone in a commenter's name line.
_HEADING_WORDS = frozenset((
    "a", "an", "of", "to", "in", "and", "or", "on", "with", "by", "is", "are", "how", "what", "why",
    "when", "where", "who", "your", "my", "our", "this", "that", "it", "at", "from", "as", "all", "new",
    "top", "best", "most", "more", "latest", "popular", "recent", "archive", "archives", "category",
    "categories", "tags", "page", "home", "contact", "privacy", "policy", "terms", "login", "search",
    "der", "die", "das", "und", "mit", "von", "zu", "im", "le", "la", "les", "et", "des", "du",
))

#: Words that never occur in a commenter's name: weekdays, months, time and listing words.
_NOT_NAME_WORDS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
     "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag",
     "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
     "dimanche", "related", "tracked", "published", "updated", "posted", "modified", "am", "pm", "uhr",
     "the", "for", "before", "after", "about", "ago", "vor", "news", "list", "edt", "est", "pst", "gmt",
     "utc", "cet", "cest", "comments", "comment", "reply", "replies", "responses", "read", "more")
    + tuple(m for m in MONTHS if len(m) > 3)
    + RELATIVE_TIME_WORDS
)


def _phrases(phrases) -> re.Pattern:
    """One compiled pattern for a tuple of marker phrases (substring search; only whether one is there).

    The phrases are merged into a trie ("leave a (?:reply|comment)"), so that the search tries each
    first letter once rather than every phrase at every position; a phrase that another one opens
    adds nothing to a yes-or-no search and is left out.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict) -> str:
    if "" in node:
        return ""  # a whole phrase ends here: what longer phrases add is not needed to answer
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _norm(line: str) -> str:
    """Lower-case a line and strip bullets, brackets and surrounding punctuation."""
    return " ".join(line.strip(_BULLETS + ".,!?…").lower().split())


_DIGIT = re.compile(r"\d")
_HEADER_PHRASE_SET = frozenset(HEADER_PHRASES)
_COMMENT_WORD_SET = frozenset(COMMENT_WORDS)
_FORM_FIELD_SET = frozenset(FORM_FIELDS)
_CONTROL_WORD_SET = frozenset(CONTROL_WORDS)
_CHROME_WORD_SET = frozenset(CHROME_WORDS + WIDGET_NOTES)
_WIDGET_SET = frozenset(WIDGET_NOTES)
#: Lines longer than this are plain text: every other kind has a lower length limit.
_LONG = 220
#: A line can only be a comment-section header if it contains one of these.
_HEADER_HINT = _phrases(COMMENT_WORDS + HEADER_PHRASES + HEADER_PREFIXES + ("kein", "no comment", "0 comment"))
_NOT_HEADER_RE = re.compile(_phrases(NOT_HEADER_PHRASES).pattern.join(("^(?:", ")")))
_HEADER_PREFIX_RE = re.compile(_phrases(HEADER_PREFIXES).pattern.join(("^(?:", ")")))
_FORM_RE = _phrases(FORM_PHRASES)
#: Form phrases a reader may also write to another ("your comment"): a form line only as a short label.
_FORM_WEAK = ("your comment", "ihr kommentar", "dein kommentar")
_FORM_STRONG_RE = _phrases(tuple(p for p in FORM_PHRASES if p not in _FORM_WEAK))
_FORM_LABEL_WORDS = 4
_FORM_NOTE_RE = _phrases(FORM_NOTE_PHRASES)
#: A line of more words than this and more than one sentence that speaks in the first person
#: singular is a reader's ("Your comment touched me. I ..."), unless it holds a FORM_NOTE_PHRASES
#: phrase; the notes of comment forms speak as "we" or to "you".
_FORM_MAX_WORDS = 12
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+\S")
_FIRST_PERSON = frozenset(("i", "i'm", "i’m", "i've", "i’ve", "me", "my", "ich", "mir", "mich", "mein", "meine",
                           "je", "j'ai", "moi", "mon", "ma", "io", "yo"))
_NOTES_RE = _phrases(SECTION_NOTES)


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


# ---------------------------------------------------------------------------------------------
# Classifying single lines.
# ---------------------------------------------------------------------------------------------


def _header_count(line: str) -> tuple[bool, int | None]:
    """Return (is_header, claimed count) for a comment-section header line.

    A count of 0 ("0 Comments", "No comments") gives ``(False, 0)``.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _SHORT:
        return False, None
    low = re.sub(r"(?<=[a-z])\(s\)?(?![a-z])", "s", _norm(_GLUED.sub(" ", stripped)))  # "Comment(s)"
    if not low or _NOT_HEADER_RE.match(low):
        return (False, 0) if low.startswith(("no comments", "0 comments", "keine kommentare")) else (False, None)
    if low in _HEADER_PHRASE_SET:
        return True, None
    if _HEADER_PREFIX_RE.match(low):
        return True, 1
    low = _HEADER_LEAD.sub("", low)
    match = _COUNT_FIRST.match(low) or _WORD_FIRST.match(low)
    if match and match.group("word") not in _COMMENT_WORD_SET:
        match = _COUNT_ANY_ADJ.match(low)  # "8 appreciated comments on “Title”"
    if not match or match.group("word") not in _COMMENT_WORD_SET:
        return False, None
    number = match.group("n")
    if number is None:
        count = None
    elif number.isalpha():
        count = 1
    else:
        digits = re.sub(r"\D", "", number)
        count = int(digits) if digits and len(digits) < 9 else None
    rest = match.group("rest").strip(" :.,;|-–—")
    if rest and not _HEADER_REST.match(rest) and not (count is not None and _is_count_tab(rest)):
        return False, None
    if match.group("word") == "reply" and not re.match(r"(?:on\b|to\s*[“\"„«])", rest):
        # "1 Reply", "1 reply to Anna's comment" under a comment are its controls; "1 reply on “Title”" is a header
        return False, None
    if count == 0:
        return False, 0
    on_this = _ON_THIS.match(rest) if count is None else None
    if on_this and on_this.group("n"):
        count = int(on_this.group("n")) or None  # "Talkbacks for this article: 28"
        if count is None:
            return False, 0
    if count is None and match.re is _WORD_FIRST and (rest or not match.group("adj")) and not on_this:
        # Bare words ("Antworten") are controls; HEADER_PHRASES lists the bare headers.
        return False, None
    return True, count


#: What a header names its comments on ("Comments on this story"): the page itself, not a link's title.
_ON_THIS = re.compile(r"^(?:on|to|about|for)\s+this\s+(?:story|article|post|entry|blog post|page|item|report)"
                      r"(?:\s*:?\s*(?P<n>\d{1,6}))?$")


#: Words of the tab next to a comment count ("1 Comment | No Reactions", "12 Comments 3 Trackbacks").
_TAB_WORDS = frozenset(COMMENT_WORDS + ("trackbacks", "trackback", "pingbacks", "pingback", "mentions"))


def _is_count_tab(rest: str) -> bool:
    """True for a second count glued after a header's ("no reactions", "3 trackbacks", "blocked comments (0)")."""
    words = rest.split()
    if len(words) == 3 and words[1] in _TAB_WORDS and re.fullmatch(r"\(\d{1,6}\)?", words[2]):
        return words[0].isalpha()  # "Comments (3), Blocked Comments (0)"
    return len(words) == 2 and (words[0] in ("no", "one") or words[0].isdigit()) and words[1] in _TAB_WORDS


#: A line holding only a count ("(11)", "[3]", "11"), as pages print it under a "Comments" header.
_COUNT_ALONE = re.compile(r"^(?:\(\s*(?P<p>\d{1,6})\s*\)|\[\s*(?P<b>\d{1,6})\s*\]|(?P<n>\d{1,6}))$")


def _take_count_lines(lines: list[_Line]) -> None:
    """Give a bare header ("Comments") the count shown alone on the next line ("(11)").

    The count line becomes a note, so it is not read as the first comment. A count in brackets is
    always taken; a bare number only when one header on the page has one: teaser lists print
    "Comments" and "12" under every story.
    """
    pairs = []
    for line, following in zip(lines, lines[1:]):
        if line.kind != _KIND_HEADER or line.count is not None or following.number - line.number > 3:
            continue
        match = _COUNT_ALONE.match(following.text.strip())
        if match and following.kind == _KIND_TEXT:
            pairs.append((line, following, match))
    bare = sum(1 for _, _, match in pairs if match.group("n"))
    for line, following, match in pairs:
        if match.group("n") and bare > 1:
            continue
        count = int(match.group("p") or match.group("b") or match.group("n"))
        following.kind = _KIND_NOTE
        if count:
            line.count = count


#: A comment form's field with its note in brackets ("Name (required)", "Email (required, never shown)").
_FIELD_LABEL = re.compile(
    r"^(?:your\s+)?(?:name|user ?name|e-?mail|mail|e-?mail address|website|web site|url|homepage|comment|kommentar|"
    r"webseite|nom|site web|commentaire)\s*\(\s*\*?\s*(?:required|optional|private|erforderlich|pflichtfeld|freiwillig|obligatoire|"
    r"facultatif|obbligatorio|obligatorio)\b[^()]*\)?$")


#: A header that names the story on its next line ("There are 6 comments about:", "12 Comments on").
_HEADER_OPEN_END = re.compile(r"(?::|\b(?:on|about|to|zu|sur|su))\s*$", re.IGNORECASE)


def _take_quoted_titles(lines: list[_Line]) -> None:
    """Make the story title shown on the line under an open header ("6 comments about:") a note.

    The line must repeat one shown above it (the headline); else it is the first comment.
    """
    for index, line in enumerate(lines[:-1]):
        if line.kind != _KIND_HEADER or not _HEADER_OPEN_END.search(line.text.strip()):
            continue
        following = lines[index + 1]
        key = _norm(following.text)
        if following.kind == _KIND_TEXT and key and any(_norm(other.text) == key for other in lines[:index]):
            following.kind = _KIND_NOTE


def _is_form(line: str, low: str | None = None) -> bool:
    low = _norm(line) if low is None else low
    if not low:
        return False
    if low in _FORM_FIELD_SET or _FIELD_LABEL.match(low):
        return True
    words = _words(low)
    if len(low) > _SHORT:
        # a long note under a form ("All comments are moderated so you may ..."), not a reader's words
        return _FORM_NOTE_RE.search(low) is not None
    if len(words) > _FORM_MAX_WORDS and _SENTENCE_BREAK.search(low) and _FIRST_PERSON.intersection(words):
        return _FORM_NOTE_RE.search(low) is not None
    if _FORM_RE.search(low) is None:
        return False
    if len(words) > _FORM_LABEL_WORDS and _FIRST_PERSON.intersection(words):
        # "Your comment made me laugh!": a reader answering another, unless a plainer form phrase is there
        return _FORM_STRONG_RE.search(low) is not None
    return True


#: The words that make a line of control words a comment's controls (not "Log in or sign up").
_ACTION_WORDS = frozenset(("reply", "replydelete", "antworten", "répondre", "rispondi", "responder", "permalink", "report",
                           "melden", "flag", "like", "quote", "respond", "actions", "daumen", "permanenter",
                           "rate", "vote", "aufklappen", "beantwoorden", "reageren", "odpowiedz", "signaler"))


def _is_control(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    words = [w.lower() for w in _words(stripped)]
    if not words or len(words) > 8:
        return False
    if not _ACTION_WORDS.intersection(words):
        return False
    return all(w in _CONTROL_WORD_SET for w in words)


#: A reblog note without words of its own ("anna liked this", "bob reblogged this from anna").
_REBLOG_NOTE = re.compile(r"^[\w.-]{1,60}\s+(?:liked|reblogged|posted)\s+this(?:\s+from\s+[\w.-]{1,60})?$")


def _is_note(line: str, low: str | None = None) -> bool:
    low = _norm(line) if low is None else low
    return bool(low) and len(low) <= _SHORT and (_NOTES_RE.search(low) is not None or _REBLOG_NOTE.match(low) is not None)


#: A line of icon-font glyphs only (Unicode private use area), as buttons leave them in copied text.
_ICON_ONLY = re.compile(r"[\ue000-\uf8ff\s]+")


def _is_icon(text: str) -> bool:
    """True for a line of icon-font glyphs only."""
    first = text.lstrip()[:1]
    return "\ue000" <= first <= "\uf8ff" and _ICON_ONLY.fullmatch(text) is not None


def _is_chrome(line: str) -> bool:
    low = _norm(line)
    if not low:
        return True
    if low in _CHROME_WORD_SET:
        return True
    if _URL_RE.fullmatch(line.strip()):
        return True
    stripped = line.strip()
    if "\ue000" <= stripped[0] <= "\uf8ff" and _ICON_ONLY.fullmatch(stripped):
        return True  # an icon font's glyph (a private-use character) left by a button
    if len(stripped) > 40 and stripped.isascii() and " " not in stripped:
        return True  # a path or an id ("v1/comments/context/e53f..."), not words
    # "📣 Facebook : https://..." and other share/social lines.
    if _URL_RE.search(line) and len(_words(_URL_RE.sub(" ", line))) <= 3:
        return True
    return False


@lru_cache(maxsize=8192)
def _find_date(line: str):
    """Return (match, pattern index) of the first absolute date in ``line``, or (None, -1)."""
    if not _DIGIT.search(line):
        return None, -1
    clock = _CLOCK.search(line) is not None
    for index, pattern in enumerate(_DATE_PATTERNS):
        if index >= _CLOCK_ONLY and not clock:
            break  # the patterns from here on all need a clock time
        match = pattern.search(line)
        if match:
            return match, index
    return None, -1


@lru_cache(maxsize=8192)
def _date_span(line: str) -> tuple[int, int] | None:
    """Return the (start, end) span of the date (and time) in a line, or None."""
    if not _DIGIT.search(line):
        return None
    match, _ = _find_date(line)
    spans = []
    if match:
        spans.append(match.span())
    for time_match in _TIME_RE.finditer(line):
        if time_match.group("ampm") or ":" in time_match.group(0) or "h" in time_match.group(0).lower():
            spans.append(time_match.span())
            break
    if not match:
        relative = _RELATIVE_RE.search(line)
        if relative:
            spans.append(relative.span())
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _is_date_line(line: str) -> bool:
    """True for a short line that is mostly a date or time ("October 22, 2012 8:53 AM", "vor 2 Tagen")."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return False
    span = _date_span(stripped)
    if span is None:
        return False
    rest = stripped[: span[0]] + " " + stripped[span[1]:]
    rest_words = [w for w in _words(rest) if w.lower() not in MONTHS]
    return len(rest_words) <= 8 and not stripped.endswith(("?", "!"))


@dataclass
class _Meta:
    """What a meta line tells about a comment."""

    author: str | None = None
    date: str | None = None
    says: bool = False
    paired: bool = False
    #: A "Posted by: X" line: the page names the writer of the words it goes with.
    posted: bool = False
    #: A signature under the words ("— Posted by Tom, Springfield"): it closes the comment above it.
    signs: bool = False

    @cached_property
    def full_date(self) -> bool:
        """True when the date names a day (not only a clock time)."""
        return bool(self.date) and (_find_date(self.date)[0] is not None or _RELATIVE_RE.search(self.date) is not None)


#: A user number in brackets after a commenter's name ("anna_k (193892)"), as forums print it.
_USER_NUMBER = re.compile(r"\s*\(\d{1,12}\)[\s*]*$")


def _clean_author(text: str) -> str | None:
    """The commenter's name from what is left of a meta line, or None when it is not a name."""
    raw = text
    text = _USER_NUMBER.sub("", text).strip(_BULLETS + ",.;")
    numbered = _LEADING_NUMBER.match(text)
    if numbered:
        text = numbered.group("rest")
    text = _AUTHOR_BY.sub("", text)
    if " | " in text:
        text = text.split(" | ")[0]  # "Anna | hafenblog.de": the name ends at the bar
    text = _AUTHOR_TAIL.sub("", text).strip(_BULLETS + ",.;")
    text = _AUTHOR_TAIL.sub("", text).strip(_BULLETS + ",.;")
    text = _AUTHOR_HEAD.sub("", text).strip(_BULLETS + ",.;")  # "On <date>, Anna said": the comma after the date
    # what a removed "Reply" link leaves ("james     #"): one space between words, no anchor sign
    text = " ".join(text.split()).rstrip(" #").strip(_BULLETS + ",.;")
    words = [w.lower() for w in _words(text)]
    if not text or len(text) > 80 or not words or len(words) > 6:
        return None
    if not _name_words(words, text) or (len(words) > 1 and text.isupper()):
        return None
    if ":" in _URL_RE.sub("", text) and not text.lower().startswith("re:"):
        return None  # a label ("Deadline: 21.10.2019"), not a name ("re: <title>" signs a comment on a story)
    if _INITIAL_END.search(text + ".") and text + "." in raw:
        text += "."  # "Priya N." keeps the dot of its initial
    return text


def _name_words(words: list[str], text: str) -> bool:
    """True when no word of ``words`` rules out a name. A date word may stand beside other words of a
    name with no digits ("Omaha Sun", "April Reyes", "sun-arc"), not alone or in a date ("Sun", "Mon Oct")."""
    bad = [w for w in words if w in _NOT_NAME_WORDS]
    if not bad:
        return True
    if any(w not in _DATE_WORDS for w in bad) or len(bad) == len(words) or _DIGIT.search(text):
        return False
    return True


def _meta_of(line: str) -> _Meta | None:
    """Read a comment meta line: author and/or date. None when the line is not one."""
    stripped = line.strip()
    if not stripped or len(stripped) > 160 or _URL_RE.fullmatch(stripped):
        return None  # a link, whatever date its path holds ("http://.../2007/10/26/...")
    if _SAYS_ALONE.match(stripped) or _POSTED_BY_ALONE.match(stripped):
        return _Meta(says=True)
    added = _ADDED_RE.match(stripped)
    if added and len(_words(added.group("who"))) <= 6:
        return _Meta(author=_clean_author(added.group("who")), says=True)
    if ":" in stripped[-3:]:
        glued_date = _GLUED_DATE.match(stripped)
        if glued_date:
            return _Meta(author=_clean_author(glued_date.group("who")),
                         date=glued_date.group("date") + " " + glued_date.group("time"))
    replied = _REPLIED_RE.match(stripped) if "eplied" in stripped else None
    if replied and len(_words(replied.group("who"))) <= 6:
        return _Meta(author=_clean_author(replied.group("who")), says=True)
    glued = _GLUED_SAYS.match(stripped)
    if glued:
        return _Meta(author=_clean_author(glued.group("who")), says=True)
    says = _SAYS_RE.match(stripped)
    if says and (len(_words(says.group("who"))) > 6 or any(c in _NAME_DOTS.sub("", says.group("who"))
                                                            for c in '.!?"“”„«»')
                 and not _date_span(says.group("who"))):
        says = None
    if says:
        tail = says.group("tail").strip()
        if tail and not (tail.startswith((":", ".", "…", ",")) or _date_span(tail)):
            says = None
    if says:
        who = says.group("who")
        date = None
        span = _date_span(who)
        if span:
            date = who[span[0]:span[1]]
            who = (who[: span[0]] + " " + who[span[1]:])
        tail_span = _date_span(says.group("tail"))
        if tail_span:
            date = says.group("tail")[tail_span[0]:tail_span[1]]
        return _Meta(author=_clean_author(who), date=date, says=True)
    posted = _POSTED_BY_LINE.match(stripped)
    if posted:
        meta = _posted_by_meta(posted.group("rest"))
        if meta is not None:
            meta.signs = stripped[0] in "—–-~"
            return meta
    if _is_date_line(stripped):
        span = _date_span(stripped)
        glued = _GLUED_NUMBER.match(stripped, span[1])
        if glued:
            # "7:20 pm2 Timon": the comment's number glued to the time; it is neither time nor name
            stripped = stripped[: glued.end(1)] + " " + stripped[glued.end():]
            span = _date_span(stripped)
        rest = (stripped[: span[0]] + " " + stripped[span[1]:]).strip()
        rest = re.sub(r"\b(?:reply|antworten|permalink|link|#|report|at|um|à|on|am|le|posted|said|wrote|added)\b",
                      " ", rest, flags=re.I)
        rest = re.sub(r"\(#?\d*\)", " ", rest)
        if all(word.lower() in _CONTROL_WORD_SET for word in _words(rest)):
            rest = ""  # "Zum Antworten anmelden Zitieren": the comment's controls, no name
        elif stripped[: span[0]].rstrip().endswith(":") and not _AUTHOR_BY.match(stripped):
            rest = ""  # "Deadline: 21.10.2019": a label, no name
        return _Meta(author=_clean_author(rest), date=stripped[span[0]:span[1]])
    by = _BY_RE.match(stripped)
    if by and len(_words(by.group("who"))) <= 6 and len(stripped) <= 100 and (
            stripped.lower().startswith(("posted by", "written by", "submitted by", "comment by", "kommentar von",
                                         "commentaire de"))):
        span = _date_span(stripped)  # "Kommentar von Anna am 07.08.09 um 10:25"
        return _Meta(author=_clean_author(by.group("who")), date=stripped[span[0]:span[1]] if span else None)
    signed = _SIGNED_REPLY.match(stripped)
    if signed and _find_date(stripped)[0] is not None:
        # "by A Long Blog Title — example.com on August 29, 2011 at 8:42 am. Reply #": a pingback's
        # meta line, its "author" a post title
        span = _date_span(stripped)
        return _Meta(author=_clean_author(stripped[: span[0]]), date=stripped[span[0]:span[1]])
    return None


#: The dots a name may hold: initials and titles ("Jane Q. Public", "Dr. Spork") and a handle's ("jason.sweet");
#: other dots end a sentence.
_NAME_DOTS = re.compile(r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|Jr|Sr|St)\.(?=\s|$)|(?<=[a-z0-9])\.(?=[a-z])")


#: A comment number glued to the "pm" after the time the date ends with ("7:20 pm2 Timon Piccini").
_GLUED_NUMBER = re.compile(r"(\s?[ap]\.?m\.?)\d{1,4}\s", re.IGNORECASE)


#: "Posted by: X on <date>", "— Posted by X, Town": a line that names who wrote the words it goes with.
_POSTED_BY_LINE = re.compile(r"^[—–~-]{0,2}\s*(?:posted|submitted|written|comment(?:ed)?)\s+by\s*:?\s+(?P<rest>\S.*)$",
                             re.IGNORECASE)
#: What follows the name in a "Posted by" line: the commenter's town ("Anna, Leeds", "Tom of Perth"), a link.
_POSTED_TAIL = re.compile(r",\s|\s+(?:of|from|in)\s+(?=[A-Z])|\s+(?:of|from)$|\s[|—–-]\s|\s\(")
#: Words of a date left over once the date itself is cut out ("Tuesday, <date>").
_DATE_WORDS = frozenset(w for w in _NOT_NAME_WORDS if w in MONTHS or w in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "am", "pm", "today", "yesterday"))


def _posted_by_meta(rest: str) -> _Meta | None:
    """Read what follows "Posted by:" as the commenter's name (the town after it cut off) and the date.

    The page says that this is a name, so any words will do ("you know it makes sense"), but not a
    sentence. None when what is left is too long or empty.
    """
    span = _date_span(rest)
    date = rest[span[0]:span[1]] if span else None
    who = rest[: span[0]] + " " + rest[span[1]:] if span else rest
    who = " ".join(who.split())
    cut = _POSTED_TAIL.search(who)
    if cut and cut.start() > 0:
        who = who[: cut.start()]
    who = _AUTHOR_TAIL.sub("", who).strip(_BULLETS + ",.;")
    words = [w.lower() for w in _words(who)]
    while words and words[-1] in _DATE_WORDS:
        who = who[: who.lower().rindex(words.pop())].strip(_BULLETS + ",.;")
    if not words or len(words) > 6 or len(who) > 60 or who.endswith(("?", "!")):
        return None
    return _Meta(author=who, date=date, posted=True)


#: A line that signs a comment with any name, a date and its Reply link ("by ... on <date>. Reply #").
_SIGNED_REPLY = re.compile(r"^(?:by|von|par)\s.+\s(?:on|am|le)\s.+\b(?:reply|antworten|répondre)\W*$", re.IGNORECASE)


def _looks_like_name(line: str) -> bool:
    """True for a short line that could be a commenter's name ("Anna", "Jim Thompson MD", "1. Martin -")."""
    stripped = line.strip()
    if not stripped or len(stripped) > 50 or stripped.endswith(("?", "!", ".", ",")) and len(stripped) > 3 and not (
            _INITIAL_END.search(stripped)):
        return False  # (but "Wilson A." ends with the initial of the surname)
    if stripped[0] in "[(" and stripped[-1] in "])":
        return False  # a label in brackets ("[Online]", "(Video)"), as event and teaser lists print them
    words = stripped.split()
    # a blogger signs with the blog's name ("Katie @ Peace Love and Oats"): more words after the "@"
    limit = 8 if "@" in words[1:3] else 5
    return 1 <= len(words) <= limit and not _URL_RE.search(stripped)


def _is_prose(line: str) -> bool:
    """True for a line of running text (a sentence or more)."""
    stripped = line.strip()
    words = _words(stripped)
    if len(words) >= 12:
        return True
    return len(words) >= 5 and stripped.endswith(_TERMINAL)


# ---------------------------------------------------------------------------------------------
# Dates.
# ---------------------------------------------------------------------------------------------


def _to_iso(raw: str | None) -> str | None:
    """Return ``raw`` as an ISO 8601 date or date-time when it can be read, else ``raw`` itself."""
    if not raw:
        return None
    match, index = _find_date(raw)
    if not match or index >= _YEARLESS:
        return raw.strip()
    try:
        if index == 0:
            year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
        elif index == 1:
            first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
            year = year + 2000 if year < 100 else year
            # Day first unless that is impossible (dd.mm.yyyy is the common form on European pages).
            day, month = (first, second) if second <= 12 else (second, first)
            if "/" in match.group(0) and first <= 12 and second > 12:
                day, month = second, first
        else:
            month = MONTHS[match.group("mon").lower()]
            day, year = int(match.group("d")), int(match.group("y"))
            year = year + 2000 if year < 100 else year
        moment = datetime(year, month, day)
    except (ValueError, KeyError):
        return raw.strip()
    time_match = _TIME_RE.search(raw, match.end()) or _TIME_RE.search(raw[: match.start()]) or (
        _TIME_RE.search(match.group(0)) if index == _TIME_FIRST else None)
    if not time_match or time_match.group(0).strip().isdigit():
        return moment.date().isoformat()
    hour, minute = int(time_match.group("h")), int(time_match.group("mi"))
    second = int(time_match.group("s") or 0)
    ampm = (time_match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = moment.replace(hour=hour, minute=minute, second=second)
    except ValueError:
        return moment.date().isoformat()
    zone = (time_match.group("tz") or "").lower()
    if zone in TIMEZONES:
        moment = moment.replace(tzinfo=timezone(timedelta(hours=TIMEZONES[zone])))
    return moment.isoformat()


# ---------------------------------------------------------------------------------------------
# Finding the comment section.
# ---------------------------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str
    kind: str = _KIND_TEXT
    meta: _Meta | None = None
    count: int | None = None


@dataclass
class _Draft:
    """A comment being assembled while walking the comment section."""

    body: list[_Line] = field(default_factory=list)
    meta_lines: list[_Line] = field(default_factory=list)
    #: Per-comment controls ("Reply", "Report") shown with it; their role stays boilerplate.
    controls: list[_Line] = field(default_factory=list)
    author: str | None = None
    date: str | None = None
    #: Listed under a "Trackbacks" heading: another site's notice, whatever its lines look like.
    pingback: bool = False

    #: The author was named by a "says" or "by" line, not guessed from a bare name line.
    named: bool = False

    def add_meta(self, line: _Line) -> None:
        self.meta_lines.append(line)
        if line.meta is not None:
            named = bool(line.meta.author) and (line.meta.says or line.meta.posted)
            if named and not self.named and not self.date:
                # "by anna_k writes:" under a subject line names the writer; the line over it was a guess
                # (under the comment's date, "Bob wrote:" opens a quote instead)
                self.author, self.named = line.meta.author, True
            self.author = self.author or line.meta.author
            if self.date and line.meta.date and not line.meta.full_date and not _TIME_RE.search(self.date):
                self.date += " " + line.meta.date  # "March 3rd, 2007" over "1:02 am": one date and time
            self.date = self.date or line.meta.date


#: The heading of a list of pingbacks or trackbacks ("3 Trackbacks/Pingbacks", "{ 2 trackbacks }",
#: "Pingbacks"); a lone "TrackBack" is too often a link or the heading of the trackback URL box.
_PINGBACK_HEADING = re.compile(
    r"^\W*(?:(?:\d{1,4}|one|two|three|four|five)\s+)?(?:trackbacks?|pingbacks?)"
    r"(?:\s*(?:/|&|and|und)\s*(?:trackbacks?|pingbacks?))?\s*(?:\(\d{1,4}\))?\W*$", re.IGNORECASE)


def _pingback_heading(text: str) -> bool:
    """True for the heading of a pingback list: counted, plural or both kinds ("Trackbacks/Pingbacks")."""
    if not _PINGBACK_HEADING.match(text):
        return False
    low = text.lower()
    if re.search(r"(?<!\d)0(?!\d)", low):
        return False  # "0 Pingbacks" in a row of tabs: nothing is listed under it
    return len(_words(low)) > 1 or _DIGIT.search(low) is not None or low.rstrip(_BULLETS).endswith("s")


#: A follow button printed under a reader's words ("Follow @anna", "Follow me on Twitter @anna"): no words of theirs.
_FOLLOW_BUTTON = re.compile(r"^\W*follow\s+(?:me\s+on\s+twitter:?\s+)?@\w{1,30}(?:\s+on\s+twitter)?\W*$", re.IGNORECASE)


#: The device a comment was sent from, printed under its date ("via mobile", "via iPhone").
_VIA_DEVICE = re.compile(r"^\s*(?:via|from)\s+(?:(?:mobile|iphone|ipad|android|phone|tablet|blackberry)(?:\s+(?:app|web))?"
                         r"|app)\s*$", re.IGNORECASE)


#: A pingback or trackback entry ("Pingback: Around the web | Some blog", "Pingback by Some blog — May 2").
_PINGBACK = re.compile(r"^\W*(?:pingback|trackback)\s*(?::|\bby\b)\s*\S", re.IGNORECASE)


def _classify(lines: list[str]) -> list[_Line]:
    """Give every non-blank line a kind (header, form, control, meta, note or text)."""
    result = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        line = _Line(number, text)
        if len(text) > _LONG:
            # Too long for a header, control, form field, note or meta line (each checks its length).
            result.append(line)
            continue
        low = text.lower()
        is_header, count = _header_count(text) if _HEADER_HINT.search(low) else (False, None)
        if is_header and _REPLY_COUNT.match(text):
            line.kind = _KIND_CONTROL  # a comment's "Responses (6)" link
        elif is_header:
            line.kind, line.count = _KIND_HEADER, count
        elif count == 0:
            line.kind, line.count = _KIND_NOTE, 0
        elif _is_control(text):
            line.kind = _KIND_CONTROL
        elif _is_form(text, norm := _norm(text)):
            line.kind = _KIND_FORM
        elif _PINGBACK.match(text) and len(_words(text)) >= 4:
            line.kind = _KIND_PINGBACK
        elif _is_note(text, norm) or norm in _WIDGET_SET or _FOLLOW_BUTTON.match(text):
            line.kind = _KIND_NOTE  # ("Kommentare werden geladen...": the widget's, wherever it stands)
        elif len(text) < 30 and _VIA_DEVICE.match(text):
            line.kind, line.meta = _KIND_META, _Meta()  # how the comment was sent: part of its signature
        else:
            meta = _meta_of(text)
            if meta is not None:
                line.kind, line.meta = _KIND_META, meta
        result.append(line)
    _join_split_dates(result)
    _take_buttons(result)
    _take_scores(result)
    _take_count_lines(result)
    _take_quoted_titles(result)
    _take_fan_counts(result)
    _mark_name_lines(result)
    _mark_count_headers(result)
    return result


#: A month and day without the year ("December 27th,"), and a line that opens with a year ("2007").
_MONTH_DAY = re.compile(r"^(?:(?:" + _MONTH_ALT + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:"
                        + _MONTH_ALT + r"))\.?,?$", re.IGNORECASE)
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d\b")


def _join_split_dates(lines: list[_Line]) -> None:
    """Read "December 27th," / "2007" (a date the page broke over two lines) as one date on both lines."""
    for line, following in zip(lines, lines[1:]):
        if (line.kind != _KIND_TEXT or len(line.text) > 30 or following.number - line.number > 2
                or not _DIGIT.search(line.text) or not _MONTH_DAY.match(line.text.strip())):
            continue
        if following.kind not in (_KIND_TEXT, _KIND_META) or not _YEAR_FIRST.match(following.text.strip()):
            continue
        joined = line.text.strip() + " " + following.text.strip()
        if _is_date_line(joined) and 0 <= _find_date(joined)[1] < _YEARLESS:
            span = _date_span(joined)
            date = joined[span[0]:span[1]]
            line.kind, line.meta = _KIND_META, _Meta(date=date)
            following.kind, following.meta = _KIND_META, _Meta(date=date)


#: Words of the buttons a comment widget prints on a line of their own under each comment: a vote ("up", "down",
#: "Thumbs up"), "share", and the reasons of its flag menu ("spam", "offensive", "off topic").
_BUTTON_WORDS = frozenset(("up", "down", "thumbs", "share", "spam", "offensive", "abusive", "inappropriate", "off",
                           "topic"))
#: Flag-menu reasons a reader might also write alone ("Disagree"): a button only between two buttons.
_SANDWICH_WORDS = _BUTTON_WORDS | {"agree", "disagree"}
_BUTTON_LINE = re.compile(r"^\W*(?:(?:" + "|".join(sorted(_SANDWICH_WORDS)) + r")\b\W*)+$", re.IGNORECASE)


def _take_buttons(lines: list[_Line]) -> None:
    """Read a lone widget button ("up", "share", "spam") next to a comment's controls as a control.

    Alone, "up" could be a reader's one-word reply; beside "Reply" or "Flag" it is the comment's
    button. Buttons come in runs ("share" / "flag" / "spam" / "offensive"), so the controls found
    spread to the next line, down then up.
    """
    candidates = []
    for index, line in enumerate(lines):
        if len(line.text) > 20 or line.kind != _KIND_TEXT or not _BUTTON_LINE.match(line.text):
            continue
        words = _words(line.text.lower())
        candidates.append((index, _BUTTON_WORDS.issuperset(words)))
    if not candidates:
        return

    def control(j: int) -> bool:
        return 0 <= j < len(lines) and lines[j].kind == _KIND_CONTROL

    for order in (candidates, candidates[::-1]):
        for index, alone in order:
            if lines[index].kind != _KIND_CONTROL and (
                    control(index - 1) and control(index + 1) or alone and (control(index - 1) or control(index + 1))):
                lines[index].kind = _KIND_CONTROL


#: A moderation score under a comment's subject, as Slashcode sites print it ("(Score:5, Insightful)").
_SCORE = re.compile(r"^\s*\(score:\s*-?\d{1,2}(?:,\s*[^\W\d_]+(?:\s[^\W\d_]+)?)?\)\s*$", re.IGNORECASE)
_SUBJECT_WORDS = 15


def _take_scores(lines: list[_Line]) -> None:
    """Read a score line and the subject over it ("Re: Exit interviews" / "(Score:5, Insightful)") as meta.

    Both head the comment under them like its author line; a subject left as text would read as a
    comment of its own between two others.
    """
    for index, line in enumerate(lines):
        if "(" not in line.text or line.kind != _KIND_TEXT or not _SCORE.match(line.text):
            continue
        line.kind, line.meta = _KIND_META, _Meta()
        subject = lines[index - 1] if index else None
        if (subject is not None and subject.kind == _KIND_TEXT and line.number - subject.number <= 2
                and len(_words(subject.text)) <= _SUBJECT_WORDS and not _SENTENCE_BREAK.search(subject.text)):
            subject.kind, subject.meta = _KIND_META, _Meta()


#: A commenter's follower count on the profile box over the comment ("557 Fans", "1,024 followers").
_FAN_COUNT = re.compile(r"^\s*\d[\d,.]{0,9}\s+(?:fans|followers|abonnenten)\s*$", re.IGNORECASE)
_PROFILE_LINES = 3
#: A badge line of the profile box ("SUPER USER", "This user has chosen to opt out of the Badges program").
_BADGE = re.compile(r"\bbadges?\b", re.IGNORECASE)


def _take_fan_counts(lines: list[_Line]) -> None:
    """Read a profile box ("BADGE" / "anna_k" / her motto / "557 Fans") right over a comment's date as its head.

    The count is no name; the line under a badge line is (else the nearest name-like line of the
    three above it), and the lines between them and the badge over the handle belong to the box.
    """
    for index, line in enumerate(lines):
        if line.kind not in (_KIND_TEXT, _KIND_META) or not _FAN_COUNT.match(line.text) or index + 1 >= len(lines):
            continue
        dated = lines[index + 1]
        if dated.kind != _KIND_META or dated.meta is None or not dated.meta.date or dated.number - line.number > 2:
            continue  # the box heads a comment only over its date
        line.kind, line.meta = _KIND_META, _Meta()
        above = [k for k in range(max(0, index - _PROFILE_LINES), index) if lines[k].kind == _KIND_TEXT]
        # the line under the badge, whatever it reads ("SUPER USER" / "Out on bail"), else the nearest name
        handle = next((k + 1 for k in above if k + 1 < index and _badge_line(lines[k])), None)
        if handle is None:
            handle = next((k for k in reversed(above) if _bare_name(lines[k].text) is not None), None)
        if handle is None:
            continue
        lines[handle].kind = _KIND_META
        lines[handle].meta = _Meta(author=lines[handle].text.strip(), date=dated.meta.date)
        dated.meta = _Meta(date=dated.meta.date)
        for k in range(handle + 1, index):
            lines[k].kind, lines[k].meta = _KIND_META, _Meta()
        badge = lines[handle - 1] if handle else None
        if badge is not None and _badge_line(badge):
            badge.kind, badge.meta = _KIND_META, _Meta()


def _badge_line(line: _Line) -> bool:
    """True for the badge line of a profile box: all capitals, or about badges."""
    text = line.text.strip()
    return line.kind == _KIND_TEXT and (text.isupper() or _BADGE.search(text) is not None)


#: A count and one word ("1 Gossips:", "12 Stimmen"): a header when a comment's "said" line follows.
_COUNT_WORD = re.compile(r"^\s*(?P<n>\d{1,5})\s+[^\W\d_]+\s*:?\s*$")


def _mark_count_headers(lines: list[_Line]) -> None:
    """Read "1 Gossips:" as a comment-section header when "Anna said..." comes right after it.

    Sites name their comments as they like; a count over a signed comment is a header whatever its word.
    """
    for line, following in zip(lines, lines[1:]):
        match = _COUNT_WORD.match(line.text) if line.kind == _KIND_TEXT else None
        if match and following.kind == _KIND_META and following.meta is not None and following.meta.says:
            line.kind, line.count = _KIND_HEADER, int(match.group("n")) or None


def _bare_name(text: str) -> str | None:
    """The name on a line that holds only a commenter's name (maybe after a profile URL), else None.

    Names are one to four words with no sentence punctuation and none of the small words that
    headings and teasers are made of ("How to ...", "The end of ...").
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 90:
        return None
    url = _URL_RE.match(stripped)
    if url:
        stripped = stripped[url.end():].strip()
    if not stripped or len(stripped) > 40 or stripped[-1] in ".!?:;,)\"”" or stripped[0].isdigit():
        return None
    if _URL_RE.search(stripped) or _is_chrome(stripped):
        return None
    words = stripped.split()
    if not 1 <= len(words) <= 4 or not _WORD_RE.search(stripped):
        return None
    if len(words) > 1 and len(_words(stripped.replace("-", ""))) != len(words):
        return None  # handles ("ruth_k", "h4rm0ny") are single tokens, and so is "Jan-Willem"
    lowered = [w.lower() for w in words]
    if any(w in _NOT_NAME_WORDS or w in _HEADING_WORDS for w in lowered):
        return None
    if len(words) > 1 and stripped.isupper():
        return None
    return stripped


def _name_runs(lines: list[_Line]) -> list[tuple[list[tuple[int, str]], int | None]]:
    """Runs of "name / text" pairs: comments shown with no date or Reply line (Disqus-like).

    A run is at least three bare names (:func:`_bare_name`), each followed by a line of text of
    three words or more, with at most 30 lines between names and only text in between; either a
    name comes back or there are four or more. Where the names around a comment list belong to
    menus and link lists (their text is no running text), the run is cut out of them
    (:func:`_split_at_chrome`) and then needs a name only commenters have: a handle ("h4rm0ny",
    "johnbattelle") or a profile link. Whether a run is a comment section is decided from its
    text (:func:`_section_quality`). Each run comes with the index of the cut-off name that
    follows it (where its section ends), or None.
    """
    runs: list[tuple[list[tuple[int, str]], int | None]] = []
    for pairs in _name_pair_groups(lines):
        pieces = _split_at_chrome(pairs)
        for run in pieces if pieces != [pairs] else [pairs]:
            cut_out = run is not pairs
            run = _cut_at_menu(lines, run)
            names = [name.lower() for _, name, _ in run]
            short = len(run) < 3 or len(set(names)) == len(names) and len(run) < 4
            if short and not _enclosed(lines, run):
                continue
            if cut_out and not any(_commenter_name(lines[index].text, name) for index, name, _ in run):
                continue
            after = pairs.index(run[-1]) + 1
            if short:
                # between the header and the form every name is a commenter's ("Anonymous" over
                # "cool and I mean that"), however short its words
                form = next(i for i in range(run[-1][0] + 1, len(lines)) if lines[i].kind == _KIND_FORM)
                while after < len(pairs) and pairs[after][0] < form:
                    run = run + [pairs[after]]
                    after += 1
            runs.append(([(index, name) for index, name, _ in run], pairs[after][0] if after < len(pairs) else None))
    return runs


def _enclosed(lines: list[_Line], run: list[tuple[int, str, bool]]) -> bool:
    """True for one or two "name / text" pairs between a comment header or note and the comment
    form ("blog comments powered by Disqus"), notes such as "Trackbacks" aside: the page says that
    they are comments."""
    first, last = run[0][0], run[-1][0]
    after = next((line for line in lines[last + 1: last + 8] if line.kind not in (_KIND_TEXT, _KIND_NOTE)), None)
    if after is None or after.kind != _KIND_FORM or not all(good for _, _, good in run):
        return False
    before = lines[max(0, first - 3): first]
    return any(line.kind in (_KIND_HEADER, _KIND_NOTE) or "comment" in line.text.lower() for line in before)


#: This many short lines in a row (no running text) between two names are a menu: the comments ended.
_MENU_LINES = 4
_DIGITS = re.compile(r"\d+")
_CODE_CHARS = re.compile(r"[=(){}<>\[\];`]")


def _cut_at_menu(lines: list[_Line], run: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """The part of a run of name pairs before the first menu or link list between two of its names.

    Lines shown under every comment ("Daumen hoch", "Translate", "2 Monate her") are no menu.
    """
    if len(run) < 2:
        return run
    seen = Counter(_DIGITS.sub("", _norm(line.text)) for line in lines[run[0][0]: run[-1][0]])
    for k in range(1, len(run)):
        streak = 0
        for line in lines[run[k - 1][0] + 2: run[k][0]]:
            if seen[_DIGITS.sub("", _norm(line.text))] > 1:
                continue
            streak = streak + 1 if line.kind != _KIND_TEXT or _menu_item(line.text) else 0
            if streak >= _MENU_LINES:
                return run[:k]
    return run


def _menu_item(text: str) -> bool:
    """True for a line of a menu or link list: words that are no sentence ("So brave."), and no code."""
    stripped = text.strip()
    return not _is_prose(stripped) and not stripped.endswith(_TERMINAL) and not _CODE_CHARS.search(stripped) and (
        "," not in stripped)


def _commenter_name(text: str, name: str) -> bool:
    """True for a name line only commenters write: a profile link before the name, or a handle."""
    if _URL_RE.match(text.strip()):
        return True
    if " " in name:
        return False
    return name[0].islower() or any(c.isdigit() or c == "_" for c in name) or any(
        a.islower() and b.isupper() for a, b in zip(name, name[1:]))


def _name_pair_groups(lines: list[_Line]) -> list[list[tuple[int, str, bool]]]:
    """Groups of (index, name, reads as a comment) for bare names followed by text.

    A group ends at a header or form line, or where 30 lines pass without a name. A name reads
    as a comment when it is written like a name (:func:`_name_shaped`) and the line after it can
    open a comment (:func:`_opens_comment`).
    """
    groups: list[list[tuple[int, str]]] = [[]]
    last = -1
    for index in range(len(lines) - 1):
        line = lines[index]
        if line.kind != _KIND_TEXT:
            if line.kind in (_KIND_HEADER, _KIND_FORM):
                groups.append([])
            continue
        following = lines[index + 1]
        if following.kind != _KIND_TEXT or following.number - line.number > 3 or len(_words(following.text)) < 3:
            continue
        name = _bare_name(line.text)
        if name is None or _bare_name(following.text) is not None:
            continue
        if groups[-1] and index - last > 30:
            groups.append([])
        groups[-1].append((index, name))
        last = index
    return [[(index, name, _name_shaped(name) and _opens_comment(lines[index + 1].text)) for index, name in group]
            for group in groups if group]


#: Smileys and emoji at the end of a line ("Thanks! :)", "victorious. :x"), after the sentence's own end.
_SMILEYS = re.compile(r"(?:\s*(?:[:;=8][-'^]?[()\[\]DPpOoXx3/\\|*]|<3|\^\^|[\U0001F300-\U0001FAFF\u2600-\u27BF]))+\s*$")


def _opens_comment(text: str) -> bool:
    """True for a line that can open a comment: running text, eight words or more, or a sentence
    (smileys after its end aside)."""
    return (_is_prose(text) or len(_words(text)) >= 8
            or _SMILEYS.sub("", text.rstrip()).endswith((".", "!", "?", "…")))


#: This many names in a row whose text is not running text end a run of "name / text" pairs.
_CHROME_RUN = 3
#: Small words that may stand in lower case inside a person's name ("Vincent van Gogh").
_NAME_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "y", "of"))


def _split_at_chrome(pairs: list[tuple[int, str, bool]]) -> list[list[tuple[int, str, bool]]]:
    """Cut a group of name pairs where its names stop opening comments.

    Names that do not open with running text are dropped from both ends of the group (the menus
    above and the link lists below a comment list), and three of them in a row split it; a
    single one inside stays (a short comment among longer ones).
    """
    runs: list[list[tuple[int, str, bool]]] = [[]]
    bad = 0
    for pair in pairs:
        if pair[2]:
            if bad >= _CHROME_RUN:
                runs.append([])
            bad = 0
            runs[-1].append(pair)
        elif runs[-1]:
            bad += 1
            runs[-1].append(pair)
    result = []
    for run in runs:
        while run and not run[-1][2]:
            run.pop()
        if run:
            result.append(run)
    return result


def _name_shaped(name: str) -> bool:
    """True for a name written as people write theirs: one word or handle, or capitalised words."""
    words = name.split()
    if any(c in name for c in "'‘’\"“”„«»[]:"):
        return False
    return len(words) == 1 or all(w[0].isupper() or not w[0].isalpha() or w in _NAME_PARTICLES for w in words)


#: Words a page may print on a line of their own between a commenter's name and the date.
_CONNECTORS = frozenset(("on", "at", "am", "um", "le", "op", "el", "il", "|", "-", "–", "—", "·", "•"))


#: Words of a byline that a page may print on a line of their own ("by", "von").
_BY_ALONE = frozenset(word for word in BY_WORDS if " " not in word)


def _mark_connected_names(lines: list[_Line]) -> None:
    """Read "Doug" / "on" / "Aug 9, 10:14 AM" and "Aug 9, 10:14 AM" / "by" / "Doug" (one line each)
    as one author-and-date meta group."""
    for index in range(1, len(lines) - 1):
        before, line, following = lines[index - 1], lines[index], lines[index + 1]
        if line.kind != _KIND_TEXT or line.text.strip().lower() not in _CONNECTORS:
            continue
        if following.kind != _KIND_META or following.meta is None or following.meta.author or not following.meta.date:
            continue
        if before.kind != _KIND_TEXT or following.number - before.number > 6 or not _looks_like_name(before.text):
            continue
        author = _clean_author(before.text)
        if author:
            before.kind, before.meta = _KIND_META, _Meta(author=author, date=following.meta.date)
            line.kind, line.meta = _KIND_META, _Meta()
    # "posted on Oct 25, 2012 at 2:11 AM" / "by" / "Shachar": the date first, the name last
    for index in range(1, len(lines) - 1):
        before, line, following = lines[index - 1], lines[index], lines[index + 1]
        if line.kind != _KIND_TEXT or line.text.strip().lower() not in _BY_ALONE:
            continue
        if before.kind != _KIND_META or before.meta is None or before.meta.author or not before.meta.date:
            continue
        if following.kind != _KIND_TEXT or following.number - before.number > 6 or not _looks_like_name(following.text):
            continue
        author = _clean_author(following.text)
        if author:
            following.kind, following.meta = _KIND_META, _Meta(author=author, date=before.meta.date)
            line.kind, line.meta = _KIND_META, _Meta()


def _mark_name_lines(lines: list[_Line]) -> None:
    """Turn a bare name into a meta line when a date or a lone "said..." follows it."""
    _mark_connected_names(lines)
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if line.kind not in (_KIND_TEXT, _KIND_META) or following.kind != _KIND_META or (
                following.number - line.number > 3):
            continue
        follow_meta = following.meta
        if follow_meta is None or follow_meta.author or not (follow_meta.date or follow_meta.says):
            continue  # (a subject or score line over the words names no one: "-rt" / "Re: Hand coding")
        if line.kind == _KIND_META and line.meta is not None and line.meta.author and not line.meta.date:
            # "Posted by Anna" then "August 9, 2012 at 11:44 am".
            line.meta.date = follow_meta.date
            continue
        if (line.kind == _KIND_TEXT and _looks_like_name(line.text) and not _is_chrome(line.text)
                and not _SIDEBAR_HEAD.match(line.text) and not _SIGN_OFF.match(line.text)
                and not _ASKED_RATING.match(line.text)
                and not _POSTED_BY_ALONE.match(following.text.strip())):
            # ("Posted by" alone names the line after it, not the one before)
            numbered = _LEADING_NUMBER.match(line.text)
            name = numbered.group("rest") if numbered else line.text
            line.kind, line.meta = _KIND_META, _Meta(author=_clean_author(name), date=follow_meta.date,
                                                      says=follow_meta.says)
            following.meta = _Meta(date=follow_meta.date)
    _mark_names_after_dates(lines)


#: A reader's sign-off over the date ("LG steinchen71", "Cheers, Tom"): the words' last line, not a name line.
_SIGN_OFF = re.compile(r"^\s*(?:lg|vg|mfg|gruß|gruss|grüße|grüsse|liebe grüße|viele grüße|cheers|regards|best regards"
                       r"|greetings|thanks|bisous|amitiés|cordialement)\b[\s,!.]", re.IGNORECASE)


#: Words that open a reader's salutation ("Dear Paulo", "Hi Anna"), never a commenter's name line.
_GREETINGS = frozenset(("dear", "hi", "hello", "hey", "liebe", "lieber", "hallo", "cher", "chère", "caro", "cara",
                        "querido", "querida", "beste"))
#: A date line over a bare name must come back this many times before the names count as authors.
_DATE_NAME_MIN = 3


def _mark_names_after_dates(lines: list[_Line]) -> None:
    """Read "Thu, 08/09/2012 - 14:32" / "Anna" / words as a comment's date and author over its text.

    A date line with no name in it, a bare name (:func:`_bare_name`) on the next line and text after
    it: when that comes back three times or more, mostly after a line of the comment frame (a form,
    control or meta line), the names are the commenters'. Once, it may be a story's date over a
    heading; after a comment's text, the date and name sign that text.
    """
    found = []
    for index in range(len(lines) - 2):
        line, name_line, text_line = lines[index], lines[index + 1], lines[index + 2]
        if line.kind != _KIND_META or line.meta is None or line.meta.author or line.meta.says:
            continue
        if not line.meta.full_date or name_line.kind != _KIND_TEXT or name_line.number - line.number > 2:
            continue
        if text_line.kind != _KIND_TEXT or text_line.number - name_line.number > 3:
            continue
        name = _bare_name(name_line.text)
        if name is None or not _name_shaped(name) or _bare_name(text_line.text) is not None:
            continue
        if name.split()[0].lower() in _GREETINGS:
            continue  # "Dear Paulo": the comment opens by addressing someone
        found.append((line, name_line, name, index > 0 and lines[index - 1].kind != _KIND_TEXT))
    if len(found) < _DATE_NAME_MIN:
        return
    if _signing_dates(lines, found):
        return
    # most of the date lines must follow a line of the frame (a form, control or meta line), not a
    # comment's text, unless the first one stands right under the comment header ("48 Responses" /
    # date / name / words: the dates head the comments, and come right after the words above)
    framed = sum(1 for *_, after_frame in found if after_frame)
    first = lines.index(found[0][0])
    if framed < 0.5 * len(found) and not (first > 0 and lines[first - 1].kind == _KIND_HEADER):
        return
    for line, name_line, name, _ in found:
        line.meta = _Meta(author=name, date=line.meta.date)
        name_line.kind, name_line.meta = _KIND_META, _Meta(author=name)


def _signing_dates(lines: list[_Line], found: list[tuple[_Line, _Line, str, bool]]) -> bool:
    """Mark "words" / "October 11, 2012 |" / "Anna" as the date and name that sign the words above.

    The bar at the end of the date line joins it to the name under it (the page printed "date |
    name" on one line). Where most of the date lines over a bare name end so, every such date line
    and the name-like line under it ("The New Diplomat's Wife") sign the comment above them.
    Returns True when it marked them.
    """
    joined = [entry for entry in found if entry[0].text.rstrip().endswith("|")]
    if len(joined) < _DATE_NAME_MIN or len(joined) < 0.5 * len(found):
        return False
    for index in range(1, len(lines) - 1):
        before, line, name_line = lines[index - 1], lines[index], lines[index + 1]
        if (line.kind != _KIND_META or line.meta is None or line.meta.author or not line.meta.full_date
                or not line.text.rstrip().endswith("|") or name_line.kind != _KIND_TEXT
                or name_line.number - line.number > 2 or not _looks_like_name(name_line.text)):
            continue
        name = _clean_author(name_line.text) or " ".join(name_line.text.split())  # the layout says it is a name
        line.meta = _Meta(author=name, date=line.meta.date, signs=True)
        name_line.kind, name_line.meta = _KIND_META, _Meta(author=name, signs=True)
        if before.kind == _KIND_META and before.meta is not None and before.meta.author and not (
                before.meta.says or before.meta.posted or before.meta.signs) and before.meta.date in (None, line.meta.date):
            # a short last line of the words ("love and light") read as a name over the date: the words' own
            before.kind, before.meta = _KIND_TEXT, None
    return True


_REPLY_WORDS = ("reply", "replydelete", "antworten", "répondre", "rispondi", "responder", "beantwoorden", "reageren", "odpowiedz")


def _evidence(line: _Line) -> int:
    """How strongly a line shows that comments are around it: 2 strong, 1 weak, 0 none."""
    if line.kind == _KIND_PINGBACK:
        return 2
    if line.kind == _KIND_CONTROL:
        words = {w.lower() for w in _words(line.text)}
        # a "Reply" link, or two actions on one line ("Quote | Report this post"): a comment's own controls
        return 2 if words.intersection(_REPLY_WORDS) or len(words & _ACTION_WORDS) >= 2 else 1
    if line.kind != _KIND_META or line.meta is None:
        return 0
    meta = line.meta
    if meta.says or meta.paired or (meta.full_date and meta.author):
        return 2
    return 1 if meta.full_date else 0


def _header_candidates(lines: list[_Line]) -> tuple[list[tuple[int, int | None]], int | None]:
    """Return the section starts that follow a header, and the claimed count.

    A header ("12 Comments") opens a candidate section when its next lines show comment evidence
    (author/date lines, "Reply" controls). Each start comes with the count its header gave, or None.
    """
    headers = [i for i, line in enumerate(lines) if line.kind == _KIND_HEADER]
    counts = {lines[i].count for i in headers if lines[i].count}
    headers = sorted(headers + _forms_over_comments(lines))
    if len(counts) >= 3:
        # "68 comments" under every teaser of a listing page: counts, not a comment section; a header
        # with words of its own ("5 comments so far...") is the story's
        headers = [i for i in headers if not lines[i].count or len(_words(lines[i].text)) > 2]
        counts = set()
    claimed = next((lines[i].count for i in headers if lines[i].count), None)
    candidates: list[tuple[int, int | None]] = []
    for i in headers:
        window = lines[i + 1: i + 40]
        cut = next((k for k, line in enumerate(window) if line.kind == _KIND_HEADER), len(window))
        scores = [_evidence(line) for line in window[:max(cut, 12)]]
        has_text = any(line.kind in (_KIND_TEXT, _KIND_PINGBACK) and len(_words(line.text)) >= 3 for line in window)
        if lines[i].count:
            enough = sum(scores) >= 2 or _name_text_date(window[:cut])
        else:
            enough = scores.count(2) >= 2 or _signed_comment(window[:8])
        if has_text and (enough or (lines[i].count or 0) > 0 and _looks_like_list(window)):
            first_evidence = next((k for k, line in enumerate(window) if _evidence(line)), 0)
            later = [k for k, line in enumerate(window[:first_evidence]) if line.kind == _KIND_HEADER]
            if later:
                i = i + 1 + later[-1]
            # Skip repeated headers and notes that directly follow.
            start = i
            while start + 1 < len(lines) and lines[start + 1].kind in (_KIND_HEADER, _KIND_NOTE, _KIND_FORM):
                start += 1
                if lines[start].count and claimed is None:
                    claimed = lines[start].count
            if claimed is None:
                claimed = lines[i].count
            if any(_REPLY_FORM.search(lines[k].text) for k in range(i + 1, start + 1) if lines[k].kind == _KIND_FORM):
                continue  # the reply form, printed under the comment list, follows the header: the list is empty
            count = next((lines[k].count for k in range(i, start + 1) if lines[k].count), None)
            candidates.append((start + 1, count))
            if len(candidates) >= _MAX_CANDIDATES:
                break
    return candidates, claimed


#: A form line over the first comment ("Add Comment") has at most this many words.
_FORM_HEAD_WORDS = 10


def _forms_over_comments(lines: list[_Line]) -> list[int]:
    """Form lines that stand where a header would: right over a signed comment.

    News sites print "Add Comment" or "Comments are closed" over the list, then "Posted by: Anna
    on <date>" and her words; the form line opens the section as a bare "Comments" would.
    """
    found = []
    for index in range(len(lines) - 2):
        line, meta, words = lines[index], lines[index + 1], lines[index + 2]
        if line.kind != _KIND_FORM or len(_words(line.text)) > _FORM_HEAD_WORDS:
            continue
        if meta.kind != _KIND_META or not (meta.meta.posted or meta.meta.says) or not meta.meta.author:
            continue
        if not meta.meta.full_date or words.kind != _KIND_TEXT or len(_words(words.text)) < 3:
            continue
        # the story stands above ("Leave a comment" over a blog post's own byline is a link), and the
        # comment's own controls or the next comment follow its words
        if _prose_words(lines[max(0, index - 40): index]) >= _STORY_ABOVE and _frame_follows(lines, index + 2):
            found.append(index)
    return found


#: Words of running text that must stand above a form line for it to open the comments under it.
_STORY_ABOVE = 30


def _frame_follows(lines: list[_Line], start: int) -> bool:
    """True when a comment's "Reply"/"Quote | Report" line or the next signed comment follows ``start``
    before any form or header line."""
    for line in lines[start: start + 40]:
        if line.kind in (_KIND_FORM, _KIND_HEADER):
            return False
        if _evidence(line) == 2:
            return True
    return False


#: The reply form's own lines ("Leave a Reply", "Cancel reply"): a page prints it after the comments.
_REPLY_FORM = re.compile(r"\b(?:cancel reply|leave a reply|antworten abbrechen|annuler la réponse)\b", re.IGNORECASE)


def _name_text_date(window: list[_Line]) -> bool:
    """True when ``window`` opens with one signed comment under a counted header: a bare name, a
    line of text and a full date ("Marius" / words / "18.05.2014"), or the text, the date and the
    name under it (words / "July 31, 2012 |" / "PW")."""
    if len(window) < 3 or window[0].kind != _KIND_TEXT:
        return False
    if _bare_name(window[0].text) is None:
        # the text first, then its date and the name that signs it
        return (len(_words(window[0].text)) >= 3 and window[1].kind == _KIND_META and window[1].meta.full_date
                and not window[1].meta.author and window[2].kind == _KIND_TEXT
                and _bare_name(window[2].text) is not None)
    if window[1].kind != _KIND_TEXT or len(_words(window[1].text)) < 3:
        return False
    date_line = next((line for line in window[2:5] if line.kind != _KIND_TEXT), None)
    return date_line is not None and date_line.kind == _KIND_META and date_line.meta.full_date


def _signed_comment(window: list[_Line]) -> bool:
    """True when ``window`` holds a commenter's name with a full date on its line or the next two.

    That is how a single comment under a bare "Comments" header shows itself; a lone "Reply" or
    date does not (page chrome has those too).
    """
    for k, line in enumerate(window):
        if line.kind != _KIND_META or line.meta is None or not (line.meta.author or line.meta.says):
            continue
        # the date must be shown on the line itself (a name line borrows its date from the next)
        if any(other.kind == _KIND_META and other.meta is not None and other.meta.full_date
               and _date_span(other.text.strip()) and not _ARTICLE_DATE.match(other.text.strip())
               for other in window[k: k + 3]):
            return True
    return False


#: Date lines of an article's byline, not of a comment ("Updated July 23, 2012").
_ARTICLE_DATE = re.compile(r"^(?:updated|published|last modified|modified|veröffentlicht|aktualisiert|mis à jour)\b",
                           re.IGNORECASE)


def _next_trio(lines: list[_Line], strong: list[int], position: int) -> int | None:
    """Start of the first headerless run of strong meta lines at or after ``position``."""
    for k in range(bisect_left(strong, position), len(strong) - 2):
        first, second, third = strong[k], strong[k + 1], strong[k + 2]
        if second - first > 25 or third - second > 25:
            continue
        if any(lines[j].kind == _KIND_CONTROL or lines[j].meta.says or lines[j].meta.author
               for j in (first, second, third)):
            # step back over the comment's other meta lines, not over the story's date above a
            # complete author-and-date line
            complete = lines[first].kind == _KIND_META and lines[first].meta.author and lines[first].meta.full_date
            while first > position and lines[first - 1].kind == _KIND_META and not complete:
                first -= 1
            return _numbered_opening(lines, first, position)
    return None


#: A comment's number at the start of its first line ("1: The subject", "2. Words", "#3 Words").
_COMMENT_NUMBER = re.compile(r"^\s*#?(?P<n>\d{1,3})[.):]?\s+\S")
#: How far above a headerless run of meta lines its comment number 1 may stand.
_NUMBER_BACK = 12


def _numbered_opening(lines: list[_Line], first: int, floor: int) -> int:
    """The line numbered 1 right above a run of signed comments when the next comment is numbered 2, else ``first``.

    In a list signed below the words ("1: Subject" / words / "Anna (6 days ago)"), the first
    comment's words come before the first meta line; its number shows where they start.
    """
    for k in range(first - 1, max(floor, first - _NUMBER_BACK) - 1, -1):
        if lines[k].kind != _KIND_TEXT:
            break
        match = _COMMENT_NUMBER.match(lines[k].text)
        if match:
            later = (_COMMENT_NUMBER.match(line.text) for line in lines[first: first + 25] if line.kind == _KIND_TEXT)
            if match.group("n") == "1" and any(m is not None and m.group("n") == "2" for m in later):
                return k
            break
    return first


def _best_section(lines: list[_Line]) -> tuple[int | None, list[_Draft], list[_Line], int | None]:
    """Find the comment section: (start index, drafts, leftover lines, claimed count).

    Every header-opened candidate and successive headerless runs of strong meta lines are split
    into comments; the split that reads most like comments (:func:`_section_quality`) wins, unless
    a header's split holds exactly as many comments as the header claims and ends at the comment
    form: that one wins.
    """
    starts, claimed = _header_candidates(lines)
    best = (0.0, None, [], [])
    confirmed = False
    for given, count in starts:
        start, drafts, leftover, end = _split_section(lines, given)
        # the header stands above the article it opens, so what follows the article is on its own,
        # unless there are as many comments as the header counts
        counted = bool(count) and abs(count - len(drafts)) <= max(1, count // 10)
        quality = _section_quality(drafts, 2 if count and (start == given or counted) else 1 if start == given else 0)
        if not any(draft.meta_lines or draft.controls or draft.body[0].kind == _KIND_PINGBACK for draft in drafts):
            quality = 0.0  # no author, date or Reply line up to the next header: a byline's "1 Comment"
        # a section with as many signed comments as its header claims, closed by the comment form,
        # beats any larger one
        matches = (quality > 0 and start == given and count == len(drafts) and given + end < len(lines)
                   and lines[given + end].kind == _KIND_FORM and all(draft.meta_lines for draft in drafts))
        if (matches, quality) > (confirmed, best[0]):
            best, confirmed = (quality, start, drafts, leftover), matches
    if best[1] is not None:
        return best[1], best[2], best[3], claimed
    strong = [i for i, line in enumerate(lines) if _evidence(line) == 2]
    position = 0
    for _ in range(2 * _MAX_CANDIDATES):
        start = _next_trio(lines, strong, position)
        if start is None:
            break
        start, drafts, leftover, end = _split_section(lines, start)
        quality = _section_quality(drafts, 0)
        if quality > best[0]:
            best = (quality, start, drafts, leftover)
        position = start + max(end, 1)
    if best[1] is None:
        kept: list[tuple[int, str]] = []
        for run, stop in _name_runs(lines)[:_MAX_CANDIDATES]:
            _pair(lines, run, True)
            drafts, leftover, end = _split_comments(lines[run[0][0]:stop])
            # one or two pairs count only between a comment header and the form: judged as under a header
            short = len(run) < 3
            readable = short or _pairs_read_as_comments(drafts, len(run))  # (short runs are enclosed)
            quality = _section_quality(drafts, 1 if short else 0) if readable else 0.0
            if quality > best[0]:
                _pair(lines, kept, False)
                kept = run
                best = (quality, run[0][0], drafts, leftover)
            else:
                _pair(lines, run, False)
    return best[1], best[2], best[3], claimed


#: A leading "comment" with this many words of running text in this many paragraphs, and more of
#: them than all running text above it, is the article under its byline, not a reader's comment.
_ARTICLE_WORDS = 250
_ARTICLE_PARAGRAPHS = 5
#: The link that ends a teaser ("Continue Reading »", "… Read more"); comments do not end so.
_READ_MORE = re.compile(r"(?:continue reading|read more|read the rest|weiterlesen|lire la suite|leggi tutto)\W*$",
                        re.IGNORECASE)


def _split_section(lines: list[_Line], start: int) -> tuple[int, list[_Draft], list[_Line], int]:
    """Split the section at ``start`` into comments, starting after the article or teasers that open it.

    A byline looks like a comment's author line, so a section can open with the article itself
    (a "4 Comments" link next to the byline, a "Comments" menu item above it) or with a list of
    teasers. When its first drafts are such (:func:`_leading_non_comment`), the section starts
    again after them. Returns (start, drafts, leftover, end), ``end`` counted from the given start.
    """
    given = start
    drafts, leftover, end = _split_comments(lines[start:])
    for _ in range(3):  # the article, then the teasers below it
        skipped = _leading_non_comment(lines, start, drafts)
        if skipped is None:
            break
        last = max(line.number for line in skipped.body + skipped.meta_lines + skipped.controls)
        start = next((i for i in range(start, len(lines)) if lines[i].number > last), len(lines))
        drafts, leftover, end = _split_comments(lines[start:])
    if drafts:
        # a header over the story ("Talkbacks for this article: 28" under the headline): the story's
        # prose, set aside above the first comment, is no part of the section
        first = min(line.number for line in drafts[0].body + drafts[0].meta_lines)
        opening = next(i for i in range(start, len(lines)) if lines[i].number >= first)
        if _prose_words(lines[start:opening]) >= _ARTICLE_WORDS:
            start = opening
            drafts, leftover, end = _split_comments(lines[start:])
    return start, drafts, leftover, start - given + end


def _leading_non_comment(lines: list[_Line], start: int, drafts: list[_Draft]) -> _Draft | None:
    """The last of the drafts opening a section that are no comments, or None.

    That is the first draft with running text when it reads as the article (:func:`_reads_as_article`:
    headlines of teasers may come before it), the first draft when its meta line is a byline under a
    headline and it is the longest (:func:`_under_headline`, :func:`_longest`), or the last of two or more teasers ending in "Continue reading" (:data:`_READ_MORE`) that
    open the section, with at most one other draft between them.
    """
    opening = next((draft for draft in drafts if _has_running_text(draft)), None)
    if opening is not None and _reads_as_article(opening, _prose_words(lines[:lines.index(opening.body[0], start)])):
        return opening
    if drafts and drafts[0].meta_lines and _under_headline(lines, drafts[0]) and _longest(drafts):
        return drafts[0]
    last_teaser, teasers, others = None, 0, 0
    for draft in drafts:
        if any(_READ_MORE.search(line.text) for line in draft.body):
            last_teaser, teasers, others = draft, teasers + 1, 0
        else:
            others += 1
            if others >= 2:
                break
    return last_teaser if teasers >= 2 else None


def _under_headline(lines: list[_Line], draft: _Draft) -> bool:
    """True when the draft's first meta line follows a headline and its text comes after it: a
    story's byline ("So the network gets faster" / "16 May 2019 Markus Elsberger")."""
    first_meta = draft.meta_lines[0]
    if not draft.body or draft.body[0].number < first_meta.number:
        return False
    index = lines.index(first_meta)
    return (index > 0 and _title_like(lines[index - 1]) and not _is_prose(lines[index - 1].text)
            and not _share_bar(lines[index - 1].text))


#: Words of a story's tool bar ("Print | Email this story | Comment"), besides CHROME_WORDS.
_SHARE_BAR_WORDS = frozenset(("this", "story", "article", "page", "comment", "comments", "to", "a", "friend",
                              "send", "save", "bookmark", "digg"))


def _share_bar(text: str) -> bool:
    """True for a story's tool bar ("Print Email this Comment"): no headline, whatever its capitals."""
    words = [word.lower() for word in _words(text)]
    return len(words) >= 2 and all(word in _CHROME_WORD_SET or word in _SHARE_BAR_WORDS for word in words)


def _longest(drafts: list[_Draft]) -> bool:
    """True when the first draft has two paragraphs or more and more words than any other draft."""
    sizes = [sum(len(_words(line.text)) for line in draft.body) for draft in drafts]
    paragraphs = sum(1 for line in drafts[0].body if _is_prose(line.text))
    return paragraphs >= 2 and all(sizes[0] > size for size in sizes[1:])


def _has_running_text(draft: _Draft) -> bool:
    """True for a draft with a line of twelve words or more, or two lines of prose."""
    prose = [_words(line.text) for line in draft.body if _is_prose(line.text)]
    return len(prose) >= 2 or any(len(words) >= 12 for words in prose)


def _prose_words(lines: list[_Line]) -> int:
    """The number of words in the lines of running text among ``lines``."""
    return sum(len(_words(line.text)) for line in lines if line.kind == _KIND_TEXT and _is_prose(line.text))


def _reads_as_article(draft: _Draft, words_before: int) -> bool:
    """True for a draft that is an article: long, in paragraphs, and longer than all prose above it."""
    # a paragraph shown twice (the words, then the same words again for a "Quote" button) counts once
    paragraphs = list({_norm(line.text): line for line in draft.body if _is_prose(line.text)}.values())
    words = sum(len(_words(line.text)) for line in paragraphs)
    return len(paragraphs) >= _ARTICLE_PARAGRAPHS and words >= _ARTICLE_WORDS and words > words_before


def _pair(lines: list[_Line], run: list[tuple[int, str]], on: bool) -> None:
    """Mark (or unmark) the name lines of a "name / text" run as meta lines."""
    for index, name in run:
        if on:
            lines[index].kind, lines[index].meta = _KIND_META, _Meta(author=name, paired=True)
        else:
            lines[index].kind, lines[index].meta = _KIND_TEXT, None


def _pairs_read_as_comments(drafts: list[_Draft], n_names: int) -> bool:
    """True when the drafts of a "name / text" run read like comments, not menus or teasers.

    Most of the named drafts must open with running text and be mostly running text.
    """
    named = [draft for draft in drafts if draft.meta_lines and draft.meta_lines[0].meta is not None
             and draft.meta_lines[0].meta.paired][:n_names]
    if len(named) < min(3, n_names):
        return False
    fine = 0
    for draft in named:
        first = draft.body[0].text if draft.body else ""
        total = prose = 0
        for line in draft.body:
            n_words = len(_words(line.text))
            total += n_words
            if _is_prose(line.text) or n_words >= 8:
                prose += n_words
        if (_is_prose(first) or len(_words(first)) >= 8) and prose >= 0.7 * total:
            fine += 1
    return fine >= 0.75 * len(named)


def _section_quality(drafts: list[_Draft], header: int) -> float:
    """How much a split reads like reader comments.

    ``header`` is 2 under a header with a count ("12 Comments"), 1 under a bare one ("Comments"),
    0 without one. Under a header every word of the comment bodies counts; otherwise only words
    of running text do. Without a counted header, at least half of the comments with running text
    must talk to someone (first or second person, thanks, questions): teaser lists of headlines
    with dates look like comments in every other way; without any header, two must. Under a bare
    header, a comment without running text but with an author and a date is enough.
    """
    has_header = header > 0
    score = 0.0
    good = talk = signed = running = 0
    for draft in drafts:
        words = 0
        talks = good_line = False
        prose_lines = long_line = 0
        for line in draft.body:
            tokens = _words(line.text)
            prose = len(tokens) >= 12 or (len(tokens) >= 2 and line.text.rstrip().endswith(_TERMINAL))
            if has_header or prose:
                words += len(tokens)
            if prose:
                good_line = True
                prose_lines += 1
                long_line = long_line or len(tokens) >= 12
                talks = talks or "?" in line.text or any(t.lower() in _TALK_WORDS for t in tokens)
        running += prose_lines >= 2 or long_line
        if not good_line and has_header and draft.author and draft.date and words >= 3:
            signed += 1  # a short signed comment under a header ("Great article! Thx for sharing")
        if good_line:
            good += 1
            talk += talks
        score += min(words, 300)
    # "Anna says:" over most comments: that is how comment lists sign them, and teasers never are
    # under a header, "Posted by: Anna" lines sign comments as "Anna says:" does
    saying = sum(any(line.meta is not None and (line.meta.says or has_header and line.meta.posted)
                     for line in draft.meta_lines) for draft in drafts)
    if saying >= 2 and saying >= 0.5 * len(drafts):
        talk = good
    if header == 0 and (good < 2 or talk < 0.5 * good or running < 2):
        return 0.0
    if header == 1 and (not good and not signed or good and talk < 0.5 * good and not (good == 1 and drafts[0].author)):
        return 0.0
    return score


def _looks_like_list(window: list[_Line]) -> bool:
    numbered = [line for line in window if _LEADING_NUMBER.match(line.text)]
    return len(numbered) >= 1 and _LEADING_NUMBER.match(window[0].text) is not None if window else False


# ---------------------------------------------------------------------------------------------
# Splitting the section into comments.
# ---------------------------------------------------------------------------------------------


#: The end of a "says" line that introduces the words under it ("Anna says:", "Bob said...").
_INTRODUCES = re.compile(r"(?::|\.\.\.|…)\s*$")


def _layout(section: list[_Line]) -> str:
    """"head" when meta lines come before each comment's text, "tail" when after.

    A date alone says "head" only when it opens the section, before any text ("date / Report /
    words"); after a short first comment ("Wow!") it closes that comment. A line that comes back,
    numbers aside, three times or more ("Comment number 207.") is the frame over each comment, not
    the words of the first one.
    """
    # (a subject or score line over the author line tells nothing: it is meta without a name or date)
    first_meta = next((line for line in section if line.kind == _KIND_META
                       and (line.meta.author or line.meta.date or line.meta.says)), None)
    if (first_meta is not None and first_meta.meta.says and first_meta.meta.author
            and _INTRODUCES.search(first_meta.text) and _SAYS_RE.match(first_meta.text.strip())):
        return "head"  # "On May 2, Anna said...": the line points at the words under it
    text_seen = False
    shown: Counter | None = None
    for line in section:
        if line.kind == _KIND_META and (line.meta.author or line.meta.says or line.meta.full_date and not text_seen):
            # ("first?" / "by Anna on" / date: a signature that ends in its date line signs the words above)
            return "tail" if text_seen and _BY_ON.match(line.text.strip()) else "head"
        if line.kind == _KIND_TEXT and not text_seen and _dated_head(line.text):
            return "head"  # the first comment's head, too long for a meta line, opens the list
        if line.kind == _KIND_TEXT and not _is_chrome(line.text) and _WORD_RE.search(line.text):  # ("+8" is a rating)
            text_seen = True
        if line.kind == _KIND_TEXT and not _is_chrome(line.text) and len(_words(line.text)) >= 3:
            if shown is None:
                shown = Counter(_frame_key(other.text)[1] for other in section if other.kind == _KIND_TEXT)
            if shown[_frame_key(line.text)[1]] < _FRAME_MIN:
                return "tail"
        if line.kind == _KIND_CONTROL and text_seen:
            return "tail"  # (a control above any text closes nothing: a previous page's last comment)
    return "head"


#: A signature line that the date on the next line completes ("by Anna on").
_BY_ON = re.compile(r"^(?:by|von|par)\s.{1,60}\s(?:on|am|le)$", re.IGNORECASE)


def _dated_head(text: str) -> bool:
    """True for a line that opens with a date ("on 25 Oct 2012 at 7:14 pm1 Some blog » A post"): a
    comment's head too long to be read as a meta line, not a reader's words."""
    if not _DIGIT.search(text[:40]):
        return False
    span = _date_span(text[:60])
    return span is not None and span[0] <= 4


#: Headings of the link lists sites print under the comments ("Most popular in Mobile", "Related
#: posts", "Ähnliche Beiträge"): a comment section ends there.
_SIDEBAR_HEAD = re.compile(
    r"^\W*(?:most (?:popular|read|viewed|commented|recent)|related (?:posts|articles|stories|content|links)|"
    r"recent posts|popular (?:posts|stories|articles|this week|today|now)|you (?:might|may) also like|more stories|"
    r"around the web|also worth reading|further reading|"
    r"meistgelesen|ähnliche (?:beiträge|artikel)|das könnte (?:sie|dich) auch interessieren|weitere artikel|"
    r"neueste beiträge|verwandte artikel|articles similaires|à lire aussi)\b",
    re.IGNORECASE,
)


#: A line that speaks of comments or commenting ("Comment on this post:", "this comment form").
_FORM_LEAD = re.compile(r"\b(?:comment(?:s|ing)?|kommentar(?:e|en)?|commentaires?)\b", re.IGNORECASE)


def _sidebar_heading(text: str) -> bool:
    """True for a heading of a few words, not a reader's sentence that opens with the same words."""
    stripped = text.strip()
    return len(_words(stripped)) <= 8 and not stripped.endswith((".", "!", "?", "…")) and not _is_prose(stripped)


def _closing_date(section: list[_Line], index: int, first: _Line | None) -> bool:
    """True for a date line that closes the comment above it in a head-layout list.

    Blogger prints "Anna said..." / words / date: a date alone between the words and the next
    name (or the form, or the end) is the time of those words. Where the first meta line of the
    section (``first``) is such a date, dates head the comments instead.
    """
    meta = section[index].meta
    if meta is None or meta.author or meta.says or not meta.full_date:
        return False
    if first is None or first is section[index] or first.meta is None or not (first.meta.author or first.meta.says):
        return False
    following = section[index + 1] if index + 1 < len(section) else None
    if following is None or following.kind in (_KIND_FORM, _KIND_HEADER):
        return True
    return following.kind == _KIND_META and following.meta is not None and bool(
        following.meta.author or following.meta.says)


def _bar_item(text: str) -> bool:
    """True for an item of a link bar ("Terms |"): a word or two and the bar, no words of a reader."""
    stripped = text.strip()
    return stripped.endswith("|") and len(_words(stripped)) <= 2


#: A rating after its question ("Helpful?+3", "Hilfreich?0"), printed under each comment.
_ASKED_RATING = re.compile(r"^\s*[^\W\d_]{1,15}\?\s*(?:[+\-−±]?\d{1,5})\s*$")
#: A comment's score alone on its line ("+8", "-3", "1 recs"): no words of a reader.
_RATING = re.compile(r"^\s*(?:[+\-−±]\d{1,5}|\d{1,5}\s+(?:recs?|likes?|points?|votes?))\s*$", re.IGNORECASE)

#: A commenter's address in angle brackets, as forums print it beside the name ("<anna at example dot org>").
_ANGLED = re.compile(r"^\s*<[^<>\s][^<>]{2,80}>\s*$")
#: Links to a commenter's own pages, printed alone under the author line ("Homepage", "Journal").
_PROFILE_LINKS = frozenset(("homepage", "home page", "journal", "website", "web site", "profile", "blog"))

#: A comment's number alone on its line ("2.", "#3").
_BARE_NUMBER = re.compile(r"^\s*(?:#\d{1,4}|\d{1,4}[.):])\s*$")
_PLAIN_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def _numbers_next(section: list[_Line], index: int, current: _Draft, layout: str, after_comment: bool) -> bool:
    """True for a plain number ("2") right over a commenter's name or date line: the comment's number.

    Without a dot it could be a vote count under the words above, so it counts only between two
    comments, where it heads a meta line and nothing of a comment is open, or comments open with
    their meta lines. (Over the first comment a lone number may be anything: a tab's count.)
    """
    if not after_comment or not _PLAIN_NUMBER.match(section[index].text) or index + 1 >= len(section):
        return False
    following = section[index + 1]
    return following.kind == _KIND_META and following.number - section[index].number <= 2 and (
        not current.body or layout == "head")


def _split_comments(section: list[_Line]) -> tuple[list[_Draft], list[_Line], int]:
    """Walk the section; return the drafts, the lines left as boilerplate, and where it ended.

    The end is the index (in ``section``) of the first line that no longer belongs to it.
    """
    layout = _layout(section)
    drafts: list[_Draft] = []
    leftover: list[_Line] = []
    current = _Draft()
    started = False
    last_anchor = -1  # index of the last meta/control line seen
    closed_by_meta = -2  # tail layout: index of the meta line that last closed a comment

    def close() -> None:
        nonlocal current
        if current.body:
            current.pingback = in_pingbacks
            drafts.append(current)
        else:
            leftover.extend(current.meta_lines)
        current = _Draft()

    end = len(section)
    in_pingbacks = False
    forms: Counter | None = None  # the section's form lines by their text, counted when first needed
    first_meta = next((line for line in section if line.kind == _KIND_META), None)
    for index, line in enumerate(section):
        kind = line.kind
        if kind == _KIND_FORM and last_anchor < 0 and _meta_after_forms(section, index):
            # "Sign in to join the discussion" over the first comment: the sort tabs above it are no comment
            leftover.extend(current.body)
            current, started = _Draft(), False
            layout = _layout(section[index + 1:])
        if kind in (_KIND_FORM, _KIND_HEADER) and (started or current.body):
            if forms is None:
                forms = Counter(_norm(other.text) for other in section if other.kind == _KIND_FORM)
            if not _form_is_reply_box(section, index, forms):
                end = index
                if len(current.body) > 1 and _FORM_LEAD.search(current.body[-1].text):
                    # "Comment on this post:" over the form is the form's own line, not the reader's
                    leftover.append(current.body.pop())
                break
            leftover.append(line)
            continue
        if kind in (_KIND_FORM, _KIND_HEADER, _KIND_NOTE):
            if kind == _KIND_NOTE and _pingback_heading(line.text):
                # the entries under "3 Trackbacks/Pingbacks" are other sites' notices, not comments
                if current.body and current.meta_lines:
                    close()
                in_pingbacks = True
            leftover.append(line)
            continue
        if kind == _KIND_CONTROL:
            last_anchor = index
            if current.body:
                close()
            leftover.append(line)
            # the control belongs to the comment it follows, or to the one whose meta it follows
            if current.meta_lines:
                current.controls.append(line)
            elif drafts:
                drafts[-1].controls.append(line)
            continue
        if kind == _KIND_META:
            last_anchor = index
            if line.meta.signs and not current.body and not current.meta_lines and drafts and (
                    closed_by_meta == index - 1):
                drafts[-1].add_meta(line)  # the name under the signing date ("October 11, 2012 |" / "Anna")
                closed_by_meta = index
                continue
            if line.meta.signs and current.body or (
                    layout == "head" and current.meta_lines and current.body and _closing_date(section, index, first_meta)):
                # "— Posted by Tom, Springfield" under the words signs them, whatever the layout; a date
                # between the words and the next commenter's name ("Anna said..." / words / date) is theirs
                current.add_meta(line)
                close()
                closed_by_meta = index
            elif layout == "head":
                if current.body and not current.meta_lines and not drafts:
                    # text above the first author line is no comment of a head-layout list (sort tabs)
                    leftover.extend(current.body)
                    current = _Draft()
                elif current.body:
                    close()
                current.add_meta(line)
            elif closed_by_meta == index - 1 and not current.meta_lines:
                # the next meta line of a comment just closed ("Posted by:", then "Anna | date")
                drafts[-1].add_meta(line)
                closed_by_meta = index
            else:
                current.add_meta(line)
                if current.body:
                    close()
                    closed_by_meta = index
            started = True
            continue
        if kind == _KIND_PINGBACK:
            # a comment of its own line, whatever the layout of the others
            if current.body:
                close()
            drafts.append(_Draft(body=[line]))
            started = True
            continue
        # Text line.
        if (started or current.body) and _SIDEBAR_HEAD.match(line.text) and _sidebar_heading(line.text):
            end = index  # the site's link lists begin under the last comment
            break
        if _BARE_NUMBER.match(line.text) or drafts and _numbers_next(section, index, current, layout, True):
            # "2." over a comment: the list's number of the comment it heads, no words of the one above
            if current.body and not any(_WORD_RE.search(other.text) for other in current.body):
                current.meta_lines.extend(current.body)  # a rating over the number ("+4" / "#1")
                current.body = []
            if current.body and layout == "head":
                close()
            if current.body:
                leftover.append(line)
            else:
                current.meta_lines.append(line)
            continue
        if len(line.text) < 40 and _is_icon(line.text):
            leftover.append(line)  # an icon button's glyph: no reader's words
            continue
        numbered = _LEADING_NUMBER.match(line.text)
        if numbered and current.body and _numbered_sequence(section, index) and not _lists_in_comment(current):
            close()
        if not current.body and not current.meta_lines and (_is_chrome(line.text) or _bar_item(line.text)):
            leftover.append(line)
            continue
        if _ASKED_RATING.match(line.text):
            current.meta_lines.append(line)  # "Hilfreich?+2" under the words: their rating, no words
            continue
        if not current.body and _RATING.match(line.text):
            # "+8" between "rate this" buttons: the score of the comment it goes with, no words of a reader
            (drafts[-1] if layout == "tail" and drafts and not current.meta_lines else current).meta_lines.append(line)
            continue
        if not current.body and current.meta_lines and (_norm(line.text) in _PROFILE_LINKS or _ANGLED.match(line.text)):
            current.meta_lines.append(line)  # the commenter's "Homepage" link or "<address>" under the author line
            continue
        current.body.append(line)
        started = True
    # Tail layout: text after the last anchor is not a comment (there is nothing to close it).
    if current.body:
        if (layout == "tail" or not current.meta_lines and len(drafts) >= 1
                and all(draft.meta_lines for draft in drafts)) and last_anchor >= 0:
            # text after the last anchor is not a comment: nothing closes it (tail layout), or
            # nothing names it where every comment before it was named (head layout)
            leftover.extend(current.body + current.meta_lines)
            end = min(end, last_anchor + 1)
        else:
            kept, rest = _trim_trailing(current.body)
            current.body = kept
            close()
            if rest:
                leftover.extend(rest)
                end = min(end, section.index(rest[0]))
    else:
        leftover.extend(current.meta_lines)
    for draft in drafts:
        _drop_doubled_body(draft, leftover)
    drafts = _drop_repeats(drafts, leftover)
    if layout == "tail":
        _names_over_words(drafts)
    return drafts, leftover, end


def _opening_name(draft: _Draft) -> str | None:
    """The commenter's name on the first line of a comment's words ("anaya60" / words / date), else None."""
    if draft.author or len(draft.body) < 2:
        return None
    name = _bare_name(draft.body[0].text)
    if name is None or not _name_shaped(name) or name.split()[0].lower() in _GREETINGS:
        return None
    return name if _bare_name(draft.body[1].text) is None else None


def _names_over_words(drafts: list[_Draft]) -> None:
    """Read the bare name over the words of tail-layout comments as their author.

    Comments signed under the words by a date alone ("anaya60" / words / "12.04.2020 17:02" /
    "Reply") name their writer on the first line. One such line could be a reader's "Wow"; where
    three comments or more, and half of them, open so, they are the names.
    """
    names = [_opening_name(draft) for draft in drafts]
    found = sum(1 for name in names if name)
    if found < _FRAME_MIN or found < 0.5 * len(drafts):
        return
    for draft, name in zip(drafts, names):
        if name:
            line = draft.body.pop(0)
            draft.meta_lines.insert(0, line)
            draft.author = name


def _drop_doubled_body(draft: _Draft, leftover: list[_Line]) -> None:
    """Move the second copy of a comment's words to ``leftover`` when the page shows them all twice.

    Some comment systems print every comment a second time for their "Quote" button; a copied
    page holds the words, then the same words again, line for line. Only a body made of two equal
    halves is cut, and not one line repeated many times.
    """
    body = draft.body
    half = len(body) // 2
    if half == 0 or len(body) % 2 or not all(body[k].text.strip() == body[half + k].text.strip() for k in range(half)):
        return
    if half > 1 and len({_norm(line.text) for line in body}) == 1:
        return  # one line said over and over is the reader's own shouting
    leftover.extend(body[half:])
    draft.body = body[:half]


#: A line shown in this many comments, and in this share of them, is part of every comment's frame.
_FRAME_MIN = 3
_FRAME_SHARE = 0.25
#: A comment shown again with this many words or more is a copy (the same thread under another sort tab).
_COPY_WORDS = 8


#: A share box's teaser: the commenter's name, a colon and the opening words of the comment.
_TEASER = re.compile(r"^(?P<who>[^\s:]{1,40}):\s+(?P<words>\S.*?)\s*(?:\.\.\.|…)?$")
#: A teaser repeats at least this many words of the comment's opening.
_TEASER_WORDS = 4


def _drop_teasers(draft: _Draft, leftover: list[_Line]) -> bool:
    """Move a share box's teaser ("anna: The opening words of her") and the link after it to ``leftover``.

    The teaser repeats the opening of a line of the comment above it, after the commenter's name.
    Returns True when one was moved.
    """
    body = draft.body
    for index in range(1, len(body)):
        if ":" not in body[index].text:
            continue
        match = _TEASER.match(body[index].text.strip())
        if not match or len(_words(match.group("words"))) < _TEASER_WORDS:
            continue
        opening = _norm(match.group("words"))
        if not any(_norm(line.text).startswith(opening) for line in body[:index]):
            continue
        stop = index + 1
        if stop < len(body) and _URL_RE.fullmatch(body[stop].text.strip()):
            stop += 1
        leftover.extend(body[index:stop])
        draft.body = body[:index] + body[stop:]
        return True
    return False


#: The line over a quote in a reply ("Anna wrote:"): a reader's words, however often it comes back.
_QUOTE_INTRO = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in SAYS_WORDS) + r")\s*:\s*$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def _frame_key(text: str) -> tuple[str, str]:
    """A line's normalised text, and the same with its numbers blanked (the key of frame lines)."""
    norm = _norm(text)
    return norm, _DIGITS.sub("#", norm)


def _drop_repeats(drafts: list[_Draft], leftover: list[_Line]) -> list[_Draft]:
    """Move the lines every comment repeats, and comment lists shown twice, from the drafts to ``leftover``.

    A line of words that recurs (its numbers aside) in three comments or more and a quarter of them
    is the frame the page prints around each comment ("Please rate this comment: 3 1", "Share it",
    "This comment has been down-ranked"), not a reader's words; the line over a quote ("Anna
    wrote:") is kept. Three different comments or more in a row whose words all came
    before are the thread shown a second time (under "Most Recent", then under "Highest Rated");
    a comment posted twice or thrice by its reader stays.
    """
    if len(drafts) < _FRAME_MIN:
        return drafts
    pairs = [[_frame_key(line.text) for line in draft.body] for draft in drafts]
    norms = [[norm for norm, _ in draft_pairs] for draft_pairs in pairs]
    keys = [[key for _, key in draft_pairs] for draft_pairs in pairs]
    wholes: list[str | None] = []  # the words of each comment that were shown before, else None
    shown: Counter = Counter()  # in how many different comments each line is
    seen: set[str] = set()
    for draft, draft_norms, draft_keys in zip(drafts, norms, keys):
        whole = "\n".join(draft_norms)
        wholes.append(whole if whole in seen and len(_words(whole)) >= _COPY_WORDS else None)
        if whole not in seen or not draft.meta_lines:  # a reader's double post counts once
            shown.update(set(draft_keys))
        seen.add(whole)
    frame = {key for key, n in shown.items()
             if n >= _FRAME_MIN and n >= _FRAME_SHARE * len(seen) and _WORD_RE.search(key)}
    copied = [False] * len(drafts)
    index = 0
    while index < len(drafts):
        stop = index
        while stop < len(drafts) and wholes[stop] is not None:
            stop += 1
        if len(set(wholes[index:stop])) >= _FRAME_MIN:
            copied[index:stop] = [True] * (stop - index)
        index = stop + 1
    kept: list[_Draft] = []
    for draft, draft_keys, copy in zip(drafts, keys, copied):
        if _drop_teasers(draft, leftover):
            draft_keys = [_frame_key(line.text)[1] for line in draft.body]
        if frame:
            body = []
            for line, key in zip(draft.body, draft_keys):
                if key in frame and not _QUOTE_INTRO.search(line.text):
                    leftover.append(line)
                else:
                    body.append(line)
            draft.body = body
        if not draft.body or copy:
            leftover.extend(draft.body + draft.meta_lines)
        else:
            kept.append(draft)
    return kept


def _meta_after_forms(section: list[_Line], index: int) -> bool:
    """True when comments follow the form lines from ``index`` on.

    That is when the first line after them (and pages: "1", "2", "Next") is a comment's meta
    line, or when a comment's meta or control line comes within 15 lines of them: a comment
    widget prints its sign-in box and tabs ("Post comment as", "Sort: Newest | Oldest") over the
    comments.
    """
    following = next((line for line in section[index:] if line.kind not in (_KIND_FORM, _KIND_NOTE)
                      and not (line.kind == _KIND_TEXT and len(_words(line.text)) <= 1)), None)
    if following is None or following.kind == _KIND_META:
        return following is not None
    stop = index
    while stop < len(section) and section[stop].kind == _KIND_FORM:
        stop += 1
    return any(_evidence(line) for line in section[stop: stop + 15])


def _form_is_reply_box(section: list[_Line], index: int, forms: Counter) -> bool:
    """True for a form line that sits between comments (a per-comment reply box), not after them.

    ``forms`` counts the form lines of the section by their text: a box shown three times or more
    ("Name (required)" / "Email (required)" under every comment) is a reply box wherever a
    comment's author line follows it, however many fields it has.
    """
    if section[index].kind != _KIND_FORM:
        return False
    if index > 0 and section[index - 1].kind == _KIND_META and _norm(section[index].text) in _FORM_FIELD_SET:
        return True  # "Comment |" ("Reply To Comment") links on a comment's author line
    if forms[_norm(section[index].text)] >= _FRAME_MIN:
        stop = index
        while stop + 1 < len(section) and section[stop + 1].kind == _KIND_FORM:
            stop += 1
        # a comment's author line or its "Reply" link: the box shown under every comment goes on (its
        # other lines and buttons, "Abbrechen" / "Senden" / "Erneut versuchen", are no comment's words)
        after = [line for line in section[stop + 1: stop + 40]
                 if line.kind != _KIND_FORM and not (line.kind == _KIND_TEXT and len(_words(line.text)) <= 2)]
        return any(_evidence(line) == 2 and line.kind in (_KIND_META, _KIND_CONTROL) for line in after[:10])
    following = section[index + 1: index + 10]
    if any(line.kind == _KIND_FORM for line in following[:3]):
        return False
    return any(_evidence(line) == 2 and line.kind == _KIND_META for line in following)


def _lists_in_comment(current: _Draft) -> bool:
    """True when a numbered line goes on the open comment's own list, not a new comment.

    The words above introduce it ("I can help with the following:"), or the comment opened with its
    own author line and its last line is the list's item before.
    """
    last = current.body[-1].text.strip()
    if _INTRODUCES.search(last):
        return True
    return bool(current.meta_lines) and len(current.body) > 1 and _LEADING_NUMBER.match(last) is not None


def _numbered_sequence(section: list[_Line], index: int) -> bool:
    """True when a numbered line continues a "1. 2. 3." sequence of comment starts."""
    number = int(_LEADING_NUMBER.match(section[index].text).group("n"))
    for line in reversed(section[:index]):
        match = _LEADING_NUMBER.match(line.text)
        if match:
            return int(match.group("n")) == number - 1
    return number == 1


def _trim_trailing(body: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Cut the last comment of a head-layout section where site chrome begins."""
    for index, line in enumerate(body):
        if index == 0:
            continue
        if _is_chrome(line.text) or (not _is_prose(line.text) and index + 1 < len(body)
                                     and not _opens_comment(body[index + 1].text)
                                     and len(_words(line.text)) <= 3):
            return body[:index], body[index:]
    return body, []


def _block_text(draft: _Draft) -> str:
    """The comment's lines as the page shows them: meta, body and control lines in page order."""
    lines = sorted(draft.meta_lines + draft.body + draft.controls, key=lambda line: line.number)
    return "\n".join(line.text.strip() for line in lines)


def _comment_text(draft: _Draft) -> str:
    texts = []
    for position, line in enumerate(draft.body):
        text = line.text.strip()
        if position == 0:
            numbered = _LEADING_NUMBER.match(text)
            if numbered:
                text = numbered.group("rest").strip()
        texts.append(text)
    return "\n".join(texts)


# ---------------------------------------------------------------------------------------------
# Title and article.
# ---------------------------------------------------------------------------------------------


def _title_index(lines: list[_Line], limit: int) -> int | None:
    """Index of the title line among the first ``limit`` lines.

    That is the first line shown twice near the top (the site's title bar and the headline; a
    caption under every embed, shown three times or more, is no title), else the first title-like
    line before any running text.
    """
    head = lines[:limit]
    shown = Counter(_norm(line.text) for line in head[:60])
    seen: dict[str, int] = {}
    for index, line in enumerate(head[:60]):
        key = _norm(line.text)
        n_words = len(_words(line.text))
        if key in seen and 3 <= n_words <= 30 and line.kind == _KIND_TEXT and shown[key] == 2:
            return seen[key]
        seen.setdefault(key, index)
    for index, line in enumerate(head):
        if _is_prose(line.text) and len(_words(line.text)) >= 12:
            break
        if _title_like(line):
            return index
    return None


def _quoted_title_index(lines: list[_Line], limit: int) -> int | None:
    """Index of the line among the first ``limit`` that a comment header below quotes as the story's
    title ("11 Antworten zu “Sunday Thoughts”"), or None."""
    quoted = _quoted_titles(lines[limit:])
    return next((index for index, line in enumerate(lines[:limit])
                 if quoted and line.kind == _KIND_TEXT and _norm(line.text) in quoted), None)


_QUOTED = re.compile(r"[“\"„«»]\s*(?P<title>[^“”\"„«»]{3,250}?)\s*[”\"“«»]")


def _quoted_titles(lines: list[_Line]) -> set[str]:
    """The story titles that comment headers quote ("11 Antworten zu “Sunday Thoughts”"), normalised."""
    return {_norm(match.group("title")) for line in lines if line.kind == _KIND_HEADER
            for match in [_QUOTED.search(line.text)] if match}


def _masthead_like(lines: list[_Line], index: int) -> bool:
    """True for a title candidate that is rather the site's name: the page's first line, a line
    in capitals, or a name the copyright line repeats."""
    text = lines[index].text.strip()
    if index == 0 or (text.isupper() and len(_words(text)) <= 6):
        return len(_words(text)) <= 6
    key = _norm(text)
    return any(("©" in line.text or "copyright" in line.text.lower()) and key in line.text.lower()
               for line in lines[-40:])


def _headline_after(lines: list[_Line], index: int, limit: int) -> int | None:
    """The first title-like line after a masthead that a byline, a date or running text follows."""
    for j in range(index + 1, min(limit, index + 30, len(lines) - 1)):
        following = lines[j + 1]
        if _title_like(lines[j]) and (_is_metadata(following) or following.kind == _KIND_META
                                      or _is_prose(following.text)):
            return j
    return None


def _headline_over(lines: list[_Line], first: int, floor: int) -> int | None:
    """The title-like line over the byline or date line just above the story's first prose line
    (a standfirst may sit between them), or None when no byline or date line is there."""
    index = first - 1
    skipped = 0
    byline = False
    while index > floor and skipped <= 3:
        line = lines[index]
        if byline and _title_like(line) and not _is_metadata(line):
            return index
        if _is_metadata(line) or line.kind == _KIND_META or _is_date_line(line.text.strip()):
            byline = True
        else:
            skipped += 1
        index -= 1
    return None


#: Breadcrumb and link-row separators ("City Guide » Food", "Page · RSS Feed", "« Older | Newer »").
_CRUMBS = re.compile(r"[»›·|]")
#: A byline written as text ("by Marko Saric", "By JUNG-AH LEE").
_BYLINE_START = re.compile(r"^(?:by|von|par)\s+\S", re.IGNORECASE)
#: Lines other than bylines, dates and buttons that may sit between a headline and its story
#: (a standfirst, a caption, a share row); more than this and the headline is too far up.
_HEADLINE_SKIP = 3


def _headline_shaped(line: _Line) -> bool:
    """True for a line that can be a story's headline.

    A title-like line, or a short line that :func:`_mark_name_lines` took for a commenter's name
    because a date follows it ("Calligraphy-making robot" / "October 18th, 2012 by Mirko").
    Breadcrumbs, link rows and labels ending in a colon ("Share this article:") are no headlines.
    """
    text = line.text.strip()
    if (text.endswith(":") or _CRUMBS.search(text) or _POST_NAV.search(text)
            or text.lower().startswith(("share ", "follow "))):
        return False
    if line.kind == _KIND_TEXT:
        return _title_like(line) and not _is_metadata(line)
    if line.kind != _KIND_META or _is_metadata(line) or _date_span(text) is not None:
        return False
    return 3 <= len(_words(text)) <= 30 and not text.endswith(".") and not _is_chrome(text)


def _continued(line: _Line, following: _Line) -> bool:
    """True when ``following`` carries on the sentence of ``line`` (a paragraph broken by the copy)."""
    return (following.kind == _KIND_TEXT and following.text.strip()[:1].islower() and _is_prose(following.text)
            and not _is_metadata(following) and not line.text.rstrip().endswith(_TERMINAL))


def _headline_near(lines: list[_Line], first: int) -> int | None:
    """The headline over the story's first prose line ``first``, or None.

    Walking up, bylines, dates, buttons and other short lines are passed over, and up to
    :data:`_HEADLINE_SKIP` other lines (a standfirst, a caption, a share row). Of the
    headline-shaped lines met (:func:`_headline_shaped`), the first one over a byline wins (a
    caption or standfirst may sit between a headline and its story); else the nearest one, which
    also wins at once when a date stands right over it (the date heading of a blog post). Sites
    print their name, menus and teasers far above the story, so a line near it is a better
    headline than the page's first.
    """
    index = first - 1
    skipped = 0
    nearest = None
    while index >= 0 and skipped <= _HEADLINE_SKIP:
        line = lines[index]
        if _headline_shaped(line) and not _continued(line, lines[index + 1]):
            if _over_byline(lines, index):
                return index
            if nearest is None:
                nearest = index
                if index > 0 and _bare_date(lines[index - 1]):
                    return index
        text = line.text.strip()
        if not (line.kind != _KIND_TEXT or _is_metadata(line) or _is_date_line(text) or len(_words(text)) <= 2
                or _is_chrome(text)):
            skipped += 1
        index -= 1
    return nearest


def _bare_date(line: _Line) -> bool:
    """True for a date line that names no one ("Monday, October 29, 2012")."""
    return _is_date_line(line.text.strip()) and not (line.meta is not None and line.meta.author)


def _over_byline(lines: list[_Line], index: int) -> bool:
    """True when a byline or a date line follows line ``index``."""
    following = lines[index + 1]
    return (_is_metadata(following) or following.kind == _KIND_META
            or _BYLINE_START.match(following.text.strip()) is not None)


def _headline_first(lines: list[_Line], first: int, alone: bool) -> bool:
    """True when the story's first "prose" line ``first`` is its headline.

    Headlines that end in "?" or ")" or run to twelve words read as prose. The line is taken when
    a byline or date follows it; when no headline stands over it (``alone``), also when it is no
    sentence ending in a full stop and running text follows.
    """
    line = lines[first]
    text = line.text.strip()
    if (line.kind != _KIND_TEXT or not 3 <= len(_words(text)) <= 25 or len(text) > 250 or _is_chrome(text)
            or text.endswith((".", "!", "…")) or first + 1 >= len(lines)):
        return False
    if _over_byline(lines, first):
        return True
    return ((alone or _title_case(text)) and not text.endswith((",", ";", ":"))
            and _is_prose(lines[first + 1].text))


def _title_case(text: str) -> bool:
    """True for a line in headline capitals: the words longer than three letters start upper-case."""
    long_words = [word for word in _words(text) if len(word) > 3]
    return len(long_words) >= 2 and sum(word[0].isupper() for word in long_words) >= 0.8 * len(long_words)


def _title_like(line: _Line) -> bool:
    text = line.text.strip()
    n_words = len(_words(text))
    return (line.kind == _KIND_TEXT and 3 <= n_words <= 30 and len(text) <= 250 and not text.endswith(".")
            and not _is_chrome(text) and not _is_date_line(text) and not _HASHTAG_LINE.match(text))


#: A title line this many lines or more above the story's first prose line is checked against the
#: headline right over the story (sites put their name and menus at the top of a copied page).
_TITLE_GAP = 6


#: A link to the previous or next post ("« Older title", "Newer title »"): no start of a story.
_POST_NAV = re.compile(r"^\s*[«‹←]|[»›→]\s*$")


def _article_span(lines: list[_Line], start: int, stop: int) -> tuple[int, int] | None:
    """Return the (first, last) indices of the densest run of prose lines in ``lines[start:stop]``."""
    best = None
    run_start = run_end = None
    score = best_score = 0
    gap = 0
    for index in range(start, stop):
        line = lines[index]
        if line.kind == _KIND_TEXT and _is_prose(line.text) and not (run_start is None and _POST_NAV.search(line.text)):
            if run_start is None:
                run_start, score = index, 0
            run_end = index
            score += len(_words(line.text))
            gap = 0
        elif run_start is not None:
            gap += 1
            if gap > 4 or line.kind in (_KIND_FORM, _KIND_HEADER):
                if score > best_score:
                    best, best_score = (run_start, run_end), score
                run_start, gap = None, 0
    if run_start is not None and score > best_score:
        best = (run_start, run_end)
    return best


def _is_metadata(line: _Line) -> bool:
    text = line.text.strip()
    if _HASHTAG_LINE.match(text) or _is_date_line(text):
        return True
    low = text.lower()
    return len(text) <= 150 and low.startswith(
        ("by ", "posted ", "written by", "published", "updated", "filed under", "tags:", "tagged",
         "categories:", "category:", "von ", "veröffentlicht", "aktualisiert", "kategorie", "par "))


# ---------------------------------------------------------------------------------------------
# Entry point.
# ---------------------------------------------------------------------------------------------


def parse_text_page(text: str, source: str = "<string>") -> Thread:
    """Parse a page copied from a browser as plain text (site chrome included).

    Possible comment sections open at a header ("12 Comments", "3 thoughts on “...”",
    "Kommentare") followed by meta lines ("Anna says:", dates, "Reply"), at runs of such meta lines
    without a header, or, failing both, at runs of "name / text" pairs; each is split into comments
    and the split that reads most like comments wins. A section ends at the comment form ("Leave a
    Reply", "Your email address will not be published"). The article is the densest run of prose
    before it; the title is the headline above it (a masthead line becomes ``site``). Author and
    date lines go to ``author``/``published``, not into the comment text; ``block`` keeps them with
    the comment's "Reply" lines, as the page shows the comment. Every non-blank line gets exactly
    one role in ``line_roles``.

    Parameters
    ----------
    text : str
        The page text.
    source : str
        Name recorded as the thread's ``source``.

    Returns
    -------
    Thread
        With ``format="text"``, the title, article, comments and ``line_roles``.

    Raises
    ------
    InputError
        If ``text`` is not a string.

    Examples
    --------
    >>> page = "A title for a page\\n\\nThe article says something long enough to count as prose.\\n"
    >>> page += "\\n2 Comments\\n\\nAnna says:\\nI agree with this.\\nReply\\nBob says:\\nI do not.\\nReply\\n"
    >>> thread = parse_text_page(page)
    >>> [c.text for c in thread.comments]
    ['I agree with this.', 'I do not.']
    """
    if not isinstance(text, str):
        raise InputError(source, f"text page must be a str, got {type(text).__name__}",
                         fix="decode the bytes first, or use parse_bytes")
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _classify(raw_lines)
    roles: dict[int, str] = {}

    start, drafts, leftover, claimed = _best_section(lines)
    if start is not None:
        for draft in drafts:
            # a pingback is a notice that another page linked here, not a reader's comment
            body_role = "metadata" if _is_pingback(draft) else "comment"
            for line in draft.body:
                roles[line.number] = body_role
            for line in draft.meta_lines:
                roles[line.number] = "metadata"
        for line in leftover:
            roles.setdefault(line.number, "boilerplate")
    comment_zone = start if (start is not None and drafts) else None

    article_stop = comment_zone if comment_zone is not None else len(lines)
    if comment_zone is None:
        # no comments: the article still ends before the reply form ("Leave a Reply") and its header
        article_stop = next((i for i, line in enumerate(lines) if line.kind == _KIND_FORM
                             and _REPLY_FORM.search(line.text)), article_stop)
    if article_stop < len(lines):
        # Step back over the header lines.
        while article_stop > 0 and lines[article_stop - 1].kind in (_KIND_HEADER, _KIND_NOTE):
            article_stop -= 1
    first_form = next((i for i, line in enumerate(lines[:article_stop]) if line.kind == _KIND_FORM), None)
    prose_stop = article_stop
    title_idx = _title_index(lines, article_stop)
    site = None
    if title_idx is not None and _masthead_like(lines, title_idx):
        site = lines[title_idx].text.strip()
        title_idx = _headline_after(lines, title_idx, article_stop)
    quoted_idx = _quoted_title_index(lines, article_stop)
    if quoted_idx is not None:
        title_idx = quoted_idx  # the comment header names the story
    if first_form is not None and (title_idx is None or first_form > title_idx):
        span_probe = _article_span(lines, (title_idx or -1) + 1, first_form)
        if span_probe is not None:
            prose_stop = first_form
    span = _article_span(lines, (title_idx if title_idx is not None else -1) + 1, prose_stop)
    if span is not None and title_idx is None:
        title_idx = next((i for i in range(span[0] - 1, max(-1, span[0] - 8), -1) if _title_like(lines[i])), None)
    elif span is not None and quoted_idx is None and span[0] - title_idx > _TITLE_GAP:
        # far above the story: a site or section line; the headline sits just over the byline
        title_idx = _headline_over(lines, span[0], title_idx) or title_idx
    # the article reaches back to the line after the title found so far (standfirsts); a headline
    # found nearer the story does not cut those lines off
    floor_idx = title_idx
    if span is not None and quoted_idx is None:
        near = _headline_near(lines, span[0])
        if _headline_first(lines, span[0], near is None):
            near = span[0]
            span = (span[0] + 1, span[1]) if span[1] > span[0] else span
        if near is not None:
            title_idx = near

    title = None
    if title_idx is not None:
        title = lines[title_idx].text.strip()
        key = _norm(title)
        for line in lines[: max(article_stop, title_idx + 1)]:
            if _norm(line.text) == key:
                roles[line.number] = "title"

    article_lines: list[_Line] = []
    published = None
    if span is not None:
        first = span[0]
        # Extend back to just after the title over non-chrome text (subtitles, standfirsts).
        bound = title_idx if floor_idx is None or title_idx is None else min(floor_idx, title_idx)
        if bound is not None and bound < first:
            back = first
            while back - 1 > bound and lines[back - 1].kind == _KIND_TEXT and not _is_chrome(
                    lines[back - 1].text) and not _is_metadata(lines[back - 1]) and len(_words(lines[back - 1].text)) >= 3 \
                    and not _POST_NAV.search(lines[back - 1].text):
                back -= 1
            first = back
        for line in lines[first: span[1] + 1]:
            if line.number in roles:
                continue
            if line.kind == _KIND_TEXT and not _is_chrome(line.text) and not _is_metadata(line):
                article_lines.append(line)
                roles[line.number] = "article"
    for line in lines:
        if line.number in roles:
            continue
        index_in_meta = _is_metadata(line) or line.kind == _KIND_META
        if index_in_meta and (comment_zone is None or line.number < lines[comment_zone].number):
            roles[line.number] = "metadata"
            if published is None and _date_span(line.text) is not None and 0 <= _find_date(line.text)[1] < _YEARLESS:
                published = _to_iso(line.text.strip())
        else:
            roles[line.number] = "boilerplate"

    # the story's author: a byline between the headline and the first paragraph
    author = None
    if title_idx is not None and span is not None and title_idx < span[0]:
        author = author_in_lines([line.text for line in lines[title_idx + 1: span[0]]
                                  if _is_metadata(line) or line.kind == _KIND_META])

    comments = []
    set_aside = []
    for position, draft in enumerate(drafts, start=1):
        comment_text = _comment_text(draft)
        if not comment_text.strip():
            continue
        kind = "comment"
        if _is_pingback(draft):
            kind = "trackback" if comment_text.lstrip(" \t-•*").lower().startswith("trackback") else "pingback"
        (comments if kind == "comment" else set_aside).append(Comment(
            text=comment_text,
            id=f"c{position}",
            position=position,
            author=draft.author,
            published=_to_iso(draft.date),
            kind=kind,
            block=_block_text(draft),
        ))
    # Renumber in case a draft was dropped; set-aside notices follow the comments' ids, as in HTML pages.
    for position, comment in enumerate(comments, start=1):
        comment.id, comment.position = f"c{position}", position
    for position, comment in enumerate(set_aside, start=1):
        comment.id, comment.position = f"c{len(comments) + position}", position

    line_roles = {role: [] for role in _ROLE_ORDER}
    for number in sorted(roles):
        line_roles[roles[number]].append(number)
    line_roles = {role: numbers for role, numbers in line_roles.items() if numbers}
    return Thread(
        source=source,
        title=title,
        site=site,
        published=published,
        author=author,
        article="\n".join(line.text.strip() for line in article_lines),
        comments=comments,
        comment_count_claimed=claimed,
        format="text",
        set_aside=set_aside,
        line_roles=line_roles,
    )


def _is_pingback(draft: _Draft) -> bool:
    """A draft that is a pingback or trackback entry ("Pingback: <post> | <blog>")."""
    return draft.pingback or bool(draft.body) and draft.body[0].kind == _KIND_PINGBACK
