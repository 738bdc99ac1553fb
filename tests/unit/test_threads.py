"""Thread and Comment records and their JSON Lines form."""

from __future__ import annotations

import json

import pytest

from moderation.errors import InputError
from moderation.threads import SCHEMA, Comment, Thread, read_threads_jsonl, write_threads_jsonl


def test_round_trip(tmp_path):
    thread = Thread(source="page.html", title="T", article="body", comment_count_claimed=5,
                    comments=[Comment(text="hi", id="c1", position=1), Comment(text="re", id="c2", parent="c1", depth=1)],
                    set_aside=[Comment(text="ping", kind="pingback")])
    path = tmp_path / "t.jsonl"
    assert write_threads_jsonl([thread], path) == 1
    record = json.loads(path.read_text())
    assert record["schema"] == SCHEMA and record["id"] == "page.html"
    (back,) = read_threads_jsonl(path)
    assert back == thread


def test_newer_schema_and_garbage_name_the_line(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(Thread(source="a").to_dict()) + "\n" + '{"schema": "moderation.thread/9", "source": "b"}\n')
    with pytest.raises(InputError, match=r"t.jsonl, line 2: .*newer"):
        read_threads_jsonl(path)
    path.write_text("not json\n")
    with pytest.raises(InputError, match="line 1"):
        read_threads_jsonl(path)


def test_block_is_written_only_when_known(tmp_path):
    thread = Thread(source="page.html", comments=[Comment(text="hi", block="Ann says:\nhi\nReply"),
                                                  Comment(text="re")])
    path = tmp_path / "t.jsonl"
    write_threads_jsonl([thread], path)
    record = json.loads(path.read_text())
    assert record["comments"][0]["block"] == "Ann says:\nhi\nReply"
    assert "block" not in record["comments"][1]
    assert read_threads_jsonl(path) == [thread]


def test_comment_without_text_is_refused():
    with pytest.raises(ValueError, match="text"):
        Comment.from_dict({"author": "x"})


def test_package_api_is_lazy_and_complete():
    import subprocess
    import sys

    code = ("import sys, moderation; assert 'sklearn' not in sys.modules; "
            "[getattr(moderation, n) for n in moderation.__all__]; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_comment_rows_put_set_aside_items_after_the_comments_with_their_kind():
    from moderation.threads import COMMENT_COLUMNS, comment_rows

    thread = Thread(source="pages/ferry.html", title="Ferry fares", published="2026-03-02",
                    comments=[Comment(text="Too dear.", id="c1", position=1, author="Ann"),
                              Comment(text="Agreed.", id="c2", position=2, parent="c1", depth=1)],
                    set_aside=[Comment(text="Pingback: fares roundup", id="c3", position=1, kind="pingback")])
    rows = list(comment_rows([thread]))
    assert [(r["comment_id"], r["kind"], r["parent"], r["depth"]) for r in rows] == [
        ("c1", "comment", None, 0), ("c2", "comment", "c1", 1), ("c3", "pingback", None, 0)]
    assert all(tuple(r) == COMMENT_COLUMNS for r in rows)
    assert {r["thread_id"] for r in rows} == {"ferry.html"}
    assert {r["thread_published"] for r in rows} == {"2026-03-02"}


def test_write_comment_table_refuses_other_suffixes(tmp_path):
    from moderation.threads import write_comment_table

    with pytest.raises(ValueError, match=".csv or .parquet"):
        write_comment_table([], tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
