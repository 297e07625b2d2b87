from collections import Counter

import pytest

from bot.rules.directory import load_directory
from bot.rules.subjects import Question, Reply, load_subjects
from tests.test_domain import FAQ_KEYS

SUBJECTS = load_subjects()


def test_every_faq_answer_belongs_to_one_subject():
    keys = Counter(key for subject in SUBJECTS.subjects.values() for key in subject.faq)
    assert set(keys) == set(FAQ_KEYS)
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_service_of_a_subject_is_in_the_directory():
    services = load_directory().services
    assert [s.service for s in SUBJECTS.subjects.values() if s.service and s.service not in services] == []


def question(
    intent: str,
    ranking: str = "",
    named: str = "",
    confidence: float = 0.9,
    contact: bool = False,
    is_question: bool = True,
    them: bool = False,
):
    return Question(intent, confidence, ranking.split(), named.split(), contact, is_question, them)


# (question, current subject, reply, subject after the message)
CASES = [
    # A question the model places gets its answer, and sets the subject.
    (question("faq", "lisko alin"), None, Reply(faq_key="lisko"), "lisko"),
    (
        question("faq", "lisko_target_group lisko", "lisko"),
        "alin",
        Reply(faq_key="lisko_target_group"),
        "lisko",
    ),
    # A follow-up (no subject named) is answered for the current subject, whatever the model's first guess.
    (
        question("faq", "rental_deposit landlord_guarantee"),
        "landlord_guarantee",
        Reply(faq_key="landlord_guarantee"),
        "landlord_guarantee",
    ),
    (question("faq", "job_search logis_support logis"), "logis", Reply(faq_key="logis_support"), "logis"),
    # A subject named wins over the current one, and over the model's first guess.
    (
        question("faq", "lisko_communes housing_pact", "housing_pact"),
        "lisko",
        Reply(faq_key="housing_pact"),
        "housing_pact",
    ),
    # A follow-up question ("how much?", "where do I go?") is answered for the current subject, even when the
    # model's likeliest answer is another subject's; with no subject, the usual reply asks which one.
    (
        question("follow_up", "emergency_shelter landlord_guarantee workshops"),
        "landlord_guarantee",
        Reply(faq_key="landlord_guarantee"),
        "landlord_guarantee",
    ),
    (
        question("follow_up", "lisko_target_group workshop_signup", confidence=0.55),
        "workshops",
        Reply(faq_key="workshop_signup"),
        "workshops",
    ),
    (question("follow_up", "lisko_target_group"), None, None, None),
    (question("follow_up", "lisko", contact=True), "logis", Reply(service="logis"), "logis"),
    (question("follow_up", "workshops", "alin"), "lisko", Reply(faq_key="alin"), "alin"),
    # "They" is the service discussed: another service's topic named is something it may do, and the
    # question stays about it; its own topics, and services named, are answered as such. Without "they",
    # the topic wins.
    (
        question("faq", "job_search logis_support logis", "job_search", them=True),
        "logis",
        Reply(faq_key="logis_support"),
        "logis",
    ),
    (
        question("faq", "psychological_support lisko", "psychological_support", them=True),
        "lisko",
        Reply(faq_key="psychological_support"),
        "psychological_support",
    ),
    (
        question("faq", "workshops lisko", "workshops", them=True),
        "lisko",
        Reply(faq_key="workshops"),
        "workshops",
    ),
    (question("faq", "ona lisko", "ona", them=True), "lisko", Reply(faq_key="ona"), "ona"),
    (
        question("faq", "workshops psychological_support", "workshops", them=True),
        "psychological_support",
        Reply(faq_key="workshops"),
        "workshops",
    ),
    (question("faq", "job_search logis", "job_search"), "logis", Reply(faq_key="job_search"), "job_search"),
    # The ranking lacks the subject's answers: its main answer.
    (question("faq", "lisko", "alin"), None, Reply(faq_key="alin"), "alin"),
    # A general subject named (housing) does not change the current subject; with none, it is the subject.
    (
        question("faq", "find_housing logis_support", "find_housing"),
        "logis",
        Reply(faq_key="logis_support"),
        "logis",
    ),
    (question("faq", "find_housing", "find_housing"), None, Reply(faq_key="find_housing"), "find_housing"),
    (
        question("faq", "find_housing shared_housing", "find_housing shared_housing"),
        "alin",
        Reply(faq_key="shared_housing"),
        "shared_housing",
    ),
    (question("greet", named="find_housing"), "alin", None, "alin"),
    (question("inform", "find_housing", "find_housing"), None, Reply(faq_key="find_housing"), "find_housing"),
    # Unsure: on a follow-up, the answer for the subject; a first question naming subjects, their answers to
    # choose from; in a conversation already about a subject, the subject named is answered.
    (
        question("nlu_fallback", "workshops workshop_signup alin"),
        "workshops",
        Reply(faq_key="workshops"),
        "workshops",
    ),
    (
        question("nlu_fallback", "alin workshop_signup lisko", "workshops"),
        None,
        Reply(
            choices=(
                "workshop_signup",
                "workshops",
                "workshop_welcome",
                "workshop_housing",
                "workshop_moving",
            )
        ),
        "workshops",
    ),
    (question("nlu_fallback", "alin"), None, None, None),
    (question("nlu_fallback", "alin", "ona"), None, Reply(faq_key="ona"), "ona"),
    (question("nlu_fallback", "alin ona", "ona"), "lisko", Reply(faq_key="ona"), "ona"),
    # A topic word alone (read as facts given) gets the topic's answer; facts alone keep their reply.
    (
        question("inform", "find_housing job_search", "job_search"),
        "lisko",
        Reply(faq_key="job_search"),
        "job_search",
    ),
    (question("inform", "find_housing", is_question=False), "lisko", None, "lisko"),
    # Facts are never given as a question: one read as facts given ("how much max?") is a follow-up.
    (question("inform", "lisko_communes lisko"), "lisko", Reply(faq_key="lisko_communes"), "lisko"),
    (question("inform", "lisko"), None, None, None),
    # Out of scope: a question on a follow-up the model is unsure of gets the answer for the subject; else
    # declined.
    (question("out_of_scope", "alin ona", confidence=0.5), "ona", Reply(faq_key="ona"), "ona"),
    (question("out_of_scope", "alin ona", confidence=0.9), "ona", None, "ona"),
    (question("out_of_scope", "alin ona", confidence=0.5), None, None, None),
    (question("out_of_scope", "alin", "lisko", confidence=0.5), "ona", None, "lisko"),
    (question("out_of_scope", "ona", confidence=0.5, is_question=False), "ona", None, "ona"),
    # Small talk ("c'est où ?" as a question to the bot): the same.
    (question("bot_challenge", "alin ona", confidence=0.6), "ona", Reply(faq_key="ona"), "ona"),
    (
        question("help", "workshop_signup workshops", confidence=0.5),
        "workshops",
        Reply(faq_key="workshop_signup"),
        "workshops",
    ),
    (question("goodbye", "alin", confidence=0.9), "ona", None, "ona"),
    (question("affirm", "alin", confidence=0.6), None, None, None),
    (question("goodbye", "ona", confidence=0.5, is_question=False), "ona", None, "ona"),
    (question("deny", "alin", "lisko", confidence=0.6), "ona", None, "lisko"),
    (question("thank", "ona", confidence=0.5, is_question=False), "ona", None, "ona"),
    # Contact: the card of the service named, else of the current subject's; else the questions.
    (question("find_contact", named="logis"), "lisko", Reply(service="logis"), "logis"),
    (question("find_contact"), "landlord_guarantee", Reply(service="lisko"), "landlord_guarantee"),
    (question("find_contact", named="housing_first"), "lisko", None, "housing_first"),
    (question("find_contact"), None, None, None),
    # "Who runs it?" on a follow-up about a subject with no card: its answer, which says whom to ask.
    (question("find_contact", "lisko gls"), "gls", Reply(faq_key="social_rental_management"), "gls"),
    # Contact details asked for with a small-talk verdict ("il est où leur bureau ?" as a bot question).
    (question("bot_challenge", contact=True), "logis", Reply(service="logis"), "logis"),
    # Contact details asked for in a message surely out of scope ("where can I get my phone repaired?"): the
    # refusal stands.
    (question("out_of_scope", "lisko", contact=True, confidence=0.85), "lisko", None, "lisko"),
    (
        question("out_of_scope", "lisko", contact=True, confidence=0.6),
        "lisko",
        Reply(service="lisko"),
        "lisko",
    ),
    # Contact details asked for in any question: the card, when the subject has a service.
    (question("faq", "lisko", contact=True), "lisko", Reply(service="lisko"), "lisko"),
    (question("nlu_fallback", "alin", named="ona", contact=True), None, Reply(service="ona"), "ona"),
    (
        question("nlu_fallback", "emergency_shelter", contact=True),
        "emergency_shelter",
        Reply(faq_key="emergency_shelter"),
        "emergency_shelter",
    ),
    # A hand-off gives the card of a service named only; otherwise the routing stands.
    (question("human_handoff", named="rental_deposit logis"), None, Reply(service="logis"), "rental_deposit"),
    (question("human_handoff"), "logis", None, "logis"),
    # A hand-off or thanks that asks for contact details ("can you give me their phone") is a contact request.
    (question("human_handoff", contact=True), "logis", Reply(service="logis"), "logis"),
    (question("thank", contact=True, confidence=0.9), "lisko", Reply(service="lisko"), "lisko"),
    # Other intents keep their replies; a subject named still becomes the subject.
    (question("check_guarantee", named="landlord_guarantee"), "alin", None, "landlord_guarantee"),
    # "Looking for a flat, and the landlord wants guarantees: can the Red Cross help?" is about the guarantee.
    (
        question("check_guarantee", named="find_housing landlord_guarantee lisko"),
        None,
        None,
        "landlord_guarantee",
    ),
    (question("greet"), "alin", None, "alin"),
]


@pytest.mark.parametrize("asked, current, reply, subject_after", CASES)
def test_reply_and_subject(asked, current, reply, subject_after):
    assert SUBJECTS.reply(asked, current) == reply
    assert SUBJECTS.next_subject(asked, current) == subject_after
