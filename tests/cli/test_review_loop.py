"""The loop: reviewers' decisions become labels, and retraining on them changes the model."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from moderation.bundle import load_model
from moderation.cli import main
from moderation.scoring import score_texts

# Civil-looking comments that reviewers in this community treat as uncivil (invented).
DOGWHISTLES = ["go back to the swamp lizard", "swamp lizard spotted again", "typical swamp lizard take",
               "another swamp lizard comment", "swamp lizard says what"]


def test_review_decisions_change_the_retrained_model(tmp_path, tiny_labels):
    runner = CliRunner()
    before_dir = tmp_path / "before"
    assert runner.invoke(main, ["train", str(tiny_labels), "-o", str(before_dir), "--quick", "--folds", "4"]).exit_code == 0
    before = [r["p_uncivil"] for r in score_texts(load_model(before_dir), DOGWHISTLES)]

    decisions = [{
        "reviewer": "Dana", "time": "2026-11-22T10:00:00+00:00", "report_id": "r1", "comment_id": f"c{i}",
        "thread_id": f"thread{i % 4}", "label_id": f"review-{i}", "parent_label_id": "", "target": "the plan",
        "text": text, "old_stance": "neutral", "old_civility": "civil", "new_stance": "neutral",
        "new_civility": "uncivil", "action": "reject",
    } for i, text in enumerate(DOGWHISTLES * 3)]
    for i, d in enumerate(decisions):
        d["text"] = f"{d['text']} {i}"
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps({"format": "moderation.review-decisions/1", "decisions": decisions}), encoding="utf-8")

    reviewed = tmp_path / "reviewed.csv"
    result = runner.invoke(main, ["review", "import", str(path), "-o", str(reviewed), "--labels", str(tiny_labels)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(reviewed, encoding="utf-8")))
    assert len(rows) == 15 and {r["annotator"] for r in rows} == {"review:Dana"}
    assert {r["civility"] for r in rows} == {"uncivil"}

    after_dir = tmp_path / "after"
    result = runner.invoke(main, ["train", str(tiny_labels), str(reviewed), "-o", str(after_dir), "--quick", "--folds", "4"])
    assert result.exit_code == 0, result.output
    after = [r["p_uncivil"] for r in score_texts(load_model(after_dir), DOGWHISTLES)]
    assert all(a > b + 0.1 for a, b in zip(after, before)), (before, after)


def test_review_import_reports_conflicts_and_never_overwrites(tmp_path, tiny_labels):
    runner = CliRunner()
    first = next(csv.DictReader(open(tiny_labels, encoding="utf-8")))
    flipped = "civil" if first["civility"] == "uncivil" else "uncivil"
    decision = {"reviewer": "Dana", "time": "2026-11-22T10:00:00+00:00", "report_id": "r1", "comment_id": "c1",
                "thread_id": first["thread_id"], "label_id": first["id"], "parent_label_id": "",
                "target": first["target"], "text": first["text"], "old_stance": first["stance"],
                "old_civility": first["civility"], "new_stance": first["stance"], "new_civility": flipped,
                "action": "relabel"}
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps({"format": "moderation.review-decisions/1", "decisions": [decision]}), encoding="utf-8")
    out = tmp_path / "reviewed.csv"
    result = runner.invoke(main, ["review", "import", str(path), "-o", str(out), "--labels", str(tiny_labels)])
    assert result.exit_code == 0, result.output
    assert "1 conflict" in result.output
    out.write_text("keep", encoding="utf-8")
    result = runner.invoke(main, ["review", "import", str(path), "-o", str(out), "--labels", str(tiny_labels)])
    assert result.exit_code == 1 and out.read_text(encoding="utf-8") == "keep"
