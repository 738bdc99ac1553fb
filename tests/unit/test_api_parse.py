"""moderation.api.parse over a folder with an unreadable file in it."""

from __future__ import annotations

import pytest

from moderation.api import parse
from moderation.errors import InputError

PAGE = """<html><head><title>Night buses</title></head><body>
<article><h1>Night buses return</h1><p>The night routes run again from Friday, every half hour.</p></article>
<ol class="commentlist">
<li class="comment" id="comment-1"><div class="comment-author"><cite class="fn">Mo</cite></div>
<p>Finally, the taxi fares were getting silly.</p></li>
</ol></body></html>"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(b"")
    return tmp_path


def test_parse_fails_on_the_first_unreadable_file(folder):
    with pytest.raises(InputError, match="b.html: is empty"):
        parse([folder])


def test_parse_skips_unreadable_files_and_says_which(folder):
    skipped, seen = [], []
    threads = parse([folder], on_error="skip", errors=skipped, progress=seen.append)
    assert [[c.text for c in t.comments] for t in threads] == [["Finally, the taxi fares were getting silly."]]
    assert len(skipped) == 1 and "b.html: is empty" in skipped[0]
    assert seen == [1, 1]


def test_parse_refuses_an_unknown_error_policy(folder):
    with pytest.raises(ValueError, match="on_error"):
        parse([folder], on_error="ignore")
