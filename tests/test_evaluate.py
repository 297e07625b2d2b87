from dataclasses import replace

import pytest

from bot.tools.evaluate import GATES, LanguageReport, gate_report, language_of, response_of, response_patterns


def variation(language: str, text: str) -> dict:
    return {"condition": [{"type": "slot", "name": "language", "value": language}], "text": text}


RESPONSES = {
    "utter_cover": [variation("fr", "Loyer : {rent}.{contact}"), variation("en", "Rent: {rent}.{contact}")],
    "utter_plain": [variation("ar", "مرحبا (1+1)?")],
}
PATTERNS = response_patterns(RESPONSES)


def test_a_reply_is_traced_to_its_variation_whatever_values_fill_it():
    assert (
        language_of("Loyer : 1\u00a0200\u00a0€.\nLISKO\nTéléphone\u00a0: (+352) 27 55 56 03", PATTERNS)
        == "fr"
    )
    assert language_of("Rent: €1,200.", PATTERNS) == "en"
    assert language_of("مرحبا (1+1)?", PATTERNS) == "ar"


def test_a_text_is_not_taken_for_a_shorter_one_followed_by_a_value():
    patterns = response_patterns(
        {
            "utter_route": [variation("en", "LISKO helps.{contact}")],
            "utter_faq": [variation("en", "LISKO helps. More.")],
        }
    )
    assert response_of("LISKO helps. More.", patterns) == ("utter_faq", "en")
    assert response_of("LISKO helps.\nLISKO card", patterns) == ("utter_route", "en")


def test_an_unknown_text_has_no_language():
    assert language_of("Loyer 1200", PATTERNS) is None
    assert language_of(None, PATTERNS) is None


# A report that meets every bar exactly.
AT_THE_BARS = LanguageReport(
    language="fr",
    examples=100,
    intent_macro_f1=0.9,
    clarified=0.1,
    acted_on_wrongly=0.1,
    reply_language_ongoing=0.9,
    **{figure: bar for figure, (bar, _) in GATES.items()},
)


def test_figures_at_their_bars_pass():
    assert gate_report([AT_THE_BARS], other_languages=0.95) == []


@pytest.mark.parametrize(
    "figure, value",
    [
        ("intent_accuracy", 0.949),
        ("emergency_recall", 0.99),
        ("false_alarms", 0.011),
        ("out_of_scope_acted_on", 0.051),
    ],
)
def test_a_figure_past_its_bar_fails(figure, value):
    failed = gate_report([replace(AT_THE_BARS, **{figure: value})], other_languages=0.95)
    assert len(failed) == 1 and failed[0].startswith(f"fr {figure} {value} ")


def test_other_languages_below_their_bar_fail():
    assert gate_report([AT_THE_BARS], other_languages=0.94) == [
        "other languages answered 0.94 (at least 0.95)"
    ]
