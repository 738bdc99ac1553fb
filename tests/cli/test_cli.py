"""The command line end to end on small files made in tmp_path."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from moderation.cli import main

COMMANDS = [["parse"], ["train"], ["evaluate"], ["score"], ["labels", "check"], ["labels", "import"],
            ["review", "import"]]

PAGE = """The Riverside Courier
Home  News  Sport

Council approves new footbridge over the river

By Ana Stone, 3 March 2026

The council voted on Tuesday to build a footbridge linking the two halves of the park.
Construction starts in May and should take a year.

3 thoughts on “Council approves new footbridge over the river”

  1. About time, the detour adds twenty minutes to my walk.

    Reply
  2. Who is paying for this? The article does not say.

    Reply
  3. Shut up you idiot moron, nobody needs a bridge.

    Reply

Leave a Comment
Your email address will not be published. Required fields are marked *
"""


@pytest.fixture
def runner():
    return CliRunner()


def test_group_help_lists_commands_and_an_example(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("parse", "train", "evaluate", "score", "labels", "review"):
        assert name in result.output
    assert "moderation score" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_help_has_an_example(runner, command):
    result = runner.invoke(main, command + ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "moderation " + " ".join(command) in result.output


def test_parse_text_page_to_jsonl(runner, tmp_path):
    page = tmp_path / "bridge.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "threads.jsonl"
    result = runner.invoke(main, ["parse", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert record["title"] == "Council approves new footbridge over the river"
    assert [c["text"] for c in record["comments"]] == [
        "About time, the detour adds twenty minutes to my walk.",
        "Who is paying for this? The article does not say.",
        "Shut up you idiot moron, nobody needs a bridge.",
    ]
    assert record["comment_count_claimed"] == 3
    assert "footbridge linking" in record["article"]
    assert record["source"].endswith("bridge.txt")


def test_parse_refuses_to_overwrite_without_force(runner, tmp_path):
    page = tmp_path / "bridge.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "threads.jsonl"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["parse", str(page), "-o", str(out)])
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"


def test_parse_writes_a_comment_table_as_csv(runner, tmp_path):
    import csv

    page = tmp_path / "bridge.txt"
    page.write_text(PAGE.replace("Who is paying", "=Who is paying"), encoding="utf-8")
    out = tmp_path / "comments.csv"
    result = runner.invoke(main, ["parse", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["position"] for r in rows] == ["1", "2", "3"]
    assert {r["thread_title"] for r in rows} == {"Council approves new footbridge over the river"}
    assert rows[0]["text"] == "About time, the detour adds twenty minutes to my walk."
    assert rows[1]["text"].startswith("'=Who is paying")  # a spreadsheet shows it as text, not a formula
    assert {r["kind"] for r in rows} == {"comment"}


def test_parse_writes_a_comment_table_as_parquet(runner, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    page = tmp_path / "bridge.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "comments.parquet"
    result = runner.invoke(main, ["parse", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    assert list(table["position"]) == [1, 2, 3]
    assert table["text"].iloc[2] == "Shut up you idiot moron, nobody needs a bridge."


def test_parse_refuses_an_output_type_it_does_not_write(runner, tmp_path):
    page = tmp_path / "bridge.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(main, ["parse", str(page), "-o", str(tmp_path / "comments.xlsx")])
    _one_line_error(result, "comments.xlsx", ".csv or .parquet")
    assert not (tmp_path / "comments.xlsx").exists()


def test_parse_folder_stops_at_an_empty_page_and_writes_nothing(runner, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-bridge.txt").write_text(PAGE, encoding="utf-8")
    (pages / "b-empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "threads.jsonl"
    result = runner.invoke(main, ["parse", str(pages), "-o", str(out)])
    _one_line_error(result, "b-empty.txt", "is empty")
    assert not out.exists()


def test_parse_folder_skips_an_empty_page_when_asked(runner, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-bridge.txt").write_text(PAGE, encoding="utf-8")
    (pages / "b-empty.txt").write_text("", encoding="utf-8")
    (pages / "c-bridge.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "threads.jsonl"
    result = runner.invoke(main, ["parse", str(pages), "-o", str(out), "--on-error", "skip"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert "skipped: " in result.output and "b-empty.txt: is empty" in result.output
    assert "1 file(s) skipped" in result.output


def _one_line_error(result, *fragments):
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_missing_page_is_one_line_error(runner, tmp_path):
    missing = tmp_path / "nope.html"
    _one_line_error(runner.invoke(main, ["parse", str(missing)]), "nope.html", "no such file")


def test_empty_page_is_one_line_error(runner, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    _one_line_error(runner.invoke(main, ["parse", str(empty)]), "empty.html", "empty")


def test_empty_label_file_is_one_line_error(runner, tmp_path):
    empty = tmp_path / "labels.csv"
    empty.write_text("", encoding="utf-8")
    _one_line_error(runner.invoke(main, ["labels", "check", str(empty)]), "labels.csv", "empty")


def test_unknown_class_names_file_and_line(runner, tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("id,thread_id,text,stance,civility\n1,t,fine,favor,civil\n2,t,meh,maybe,civil\n",
                   encoding="utf-8")
    line = _one_line_error(runner.invoke(main, ["train", str(bad), "-o", str(tmp_path / "m")]),
                           "labels.csv", "line 3", "maybe")
    assert "favor" in line  # the fix lists the allowed classes
    assert not (tmp_path / "m").exists()


def test_missing_column_names_file(runner, tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("id,text,stance\n1,fine,favor\n", encoding="utf-8")
    _one_line_error(runner.invoke(main, ["labels", "check", str(bad)]), "labels.csv", "thread_id")


def test_labels_check_counts_soft_labels_and_rejects_a_bad_share(runner, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("id,thread_id,text,civility,uncivil_share\n1,t,fine words,civil,0.2\n2,t,rude words,uncivil,\n",
                      encoding="utf-8")
    result = runner.invoke(main, ["labels", "check", str(labels)])
    assert result.exit_code == 0 and "soft labels): given on 1 rows" in result.output
    labels.write_text("id,thread_id,text,civility,uncivil_share\n1,t,fine words,civil,2\n", encoding="utf-8")
    _one_line_error(runner.invoke(main, ["labels", "check", str(labels)]), "labels.csv", "line 2", "0 to 1")


def test_missing_model_is_one_line_error(runner, tmp_path, tiny_labels):
    _one_line_error(runner.invoke(main, ["evaluate", str(tmp_path / "nomodel"), str(tiny_labels)]),
                    "nomodel", "no such model directory")


def test_labels_check_counts(runner, tiny_labels):
    result = runner.invoke(main, ["labels", "check", str(tiny_labels)])
    assert result.exit_code == 0, result.output
    assert "72 rows" in result.output
    assert "favor 24" in result.output


def test_train_evaluate_score_end_to_end(runner, tmp_path, tiny_labels):
    model = tmp_path / "model"
    result = runner.invoke(main, ["train", str(tiny_labels), "-o", str(model), "--quick", "--folds", "4"])
    assert result.exit_code == 0, result.output
    assert (model / "estimator.skops").is_file() and (model / "README.md").is_file()
    meta = json.loads((model / "metadata.json").read_text())
    assert meta["params"]["folds"] == 4 and "civility" in meta["cv_metrics"]

    metrics_path = tmp_path / "metrics.json"
    result = runner.invoke(main, ["evaluate", str(model), str(tiny_labels), "--json", str(metrics_path)])
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "F_avg" in result.output and "bias audit" in result.output
    metrics = json.loads(metrics_path.read_text())
    assert set(metrics["stance"]["per_class"]) == {"favor", "against", "neutral"}
    for key in ("f_avg", "macro_f1"):
        assert 0.0 <= metrics["stance"][key] <= 1.0
    for key in ("roc_auc", "average_precision", "ece", "macro_f1"):
        assert 0.0 <= metrics["civility"][key] <= 1.0
    # Evaluated on its own training data, a working model separates the classes.
    assert metrics["civility"]["roc_auc"] > 0.9
    assert metrics["bias"]["template_fpr"] is not None and len(metrics["bias"]["identities"]) > 20

    page = tmp_path / "bridge.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "scored.jsonl"
    report = tmp_path / "review.html"
    result = runner.invoke(main, ["score", str(page), "--model", str(model), "-o", str(out), "--report", str(report),
                                  "--threshold", "0.5"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["position"] for r in rows] == [1, 2, 3]
    assert all(r["stance"] in ("favor", "against", "neutral") for r in rows)
    assert rows[2]["civility"] == "uncivil" and rows[2]["flag"] == "flagged"
    assert rows[2]["explanation"] and rows[2]["explanation"][0][1] > 0
    assert "nobody needs a bridge" in report.read_text(encoding="utf-8")
    summary = (tmp_path / "scored.threads.csv").read_text(encoding="utf-8")
    assert "bridge.txt" in summary



def test_score_reads_standard_input_and_tables(runner, tmp_path, tiny_model):
    out = tmp_path / "stdin.jsonl"
    result = runner.invoke(main, ["score", "-", "--model", str(tiny_model), "-o", str(out)], input=PAGE)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and rows[0]["thread_source"] == "<stdin>"

    table = tmp_path / "comments.csv"
    table.write_text("id,thread_id,text\n1,a,great idea\n2,a,\n3,b,you idiot\n", encoding="utf-8")
    result = runner.invoke(main, ["score", str(table), "--model", str(tiny_model), "-o", str(tmp_path / "t.parquet")])
    _one_line_error(result, "comments.csv", "line 3", "empty comment text")
    result = runner.invoke(main, ["score", str(table), "--model", str(tiny_model), "-o", str(tmp_path / "t.parquet"),
                                  "--on-error", "skip", "--restart"])
    assert result.exit_code == 0, result.output
    assert "skipped: " in result.output and "line 3" in result.output
    assert "scored 2 comment(s)" in result.output
