"""CharNgramTfidf and WordNgramTfidf: equal to scikit-learn's TfidfVectorizer, and well-behaved estimators."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from moderation.fastfeatures import CharNgramTfidf, WordNgramTfidf

TEXTS = [
    "This plan will FAIL, and everyone knows it!",
    "Great idea -- long overdue.  Thanks\tto the council.",
    "you idiot",
    "",
    "   \n\t ",
    "a I o",
    "Ünïcödé wörds: naïve café, İstanbul, STRASSE straße, ﬁne",
    "ΟΔΟΣ ΑΣ σοφός",  # final sigma depends on the whole text being lowercased
    "emoji 👍🏽 and CJK 日本語のテキスト and e\u0301 combining",
    "x\u3000y\u00a0z\x1cw\u2028v",  # unicode whitespace of several kinds
    "ok ok ok ok ok ok ok",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism",
    "?!? !! .. , ;",
]
UNSEEN = ["completely new wörds here", "", "ok", "  FAIL  fail\tFail ", "日本", "\u00a0"]


def _pair(**params):
    params.setdefault("ngram_range", (2, 5))
    params.setdefault("sublinear_tf", True)
    ours = CharNgramTfidf(**params)
    theirs = TfidfVectorizer(analyzer="char_wb", lowercase=params.pop("lowercase", True), **params)
    return ours, theirs


def _assert_same(ours, theirs, fit_docs, docs):
    a = theirs.fit_transform(fit_docs)
    b = ours.fit_transform(fit_docs)
    assert ours.vocabulary_ == theirs.vocabulary_
    np.testing.assert_array_equal(ours.idf_, theirs.idf_)
    assert ours.idf_.dtype == theirs.idf_.dtype
    for x, y in ((a, b), (theirs.transform(docs), ours.transform(docs)), (theirs.transform(docs), ours.transform(docs))):
        assert x.shape == y.shape and x.dtype == y.dtype
        assert y.has_sorted_indices
        x = x.sorted_indices()  # scikit-learn's fit_transform leaves them unsorted
        np.testing.assert_array_equal(x.indptr, y.indptr)
        np.testing.assert_array_equal(x.indices, y.indices)
        np.testing.assert_allclose(x.toarray(), y.toarray(), rtol=1e-6, atol=0)


@pytest.mark.parametrize("params", [
    {"dtype": np.float32, "sublinear_tf": True},
    {"dtype": np.float32, "min_df": 2},
    {"dtype": np.float64, "sublinear_tf": False, "ngram_range": (1, 3)},
    {"dtype": np.float32, "max_features": 40},
    {"dtype": np.float32, "min_df": 0.1, "max_df": 0.5},
    {"dtype": np.float32, "lowercase": False, "ngram_range": (3, 3)},
    {"dtype": np.float32, "ngram_range": (4, 6)},
])
def test_equal_to_sklearn_char_wb(params):
    ours, theirs = _pair(**params)
    _assert_same(ours, theirs, TEXTS, TEXTS + UNSEEN)


def test_equal_to_sklearn_on_real_comments(shared):
    import pandas as pd

    texts = pd.read_csv(shared / "data/civility/c3/dev.csv", usecols=["comment_text"])["comment_text"]
    texts = texts.fillna("").astype(str).tolist()[:1500]
    ours, theirs = _pair(dtype=np.float32, min_df=2)
    _assert_same(ours, theirs, texts[:1000], texts[1000:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=8),
       st.lists(st.text(max_size=40), max_size=5))
def test_equal_to_sklearn_on_random_unicode(fit_docs, docs):
    ours, theirs = _pair(dtype=np.float32, ngram_range=(1, 4))
    try:
        expected = theirs.fit(fit_docs)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)[:20]):
            ours.fit(fit_docs)
        return
    assert expected is theirs
    _assert_same(ours, theirs, fit_docs, docs + fit_docs)


def test_from_tfidf_vectorizer_converts_a_fitted_model():
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32).fit(TEXTS)
    ours = CharNgramTfidf.from_tfidf_vectorizer(theirs)
    np.testing.assert_allclose(ours.transform(UNSEEN + TEXTS).toarray(), theirs.transform(UNSEEN + TEXTS).toarray(),
                               rtol=1e-6, atol=0)
    with pytest.raises(ValueError, match="analyzer='word'"):
        CharNgramTfidf.from_tfidf_vectorizer(TfidfVectorizer().fit(TEXTS))


def test_not_fitted_and_bad_input_errors():
    with pytest.raises(NotFittedError):
        CharNgramTfidf().transform(["text"])
    with pytest.raises(ValueError, match="Iterable over raw text documents expected, string object received."):
        CharNgramTfidf().fit("one string")
    with pytest.raises(ValueError, match="empty vocabulary"):
        CharNgramTfidf().fit([])
    with pytest.raises(ValueError, match="empty vocabulary"):
        CharNgramTfidf().fit(["", "  "])
    with pytest.raises(ValueError, match="no terms remain"):
        CharNgramTfidf(min_df=2).fit(["abc", "def"])
    with pytest.raises(ValueError, match="ngram_range"):
        CharNgramTfidf(ngram_range=(3, 2)).fit(["abc"])


def test_pipeline_gridsearch_and_clone():
    docs = ["you idiot", "shut up moron", "pathetic clown", "brainless fool"] * 3 + \
           ["great idea", "thank you", "well argued", "good plan"] * 3
    y = [1] * 12 + [0] * 12
    pipe = Pipeline([("char", CharNgramTfidf()), ("clf", LogisticRegression())])
    search = GridSearchCV(pipe, {"char__ngram_range": [(2, 3), (2, 5)], "char__min_df": [1, 2]}, cv=3).fit(docs, y)
    assert search.best_estimator_.predict(["what an idiot", "good idea"]).tolist() == [1, 0]
    fitted = CharNgramTfidf(min_df=2).fit(docs)
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params() and not hasattr(copy, "vocabulary_")


def test_cache_is_not_persisted_and_skops_round_trip(tmp_path):
    import skops.io as sio

    vec = CharNgramTfidf().fit(TEXTS)
    expected = vec.transform(UNSEEN).toarray()
    assert vec._word_cache  # filled by transform
    state = vec.__getstate__()
    assert "_word_cache" not in state
    assert "vocabulary_" not in state and state["_vocabulary_lines"].count("\n") == len(vec.vocabulary_) - 1
    assert "_word_cache" not in pickle.loads(pickle.dumps(vec)).__dict__
    path = tmp_path / "char.skops"
    sio.dump(vec, path)
    assert sio.get_untrusted_types(file=path) == ["moderation.fastfeatures.CharNgramTfidf"]
    loaded = sio.load(path, trusted=["moderation.fastfeatures.CharNgramTfidf"])
    assert loaded.vocabulary_ == vec.vocabulary_
    np.testing.assert_array_equal(loaded.transform(UNSEEN).toarray(), expected)


def test_cache_is_bounded(monkeypatch):
    import moderation.fastfeatures as ff

    monkeypatch.setattr(ff, "_CACHE_LIMIT", 5)
    vec = CharNgramTfidf().fit(TEXTS)
    first = vec.transform(TEXTS).toarray()
    for _ in range(3):
        np.testing.assert_array_equal(vec.transform(TEXTS).toarray(), first)
        assert len(vec._word_cache) <= 5 + len(" ".join(TEXTS).split())
    vec.transform(["one two three four five six seven"])
    assert len(vec._word_cache) <= 7


PATTERN = r"(?u)\b\w+\b|[!?]"


def _word_pair(**params):
    params.setdefault("ngram_range", (1, 2))
    params.setdefault("sublinear_tf", True)
    params.setdefault("dtype", np.float32)
    ours = WordNgramTfidf(token_pattern=PATTERN, **params)
    theirs = TfidfVectorizer(token_pattern=PATTERN, **params)
    return ours, theirs


@pytest.mark.parametrize("params", [
    {},
    {"ngram_range": (1, 3)},
    {"ngram_range": (2, 3), "min_df": 2},
    {"ngram_range": (1, 4), "dtype": np.float64, "sublinear_tf": False},
    {"max_features": 25},
    {"min_df": 0.1, "max_df": 0.6, "lowercase": False},
    {"ngram_range": (3, 3)},
])
def test_word_equal_to_sklearn(params):
    ours, theirs = _word_pair(**params)
    _assert_same(ours, theirs, TEXTS * 2, TEXTS + UNSEEN)


def test_word_equal_to_sklearn_on_real_comments(shared):
    import pandas as pd

    texts = pd.read_csv(shared / "data/civility/c3/dev.csv", usecols=["comment_text"])["comment_text"]
    texts = texts.fillna("").astype(str).tolist()[:1500]
    ours, theirs = _word_pair(ngram_range=(1, 3))
    _assert_same(ours, theirs, texts[:1000], texts[1000:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=8),
       st.lists(st.text(alphabet="ab c!?\n", max_size=30), max_size=5))
def test_word_equal_to_sklearn_on_random_unicode(fit_docs, docs):
    ours, theirs = _word_pair(ngram_range=(1, 3))
    try:
        theirs.fit(fit_docs)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)[:20]):
            ours.fit(fit_docs)
        return
    _assert_same(ours, theirs, fit_docs, docs + fit_docs)


def test_word_api_errors_conversion_and_round_trip(tmp_path):
    import skops.io as sio

    with pytest.raises(NotFittedError):
        WordNgramTfidf().transform(["text"])
    with pytest.raises(ValueError, match="string object received"):
        WordNgramTfidf().fit("one string")
    with pytest.raises(ValueError, match="empty vocabulary"):
        WordNgramTfidf().fit(["", " ... "])
    theirs = TfidfVectorizer(token_pattern=PATTERN, ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32).fit(TEXTS)
    ours = WordNgramTfidf.from_tfidf_vectorizer(theirs)
    np.testing.assert_allclose(ours.transform(UNSEEN + TEXTS).toarray(), theirs.transform(UNSEEN + TEXTS).toarray(),
                               rtol=1e-6, atol=0)
    with pytest.raises(ValueError, match="stop_words"):
        WordNgramTfidf.from_tfidf_vectorizer(TfidfVectorizer(stop_words="english").fit(TEXTS))
    assert ours._lookup is not None and "_lookup" not in ours.__getstate__()
    path = tmp_path / "word.skops"
    sio.dump(ours, path)
    loaded = sio.load(path, trusted=["moderation.fastfeatures.WordNgramTfidf"])
    assert loaded.vocabulary_ == ours.vocabulary_
    np.testing.assert_array_equal(loaded.transform(UNSEEN).toarray(), ours.transform(UNSEEN).toarray())
    pipe = Pipeline([("word", WordNgramTfidf()), ("clf", LogisticRegression())])
    docs = ["you idiot", "shut up idiot", "great idea", "good idea"] * 3
    search = GridSearchCV(pipe, {"word__ngram_range": [(1, 1), (1, 2)]}, cv=2).fit(docs, [1, 1, 0, 0] * 3)
    assert search.predict(["idiot"]).tolist() == [1]
    assert clone(ours).get_params() == ours.get_params()
