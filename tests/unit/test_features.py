"""Unit tests for moderation.features.TextFeatures: scikit-learn compatibility and behaviour."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from moderation.features import TextFeatures

TEXTS = ["you are kind", "you are rude", "what a kind idea", "rude and stupid", "kind words help",
         "stupid rude people", "a kind neighbour", "shut up stupid"] * 2
Y = [0, 1, 0, 1, 0, 1, 0, 1] * 2


def test_transform_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError):
        TextFeatures().transform(["hello"])


def test_a_single_string_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        TextFeatures().fit("one string")


def test_word_and_char_columns_are_stacked_and_named():
    features = TextFeatures(min_df=1, char_ngram_range=(2, 3)).fit(TEXTS)
    names = features.feature_names_out()
    assert features.transform(["kind"]).shape == (1, len(names)) == (1, features.n_features_out_)
    assert {n[:2] for n in names} == {"w:", "c:"}
    assert "w:you are" in set(names)
    word_only = TextFeatures(min_df=1, char_ngram_range=None).fit(TEXTS)
    assert {n[:2] for n in word_only.feature_names_out()} == {"w:"}


def test_fit_transform_equals_fit_then_transform():
    a = TextFeatures(min_df=1).fit_transform(TEXTS)
    b = TextFeatures(min_df=1).fit(TEXTS).transform(TEXTS)
    assert (a != b).nnz == 0


def test_clone_keeps_parameters_and_drops_the_fit():
    features = TextFeatures(word_ngram_range=(1, 3), min_df=1).fit(TEXTS)
    copy = clone(features)
    assert copy.get_params() == features.get_params()
    assert not hasattr(copy, "word_")


def test_works_in_pipeline_and_grid_search_with_addressable_parameters():
    pipe = Pipeline([("features", TextFeatures(min_df=1)), ("clf", LogisticRegression())])
    search = GridSearchCV(pipe, {"features__char_ngram_range": [None, (2, 4)], "clf__C": [1.0, 10.0]}, cv=2)
    search.fit(np.asarray(TEXTS, dtype=object), Y)
    assert set(search.best_params_) == {"features__char_ngram_range", "clf__C"}
    assert search.predict(["stupid rude"])[0] == 1
