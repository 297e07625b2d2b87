"""defaults.env gives the settings the environment does not set."""

import ast

import pytest
import yaml

from bot.environment import read_defaults, with_defaults
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
    readers = ("os.environ", "os", "environ", "environment", "settings()")
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
