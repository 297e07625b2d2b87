"""Which input channels of credentials.yml can start: those whose environment variables are all set.

Rasa refuses to start when a `${VAR}` of credentials.yml is unset, so `make run` gives Rasa a copy of
credentials.yml without the channels that are not configured on this machine. The copy keeps the
`${VAR}` references: Rasa reads the values from the environment, and no secret is written to disk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

VARIABLE_REFERENCE = re.compile(r"\$\{(\w+)\}")


def variables_of(settings: Any) -> list[str]:
    """The environment variables a channel's settings refer to, in order of appearance."""
    found = VARIABLE_REFERENCE.findall(yaml.safe_dump(settings, sort_keys=False)) if settings else []
    return list(dict.fromkeys(found))


def missing_variables(credentials: dict[str, Any], environ: Mapping[str, str]) -> dict[str, list[str]]:
    """For each channel that cannot start, the variables that are unset or empty."""
    missing = {
        channel: [name for name in variables_of(settings) if not environ.get(name)]
        for channel, settings in credentials.items()
    }
    return {channel: names for channel, names in missing.items() if names}


def write_configured_channels(source: Path, target: Path, environ: Mapping[str, str]) -> dict[str, list[str]]:
    """Write to `target` the channels of `source` that can start; return the others' missing variables."""
    credentials = yaml.safe_load(source.read_text()) or {}
    missing = missing_variables(credentials, environ)
    configured = {channel: settings for channel, settings in credentials.items() if channel not in missing}
    target.write_text(yaml.safe_dump(configured, sort_keys=False, allow_unicode=True))
    return missing
