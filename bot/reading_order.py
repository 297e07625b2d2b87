"""Arabic replies that display in reading order on every channel, whatever the app's own rules.

An Arabic reply often holds Latin runs: service names, a street address, a phone number, an e-mail.
By the Unicode bidirectional algorithm a line that starts with such a run is laid out left to right,
and a run next to Arabic can be reordered ("L-1255 Luxembourg" around its digits). So each Latin run
is isolated (LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE), and a line whose first letter is not
Arabic ("LISKO …", a contact card's line) starts with a RIGHT-TO-LEFT MARK.
"""

import re
from typing import Any

from bot.language import RIGHT_TO_LEFT_LANGUAGES
from bot.nlu.arabic import ARABIC_LETTER

LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RIGHT_TO_LEFT_MARK = "\u200f"

# A Latin letter or digit, and what joins them inside a name, an address, a phone number or an e-mail.
_LATIN = r"A-Za-z0-9\u00c0-\u024f"
LATIN_RUN = re.compile(rf"[{_LATIN}(+][{_LATIN}()+@.,'’:/_ -]*[{_LATIN})]|[{_LATIN}]")


DIRECTION_MARKS = re.compile(f"[{LEFT_TO_RIGHT_ISOLATE}{POP_DIRECTIONAL_ISOLATE}{RIGHT_TO_LEFT_MARK}]")


def isolated(text: str) -> str:
    """`text` with each Latin run between isolate marks."""
    return LATIN_RUN.sub(lambda run: f"{LEFT_TO_RIGHT_ISOLATE}{run[0]}{POP_DIRECTIONAL_ISOLATE}", text)


def _starts_right_to_left(line: str) -> bool:
    """Whether the first letter of `line` is Arabic (apps that ignore isolates read the first letter)."""
    first_letter = next((char for char in line if char.isalpha()), "")
    return bool(ARABIC_LETTER.match(first_letter))


def right_to_left(text: str) -> str:
    """`text`, written right to left: Latin runs isolated, a mark before each line that needs one."""
    lines = text.split("\n")
    return "\n".join(
        isolated(line) if _starts_right_to_left(line) else RIGHT_TO_LEFT_MARK + isolated(line)
        for line in lines
    )


def without_direction_marks(text: str) -> str:
    """`text` as the responses write it, without the marks added for display."""
    return DIRECTION_MARKS.sub("", text)


def in_reading_order(message: dict[str, Any], language: str | None) -> dict[str, Any]:
    """A bot message ready for display: its text and button titles right to left if `language` is."""
    if language not in RIGHT_TO_LEFT_LANGUAGES:
        return message
    shown = dict(message)
    if shown.get("text"):
        shown["text"] = right_to_left(shown["text"])
    if shown.get("buttons"):
        # A button is a line of its own: one without Arabic (a language's name) stays as it is.
        shown["buttons"] = [
            {**button, "title": right_to_left(button["title"])}
            if ARABIC_LETTER.search(button["title"])
            else button
            for button in shown["buttons"]
        ]
    return shown
