import pytest
from rasa.shared.nlu.training_data.message import Message


def tokens(language_identifier, tokenizer, text):
    message = Message(data={"text": text})
    tokenizer.process(language_identifier.process([message]))
    return message.get("text_tokens")


@pytest.mark.parametrize(
    "text, lemmas",
    [
        ("Il a trouvé des logements", ["il", "avoir", "trouver", "un", "logement"]),
        ("les ateliers du LISKO sont où ?", ["le", "atelier", "du", "lisko", "etre", "ou"]),
        ("where are the workshops happening", ["where", "be", "the", "workshop", "happen"]),
        ("وبالسكن إيجاري ١٢٠٠ يورو", ["سكن", "ايجار", "1200", "يورو"]),
        ("أريد المساعدة", ["اريد", "مساعد"]),
    ],
)
def test_lemmas_per_language(language_identifier, tokenizer, text, lemmas):
    assert [t.lemma for t in tokens(language_identifier, tokenizer, text)] == lemmas


@pytest.mark.parametrize(
    "text", ["Mon loyer est de 1.200 € par mois", "my rent is €1,200", "الإيجار ١٢٠٠ يورو شهريا"]
)
def test_token_offsets_point_into_the_original_text(language_identifier, tokenizer, text):
    for token in tokens(language_identifier, tokenizer, text):
        assert text[token.start : token.end] == token.text


def test_currency_sign_is_a_token_so_amount_annotations_align(language_identifier, tokenizer):
    assert "€" in [t.text for t in tokens(language_identifier, tokenizer, "my rent is €1,200 a month")]


def test_message_of_only_punctuation_keeps_one_token(language_identifier, tokenizer):
    assert [t.text for t in tokens(language_identifier, tokenizer, "???")] == ["???"]


def test_currency_sign_is_a_token_in_arabic_too(language_identifier, tokenizer):
    texts = [t.text for t in tokens(language_identifier, tokenizer, "الإيجار ٩٠٠ €")]
    assert texts == ["الإيجار", "٩٠٠", "€"]
