"""No number, amount, percentage, phone, e-mail or address reaches users unless the sources have it."""

import re
import unicodedata

import pytest
import yaml

from bot.paths import PROJECT_ROOT
from bot.rules.directory import DIRECTORY_FILE
from bot.rules.eligibility import load_policy
from tests.test_domain import RESPONSES

SOURCES_DIR = PROJECT_ROOT / "docs" / "sources"
SOURCES = " ".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES_DIR.glob("*.txt")))
OPERATOR_NUMBERS = set(
    yaml.safe_load((SOURCES_DIR / "numbers_not_in_the_sources.yml").read_text(encoding="utf-8"))["numbers"]
)
# Examples of how to type an amount ("For example: 1 200 €"), not facts.
INPUT_EXAMPLES = {"utter_ask_monthly_rent", "utter_ask_monthly_income"}
INPUT_EXAMPLES |= {name for name in RESPONSES if name.startswith("utter_invalid_amount_")}

# A run of digits, with the spaces, dots and commas people write inside numbers ("3 000", "1.200").
NUMBER = re.compile(r"\d(?:[\d\u00a0\u202f ]|[.,](?=\d))*\d|\d")
EMAIL = re.compile(r"[\w.-]+@[\w.-]+\.[a-z]+")


def numbers_in(text: str) -> set[str]:
    """Every number of `text` as its digits ("(+352) 27 55 56 03" gives 352 and 27555603)."""
    found = set()
    for match in NUMBER.findall(text):
        digits = "".join(str(unicodedata.digit(char)) for char in match if char.isdigit())
        found.add(str(int(digits)))
    return found


SOURCE_NUMBERS = numbers_in(SOURCES)
SOURCE_EMAILS = set(EMAIL.findall(SOURCES))


def shown_texts(variation: dict) -> list[str]:
    """The text and button titles of a response variation, without its {placeholders}."""
    texts = [variation["text"]] + [button["title"] for button in variation.get("buttons", [])]
    return [re.sub(r"\{\w+\}", "", text) for text in texts]


@pytest.mark.parametrize("name", sorted(set(RESPONSES) - INPUT_EXAMPLES))
def test_every_number_and_email_in_an_answer_is_in_the_sources(name):
    for variation in RESPONSES[name]:
        for text in shown_texts(variation):
            assert numbers_in(text) - SOURCE_NUMBERS - OPERATOR_NUMBERS == set(), (name, text)
            assert set(EMAIL.findall(text)) - SOURCE_EMAILS == set(), (name, text)


def test_every_number_and_email_of_the_directory_is_in_the_sources():
    services = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))["services"]
    shown = " ".join(str(value) for service in services.values() for value in service.values())
    assert numbers_in(shown) and EMAIL.findall(shown)
    assert numbers_in(shown) - SOURCE_NUMBERS == set()
    assert set(EMAIL.findall(shown)) - SOURCE_EMAILS == set()


def test_the_guarantee_cover_is_in_the_sources():
    cover = load_policy().cover
    assert {str(cover.rent_months), str(cover.fixed_amount_eur)} <= SOURCE_NUMBERS


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("(+352) 27 55 56 03", {"352", "27555603"}),
        ("3 000 € et 2 mois", {"3000", "2"}),
        ("1.200 €, 50\u00a0%", {"1200", "50"}),
        ("١٢٠٠ يورو", {"1200"}),
        ("13, rue de Bragance, L-1255", {"13", "1255"}),
    ],
)
def test_numbers_are_read_as_people_write_them(text, numbers):
    assert numbers_in(text) == numbers


def test_a_number_the_sources_lack_is_caught():
    assert numbers_in("limite retenue : 50 %") - SOURCE_NUMBERS == {"50"}


def test_every_response_has_its_note_in_docs_sources_md():
    notes = (PROJECT_ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b(utter_[a-z_/]+\*?)", notes))
    patterns = [name.removesuffix("*") for name in named if name.endswith("*")]
    faq_keys = set(re.findall(r"^\| ([a-z_]+) \|", notes, re.MULTILINE))
    without_note = [
        name
        for name in RESPONSES
        if name not in named
        and not any(name.startswith(pattern) for pattern in patterns)
        and name.removeprefix("utter_faq/") not in faq_keys
    ]
    assert without_note == []
