"""LinearScorer and character n-grams counted per word: equal to building the feature matrix."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from moderation import fastfeatures
from moderation.fastfeatures import CharNgramTfidf
from moderation.fastscore import LinearScorer
from moderation.features import TextFeatures
from moderation.model import CommentModel, TargetedLogisticRegression

TRAIN = [
    "You make a fair point about the bus lanes, thanks.",
    "What an idiot. Nobody asked for your opinion!!",
    "The council should fund the library; it helps kids.",
    "Shut up, you clown. Read the article first.",
    "I disagree: the tax rise hurts small shops.",
    "Great reporting, the numbers on page two are clear.",
    "Pathetic. Absolutely pathetic reporting, as usual?",
    "Les élèves méritent mieux — merci pour l'article.",
] * 3

NEW = [
    "fair point, fair point, thanks thanks thanks",
    "",
    "   ",
    "!!! ???",
    "a completely unseen vocabulary zyxxq",
    "Ünïcödé wörds and the library library",
    "idiot idiot idiot",
]


def _random_coef(features, outputs=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(outputs, features.n_features_out_)), rng.normal(size=outputs)


@pytest.mark.parametrize("scope", ["word", "document"])
@pytest.mark.parametrize("char_range", [(2, 5), None])
def test_decision_equals_the_feature_matrix_times_the_weights(scope, char_range):
    features = TextFeatures(word_ngram_range=(1, 3), char_ngram_range=char_range, min_df=1, char_scope=scope)
    features.fit(TRAIN)
    coef, intercept = _random_coef(features)
    expected = np.asarray(features.transform(NEW) @ coef.T) + intercept
    scorer = LinearScorer(features, coef, intercept)
    np.testing.assert_allclose(scorer.decision(NEW), expected, rtol=1e-5, atol=1e-6)
    # A second batch reuses the word table and gives the same answer.
    np.testing.assert_allclose(scorer.decision(NEW[::-1]), expected[::-1], rtol=1e-5, atol=1e-6)


def test_chosen_columns_only_and_the_rest_left_at_zero():
    features = TextFeatures(min_df=1).fit(TRAIN)
    coef, intercept = _random_coef(features, outputs=4)
    scorer = LinearScorer(features, coef, intercept)
    full = scorer.decision(NEW)
    part = scorer.decision(NEW, columns=[1, 3])
    np.testing.assert_allclose(part[:, [1, 3]], full[:, [1, 3]], rtol=1e-6, atol=1e-9)
    assert not part[:, [0, 2]].any()


def test_a_full_word_table_starts_again_with_the_same_results(monkeypatch):
    features = TextFeatures(min_df=1).fit(TRAIN)
    coef, intercept = _random_coef(features)
    scorer = LinearScorer(features, coef, intercept)
    before = scorer.decision(TRAIN)
    monkeypatch.setattr("moderation.fastscore._CACHE_LIMIT", 3)
    np.testing.assert_allclose(scorer.decision(TRAIN), before, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(scorer.decision(TRAIN), before, rtol=1e-6, atol=1e-9)
    assert len(scorer._words) <= len(set(" ".join(TRAIN).lower().split()))


def test_word_scope_matrix_follows_its_definition():
    vec = CharNgramTfidf(ngram_range=(2, 3), min_df=1, scope="word").fit(["ab ab cd", "cd ef"])
    row = vec.transform(["ab ab cd"]).toarray()[0]
    vocab, idf = vec.vocabulary_, vec.idf_

    def word_vector(word):
        v = np.zeros(len(vocab))
        padded = f" {word} "
        for n in (2, 3):
            for i in range(len(padded) - n + 1):
                v[vocab[padded[i:i + n]]] += 1
        return v * idf

    weight_ab = 1 + np.log(2)  # "ab" twice, sublinear
    raw = weight_ab * word_vector("ab") + word_vector("cd")
    length = np.sqrt(weight_ab ** 2 * word_vector("ab") @ word_vector("ab") + word_vector("cd") @ word_vector("cd"))
    np.testing.assert_allclose(row, raw / length, rtol=1e-5)


def test_scope_is_checked_and_old_saved_transformers_keep_document_counting():
    with pytest.raises(ValueError, match="scope"):
        CharNgramTfidf(scope="sentence").fit(["a b"])
    vec = CharNgramTfidf(ngram_range=(2, 3)).fit(["to be", "or not"])
    state = vec.__getstate__()
    state.pop("scope")  # as saved before the parameter existed
    old = CharNgramTfidf.__new__(CharNgramTfidf)
    old.__setstate__(state)
    assert old.scope == "document"
    np.testing.assert_array_equal(old.transform(["to be"]).toarray(), vec.transform(["to be"]).toarray())


def _fitted_model(char_scope="word"):
    stance = ["favor", "against", "neutral", "against", "against", "favor", "against", "favor"] * 3
    civility = ["civil", "uncivil", "civil", "uncivil", "civil", "civil", "uncivil", "civil"] * 3
    targets = (["buses"] * 8 + ["library"] * 8 + ["taxes"] * 8)
    model = CommentModel(features=TextFeatures(min_df=1, char_scope=char_scope),
                         stance_head=TargetedLogisticRegression(min_target_samples=5, joint_weight=0.3))
    return model.fit(TRAIN, {"stance": stance, "civility": civility}, targets=targets)


@pytest.mark.parametrize("char_scope", ["word", "document"])
def test_model_predict_equals_scoring_the_feature_matrix(char_scope):
    model = _fitted_model(char_scope)
    assert model.scorer() is not None
    targets = ["buses", "library", "", "taxes", "unknown target", "buses", "library"]
    fast = model.predict(NEW, targets)
    slow = model.predict_from_features(model.transform(NEW), targets)
    for task in ("stance", "civility"):
        np.testing.assert_allclose(fast.proba[task], slow.proba[task], rtol=1e-5, atol=1e-7)
        assert fast.labels[task].tolist() == slow.labels[task].tolist()
        assert fast.classes[task] == slow.classes[task]


def test_the_compiled_scorer_is_never_saved_and_is_rebuilt_after_fit():
    model = _fitted_model()
    model.predict(NEW)
    assert "_scorer" in model.__dict__
    assert "_scorer" not in model.__getstate__()
    copy = pickle.loads(pickle.dumps(model))
    assert "_scorer" not in copy.__dict__
    np.testing.assert_allclose(copy.predict(NEW).proba["civility"], model.predict(NEW).proba["civility"])
    model.fit(TRAIN[:8], {"civility": ["civil", "uncivil"] * 4})
    assert "_scorer" not in model.__dict__
    assert model.predict(NEW).proba["civility"].shape == (len(NEW), 2)


def test_unsupported_feature_stages_are_refused():
    features = TextFeatures(min_df=1).fit(TRAIN)
    features.char_ = fastfeatures.WordNgramTfidf(min_df=1).fit(TRAIN)  # not a character vectorizer
    assert not LinearScorer.supports(features)
    with pytest.raises(ValueError, match="LinearScorer"):
        LinearScorer(features, np.zeros((1, 1)), np.zeros(1))


@pytest.mark.parametrize("rows", [0, 1, 7, 3000])
def test_assemble_equals_hstack(rows):
    import scipy.sparse as sp

    from moderation.features import assemble

    left = sp.random(rows, 40, density=0.1, format="csr", dtype=np.float32, random_state=1)
    right = sp.random(rows, 90, density=0.2, format="csr", dtype=np.float32, random_state=2)
    expected = sp.hstack([left, right], format="csr")
    out = assemble(left, lambda start, stop: right[start:stop], 90, rows_per_block=97)
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out.indptr, expected.indptr)
    np.testing.assert_array_equal(out.indices, expected.indices)
    np.testing.assert_array_equal(out.data, expected.data)


def test_threads_sharing_a_model_get_the_same_answers(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr("moderation.fastscore._CACHE_LIMIT", 20)  # the word table resets often
    model = _fitted_model()
    batches = [TRAIN[i:] + NEW for i in range(12)]
    expected = [model.predict_from_features(model.transform(b)).proba["civility"] for b in batches]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda b: model.predict(b).proba["civility"], batches))
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-7)
