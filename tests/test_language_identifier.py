import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language_entity import DETECTED_LANGUAGE_ENTITY, LanguageEntityExtractor


@pytest.mark.parametrize(
    "text, code",
    [
        ("Bonjour, je cherche un logement pour ma famille", "fr"),
        ("slt jai eu le statut de refugie kesk je doi faire", "fr"),
        ("Hello, I am looking for a flat for my family", "en"),
        ("hi i got refugee status wat should i do now", "en"),
        ("السلام عليكم أريد سكن", "ar"),
        ("بدي اعرف شو هو LISKO", "ar"),
        ("شنو", "ar"),  # Arabic script is decisive even for one word
    ],
)
def test_clear_messages_are_identified(language_identifier, text, code):
    guess = language_identifier.guess(text)
    assert (guess.code, guess.reliable) == (code, True)


@pytest.mark.parametrize(
    "text",
    ["ok", "merci", "LISKO", "1200", "LogIS ?", "thank you", "oui", "👍"]
    + ["kesk c l'ONA", "housing first kesako"],
)
def test_short_or_neutral_messages_are_not_reliable(language_identifier, text):
    assert language_identifier.guess(text).reliable is False


def test_confidence_is_a_probability(language_identifier):
    guess = language_identifier.guess("Where can I find the Office social of my commune?")
    assert 0.7 <= guess.confidence <= 1.0


def test_training_data_and_messages_carry_the_language(language_identifier):
    example = Message(data={"text": "je voudrais parler à quelqu'un", "intent": "human_handoff"})
    language_identifier.process_training_data(TrainingData([example]))
    assert example.get("language")["code"] == "fr"
    assert "language" in example.as_dict(only_output_properties=True)


def test_reliable_detection_becomes_an_entity(language_identifier):
    clear = Message(data={"text": "how can I find a flat in Luxembourg", "entities": []})
    short = Message(data={"text": "ok", "entities": []})
    LanguageEntityExtractor().process(language_identifier.process([clear, short]))
    assert [e["value"] for e in clear.get("entities") if e["entity"] == DETECTED_LANGUAGE_ENTITY] == ["en"]
    assert short.get("entities") == []
