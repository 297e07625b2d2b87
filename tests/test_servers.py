"""How `make run` starts Rasa: its HTTP API off unless a token is set."""

import pytest

from bot.environment import read_settings
from bot.tools.servers import api_arguments


@pytest.mark.parametrize(
    "environment, arguments",
    [
        ({}, []),
        ({"RASA_API_TOKEN": ""}, []),
        ({"RASA_CORS_ORIGINS": "https://ngo.example.lu"}, []),
        ({"RASA_API_TOKEN": "s3cret"}, ["--enable-api", "--auth-token", "s3cret"]),
        (
            {"RASA_API_TOKEN": "s3cret", "RASA_CORS_ORIGINS": "https://a.lu,https://b.lu"},
            ["--enable-api", "--auth-token", "s3cret", "--cors", "https://a.lu", "https://b.lu"],
        ),
    ],
)
def test_api_arguments(environment, arguments):
    assert api_arguments(read_settings(environment)) == arguments
