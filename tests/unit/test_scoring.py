"""Batch scoring: outputs, flag policy, resuming after an interruption, bad rows."""

from __future__ import annotations

import csv
import json

import pytest

from moderation.bundle import load_model
from moderation.errors import InputError
from moderation.scoring import OUTPUT_COLUMNS, FlagPolicy, UrgentRows, score_texts, score_to_file


def _table(path, n=50, bad_rows=()):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "thread_id", "text"])
        for i in range(n):
            text = "" if i in bad_rows else ("you idiot moron" if i % 4 == 0 else f"great idea number {i}")
            writer.writerow([f"r{i}", f"t{i % 3}", text])
    return path


def test_flag_policy_bands_and_terms():
    policy = FlagPolicy(threshold=0.6, review=0.3, block_terms=["spam link"], allow_terms=["damn"])
    assert policy.decide("fine", 0.7)[0] == "flagged"
    assert policy.decide("fine", 0.4)[0] == "review"
    assert policy.decide("fine", 0.1) == ("ok", "")
    assert policy.decide("buy via SPAM LINK now", 0.0) == ("flagged", "blocked term: spam link")
    assert "damn" not in policy.mask("damn, that is expensive")
    with pytest.raises(ValueError):
        FlagPolicy(threshold=0.2, review=0.5)


def test_score_texts_rows_have_every_column(tiny_model):
    rows = score_texts(load_model(tiny_model), ["you idiot", "great idea"], target="the plan")
    assert list(rows[0]) == OUTPUT_COLUMNS
    assert rows[0]["stance_target_source"] == "option"
    assert abs(rows[0]["p_favor"] + rows[0]["p_against"] + rows[0]["p_neutral"] - 1) < 1e-3
    assert rows[0]["p_uncivil"] > rows[1]["p_uncivil"]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_outputs_by_extension(tiny_model, tmp_path, suffix):
    import pandas as pd

    table = _table(tmp_path / "in.csv", n=20)
    out = tmp_path / f"out{suffix}"
    summary, flagged = score_to_file([table], load_model(tiny_model), out)
    assert summary.comments == 20 and len(summary.threads) == 3
    frame = pd.read_json(out, lines=True) if suffix == ".jsonl" else pd.read_csv(out) if suffix == ".csv" \
        else pd.read_parquet(out)
    assert list(frame.columns) == OUTPUT_COLUMNS
    assert frame["comment_id"].tolist() == [f"r{i}" for i in range(20)]
    assert not (tmp_path / f"out{suffix}.partial.jsonl").exists()


def test_csv_output_neutralises_formulas(tiny_model, tmp_path):
    table = tmp_path / "in.csv"
    table.write_text('id,text\n1,"=HYPERLINK(""http://x"",""click"")"\n2,+1 great idea\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    score_to_file([table], load_model(tiny_model), out)
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert rows[0]["text"].startswith("'=") and rows[1]["text"].startswith("'+")


def test_interrupted_run_resumes_without_loss_or_duplicates(tiny_model, tmp_path):
    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", n=95)
    whole = tmp_path / "whole.jsonl"
    score_to_file([table], bundle, whole, chunk_size=10)

    out = tmp_path / "out.jsonl"
    calls = {"n": 0}

    def stop_after_three(n):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_to_file([table], bundle, out, chunk_size=10, progress=stop_after_three)
    assert not out.exists()  # no partial output passed off as complete
    partial = tmp_path / "out.jsonl.partial.jsonl"
    # Simulate a kill in the middle of a write: a torn last line.
    with open(partial, "a", encoding="utf-8") as handle:
        handle.write('{"thread_id": "t0", "comm')
    summary, _ = score_to_file([table], bundle, out, chunk_size=10)
    assert summary.resumed_from == 30
    assert summary.comments == 95
    assert out.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_bad_rows_fail_or_skip_with_row_numbers(tiny_model, tmp_path):
    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", n=10, bad_rows=(4,))
    with pytest.raises(InputError, match=r"in.csv, line 6: empty comment text"):
        score_to_file([table], bundle, tmp_path / "a.jsonl")
    summary, _ = score_to_file([table], bundle, tmp_path / "b.jsonl", on_error="skip", resume=False)
    assert summary.comments == 9
    assert len(summary.errors) == 1 and "line 6" in summary.errors[0]


def test_existing_output_is_not_overwritten(tiny_model, tmp_path):
    table = _table(tmp_path / "in.csv", n=5)
    out = tmp_path / "out.jsonl"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        score_to_file([table], load_model(tiny_model), out)
    assert out.read_text(encoding="utf-8") == "precious"


def test_unknown_output_type(tiny_model, tmp_path):
    with pytest.raises(InputError, match="unknown output type"):
        score_to_file([_table(tmp_path / "in.csv", n=2)], load_model(tiny_model), tmp_path / "out.xlsx")


def test_thread_jsonl_input_and_target_resolution(tiny_model, tmp_path):
    from moderation.threads import Comment, Thread, write_threads_jsonl

    threads = [Thread(source="a", id="a", title="Plan", article="the plan", target="the plan",
                      comments=[Comment(text="great idea")]),
               Thread(source="b", id="b", title="Unrelated", article="zebra crossing",
                      comments=[Comment(text="you idiot")])]
    path = tmp_path / "threads.jsonl"
    write_threads_jsonl(threads, path)
    out = tmp_path / "out.jsonl"
    score_to_file([path], load_model(tiny_model), out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["stance_target_source"] == "thread" and rows[0]["stance_target"] == "the plan"
    assert rows[1]["stance_target_source"] in ("nearest", "default")


def test_parallel_scoring_equals_serial(tiny_model, tmp_path):
    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", n=120)
    serial, parallel = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl"
    score_to_file([table], bundle, serial, chunk_size=25)
    summary, _ = score_to_file([table], bundle, parallel, chunk_size=25, n_jobs=2)
    assert summary.comments == 120
    assert parallel.read_text(encoding="utf-8") == serial.read_text(encoding="utf-8")


def test_report_rows_are_bounded_and_most_urgent_first(tiny_model, tmp_path):
    table = _table(tmp_path / "in.csv", n=80)
    _, urgent = score_to_file([table], load_model(tiny_model), tmp_path / "o.jsonl", report_limit=5)
    assert len(urgent) == 5
    scores = [r["p_uncivil"] for r in urgent]
    assert scores == sorted(scores, reverse=True)


def test_resume_refuses_a_work_file_from_another_model_or_options(tiny_model, tmp_path):
    bundle = load_model(tiny_model)
    table = _table(tmp_path / "in.csv", n=40)
    out = tmp_path / "out.jsonl"

    def stop(n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_to_file([table], bundle, out, chunk_size=10, progress=stop)
    with pytest.raises(InputError, match="another policy"):
        score_to_file([table], bundle, out, chunk_size=10, policy=FlagPolicy(threshold=0.9, review=0.1))
    summary, _ = score_to_file([table], bundle, out, chunk_size=10, resume=False)
    assert summary.comments == 40 and summary.resumed_from == 0
    assert not (tmp_path / "out.jsonl.partial.meta.json").exists()


def test_report_rows_bring_the_ok_parent_of_a_kept_reply():
    urgent = UrgentRows(limit=2)
    rows = [
        {"thread_id": "t", "comment_id": "a", "parent": "", "flag": "ok", "p_uncivil": 0.1},
        {"thread_id": "t", "comment_id": "b", "parent": "a", "flag": "flagged", "p_uncivil": 0.9},
        {"thread_id": "t", "comment_id": "c", "parent": "", "flag": "flagged", "p_uncivil": 0.8},
        {"thread_id": "u", "comment_id": "a", "parent": "", "flag": "ok", "p_uncivil": 0.2},
        # Its parent "b" was flagged and is kept already; "zz" was never seen.
        {"thread_id": "t", "comment_id": "d", "parent": "b", "flag": "review", "p_uncivil": 0.4},
        {"thread_id": "u", "comment_id": "e", "parent": "zz", "flag": "flagged", "p_uncivil": 0.95},
    ]
    for row in rows:
        urgent.add(row)
    kept = urgent.rows()
    # The two most urgent rows (e, b), then b's OK parent; c's slot went to e, d never made it.
    assert [(r["thread_id"], r["comment_id"]) for r in kept] == [("u", "e"), ("t", "b"), ("t", "a")]


def test_report_parent_lookup_forgets_old_rows_of_a_huge_thread():
    urgent = UrgentRows(limit=5, recent=3)
    urgent.add({"thread_id": "t", "comment_id": "p", "parent": "", "flag": "ok", "p_uncivil": 0.0})
    for i in range(3):
        urgent.add({"thread_id": "t", "comment_id": f"x{i}", "parent": "", "flag": "ok", "p_uncivil": 0.0})
    urgent.add({"thread_id": "t", "comment_id": "r", "parent": "p", "flag": "flagged", "p_uncivil": 0.9})
    assert [r["comment_id"] for r in urgent.rows()] == ["r"]


def test_review_page_shows_the_text_an_ok_parent_said(tiny_model, tmp_path):
    from moderation.report.review import render_review_page

    table = tmp_path / "replies.csv"
    table.write_text("id,thread_id,parent_id,text\n"
                     "p1,t1,,the new tram line opens in spring\n"
                     "r1,t1,p1,buy watches via spam link now\n", encoding="utf-8")
    policy = FlagPolicy(threshold=1.0, review=1.0, block_terms=["spam link"])
    _, rows = score_to_file([table], load_model(tiny_model), tmp_path / "o.jsonl", policy=policy)
    assert [(r["comment_id"], r["flag"]) for r in rows] == [("r1", "flagged"), ("p1", "ok")]
    page = render_review_page(rows, {}, tmp_path / "review.html").read_text(encoding="utf-8")
    assert "the new tram line opens in spring" in page


def test_walking_a_folder_skips_the_resource_folders_of_saved_pages(tmp_path):
    from moderation.scoring import expand_inputs

    (tmp_path / "Pool_files").mkdir()
    (tmp_path / "Pool.html").write_text("<html><body><p>page</p></body></html>")
    (tmp_path / "Pool_files" / "saved_resource.html").write_text("<html><body><p>frame</p></body></html>")
    (tmp_path / "Notes_files").mkdir()  # no Notes.html beside it: an ordinary folder of pages
    (tmp_path / "Notes_files" / "one.html").write_text("<html><body><p>one</p></body></html>")
    assert expand_inputs([tmp_path]) == [str(tmp_path / "Notes_files" / "one.html"), str(tmp_path / "Pool.html")]
