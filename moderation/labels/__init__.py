"""Label schema, label files, and importers from labelling tools and public corpora."""

from .io import find_label_files, fingerprint, read_label_file, read_labels, write_labels
from .schema import DEFAULT_SCHEMA, LABEL_COLUMNS, REQUIRED_COLUMNS, LabelSchema

__all__ = [
    "DEFAULT_SCHEMA",
    "LABEL_COLUMNS",
    "REQUIRED_COLUMNS",
    "LabelSchema",
    "find_label_files",
    "fingerprint",
    "read_label_file",
    "read_labels",
    "write_labels",
]
