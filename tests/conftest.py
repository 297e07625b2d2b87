import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.environment import read_settings
from bot.nlu.language_identifier import LanguageIdentifier
from bot.nlu.tokenizer import MultilingualTokenizer
from bot.paths import HOST, PROJECT_ROOT
from bot.tools.bench.language_id import configured_identifier
from bot.tools.credentials import write_configured_channels
from bot.tools.servers import Server, action_server, rasa_server, web_server
from tests.fake_platform_apis import API_VERSION, PHONE_NUMBER_ID, TELEGRAM_BOT_USERNAME, FakePlatformApis

TEST_ACTION_PORT = 5156
TEST_RASA_PORT = 5106
TEST_WEB_PORT = 5107
TEST_ADDRESS_LIMIT = 100_000
WHATSAPP_APP_SECRET = "test-app-secret"
WHATSAPP_VERIFY_TOKEN = "test-verify-token"


@pytest.fixture(scope="session")
def language_identifier() -> LanguageIdentifier:
    return configured_identifier()


@pytest.fixture(scope="session")
def tokenizer() -> MultilingualTokenizer:
    return MultilingualTokenizer(MultilingualTokenizer.get_default_config())


@dataclass
class Stack:
    """The servers `make run` starts, started once for the whole test session on ports of their own."""

    actions_url: str
    rest_url: str
    web_url: str
    platforms: FakePlatformApis
    actions: Server
    rasa: Server
    tracker_db: Path


def whatsapp_environment(graph_api_url: str) -> dict[str, str]:
    """The variables credentials.yml reads for WhatsApp, pointing at the fake Graph API."""
    return {
        "WHATSAPP_API_BASE_URL": graph_api_url,
        "WHATSAPP_API_VERSION": API_VERSION,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_TOKEN": "test-token",
        "WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY_TOKEN,
    }


TELEGRAM_WEBHOOK_SECRET = "test-webhook-secret"
FACEBOOK_APP_SECRET = "test-facebook-app-secret"


def telegram_environment(api_url: str) -> dict[str, str]:
    """Telegram against the fake Bot API, which refuses to register the webhook (as for a token Telegram
    does not know): the other channels must run all the same, and updates are still answered."""
    return {
        "TELEGRAM_TOKEN": "123456789:AAF-test-token-that-is-not-real",
        "TELEGRAM_BOT_USERNAME": TELEGRAM_BOT_USERNAME,
        "TELEGRAM_WEBHOOK_URL": "https://bpi.example.org/webhooks/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_WEBHOOK_SECRET,
        "TELEGRAM_API_BASE_URL": api_url,
    }


def messenger_environment(api_url: str) -> dict[str, str]:
    return {
        "FACEBOOK_VERIFY_TOKEN": "test-facebook-verify-token",
        "FACEBOOK_APP_SECRET": FACEBOOK_APP_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAtest-page-access-token",
        "FACEBOOK_GRAPH_API_BASE_URL": api_url,
    }


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    """Action server, Rasa (endpoints.yml and credentials.yml, with REST, socket.io, WhatsApp, Telegram
    and Messenger against fake APIs, and conversations in a SQLite file of the session) and the web
    entry point."""
    folder = tmp_path_factory.mktemp("stack")
    actions_url = f"http://{HOST}:{TEST_ACTION_PORT}/webhook"
    platforms = FakePlatformApis()
    platforms.start()
    tracker_db = folder / "conversations.db"
    settings = read_settings(
        {
            **os.environ,
            **whatsapp_environment(platforms.url),
            **telegram_environment(platforms.url),
            **messenger_environment(platforms.url),
            "ACTION_SERVER_URL": actions_url,
            "TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
            # The debug lines quote what users type: the log masking must hold there too.
            "LOG_LEVEL": "DEBUG",
        }
    )
    credentials = folder / "credentials.yml"
    write_configured_channels(PROJECT_ROOT / "credentials.yml", credentials, settings.variables)
    rasa = rasa_server(settings, TEST_RASA_PORT, credentials=credentials)
    actions = action_server(TEST_ACTION_PORT)
    web_settings = {
        "WEB_PORT": str(TEST_WEB_PORT),
        "RASA_URL": f"http://{HOST}:{TEST_RASA_PORT}",
        # Every simulated user of the tests comes from 127.0.0.1; the per-sender limit stays as configured.
        "RATE_LIMIT_PER_ADDRESS": str(TEST_ADDRESS_LIMIT),
    }
    web = web_server(read_settings({**settings.variables, **web_settings}))
    servers = [actions, rasa, web]
    log = PROJECT_ROOT / "results" / "test-servers.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as log_file:
        try:
            for server in servers:
                server.start(log_file)
            yield Stack(
                actions_url=actions_url,
                rest_url=f"http://{HOST}:{TEST_RASA_PORT}/webhooks/rest/webhook",
                web_url=f"http://{HOST}:{TEST_WEB_PORT}",
                platforms=platforms,
                actions=actions,
                rasa=rasa,
                tracker_db=tracker_db,
            )
        finally:
            for server in reversed(servers):
                server.stop()
            platforms.stop()
