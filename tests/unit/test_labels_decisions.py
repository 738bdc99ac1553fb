"""Reading review decisions back and turning them into label rows."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from moderation.csv_safe import write_csv_safe
from moderation.errors import InputError
from moderation.labels.decisions import DECISION_FIELDS, DECISIONS_FORMAT, decisions_to_labels, read_decisions
from moderation.labels.io import read_label_file, write_labels
from moderation.labels.schema import LABEL_COLUMNS


def _decision(n=2, reviewer="Dana", time="2024-05-02T10:00:00.000Z", stance="against", civility="uncivil",
              action="reject", **extra):
    record = {"reviewer": reviewer, "time": time, "report_id": "abc", "comment_id": f"c{n}", "thread_id": "t1",
              "label_id": f"t1-{n}", "parent_label_id": "t1-1" if n > 1 else "", "target": "Build the lanes",
              "text": f"comment {n}", "old_stance": "against", "old_civility": "uncivil",
              "new_stance": stance, "new_civility": civility, "action": action}
    record.update(extra)
    return record


def _json(tmp_path, records, name="d.json", wrap=True):
    doc = {"format": DECISIONS_FORMAT, "report_id": "abc", "decisions": records} if wrap else records
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_reads_the_page_json_and_a_bare_list(tmp_path):
    records = [_decision(2), _decision(3, action="approve", civility="civil", stance="favor")]
    assert read_decisions(_json(tmp_path, records)) == records
    assert read_decisions(_json(tmp_path, records, "bare.json", wrap=False)) == records
    assert read_decisions(_json(tmp_path, [], "empty.json")) == []


def test_reads_the_page_csv_restoring_neutralised_cells(tmp_path):
    hostile = "=cmd|' /C calc'!A0 line\nbreak \u2028 \"quotes\", commas"
    records = [_decision(2, text=hostile, reviewer="@dana"), _decision(3)]
    path = tmp_path / "d.csv"
    write_csv_safe(records, path, DECISION_FIELDS)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # the page writes a BOM for spreadsheets
    raw = path.read_text(encoding="utf-8-sig")
    assert "'=cmd" in raw and "'@dana" in raw
    got = read_decisions(path)
    assert got[0]["text"] == hostile and got[0]["reviewer"] == "@dana"
    assert got == [dict(r, reviewer=r["reviewer"]) for r in records]


def test_missing_label_id_is_derived_and_reviewer_whitespace_is_normalised(tmp_path):
    (got,) = read_decisions(_json(tmp_path, [_decision(label_id="", reviewer="  Dana   K ")]))
    assert got["label_id"] == "t1-c2" and got["reviewer"] == "Dana K"
    (got,) = read_decisions(_json(tmp_path, [_decision(label_id="", comment_id="t1-7")]))
    assert got["label_id"] == "t1-7"


@pytest.mark.parametrize("change, problem", [
    ({"action": "delete"}, "record 1: unknown action 'delete'"),
    ({"new_civility": "rude"}, "record 1: unknown new_civility 'rude'"),
    ({"new_stance": "pro"}, "record 1: unknown new_stance 'pro'"),
    ({"time": "yesterday"}, "record 1: time 'yesterday' is not ISO 8601"),
    ({"reviewer": " "}, "record 1: missing reviewer"),
    ({"text": None}, "record 1: missing text"),
    ({"comment_id": 7}, "record 1: comment_id is a int, expected text"),
])
def test_bad_json_records_name_file_and_record(tmp_path, change, problem):
    path = _json(tmp_path, [_decision(**change)])
    with pytest.raises(InputError) as info:
        read_decisions(path)
    assert str(info.value).startswith(f"{path}: {problem}")


def test_bad_csv_rows_name_the_line(tmp_path):
    path = tmp_path / "d.csv"
    write_csv_safe([_decision(2), _decision(3, action="nope")], path, DECISION_FIELDS)
    with pytest.raises(InputError) as info:
        read_decisions(path)
    assert info.value.line == 3 and "comment 'c3': unknown action 'nope'" in str(info.value)


@pytest.mark.parametrize("content, problem", [
    ("", "is empty"),
    ("{not json", "is not valid JSON"),
    ('{"format": "moderation.review-decisions/2", "decisions": []}', "newer than this version reads"),
    ('{"format": "something/1", "decisions": []}', "is not a review decisions file"),
    ('{"decisions": 3}', "has no 'decisions' list"),
    ("[1]", "record 1 is a int, not an object"),
    ("id,thread_id,text\n1,t,x\n", "is neither JSON nor a decisions CSV"),
])
def test_malformed_files_are_refused(tmp_path, content, problem):
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as info:
        read_decisions(path)
    assert str(path) in str(info.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_decisions(tmp_path / "nope.json")
    path = tmp_path / "b.json"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InputError, match="is not UTF-8"):
        read_decisions(path)


def test_decisions_become_label_rows_in_the_label_format(tmp_path):
    labels, conflicts = decisions_to_labels([_decision(2), _decision(3, stance="favor", civility="civil",
                                                                     action="approve")])
    assert conflicts == []
    assert list(labels.columns) == LABEL_COLUMNS
    assert labels.to_dict("records")[0] == {
        "id": "t1-2", "thread_id": "t1", "parent_id": "t1-1", "target": "Build the lanes", "text": "comment 2",
        "stance": "against", "civility": "uncivil", "annotator": "review:Dana"}
    # The lead's writer and reader accept them as a label file.
    path = write_labels(labels, tmp_path / "review.csv")
    back = read_label_file(path)
    assert back[LABEL_COLUMNS].to_dict("records") == labels.to_dict("records")


def test_a_reviewers_latest_decision_wins():
    early = _decision(time="2024-05-02T10:00:00Z", civility="uncivil", action="reject")
    late = _decision(time="2024-05-02T11:00:00+01:00", civility="civil", action="approve")  # 10:00 UTC, same time
    later = _decision(time="2024-05-02T10:30:00Z", civility="civil", action="approve")
    labels, conflicts = decisions_to_labels([later, early])
    assert labels["civility"].tolist() == ["civil"] and conflicts == []
    labels, _ = decisions_to_labels([late, early, later])
    assert len(labels) == 1


def test_conflict_with_another_annotator_is_reported_not_overwritten():
    existing = pd.DataFrame([
        {"id": "t1-2", "annotator": "team", "stance": "against", "civility": "civil", "source": "a.csv", "line": 3},
        {"id": "t1-3", "annotator": "team", "stance": "against", "civility": "uncivil", "source": "a.csv", "line": 4},
    ])
    decisions = [_decision(2), _decision(3)]
    labels, conflicts = decisions_to_labels(decisions, existing)
    assert labels["id"].tolist() == ["t1-3"]  # agrees with team: added as a second annotation
    (conflict,) = conflicts
    assert conflict["id"] == "t1-2" and conflict["other_annotator"] == "team"
    assert (conflict["civility"], conflict["other_civility"]) == ("uncivil", "civil")
    assert conflict["other_source"] == "a.csv line 3" and conflict["added"] is False
    assert conflict["reason"] == "disagrees with team on civility"
    labels, conflicts = decisions_to_labels(decisions, existing, on_conflict="add")
    assert labels["id"].tolist() == ["t1-2", "t1-3"] and conflicts[0]["added"] is True
    assert existing["civility"].tolist() == ["civil", "uncivil"]  # caller's table untouched


def test_own_earlier_labels_are_skipped_or_reported():
    existing = pd.DataFrame([
        {"id": "t1-2", "annotator": "review:Dana", "stance": "against", "civility": "uncivil"},
        {"id": "t1-3", "annotator": "review:Dana", "stance": "favor", "civility": "uncivil"},
    ])
    labels, conflicts = decisions_to_labels([_decision(2), _decision(3)], existing, on_conflict="add")
    assert labels.empty
    assert [(c["id"], c["added"], c["reason"]) for c in conflicts] == [
        ("t1-3", False, "changes this reviewer's earlier label on stance")]


def test_unlabelled_tasks_do_not_conflict():
    existing = pd.DataFrame([{"id": "t1-2", "annotator": "team", "stance": "against"}])
    labels, conflicts = decisions_to_labels([_decision(2)], existing)
    assert len(labels) == 1 and conflicts == []


def test_two_reviewers_disagreeing_are_both_reported():
    labels, conflicts = decisions_to_labels([_decision(2, reviewer="Dana"),
                                             _decision(2, reviewer="Sam", civility="civil", action="approve")])
    assert labels.empty
    assert sorted((c["annotator"], c["other_annotator"]) for c in conflicts) == [
        ("review:Dana", "review:Sam"), ("review:Sam", "review:Dana")]


def test_bad_arguments():
    with pytest.raises(ValueError, match="on_conflict"):
        decisions_to_labels([], on_conflict="overwrite")
    with pytest.raises(ValueError, match="annotator"):
        decisions_to_labels([], pd.DataFrame({"id": ["x"]}))
    labels, conflicts = decisions_to_labels([])
    assert labels.empty and list(labels.columns) == LABEL_COLUMNS and conflicts == []
