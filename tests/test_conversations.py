"""Whole conversations through the real action server and Rasa server, over the REST channel."""

import pytest

from bot.tools.bench.conversations import GUARANTEE_FORMS
from tests.rest_user import User, language_of, response_name


@pytest.fixture(scope="module")
def rest_url(stack) -> str:
    return stack.rest_url


def test_french_user_keeps_french_on_short_messages(rest_url):
    user = User(rest_url)
    assert user.reply_languages("Bonjour, qu'est-ce que le LISKO exactement ?") == {"fr"}
    for short in ["ok", "merci", "LISKO", "1200"]:
        assert user.reply_languages(short) == {"fr"}, short


def test_english_user_gets_english_then_keeps_it(rest_url):
    user = User(rest_url)
    assert user.reply_languages("hello, who should I contact about my housing problem?") == {"en"}
    assert user.reply_languages("thanks") == {"en"}


def test_arabic_user_gets_arabic_right_through_a_fallback(rest_url):
    user = User(rest_url)
    assert user.reply_languages("السلام عليكم، ما هو LISKO؟") == {"ar"}
    for text in ["ok", "LogIS", "zxqv blorp", "٣٠٠٠"]:
        assert user.reply_languages(text) == {"ar"}, text


def test_explicit_choice_beats_detection(rest_url):
    user = User(rest_url)
    user.says("Bonjour, je cherche un logement à Esch")
    assert user.reply_languages("can you answer in Arabic please") == {"ar"}
    assert user.reply_languages("je voudrais parler en anglais") == {"en"}


def test_language_button_switches_language(rest_url):
    user = User(rest_url)
    user.says("bonjour")
    assert user.reply_languages('/set_language{"language": "en"}') == {"en"}
    assert user.reply_languages("ok") == {"en"}


def test_channel_hint_sets_the_language_of_a_new_session(rest_url):
    assert User(rest_url, {"language": "en-GB"}).reply_languages("ok") == {"en"}
    assert User(rest_url, {"language": "ar"}).reply_languages("hi") == {"ar"}


def test_confident_detection_beats_the_channel_hint(rest_url):
    user = User(rest_url, {"language": "ar"})
    assert user.reply_languages("Bonjour, comment trouver un logement au Luxembourg ?") == {"fr"}


def test_welcome_offers_the_three_languages(rest_url):
    replies = User(rest_url).says("bonjour")
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert titles == ["Français", "English", "العربية"]


@pytest.mark.parametrize(
    "text",
    ["je suis en danger, mon mari me frappe", "I am sleeping outside tonight", "أنا في خطر الآن"],
)
def test_emergency_gives_112_and_113_first(rest_url, text):
    first = User(rest_url).says(text)[0]["text"]
    assert "112" in first.splitlines()[0] and "113" in first.splitlines()[0]


# The cover for the rent each script types (1,200 EUR): 2 months of rent + 3,000 EUR.
TOTAL_COVER = {"fr": "5\u00a0400\u00a0€", "en": "€5,400", "ar": "5400 يورو"}


@pytest.mark.parametrize("language", GUARANTEE_FORMS)
def test_from_a_flat_found_to_the_cover_for_the_rent_typed(rest_url, language):
    user = User(rest_url)
    replies = [reply for step in GUARANTEE_FORMS[language] for reply in user.says(step)]
    assert {language_of(r.get("text")) for r in replies} == {language}
    texts = [r["text"] for r in replies]
    assert any(TOTAL_COVER[language] in text for text in texts), texts[-4:]
    assert any("(+352) 27 55 56 03" in text for text in texts[-1:])


def test_an_applicant_learns_the_guarantee_is_for_bpi_and_whom_to_contact_instead(rest_url):
    user = User(rest_url)
    user.says(GUARANTEE_FORMS["en"][0])
    texts = [r.get("text") or "" for r in user.says('/inform{"protection_status": "applicant"}')]
    assert any("(BPI)" in text for text in texts) and any("ONA" in text for text in texts), texts
    assert not any("27 55 56 03" in text for text in texts), texts


CONTACT_CONVERSATIONS = {
    "fr": "qui dois-je contacter ? j'ai le statut de réfugié et je vis dans une maison Caritas",
    "en": "who should I contact, I have refugee status and live in a Caritas house",
    "ar": "بمن أتصل؟ لدي صفة لاجئ وأسكن في بيت كاريتاس",
}


# Whatever the form asks (it skips what the first message said), the button a refugee in a Caritas house,
# looking for housing, not in a fragile situation, would press.
ANSWERS_BY_BUTTON = [
    '/inform{"protection_status": "refugee"}',
    '/inform{"housing_situation": "caritas_housing"}',
    '/inform{"need": "housing"}',
    "/deny",
]


@pytest.mark.parametrize("language", CONTACT_CONVERSATIONS)
def test_a_refugee_in_a_caritas_house_is_sent_to_logis(rest_url, language):
    user = User(rest_url)
    replies = user.says(CONTACT_CONVERSATIONS[language])
    for _ in ANSWERS_BY_BUTTON:
        if any("LogIS" in (r.get("text") or "") for r in replies):
            break
        offered = [b["payload"] for r in replies for b in r.get("buttons", [])]
        replies = user.says(next(answer for answer in ANSWERS_BY_BUTTON if answer in offered))
    logis = next(r["text"] for r in replies if "LogIS" in (r.get("text") or ""))
    assert "(+352) 40 21 31 - 903" in logis and "logis@caritas.lu" in logis
    assert {language_of(r.get("text")) for r in replies} == {language}


@pytest.mark.parametrize(
    "language, emergency",
    [
        ("fr", "au secours, mon mari me frappe"),
        ("en", "help, my husband is beating me"),
        ("ar", "زوجي يضربني الآن"),
    ],
)
def test_an_emergency_inside_a_form_gets_112_first_in_the_conversation_language(
    rest_url, language, emergency
):
    user = User(rest_url)
    user.says(f'/set_language{{"language": "{language}"}}')
    user.says("/check_guarantee")
    replies = user.says(emergency)
    assert "112" in replies[0]["text"] and "113" in replies[0]["text"]
    assert language_of(replies[0]["text"]) == language
    resumed = user.says("/check_guarantee")
    payloads = [b["payload"] for b in resumed[-1].get("buttons", [])]
    assert '/inform{"protection_status": "refugee"}' in payloads


FIRST_MESSAGES = {
    "en": ["hi", "hello", "what is LogIS?", "I am in danger"],
    "fr": ["salut", "merci"],
    "ar": ["مرحبا"],
}


@pytest.mark.parametrize(
    "language, text", [(language, text) for language, texts in FIRST_MESSAGES.items() for text in texts]
)
def test_a_short_first_message_sets_the_conversation_language(rest_url, language, text):
    user = User(rest_url)
    assert user.reply_languages(text) == {language}
    assert user.reply_languages("ok") == {language}


def test_an_english_conversation_opened_with_hi_stays_english(rest_url):
    user = User(rest_url)
    replies = user.says("hi")
    assert [b["title"] for r in replies for b in r.get("buttons", [])] == ["Français", "English", "العربية"]
    assert {language_of(r.get("text")) for r in replies} == {"en"}
    assert user.reply_languages("who can help me find a flat?") == {"en"}
    assert user.reply_languages("merci") == {"en"}


@pytest.mark.parametrize(
    "opening, asked, expected",
    [
        ("Bonjour, je cherche un logement", "sorry my french is bad, can you answer in english?", "en"),
        ("hello, I am looking for a flat", "je ne comprends pas l'anglais", "fr"),
        ("Bonjour, c'est quoi le LISKO ?", "ما بفهم فرنساوي، احكي معي بالعربي", "ar"),
    ],
)
def test_a_language_change_asked_for_in_another_language(rest_url, opening, asked, expected):
    user = User(rest_url)
    user.says(opening)
    assert user.reply_languages(asked) == {expected}


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "je n'ai nulle part où dormir ce soir"),
        ("en", "I have no place to sleep tonight"),
        ("ar", "ما عندي مكان نام فيه الليلة"),
    ],
)
def test_no_place_to_sleep_tonight_gets_the_numbers_then_the_shelter_answer(rest_url, language, text):
    user = User(rest_url)
    user.says(f'/set_language{{"language": "{language}"}}')
    replies = [r.get("text") for r in user.says(text)]
    assert "112" in replies[0].splitlines()[0] and "113" in replies[0].splitlines()[0]
    assert response_name(replies[1]) == "utter_faq/emergency_shelter"
    assert {language_of(r) for r in replies} == {language}


@pytest.mark.parametrize(
    "language, text",
    [("fr", "mets un minuteur de dix minutes"), ("en", "play some jazz music"), ("ar", "شو طقس بكرا بباريس")],
)
def test_an_off_topic_message_is_declined_in_the_conversation_language(rest_url, language, text):
    user = User(rest_url)
    user.says(f'/set_language{{"language": "{language}"}}')
    replies = user.says(text)
    assert [response_name(r.get("text")) for r in replies] in (["utter_out_of_scope"], ["utter_clarify"])
    assert language_of(replies[0].get("text")) == language
    assert replies[0].get("buttons")


@pytest.mark.parametrize(
    "text", ["Hallo, ich suche eine Wohnung für meine Familie", "Привіт, я шукаю житло", "ሰላም ገዛ እደሊ ኣለኹ"]
)
def test_a_message_in_another_language_gets_the_languages_reply(rest_url, text):
    replies = User(rest_url).says(text)
    assert [response_name(r.get("text")) for r in replies] == ["utter_other_language"]
    assert [b["title"] for b in replies[0]["buttons"]] == ["Français", "English", "العربية"]


def test_arabic_in_latin_letters_is_answered_in_arabic(rest_url):
    user = User(rest_url)
    replies = user.says("salam 3andi mochkil f sakan, chkoun y3awenni?")
    assert [response_name(r.get("text")) for r in replies] == ["utter_romanised_arabic"]
    assert language_of(replies[0]["text"]) == "ar"
