"""Bad input at the parse entry points: a result or one clear InputError, never a traceback or a hang."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest

from moderation.errors import InputError
from moderation.parsing import MAX_BYTES, parse_bytes, parse_file, parse_string
from moderation.threads import Thread


def _one_line_error(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return info.value


def _needs(module: str) -> None:
    pytest.importorskip(f"moderation.parsing.{module}")


# --- empty and binary --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf  \n", b"\x00\x00\x00"])
def test_empty_or_blank(data):
    error = _one_line_error(parse_bytes, data, source="blank.txt")
    assert error.source == "blank.txt"
    assert "empty" in error.problem or "binary" in error.problem


def test_empty_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    error = _one_line_error(parse_file, path)
    assert error.problem == "is empty"
    assert str(path) in str(error)


@pytest.mark.parametrize("data, words", [
    (gzip.compress(b"<html><body>x</body></html>" * 50), "gzip"),
    (b"%PDF-1.4\n" + os.urandom(2000), "PDF"),
    (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "PNG"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x00" + b"text" * 100, "binary"),
])
def test_binary_data_is_named(data, words):
    error = _one_line_error(parse_bytes, data, source="upload.bin")
    assert words in error.problem
    assert error.fix


def test_str_given_to_parse_bytes_is_a_programming_error():
    with pytest.raises(TypeError, match="parse_string"):
        parse_bytes("text")  # type: ignore[arg-type]


# --- files -------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    error = _one_line_error(parse_file, tmp_path / "nope.html")
    assert error.problem == "no such file"


def test_directory(tmp_path):
    error = _one_line_error(parse_file, tmp_path)
    assert error.problem == "is a directory"


def test_nul_in_path(tmp_path):
    _one_line_error(parse_file, str(tmp_path / "bad\x00name.html"))


def test_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_BYTES + 1)
    started = time.perf_counter()
    error = _one_line_error(parse_file, path)
    assert "limit" in error.problem
    assert time.perf_counter() - started < 1


def test_bytes_over_the_limit():
    error = _one_line_error(parse_bytes, b"a" * (MAX_BYTES + 1), source="big.txt")
    assert "limit" in error.problem


@pytest.mark.timeout(60)
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_read_boundedly():
    error = _one_line_error(parse_file, "/dev/zero")
    assert "limit" in error.problem


# --- malformed exports (no page parser needed) ---------------------------------------------------

WXR_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'


def _wxr_item(author: str) -> str:
    return (f"<item><title>Post</title><wp:post_id>1</wp:post_id><wp:comment><wp:comment_id>1</wp:comment_id>"
            f"<wp:comment_author>{author}</wp:comment_author><wp:comment_content>Hello</wp:comment_content>"
            f"</wp:comment></item>\n")


def test_truncated_export_file(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(WXR_HEAD + _wxr_item("Ann") + "<item><title>Cut", encoding="utf-8")
    error = _one_line_error(parse_file, path)
    assert error.source == str(path)
    assert error.line == 5
    assert "cut off" in error.fix


@pytest.mark.parametrize("declared, codec", [("ISO-8859-1", "utf-8"), ("UTF-8", "cp1252")])
def test_export_with_a_wrong_declared_charset(declared, codec):
    text = WXR_HEAD.replace("UTF-8", declared) + _wxr_item("Zoë Müller") + "</channel></rss>\n"
    threads = parse_bytes(text.encode(codec), source="export.xml")
    assert threads[0].comments[0].author == "Zoë Müller"


def test_export_in_utf16_with_bom():
    text = WXR_HEAD.replace("UTF-8", "UTF-16") + _wxr_item("Zoë") + "</channel></rss>\n"
    threads = parse_bytes(text.encode("utf-16"), source="export.xml")
    assert threads[0].comments[0].author == "Zoë"


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_fifty_megabyte_export():
    comment = ("<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>R{n}</wp:comment_author>"
               "<wp:comment_content><![CDATA[<p>" + "A fairly long comment about the plan. " * 250
               + "</p>]]></wp:comment_content><wp:comment_parent>0</wp:comment_parent></wp:comment>\n")
    items, size, number = [], 0, 0
    while size < 50 * 2**20:
        body = "".join(comment.format(n=number * 10 + k) for k in range(10))
        items.append(f"<item><title>P{number}</title><wp:post_id>{number}</wp:post_id>{body}</item>\n")
        size += len(items[-1])
        number += 1
    data = (WXR_HEAD + "".join(items) + "</channel></rss>\n").encode("utf-8")
    assert len(data) >= 50 * 2**20
    threads = parse_bytes(data, source="big.xml")
    assert len(threads) == number
    assert sum(len(t.comments) for t in threads) == number * 10


# --- pages (need the text and HTML parsers) ----------------------------------------------------


def _assert_threads(result) -> None:
    assert isinstance(result, list)
    assert all(isinstance(thread, Thread) for thread in result)


@pytest.mark.parametrize("data", [
    b"Council news\n\nThe vote \xe9tait serr\xe9.\n\n\xff\xfe broken bytes \x80\x81\n",
    "Titel\n\nÜber Brücken.\n".encode()[:-3] + b"\xc3",
    "Überschrift\n\nEin Text über Brücken und Straßen.\n".encode("utf-16-le"),
])
def test_invalid_or_unusual_text_encodings(data):
    _needs("text")
    _assert_threads(parse_bytes(data, source="page.txt"))


@pytest.mark.parametrize("declared, codec", [("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("windows-1252", "utf-8")])
def test_page_with_a_wrong_declared_charset(declared, codec):
    _needs("html")
    page = (f'<html><head><meta charset="{declared}"><title>Café</title></head><body>'
            "<article><p>Le café est très bon, naïve à la crème.</p></article></body></html>")
    [thread] = parse_bytes(page.encode(codec), source="page.html")
    assert "très bon" in thread.article or thread.title == "Café"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deeply_nested_html(depth):
    _needs("html")
    page = "<html><body>" + "<div>" * depth + "<p>Deep words.</p>" + "</div>" * depth + "</body></html>"
    _assert_threads(parse_bytes(page.encode(), source="deep.html"))


@pytest.mark.timeout(120)
def test_unclosed_nesting_html():
    _needs("html")
    page = "<html><body>" + "<div><span><b>" * 30_000 + "words"
    _assert_threads(parse_bytes(page.encode(), source="unclosed.html"))


@pytest.mark.parametrize("cut", [10, 100, 200, 333])
def test_truncated_html(cut):
    _needs("html")
    page = ("<!DOCTYPE html><html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
            "<p>The council voted for the bridge.</p></article><section id='comments'><h2>2 Comments</h2>"
            "<div class='comment'><span class='author'>Ann</span><p>Good news.</p></div>"
            "<div class='comment'><span class='author'>Bo</span><p>Too costly.</p></div></section></body></html>")
    try:
        result = parse_bytes(page[:cut].encode(), source="cut.html")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        _assert_threads(result)


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_fifty_megabyte_html_page():
    _needs("html")
    paragraph = "<p>" + "A sentence of an article that goes on. " * 20 + "</p>\n"
    body = paragraph * (50 * 2**20 // len(paragraph) + 1)
    page = f"<html><head><title>Long</title></head><body><article>{body}</article></body></html>".encode()
    assert len(page) >= 50 * 2**20
    _assert_threads(parse_bytes(page, source="long.html"))


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_fifty_megabyte_text_page():
    _needs("text")
    paragraph = "A sentence of an article that goes on. " * 20 + "\n\n"
    page = ("Long title\n\n" + paragraph * (50 * 2**20 // len(paragraph) + 1)).encode()
    assert len(page) >= 50 * 2**20
    _assert_threads(parse_bytes(page, source="long.txt"))


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_fifty_megabyte_single_line():
    _needs("text")
    _assert_threads(parse_bytes(b"word " * (10 * 2**20), source="one-line.txt"))


def test_control_characters_in_a_text_page():
    _needs("text")
    [thread] = parse_string("Title\x00\x1b\n\nBody\x07 text.\n", source="ctl.txt", format="text")
    assert "\x00" not in thread.article and "\x07" not in thread.article


@pytest.mark.parametrize("record", [
    '{"schema": "moderation.thread/1", "source": "a", "comments": ["not a comment"]}',
    '{"schema": "moderation.thread/1", "source": "a", "comments": ' + "[" * 100_000,
    '{"schema": "moderation.thread/2", "source": "a"}',
    "\xff\xfe not utf-8",
])
def test_bad_thread_jsonl_file(tmp_path, record):
    path = tmp_path / "threads.jsonl"
    path.write_bytes(record.encode("latin-1") if record.startswith("\xff") else record.encode())
    error = _one_line_error(parse_file, path)
    assert error.source == str(path)


def test_frames_nested_in_srcdoc_are_inlined_only_to_a_bounded_depth_and_number():
    import html as htmlmod

    from moderation.parsing import html as html_parser

    doc = "<p>innermost words of the deepest frame</p>"
    for _ in range(12):  # each level escapes the one inside it again
        doc = f"<div><iframe srcdoc=\"{htmlmod.escape(doc)}\"></iframe></div>"
    wide = "".join(f"<iframe srcdoc=\"{htmlmod.escape(f'<p>frame {i}</p>')}\"></iframe>" for i in range(100))
    root = html_parser._load(f"<html><body>{doc}{wide}</body></html>", "nested")
    text = root.text_content()
    assert "innermost" not in text  # twelve levels down is past the bound
    assert sum(1 for i in range(100) if f"frame {i}" in text) == html_parser._MAX_FRAMES - 1
