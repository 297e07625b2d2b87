"""Every response uses the words of docs/glossary.md: no ruled-out variant, and a gloss at the first mention.

The glossary is the one owner of the terms: this test reads its table and repeats none of them.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import pytest

from bot.language import SUPPORTED_LANGUAGES
from bot.paths import PROJECT_ROOT
from tests.test_domain import MULTILINGUAL_RESPONSES, RESPONSES, variation_language

GLOSSARY = PROJECT_ROOT / "docs" / "glossary.md"
COLUMNS = SUPPORTED_LANGUAGES
# Short labels have no room for a gloss: only their ruled-out variants are checked.
LABEL_PREFIXES = ("utter_topic_", "utter_widget_")
# "term (GLOSS)": a form whose first mention carries its gloss.
GLOSSED = re.compile(r"^(?P<term>.+?)\s+\((?P<gloss>[^()]+)\)$")
RULED_OUT = re.compile(r"(?P<language>fr|en|ar):\s*(?P<variants>(?:`[^`]+`(?:,\s*)?)+)")
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
LATIN_LETTER = r"A-Za-zÀ-ÿ"


@dataclass
class Term:
    forms: dict[str, list[str]]
    ruled_out: dict[str, list[str]] = field(default_factory=dict)


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def forms_of(cell: str) -> list[str]:
    """The approved forms of a cell: "a / b", or "source word → a / b" (the answers use the plain form)."""
    cell = cell.split("→")[-1]
    return [form.strip() for form in cell.split(" / ") if form.strip()]


def parse_glossary(text: str) -> list[Term]:
    terms = []
    rows = [line for line in text.splitlines() if line.startswith("|")]
    for line in rows[2:]:  # after the header and the separator
        row = cells(line)
        assert len(row) == 4, line
        term = Term(forms=dict(zip(COLUMNS, (forms_of(cell) for cell in row[:3]), strict=True)))
        for match in RULED_OUT.finditer(row[3]):
            term.ruled_out[match["language"]] = re.findall(r"`([^`]+)`", match["variants"])
        terms.append(term)
    return terms


TERMS = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))


def normalise(text: str, language: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return ARABIC_MARKS.sub("", text) if language == "ar" else text


def without_article(form: str) -> str:
    """An Arabic form as it is found after a preposition: "المستفيدين" is also in "للمستفيدين"."""
    return form[2:] if form.startswith("ال") else form


def pattern(form: str, language: str) -> re.Pattern:
    """Where `form` occurs: Latin from a word start, any case; Arabic anywhere, article or not."""
    form = normalise(form, language)
    if language == "ar":
        return re.compile(re.escape(without_article(form)))
    return re.compile(rf"(?<![{LATIN_LETTER}]){re.escape(form)}", re.IGNORECASE)


def shown_texts(name: str, variation: dict) -> list[str]:
    texts = [variation["text"]] + [button["title"] for button in variation.get("buttons", [])]
    return [normalise(text, variation_language(variation)) for text in texts]


def approved_forms(term: Term, language: str) -> set[str]:
    """The forms of the table, and each glossed form without its gloss (used after the first mention)."""
    glossed = (GLOSSED.match(form) for form in term.forms[language])
    return set(term.forms[language]) | {match["term"] for match in glossed if match}


def ruled_out_variants_in(text: str, language: str, terms: list[Term] = TERMS) -> list[str]:
    """The ruled-out variants of `text`, once every approved form is taken out of it."""
    for term in terms:
        for form in sorted(approved_forms(term, language), key=len, reverse=True):
            text = pattern(form, language).sub(" ", text)
    return [
        variant
        for term in terms
        for variant in term.ruled_out.get(language, [])
        if pattern(variant, language).search(text)
    ]


def unglossed_first_mentions(text: str, language: str, terms: list[Term] = TERMS) -> list[str]:
    """The glossed terms whose first mention in `text` is not the glossed form."""
    wrong = []
    for term in terms:
        glossed = [GLOSSED.match(form) for form in term.forms[language]]
        glossed = [match for match in glossed if match]
        if not glossed:
            continue
        mentions = {form for match in glossed for form in (match["term"], match["gloss"])}
        mentions |= set(term.forms[language])
        starts = [m.start() for mention in mentions for m in pattern(mention, language).finditer(text)]
        if not starts:
            continue
        first = min(starts)
        if not any(pattern(match[0], language).match(text, first) for match in glossed):
            wrong.append(glossed[0][0])
    return wrong


def detached_and(text: str) -> list[str]:
    """Each "و" written alone, or glued, before a word in Latin letters."""
    return re.findall(rf"(?:^|(?<=[\s(،]))و\s*[{LATIN_LETTER}]\S*", text)


CHECKED = sorted(set(RESPONSES) - MULTILINGUAL_RESPONSES)


def test_the_glossary_table_is_read():
    """The parser finds the rows, their three languages and their ruled-out variants: no vacuous pass."""
    assert len(TERMS) >= 16
    assert all(all(term.forms[language] for language in COLUMNS) for term in TERMS)
    assert sum(len(variants) for term in TERMS for variants in term.ruled_out.values()) >= 40
    assert {language for term in TERMS for language in term.ruled_out} == set(COLUMNS)
    assert any(GLOSSED.match(form) for term in TERMS for form in term.forms["ar"])


@pytest.mark.parametrize("name", CHECKED)
def test_no_response_uses_a_ruled_out_variant(name):
    for variation in RESPONSES[name]:
        language = variation_language(variation)
        for text in shown_texts(name, variation):
            found = ruled_out_variants_in(text, language)
            assert not found, f"{name} ({language}) uses the ruled-out {found} in: {text}"


@pytest.mark.parametrize("name", [name for name in CHECKED if not name.startswith(LABEL_PREFIXES)])
def test_the_first_mention_of_a_term_carries_its_gloss(name):
    for variation in RESPONSES[name]:
        language = variation_language(variation)
        text = normalise(variation["text"], language)
        wrong = unglossed_first_mentions(text, language)
        assert not wrong, f"{name} ({language}): the first mention should be {wrong} in: {text}"


@pytest.mark.parametrize("name", CHECKED)
def test_no_arabic_and_stands_alone_or_glued_before_latin_letters(name):
    """ "و LogIS" and "وLogIS" both read wrongly in right-to-left text: "و" goes with an Arabic word."""
    for variation in RESPONSES[name]:
        if variation_language(variation) == "ar":
            for text in shown_texts(name, variation):
                found = detached_and(text)
                assert not found, f"{name} (ar): {found} in: {text}"


# The matching rules on a made-up glossary (the real terms are only in docs/glossary.md).
SAMPLE = parse_glossary(
    """
| Français | English | العربية | Variants ruled out |
|---|---|---|---|
| gros mot (GM) | big word (BW) | الكلمة الكبيرة (BW) | fr: `grand mot`; en: `large word` |
| petit mot | small word | كلمة صغيرة | fr: `minuscule`; ar: `يكتب`, `Big Word`, `كلمة ضخمة` |
"""
)


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Un gros mot, puis un grand mot.", "fr", ["grand mot"]),
        ("Un gros mot (GM) et un petit mot.", "fr", []),
        ("Un Minuscule.", "fr", ["minuscule"]),
        ("Pas unminuscule.", "fr", []),
        ("A large word.", "en", ["large word"]),
        ("Largeword, big word.", "en", []),
        ("قال Big Word ثم الكلمة الكبيرة (Big Word).", "ar", ["Big Word"]),
        ("بالكلمة الكبيرة (BW) وكلمة صغيرة.", "ar", []),
        ("يَكْتُبُ كلمة ضخمة.", "ar", ["كلمة ضخمة", "يكتب"]),
    ],
)
def test_ruled_out_variants_are_found_outside_approved_forms(text, language, expected):
    assert sorted(ruled_out_variants_in(normalise(text, language), language, SAMPLE)) == sorted(expected)


@pytest.mark.parametrize(
    "text, language, wrong",
    [
        ("Les GM et le gros mot (GM).", "fr", ["gros mot (GM)"]),
        ("Un gros mot, puis GM.", "fr", ["gros mot (GM)"]),
        ("Le gros mot (GM), puis les GM et le gros mot.", "fr", []),
        ("Un petit mot.", "fr", []),
        ("A big word (BW), then BW.", "en", []),
        ("قال BW ثم الكلمة الكبيرة (BW).", "ar", ["الكلمة الكبيرة (BW)"]),
        ("قال بالكلمة الكبيرة (BW) ثم الكلمة الكبيرة.", "ar", []),
        ("قال للكلمة الكبيرة.", "ar", ["الكلمة الكبيرة (BW)"]),
    ],
)
def test_first_mentions_are_checked(text, language, wrong):
    assert unglossed_first_mentions(normalise(text, language), language, SAMPLE) == wrong


@pytest.mark.parametrize(
    "text, found",
    [("خدمتان: LISKO و LogIS.", ["و LogIS."]), ("وLISKO يقرر.", ["وLISKO"]), ("LISKO وخدمة LogIS.", [])],
)
def test_a_detached_arabic_and_is_found(text, found):
    assert detached_and(text) == found
