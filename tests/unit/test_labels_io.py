"""Label files: reading, validation messages, writing, fingerprints."""

from __future__ import annotations

import pytest

from moderation.errors import InputError
from moderation.labels import LABEL_COLUMNS, fingerprint, read_label_file, read_labels, write_labels


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_partial_labels_and_aliases(tmp_path):
    path = _write(tmp_path / "a.csv", "id,thread_id,text,stance,civility\n1,t,ok then,Favour,\n2,t,hm,,uncivil\n")
    table = read_label_file(path)
    assert table["stance"].tolist() == ["favor", ""]
    assert table["civility"].tolist() == ["", "uncivil"]
    assert table["line"].tolist() == [2, 3]


@pytest.mark.parametrize("content, fragment", [
    ("", "is empty"),
    ("id,thread_id,text,stance\n", "no labelled rows"),
    ("id,text,stance\n1,x,favor\n", "missing column thread_id"),
    ("id,thread_id,text\n1,t,x\n", "no task column"),
    ("id,thread_id,text,stance\n1,t,x,maybe\n", "line 2: unknown stance label 'maybe'"),
    ("id,thread_id,text,stance\n1,t,   ,favor\n", "line 2: empty text"),
    ("id,thread_id,text,stance\n1,t,x,favor\n1,t,y,against\n", "line 3: id '1' repeats line 2"),
    ("id,thread_id,text,stance\n1,t,x,favor,extra\n", "line 2: has 5 fields"),
])
def test_validation_messages(tmp_path, content, fragment):
    path = _write(tmp_path / "bad.csv", content)
    with pytest.raises(InputError) as info:
        read_label_file(path)
    assert "bad.csv" in str(info.value) and fragment in str(info.value)


def test_line_numbers_count_multiline_cells(tmp_path):
    path = _write(tmp_path / "m.csv", 'id,thread_id,text,stance\n1,t,"two\nlines",favor\n2,t,x,wrong\n')
    with pytest.raises(InputError, match="line 4"):
        read_label_file(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("id,thread_id,text,stance\n1,t,caf\xe9,favor\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_label_file(path)


def test_duplicate_ids_across_files(tmp_path):
    _write(tmp_path / "a.csv", "id,thread_id,text,stance\n1,t,x,favor\n")
    _write(tmp_path / "b.csv", "id,thread_id,text,stance\n1,t,y,favor\n")
    with pytest.raises(InputError, match="also in"):
        read_labels([tmp_path])


def test_write_round_trip_and_fingerprint(tmp_path):
    path = _write(tmp_path / "a.csv", "id,thread_id,text,stance,civility\n1,t,\"a, b\",favor,civil\n")
    table = read_labels([path])
    out = write_labels(table, tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(LABEL_COLUMNS)
    again = read_labels([out])
    assert fingerprint(again) == fingerprint(table)
    with pytest.raises(InputError, match="already exists"):
        write_labels(table, out)


def test_formula_like_texts_are_guarded_and_round_trip(tmp_path):
    path = _write(tmp_path / "a.csv", 'id,thread_id,text,stance\n1,t,"=HYPERLINK(""x"")",favor\n2,t,-1 from me,against\n')
    table = read_labels([path])
    out = write_labels(table, tmp_path / "out.csv")
    raw = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'-1 from me" in raw
    assert read_labels([out])["text"].tolist() == ['=HYPERLINK("x")', "-1 from me"]


def test_share_column_is_read_and_checked(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("id,thread_id,text,civility,uncivil_share\n1,t,Fine words.,civil,0.25\n2,t,Rude words.,uncivil,\n",
                    encoding="utf-8")
    assert read_label_file(good)["uncivil_share"].tolist() == ["0.25", ""]
    for cell, label, problem in [("1.5", "civil", "is not a number from 0 to 1"), ("lots", "civil", "not a number"),
                                 ("0.5", "", "the task label is empty")]:
        bad = tmp_path / "bad.csv"
        bad.write_text(f"id,thread_id,text,civility,uncivil_share\n1,t,Fine words.,civil,0\n2,t,Other words.,{label},{cell}\n",
                       encoding="utf-8")
        with pytest.raises(InputError, match=problem) as info:
            read_label_file(bad)
        assert "line 3" in str(info.value)


def test_files_with_and_without_shares_read_together(tmp_path):
    (tmp_path / "a.csv").write_text("id,thread_id,text,civility,uncivil_share\n1,t,Fine words.,civil,0.2\n",
                                    encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,thread_id,text,civility\n2,u,Rude words.,uncivil\n", encoding="utf-8")
    table = read_labels([tmp_path])
    assert table["uncivil_share"].tolist() == ["0.2", ""]
    assert fingerprint(table) != fingerprint(table.assign(uncivil_share=["0.3", ""]))
