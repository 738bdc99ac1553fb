"""Atomic writes: all or nothing, ordinary permissions."""

from __future__ import annotations

import os

import pytest

from moderation._io import atomic_open


def test_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("half")
            raise RuntimeError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("new")
            raise RuntimeError("boom")
    assert target.read_text() == "old"


def test_permissions_follow_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_open(tmp_path / "out.txt") as handle:
            handle.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644
