import pytest

from actions.clarify import ActionClarify
from actions.subject import USUAL_REPLY, ActionAnswer, ActionExtractSubject, subject_before_latest_message
from bot.rules.subjects import FOLLOW_UP, INFORM, PLACEABLE_ON_SUBJECT
from tests.actions.conftest import about, load_tracker, responses, slot_events
from tests.test_domain import DOMAIN


def tracker_for(intent: str, subject: str | None, ranking: list[str], entities: list[dict], confidence=0.9):
    """A conversation about `subject` whose latest message is `intent`, its FAQ keys ranked as given."""
    tracker = load_tracker("contact_caritas_refugee")
    tracker.latest_message = {
        "text": "...",
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": "faq", "confidence": 0.5}],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{key}", "confidence": 0.1} for key in ranking]}
        },
        "entities": entities,
    }
    return about(tracker, subject)


SUBJECT = {"entity": "subject", "value": "logis"}
ASKS_CONTACT = {"entity": "asks_contact", "value": "yes"}
IS_QUESTION = {"entity": "is_question", "value": "yes"}


@pytest.mark.parametrize(
    "intent, subject, ranking, entities, after",
    [
        ("nlu_fallback", "lisko", ["alin", "lisko_target_group"], [], "lisko"),
        ("faq", "lisko", ["logis"], [SUBJECT], "logis"),
        ("faq", None, ["alin"], [], "alin"),
        ("greet", "ona", [], [], "ona"),
    ],
)
async def test_the_subject_after_each_message(dispatcher, intent, subject, ranking, entities, after):
    events = await ActionExtractSubject().run(dispatcher, tracker_for(intent, subject, ranking, entities), {})
    assert slot_events(events) == {"subject": after}


@pytest.mark.parametrize(
    "intent, subject, ranking, entities, confidence, sent",
    [
        ("faq", "lisko", ["rental_deposit", "lisko_target_group"], [], 0.9, ["utter_faq/lisko_target_group"]),
        (
            "inform",
            None,
            ["job_search"],
            [{"entity": "subject", "value": "job_search"}],
            0.9,
            ["utter_faq/job_search"],
        ),
        ("inform", "lisko", ["job_search"], [], 0.9, ["utter_inform_noted"]),
        ("out_of_scope", "alin", ["alin"], [IS_QUESTION], 0.5, ["utter_faq/alin"]),
        ("out_of_scope", "alin", ["alin"], [], 0.5, ["utter_out_of_scope"]),
        ("out_of_scope", "alin", ["alin"], [], 0.9, ["utter_out_of_scope"]),
        ("faq", "logis", ["logis"], [ASKS_CONTACT], 0.9, ["utter_contact_card"]),
        ("faq", "ona", ["ona"], [ASKS_CONTACT], 0.9, ["utter_contact_missing_ona"]),
        ("bot_challenge", "alin", ["alin"], [IS_QUESTION], 0.6, ["utter_faq/alin"]),
        ("bot_challenge", "alin", ["alin"], [IS_QUESTION], 0.9, ["utter_iamabot"]),
        ("help", None, ["alin"], [IS_QUESTION], 0.5, ["utter_help"]),
        ("goodbye", "alin", ["alin"], [], 0.5, ["utter_goodbye"]),
        ("goodbye", "logis", ["logis"], [ASKS_CONTACT], 0.9, ["utter_contact_card"]),
        ("follow_up", "alin", ["lisko_target_group", "alin"], [IS_QUESTION], 0.9, ["utter_faq/alin"]),
        ("follow_up", None, ["lisko_target_group"], [IS_QUESTION], 0.9, ["utter_ask_subject"]),
        (
            "faq",
            "logis",
            ["job_search", "logis_support"],
            [{"entity": "subject", "value": "job_search"}, {"entity": "refers_to_them", "value": "yes"}],
            0.9,
            ["utter_faq/logis_support"],
        ),
    ],
)
async def test_an_answer_for_the_subject(dispatcher, intent, subject, ranking, entities, confidence, sent):
    tracker = tracker_for(intent, subject, ranking, entities, confidence)
    await ActionAnswer().run(dispatcher, tracker, {})
    assert responses(dispatcher) == sent


def test_every_intent_answered_for_the_subject_has_its_usual_reply():
    assert set(USUAL_REPLY) == PLACEABLE_ON_SUBJECT | {INFORM, FOLLOW_UP}
    assert [name for name in USUAL_REPLY.values() if name not in DOMAIN["responses"]] == []


async def test_an_unsure_question_naming_a_subject_offers_its_answers(dispatcher):
    tracker = tracker_for("nlu_fallback", None, ["alin", "logis_support"], [SUBJECT], 0.3)
    await ActionClarify().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_clarify"]
    payloads = [button["payload"] for button in dispatcher.messages[0]["buttons"]]
    assert payloads == ['/choose_topic{"topic": "logis_support"}', '/choose_topic{"topic": "logis"}']


async def test_an_unsure_question_without_a_subject_gets_the_clarifying_question(dispatcher):
    tracker = tracker_for("nlu_fallback", None, ["alin"], [], 0.3)
    await ActionClarify().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_clarify"]
    assert [button["payload"] for button in dispatcher.messages[0]["buttons"]] == [
        '/choose_topic{"topic": "alin"}'
    ]


@pytest.mark.parametrize(
    "events, subject",
    [
        ([], None),
        ([{"event": "slot", "name": "subject", "value": "alin"}, {"event": "user"}], "alin"),
        (
            [
                {"event": "slot", "name": "subject", "value": "alin"},
                {"event": "user"},
                {"event": "slot", "name": "subject", "value": "logis"},
            ],
            "alin",
        ),
        (
            [
                {"event": "slot", "name": "subject", "value": "alin"},
                {"event": "session_started"},
                {"event": "user"},
            ],
            None,
        ),
    ],
)
def test_the_subject_before_the_latest_message(events, subject):
    assert subject_before_latest_message(events) == subject
