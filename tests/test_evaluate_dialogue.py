import pytest

from bot.responses import card_labels, load_responses
from bot.rules.directory import contact_card, load_directory
from bot.rules.subjects import load_subjects
from bot.tools.evaluate import response_patterns
from bot.tools.evaluate_dialogue import DialogueReport, Judge, gate_report
from bot.understanding import topic_payload


def variation(text: str) -> dict:
    return {"condition": [{"type": "slot", "name": "language", "value": "en"}], "text": text}


DIRECTORY = load_directory()
RESPONSES = {
    "utter_faq/lisko_target_group": [variation("LISKO helps BPI.")],
    "utter_clarify": [variation("Which?")],
}
JUDGE = Judge(response_patterns(RESPONSES), load_subjects(), DIRECTORY)
LISKO_CARD = contact_card(DIRECTORY.services["lisko"], card_labels(load_responses(), "en"))
TOPIC_BUTTONS = [{"title": "LISKO", "payload": topic_payload("lisko")}]


@pytest.mark.parametrize(
    "replies, subject, with_buttons, expected",
    [
        ([{"text": "LISKO helps BPI."}], "lisko", False, True),
        ([{"text": "LISKO helps BPI."}], "logis", False, False),
        ([{"text": f"Contact:\n{LISKO_CARD}"}], "lisko", False, True),
        ([{"text": "Which?", "buttons": TOPIC_BUTTONS}], "lisko", False, False),
        ([{"text": "Which?", "buttons": TOPIC_BUTTONS}], "lisko", True, True),
        ([{"text": "Something else."}], "lisko", True, False),
    ],
)
def test_an_answer_is_about_a_subject(replies, subject, with_buttons, expected):
    assert JUDGE.about(replies, subject, with_buttons) is expected


def test_a_service_without_details_is_named():
    assert JUDGE.gives_contact([{"text": "Ask the ONA social worker."}], "ona")
    assert not JUDGE.gives_contact([{"text": "Ask the social worker."}], "ona")


@pytest.mark.parametrize(
    "replies, declined",
    [
        ([{"text": "Which?"}], True),
        ([{"text": "Something else."}], True),
        ([{"text": "LISKO helps BPI."}], False),
        ([{"text": "Which?"}, {"text": f"Contact:\n{LISKO_CARD}"}], False),
    ],
)
def test_an_off_topic_question_is_declined_without_an_answer_or_a_card(replies, declined):
    assert JUDGE.declines(replies) is declined


def test_a_figure_below_its_bar_fails_the_run():
    counts = {"follow_up_turns": 40, "contact_requests": 12, "keyword_questions": 18}
    counts["off_topic_questions"] = 10
    figures = {"keywords_on_topic": 0.96, "off_topic_declined": 0.9, **counts}
    passing = DialogueReport("fr", follow_ups_on_subject=0.95, contacts_with_card=1.0, **figures)
    failing = DialogueReport("en", follow_ups_on_subject=0.94, contacts_with_card=0.9, **figures)
    assert gate_report([passing]) == []
    assert gate_report([passing, failing]) == [
        "en follow_ups_on_subject 0.94 (at least 0.95)",
        "en contacts_with_card 0.9 (at least 0.95)",
    ]
