"""Fuzzing the parse entry point: whatever the input, a list of threads or an InputError, nothing else."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from moderation.errors import InputError
from moderation.parsing import parse_bytes, parse_string
from moderation.threads import Thread


def _fuzz(examples: int) -> settings:
    """Settings for one fuzz test: no per-example deadline (first calls import lxml and parsers)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _result_or_input_error(call, *args, **kwargs):
    """Run a parse call; return its threads, or None when it raised a one-line InputError."""
    try:
        result = call(*args, **kwargs)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        event("InputError: " + error.problem.split(" (")[0][:40])
        return None
    assert isinstance(result, list)
    assert all(isinstance(thread, Thread) for thread in result)
    event("threads from " + ",".join(sorted({str(thread.format) for thread in result})) if result else "no threads")
    return result


def _needs_page_parsers() -> None:
    pytest.importorskip("moderation.parsing.text")
    pytest.importorskip("moderation.parsing.html")


# --- raw bytes and text --------------------------------------------------------------------------


@_fuzz(900)
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    _needs_page_parsers()
    _result_or_input_error(parse_bytes, data, source="random.bin")


@_fuzz(400)
@given(st.binary(min_size=1, max_size=400), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"<?xml version='1.0'?>",
                                                              b"<html><meta charset='utf-8'>", b"[{\"", b"<rss>"]))
def test_random_bytes_behind_a_plausible_start(data, start):
    _needs_page_parsers()
    _result_or_input_error(parse_bytes, start + data, source="random.bin")


@_fuzz(600)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_random_text_in_any_encoding(text, codec):
    _needs_page_parsers()
    data = text.encode(codec, errors="replace")
    _result_or_input_error(parse_bytes, data, source="random.txt")


@_fuzz(300)
@given(st.text(max_size=2000), st.sampled_from(["auto", "text", "html", "wxr", "disqus", "isso-json", "jsonl"]))
def test_random_text_forced_into_every_format(text, fmt):
    _needs_page_parsers()
    _result_or_input_error(parse_string, text, source="random.txt", format=fmt)


# --- text pages built from comment-section lines --------------------------------------------------

_LINES = st.one_of(
    st.sampled_from([
        "", "", "Council approves the bridge", "Home | News | Sport", "12 Comments", "One thought on “Bridge”",
        "Leave a Reply", "Reply", "Ann says:", "Bo said,", "March 3, 2021 at 4:05 pm", "3 hours ago",
        "Posted by Cy on 2020-01-02", "Log in to Reply", "Your email address will not be published.",
        "Kommentare (3)", "Antworten", "Share this:", "Like", "Loading...", "© 2024 The Paper",
        "Comments are closed.", "1.", "2.", "Report", ">", "»", "   ",
    ]),
    st.text(max_size=120).map(lambda s: s.replace("\n", " ")),
)


@_fuzz(500)
@given(st.lists(_LINES, max_size=80))
def test_text_pages_made_of_comment_lines(lines):
    _needs_page_parsers()
    _result_or_input_error(parse_bytes, "\n".join(lines).encode("utf-8"), source="page.txt")


# --- HTML-ish markup from a small tag alphabet -----------------------------------------------------

_TAGS = ["html", "head", "body", "title", "meta", "div", "p", "span", "a", "article", "section", "ul", "ol", "li",
         "h1", "h2", "h3", "br", "script", "style", "time", "header", "footer", "aside", "form", "textarea",
         "blockquote", "table", "tr", "td", "noscript", "iframe", "img", "cite", "b"]
_ATTRS = st.sampled_from([
    "", ' class="comment"', ' class="comments"', ' class="comment-body"', ' class="author"', ' class="reply"',
    ' class="byline"', ' class="entry-content"', ' class="post"', ' id="comments"', ' id="disqus_thread"',
    ' id="respond"', ' itemprop="articleBody"', ' datetime="2020-01-02T03:04:05Z"', ' charset="utf-8"',
    ' class="comment depth-2"', ' href="#comment-3"', ' class', ' id=', ' class="a" class="b"',
])
_TEXTS = st.one_of(
    st.sampled_from(["Ann says:", "Reply", "3 Comments", "January 2, 2020 at 3:04 pm", "Great article!",
                     "I disagree with this.", "&amp;", "&nbsp;", "&#x1F600;", "&bogus;", "<!-- c -->", "<![CDATA[x]]>",
                     "]]>", "<", ">", "&", "\n", "\t"]),
    st.text(max_size=40),
)


@st.composite
def _markup(draw):
    parts = []
    open_tags = []
    for _ in range(draw(st.integers(0, 80))):
        action = draw(st.integers(0, 5))
        if action <= 1:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}{draw(_ATTRS)}>")
            open_tags.append(tag)
        elif action == 2 and open_tags:
            parts.append(f"</{open_tags.pop()}>")
        elif action == 3:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")  # stray or misnested close
        else:
            parts.append(draw(_TEXTS))
    if draw(st.booleans()):
        parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", "<!DOCTYPE html>\n<html>", "<?xml version='1.0'?>",
                                   "<!-- saved from url=(0014)about:internet -->"]))
    document = prefix + "".join(parts)
    cut = draw(st.integers(0, len(document)))
    return document[:cut] if draw(st.booleans()) else document


@_fuzz(700)
@given(_markup(), st.sampled_from(["utf-8", "cp1252"]))
def test_html_like_markup(document, codec):
    _needs_page_parsers()
    _result_or_input_error(parse_bytes, document.encode(codec, errors="replace"), source="page.html")


# --- XML exports ---------------------------------------------------------------------------------

_WP = st.sampled_from(["http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/",
                       "http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/"])
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Cn"]), max_size=60)


@st.composite
def _wxr(draw):
    """A well-formed WXR document and the comments it holds, as (id, parent, type, text) tuples."""
    namespace = draw(_WP)
    items, expected = [], []
    next_id = 1
    for number in range(draw(st.integers(0, 4))):
        comments = []
        ids: list[int] = []
        for _ in range(draw(st.integers(0, 8))):
            parent = draw(st.sampled_from([0, *ids, 999])) if ids else draw(st.sampled_from([0, 999]))
            kind = draw(st.sampled_from(["", "", "comment", "pingback", "trackback"]))
            text = draw(_WORDS)
            approved = draw(st.sampled_from(["1", "0", "spam", "trash"]))
            comments.append(
                f"<wp:comment><wp:comment_id>{next_id}</wp:comment_id>"
                f"<wp:comment_author>{escape(draw(_WORDS))}</wp:comment_author>"
                f"<wp:comment_date_gmt>2020-01-02 03:04:05</wp:comment_date_gmt>"
                f"<wp:comment_content>{escape(text)}</wp:comment_content>"
                f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
                f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
            )
            expected.append((str(next_id), None if parent == 0 else str(parent), kind, text))
            ids.append(next_id)
            next_id += 1
        items.append(f"<item><title>{escape(draw(_WORDS))}</title><wp:post_id>{number}</wp:post_id>"
                     f"<content:encoded><![CDATA[{draw(_WORDS).replace(']]>', '')}]]></content:encoded>"
                     f"{''.join(comments)}</item>")
    document = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="{namespace}" '
                f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Site</title>'
                f"<wp:wxr_version>1.2</wp:wxr_version>{''.join(items)}</channel></rss>\n")
    return document, expected


@_fuzz(400)
@given(_wxr())
def test_generated_wxr_keeps_every_comment(case):
    document, expected = case
    threads = _result_or_input_error(parse_bytes, document.encode("utf-8"), source="export.xml")
    assert threads is not None
    found = {c.id: c for t in threads for c in t.comments + t.set_aside}
    assert len(found) == len(expected)
    for comment_id, parent, kind, text in expected:
        comment = found[comment_id]
        assert comment.parent == parent
        assert (comment.kind == "comment") == (kind in ("", "comment"))
        if "<" not in text and "&" not in text:  # otherwise the content is read as HTML
            assert comment.text.split() == text.replace("\u200b", "").split()
    for thread in threads:
        by_id = {c.id: c for c in thread.comments + thread.set_aside}
        for comment in by_id.values():
            if comment.parent is None:
                assert comment.depth == 0
            elif comment.parent in by_id:
                assert comment.depth == by_id[comment.parent].depth + 1
            else:
                assert comment.depth == 1


@_fuzz(400)
@given(_wxr(), st.data())
def test_damaged_wxr(case, data):
    document = case[0].encode("utf-8")
    position = data.draw(st.integers(0, len(document)))
    damage = data.draw(st.sampled_from(["cut", "byte", "insert", "drop"]))
    if damage == "cut":
        document = document[:position]
    elif damage == "byte":
        document = document[:position] + bytes([data.draw(st.integers(0, 255))]) + document[position + 1:]
    elif damage == "insert":
        document = document[:position] + data.draw(st.sampled_from([b"<", b"&", b"]]>", b"<!ENTITY x 'y'>", b"&x;",
                                                                    b"</item>", b"<wp:comment>", b"\x00"])) + document[position:]
    else:
        document = document[:position] + document[position + 20:]
    _needs_page_parsers()  # a damaged header can turn the document into a page
    _result_or_input_error(parse_bytes, document, source="export.xml")


@st.composite
def _disqus(draw):
    threads = [f'<thread dsq:id="{t}"><link>http://x/{t}</link><title>{escape(draw(_WORDS))}</title></thread>'
               for t in range(draw(st.integers(0, 3)))]
    posts = []
    for p in range(draw(st.integers(0, 10))):
        parent = draw(st.sampled_from(["", f'<parent dsq:id="{draw(st.integers(0, 12))}"/>']))
        flags = f"<isDeleted>{draw(st.sampled_from(['true', 'false']))}</isDeleted><isSpam>false</isSpam>"
        posts.append(f'<post dsq:id="{p}"><message><![CDATA[{draw(_WORDS).replace("]]>", "")}]]></message>'
                     f"<createdAt>{draw(st.sampled_from(['2020-01-02T03:04:05Z', '', 'yesterday']))}</createdAt>"
                     f"{flags}<author><name>{escape(draw(_WORDS))}</name></author>"
                     f'<thread dsq:id="{draw(st.integers(0, 4))}"/>{parent}</post>')
    order = draw(st.permutations(threads + posts))
    return ('<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
            + "".join(order) + "</disqus>")


@_fuzz(300)
@given(_disqus())
def test_generated_disqus(document):
    threads = _result_or_input_error(parse_bytes, document.encode("utf-8"), source="disqus.xml")
    assert threads is not None
    assert sum(len(t.comments) for t in threads) == document.count("<post ")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "title", "comments", "text", "author", "created", "parent", "mode", "x"]),
        children, max_size=5),
    max_leaves=30,
)


@_fuzz(300)
@given(_JSON_VALUES)
def test_random_json_as_isso_export(value):
    _result_or_input_error(parse_string, json.dumps(value), source="isso.json", format="isso-json")
