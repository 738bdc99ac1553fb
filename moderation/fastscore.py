"""Scores of linear heads computed straight from texts, without building the feature matrix.

Every head of a :class:`~moderation.model.CommentModel` is linear in the features, so a
batch's decision values are ``X @ W.T + b`` for one weight matrix ``W`` holding every head's
rows. :class:`LinearScorer` computes them with the features' own pieces:

* the texts are split on whitespace once, and both feature blocks work from those words;
* the word block is built as a sparse matrix (n-grams cross words) and multiplied by its
  weights;
* the character block, when its vectorizer uses ``scope="word"``, never exists as a matrix:
  each distinct word's idf-weighted n-gram vector is reduced once to its scores and its
  squared length, kept in a bounded cache, and a document's scores are a weighted sum over its
  words (see :class:`~moderation.fastfeatures.CharNgramTfidf`). With ``scope="document"``
  the block is built and multiplied like the word block.

The result equals ``features.transform(texts) @ W.T + b`` up to float rounding (tested).
"""

from __future__ import annotations

import itertools
import threading

import numpy as np
import scipy.sparse as sp

from .fastfeatures import _CACHE_LIMIT, CharNgramTfidf, WordNgramTfidf, count_pairs

__all__ = ["LinearScorer", "proba_from_decision", "stacked_heads"]


class LinearScorer:
    """Decision values ``features(texts) @ coef.T + intercept`` for several linear heads at once.

    Every distinct word met is given a row in a bounded table holding its tokens (for the word
    n-grams) and, with ``scope="word"`` character features, its character-block scores and
    squared length; a batch is then one pass of dictionary lookups over its words followed by
    array operations.

    Parameters
    ----------
    features : TextFeatures
        Fitted, with :class:`~moderation.fastfeatures.WordNgramTfidf` and optionally
        :class:`~moderation.fastfeatures.CharNgramTfidf` blocks that lowercase alike.
    coef : ndarray of shape (n_outputs, n_features)
        One row per output (every head's rows stacked).
    intercept : ndarray of shape (n_outputs,)

    Examples
    --------
    >>> from moderation.features import TextFeatures
    >>> features = TextFeatures(min_df=1).fit(["you are kind", "you are rude"])
    >>> coef = np.ones((1, features.n_features_out_))
    >>> scorer = LinearScorer(features, coef, np.zeros(1))
    >>> bool(np.allclose(scorer.decision(["kind words"]), features.transform(["kind words"]) @ coef.T))
    True
    """

    def __init__(self, features, coef: np.ndarray, intercept: np.ndarray):
        if not self.supports(features):
            raise ValueError("LinearScorer needs TextFeatures with fast word and character vectorizers")
        self.word = features.word_
        self.char = features.char_
        n_word = len(self.word.vocabulary_)
        coef = np.asarray(coef, dtype=np.float64)
        self.word_weights = np.ascontiguousarray(coef[:, :n_word].T)
        self.char_weights = None if self.char is None else np.ascontiguousarray(coef[:, n_word:].T)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self._weights_for: dict = {}
        # The word table grows while a batch is scored; threads sharing one model (a Dask worker
        # runs several) take turns, so that no batch reads a table another is resetting.
        self._lock = threading.Lock()
        self._reset_words()

    @staticmethod
    def supports(features) -> bool:
        """Whether :class:`LinearScorer` can score this fitted feature stage."""
        word, char = getattr(features, "word_", None), getattr(features, "char_", None)
        if not isinstance(word, WordNgramTfidf):
            return False
        return char is None or (isinstance(char, CharNgramTfidf) and char.lowercase == word.lowercase)

    @property
    def n_outputs(self) -> int:
        return len(self.intercept)

    # -- the word table -------------------------------------------------------------------------

    def _reset_words(self) -> None:
        self._row_of: dict[str, int] = {}
        self._words: list[str] = []
        self._token_flat = np.zeros(0, dtype=np.int64)
        self._token_start = np.zeros(0, dtype=np.int64)
        self._token_count = np.zeros(0, dtype=np.int64)
        self._tokens_used = 0
        width = self.n_outputs if self._char_by_word else 0
        self._char_scores = np.zeros((0, width))
        self._char_squares = np.zeros(0)

    @property
    def _char_by_word(self) -> bool:
        return self.char is not None and self.char.scope == "word"

    def _add_words(self, words: list[str]) -> None:
        """Give each new word a row: its token ids and, for ``scope="word"``, its character scores."""
        token_ids = self.word.lookup()[0]
        findall = self.word._pattern().findall
        found = list(map(findall, words))
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        tokens = np.fromiter(map(token_ids.__getitem__, itertools.chain.from_iterable(found)), dtype=np.int64,
                             count=int(counts.sum()))
        used, n_tokens = len(self._words), self._tokens_used
        starts = n_tokens + np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._token_flat = _append(self._token_flat, n_tokens, tokens)
        self._tokens_used = n_tokens + len(tokens)
        self._token_start = _append(self._token_start, used, starts)
        self._token_count = _append(self._token_count, used, counts)
        if self._char_by_word:
            vectors = self.char.weighted_words(self.char.new_word_counts(words))
            self._char_scores = _append(self._char_scores, used, np.asarray(vectors @ self.char_weights))
            squares = np.asarray(vectors.multiply(vectors).sum(axis=1), dtype=np.float64).ravel()
            self._char_squares = _append(self._char_squares, used, squares)
        self._row_of.update(zip(words, range(used, used + len(words))))
        self._words.extend(words)

    def _split(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each text's words as word-table rows (all texts in turn) and the CSR row pointer."""
        if len(self._words) > _CACHE_LIMIT:
            self._reset_words()
        lower = self.word.lowercase
        words: list[str] = []
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        extend = words.extend
        for i, text in enumerate(texts):
            found = (text.lower() if lower else text).split()
            extend(found)
            indptr[i + 1] = len(found)
        np.cumsum(indptr, out=indptr)
        rows = np.fromiter(map(self._row_of.get, words, itertools.repeat(-1)), dtype=np.int64, count=len(words))
        missing = np.flatnonzero(rows < 0)
        if len(missing):
            unknown = [words[i] for i in missing.tolist()]
            self._add_words(list(dict.fromkeys(unknown)))
            rows[missing] = np.fromiter(map(self._row_of.__getitem__, unknown), dtype=np.int64, count=len(unknown))
        return rows, indptr

    # -- scores -----------------------------------------------------------------------------------

    def _weights(self, columns) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """Word weights, per-word character scores' columns and intercept for the chosen outputs."""
        if columns is None:
            return self.word_weights, None, self.intercept
        key = tuple(columns)
        if key not in self._weights_for:
            if len(self._weights_for) > 16:
                self._weights_for.clear()
            char = None if self.char_weights is None else np.ascontiguousarray(self.char_weights[:, key])
            self._weights_for[key] = (np.ascontiguousarray(self.word_weights[:, key]), char)
        word, char = self._weights_for[key]
        return word, char, self.intercept[list(key)]

    def decision(self, texts: list[str], columns=None) -> np.ndarray:
        """Decision values, shape ``(len(texts), n_outputs)``.

        Parameters
        ----------
        texts : list of str
        columns : sequence of int, optional
            Compute only these outputs (the others are left at zero): a batch needs its tasks'
            and its targets' heads only.
        """
        with self._lock:
            return self._decision(list(texts), columns)

    def _decision(self, texts: list[str], columns) -> np.ndarray:
        rows, indptr = self._split(texts)
        n_docs = len(texts)
        word_weights, char_weights, intercept = self._weights(columns)
        chosen = np.asarray(self._weights_for_index(columns))
        scores = self._word_block(rows, indptr, word_weights)
        if self.char is not None:
            if self._char_by_word:
                scores += self._char_word_scope(rows, indptr, chosen)
            else:
                scores += self._char_document_scope(rows, indptr, self.char_weights[:, chosen])
        scores += intercept
        out = np.zeros((n_docs, self.n_outputs))
        out[:, chosen] = scores
        return out

    def _weights_for_index(self, columns) -> list[int]:
        return list(range(self.n_outputs)) if columns is None else list(columns)

    def _word_block(self, rows: np.ndarray, indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Word n-gram TF-IDF (sublinear tf, idf, l2 norm) times the weights."""
        counts = self._token_count[rows]
        total = int(counts.sum())
        before = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(counts[:-1], out=before[1:])
        tokens = self._token_flat[np.repeat(self._token_start[rows] - before, counts) + np.arange(total)]
        n_docs = len(indptr) - 1
        token_rows = np.repeat(np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(indptr)), counts)
        out = np.zeros((n_docs, weights.shape[1]))
        squares = np.zeros(n_docs)
        idf = self.word.idf_
        sublinear = self.word.sublinear_tf
        n_cols = len(idf)
        for level_rows, level_cols in zip(*self.word.ngram_entries(tokens, token_rows)):
            if not len(level_rows):
                continue
            doc, col, tf = count_pairs(level_rows, level_cols, n_cols)
            tf = tf.astype(np.float64)
            value = (np.log(tf) + 1.0 if sublinear else tf) * idf[col]
            squares += np.bincount(doc, weights=value * value, minlength=n_docs)
            ptr = np.zeros(n_docs + 1, dtype=np.int64)
            np.cumsum(np.bincount(doc, minlength=n_docs), out=ptr[1:])
            out += sp.csr_matrix((value, col, ptr), shape=(n_docs, n_cols)) @ weights
        lengths = np.sqrt(squares)
        lengths[lengths == 0] = 1.0
        return out / lengths[:, None]

    def _document_words(self, rows: np.ndarray, indptr: np.ndarray) -> sp.csr_matrix:
        """Documents x word-table rows, each entry the word's count (``1 + log`` with sublinear tf)."""
        n_docs = len(indptr) - 1
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(indptr))
        n_words = max(len(self._words), 1)
        doc, word, tf = count_pairs(doc, rows, n_words)
        tf = tf.astype(np.float64)
        if self.char.sublinear_tf:
            tf = np.log(tf) + 1.0
        ptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc, minlength=n_docs), out=ptr[1:])
        return sp.csr_matrix((tf, word, ptr), shape=(n_docs, n_words))

    def _char_word_scope(self, rows: np.ndarray, indptr: np.ndarray, chosen: np.ndarray) -> np.ndarray:
        """Character block, ``scope="word"``: the words' cached scores summed and scaled per document."""
        documents = self._document_words(rows, indptr)
        used = len(self._words)
        table = self._char_scores[:used] if len(chosen) == self.n_outputs else self._char_scores[:used, chosen]
        scores = np.asarray(documents @ table)
        lengths = np.sqrt(documents.multiply(documents) @ self._char_squares[:used])
        lengths[lengths == 0] = 1.0
        return scores / lengths[:, None]

    def _char_document_scope(self, rows: np.ndarray, indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Character block, ``scope="document"``: built as a matrix from the batch's words."""
        unique, ids = np.unique(rows, return_inverse=True)
        words = [self._words[i] for i in unique.tolist()]
        block = self.char._from_words(self.char.word_counts(words), ids.astype(np.int64), indptr)
        return np.asarray(block @ weights)


def _append(array: np.ndarray, used: int, rows: np.ndarray) -> np.ndarray:
    """``array[:used]`` followed by ``rows``, growing the storage by doubling (returns the storage)."""
    needed = used + len(rows)
    if needed > len(array):
        grown = np.zeros((max(needed, 2 * len(array), 1024),) + array.shape[1:], dtype=array.dtype)
        grown[:used] = array[:used]
        array = grown
    array[used:needed] = rows
    return array


def stacked_heads(heads: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    """Every linear head's rows in one matrix.

    Parameters
    ----------
    heads : dict
        ``(task, key) -> LogisticRegression``.

    Returns
    -------
    coef, intercept, slices
        ``slices[(task, key)]`` is the head's column range in the decision values.
    """
    coefs, intercepts, slices, at = [], [], {}, 0
    for name, head in heads.items():
        coef = head.coef_.toarray() if sp.issparse(head.coef_) else np.asarray(head.coef_)
        coefs.append(coef)
        intercepts.append(np.broadcast_to(np.asarray(head.intercept_, dtype=np.float64), (coef.shape[0],)))
        slices[name] = slice(at, at + coef.shape[0])
        at += coef.shape[0]
    return np.vstack(coefs), np.concatenate(intercepts), slices


def proba_from_decision(head, decision: np.ndarray) -> np.ndarray:
    """``head.predict_proba`` from its decision values, as scikit-learn's LogisticRegression computes it."""
    from scipy.special import expit, softmax

    if len(head.classes_) <= 2:
        p = expit(decision[:, 0])
        return np.stack([1.0 - p, p], axis=1)
    return softmax(decision, axis=1)
