"""Export readers against the real WXR, Disqus and isso fixtures in ../shared/data/exports."""

from __future__ import annotations

import html

import lxml.html
import pytest
from conftest import shared_path
from lxml import etree

from moderation.parsing import parse_file

pytestmark = pytest.mark.quality


def _squash(text: str) -> str:
    """Text without any whitespace, so that only the words and their order are compared."""
    return "".join(text.split())


def _expected_text(content: str) -> str:
    if not content.strip():
        return ""
    return _squash(lxml.html.fromstring(content).text_content())


def _wxr_comments_by_walk(path):
    """Every <wp:comment> of the file, read with a plain lxml walk independent of the parser."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    wp = root.nsmap["wp"]

    def field(element, name):
        found = element.find(f"{{{wp}}}{name}")
        return (found.text or "").strip() if found is not None else ""

    found = []
    for item in root.iter("item"):
        for element in item.iter(f"{{{wp}}}comment"):
            found.append({
                "post": field(item, "post_id"),
                "id": field(element, "comment_id"),
                "author": html.unescape(field(element, "comment_author")),
                "text": _expected_text(field(element, "comment_content")),
                "parent": None if field(element, "comment_parent") in ("", "0") else field(element, "comment_parent"),
                "approved": field(element, "comment_approved"),
                "type": field(element, "comment_type"),
            })
    return found


@pytest.fixture(scope="module")
def theme_unit_test():
    path = shared_path("data", "exports", "wordpress-theme-unit-test.wxr.xml")
    return path, parse_file(path), _wxr_comments_by_walk(path)


def test_wxr_counts(theme_unit_test):
    _, threads, walked = theme_unit_test
    comments = [c for t in threads for c in t.comments]
    set_aside = [c for t in threads for c in t.set_aside]
    assert len(walked) == 33
    assert len(comments) == 29
    assert len(set_aside) == 4
    assert sorted(c.kind for c in set_aside) == ["pingback", "pingback", "trackback", "trackback"]
    assert sum(c.status == "unapproved" for c in comments) == 3
    assert sum(c.status == "approved" for c in comments) == 26
    assert all(c.kind == "comment" for c in comments)
    assert len(threads) == len({w["post"] for w in walked}) == 7
    assert all(t.format == "wxr" for t in threads)


def test_wxr_every_comment_matches_the_xml(theme_unit_test):
    _, threads, walked = theme_unit_test
    parsed = {(t.id.rsplit("#post-", 1)[1], c.id): c for t in threads for c in t.comments + t.set_aside}
    assert len(parsed) == len(walked)
    for expected in walked:
        comment = parsed[(expected["post"], expected["id"])]
        assert comment.author == expected["author"], expected["id"]
        assert _squash(comment.text) == expected["text"], expected["id"]
        assert comment.parent == expected["parent"], expected["id"]
        assert "<" not in comment.text or "<blockquote>" in comment.text  # tags gone; quoted markup text stays
        reader = expected["type"] in ("", "comment")
        assert (comment.kind == "comment") == reader, expected["id"]
        assert comment.status == {"1": "approved", "0": "unapproved"}[expected["approved"]], expected["id"]


def test_wxr_depth_follows_the_parent_chain(theme_unit_test):
    _, threads, walked = theme_unit_test
    parent_of = {w["id"]: w["parent"] for w in walked}

    def depth(comment_id):
        steps = 0
        while parent_of.get(comment_id):
            comment_id = parent_of[comment_id]
            steps += 1
        return steps

    comments = [c for t in threads for c in t.comments]
    for comment in comments:
        assert comment.depth == depth(comment.id), comment.id
    assert max(c.depth for c in comments) == 9  # the "Comment Depth 10" chain
    assert sum(c.parent is not None for c in comments) == 10


def test_wxr_positions_are_document_order(theme_unit_test):
    _, threads, walked = theme_unit_test
    for thread in threads:
        post = thread.id.rsplit("#post-", 1)[1]
        order = [w["id"] for w in walked if w["post"] == post and w["type"] in ("", "comment")]
        assert [c.id for c in thread.comments] == order
        assert [c.position for c in thread.comments] == list(range(1, len(order) + 1))


def test_wxr_threads_carry_article_metadata(theme_unit_test):
    _, threads, _ = theme_unit_test
    for thread in threads:
        assert thread.title and thread.url.startswith("https://")
        assert thread.published and thread.published.endswith("+00:00")
        assert thread.author
        assert "<p>" not in thread.article and "<!--" not in thread.article


def test_isso_disqus_fixture():
    threads = parse_file(shared_path("data", "exports", "isso-disqus.xml"))
    assert [t.format for t in threads] == ["disqus"] * 3
    assert [len(t.comments) for t in threads] == [4, 1, 1]
    first = threads[0]
    assert first.title == "Hello, World!"
    assert [(c.id, c.parent, c.depth, c.status) for c in first.comments] == [
        ("4", None, 0, "approved"), ("5", "4", 1, "approved"), ("9", None, 0, "deleted"), ("11", "9", 1, "approved"),
    ]
    assert first.comments[1].text == "Hello, World."
    assert threads[1].title is None and threads[1].url.startswith("http://localhost")
    assert threads[2].title is None and threads[2].comments[0].author == "where am I?"  # thread not in file


def test_isso_wordpress_fixture():
    threads = parse_file(shared_path("data", "exports", "isso-wordpress.xml"))
    assert [len(t.comments) for t in threads] == [7, 1]  # the item without comments is skipped
    first = threads[0]
    assert first.title == "Hello, World…"
    assert {c.id: c.depth for c in first.comments} == {"2": 0, "6": 0, "7": 1, "8": 2, "9": 2, "10": 0, "11": 0}
    assert first.comments[0].text == "Erster!1"
    assert first.comments[5].text.splitlines() == ["When you have a comment with multiple lines:",
                                                   "WordPress exports it like this."]
    assert first.comments[2].published == "2014-04-29T15:21:35+00:00"


def test_isso_generic_json_fixture():
    threads = parse_file(shared_path("data", "exports", "isso-generic.json"))
    assert [t.format for t in threads] == ["isso-json", "isso-json"]
    assert [t.title for t in threads] == ["Test post", "Nat & Miguel"]
    assert [t.url for t in threads] == ["/posts/0001/", "/posts/0007/"]
    assert [len(t.comments) for t in threads] == [1, 1]
    assert threads[1].comments[0].published == "2005-05-08T06:50:26"
