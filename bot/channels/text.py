"""Text helpers shared by the messaging channels."""


def cut(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its beginning ended by an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
