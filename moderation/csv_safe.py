"""CSV output that spreadsheet programs cannot mistake for formulas."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number
from pathlib import Path

from ._io import atomic_open

__all__ = ["FORMULA_PREFIXES", "safe_cell", "restore_cell", "write_csv_safe"]

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
#: (or, for tab and carriage return, hide one in front of it).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_QUOTE = "'"


def safe_cell(value) -> str:
    """Return ``value`` as CSV cell text that a spreadsheet shows as text.

    A string starting with one of :data:`FORMULA_PREFIXES` gets a single quote in
    front. So does a string that already starts with a quote followed by one of those
    characters or by another quote, which makes the change reversible with
    :func:`restore_cell`. Real numbers (``int``, ``float``, but not ``bool``) are
    written as numbers, so a negative score stays a number; ``None`` and NaN become
    an empty cell.

    Parameters
    ----------
    value : object
        The cell value; anything that is not a number or ``None`` is converted with ``str``.

    Returns
    -------
    str
        The cell text, to be quoted by :mod:`csv` as usual.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("-1 for this"), safe_cell(-0.5), safe_cell("fine")
    ("'-1 for this", '-0.5', 'fine')
    >>> restore_cell(safe_cell("'=already quoted"))
    "'=already quoted"
    """
    if value is None:
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return ""
        return str(value)
    text = str(value)
    if _needs_quote(text):
        return _QUOTE + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`safe_cell` on a cell read back from a CSV this project wrote.

    Strips one leading quote when it is followed by a formula character or another
    quote; any other text (``"'tis"``) is returned unchanged.
    """
    if len(text) >= 2 and text[0] == _QUOTE and (text[1] in FORMULA_PREFIXES or text[1] == _QUOTE):
        return text[1:]
    return text


def _needs_quote(text: str) -> bool:
    if not text:
        return False
    if text[0] in FORMULA_PREFIXES:
        return True
    return len(text) >= 2 and text[0] == _QUOTE and (text[1] in FORMULA_PREFIXES or text[1] == _QUOTE)


def write_csv_safe(rows: Iterable[Mapping | Sequence], path: str | Path, columns: Sequence[str]) -> Path:
    """Write rows as a UTF-8 CSV with every cell passed through :func:`safe_cell`, atomically.

    Parameters
    ----------
    rows : iterable of mapping or sequence
        Mappings are read by column name (a missing key is an empty cell); sequences by
        position and must have one value per column.
    path : str or Path
        Output file; it appears complete or not at all.
    columns : sequence of str
        Header row and column order.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        If a sequence row does not have one value per column.
    """
    path = Path(path)
    columns = list(columns)
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([safe_cell(c) for c in columns])
        for number, row in enumerate(rows, start=1):
            if isinstance(row, Mapping):
                values = [row.get(c) for c in columns]
            else:
                values = list(row)
                if len(values) != len(columns):
                    raise ValueError(f"row {number} has {len(values)} values for {len(columns)} columns")
            writer.writerow([safe_cell(v) for v in values])
    return path
