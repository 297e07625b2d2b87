import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.language_names import language_names, load_not_understood, named_language

NAMES = language_names(load_data("data/nlu").entity_synonyms)
NOT_UNDERSTOOD = load_not_understood()


@pytest.mark.parametrize(
    "text, code",
    [
        ("please write in French", "fr"),
        ("can you reply in arabic thanks", "ar"),
        ("je veux parler en anglais", "en"),
        ("الانجليزية لو سمحت", "en"),
        ("حولها للفرنسي", "fr"),
        ("بالعربي لو سمحت", "ar"),
        # A language not understood is not the one wanted: the conversation takes the message's own.
        ("I don't understand French", None),
        ("mon anglais est nul", None),
        ("ما بفهم انجليزي", None),
        # Two languages named, or none: the entity extractor decides.
        ("english or french, both ok", None),
        ("Parli italiano?", None),
        ("where is the office", None),
    ],
)
def test_the_one_language_named_and_wanted(text, code):
    assert named_language(text, NAMES, NOT_UNDERSTOOD) == code
