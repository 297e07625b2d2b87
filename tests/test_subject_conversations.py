"""Conversations that keep their subject, over the REST channel with no language hint (actions/subject.py)."""

import pytest

from actions.rules_data import DIRECTORY, SUBJECTS
from bot.language import SUPPORTED_LANGUAGES
from bot.tools.evaluate_dialogue import Judge
from bot.understanding import topic_payload
from tests.rest_user import PATTERNS, User, language_of, response_name

JUDGE = Judge(PATTERNS, SUBJECTS, DIRECTORY)


@pytest.fixture(scope="module")
def rest_url(stack) -> str:
    return stack.rest_url


def answers_of(subject: str) -> set[str]:
    return {f"utter_faq/{key}" for key in SUBJECTS.subjects[subject].faq}


def answered(replies: list[dict]) -> set[str]:
    return {response_name(reply.get("text")) for reply in replies}


def has_card(replies: list[dict], service: str) -> bool:
    return JUDGE.gives_contact(replies, service)


# (language, the opening question, the subject it sets, a follow-up that names no subject). These check that
# the subject is kept; how often follow-ups written by others get it right is `make eval-dialogue`'s figure.
FOLLOW_UPS = [
    ("fr", "Bonjour, c'est quoi exactement le LISKO ?", "lisko", "et ça s'adresse à qui ?"),
    (
        "fr",
        "comment marche la garantie pour les propriétaires ?",
        "landlord_guarantee",
        "ça couvre combien ?",
    ),
    ("fr", "quels ateliers vous proposez ?", "workshops", "c'est quand ?"),
    ("fr", "LogIS de Caritas, ça fait quoi ?", "logis", "et ils aident qui ?"),
    ("fr", "c'est quoi le projet ALIN", "alin", "on s'inscrit comment ?"),
    ("fr", "c'est quoi la gestion locative sociale ?", "gls", "et qui s'en occupe ?"),
    ("fr", "il y a des foyers d'urgence ?", "emergency_shelter", "c'est dans quelle ville ?"),
    ("en", "what exactly is LISKO?", "lisko", "who can ask them for help?"),
    ("en", "how does the guarantee for landlords work?", "landlord_guarantee", "how much does it cover?"),
    ("en", "which workshops do you have?", "workshops", "when are they?"),
    ("en", "what does LogIS from Caritas do?", "logis", "and who do they help?"),
    ("en", "what is the ALIN project", "alin", "who is it for?"),
    ("en", "what is social rental management?", "gls", "who is in charge of it?"),
    ("en", "are there emergency shelters?", "emergency_shelter", "in which town?"),
    ("ar", "مرحبا، ما هو LISKO بالضبط؟", "lisko", "ولمن يقدم المساعدة؟"),
    ("ar", "كيف يعمل الضمان للمالكين؟", "landlord_guarantee", "كم يغطي من الإيجار؟"),
    ("ar", "ما هي الورشات التي تنظمونها؟", "workshops", "متى تكون؟"),
    ("ar", "ماذا يفعل LogIS التابع لـ Caritas؟", "logis", "ومن يساعدون؟"),
    ("ar", "ما هو مشروع ALIN", "alin", "ولمن هو؟"),
    ("ar", "ما هي الإدارة الاجتماعية للإيجار؟", "gls", "ومن المسؤول عنها؟"),
    ("ar", "هل توجد مراكز إيواء طارئ؟", "emergency_shelter", "في أي مدينة؟"),
]


@pytest.mark.parametrize("language, opening, subject, follow_up", FOLLOW_UPS)
def test_a_follow_up_is_answered_for_the_subject(rest_url, language, opening, subject, follow_up):
    user = User(rest_url)
    assert answered(user.says(opening)) & answers_of(subject)
    replies = user.says(follow_up)
    assert JUDGE.about(replies, subject)
    assert {language_of(reply.get("text")) for reply in replies} == {language}


# (the request, the service whose card it must get)
NAMED_CONTACTS = [
    ("le numéro de téléphone de LogIS svp", "logis"),
    ("quelle est l'adresse du LISKO ?", "lisko"),
    ("vous avez le mail de LogIS ?", "logis"),
    ("what's the phone number of LISKO?", "lisko"),
    ("LISKO address please", "lisko"),
    ("email of LogIS?", "logis"),
    ("ما هو رقم هاتف LISKO؟", "lisko"),
    ("اعطني عنوان LISKO", "lisko"),
    ("ما هو ايميل LogIS؟", "logis"),
]


@pytest.mark.parametrize("request_text, service", NAMED_CONTACTS)
def test_a_named_service_s_contact_comes_at_once(rest_url, request_text, service):
    replies = User(rest_url).says(request_text)
    assert has_card(replies, service)
    assert not any(reply.get("buttons") for reply in replies)


@pytest.mark.parametrize(
    "request_text, response",
    [
        ("numéro de l'ADEM ?", "utter_contact_missing_adem"),
        ("how do I contact the ONA?", "utter_contact_missing_ona"),
        ("عنوان Office social من فضلك", "utter_contact_missing_office_social"),
    ],
)
def test_a_service_without_details_in_the_sources_says_so(rest_url, request_text, response):
    assert response in answered(User(rest_url).says(request_text))


@pytest.mark.parametrize(
    "opening, follow_up, service",
    [
        ("c'est quoi le LISKO ?", "vous avez leur numéro ?", "lisko"),
        ("what is LogIS?", "how can I reach them?", "logis"),
        ("ما هو LISKO؟", "كيف أتصل بهم؟", "lisko"),
    ],
)
def test_their_contact_is_the_card_of_the_subject(rest_url, opening, follow_up, service):
    user = User(rest_url)
    user.says(opening)
    assert has_card(user.says(follow_up), service)


@pytest.mark.parametrize(
    "keyword, subject",
    [
        ("travail ?", "job_search"),
        ("ateliers", "workshops"),
        ("job?", "job_search"),
        ("psychologist?", "psychological_support"),
        ("شغل؟", "job_search"),
        ("دعم نفسي؟", "psychological_support"),
    ],
)
def test_a_topic_word_alone_gets_the_topic_s_answer_or_its_choices(rest_url, keyword, subject):
    replies = User(rest_url).says(keyword)
    offered = {button["payload"] for reply in replies for button in reply.get("buttons") or []}
    chosen = {topic_payload(key) for key in SUBJECTS.subjects[subject].faq}
    assert answered(replies) & answers_of(subject) or offered & chosen


@pytest.mark.parametrize(
    "turns",
    [
        [
            ("la garantie LISKO, c'est quoi ?", "landlord_guarantee"),
            ("et LogIS, ils font quoi ?", "logis"),
            ("c'est pour qui ?", "logis"),
        ],
        [
            ("what is the landlord guarantee?", "landlord_guarantee"),
            ("and LogIS, what do they do?", "logis"),
            ("who is it for?", "logis"),
        ],
        [("ما هو ضمان المالك؟", "landlord_guarantee"), ("و LogIS ماذا يفعل؟", "logis"), ("لمن هو؟", "logis")],
    ],
)
def test_a_subject_named_in_the_middle_of_follow_ups_becomes_the_subject(rest_url, turns):
    user = User(rest_url)
    for text, subject in turns:
        assert answered(user.says(text)) & answers_of(subject), text


@pytest.mark.parametrize(
    "opening, goodbye",
    [("c'est quoi le LISKO ?", "au revoir"), ("what is LogIS?", "bye"), ("ما هو LISKO؟", "مع السلامة")],
)
def test_small_talk_after_a_subject_keeps_its_reply(rest_url, opening, goodbye):
    user = User(rest_url)
    user.says(opening)
    assert answered(user.says(goodbye)) == {"utter_goodbye"}


def test_a_new_session_forgets_the_subject(rest_url):
    user = User(rest_url)
    user.says("what is the ALIN project?")
    user.starts_new_session()
    assert answered(user.says("how do I join?")) == {"utter_ask_subject"}


# How often follow-ups written by others are read as such is `make eval-dialogue`'s figure; this checks what
# a follow-up gets when there is no subject yet.
@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_a_follow_up_with_no_subject_yet_gets_asked_which_subject_is_meant(rest_url, language):
    user = User(rest_url)
    user.says(f'/set_language{{"language": "{language}"}}')
    replies = user.says("/follow_up")
    assert answered(replies) == {"utter_ask_subject"}
    assert {language_of(reply.get("text")) for reply in replies} == {language}


# How often off-topic questions after a subject are declined is `make eval-dialogue`'s figure; it is not 1.0
# ("et le bus pour la gare il passe à quelle heure ?" after LISKO got LISKO's answer on communes).
@pytest.mark.parametrize(
    "opening, off_topic",
    [
        ("what is LogIS?", "ok and how much is a sim card in luxembourg?"),
        ("ما هو LISKO؟", "وكم سعر تذكرة القطار إلى باريس؟"),
    ],
)
def test_an_off_topic_question_after_a_subject_is_declined(rest_url, opening, off_topic):
    user = User(rest_url)
    user.says(opening)
    assert answered(user.says(off_topic)) == {"utter_out_of_scope"}


@pytest.mark.parametrize(
    "opening",
    [
        "comment marche la garantie pour les propriétaires ?",
        "how does the guarantee for landlords work?",
        "كيف يعمل الضمان للمالكين؟",
    ],
)
def test_a_follow_up_inside_the_guarantee_questions_is_answered_then_they_go_on(rest_url, opening):
    """A follow-up is no answer to the form's question: the subject's answer, then the same question."""
    user = User(rest_url)
    user.says(opening)
    user.says("/check_guarantee")
    replies = user.says("/follow_up")
    assert JUDGE.about(replies, "landlord_guarantee")
    assert "utter_invalid_choice" not in answered(replies)
    assert response_name(replies[-1]["text"]) == "utter_ask_protection_status"
