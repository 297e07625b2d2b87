from bot.evaluate import language_of, response_patterns


def variation(language: str, text: str) -> dict:
    return {"condition": [{"type": "slot", "name": "language", "value": language}], "text": text}


RESPONSES = {
    "utter_cover": [variation("fr", "Loyer : {rent}.{contact}"), variation("en", "Rent: {rent}.{contact}")],
    "utter_plain": [variation("ar", "مرحبا (1+1)?")],
}
PATTERNS = response_patterns(RESPONSES)


def test_a_reply_is_traced_to_its_variation_whatever_values_fill_it():
    assert language_of("Loyer : 1\u00a0200\u00a0€.\nLISKO\n📞 (+352) 27 55 56 03", PATTERNS) == "fr"
    assert language_of("Rent: €1,200.", PATTERNS) == "en"
    assert language_of("مرحبا (1+1)?", PATTERNS) == "ar"


def test_an_unknown_text_has_no_language():
    assert language_of("Loyer 1200", PATTERNS) is None
    assert language_of(None, PATTERNS) is None
