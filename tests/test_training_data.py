"""Training data per language: enough varied examples, and a held-out set that shares none."""

import re
import unicodedata
from collections import Counter

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.language import SUPPORTED_LANGUAGES
from bot.nlu.arabic import normalise
from bot.nlu.danger_lexicon import LEXICON_DIR, read_lexicon_file
from bot.paths import PROJECT_ROOT
from bot.rules.facts import PROTECTION_STATUSES
from bot.tools.evaluate import held_out as held_out_sets
from bot.tools.evaluate import other_language_messages
from bot.tools.evaluate_dialogue import conversations
from tests.test_domain import CORE_INTENTS, FAQ_KEYS

LABELS = CORE_INTENTS | {f"faq/{key}" for key in FAQ_KEYS}
ENTITY_VALUES = {
    "protection_status": set(PROTECTION_STATUSES),
    "housing_situation": {
        "state_structure",
        "communal_housing",
        "caritas_housing",
        "private_rental",
        "no_housing",
    },
    "need": {"housing", "psychological", "job", "social_help", "workshops", "guarantee"},
    "language": set(SUPPORTED_LANGUAGES),
}


def training(language):
    return load_data(str(PROJECT_ROOT / "data" / "nlu" / language))


def held_out(language):
    return load_data(str(PROJECT_ROOT / "tests" / "nlu" / f"{language}.yml"))


def label(message) -> str:
    return message.get("intent_response_key") or message.get("intent")


def canonical(text: str) -> str:
    """Lower case, no accents, Arabic normalised, no punctuation: what counts as 'the same'."""
    text = unicodedata.normalize("NFD", normalise(text.lower()))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_intent_and_faq_key_has_20_training_examples(language):
    counts = Counter(label(m) for m in training(language).intent_examples)
    assert {name: counts[name] for name in LABELS if counts[name] < 20} == {}
    assert set(counts) <= LABELS


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_intent_and_faq_key_has_6_held_out_examples(language):
    counts = Counter(label(m) for m in held_out(language).intent_examples)
    assert {name: counts[name] for name in LABELS if counts[name] < 6} == {}
    assert set(counts) <= LABELS


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_out_of_scope_is_a_real_class(language):
    counts = Counter(label(m) for m in training(language).intent_examples)
    assert counts["out_of_scope"] >= 300


def held_out_texts() -> list[str]:
    """Every held-out message: each language's sets and conversations, and the messages in other languages."""
    texts = [m["text"] for m in other_language_messages()]
    for language in SUPPORTED_LANGUAGES:
        sets = held_out_sets(language)
        texts += [m.get("text") for m in sets.examples]
        texts += sets.out_of_scope + sets.emergencies + sets.not_emergencies + sets.first_messages
        dialogue = conversations(language)
        held_out_conversations = dialogue["follow_ups"] + dialogue["off_topic"]
        texts += [turn["text"] for conversation in held_out_conversations for turn in conversation["turns"]]
        texts += [item["text"] for item in dialogue["contacts"] + dialogue["keywords"]]
    return texts


def test_held_out_examples_never_appear_in_training_data():
    trained = {
        canonical(m.get("text")) for lang in SUPPORTED_LANGUAGES for m in training(lang).intent_examples
    }
    trained |= {
        canonical(example)
        for path in LEXICON_DIR.glob("*.yml")
        for entry in read_lexicon_file(path)["categories"].values()
        for example in entry["examples"]
    }
    assert [text for text in held_out_texts() if canonical(text) in trained] == []


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_entity_values_are_the_contract_values(language):
    data = training(language)
    examples = data.intent_examples + held_out(language).intent_examples
    synonyms = data.entity_synonyms
    for message in examples:
        for entity in message.get("entities") or []:
            allowed = ENTITY_VALUES.get(entity["entity"])
            if allowed:
                value = synonyms.get(entity["value"].lower(), entity["value"])
                assert value in allowed, (message.get("text"), entity)
