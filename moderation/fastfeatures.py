"""Fast word and character n-gram TF-IDF, equal to scikit-learn's ``TfidfVectorizer``."""

from __future__ import annotations

import itertools
import re
from array import array
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["CharNgramTfidf", "WordNgramTfidf"]

#: Distinct words whose column indices are kept between calls; the cache is emptied past this.
_CACHE_LIMIT = 300_000

#: Documents counted per block while fitting, to bound the memory of the count matrix.
_FIT_BLOCK = 20_000


def _check_documents(raw_documents) -> list[str]:
    """Return the documents as a list of str, refusing a bare string like scikit-learn."""
    if isinstance(raw_documents, str):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    docs = []
    for doc in raw_documents:
        if isinstance(doc, bytes):
            doc = doc.decode("utf-8")
        elif doc is np.nan:
            raise ValueError("np.nan is an invalid document, expected byte or unicode string.")
        docs.append(doc)
    return docs


def _padded_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The n-grams of one whitespace-free word padded with a space on each side.

    A padded word no longer than ``n`` yields itself once, and no longer n-grams are tried.
    """
    padded = f" {word} "
    size = len(padded)
    grams = []
    for n in range(min_n, max_n + 1):
        if size <= n:
            grams.append(padded)
            break
        grams += [padded[i:i + n] for i in range(size - n + 1)]
    return grams


class _NewIds(dict):
    """Token -> id, a new token getting the next id: ids are assigned in first-seen order."""

    def __missing__(self, key):
        value = self[key] = len(self)
        return value


def _ids_of(docs: list[str], split, lowercase: bool):
    """Distinct tokens in first-seen order, the id of every token in document order, and a row pointer.

    Token strings are turned into ids document by document, so only the distinct ones are kept:
    a million comments hold some fifty million tokens, and as strings they would take gigabytes.
    """
    index = _NewIds()
    ids = array("q")
    indptr = np.zeros(len(docs) + 1, dtype=np.int64)
    extend, lookup = ids.extend, index.__getitem__
    for i, doc in enumerate(docs):
        found = split(doc.lower() if lowercase else doc)
        extend(map(lookup, found))
        indptr[i + 1] = len(found)
    np.cumsum(indptr, out=indptr)
    return list(index), np.frombuffer(ids, dtype=np.int64) if len(ids) else np.zeros(0, dtype=np.int64), indptr


def _split_documents(docs: list[str], lowercase: bool):
    """Words of every document: distinct words in first-seen order, word ids per token, row pointer."""
    return _ids_of(docs, str.split, lowercase)


def _per_word(owner, name: str, words: list[str], compute) -> list:
    """Each word's value from the bounded cache ``owner.<name>``, computing the missing ones at once.

    ``compute(list of new words)`` returns their values in order; the cache is emptied once it
    holds more than ``_CACHE_LIMIT`` words.
    """
    cache = getattr(owner, name, None)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = {}
        setattr(owner, name, cache)
    values = list(map(cache.get, words))
    new = [i for i, value in enumerate(values) if value is None]
    if new:
        for i, value in zip(new, compute([words[i] for i in new])):
            values[i] = cache[words[i]] = value
    return values


def _codepoints(text: str) -> np.ndarray:
    """The code points of ``text`` as int64 (one per character)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _document_word_matrix(ids: np.ndarray, indptr: np.ndarray, n_words: int, dtype) -> sp.csr_matrix:
    """Documents x distinct words, one entry per token (repeats are summed by products)."""
    data = np.ones(len(ids), dtype=dtype)
    return sp.csr_matrix((data, ids, indptr), shape=(len(indptr) - 1, n_words))


def _count_matrix(ids: np.ndarray, indptr: np.ndarray, word_matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Documents x n-grams counts, CSR with sorted indices.

    Computed transposed, n-grams x documents, so that turning it back into CSR leaves every
    row's columns in order: one linear pass instead of sorting each row.
    """
    documents = _document_word_matrix(ids, indptr, word_matrix.shape[0], word_matrix.dtype)
    counts = (word_matrix.T.tocsr() @ documents.T.tocsr()).T.tocsr()
    counts.has_sorted_indices = True
    return counts


def _l2_normalize(matrix: sp.csr_matrix) -> None:
    """Scale every non-empty row to unit Euclidean length, in place (scikit-learn's own kernel)."""
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    inplace_csr_row_normalize_l2(matrix)


def _sorted_csr(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """The same matrix in canonical CSR (sorted columns, duplicates summed) by two linear transpositions."""
    out = matrix.T.tocsr().T.tocsr()
    out.has_sorted_indices = True
    out.sum_duplicates()
    return out


def _within_df(df: np.ndarray, n_docs: int, estimator) -> np.ndarray:
    """Mask of the n-grams whose document frequency is within ``min_df`` and ``max_df``."""
    high = estimator.max_df if isinstance(estimator.max_df, Integral) else estimator.max_df * n_docs
    low = estimator.min_df if isinstance(estimator.min_df, Integral) else estimator.min_df * n_docs
    return (df <= high) & (df >= low)


def _prune(names: np.ndarray, df: np.ndarray, tf, n_docs: int, estimator):
    """Sort n-grams by name and keep those allowed by ``min_df``, ``max_df`` and ``max_features``.

    Returns the order that sorts ``names`` and the mask (in sorted order) of the kept n-grams.
    """
    order = np.argsort(names, kind="stable")
    df = df[order]
    high = estimator.max_df if isinstance(estimator.max_df, Integral) else estimator.max_df * n_docs
    low = estimator.min_df if isinstance(estimator.min_df, Integral) else estimator.min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    keep = (df <= high) & (df >= low)
    if estimator.max_features is not None and keep.sum() > estimator.max_features:
        totals = tf[order].astype(np.dtype(estimator.dtype))
        best = (-totals[keep]).argsort()[:estimator.max_features]
        limited = np.zeros(len(keep), dtype=bool)
        limited[np.flatnonzero(keep)[best]] = True
        keep = limited
    if not keep.any():
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return order, keep


def _smooth_idf(df: np.ndarray, n_docs: int, dtype) -> np.ndarray:
    """``log((1 + n) / (1 + df)) + 1`` in ``dtype``, step by step as scikit-learn computes it."""
    df = df.astype(dtype)
    df += 1.0
    idf = np.full_like(df, fill_value=n_docs + 1, dtype=dtype)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def _validate_common(estimator) -> tuple[int, int]:
    """Check the parameters both vectorizers share; return ``ngram_range`` as ints."""
    try:
        min_n, max_n = (int(n) for n in estimator.ngram_range)
    except (TypeError, ValueError):
        raise ValueError(f"ngram_range must be a pair of integers, got {estimator.ngram_range!r}") from None
    if not 1 <= min_n <= max_n:
        raise ValueError(f"ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, got {estimator.ngram_range!r}")
    for name in ("min_df", "max_df"):
        value = getattr(estimator, name)
        ok = (isinstance(value, Integral) and value >= 0) or (isinstance(value, Real) and 0.0 <= value <= 1.0)
        if isinstance(value, bool) or not ok:
            raise ValueError(f"{name} must be an int >= 0 or a float in [0, 1], got {value!r}")
    if estimator.max_features is not None and (not isinstance(estimator.max_features, Integral)
                                               or estimator.max_features < 1):
        raise ValueError(f"max_features must be a positive int or None, got {estimator.max_features!r}")
    if np.dtype(estimator.dtype) not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(f"dtype must be np.float32 or np.float64, got {estimator.dtype!r}")
    return min_n, max_n


def _weight(estimator, counts: sp.csr_matrix) -> sp.csr_matrix:
    """Counts (canonical CSR) -> sublinear tf, times idf, l2-normalised rows, in place."""
    if counts.indptr.dtype != np.int32 and counts.nnz <= np.iinfo(np.int32).max:
        counts.indptr = counts.indptr.astype(np.int32)
        counts.indices = counts.indices.astype(np.int32)
    data = counts.data
    if estimator.sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    data *= estimator.idf_[counts.indices]
    _l2_normalize(counts)
    return counts


def _feature_names(vocabulary: dict) -> np.ndarray:
    names = np.empty(len(vocabulary), dtype=object)
    for name, column in vocabulary.items():
        names[column] = name
    return names


def _check_convertible(vectorizer, analyzer: str) -> None:
    check_is_fitted(vectorizer, "vocabulary_")
    wanted = {
        "analyzer": (analyzer, vectorizer.analyzer), "norm": ("l2", vectorizer.norm),
        "use_idf": (True, vectorizer.use_idf), "smooth_idf": (True, vectorizer.smooth_idf),
        "preprocessor": (None, vectorizer.preprocessor), "strip_accents": (None, vectorizer.strip_accents),
        "input": ("content", vectorizer.input), "tokenizer": (None, vectorizer.tokenizer),
        "stop_words": (None, vectorizer.stop_words),
    }
    wrong = [f"{name}={got!r} (need {want!r})" for name, (want, got) in wanted.items() if got != want]
    if wrong:
        raise ValueError(f"cannot convert this TfidfVectorizer: {', '.join(wrong)}")


class _CompactState:
    """What the two vectorizers share: fitting, feature names and compact persistence.

    Persistence drops derived caches and saves the vocabulary as one string: the n-grams, in
    column order and joined by newlines (no n-gram holds one), load about fifty times faster
    from a skops file than a dict of a million entries; the dict is rebuilt on load.
    """

    def fit(self, raw_documents, y=None):
        """Learn the n-gram vocabulary and idf weights.

        Parameters
        ----------
        raw_documents : iterable of str
        y : None
            Ignored.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If no document holds any n-gram, every n-gram is pruned by ``min_df``/``max_df``, or
            a word token holds a space.
        """
        self._fit(_check_documents(raw_documents))
        return self

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The n-gram of each column."""
        check_is_fitted(self, "vocabulary_")
        return _feature_names(self.vocabulary_)

    _derived: tuple = ()

    def __getstate__(self):
        state = dict(super().__getstate__())  # may be the live __dict__ itself
        for name in self._derived:
            state.pop(name, None)
        vocabulary = state.get("vocabulary_")
        if isinstance(vocabulary, dict) and vocabulary:
            names = _feature_names(vocabulary).tolist()
            if not any("\n" in name for name in names):
                state["_vocabulary_lines"] = "\n".join(names)
                del state["vocabulary_"]
        return state

    def __setstate__(self, state):
        state = dict(state)
        for name in self._derived:
            state.pop(name, None)
        lines = state.pop("_vocabulary_lines", None)
        if lines is not None:
            names = lines.split("\n")
            state["vocabulary_"] = dict(zip(names, range(len(names))))
        super().__setstate__(state)


class CharNgramTfidf(_CompactState, TransformerMixin, BaseEstimator):
    """Character n-grams within word boundaries, TF-IDF weighted: a fast ``char_wb`` vectorizer.

    Produces the same matrix as ``TfidfVectorizer(analyzer="char_wb", ...)`` with the same
    parameters (smooth idf, l2 norm), several times faster: ``char_wb`` n-grams depend only on
    each whitespace-separated word, so the columns of every distinct word are computed once and
    kept in a bounded cache; a batch is then one sparse product of a document x word matrix by
    a word x n-gram matrix.

    Parameters
    ----------
    ngram_range : tuple of int
        Smallest and largest n-gram length.
    min_df : int or float
        Ignore n-grams in fewer documents than this (a float is a share of the documents).
    max_df : int or float
        Ignore n-grams in more documents than this (a float is a share of the documents).
    max_features : int or None
        Keep at most this many n-grams, the most frequent over the corpus.
    sublinear_tf : bool
        Use ``1 + log(tf)`` instead of ``tf``.
    lowercase : bool
        Lowercase the texts first.
    dtype : type
        ``np.float32`` or ``np.float64``.
    scope : {"document", "word"}
        ``"document"``: each n-gram's count over the whole document, as scikit-learn computes
        it. ``"word"``: each distinct word adds its own idf-weighted n-gram vector, weighted by
        the word's count (``1 + log`` with ``sublinear_tf``), and the row is divided by
        ``sqrt(sum of weight**2 * |word vector|**2)``, its length if no two words shared an
        n-gram. A linear model's score then needs one number per distinct word, so scoring
        takes time in proportion to the words instead of the n-grams (several times faster,
        see :mod:`moderation.fastscore`), for about 0.2-0.3 points of accuracy (measured in the
        README).

    Attributes
    ----------
    vocabulary_ : dict of str to int
        N-gram -> column, columns in sorted n-gram order.
    idf_ : ndarray of shape (n_features,)
        Inverse document frequency of each column.

    Examples
    --------
    >>> vec = CharNgramTfidf(ngram_range=(2, 3)).fit(["to be", "or not"])
    >>> vec.transform(["to be or not"]).shape
    (1, 22)
    >>> vec.get_feature_names_out()[:3].tolist()
    [' b', ' be', ' n']
    """

    def __init__(self, ngram_range=(2, 5), min_df=1, max_df=1.0, max_features=None, sublinear_tf=True,
                 lowercase=True, dtype=np.float32, scope="document"):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.lowercase = lowercase
        self.dtype = dtype
        self.scope = scope

    _derived = ("_word_cache", "_code_lookup")  # derived data, never saved
    scope = "document"  # what transformers saved before the parameter existed computed

    @classmethod
    def from_tfidf_vectorizer(cls, vectorizer) -> CharNgramTfidf:
        """An equal fitted transformer from a fitted ``TfidfVectorizer(analyzer="char_wb")``.

        Parameters
        ----------
        vectorizer : TfidfVectorizer
            Fitted, with ``analyzer="char_wb"``, default preprocessing, ``norm="l2"``,
            ``use_idf=True`` and ``smooth_idf=True``.

        Returns
        -------
        CharNgramTfidf
            Whose :meth:`transform` equals ``vectorizer.transform``.

        Raises
        ------
        ValueError
            If the vectorizer is configured in a way this class does not reproduce.
        """
        _check_convertible(vectorizer, "char_wb")
        new = cls(ngram_range=tuple(vectorizer.ngram_range), min_df=vectorizer.min_df, max_df=vectorizer.max_df,
                  max_features=vectorizer.max_features, sublinear_tf=vectorizer.sublinear_tf,
                  lowercase=vectorizer.lowercase, dtype=vectorizer.dtype)
        new.vocabulary_ = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        new.idf_ = np.asarray(vectorizer.idf_).copy()
        return new

    # -- fitting ------------------------------------------------------------------------------

    def fit_transform(self, raw_documents, y=None):
        """Fit, then return the TF-IDF matrix of the same documents.

        Returns
        -------
        sparse matrix of shape (n_documents, n_features)
        """
        return self.fit_blocks(raw_documents)(0, len(raw_documents))

    def fit_blocks(self, raw_documents):
        """Fit, then return ``block(start, stop)`` giving the TF-IDF rows of those documents."""
        docs = _check_documents(raw_documents)
        return self.row_blocks(*self._fit(docs))

    def _from_words(self, word_matrix: sp.csr_matrix, ids: np.ndarray, indptr: np.ndarray) -> sp.csr_matrix:
        """The TF-IDF matrix from the words' n-gram counts and each document's word ids."""
        return self.row_blocks(word_matrix, ids, indptr)(0, len(indptr) - 1)

    def row_blocks(self, word_matrix: sp.csr_matrix, ids: np.ndarray, indptr: np.ndarray):
        """A function ``block(start, stop)`` giving the TF-IDF rows of documents ``start:stop``.

        Large corpora are built a block of rows at a time (see
        :func:`moderation.features.TextFeatures.fit_transform`), so that no temporary array the
        size of the whole matrix is ever made.
        """
        if self.scope == "document":
            def block(start: int, stop: int) -> sp.csr_matrix:
                part = indptr[start:stop + 1]
                return _weight(self, _count_matrix(ids[part[0]:part[-1]], part - part[0], word_matrix))
            return block
        vectors = self.weighted_words(word_matrix)
        squares = np.asarray(vectors.multiply(vectors).sum(axis=1), dtype=np.float64).ravel()

        def block(start: int, stop: int) -> sp.csr_matrix:
            part = indptr[start:stop + 1]
            documents = self.document_words(ids[part[0]:part[-1]], part - part[0], word_matrix.shape[0])
            out = (documents @ vectors).tocsr()
            lengths = np.sqrt(documents.multiply(documents) @ squares)
            lengths[lengths == 0] = 1.0
            out.data /= np.repeat(lengths, np.diff(out.indptr)).astype(out.dtype)
            out.sort_indices()
            return out
        return block

    def weighted_words(self, word_matrix: sp.csr_matrix) -> sp.csr_matrix:
        """Words x n-grams counts -> the idf-weighted vector of each word (a new matrix)."""
        vectors = word_matrix.astype(np.dtype(self.dtype), copy=True)
        vectors.sum_duplicates()
        vectors.data *= self.idf_[vectors.indices]
        return vectors

    def document_words(self, ids: np.ndarray, indptr: np.ndarray, n_words: int) -> sp.csr_matrix:
        """Documents x distinct words, each entry the word's count (``1 + log`` with ``sublinear_tf``)."""
        documents = _document_word_matrix(ids, indptr, n_words, np.dtype(self.dtype))
        documents.sum_duplicates()
        if self.sublinear_tf:
            np.log(documents.data, out=documents.data)
            documents.data += 1.0
        return documents

    def _fit(self, docs: list[str]):
        if self.scope not in ("document", "word"):
            raise ValueError(f"scope must be 'document' or 'word', got {self.scope!r}")
        min_n, max_n = _validate_common(self)
        dtype = np.dtype(self.dtype)
        self._word_cache = {}
        distinct, ids, indptr = _split_documents(docs, self.lowercase)
        # Every n-gram of every distinct word gets a provisional column in first-seen order.
        provisional: dict[str, int] = {}
        setdefault = provisional.setdefault
        cols: list[int] = []
        word_ptr = np.zeros(len(distinct) + 1, dtype=np.int64)
        for i, word in enumerate(distinct):
            grams = _padded_ngrams(word, min_n, max_n)
            cols.extend(setdefault(g, len(provisional)) for g in grams)
            word_ptr[i + 1] = len(grams)
        if not provisional:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        np.cumsum(word_ptr, out=word_ptr)
        word_matrix = sp.csr_matrix((np.ones(len(cols), dtype=dtype), np.asarray(cols, dtype=np.int32), word_ptr),
                                    shape=(len(distinct), len(provisional)))
        word_matrix.sum_duplicates()
        # Document frequency (and total count) per column, counted a block of documents at a time.
        n_docs = len(docs)
        df = np.zeros(len(provisional), dtype=np.int64)
        tf = np.zeros(len(provisional), dtype=np.float64) if self.max_features is not None else None
        for start in range(0, n_docs, _FIT_BLOCK):
            stop = min(start + _FIT_BLOCK, n_docs)
            block_ptr = indptr[start:stop + 1] - indptr[start]
            block = _document_word_matrix(ids[indptr[start]:indptr[stop]], block_ptr, len(distinct), dtype)
            counts = block @ word_matrix
            df += np.bincount(counts.indices, minlength=len(provisional))
            if tf is not None:
                tf += np.bincount(counts.indices, weights=counts.data, minlength=len(provisional))
        # Columns in sorted n-gram order, then pruned by document frequency and count.
        order, keep = _prune(np.asarray(list(provisional), dtype=object), df, tf, n_docs, self)
        names = np.asarray(list(provisional), dtype=object)[order]
        self.vocabulary_ = dict(zip(names[keep].tolist(), range(int(keep.sum()))))
        self.idf_ = _smooth_idf(df[order][keep], n_docs, dtype)
        # The word x final-column matrix, for fit_transform.
        new_column = np.full(len(provisional), -1, dtype=np.int64)
        new_column[order[keep]] = np.arange(int(keep.sum()))
        return word_matrix[:, np.argsort(new_column)[len(provisional) - int(keep.sum()):]], ids, indptr

    # -- transforming -------------------------------------------------------------------------

    def _columns_of_new_words(self, words: list[str], min_n: int, max_n: int) -> list[np.ndarray]:
        """The vocabulary columns of each word's n-grams (repeats kept), all words in one pass."""
        columns, word_ptr = self._flat_columns(words, min_n, max_n)
        return np.split(columns, word_ptr[1:-1])

    def _code_tables(self):
        """Integer codes of the vocabulary's n-grams, per length (derived, never saved), or None.

        Every character of the vocabulary gets a small id; an n-gram's code is its ids packed
        ``bits`` apart. None when the ids would not fit five to an int64 (over 4,095 characters).
        """
        cached = getattr(self, "_code_lookup", None)
        if cached is not None:
            return cached or None
        import pandas as pd  # a pandas index is a C hash table

        names = list(self.vocabulary_)
        alphabet = sorted(set("".join(names)))
        bits = max(1, (len(alphabet) + 1).bit_length())
        if bits * int(self.ngram_range[1]) > 62 or (alphabet and ord(alphabet[-1]) > 0x10FFFF):
            self._code_lookup = ()
            return None
        char_id = np.full(0x110000, -1, dtype=np.int64)
        char_id[[ord(c) for c in alphabet]] = np.arange(1, len(alphabet) + 1)
        by_length: dict[int, tuple] = {}
        lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
        columns = np.fromiter(self.vocabulary_.values(), dtype=np.int64, count=len(names))
        for length in np.unique(lengths).tolist():
            picked = np.flatnonzero(lengths == length)
            points = _codepoints("".join(names[i] for i in picked.tolist()))
            ids = char_id[points].reshape(len(picked), length)
            codes = np.zeros(len(picked), dtype=np.int64)
            for k in range(length):
                codes = (codes << bits) | ids[:, k]
            by_length[length] = (pd.Index(codes), columns[picked])
        self._code_lookup = (char_id, bits, by_length)
        return self._code_lookup

    def _flat_columns(self, words: list[str], min_n: int, max_n: int) -> tuple[np.ndarray, np.ndarray]:
        """All words' n-gram columns (repeats kept, unknown n-grams left out) and a CSR row pointer."""
        tables = self._code_tables() if words else None
        if tables is not None:
            return self._flat_columns_by_code(words, min_n, max_n, tables)
        grams = [_padded_ngrams(word, min_n, max_n) for word in words]
        counts = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
        flat = itertools.chain.from_iterable(grams)
        columns = np.fromiter(map(self.vocabulary_.get, flat, itertools.repeat(-1)), dtype=np.int64,
                              count=int(counts.sum()))
        known = columns >= 0
        owner = np.repeat(np.arange(len(words)), counts)[known]
        word_ptr = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner, minlength=len(words)), out=word_ptr[1:])
        return columns[known].astype(np.int32), word_ptr

    @staticmethod
    def _flat_columns_by_code(words: list[str], min_n: int, max_n: int, tables) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_flat_columns` with array operations: every window of every padded word at once.

        A padded word of length ``L`` gives its windows of each length ``n`` from ``min_n`` to
        ``min(max_n, L)``, or itself once if ``L < min_n``: the n-grams of ``char_wb``.
        """
        char_id, bits, by_length = tables
        padded = [f" {w} " for w in words]
        sizes = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
        ids = char_id[_codepoints("".join(padded))]
        starts = np.zeros(len(padded), dtype=np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        owner = np.repeat(np.arange(len(padded), dtype=np.int64), sizes)
        room = np.repeat(starts + sizes, sizes) - np.arange(len(ids))  # characters left in the word from here
        owners, columns = [], []
        codes = np.zeros(len(ids), dtype=np.int64)
        valid = np.ones(len(ids), dtype=bool)
        for n in range(1, max_n + 1):
            # Windows of length n start where n characters remain; their code extends length n-1's.
            at = np.flatnonzero(room >= n)
            nxt = ids[at + n - 1]
            codes[at] = (codes[at] << bits) | np.maximum(nxt, 0)
            valid[at] &= nxt > 0
            table = by_length.get(n)
            if table is None:
                continue
            if n >= min_n:
                take = at[valid[at]]
            else:  # a padded word shorter than min_n is its own single n-gram
                whole = starts[sizes == n]
                take = whole[valid[whole]]
            if not len(take):
                continue
            where = table[0].get_indexer(codes[take])
            hit = where >= 0
            owners.append(owner[take[hit]])
            columns.append(table[1][where[hit]])
        owners = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
        columns = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
        order = np.argsort(owners, kind="stable")
        word_ptr = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owners, minlength=len(words)), out=word_ptr[1:])
        return columns[order].astype(np.int32), word_ptr

    def new_word_counts(self, words: list[str]) -> sp.csr_matrix:
        """Like :meth:`word_counts`, bypassing the cache (for callers that keep their own)."""
        check_is_fitted(self, "vocabulary_")
        columns, word_ptr = self._flat_columns(words, *(int(n) for n in self.ngram_range))
        return sp.csr_matrix((np.ones(len(columns), dtype=np.dtype(self.dtype)), columns, word_ptr),
                             shape=(len(words), len(self.vocabulary_)))

    def transform(self, raw_documents):
        """The TF-IDF matrix of the documents with the fitted vocabulary.

        Parameters
        ----------
        raw_documents : iterable of str

        Returns
        -------
        sparse matrix of shape (n_documents, n_features)
            CSR, sorted indices, rows of unit length (or empty).
        """
        check_is_fitted(self, "vocabulary_")
        docs = _check_documents(raw_documents)
        distinct, ids, indptr = _split_documents(docs, self.lowercase)
        return self._from_words(self.word_counts(distinct), ids, indptr)

    def word_counts(self, words: list[str]) -> sp.csr_matrix:
        """Words x n-grams: the vocabulary columns of each word's n-grams (repeats not yet summed).

        ``words`` are whitespace-free and already lowercased if :attr:`lowercase`; each word's
        columns are kept in a bounded cache, so a word is looked up once however often it comes.
        """
        check_is_fitted(self, "vocabulary_")
        min_n, max_n = (int(n) for n in self.ngram_range)
        per_word = _per_word(self, "_word_cache", words, lambda new: self._columns_of_new_words(new, min_n, max_n))
        lengths = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
        word_ptr = np.zeros(len(per_word) + 1, dtype=np.int64)
        np.cumsum(lengths, out=word_ptr[1:])
        columns = np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.int32)
        return sp.csr_matrix((np.ones(len(columns), dtype=np.dtype(self.dtype)), columns, word_ptr),
                             shape=(len(words), len(self.vocabulary_)))


class _UnknownIsMinusOne(dict):
    """Token -> id, ``-1`` for a token outside the vocabulary (lookups stay in C via ``map``)."""

    def __missing__(self, key):
        return -1


def count_pairs(rows: np.ndarray, cols: np.ndarray, n_cols: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (row, column) pairs in row-major order, and how often each occurs.

    One sort of ``row * n_cols + column`` codes: NumPy sorts integer keys several times faster
    than hashing them, and the order it leaves is exactly canonical CSR order. Callers pass rows
    in order (or a few ordered runs), so the codes are sorted already but for the columns within
    each row: the stable sort (timsort) keeps those runs and is about 2.5x faster than quicksort.
    """
    codes = rows.astype(np.int64) * n_cols
    codes += cols
    codes.sort(kind="stable")
    if not len(codes):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    first = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    counts = np.diff(np.append(first, len(codes)))
    pair_rows, pair_cols = np.divmod(codes[first], n_cols)
    return pair_rows, pair_cols, counts


def _pairs_matrix(pairs: list, n_docs: int, n_cols: int, dtype) -> sp.csr_matrix:
    """Canonical CSR from per-length (rows, columns, counts) pairs, each sorted by row then column.

    The lengths' columns are disjoint and increasing, so a stable sort by row alone merges them
    into canonical order.
    """
    rows = np.concatenate([p[0] for p in pairs]) if pairs else np.zeros(0, dtype=np.int32)
    order = np.argsort(rows, kind="stable")
    index_type = np.int32 if max(n_cols, len(rows)) < 2**31 else np.int64
    cols = np.concatenate([p[1] for p in pairs])[order].astype(index_type) if pairs else np.zeros(0, index_type)
    data = np.concatenate([p[2] for p in pairs])[order].astype(dtype) if pairs else np.zeros(0, dtype)
    indptr = np.zeros(n_docs + 1, dtype=index_type)
    np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
    matrix = sp.csr_matrix((data, cols, indptr), shape=(n_docs, n_cols))
    matrix.has_sorted_indices = True
    return matrix


def _entries_matrix(rows: list, cols: list, n_docs: int, n_cols: int, dtype) -> sp.csr_matrix:
    """Canonical documents x columns count matrix from per-level (row, column) entry arrays."""
    rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    pair_rows, pair_cols, counts = count_pairs(rows, cols, n_cols)
    index_type = np.int32 if max(n_cols, len(counts)) < 2**31 else np.int64
    indptr = np.zeros(n_docs + 1, dtype=index_type)
    np.cumsum(np.bincount(pair_rows, minlength=n_docs), out=indptr[1:])
    matrix = sp.csr_matrix((counts.astype(dtype), pair_cols.astype(index_type), indptr), shape=(n_docs, n_cols))
    matrix.has_sorted_indices = True
    return matrix


class WordNgramTfidf(_CompactState, TransformerMixin, BaseEstimator):
    """Word n-grams, TF-IDF weighted: a fast ``TfidfVectorizer(analyzer="word")``.

    Produces the same matrix as ``TfidfVectorizer`` with the same token pattern and parameters
    (no stop words, smooth idf, l2 norm), faster: tokens become integer ids and the n-grams of
    all documents are looked up at once with NumPy (an n-gram's code is its prefix's code times
    the number of tokens plus its last token), instead of joining and hashing n-gram strings.

    Parameters
    ----------
    ngram_range : tuple of int
        Smallest and largest n-gram length, in tokens.
    token_pattern : str
        Regular expression of a token; it must not match spaces and must have no group.
    min_df, max_df, max_features, sublinear_tf, lowercase, dtype
        As in :class:`CharNgramTfidf`.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        N-gram (tokens joined by a space) -> column, columns in sorted n-gram order.
    idf_ : ndarray of shape (n_features,)

    Examples
    --------
    >>> vec = WordNgramTfidf(ngram_range=(1, 2)).fit(["to be or not to be", "why not?"])
    >>> vec.get_feature_names_out()[:4].tolist()
    ['?', 'be', 'be or', 'not']
    >>> vec.transform(["not to be"]).nnz
    5
    """

    def __init__(self, ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b|[!?]", min_df=1, max_df=1.0,
                 max_features=None, sublinear_tf=True, lowercase=True, dtype=np.float32):
        self.ngram_range = ngram_range
        self.token_pattern = token_pattern
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.lowercase = lowercase
        self.dtype = dtype

    _derived = ("_lookup", "_raw_cache")  # derived data, never saved

    @classmethod
    def from_tfidf_vectorizer(cls, vectorizer) -> WordNgramTfidf:
        """An equal fitted transformer from a fitted word ``TfidfVectorizer``.

        Raises
        ------
        ValueError
            If the vectorizer is configured in a way this class does not reproduce (stop
            words, a custom tokenizer or preprocessor, accent stripping, another norm).
        """
        _check_convertible(vectorizer, "word")
        new = cls(ngram_range=tuple(vectorizer.ngram_range), token_pattern=vectorizer.token_pattern,
                  min_df=vectorizer.min_df, max_df=vectorizer.max_df, max_features=vectorizer.max_features,
                  sublinear_tf=vectorizer.sublinear_tf, lowercase=vectorizer.lowercase, dtype=vectorizer.dtype)
        new._pattern()
        new.vocabulary_ = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        new.idf_ = np.asarray(vectorizer.idf_).copy()
        return new

    def _pattern(self) -> re.Pattern:
        pattern = re.compile(self.token_pattern)
        if pattern.groups > 1:
            raise ValueError("More than 1 capturing group in token pattern. Only a single group should be captured.")
        if pattern.groups == 1:
            raise ValueError("token_pattern with a capturing group is not supported; make the group non-capturing")
        return pattern

    def fit_transform(self, raw_documents, y=None):
        """Fit, then return the TF-IDF matrix of the same documents."""
        docs = _check_documents(raw_documents)
        counts, new_column = self._fit(docs)
        columns = new_column[counts.indices]
        kept = columns >= 0
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[kept]
        indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=counts.shape[0]), out=indptr[1:])
        final = sp.csr_matrix((counts.data[kept], columns[kept].astype(np.int32), indptr),
                              shape=(counts.shape[0], len(self.vocabulary_)))
        return _weight(self, _sorted_csr(final))

    def _fit(self, docs: list[str]):
        min_n, max_n = _validate_common(self)
        pattern = self._pattern()
        dtype = np.dtype(self.dtype)
        self._lookup = None
        distinct, ids, token_ptr = _ids_of(docs, pattern.findall, self.lowercase)
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), np.diff(token_ptr))
        if any(" " in t for t in distinct):
            raise ValueError("token_pattern matched a token holding a space; n-grams joined by spaces would be "
                             "ambiguous, change the pattern")
        n_tokens = max(len(distinct), 1)
        # Level by level: an n-gram's code is (its prefix's id) * n_tokens + (its last token's id).
        # Names are spelled out only for n-grams that pass the document-frequency limits: most
        # n-grams of a large corpus occur once, and their strings would dwarf everything else.
        levels: list = []  # (n, first column, position of each n-gram's first occurrence)
        # Each length's (document, n-gram) pairs are counted as soon as they are found, so only
        # the distinct pairs outlive the loop, not one entry per token per length.
        pairs: list = []
        offset = 0
        prefix = ids
        for n in range(1, max_n + 1):
            if n == 1:
                gram_ids, first, starts, gram_rows = ids, None, None, rows
                n_grams = len(distinct)
            else:
                m = len(ids) - n + 1
                if m <= 0:
                    break
                starts = np.flatnonzero(rows[:m] == rows[n - 1:])
                codes = prefix[starts] * n_tokens + ids[starts + n - 1]
                unique, first, gram_ids = np.unique(codes, return_index=True, return_inverse=True)
                del codes
                n_grams = len(unique)
                if n < max_n:
                    prefix = np.full(m, -1, dtype=np.int64)
                    prefix[starts] = gram_ids
                gram_rows = rows[starts]
            if n >= min_n:
                levels.append((n, offset, None if n == 1 else starts[first]))
                pair_rows, pair_cols, pair_counts = count_pairs(gram_rows, gram_ids, max(n_grams, 1))
                pairs.append((pair_rows.astype(np.int32), (pair_cols + offset).astype(np.int64),
                              pair_counts.astype(np.int32)))
                offset += n_grams
            del gram_ids, gram_rows, starts
        if offset == 0:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        counts = _pairs_matrix(pairs, len(docs), offset, dtype)
        del pairs
        df = np.bincount(counts.indices, minlength=offset)
        tf = np.bincount(counts.indices, weights=counts.data, minlength=offset) if self.max_features else None
        candidates = np.flatnonzero(_within_df(df, len(docs), self))
        names = np.empty(len(candidates), dtype=object)
        for n, first_column, at in levels:
            level_end = first_column + (len(distinct) if n == 1 else len(at))
            lo, hi = np.searchsorted(candidates, [first_column, level_end])
            picked = candidates[lo:hi] - first_column
            if n == 1:
                names[lo:hi] = [distinct[i] for i in picked.tolist()]
            else:
                names[lo:hi] = [" ".join(map(distinct.__getitem__, ids[i:i + n].tolist()))
                                for i in at[picked].tolist()]
        order, keep = _prune(names, df[candidates], None if tf is None else tf[candidates], len(docs), self)
        self.vocabulary_ = dict(zip(names[order][keep].tolist(), range(int(keep.sum()))))
        self.idf_ = _smooth_idf(df[candidates][order][keep], len(docs), dtype)
        new_column = np.full(offset, -1, dtype=np.int64)
        new_column[candidates[order[keep]]] = np.arange(int(keep.sum()))
        return counts, new_column

    def _build_lookup(self):
        """Integer lookup tables for the fitted vocabulary (derived data, never saved)."""
        max_n = int(self.ngram_range[1])
        import pandas as pd  # a pandas index is a C hash table: several times faster than searchsorted here

        split = [gram.split(" ") for gram in self.vocabulary_]
        columns = np.fromiter(self.vocabulary_.values(), dtype=np.int64, count=len(split))
        lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        flat = list(itertools.chain.from_iterable(split))
        token_ids = _UnknownIsMinusOne({t: i for i, t in enumerate(dict.fromkeys(flat))})
        n_tokens = max(len(token_ids), 1)
        ids = np.fromiter(map(token_ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        starts = np.zeros(len(split), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        unigram = np.full(n_tokens, -1, dtype=np.int64)
        unigram[ids[starts[lengths == 1]]] = columns[lengths == 1]
        # Per length n >= 2, one hash index over the codes of the vocabulary's n-grams and of the
        # n-token prefixes of longer ones: a lookup then gives the column and the prefix id at once.
        tables = {}
        rows = np.flatnonzero(lengths >= 2)
        prefix = ids[starts[rows]]
        for n in range(2, max_n + 1):
            codes = prefix * n_tokens + ids[starts[rows] + n - 1]
            ends_here = lengths[rows] == n
            gram_codes, gram_columns = codes[ends_here], columns[rows[ends_here]]
            if n < max_n:
                prefix_codes, prefix = np.unique(codes[~ends_here], return_inverse=True)
                rows = rows[~ends_here]
            else:
                prefix_codes = np.zeros(0, dtype=np.int64)
            every = np.union1d(gram_codes, prefix_codes)
            column = np.full(len(every), -1, dtype=np.int64)
            column[np.searchsorted(every, gram_codes)] = gram_columns
            prefix_id = np.full(len(every), -1, dtype=np.int64)
            prefix_id[np.searchsorted(every, prefix_codes)] = np.arange(len(prefix_codes))
            tables[n] = (pd.Index(every), column, prefix_id)
        self._lookup = (token_ids, n_tokens, unigram, tables)
        return self._lookup

    def transform(self, raw_documents):
        """The TF-IDF matrix of the documents with the fitted vocabulary.

        Returns
        -------
        sparse matrix of shape (n_documents, n_features)
            CSR, sorted indices, rows of unit length (or empty).
        """
        check_is_fitted(self, "vocabulary_")
        docs = _check_documents(raw_documents)
        distinct, ids, indptr = _split_documents(docs, self.lowercase)
        return _weight(self, self.counts_from_words(distinct, ids, indptr))

    def _token_ids(self, words: list[str], ids: np.ndarray, indptr: np.ndarray, token_ids):
        """Vocabulary token ids (-1: unknown) of every token in document order, and each token's row.

        Tokens never hold whitespace, so a document's tokens are its whitespace-separated
        words' tokens in turn; each distinct word is tokenized once and kept in a bounded cache.
        """
        findall = self._pattern().findall

        def tokenize(new: list[str]) -> list[np.ndarray]:
            found = [findall(word) for word in new]
            return [np.fromiter(map(token_ids.__getitem__, f), dtype=np.int64, count=len(f)) for f in found]

        per_word = _per_word(self, "_raw_cache", words, tokenize)
        lengths = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
        flat = np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.int64)
        word_start = np.zeros(len(per_word), dtype=np.int64)
        np.cumsum(lengths[:-1], out=word_start[1:])
        # Gather each occurrence's tokens: position k of occurrence j is word_start[ids[j]] + k.
        counts = lengths[ids]
        total = int(counts.sum())
        before = np.zeros(len(ids), dtype=np.int64)
        np.cumsum(counts[:-1], out=before[1:])
        tokens = flat[np.repeat(word_start[ids] - before, counts) + np.arange(total)]
        occurrence_rows = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
        return tokens, np.repeat(occurrence_rows, counts)

    def counts_from_words(self, words: list[str], ids: np.ndarray, indptr: np.ndarray) -> sp.csr_matrix:
        """Documents x n-grams counts (canonical CSR) from documents split on whitespace.

        Parameters
        ----------
        words : list of str
            The distinct whitespace-separated words (lowercased if :attr:`lowercase`).
        ids, indptr : ndarray
            Each document's words as indices into ``words``, CSR-style.
        """
        check_is_fitted(self, "vocabulary_")
        token_ids = self.lookup()[0]
        tokens, rows = self._token_ids(words, ids, indptr, token_ids)
        entry_rows, entry_cols = self.ngram_entries(tokens, rows)
        return _entries_matrix(entry_rows, entry_cols, len(indptr) - 1, len(self.vocabulary_), np.dtype(self.dtype))

    def lookup(self) -> tuple:
        """The integer lookup tables of the fitted vocabulary (built once, never saved).

        The first item maps a token to its id (``-1`` when no n-gram holds it).
        """
        return getattr(self, "_lookup", None) or self._build_lookup()

    def ngram_entries(self, ids: np.ndarray, rows: np.ndarray) -> tuple[list, list]:
        """The vocabulary n-grams in a token sequence, one (rows, columns) pair of arrays per n.

        Parameters
        ----------
        ids : ndarray of int64
            Token ids from :meth:`lookup` (``-1``: unknown), all documents in turn.
        rows : ndarray of int64
            Each token's document, non-decreasing.

        Returns
        -------
        (list of ndarray, list of ndarray)
            Per n-gram length, the document and column of every n-gram found, rows non-decreasing
            within each length; a repeated n-gram comes once per occurrence.
        """
        min_n, max_n = (int(n) for n in self.ngram_range)
        token_ids, n_tokens, unigram, tables = self.lookup()
        entry_rows, entry_cols = [], []
        if min_n == 1:
            known = np.flatnonzero(ids >= 0)
            columns = unigram[ids[known]]
            hit = columns >= 0
            entry_rows.append(rows[known[hit]])
            entry_cols.append(columns[hit])
        prefix = ids
        for n in range(2, max_n + 1):
            m = len(ids) - n + 1
            if m <= 0:
                break
            starts = np.flatnonzero((rows[:m] == rows[n - 1:]) & (prefix[:m] >= 0) & (ids[n - 1:] >= 0))
            index, column, prefix_id = tables[n]
            where = index.get_indexer(prefix[starts] * n_tokens + ids[starts + n - 1])
            found = where >= 0
            starts, where = starts[found], where[found]
            if n >= min_n:
                columns = column[where]
                hit = columns >= 0
                entry_rows.append(rows[starts[hit]])
                entry_cols.append(columns[hit])
            if n < max_n:
                prefix = np.full(m, -1, dtype=np.int64)
                prefix[starts] = prefix_id[where]
        return entry_rows, entry_cols
