"""The logs of a conversation that typed personal data do not contain it, even at debug level."""

import random
import string

from bot.paths import PROJECT_ROOT
from tests.rest_user import User

PERSONAL_DATA = {
    "+352 621 987 654": "[phone]",
    "amina.b@example.lu": "[email]",
    "LU28 0019 4006 4475 0000": "[iban]",
    "1985010112345": "[national-id]",
    "AB1234567": "[document-number]",
}


def letters_only_sender() -> str:
    """A conversation id no masking pattern can touch (a hex id may look like an IBAN: "cb3015d8f25b...")."""
    return "privacy-log-" + "".join(random.choices(string.ascii_lowercase, k=24))


def test_personal_data_typed_by_a_user_is_masked_in_the_logs(stack):
    user = User(stack.rest_url)
    user.sender = letters_only_sender()
    user.says("Bonjour, mon téléphone est +352 621 987 654 et mon mail amina.b@example.lu")
    user.says("Mon IBAN est LU28 0019 4006 4475 0000, matricule 1985010112345, passeport AB1234567")
    log = (PROJECT_ROOT / "results" / "test-servers.log").read_text(encoding="utf-8", errors="replace")
    assert user.sender in log, "the servers run at debug level in the tests: the conversation must be logged"
    for typed, label in PERSONAL_DATA.items():
        assert typed not in log
        assert label in log
