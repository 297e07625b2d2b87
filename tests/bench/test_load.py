import pytest

from bot.language import SUPPORTED_LANGUAGES
from bot.tools.bench.conversations import SCRIPTS
from bot.tools.bench.load import Load, Turn, summary
from tests.rest_user import language_of


def turn(language: str, milliseconds: float, replies: list[str], failed: bool = False) -> Turn:
    return Turn(language, milliseconds / 1000, replies, failed)


def test_summary_gives_percentiles_throughput_failures_and_replies_in_another_language():
    turns = [turn("fr", ms, ["fr"]) for ms in range(1, 101)]
    turns[0] = turn("en", 1, ["fr", "en"])
    turns[1] = turn("fr", 2, [], failed=True)

    result = summary(users=4, conversations=10, turns=turns, seconds=5.0, language_of=lambda text: text)

    assert (result.messages, result.failed, result.throughput) == (100, 1, 20.0)
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == pytest.approx((50.5, 95.05, 99.01), abs=0.1)
    assert result.wrong_language_replies == pytest.approx(1 / 100, abs=0.001)


def test_a_reply_whose_language_cannot_be_told_counts_as_wrong():
    result = summary(1, 1, [turn("ar", 5, ["?"])], 1.0, language_of=lambda text: None)
    assert result.wrong_language_replies == 1.0


async def test_users_hold_every_conversation_to_the_end_in_their_language(stack):
    load = Load(stack.rest_url, users=3, conversations=len(SCRIPTS), scripts=SCRIPTS)

    result = await load.run(language_of)

    assert result.messages == sum(len(script) for _, script in SCRIPTS)
    assert result.failed == 0
    assert result.wrong_language_replies == 0
    assert {turn.language for turn in load.turns} == set(SUPPORTED_LANGUAGES)
