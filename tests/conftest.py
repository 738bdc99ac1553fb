"""Fixtures shared by every test: where the real evaluation data lives, skipping when absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MODERATION_SHARED", REPO.parent / "shared")).resolve()


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (CI provides ../shared)")
    return path


@pytest.fixture
def shared():
    """The ../shared directory, or skip when absent."""
    return shared_path()
