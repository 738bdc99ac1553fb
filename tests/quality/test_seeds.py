"""The two seed pages the project started from, parsed as text and compared with their gold."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from moderation.parsing.text import parse_text_page

pytestmark = pytest.mark.quality


def _load(name: str):
    seeds = shared_path("seeds")
    text = (seeds / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((seeds / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, gold, parse_text_page(text, source=f"{name}.txt")


def _non_blank(text: str) -> set[int]:
    return {n for n, line in enumerate(text.split("\n"), start=1) if line.strip()}


def test_page_with_comments_gives_exactly_its_comments():
    text, gold, thread = _load("news-page-with-comments")
    assert [c.text for c in thread.comments] == [c["text"] for c in gold["comments"]]
    assert [c.position for c in thread.comments] == [c["position"] for c in gold["comments"]]
    assert thread.comment_count_claimed == gold["comment_count_claimed"] == 45
    assert thread.title == gold["title"]
    assert sorted(thread.line_roles["comment"]) == sorted(gold["line_roles"]["comment"])
    article_lines = set(gold["line_roles"]["article"])
    assert not article_lines & set(thread.line_roles["comment"])


def test_page_with_comments_roles_match_gold():
    text, gold, thread = _load("news-page-with-comments")
    for role in ("title", "article", "metadata", "boilerplate"):
        assert thread.line_roles.get(role, []) == gold["line_roles"][role], role


def test_page_without_comments_gives_none():
    text, gold, thread = _load("news-page-no-comments")
    assert thread.comments == []
    assert thread.title == gold["title"]
    assert thread.line_roles["title"] == gold["line_roles"]["title"]
    assert thread.line_roles["article"] == gold["line_roles"]["article"]


@pytest.mark.parametrize("name", ["news-page-with-comments", "news-page-no-comments"])
def test_every_seed_line_has_one_role(name):
    text, gold, thread = _load(name)
    numbers = [n for values in thread.line_roles.values() for n in values]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) == _non_blank(text)
