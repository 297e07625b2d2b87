"""Which channels of credentials.yml `make run` starts: those whose environment variables are all set."""

import pytest
import yaml

from bot.paths import PROJECT_ROOT
from bot.tools.credentials import missing_variables, variables_of, write_configured_channels

CREDENTIALS = {
    "rest": None,
    "socketio": {"user_message_evt": "user_uttered"},
    "telegram": {"access_token": "${TELEGRAM_TOKEN}", "verify": "${TELEGRAM_BOT_USERNAME}"},
    "facebook": {"verify": "${FB_VERIFY}", "secret": "${FB_SECRET}"},
}


@pytest.mark.parametrize(
    "settings, expected",
    [
        (None, []),
        ({"user_message_evt": "user_uttered"}, []),
        ({"access_token": "${TOKEN}", "verify": "${NAME}"}, ["TOKEN", "NAME"]),
        ({"a": "${TOKEN}", "b": "prefix-${TOKEN}"}, ["TOKEN"]),
        ({"nested": {"url": "https://${HOST}/path"}}, ["HOST"]),
    ],
)
def test_variables_of(settings, expected):
    assert variables_of(settings) == expected


@pytest.mark.parametrize(
    "environ, expected",
    [
        (
            {},
            {"telegram": ["TELEGRAM_TOKEN", "TELEGRAM_BOT_USERNAME"], "facebook": ["FB_VERIFY", "FB_SECRET"]},
        ),
        (
            {"TELEGRAM_TOKEN": "1:x", "FB_VERIFY": "v"},
            {"telegram": ["TELEGRAM_BOT_USERNAME"], "facebook": ["FB_SECRET"]},
        ),
        (
            {"TELEGRAM_TOKEN": "1:x", "TELEGRAM_BOT_USERNAME": "", "FB_VERIFY": "v", "FB_SECRET": "s"},
            {"telegram": ["TELEGRAM_BOT_USERNAME"]},
        ),
        ({"TELEGRAM_TOKEN": "1:x", "TELEGRAM_BOT_USERNAME": "bot", "FB_VERIFY": "v", "FB_SECRET": "s"}, {}),
    ],
    ids=["nothing set", "some set", "empty counts as unset", "all set"],
)
def test_missing_variables(environ, expected):
    assert missing_variables(CREDENTIALS, environ) == expected


def test_written_file_keeps_configured_channels_and_their_references(tmp_path):
    source, target = tmp_path / "credentials.yml", tmp_path / "configured.yml"
    source.write_text(yaml.safe_dump(CREDENTIALS, sort_keys=False))
    missing = write_configured_channels(
        source, target, {"TELEGRAM_TOKEN": "1:secret", "TELEGRAM_BOT_USERNAME": "bot"}
    )
    written = target.read_text()
    assert missing == {"facebook": ["FB_VERIFY", "FB_SECRET"]}
    assert yaml.safe_load(written) == {k: v for k, v in CREDENTIALS.items() if k != "facebook"}
    assert "1:secret" not in written


def test_project_credentials_start_the_rest_channel_and_socketio_with_no_variable_set(tmp_path):
    target = tmp_path / "credentials.yml"
    missing = write_configured_channels(PROJECT_ROOT / "credentials.yml", target, {})
    assert set(yaml.safe_load(target.read_text())) == {"bot.channels.rest.RestInput", "socketio"}
    assert set(missing) == {
        "bot.channels.whatsapp.WhatsAppInput",
        "bot.channels.telegram.TelegramInput",
        "bot.channels.facebook.FacebookInput",
    }
