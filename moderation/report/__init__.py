"""Review pages and CSV exports built from scored comments."""

from ..csv_safe import FORMULA_PREFIXES, restore_cell, safe_cell, write_csv_safe
from .review import render_review_page

__all__ = ["FORMULA_PREFIXES", "render_review_page", "restore_cell", "safe_cell", "write_csv_safe"]
