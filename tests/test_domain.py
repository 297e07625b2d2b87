"""Every response exists in the three languages, every FAQ key has an answer, and buttons and French texts
are fit to show."""

import re

import pytest
import yaml
from rasa.shared.core.domain import Domain

from bot.channels.text import BUTTON_TITLE_LIMIT
from bot.language import SUPPORTED_LANGUAGES
from bot.nlu.arabic import has_arabic_script
from bot.paths import DOMAIN_FILE
from bot.responses import RESPONSES_FOLDER, load_responses, variation_language

CORE_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "help",
    "out_of_scope",
    "set_language",
    "human_handoff",
    "emergency",
    "check_guarantee",
    "find_contact",
    "inform",
    "stop",
    "delete_data",
    "follow_up",
}
# Entities in a payload are written {{...}}: single braces would be read as a slot placeholder.
PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{\{.*\}\})?$")

DOMAIN_FILE_CONTENT = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
RESPONSES = load_responses()
# The domain as Rasa merges it: domain.yml, and the responses of data/responses/.
DOMAIN = {**DOMAIN_FILE_CONTENT, "responses": RESPONSES}
# The FAQ keys are those that have an answer: the training data and the subjects must cover exactly these.
FAQ_KEYS = {name.removeprefix("utter_faq/") for name in RESPONSES if name.startswith("utter_faq/")}


def test_rasa_merges_the_same_responses():
    """Rasa merges the responses files into the domain: the same set as ours, and none left in domain.yml."""
    rasa_domain = Domain.load([DOMAIN_FILE, RESPONSES_FOLDER])
    assert set(rasa_domain.responses) == set(RESPONSES)
    assert "responses" not in DOMAIN_FILE_CONTENT


def test_a_response_written_twice_is_an_error(tmp_path):
    for name in ("first.yml", "second.yml"):
        (tmp_path / name).write_text(
            'version: "3.1"\nresponses:\n  utter_greet:\n  - text: "Hello"\n', encoding="utf-8"
        )
    with pytest.raises(ValueError, match="utter_greet is written twice"):
        load_responses(tmp_path)


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_has_one_variation_per_language(name):
    languages = [variation_language(v) for v in RESPONSES[name]]
    assert sorted(languages) == sorted(SUPPORTED_LANGUAGES), name
    assert all(v.get("text", "").strip() for v in RESPONSES[name])


# Sent to someone who writes in a language the assistant does not serve: the three languages in one text.
MULTILINGUAL_RESPONSES = {"utter_other_language"}


def test_multilingual_responses_say_the_same_in_every_variation():
    for name in MULTILINGUAL_RESPONSES:
        texts = {variation["text"] for variation in RESPONSES[name]}
        assert len(texts) == 1 and has_arabic_script(texts.pop()), name


@pytest.mark.parametrize("name", sorted(set(RESPONSES) - MULTILINGUAL_RESPONSES))
def test_text_is_written_in_its_language_script(name):
    for variation in RESPONSES[name]:
        texts = [variation["text"]] + [b["title"] for b in variation.get("buttons", [])]
        language = variation_language(variation)
        for text in texts:
            if language == "ar":
                assert has_arabic_script(text) or text in {"Français", "English"}, (name, text)
            else:
                assert not has_arabic_script(text) or text == "العربية", (name, text)


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_buttons_do_the_same_in_every_language(name):
    """Intent payloads are identical; a question payload (for a FAQ) is its translated title."""
    buttons = {variation_language(v): v.get("buttons", []) for v in RESPONSES[name]}
    assert len(buttons["fr"]) == len(buttons["en"]) == len(buttons["ar"]), name
    for fr, en, ar in zip(buttons["fr"], buttons["en"], buttons["ar"], strict=True):
        if fr["payload"].startswith("/"):
            assert fr["payload"] == en["payload"] == ar["payload"], name
        else:
            assert not en["payload"].startswith("/") and not ar["payload"].startswith("/"), name


def test_intent_payloads_name_known_intents():
    """Retrieval intents such as faq/lisko cannot be a payload: Rasa only accepts domain intents."""
    for name, variations in RESPONSES.items():
        for variation in variations:
            for button in variation.get("buttons", []):
                if button["payload"].startswith("/"):
                    match = PAYLOAD.match(button["payload"])
                    assert match and match["intent"] in DOMAIN["intents"], (name, button["payload"])


def test_domain_keeps_the_nlu_contract():
    assert CORE_INTENTS <= set(DOMAIN["intents"])
    assert len(FAQ_KEYS) >= 20
    assert {f"utter_topic_{key}" for key in FAQ_KEYS} - set(RESPONSES) == set()
    assert {
        "protection_status",
        "housing_situation",
        "need",
        "amount",
        "commune",
        "language",
    } <= set(DOMAIN["entities"])


def test_emergency_reply_gives_112_and_113_first():
    for variation in RESPONSES["utter_emergency"]:
        first_line = variation["text"].splitlines()[0]
        assert "112" in first_line and "113" in first_line


@pytest.mark.parametrize("answer", ["utter_faq/psychological_support", "utter_faq/emergency_shelter"])
def test_distress_answers_give_112_and_113_in_every_language(answer):
    variations = RESPONSES[answer]
    assert {variation_language(variation) for variation in variations} == set(SUPPORTED_LANGUAGES)
    assert [v["text"] for v in variations if "112" not in v["text"] or "113" not in v["text"]] == []


# A number filled in at run time (days kept, months of rent) comes with its noun, made to agree with it
# by bot.rules.amounts.format_count: in Arabic the noun's form depends on the number (يومين، 3 أيام، 30 يومًا).
COUNTED_NOUN_AFTER_A_VALUE = re.compile(r"\{\w+\}\s*(?:يوم|يوما|يومًا|أيام|شهر|شهرا|شهرًا|أشهر|شهور)")


def test_arabic_nouns_counted_by_a_value_come_with_it():
    for name, variations in RESPONSES.items():
        for variation in variations:
            if variation_language(variation) == "ar":
                assert not COUNTED_NOUN_AFTER_A_VALUE.search(variation["text"]), name


def test_the_counted_noun_check_catches_a_noun_after_a_value():
    assert COUNTED_NOUN_AFTER_A_VALUE.search("أحتفظ بالمحادثة {retention_days} يوما")
    assert COUNTED_NOUN_AFTER_A_VALUE.search("(إيجار {rent_months} أشهر)")


# The texts of these responses are the titles of a clarifying question's buttons (actions/clarify.py).
TOPIC_TITLE_PREFIX = "utter_topic_"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_button_titles_fit_the_messaging_channels(name):
    """WhatsApp and Messenger cut a longer title ("Logé ou suivi par C…"); the payload may be longer."""
    for variation in RESPONSES[name]:
        titles = [button["title"] for button in variation.get("buttons", [])]
        if name.startswith(TOPIC_TITLE_PREFIX):
            titles.append(variation["text"])
        too_long = [title for title in titles if len(title) > BUTTON_TITLE_LIMIT]
        assert not too_long, (name, variation_language(variation), too_long)


# French typography: a no-break space (U+00A0) before : ; ? ! » and after «, so that no mark wraps alone.
BREAKABLE_SPACE_AT_A_MARK = re.compile(r" [:;?!»]|« ")


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_french_marks_are_held_by_a_no_break_space(name):
    for variation in RESPONSES[name]:
        if variation_language(variation) == "fr":
            for text in [variation["text"]] + [button["title"] for button in variation.get("buttons", [])]:
                assert not BREAKABLE_SPACE_AT_A_MARK.search(text), (name, text)


@pytest.mark.parametrize(
    "text, breakable",
    [
        ("Qui contacter ?", True),
        ("Téléphone : 27 55 56 03", True),
        ("écrivez « efface\u00a0»", True),
        ("Attention ; pas ici !", True),
        ("Qui contacter\u00a0?", False),
        ("écrivez «\u00a0efface mes données\u00a0»\u00a0; merci\u00a0!", False),
        ("https://example.lu, 10:30", False),
    ],
)
def test_the_typography_check_finds_ordinary_spaces(text, breakable):
    assert bool(BREAKABLE_SPACE_AT_A_MARK.search(text)) == breakable


@pytest.mark.parametrize(
    "variation",
    [{"text": "x"}, {"text": "x", "condition": [{"type": "slot", "name": "commune", "value": "fr"}]}],
)
def test_a_variation_with_no_language_condition_is_refused(variation):
    with pytest.raises(ValueError, match="one condition"):
        variation_language(variation)
