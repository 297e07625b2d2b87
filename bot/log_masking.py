"""Personal data masked in every log line: phone numbers, e-mail addresses, IBANs, Luxembourg national
identification numbers and passport-like numbers.

`MaskingFilter` is installed on the log handlers of Rasa and of the action server by `logging.yml`, so it
applies at every level, to Rasa's structured debug lines (which quote the user's text) too.
"""

import logging
import re

# Most specific first: an IBAN or a national identification number also looks like a phone number.
PERSONAL_DATA = [
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[iban]", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b", re.IGNORECASE)),
    ("[national-id]", re.compile(r"(?<!\d)\d{4}[ ]?\d{2}[ ]?\d{2}[ ]?\d{5}(?!\d)")),
    # Not the decimals of a number such as a confidence (0.9876543).
    ("[phone]", re.compile(r"(?:\+|\b00)\d[\d .\-/()]{6,}\d|(?<![\d.])\b\d{2,3}(?:[ .\-/]?\d{2,3}){2,}\b")),
    ("[document-number]", re.compile(r"\b[A-Z]{1,2}\d{6,9}\b", re.IGNORECASE)),
]


def mask(text: str) -> str:
    """`text` with every piece of personal data replaced by the name of its kind."""
    for label, pattern in PERSONAL_DATA:
        text = pattern.sub(label, text)
    return text


class MaskingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) with the personal data masked; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True
