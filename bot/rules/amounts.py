"""Amounts of money as people type them ("1.200 €", "1 200 euros", "900e", "١٢٠٠"), and as we write them."""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
# A number with optional thousands separators (space, no-break spaces, dot, comma, apostrophe)
# and optional cents; a minus sign right before it makes it negative.
NUMBER = re.compile(
    r"(?<![\w.,])([-−]\s?)?"  # sign
    r"(\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+|\d+)"  # whole euros
    r"(?:[.,](\d{1,2}))?(?!\d)"  # cents
)
NO_BREAK_SPACE = "\u00a0"


class AmountProblem(str, Enum):
    NO_NUMBER = "no_number"
    SEVERAL_NUMBERS = "several_numbers"
    NEGATIVE = "negative"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"


@dataclass(frozen=True)
class ParsedAmount:
    value: Decimal | None
    problem: AmountProblem | None


def parse_amount(text: str, minimum: Decimal, maximum: Decimal) -> ParsedAmount:
    """The one amount in `text`, within [minimum, maximum], or the problem that prevents it."""
    matches = NUMBER.findall(text.translate(ARABIC_DIGITS))
    if not matches:
        return ParsedAmount(None, AmountProblem.NO_NUMBER)
    if len(matches) > 1:
        return ParsedAmount(None, AmountProblem.SEVERAL_NUMBERS)
    sign, whole, cents = matches[0]
    value = Decimal(re.sub(r"\D", "", whole) + (f".{cents}" if cents else ""))
    if sign:
        return ParsedAmount(None, AmountProblem.NEGATIVE)
    if value < minimum:
        return ParsedAmount(None, AmountProblem.TOO_SMALL)
    if value > maximum:
        return ParsedAmount(None, AmountProblem.TOO_LARGE)
    return ParsedAmount(value, None)


def _grouped(value: Decimal, thousands: str, decimal_mark: str) -> str:
    whole, cents = f"{value:,.2f}".split(".")
    text = whole.replace(",", thousands)
    return text if cents == "00" else f"{text}{decimal_mark}{cents}"


def format_amount(value: Decimal, language: str) -> str:
    """French `1 200 €`, English `€1,200`, Arabic `1200 يورو` (Western digits, as in our answers)."""
    if language == "en":
        return f"€{_grouped(value, ',', '.')}"
    if language == "ar":
        return f"{_grouped(value, '', '.')} يورو"
    return f"{_grouped(value, NO_BREAK_SPACE, ',')}{NO_BREAK_SPACE}€"


def format_percent(share: Decimal, language: str) -> str:
    """A share such as 0.5 as French `50 %`, English and Arabic `50%`."""
    percent = f"{(share * 100).quantize(Decimal(1)):f}"
    return f"{percent}{NO_BREAK_SPACE}%" if language == "fr" else f"{percent}%"


# Arabic counted nouns: one, two (the dual, in the accusative/genitive form our sentences need),
# 3 to 10 (plural), 11 to 99 (singular, accusative), 100 and more (singular).
ARABIC_COUNTED = {
    "day": ("يوم واحد", "يومين", "أيام", "يومًا", "يوم"),
    "month": ("شهر واحد", "شهرين", "أشهر", "شهرًا", "شهر"),
}
FRENCH_UNITS = {"day": ("jour", "jours"), "month": ("mois", "mois")}
ENGLISH_UNITS = {"day": ("day", "days"), "month": ("month", "months")}


def _arabic_count(count: int, unit: str) -> str:
    one, two, few, many, hundreds = ARABIC_COUNTED[unit]
    if count == 1:
        return one
    if count == 2:
        return two
    if 3 <= count % 100 <= 10:
        return f"{count} {few}"
    if 11 <= count % 100 <= 99:
        return f"{count} {many}"
    return f"{count} {hundreds}"


def format_count(count: int, unit: str, language: str) -> str:
    """`count` days or months with the noun agreeing: French `2 mois`, English `1 day`, Arabic `شهرين`."""
    if language == "ar":
        return _arabic_count(count, unit)
    singular, plural = (FRENCH_UNITS if language == "fr" else ENGLISH_UNITS)[unit]
    return f"{count}{NO_BREAK_SPACE}{singular if count == 1 else plural}"
