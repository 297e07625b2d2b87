"""The values a fact about the person can take, shared by the guarantee's rules and the routing."""

PROTECTION_STATUSES = ("refugee", "subsidiary_protection", "applicant", "none")
# A fact the conversation has not learnt (the person did not say, or said they do not know).
UNKNOWN = "unknown"
YES, NO = "yes", "no"


def yes_no(value: object) -> bool | None:
    """True for "yes", False for "no", None for anything else (unknown, not asked yet)."""
    return {YES: True, NO: False}.get(value)
