import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


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


@pytest.mark.parametrize(
    "text, code",
    [("hi", "en"), ("hello", "en"), ("thanks", "en"), ("bonjour", "fr"), ("merci", "fr"), ("slt", "fr")]
    + [("what is LogIS?", "en"), ("c quoi LISKO", "fr"), ("I am in danger", "en"), ("hiya", "en")]
    + [("housing?", "en"), ("Housing First c'est quoi", "fr"), ("I need the garantie locative", "en")],
)
def test_common_words_decide_a_short_message(language_identifier, text, code):
    assert language_identifier.guess(text).code == code


@pytest.mark.parametrize(
    "text, code",
    [("what is the atelier logement about", "en"), ("je cherche un flat pour ma famille", "fr")],
)
def test_common_words_outweigh_a_borrowed_term(language_identifier, text, code):
    assert language_identifier.guess(text).code == code


@pytest.mark.parametrize(
    "text, language",
    [
        ("Hallo, ich suche eine Wohnung für meine Familie", "de"),
        ("hola, necesito ayuda para encontrar un piso", "es"),
        ("merhaba, ev arıyorum yardım eder misiniz", "tr"),
        ("Moien, ech sichen eng Wunneng", "lb"),
        ("Привіт, я шукаю житло", "uk"),
        ("ሰላም ገዛ እደሊ ኣለኹ", "ti"),
        ("سلام، من دنبال خانه هستم", "fa"),
        ("من به کمک نیاز دارم", "fa"),
        ("hola busco trabajo", "es"),
        ("preciso de um apartamento", "pt"),
    ],
)
def test_languages_the_assistant_does_not_serve_are_named(language_identifier, text, language):
    guess = language_identifier.guess(text)
    assert (guess.unsupported, guess.reliable) == (language, False)


@pytest.mark.parametrize(
    "text",
    ["salam 3andi mochkil f sakan, chkoun y3awenni?", "ana bdi bet, mafi 7ada y3aweni", "wach kayn khdma"]
    + ["ana ma 3andi bayt", "ana 3ayez sakan"],
)
def test_arabic_in_latin_letters_is_arabic(language_identifier, text):
    guess = language_identifier.guess(text)
    assert (guess.code, guess.romanised_arabic, guess.unsupported) == ("ar", True, None)


@pytest.mark.parametrize(
    "text",
    ["salam hello", "merci, thank you", "inshallah I find a flat soon", "j'ai 3 enfants et 2 chambres"]
    + ["salam alaikum, good morning", "is a wohngemeinschaft ok for a refugee family"]
    + ["شو الاجواء", "بدي اعرف شو هو LISKO", "الحقوني", "وين بلاقي شغل بلوكسمبورغ"]
    # Arabic with a borrowed letter, or short enough for the detector to hesitate, is Arabic.
    + ["ما هو الپروجكت تبع ليسكو", "شو هي شروط الضمانة"],
)
def test_served_languages_with_borrowed_words_are_not_another_language(language_identifier, text):
    guess = language_identifier.guess(text)
    assert (guess.unsupported, guess.romanised_arabic) == (None, False)


@pytest.mark.parametrize("text", ["zxqv blorp", "kjh lkjh", "asdfg hjkl"])
def test_a_keyboard_mash_is_not_another_language(language_identifier, text):
    assert language_identifier.guess(text).unsupported is None
