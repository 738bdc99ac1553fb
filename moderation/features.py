"""Text to features: word and character TF-IDF, shared by every task."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .fastfeatures import CharNgramTfidf, WordNgramTfidf

__all__ = ["TextFeatures", "stack_in_place"]


def _check_texts(raw_documents) -> list[str]:
    if isinstance(raw_documents, str):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    return ["" if t is None else str(t) for t in raw_documents]


def _grown(array: np.ndarray, size: int) -> np.ndarray:
    """``array`` enlarged to ``size`` entries, in place when it owns its memory (else one copy)."""
    if array.base is None and array.flags.owndata:
        array.resize(size, refcheck=False)
        return array
    return np.concatenate([array, np.zeros(size - len(array), dtype=array.dtype)])


def stack_in_place(left: sp.csr_matrix, right: sp.csr_matrix, block: int = 65_536) -> sp.csr_matrix:
    """``hstack([left, right])`` built inside ``right``'s grown arrays, without a second full copy.

    ``right``'s arrays are enlarged with ``ndarray.resize`` (for large arrays the C library
    grows them in place by remapping pages) and its rows are moved toward the end, last block
    first, with ``left``'s entries written in front of each row. Peak memory is the two inputs
    plus one block, instead of the inputs plus the whole result. ``right`` is consumed.
    """
    left, right = left.tocsr(), right.tocsr()
    if left.shape[0] != right.shape[0]:
        raise ValueError("both blocks need the same rows")
    n_rows, n_left = left.shape
    total = left.nnz + right.nnz
    index_type = np.int64 if max(total, n_left + right.shape[1]) >= 2**31 else np.int32
    data = _grown(right.data.astype(np.result_type(left.dtype, right.dtype), copy=False), total)
    indices = _grown(right.indices.astype(index_type, copy=False), total)
    indptr = (left.indptr.astype(np.int64) + right.indptr.astype(np.int64))
    for stop in range(n_rows, 0, -block):
        start = max(0, stop - block)
        # Source ranges of this block's right-hand entries, and their destinations after the
        # left-hand entries of their row; destinations never precede sources.
        r_from, r_to = int(right.indptr[start]), int(right.indptr[stop])
        counts = np.diff(right.indptr[start:stop + 1]).astype(np.int64)
        row = np.repeat(np.arange(start, stop), counts)
        offset = np.arange(r_from, r_to) - np.repeat(right.indptr[start:stop].astype(np.int64), counts)
        dest = indptr[row] + (left.indptr[row + 1] - left.indptr[row]) + offset
        moved_data, moved_indices = data[r_from:r_to].copy(), indices[r_from:r_to].copy()
        data[dest] = moved_data
        indices[dest] = moved_indices + n_left
        l_from, l_to = int(left.indptr[start]), int(left.indptr[stop])
        counts = np.diff(left.indptr[start:stop + 1]).astype(np.int64)
        row = np.repeat(np.arange(start, stop), counts)
        dest = indptr[row] + np.arange(l_from, l_to) - np.repeat(left.indptr[start:stop].astype(np.int64), counts)
        data[dest] = left.data[l_from:l_to]
        indices[dest] = left.indices[l_from:l_to]
    out = sp.csr_matrix((data, indices, indptr.astype(index_type)), shape=(n_rows, n_left + right.shape[1]),
                        copy=False)
    return out


class TextFeatures(TransformerMixin, BaseEstimator):
    """Word n-gram and character n-gram TF-IDF, stacked side by side.

    Parameters
    ----------
    word_ngram_range : tuple of int
        Smallest and largest word n-gram.
    char_ngram_range : tuple of int or None
        Smallest and largest character n-gram (within word boundaries); ``None`` turns
        character features off, which is several times faster.
    min_df : int or float
        Ignore n-grams seen in fewer documents than this.
    max_features : int or None
        Keep at most this many n-grams per vectorizer, the most frequent.
    sublinear_tf : bool
        Use ``1 + log(tf)``; long comments then don't drown short ones.
    char_scope : {"word", "document"}
        How character n-grams are counted (see :class:`~moderation.fastfeatures.CharNgramTfidf`):
        ``"word"`` scores several times faster for about 0.2-0.3 points of accuracy;
        ``"document"`` is scikit-learn's ``char_wb`` TF-IDF exactly.

    Attributes
    ----------
    word_ : WordNgramTfidf
    char_ : CharNgramTfidf or None
    n_features_out_ : int

    Examples
    --------
    >>> features = TextFeatures(min_df=1).fit(["you are kind", "you are rude"])
    >>> features.transform(["kind words"]).shape[0]
    1
    >>> features.feature_names_out()[:2].tolist()
    ['w:are', 'w:are kind']
    """

    def __init__(self, word_ngram_range=(1, 2), char_ngram_range=(2, 5), min_df=2, max_features=None,
                 sublinear_tf=True, char_scope="word"):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.char_scope = char_scope

    char_scope = "document"  # what stages saved before the parameter existed computed

    def _vectorizers(self, n_docs: int):
        # A min_df above the corpus size would leave no vocabulary; small label sets must still train.
        min_df = self.min_df if (isinstance(self.min_df, float) or self.min_df <= max(1, n_docs // 2)) else 1
        # Same matrices as scikit-learn's TfidfVectorizer (word, and char_wb), computed several times
        # faster: n-grams are looked up once per distinct word (see moderation.fastfeatures).
        word = WordNgramTfidf(ngram_range=tuple(self.word_ngram_range), min_df=min_df, lowercase=True,
                              sublinear_tf=self.sublinear_tf, max_features=self.max_features,
                              token_pattern=r"(?u)\b\w+\b|[!?]", dtype=np.float32)
        char = None
        if self.char_ngram_range:
            char = CharNgramTfidf(ngram_range=tuple(self.char_ngram_range), min_df=min_df, lowercase=True,
                                  sublinear_tf=self.sublinear_tf, max_features=self.max_features, dtype=np.float32,
                                  scope=self.char_scope)
        return word, char

    def fit(self, X, y=None):
        """Learn the vocabularies and idf weights from raw texts."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the feature matrix in one pass over the texts."""
        texts = _check_texts(X)
        if not texts:
            raise ValueError("cannot fit text features on zero documents")
        self.word_, self.char_ = self._vectorizers(len(texts))
        word = self.word_.fit_transform(texts)
        matrix = word if self.char_ is None else stack_in_place(word, self.char_.fit_transform(texts))
        self.n_features_out_ = matrix.shape[1]
        return matrix

    def transform(self, X):
        """Return the sparse TF-IDF matrix for raw texts."""
        check_is_fitted(self, "word_")
        texts = _check_texts(X)
        parts = [self.word_.transform(texts)]
        if self.char_ is not None:
            parts.append(self.char_.transform(texts))
        return sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0].tocsr()

    def feature_names_out(self) -> np.ndarray:
        """Names of the columns: ``w:`` word n-grams, then ``c:`` character n-grams."""
        check_is_fitted(self, "word_")
        names = ["w:" + n for n in self.word_.get_feature_names_out()]
        if self.char_ is not None:
            names += ["c:" + n for n in self.char_.get_feature_names_out()]
        return np.asarray(names, dtype=object)

    def get_feature_names_out(self, input_features=None):
        """Alias of :meth:`feature_names_out` for scikit-learn's API."""
        return self.feature_names_out()
