"""Format detection by content: text, HTML, WXR, Disqus, isso JSON and thread JSON Lines."""

from __future__ import annotations

import json

import pytest

from moderation.errors import InputError
from moderation.parsing import FORMATS, detect_format, parse_string
from moderation.threads import Comment, Thread

THREAD_LINE = json.dumps(Thread(source="page.txt", article="Body " * 2000, comments=[Comment(text="Hi")]).to_dict())


@pytest.mark.parametrize("text", [
    "Council approves bridge\n\nThe council voted on Tuesday.\n\n3 Comments\n\nAnn\nGood news.\n",
    "[Updated] Council approves bridge\n\nThe vote was close.\n",
    "{Draft} notes on the budget\n\nNothing yet.\n",
    "Prices: 3 < 4 and 5 > 2, says the report.\n",
    "   \n\n  Indented first line after blank lines\n",
    "Ein Artikel über Brücken\n\nKommentare (2)\n",
    "<<< not markup >>>\n",
])
def test_plain_text(text):
    assert detect_format(text) == "text"


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
    "<!doctype HTML>\n<html lang=en>",
    "\ufeff<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html>",
    "<!-- saved from url=(0042)https://news.example/ -->\n<html><body>x</body></html>",
    "<!-- a -->\n<!-- b -->\n<HTML><BODY>x</BODY></HTML>",
    "<html>",
    "<head><meta charset='utf-8'></head>",
    "<div class='article'><p>Hello</p></div>",
    "<p>Just a fragment</p>",
    "<article><h1>Headline</h1></article>",
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
    "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
    "Saved by a browser plug-in\n<html><body><p>text</p></body></html>",
])
def test_html(text):
    assert detect_format(text) == "html"


def test_html_by_file_name_when_content_is_ambiguous():
    fragment = "Some words then <em>markup</em>"
    assert detect_format(fragment) == "text"
    assert detect_format(fragment, "page.html") == "html"
    assert detect_format(fragment, "PAGE.HTM") == "html"


@pytest.mark.parametrize("text", [
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">',
    '<?xml version="1.0"?>\n<!-- generator="WordPress" -->\n<rss xmlns:wp="http://wordpress.org/export/1.0/">',
    '<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>',
    '\ufeff<?xml version="1.0"?><rss>',
])
def test_wxr(text):
    assert detect_format(text) == "wxr"


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">',
    '<disqus xmlns="http://disqus.com">',
    '<?xml version="1.0" encoding="utf-8"?>\n<!-- export -->\n<disqus>',
])
def test_disqus(text):
    assert detect_format(text) == "disqus"


@pytest.mark.parametrize("text", [
    '[{"id": "/posts/1/", "title": "A", "comments": []}]',
    '[\n  {\n    "id": "/posts/1/"',
    '{"id": "/posts/1/", "title": "A", "comments": []}',
    '{"not": "a thread record"}\n{"second": 1}\n',
])
def test_isso_json(text):
    assert detect_format(text) == "isso-json"


def test_thread_jsonl_even_with_a_long_first_record():
    assert len(THREAD_LINE) > 5000  # longer than the detector's head window
    assert detect_format(THREAD_LINE + "\n" + THREAD_LINE + "\n") == "jsonl"


def test_thread_jsonl_without_schema_tag():
    record = json.dumps({"source": "a.txt", "article": "x", "comments": []})
    assert detect_format(record + "\n") == "jsonl"


def test_every_detected_format_is_a_known_one():
    samples = ["", "x", "<", "{", "[", "<?xml", "<!--", "<!DOCTYPE", "<?xml version='1.0'?><feed/>"]
    for sample in samples:
        assert detect_format(sample) in FORMATS[1:]


def test_unterminated_prologue_is_not_slow():
    assert detect_format("<!--" * 2000) == "text"
    assert detect_format("<?" * 3000) == "text"


@pytest.mark.parametrize("root, document", [
    ("feed", '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'),
    ("urlset", '<?xml version="1.0" encoding="UTF-8"?><urlset><url><loc>x</loc></url></urlset>'),
    ("kml:kml", '<?xml version="1.0"?>\n<!-- map -->\n<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"/>'),
])
def test_foreign_xml_is_refused_with_a_hint(root, document):
    with pytest.raises(InputError) as info:
        parse_string(document, source="data.xml")
    assert f"<{root}>" in str(info.value)
    assert "'text'" in info.value.fix


def test_jsonl_round_trip_through_parse_string():
    threads = parse_string(THREAD_LINE + "\n\n" + THREAD_LINE + "\n", source="threads.jsonl")
    assert len(threads) == 2
    assert threads[0].comments[0].text == "Hi"


@pytest.mark.parametrize("line, problem", [
    ('{"schema": "moderation.thread/1", "source": "a", "comments": ["x"]}', "not a thread record"),
    ('{"schema": "moderation.thread/1", "source": "a", "comments": 5}', "not a thread record"),
    ('{"schema": "moderation.thread/1", "source": "a"}\n[1, 2]', "not a JSON object"),
    ('{"schema": "moderation.thread/1", "source": "a"}\n{"a": ' + "[" * 50_000, "not a thread record"),
])
def test_bad_jsonl_records_name_their_line(line, problem):
    with pytest.raises(InputError, match=problem) as info:
        parse_string(line, source="t.jsonl", format="jsonl")
    assert info.value.line == line.count("\n") + 1


def test_unknown_format_name():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        parse_string("x", format="pdf")
