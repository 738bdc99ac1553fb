"""The review page: escaping, JSON embedding of hostile text, CSP, structure and data."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.labels.decisions import DECISIONS_FORMAT
from moderation.report.review import REVIEW_FORMAT, embed_json, highlight_segments, label_id, render_review_page

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "</script><script>alert(1)</script>",
    "<!--<script>",
    '<img src=x onerror="window.__pwned=1">',
    "javascript:alert(1)",
    "=cmd|' /C calc'!A0",
    "line\u2028sep\u2029para & ampersand > gt",
    "</SCRIPT >",
]
WHEN = dt.datetime(2024, 5, 2, 12, 0, tzinfo=dt.UTC)


def _row(n, text, flag="flagged", tid="t1", **extra):
    row = {"thread_id": tid, "thread_title": f"Thread {tid}", "thread_source": f"{tid}.html", "comment_id": f"c{n}",
           "position": n, "author": "a", "published": "", "parent": None, "text": text, "stance": "against",
           "stance_target": "Build lanes", "stance_target_source": "thread", "p_favor": 0.1, "p_against": 0.8,
           "p_neutral": 0.1, "civility": "uncivil", "p_uncivil": 0.9, "flag": flag,
           "flag_reason": "uncivil p=0.90 >= 0.50", "explanation": [["idiot", 1.2]]}
    row.update(extra)
    return row


class _Page(HTMLParser):
    """Collect the elements, attributes and script/style bodies of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._open, self._buf = (tag, attrs), []

    def handle_data(self, data):
        if self._open:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._open[1], body))
            else:
                self.styles.append(body)
            self._open = None


def _render(tmp_path, rows, **kwargs):
    kwargs.setdefault("generated", WHEN)
    path = render_review_page(rows, {"t1": {"title": "Bike lanes", "article_excerpt": "The council votes."}},
                              tmp_path / "out" / "review.html", **kwargs)
    html = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    return html, page


def _data(page) -> dict:
    (attrs, body), = [(a, b) for a, b in page.scripts if a.get("type") == "application/json"]
    assert attrs["id"] == "review-data"
    return json.loads(body)


@given(st.text())
def test_embed_json_round_trips_and_has_no_markup_characters(text):
    out = embed_json({"text": text})
    assert not set(out) & set("<>&\u2028\u2029")
    assert json.loads(out) == {"text": text}


def test_embed_json_refuses_nan():
    with pytest.raises(ValueError):
        embed_json({"p": math.nan})


def test_hostile_text_cannot_break_out_of_the_data_block(tmp_path):
    rows = [_row(i + 1, text) for i, text in enumerate(HOSTILE)]
    html, page = _render(tmp_path, rows)
    for text in HOSTILE:
        if set(text) & set("<>&\u2028\u2029"):
            assert text not in html
    # Only the two real closers; the data block is one piece of JSON that gives back the exact texts.
    assert len(re.findall(r"</script", html, re.IGNORECASE)) == 2
    assert html.count("<!--") == 0
    assert [item["text"] for item in _data(page)["items"]] == HOSTILE
    assert [t for t, _ in page.tags].count("script") == 2
    assert not any(t == "img" for t, _ in page.tags)


def test_title_author_and_model_info_are_escaped(tmp_path):
    rows = [_row(1, "hi", author="<b>x</b>")]
    html, page = _render(tmp_path, rows, title="<i>Review</i> & co", model_info={"name": "<svg onload=alert(1)>"})
    assert "<i>Review</i>" not in html and "&lt;i&gt;Review&lt;/i&gt; &amp; co" in html
    assert "<svg" not in html and "&lt;svg onload=alert(1)&gt;" in html
    assert not any(t in ("i", "svg") for t, _ in page.tags)
    data = _data(page)
    assert data["title"] == "<i>Review</i> & co"
    assert data["model_info"] == {"name": "<svg onload=alert(1)>"}
    assert data["items"][0]["author"] == "<b>x</b>"


def test_csp_allows_only_the_inline_script_and_style_by_hash(tmp_path):
    html, page = _render(tmp_path, [_row(1, "hi")])
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert "unsafe-inline" not in metas[0]["content"] and "unsafe-eval" not in metas[0]["content"]
    (_, code), = [(a, b) for a, b in page.scripts if "type" not in a]
    (style,) = page.styles

    def sha(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["script-src"] == sha(code)
    assert policy["style-src"] == sha(style)
    # The policy comes before anything it governs.
    assert html.index("Content-Security-Policy") < html.index("<style>") < html.index("<script")


def test_page_loads_nothing_from_outside(tmp_path):
    html, page = _render(tmp_path, [_row(1, "see https://evil.example/x.js")])
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert "href" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), tag
    assert not any(t in ("link", "iframe", "object", "embed", "base") for t, _ in page.tags)
    assert "http://" not in html.replace("https://evil.example/x.js", "")
    assert "https://" not in html.replace("https://evil.example/x.js", "")


def test_only_flagged_and_review_rows_are_listed_but_all_are_counted(tmp_path):
    rows = [_row(1, "a", "flagged"), _row(2, "b", "ok"), _row(3, "c", "review"), _row(4, "d", "ok", tid="t2")]
    html, page = _render(tmp_path, rows)
    data = _data(page)
    assert [i["comment_id"] for i in data["items"]] == ["c1", "c3"]
    assert data["counts"] == {"total": 4, "flagged": 1, "review": 1, "ok": 2}
    assert [t["thread_id"] for t in data["threads"]] == ["t1", "t2"]
    assert data["threads"][0]["title"] == "Bike lanes" and data["threads"][1]["title"] == "Thread t2"
    assert data["threads"][0]["counts"] == {"total": 3, "flagged": 1, "review": 1, "ok": 1}
    assert '<dd id="count-total">4</dd>' in html and '<dd id="count-ok">2</dd>' in html
    assert data["format"] == REVIEW_FORMAT == DECISIONS_FORMAT


def test_items_carry_label_ids_parent_context_and_clean_numbers(tmp_path):
    rows = [_row(1, "parent words", "ok"), _row(2, "you idiot", parent="c1", p_uncivil=float("nan"), p_favor=None)]
    _, page = _render(tmp_path, rows)
    (item,) = _data(page)["items"]
    assert item["label_id"] == "t1-2" and item["parent_label_id"] == "t1-1"
    assert item["parent_text"] == "parent words" and item["parent_position"] == 1
    assert item["p_uncivil"] is None and item["p_favor"] is None
    assert item["segments"] == [["you "], ["idiot", 1.2, "idiot"]]
    assert item["reason_kind"] == "uncivil"


def test_same_input_same_bytes_and_report_id(tmp_path):
    rows = [_row(1, "x")]
    first, page1 = _render(tmp_path, rows)
    second, _ = _render(tmp_path, rows)
    assert first == second
    other, page3 = _render(tmp_path, [_row(1, "y")])
    assert _data(page1)["report_id"] != _data(page3)["report_id"]
    assert list((tmp_path / "out").iterdir()) == [tmp_path / "out" / "review.html"]


def test_empty_report_still_renders(tmp_path):
    html, page = _render(tmp_path, [])
    assert _data(page)["items"] == [] and "0 to review" in html


@pytest.mark.parametrize("row, message", [
    ({"thread_id": "t", "comment_id": "c", "text": "x"}, "row 1 lacks flag"),
    ({"thread_id": "t", "comment_id": "c", "text": "x", "flag": "maybe"}, "row 1 has flag 'maybe'"),
])
def test_bad_rows_are_refused_and_nothing_is_written(tmp_path, row, message):
    with pytest.raises(ValueError, match=message):
        render_review_page([row], {}, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_highlight_segments_rebuild_the_text_and_prefer_stronger_ngrams():
    text = "You people are IDIOTS, you  people!"
    segs = highlight_segments(text, [("you people", 1.5), ("people", 0.9), ("idiots", 0.8), ("are", 0.0)])
    assert "".join(s[0] for s in segs) == text
    marked = [(s[0], s[1]) for s in segs if len(s) > 1]
    assert marked == [("You people", 1.5), ("IDIOTS", 0.8), ("you  people", 1.5)]


def test_highlight_segments_whole_words_first_then_substrings_and_blocked_terms():
    segs = highlight_segments("Scunthorpe is a basement town", [("thor", 0.5)], blocked=["basement"])
    assert [s for s in segs if len(s) > 1] == [["thor", 0.5, "thor"], ["basement", None, "blocked term: basement"]]
    assert highlight_segments("cart", [("art", 0.5)]) == [["c"], ["art", 0.5, "art"]]
    assert highlight_segments("", [("x", 1)]) == []
    assert highlight_segments("ab", [("bad",), (None, 1), ("ab", "nan")]) == [["ab"]]


def test_label_id_follows_the_label_format():
    assert label_id("t01-bikes", "c3", 3) == "t01-bikes-3"
    assert label_id("t01-bikes", "t01-bikes-9", 2) == "t01-bikes-9"
    assert label_id("t1", "x", None) == "t1-x"


def test_every_template_file_is_packaged():
    """An installed (non-editable) package must carry the page's template, script and style."""
    import fnmatch
    import tomllib
    from pathlib import Path

    import moderation.report as report

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["moderation.report"]
    folder = Path(report.__file__).parent
    for path in sorted((folder / "templates").iterdir()):
        relative = path.relative_to(folder).as_posix()
        assert any(fnmatch.fnmatch(relative, g) for g in globs), f"{relative} is not in package-data {globs}"


def test_rows_without_the_ok_comments_are_completed_from_thread_counts(tmp_path):
    rows = [_row(2, "x", "flagged"), _row(5, "y", "review")]
    threads = {"t1": {"title": "Bike lanes", "comment_count": 40}, "t9": {"title": "Quiet", "comment_count": 12}}
    path = render_review_page(rows, threads, tmp_path / "r.html", generated=WHEN)
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    data = _data(page)
    assert data["counts"] == {"total": 52, "flagged": 1, "review": 1, "ok": 50}
    assert [(t["thread_id"], t["comment_count"], t["counts"]["ok"]) for t in data["threads"]] == [("t1", 40, 38)]
