"""defaults.env gives the settings the environment does not set; read once, into a typed, frozen object."""

import ast

import pytest
import yaml

from bot.environment import read_defaults, read_settings, with_defaults
from bot.paths import PROJECT_ROOT
from bot.tools.credentials import variables_of


def test_reads_names_and_values_and_skips_comments(tmp_path):
    path = tmp_path / "defaults.env"
    path.write_text("# a comment\n\nA=1\n  B = sqlite:///x.db  \nC=\n")
    assert read_defaults(path) == {"A": "1", "B": "sqlite:///x.db", "C": ""}


@pytest.mark.parametrize("line", ["no separator", "=value", "two words=1"])
def test_a_malformed_line_is_named(tmp_path, line):
    path = tmp_path / "defaults.env"
    path.write_text(f"A=1\n{line}\n")
    with pytest.raises(ValueError, match="line 2"):
        read_defaults(path)


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, {"A": "default"}),
        ({"A": "mine"}, {"A": "mine"}),
        ({"A": ""}, {"A": "default"}),
        ({"OTHER": "x"}, {"A": "default", "OTHER": "x"}),
    ],
    ids=["unset", "set", "empty", "other variables kept"],
)
def test_the_environment_wins_over_the_defaults(environ, expected):
    assert with_defaults(environ, {"A": "default"}) == expected


def test_every_variable_of_endpoints_yml_has_a_default():
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    variables = set(variables_of(endpoints))
    assert variables and variables <= set(read_defaults())


def test_no_module_keeps_a_default_of_its_own():
    """Settings are read from the environment completed by defaults.env, never with an inline default."""
    readers = ("os.environ", "os", "environ", "environment", "variables", "settings.variables")
    inline = [
        f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
        for package in ("bot", "actions")
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("get", "getenv")
        and ast.unparse(node.func.value) in readers
        and len(node.args) + len(node.keywords) > 1
    ]
    assert inline == []


@pytest.mark.parametrize(
    "environ, name, value",
    [
        ({"WEB_PORT": "8080"}, "web_port", 8080),
        ({"RASA_URL": "http://127.0.0.1:6005/"}, "rasa_url", "http://127.0.0.1:6005"),
        ({"TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2,"}, "trusted_proxies", frozenset({"10.0.0.1", "10.0.0.2"})),
        ({"WIDGET_ALLOWED_ORIGINS": ""}, "widget_allowed_origins", frozenset()),
        (
            {"RASA_CORS_ORIGINS": "https://a.lu,https://b.lu"},
            "rasa_cors_origins",
            ("https://a.lu", "https://b.lu"),
        ),
        ({"RATE_LIMIT_PER_SENDER": "5"}, "rate_limit_per_sender", 5),
        ({"RETENTION_DAYS": "0.5"}, "retention_days", 0.5),
    ],
)
def test_settings_are_parsed_once_into_their_types(environ, name, value):
    assert getattr(read_settings(environ), name) == value


@pytest.mark.parametrize(
    "environ, named", [({"WEB_PORT": "eighty"}, "WEB_PORT"), ({"RETENTION_DAYS": "0"}, "RETENTION_DAYS")]
)
def test_a_setting_that_does_not_parse_is_named(environ, named):
    with pytest.raises(ValueError, match=named):
        read_settings(environ)


def test_settings_cannot_change_once_read():
    settings = read_settings({"WEB_PORT": "8080"})
    with pytest.raises(AttributeError):
        settings.web_port = 9090
    with pytest.raises(TypeError):
        settings.variables["WEB_PORT"] = "9090"
    assert settings.variables["WEB_PORT"] == "8080"
