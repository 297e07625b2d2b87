import pytest

from bot.language import language_from_hint, session_language


@pytest.mark.parametrize(
    "hint, expected",
    [
        ("en-GB", "en"),
        ("ar_LU", "ar"),
        ("FR", "fr"),
        ("de-DE", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_language_from_hint(hint, expected):
    assert language_from_hint(hint) == expected


@pytest.mark.parametrize(
    "previous, hint, expected",
    [
        ("ar", "en-US", "ar"),  # the previous value beats the channel's hint
        (None, "en-US", "en"),  # the hint beats the default
        (None, "de", "fr"),  # an unsupported hint falls back to the default
        (None, None, "fr"),
        ("xx", "ar", "ar"),  # an invalid previous value is ignored
    ],
)
def test_session_language(previous, hint, expected):
    assert session_language(previous, hint) == expected
