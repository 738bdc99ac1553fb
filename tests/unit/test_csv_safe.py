"""Formula-safe CSV cells and files."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.csv_safe import FORMULA_PREFIXES, restore_cell, safe_cell, write_csv_safe


@pytest.mark.parametrize("text", ["=1+1", "+1 agreed", "-1 for this", "@mayor", "\tx", "\rx",
                                  "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil\",\"click\")"])
def test_formula_starts_are_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "", "'tis the season", "a=b", " =leading space", "1,5", "'", "x-1"])
def test_other_text_is_unchanged(text):
    assert safe_cell(text) == text


def test_existing_quote_before_formula_or_quote_is_doubled_so_it_can_be_restored():
    assert safe_cell("'=x") == "''=x"
    assert safe_cell("''") == "'''"
    assert restore_cell("''=x") == "'=x"


def test_numbers_stay_numbers_and_missing_is_empty():
    assert safe_cell(-0.5) == "-0.5"
    assert safe_cell(3) == "3"
    assert safe_cell(None) == ""
    assert safe_cell(math.nan) == ""
    assert safe_cell(True) == "True"


def test_restore_leaves_text_it_did_not_write_alone():
    assert restore_cell("'tis") == "'tis"
    assert restore_cell("plain") == "plain"
    assert restore_cell("'") == "'"


@given(st.text())
def test_restore_undoes_safe_and_safe_cells_never_start_a_formula(text):
    cell = safe_cell(text)
    assert restore_cell(cell) == text
    assert not cell or cell[0] not in FORMULA_PREFIXES


def test_write_csv_safe_round_trips_through_csv(tmp_path):
    rows = [{"id": "1", "text": "=SUM(A1:A9)", "score": -0.25},
            {"id": "2", "text": "line one\nline two, \"quoted\"\u2028end", "score": 0.5}]
    path = write_csv_safe(rows + [("3", "@here", None)], tmp_path / "sub" / "out.csv", ["id", "text", "score"])
    with open(path, newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["id", "text", "score"]
    assert table[1] == ["1", "'=SUM(A1:A9)", "-0.25"]
    assert restore_cell(table[2][1]) == rows[1]["text"]
    assert table[3] == ["3", "'@here", ""]
    assert [p.name for p in path.parent.iterdir()] == ["out.csv"]


def test_write_csv_safe_missing_key_is_empty_cell(tmp_path):
    path = write_csv_safe([{"a": "x"}], tmp_path / "o.csv", ["a", "b"])
    assert path.read_text(encoding="utf-8").splitlines()[1] == "x,"


def test_write_csv_safe_refuses_short_rows_and_leaves_nothing(tmp_path):
    with pytest.raises(ValueError, match="row 2 has 1 values for 2 columns"):
        write_csv_safe([("a", "b"), ("c",)], tmp_path / "o.csv", ["x", "y"])
    assert list(tmp_path.iterdir()) == []
