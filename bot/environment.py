"""The settings of endpoints.yml and credentials.yml: the environment, completed by defaults.env."""

import os
from collections.abc import Mapping
from pathlib import Path

from bot.paths import PROJECT_ROOT

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


def settings() -> dict[str, str]:
    """This process's environment, completed by defaults.env."""
    return with_defaults(os.environ, read_defaults())
