"""One logistic regression over sparse and dense sentence features for intents and FAQ answers together."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.preprocessing import normalize

RETRIEVAL_SEPARATOR = "/"


def example_label(message: Message) -> str:
    """`faq/<key>` for a retrieval intent's example, else the intent."""
    return message.get(INTENT_RESPONSE_KEY) or message.get(INTENT)


def base_intent(label: str) -> str:
    return label.split(RETRIEVAL_SEPARATOR, 1)[0]


def intent_ranking(labels: list[str], probabilities: np.ndarray) -> list[dict[str, Any]]:
    """Intents with their probability, a retrieval intent's keys summed, most likely first."""
    totals: dict[str, float] = defaultdict(float)
    for label, probability in zip(labels, probabilities, strict=False):
        totals[base_intent(label)] += float(probability)
    ranking = [{"name": name, PREDICTED_CONFIDENCE_KEY: total} for name, total in totals.items()]
    return sorted(ranking, key=lambda entry: -entry[PREDICTED_CONFIDENCE_KEY])


def selector_output(retrieval_intent: str, labels: list[str], probabilities: np.ndarray) -> dict[str, Any]:
    """What Rasa's ResponseSelector writes for `retrieval_intent`; confidences are the labels' own."""
    keys = [
        (label, float(p))
        for label, p in zip(labels, probabilities, strict=False)
        if base_intent(label) == retrieval_intent
    ]
    keys.sort(key=lambda pair: -pair[1])
    best, confidence = keys[0]
    return {
        RESPONSE_SELECTOR_PREDICTION_KEY: {
            RESPONSE_SELECTOR_RESPONSES_KEY: [],
            PREDICTED_CONFIDENCE_KEY: confidence,
            INTENT_RESPONSE_KEY: best,
            RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{best}",
        },
        RESPONSE_SELECTOR_RANKING_KEY: [
            {"id": index, PREDICTED_CONFIDENCE_KEY: p, INTENT_RESPONSE_KEY: label}
            for index, (label, p) in enumerate(keys)
        ],
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """Rasa's logistic regression, trained on `faq/<key>` labels, so that it also selects the FAQ answer.

    Each block of features is scaled apart: the sparse counts are L2-normalised per message, and the
    dense embedding (already unit length) is multiplied by `dense_weight`. It writes `intent`,
    `intent_ranking` and, for the retrieval intents, `response_selector` as Rasa's ResponseSelector does,
    so that `utter_faq` and every reader of the parse data work unchanged.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "C": 10.0,
            "dense_weight": 1.0,
            "max_iter": 1000,
        }

    def __init__(self, config: dict[str, Any], *args: Any) -> None:
        super().__init__(config, *args)
        self.clf.C = self.config["C"]

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            blocks = []
            if sparse is not None:
                blocks.append(normalize(csr_matrix(sparse.features)))
            if dense is not None:
                blocks.append(csr_matrix(dense.features * self.config["dense_weight"]))
            rows.append(hstack(blocks))
        return vstack(rows).tocsr()

    def _create_training_matrix(self, training_data: TrainingData) -> tuple[csr_matrix, list[str]]:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        return self._create_X(examples), [example_label(e) for e in examples]

    def process(self, messages: list[Message]) -> list[Message]:
        if not messages:
            return messages
        labels = list(self.clf.classes_)
        retrieval_intents = sorted({base_intent(label) for label in labels if RETRIEVAL_SEPARATOR in label})
        for message, probabilities in zip(
            messages, self.clf.predict_proba(self._create_X(messages)), strict=False
        ):
            ranking = intent_ranking(labels, probabilities)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            if retrieval_intents:
                selectors = {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: retrieval_intents}
                for retrieval_intent in retrieval_intents:
                    selectors[retrieval_intent] = selector_output(retrieval_intent, labels, probabilities)
                message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selectors, add_to_output=True)
        return messages
