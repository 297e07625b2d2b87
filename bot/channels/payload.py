"""Reading webhook bodies field by field, whatever their shape: a field of the wrong type counts as absent.

The one reader of the platforms' webhook envelopes (who sent what), used by the channels and by the entry
point's limits (bot/web/rate_limit.py), so that no body a platform, or anyone else, posts can make them
fail. No Rasa import: the entry point does not load Rasa.
"""

import json
from typing import Any


def json_object(body: bytes) -> dict[str, Any] | None:
    """The JSON object a webhook body holds, or None for anything else (bad JSON, bad UTF-8, a list…)."""
    try:
        content = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: a body nested thousands of levels deep
        return None
    return content if isinstance(content, dict) else None


def child(node: Any, key: str) -> dict[str, Any]:
    """The object `node[key]`, or an empty one."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def children(node: Any, key: str) -> list[dict[str, Any]]:
    """The objects in the list `node[key]`; nothing when the body does not have that shape."""
    value = node.get(key) if isinstance(node, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text_field(node: Any, key: str) -> str | None:
    """The non-empty string `node[key]`, or None."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) and value else None


# The parts of a Telegram update that carry the user who sent it.
TELEGRAM_UPDATE_KINDS_WITH_SENDER = ("message", "edited_message", "callback_query")


def whatsapp_messages(payload: Any) -> list[dict[str, Any]]:
    """The users' messages of a WhatsApp Cloud API webhook, each with its sender (`from`); status updates
    have none."""
    return [
        message
        for entry in children(payload, "entry")
        for change in children(entry, "changes")
        for message in children(child(change, "value"), "messages")
        if text_field(message, "from")
    ]


def messenger_events(payload: Any) -> list[dict[str, Any]]:
    """The messaging events of every entry of a Messenger page webhook."""
    return [event for entry in children(payload, "entry") for event in children(entry, "messaging")]


def telegram_senders(update: Any) -> list[dict[str, Any]]:
    """The users a Telegram update comes from (`from` of its message, edit or button press)."""
    users = (child(child(update, kind), "from") for kind in TELEGRAM_UPDATE_KINDS_WITH_SENDER)
    return [user for user in users if user]
