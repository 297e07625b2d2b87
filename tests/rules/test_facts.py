import pytest

from bot.rules.eligibility import Criteria
from bot.rules.facts import NO, PROTECTION_STATUSES, UNKNOWN, YES, yes_no
from bot.rules.routing import FACT_VALUES


@pytest.mark.parametrize(
    "value, answer", [(YES, True), (NO, False), (UNKNOWN, None), (None, None), ("", None)]
)
def test_yes_no(value, answer):
    assert yes_no(value) is answer


def test_the_routing_knows_every_protection_status_and_unknown():
    assert FACT_VALUES["protection_status"] == (*PROTECTION_STATUSES, UNKNOWN)
    assert FACT_VALUES["vulnerable"] == (YES, NO, UNKNOWN)


def test_the_guarantee_policy_may_name_only_known_statuses():
    statuses = list(PROTECTION_STATUSES)
    assert Criteria(protected_statuses=statuses).protected_statuses == statuses
    with pytest.raises(ValueError, match="unknown statuses"):
        Criteria(protected_statuses=[UNKNOWN])
