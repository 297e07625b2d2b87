"""`make shell`: the answers as staff read them, buttons by their titles, picked by number."""

import pytest

from bot.run import message_for, shown

REPLIES = [
    {"recipient_id": "staff", "text": "Quel est votre statut ?"},
    {
        "text": "Choisissez :",
        "buttons": [
            {"title": "Statut de réfugié", "payload": '/inform{"protection_status": "refugee"}'},
            {"title": "Je ne sais pas", "payload": '/inform{"protection_status": "unknown"}'},
        ],
    },
    {"text": "\u200f\u2066LISKO\u2069 يساعدك", "buttons": [{"title": "English", "payload": "/set_language"}]},
]


def test_buttons_are_numbered_by_their_titles_never_their_payloads():
    lines, payloads = shown(REPLIES)
    assert lines == [
        "Quel est votre statut ?",
        "Choisissez :",
        "  1. Statut de réfugié",
        "  2. Je ne sais pas",
        "LISKO يساعدك",
        "  3. English",
    ]
    assert payloads[0] == '/inform{"protection_status": "refugee"}'


@pytest.mark.parametrize(
    "typed, sent",
    [
        ("1", '/inform{"protection_status": "refugee"}'),
        (" 3 ", "/set_language"),
        ("4", "4"),
        ("0", "0"),
        ("j'ai 2 enfants", "j'ai 2 enfants"),
    ],
)
def test_a_number_picks_a_button_anything_else_is_sent_as_typed(typed, sent):
    _, payloads = shown(REPLIES)
    assert message_for(typed, payloads) == sent
