"""How long a conversation is kept (RETENTION_DAYS): read with the settings, purged by `make purge`, told to
users."""

import math

from bot.rules.amounts import format_count


def retention_days(value: str) -> float:
    days = float(value)
    if days <= 0:
        raise ValueError(f"RETENTION_DAYS must be a positive number of days, not {value!r}")
    return days


def stated_retention(days: float, language: str) -> str:
    """The period as users read it, in whole days rounded up, the noun agreeing ("30 jours", "30 يومًا")."""
    return format_count(math.ceil(days), "day", language)
