import pytest

from bot.tools.bench.language_id import accuracy, is_short


@pytest.mark.parametrize(
    "text, short",
    [
        ("bonjour", True),
        ("see ya", True),
        ("مسا الخير", True),
        ("c'est quoi LISKO", False),
        ("123 !", False),
        ("hello 2 you 3", True),
        ("I need a flat now", False),
    ],
)
def test_short_means_one_to_three_words_not_counting_digits(text, short):
    assert is_short(text) is short


def test_accuracy_is_the_share_of_messages_identified_in_their_language(language_identifier):
    texts = ["Où puis-je trouver un logement à Luxembourg ?", "أين أجد سكنا؟", "Where can I find a flat?"]
    assert accuracy(language_identifier, texts, "fr") == pytest.approx(1 / 3, abs=0.001)
