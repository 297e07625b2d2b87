import pytest

from bot.evaluate import response_patterns
from bot.evaluate_dialogue import Judge
from bot.rules.directory import contact_card, load_directory
from bot.rules.subjects import load_subjects
from bot.understanding import topic_payload


def variation(text: str) -> dict:
    return {"condition": [{"type": "slot", "name": "language", "value": "en"}], "text": text}


DIRECTORY = load_directory()
RESPONSES = {
    "utter_faq/lisko_target_group": [variation("LISKO helps BPI.")],
    "utter_clarify": [variation("Which?")],
}
JUDGE = Judge(response_patterns(RESPONSES), load_subjects(), DIRECTORY)
LISKO_CARD = contact_card(DIRECTORY.services["lisko"])
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
