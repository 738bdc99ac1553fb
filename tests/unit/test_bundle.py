"""Model directories: round trip, tamper and untrusted-type refusal, version checks."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from moderation.bundle import load_model, save_model
from moderation.errors import ModelError

TEXTS = ["you idiot, this plan will fail", "great idea, long overdue", "when does the vote happen"]


def test_round_trip_gives_identical_probabilities(tiny_model, tmp_path):
    bundle = load_model(tiny_model)
    copy = save_model(bundle.model, tmp_path / "copy", bundle.metadata)
    again = load_model(copy)
    a = bundle.model.predict(TEXTS, ["the plan"] * 3).proba
    b = again.model.predict(TEXTS, ["the plan"] * 3).proba
    for task in a:
        np.testing.assert_array_equal(a[task], b[task])


def test_metadata_records_versions_schema_fingerprint(tiny_model):
    meta = load_model(tiny_model).metadata
    for key in ("python", "scikit-learn", "numpy", "moderation"):
        assert meta["versions"][key]
    assert meta["schema"]["tasks"]["civility"] == ["civil", "uncivil"]
    assert len(meta["data_fingerprint"]) == 64
    assert meta["thresholds"]["flag"] >= meta["thresholds"]["review"]
    assert meta["created"].endswith("+00:00")


def test_flipped_byte_is_refused(tiny_model, tmp_path):
    copy = shutil.copytree(tiny_model, tmp_path / "m")
    path = copy / "estimator.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match the hash"):
        load_model(copy)


def test_untrusted_type_is_refused_even_with_matching_hash(tiny_model, tmp_path):
    import skops.io as sio

    from moderation.bundle import _sha256

    copy = shutil.copytree(tiny_model, tmp_path / "m")
    # A file holding a type outside the trusted list, with its hash updated to match.
    sio.dump({"payload": shutil.copytree}, copy / "estimator.skops")
    meta = json.loads((copy / "metadata.json").read_text())
    meta["estimator_sha256"] = _sha256(copy / "estimator.skops")
    (copy / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="untrusted types"):
        load_model(copy)


def test_incompatible_version_is_refused(tiny_model, tmp_path):
    copy = shutil.copytree(tiny_model, tmp_path / "m")
    meta = json.loads((copy / "metadata.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (copy / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        load_model(copy)


def test_missing_and_partial_directories(tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        load_model(tmp_path / "absent")
    (tmp_path / "half").mkdir()
    with pytest.raises(ModelError, match="metadata.json is missing"):
        load_model(tmp_path / "half")


def test_save_refuses_to_overwrite(tiny_model):
    bundle = load_model(tiny_model)
    with pytest.raises(ModelError, match="already exists"):
        save_model(bundle.model, tiny_model, bundle.metadata)
