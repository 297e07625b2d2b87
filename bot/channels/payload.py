"""Reading webhook bodies field by field, whatever their shape: a field of the wrong type counts as absent.

Used by the channels and by the entry point (bot/web/rate_limit.py), so that no body a platform, or
anyone else, posts can make them fail.
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
