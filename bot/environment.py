"""The settings: the environment, completed by defaults.env (which gives every default), read once per
process into one typed, frozen object. Rasa reads the variables of endpoints.yml and credentials.yml
itself."""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.paths import PROJECT_ROOT
from bot.retention import retention_days

DEFAULTS_FILE = PROJECT_ROOT / "defaults.env"


def read_defaults(path: Path = DEFAULTS_FILE) -> dict[str, str]:
    """The `NAME=value` lines of `path`; blank lines and `#` comments are skipped."""
    defaults = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, separator, value = line.partition("=")
        if not separator or not name.strip().isidentifier():
            raise ValueError(f"{path.name}, line {number}: expected NAME=value, got {line!r}")
        defaults[name.strip()] = value.strip()
    return defaults


def with_defaults(environ: Mapping[str, str], defaults: Mapping[str, str]) -> dict[str, str]:
    """`environ`, where the variables it does not set, or sets empty, take their default."""
    return {**environ, **{name: value for name, value in defaults.items() if not environ.get(name)}}


def _listed(value: str) -> tuple[str, ...]:
    """A comma-separated list, without empty items."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _parsed(variables: Mapping[str, str], name: str, parse: Callable[[str], Any]) -> Any:
    try:
        return parse(variables[name])
    except ValueError as error:
        raise ValueError(f"{name}={variables[name]!r} does not parse: {error}") from None


@dataclass(frozen=True)
class Settings:
    """What our processes read from the settings (defaults.env says what each one is)."""

    variables: Mapping[str, str]  # every variable, completed: for the child processes and Rasa
    action_port: int
    rasa_port: int
    rasa_url: str
    rasa_api_token: str
    rasa_cors_origins: tuple[str, ...]
    web_host: str
    web_port: int
    widget_allowed_origins: frozenset[str]
    trusted_proxies: frozenset[str]
    rate_limit_per_sender: int
    rate_limit_per_address: int
    retention_days: float
    tracker_store_url: str


def read_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings of `environ`, completed by defaults.env; a value that does not parse is named."""
    variables = with_defaults(environ, read_defaults())
    return Settings(
        variables=MappingProxyType(variables),
        action_port=_parsed(variables, "ACTION_PORT", int),
        rasa_port=_parsed(variables, "RASA_PORT", int),
        rasa_url=variables["RASA_URL"].rstrip("/"),
        rasa_api_token=variables["RASA_API_TOKEN"],
        rasa_cors_origins=_listed(variables["RASA_CORS_ORIGINS"]),
        web_host=variables["WEB_HOST"],
        web_port=_parsed(variables, "WEB_PORT", int),
        widget_allowed_origins=frozenset(_listed(variables["WIDGET_ALLOWED_ORIGINS"])),
        trusted_proxies=frozenset(_listed(variables["TRUSTED_PROXIES"])),
        rate_limit_per_sender=_parsed(variables, "RATE_LIMIT_PER_SENDER", int),
        rate_limit_per_address=_parsed(variables, "RATE_LIMIT_PER_ADDRESS", int),
        retention_days=_parsed(variables, "RETENTION_DAYS", retention_days),
        tracker_store_url=variables["TRACKER_STORE_URL"],
    )
