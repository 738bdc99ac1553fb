"""Saving and loading a model directory: estimator, metadata and model card."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._io import atomic_open
from .errors import ModelError
from .labels.schema import LabelSchema

__all__ = ["TRUSTED_TYPES", "ModelBundle", "save_model", "load_model"]

ESTIMATOR_FILE = "estimator.skops"
METADATA_FILE = "metadata.json"
CARD_FILE = "README.md"
FORMAT = "moderation.model/1"

#: Our own classes that a model file may contain; everything else must be on skops' default list.
TRUSTED_TYPES = [
    "moderation.features.TextFeatures",
    "moderation.fastfeatures.CharNgramTfidf",
    "moderation.fastfeatures.WordNgramTfidf",
    "moderation.model.CommentModel",
    "moderation.model.TargetedLogisticRegression",
    "moderation.labels.schema.LabelSchema",
    # Sparse matrices are plain data (the target index), safe to rebuild.
    "scipy.sparse._csr.csr_matrix",
]


@dataclass
class ModelBundle:
    """A loaded model and its metadata.

    Attributes
    ----------
    model : CommentModel
    metadata : dict
        Everything in ``metadata.json``: versions, schema, data fingerprint, parameters,
        cross-validated metrics, flag thresholds, creation time.
    path : Path or None
    """

    model: object
    metadata: dict
    path: Path | None = None

    @property
    def schema(self) -> LabelSchema:
        return LabelSchema.from_dict(self.metadata["schema"])

    @property
    def thresholds(self) -> dict:
        return self.metadata.get("thresholds") or {"flag": 0.5, "review": 0.3}


def _versions() -> dict:
    import numpy
    import scipy
    import sklearn

    from . import __version__

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "scipy": scipy.__version__, "moderation": __version__}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(model, path: str | Path, metadata: dict | None = None, card: str | None = None,
               overwrite: bool = False) -> Path:
    """Write ``model`` to a directory: ``estimator.skops``, ``metadata.json``, ``README.md``.

    The directory is assembled beside its final place and renamed into it, so a reader never
    sees half a model.

    Parameters
    ----------
    model : CommentModel
        A fitted model.
    path : str or Path
        The model directory to create.
    metadata : dict, optional
        Extra metadata (parameters, metrics, thresholds, data fingerprint); versions, the
        format tag, the schema, the estimator's hash and the creation time are added.
    card : str, optional
        Model card text in Markdown.
    overwrite : bool
        Replace an existing model directory.

    Raises
    ------
    ModelError
        If ``path`` exists and ``overwrite`` is false.
    """
    import skops.io as sio

    path = Path(path)
    if path.exists() and not overwrite:
        raise ModelError(f"{path}: already exists (pass --force to replace it, or choose another name)")
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        sio.dump(model, staging / ESTIMATOR_FILE)
        meta = dict(metadata or {})
        meta.update({
            "format": FORMAT,
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "versions": _versions(),
            "schema": (model.schema or LabelSchema()).to_dict(),
            "estimator_sha256": _sha256(staging / ESTIMATOR_FILE),
        })
        with atomic_open(staging / METADATA_FILE) as handle:
            json.dump(meta, handle, indent=1, sort_keys=True, default=str)
        (staging / CARD_FILE).write_text(card or "# Model\n", encoding="utf-8")
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            if old.exists():
                shutil.rmtree(old)
            path.rename(old)
            staging.rename(path)
            shutil.rmtree(old)
        else:
            staging.rename(path)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return path


def load_model(path: str | Path) -> ModelBundle:
    """Load a model directory safely.

    The estimator file must match the hash recorded in ``metadata.json`` (so a flipped byte is
    refused), may contain only scikit-learn, NumPy and SciPy types plus :data:`TRUSTED_TYPES`
    (nothing in it can run code), and must come from a compatible version.

    Raises
    ------
    ModelError
        With a one-line reason: missing directory or file, hash mismatch, untrusted types,
        incompatible versions.
    """
    import sklearn
    import skops.io as sio

    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"{path}: no such model directory (train one with 'moderation train LABELS -o {path}')")
    meta_path, est_path = path / METADATA_FILE, path / ESTIMATOR_FILE
    for needed in (meta_path, est_path):
        if not needed.is_file():
            raise ModelError(f"{path}: not a model directory, {needed.name} is missing")
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: unreadable metadata ({exc})") from None
    if metadata.get("format") != FORMAT:
        raise ModelError(f"{path}: model format {metadata.get('format')!r} is not {FORMAT!r}; retrain it with this version")
    if _sha256(est_path) != metadata.get("estimator_sha256"):
        raise ModelError(f"{est_path}: does not match the hash in {METADATA_FILE}; the file was changed or damaged, "
                         "retrain or copy the model again")
    trained_with = metadata.get("versions", {}).get("scikit-learn", "")
    if trained_with.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(f"{path}: trained with scikit-learn {trained_with}, this environment has "
                         f"{sklearn.__version__}; retrain the model or install scikit-learn=={trained_with}")
    try:
        untrusted = sio.get_untrusted_types(file=est_path)
    except Exception as exc:  # skops raises several types for a malformed archive
        raise ModelError(f"{est_path}: not a readable model file ({exc.__class__.__name__})") from None
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise ModelError(f"{est_path}: refuses to load untrusted types {', '.join(unknown)}")
    try:
        model = sio.load(est_path, trusted=TRUSTED_TYPES)
    except Exception as exc:
        raise ModelError(f"{est_path}: could not be loaded ({exc.__class__.__name__}: {exc})") from None
    return ModelBundle(model=model, metadata=metadata, path=path)
