"""Export readers on small hand-written WXR, Disqus and isso JSON documents."""

from __future__ import annotations

import time

import pytest

from moderation.errors import InputError
from moderation.parsing import parse_bytes, parse_string
from moderation.parsing.exports import parse_disqus, parse_isso_json, parse_wxr

WP_NAMESPACES = [
    "http://wordpress.org/export/1.0/",
    "http://wordpress.org/export/1.1/",
    "http://wordpress.org/export/1.2/",
    "https://wordpress.org/export/1.2/",
]


def _comment(cid, author, content, parent="0", approved="1", kind="", date="2021-03-04 05:06:07"):
    return f"""
      <wp:comment>
        <wp:comment_id>{cid}</wp:comment_id>
        <wp:comment_author><![CDATA[{author}]]></wp:comment_author>
        <wp:comment_author_email>someone@example.org</wp:comment_author_email>
        <wp:comment_date>2021-03-04 07:06:07</wp:comment_date>
        <wp:comment_date_gmt>{date}</wp:comment_date_gmt>
        <wp:comment_content><![CDATA[{content}]]></wp:comment_content>
        <wp:comment_approved>{approved}</wp:comment_approved>
        <wp:comment_type>{kind}</wp:comment_type>
        <wp:comment_parent>{parent}</wp:comment_parent>
      </wp:comment>"""


def _wxr(namespace="http://wordpress.org/export/1.2/", items=None):
    if items is None:
        items = [_garden_item()]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{namespace}">
  <channel>
    <title>Allotment News</title>
    <wp:wxr_version>1.2</wp:wxr_version>
    {''.join(items)}
  </channel>
</rss>
"""


def _garden_item():
    comments = [
        _comment(10, "Priya", "<p>The new <b>water butts</b> are a great idea.</p>"),
        _comment(11, "Tom &amp; Jo", "We disagree.\n\nThey block the path.", parent="10"),
        _comment(12, "Priya", "Fair point, <a href='#'>see the map</a>.", parent="11", approved="0"),
        _comment(13, "Buy pills", "cheap pills here", approved="spam"),
        _comment(14, "Other blog", "[...] a mention [...]", kind="pingback"),
        _comment(15, "Old post", "[...] linked [...]", kind="trackback"),
        _comment(16, "Sam", "Will they be ready by May?", approved="trash"),
    ]
    return f"""
    <item>
      <title>Water butts for every plot</title>
      <link>https://allotments.example/water-butts/</link>
      <pubDate>Mon, 01 Mar 2021 09:00:00 +0000</pubDate>
      <dc:creator><![CDATA[editor]]></dc:creator>
      <content:encoded><![CDATA[<!-- wp:paragraph --><p>The committee agreed to buy <em>forty</em> water butts.</p>
<!-- /wp:paragraph -->
<p>Plot holders can collect them in April.</p>]]></content:encoded>
      <wp:post_id>42</wp:post_id>
      <wp:post_date_gmt>2021-03-01 09:00:00</wp:post_date_gmt>
      <wp:post_type>post</wp:post_type>
      {''.join(comments)}
    </item>
    <item>
      <title>Opening hours</title>
      <link>https://allotments.example/hours/</link>
      <wp:post_id>43</wp:post_id>
      <wp:post_type>page</wp:post_type>
    </item>"""


@pytest.mark.parametrize("namespace", WP_NAMESPACES)
def test_wxr_reads_every_namespace_version(namespace):
    threads = parse_wxr(_wxr(namespace), "garden.xml")
    assert len(threads) == 1  # the item without comments is skipped
    thread = threads[0]
    assert thread.id == "garden.xml#post-42"
    assert thread.title == "Water butts for every plot"
    assert thread.url == "https://allotments.example/water-butts/"
    assert thread.site == "Allotment News"
    assert thread.author == "editor"
    assert thread.published == "2021-03-01T09:00:00+00:00"
    assert thread.format == "wxr"
    assert [c.id for c in thread.comments] == ["10", "11", "12", "13", "16"]
    assert [c.id for c in thread.set_aside] == ["14", "15"]


def test_wxr_article_is_plain_text_with_paragraphs():
    thread = parse_wxr(_wxr(), "garden.xml")[0]
    assert thread.article == "The committee agreed to buy forty water butts.\n\nPlot holders can collect them in April."


def test_wxr_comment_fields():
    thread = parse_wxr(_wxr(), "garden.xml")[0]
    by_id = {c.id: c for c in thread.comments}
    first, reply, nested = by_id["10"], by_id["11"], by_id["12"]
    assert first.text == "The new water butts are a great idea."
    assert first.author == "Priya"
    assert first.published == "2021-03-04T05:06:07+00:00"
    assert (first.parent, first.depth, first.position) == (None, 0, 1)
    assert reply.author == "Tom & Jo"
    assert reply.text == "We disagree.\n\nThey block the path."
    assert (reply.parent, reply.depth, reply.position) == ("10", 1, 2)
    assert nested.text == "Fair point, see the map."
    assert (nested.parent, nested.depth) == ("11", 2)
    assert all(c.kind == "comment" for c in thread.comments)


def test_wxr_status_values():
    thread = parse_wxr(_wxr(), "garden.xml")[0]
    assert {c.id: c.status for c in thread.comments} == {
        "10": "approved", "11": "approved", "12": "unapproved", "13": "spam", "16": "trash",
    }


def test_wxr_pingbacks_and_trackbacks_are_set_aside():
    thread = parse_wxr(_wxr(), "garden.xml")[0]
    assert [(c.kind, c.position) for c in thread.set_aside] == [("pingback", 1), ("trackback", 2)]
    assert not any("[...]" in c.text for c in thread.comments)


def test_wxr_dates_fall_back_and_unset_dates_are_none():
    item = f"""<item><title>Draft</title><pubDate>Tue, 02 Mar 2021 10:00:00 +0100</pubDate>
      <wp:post_id>5</wp:post_id><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
      {_comment(1, "Ann", "Hi", date="0000-00-00 00:00:00")}</item>"""
    thread = parse_wxr(_wxr(items=[item]), "x.xml")[0]
    assert thread.published == "2021-03-02T10:00:00+01:00"
    assert thread.comments[0].published == "2021-03-04T07:06:07"  # local wp:comment_date, no zone


def test_wxr_parent_cycle_and_missing_parent_terminate():
    item = f"""<item><wp:post_id>9</wp:post_id>
      {_comment(1, "A", "one", parent="2")}{_comment(2, "B", "two", parent="1")}
      {_comment(3, "C", "three", parent="99")}{_comment(4, "D", "four", parent="4")}</item>"""
    thread = parse_wxr(_wxr(items=[item]), "x.xml")[0]
    depths = {c.id: c.depth for c in thread.comments}
    assert depths["3"] == 1  # replies to a comment not in the export
    assert {depths["1"], depths["2"]} == {1, 2}
    assert depths["4"] == 1


def test_wxr_xml_comments_inside_fields_do_not_cut_text():
    item = """<item><wp:post_id>9</wp:post_id><wp:comment><wp:comment_id>1</wp:comment_id>
      <wp:comment_content>first half <!-- note --> second half</wp:comment_content></wp:comment></item>"""
    thread = parse_wxr(_wxr(items=[item]), "x.xml")[0]
    assert thread.comments[0].text == "first half second half"


def test_wxr_control_characters_are_dropped_not_fatal():
    item = "<item><wp:post_id>9</wp:post_id>" + _comment(1, "Ann", "bad\x0bbyte") + "</item>"
    thread = parse_wxr(_wxr(items=[item]), "x.xml")[0]
    assert thread.comments[0].text == "badbyte"


def test_wxr_deeply_nested_comment_html_is_read():
    content = "<div>" * 5000 + "deep words" + "</div>" * 5000
    item = f"<item><wp:post_id>9</wp:post_id>{_comment(1, 'Ann', content)}</item>"
    thread = parse_wxr(_wxr(items=[item]), "x.xml")[0]
    assert "deep words" in thread.comments[0].text


def test_wxr_truncated_names_line_and_fix():
    text = _wxr()
    cut = text[: text.index("<wp:comment_id>12")]
    with pytest.raises(InputError) as info:
        parse_wxr(cut, "garden.xml")
    error = info.value
    assert error.source == "garden.xml"
    assert error.line == cut.count("\n") + 1
    assert "cut off" in error.fix
    assert "\n" not in str(error)


def test_wxr_bad_markup_names_its_line():
    text = _wxr().replace("<title>Opening hours</title>", "<title>Fish & chips</title>")
    with pytest.raises(InputError) as info:
        parse_wxr(text, "garden.xml")
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if "Fish & chips" in line)
    assert info.value.line == expected_line
    assert "not well-formed XML" in str(info.value)


def test_wxr_html_entity_gets_a_specific_hint():
    text = _wxr().replace("<title>Opening hours</title>", "<title>Opening&nbsp;hours</title>")
    with pytest.raises(InputError) as info:
        parse_wxr(text, "garden.xml")
    assert "nbsp" in str(info.value)


def test_wxr_refuses_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:post_id>1</wp:post_id>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>&leak;</wp:comment_content></wp:comment>
</item></channel></rss>"""
    with pytest.raises(InputError) as info:
        parse_wxr(text, "evil.xml")
    assert "entities" in str(info.value)
    assert "TOP-SECRET" not in str(info.value)


def test_wxr_refuses_billion_laughs_quickly():
    levels = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    text = f"""<?xml version="1.0"?>
<!DOCTYPE rss [{''.join(levels)}]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<wp:comment><wp:comment_content>&a9;</wp:comment_content></wp:comment></item></channel></rss>"""
    started = time.perf_counter()
    with pytest.raises(InputError):
        parse_wxr(text, "laughs.xml")
    assert time.perf_counter() - started < 2


def _wxr_with_huge_post(prefix=""):
    image = "data:image/png;base64," + "QUJD" * 2_750_000  # 11 MB: over libxml2's 10 MB text limit
    item = f"""<item><wp:post_id>3</wp:post_id><content:encoded><![CDATA[<p>Photo</p><img src="{image}">]]>
      </content:encoded>{_comment(1, "Ann", "Lovely photo")}</item>"""
    return _wxr(items=[item]).replace('<rss', prefix + '<rss', 1)


def test_wxr_with_a_text_over_ten_megabytes():
    [thread] = parse_wxr(_wxr_with_huge_post(), "photos.xml")
    assert thread.article == "Photo"
    assert thread.comments[0].text == "Lovely photo"


def test_wxr_with_a_huge_text_and_a_doctype_is_refused():
    with pytest.raises(InputError) as info:
        parse_wxr(_wxr_with_huge_post("<!DOCTYPE rss>\n"), "photos.xml")
    assert "10 MB" in info.value.fix
    assert "\n" not in str(info.value)


def test_wxr_rss_feed_without_wordpress_data_is_refused():
    feed = '<rss version="2.0"><channel><title>News</title><item><title>A</title></item></channel></rss>'
    with pytest.raises(InputError, match="without WordPress export data"):
        parse_wxr(feed, "feed.xml")


def test_wxr_wrong_root_is_refused():
    with pytest.raises(InputError, match="root element is <disqus>"):
        parse_wxr("<disqus/>", "x.xml")


def test_wxr_declared_encoding_is_ignored_for_decoded_text():
    text = _wxr().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Priya", "Zoë")
    thread = parse_wxr(text, "x.xml")[0]
    assert thread.comments[0].author == "Zoë"


DISQUS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>cycling</forum><title>General</title></category>
  <thread dsq:id="100">
    <id>bike-lanes</id><forum>cycling</forum><link>https://cycle.example/lanes</link>
    <title>Bike lanes on &amp; off the high street</title>
    <message><![CDATA[<p>The council plans new lanes.</p>]]></message>
    <createdAt>2020-05-01T08:00:00Z</createdAt>
    <author><name>Desk</name></author>
  </thread>
  <thread dsq:id="200"><id>empty</id><link>https://cycle.example/empty</link><title>No posts</title></thread>
  <post dsq:id="1001">
    <message><![CDATA[<p>Finally, <i>safe</i> lanes.</p>]]></message>
    <createdAt>2020-05-01T09:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Ravi</name><isAnonymous>false</isAnonymous></author>
    <thread dsq:id="100"/>
  </post>
  <post dsq:id="1002">
    <message><![CDATA[Shops will lose parking.]]></message>
    <createdAt>2020-05-01T10:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><username>shopkeeper</username></author>
    <thread dsq:id="100"/><parent dsq:id="1001"/>
  </post>
  <post dsq:id="1003">
    <message/><createdAt>2020-05-01T11:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam>
    <author><name>Gone</name></author><thread dsq:id="100"/><parent dsq:id="1002"/>
  </post>
  <post dsq:id="1004">
    <message>Win a prize</message><createdAt>2020-05-01T12:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>true</isSpam>
    <author><name>Prize</name></author><thread dsq:id="100"/>
  </post>
  <post dsq:id="1005">
    <message>Where did the article go?</message><createdAt>2020-05-02T12:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Lost</name></author><thread dsq:id="999"/>
  </post>
</disqus>
"""


def test_disqus_threads_and_posts():
    threads = parse_disqus(DISQUS, "disqus.xml")
    assert [t.id for t in threads] == ["disqus.xml#thread-100", "disqus.xml#thread-999"]
    lanes = threads[0]
    assert lanes.title == "Bike lanes on & off the high street"
    assert lanes.url == "https://cycle.example/lanes"
    assert lanes.article == "The council plans new lanes."
    assert lanes.published == "2020-05-01T08:00:00+00:00"
    assert lanes.author == "Desk"
    assert lanes.format == "disqus"
    rows = [(c.id, c.author, c.text, c.parent, c.depth, c.status, c.position) for c in lanes.comments]
    assert rows == [
        ("1001", "Ravi", "Finally, safe lanes.", None, 0, "approved", 1),
        ("1002", "shopkeeper", "Shops will lose parking.", "1001", 1, "approved", 2),
        ("1003", "Gone", "", "1002", 2, "deleted", 3),
        ("1004", "Prize", "Win a prize", None, 0, "spam", 4),
    ]


def test_disqus_orphan_posts_are_kept_in_an_untitled_thread():
    orphan = parse_disqus(DISQUS, "disqus.xml")[1]
    assert orphan.title is None and orphan.url is None
    assert [c.text for c in orphan.comments] == ["Where did the article go?"]


def test_disqus_malformed_names_line():
    broken = DISQUS.replace("<title>No posts</title>", "<title>No posts</titel>")
    with pytest.raises(InputError) as info:
        parse_disqus(broken, "disqus.xml")
    assert info.value.line == next(n for n, line in enumerate(broken.splitlines(), 1) if "</titel>" in line)


def test_disqus_wrong_root():
    with pytest.raises(InputError, match="not a Disqus export"):
        parse_disqus("<rss/>", "x.xml")


ISSO = """[
  {"id": "/2019/parks/", "title": "Parks+%26+gardens",
   "comments": [
     {"id": 1, "author": "Mia", "created": "2019-06-01 12:00:00", "text": "Love the <b>roses</b>.", "mode": 1},
     {"id": 2, "author": "Lee", "created": "2019-06-01 13:00:00", "text": "Too few benches.\\n", "parent": 1, "mode": 2}
   ]},
  {"id": "/2019/empty/", "title": "Quiet page", "comments": []},
  {"id": "/2019/c++/", "title": "C++", "comments": [{"id": 7, "author": "Kai", "text": "Nice"}]}
]"""


def test_isso_json_threads():
    threads = parse_isso_json(ISSO, "isso.json")
    assert [t.id for t in threads] == ["isso.json#/2019/parks/", "isso.json#/2019/c++/"]
    parks = threads[0]
    assert parks.title == "Parks & gardens"
    assert parks.url == "/2019/parks/"
    rows = [(c.id, c.author, c.published, c.text, c.parent, c.depth, c.status) for c in parks.comments]
    assert rows == [
        ("1", "Mia", "2019-06-01T12:00:00", "Love the roses.", None, 0, "approved"),
        ("2", "Lee", "2019-06-01T13:00:00", "Too few benches.", "1", 1, "unapproved"),
    ]
    assert threads[1].title == "C++"
    assert threads[1].comments[0].status is None


def test_isso_json_mode_of_another_type_is_no_status():
    doc = '[{"id": "/a/", "comments": [{"id": 1, "text": "Fine.", "mode": []}, {"id": 2, "text": "Ok.", "mode": "1"}]}]'
    assert [c.status for c in parse_isso_json(doc, "isso.json")[0].comments] == [None, None]


@pytest.mark.parametrize("doc, message", [
    ('[{"id": "/a/", "comments": [', "not valid JSON"),
    ('{"a": 1}', "not a comment export"),
    ('[1, 2]', "thread 1 is not an object"),
    ('[{"id": "/a/", "comments": "none"}]', "thread 1 is not an object"),
    ('[{"id": "/a/", "comments": [{"text": 5}]}]', "comment 1 of thread 1"),
    ("[" * 100_000 + "]" * 100_000, "too deeply"),
])
def test_isso_json_bad_shapes(doc, message):
    with pytest.raises(InputError, match=message):
        parse_isso_json(doc, "isso.json")


def test_isso_json_syntax_error_names_line():
    doc = '[\n  {"id": "/a/",\n   "comments": [}\n]'
    with pytest.raises(InputError) as info:
        parse_isso_json(doc, "isso.json")
    assert info.value.line == 3


@pytest.mark.parametrize("document, fmt", [
    (_wxr(), "wxr"), (DISQUS, "disqus"), (ISSO, "isso-json"),
])
def test_exports_are_found_by_auto_detection(document, fmt):
    threads = parse_string(document, source="export")
    assert threads and all(t.format == fmt for t in threads)


def test_export_bytes_in_a_legacy_encoding_are_decoded():
    text = _wxr().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Priya", "Zoë")
    threads = parse_bytes(text.encode("latin-1"), source="old.xml")
    assert threads[0].comments[0].author == "Zoë"
