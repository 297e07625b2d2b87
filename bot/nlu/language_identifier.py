"""Per-message language identification: French, English, Arabic, or a language it does not serve."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from lingua import Language, LanguageDetector, LanguageDetectorBuilder
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import DEFAULT_LANGUAGE
from bot.nlu.arabic import ARABIC_LETTER

LANGUAGE_KEY = "language"
DATA_DIR = Path(__file__).parent / "data"
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
WORD = re.compile(r"[^\W\d_]+")
# Words with their digits, for Arabic in Latin letters ("3andi", "7abibi").
ALPHANUMERIC_WORD = re.compile(r"[^\W_]+")
# A digit standing for an Arabic letter inside a word: 2 ء, 3 ع, 5 خ, 7 ح, 9 ق.
DIGIT_FOR_LETTER = re.compile(r"^(?=.*[a-z])(?=.*[23579])[a-z23579']+$")
# A word with the Arabic article ("السكن", "بالضبط", "للفرنسي"), which Persian and Urdu do not use; "الان"
# (now) and "البته" (of course) are words of both.
ARABIC_ARTICLE_WORD = re.compile(r"(?<![\u0620-\u06FF])(?:[وفبك]?ال|لل)(?!ان\b|بته\b)[\u0620-\u06FF]{2,}")
NO_VOWEL_WORD = re.compile(r"^[^aeiouyàâäéèêëîïôöùûüÿœæ]{4,}$")
ETHIOPIC_LETTER = re.compile(r"[\u1200-\u139F\u2D80-\u2DDF]")
# Letters of the Persian, Kurdish, Pashto and Urdu alphabets that Arabic keyboards do not type. Iraqi and
# Gulf Arabic write چ and گ, and borrowed words take پ ("الپاكت"), so those three are not evidence.
PERSIAN_FAMILY_LETTER = re.compile(
    r"[\u0698\u06A9\u06CC\u06C0\u06D5\u0695\u06B5\u06C6\u06CE\u0679\u0688"
    r"\u0691\u06BA\u06D2\u067C\u0689\u0693\u0696\u069A\u0681\u0685\u06AB\u06BC\u06D0]"
)
# Scripts of no language the assistant serves, each told apart by lingua (Cyrillic, Greek, Hebrew...).
OTHER_SCRIPT_LETTER = re.compile(
    r"[\u0370-\u03FF\u0400-\u052F\u0530-\u058F\u0590-\u05FF\u0900-\u0DFF"
    r"\u0E00-\u0EFF\u10A0-\u10FF\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]"
)
SERVED = {Language.FRENCH: "fr", Language.ENGLISH: "en"}
# Other languages people who need this help often write in, with a Latin, Cyrillic or other script.
OTHER_LATIN = (
    Language.GERMAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.TURKISH,
    Language.SOMALI,
    Language.ALBANIAN,
    Language.POLISH,
    Language.ROMANIAN,
    Language.CROATIAN,
    Language.BOSNIAN,
    Language.SWAHILI,
)
OTHER_SCRIPTS = (
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.BULGARIAN,
    Language.SERBIAN,
    Language.GREEK,
    Language.HEBREW,
    Language.HINDI,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.GEORGIAN,
    Language.ARMENIAN,
    Language.BENGALI,
    Language.TAMIL,
    Language.THAI,
)
ARABIC_SCRIPT = (Language.ARABIC, Language.PERSIAN, Language.URDU)


@dataclass(frozen=True)
class LanguageGuess:
    """The served language closest to the message (`code`, which the tokenizer uses) and how sure it is.

    `reliable` is False when the message is too short or unclear to change the conversation's language.
    `unsupported` names a language the assistant does not serve; `romanised_arabic` is Arabic in Latin
    letters (then `code` is "ar").
    """

    code: str
    confidence: float
    reliable: bool
    unsupported: str | None = None
    romanised_arabic: bool = False


@dataclass(frozen=True)
class LanguageWords:
    """Word lists from `bot/nlu/data/`: common words per served language, words of the languages lingua
    does not know (Luxembourgish, Kurmanji Kurdish) by ISO code, and Arabizi: all its words, and those that
    are weak evidence (greetings borrowed by other languages, words that are also French or English)."""

    common: dict[str, frozenset[str]]
    unknown_to_lingua: dict[str, frozenset[str]]
    arabizi: frozenset[str]
    weak_arabizi: frozenset[str]


def load_language_words(directory: Path = DATA_DIR) -> LanguageWords:
    words = yaml.safe_load((directory / "language_words.yml").read_text(encoding="utf-8"))
    arabizi = yaml.safe_load((directory / "arabizi.yml").read_text(encoding="utf-8"))

    def lower(listed: list[Any]) -> frozenset[str]:
        # str(): YAML reads some bare words as booleans or numbers.
        return frozenset(str(w).lower() for w in listed)

    return LanguageWords(
        common={code: lower(listed) for code, listed in words["common_words"].items()},
        unknown_to_lingua={"lb": lower(words["luxembourgish"]), "ku": lower(words.get("kurmanji") or [])},
        arabizi=lower(arabizi["words"] + arabizi["borrowed"] + arabizi["ambiguous"]),
        weak_arabizi=lower(arabizi["borrowed"] + arabizi["ambiguous"]),
    )


@dataclass(frozen=True)
class Detectors:
    """lingua detectors: French/English and the Arabic script (precise), and the other languages (low accuracy
    mode: 20 MB).

    Low accuracy mode takes short French or English for another language ("i find a flat soon": Dutch),
    so its answer is checked by a precise detector of that language against French and English, built
    when first needed (about 25 MB per language).
    """

    served: LanguageDetector
    other_latin: LanguageDetector
    other_scripts: LanguageDetector
    arabic_script: LanguageDetector
    checks: dict[Language, LanguageDetector] = field(default_factory=dict)

    def check(self, language: Language, text: str) -> float:
        """The precise confidence that `text` is in `language` rather than French or English."""
        if language not in self.checks:
            self.checks[language] = LanguageDetectorBuilder.from_languages(language, *SERVED).build()
        return self.checks[language].compute_language_confidence(text, language)


def build_detectors() -> Detectors:
    def low_accuracy(*languages: Language) -> LanguageDetector:
        builder = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models()
        return builder.with_low_accuracy_mode().build()

    return Detectors(
        served=LanguageDetectorBuilder.from_languages(*SERVED).with_preloaded_language_models().build(),
        other_latin=low_accuracy(*SERVED, *OTHER_LATIN),
        other_scripts=low_accuracy(*OTHER_SCRIPTS),
        arabic_script=LanguageDetectorBuilder.from_languages(*ARABIC_SCRIPT)
        .with_preloaded_language_models()
        .build(),
    )


@dataclass(frozen=True)
class Thresholds:
    """How much evidence a decision needs (config.yml)."""

    min_words: int
    min_confidence: float
    min_other_words: int
    min_other_confidence: float
    min_persian_confidence: float


def iso_code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def top_language(detector: LanguageDetector, text: str) -> tuple[Language | None, float]:
    values = detector.compute_language_confidence_values(text)
    if not values or values[0].value == 0:
        return None, 0.0
    return values[0].language, values[0].value


def _arabic_script_guess(text: str, detectors: Detectors, thresholds: Thresholds) -> LanguageGuess:
    """Arabic, unless the letters or the detector say Persian, Kurdish, Pashto or Urdu."""
    arabic_letters = len(ARABIC_LETTER.findall(text))
    latin_letters = len(LATIN_LETTER.findall(text))
    share = round(arabic_letters / (arabic_letters + latin_letters), 3)
    language, confidence = top_language(detectors.arabic_script, text)
    other = language is not None and language != Language.ARABIC
    if PERSIAN_FAMILY_LETTER.search(text):
        return LanguageGuess("ar", share, False, unsupported=iso_code(language) if other else "fa")
    clear = confidence >= thresholds.min_persian_confidence
    clear = clear and len(WORD.findall(text)) >= thresholds.min_words
    if other and clear and not ARABIC_ARTICLE_WORD.search(text):
        return LanguageGuess("ar", share, False, unsupported=iso_code(language))
    return LanguageGuess("ar", share, True)


def _common_words_lead(words: list[str], language_words: LanguageWords) -> tuple[str | None, int]:
    """The served language whose common words the message uses most (None on a tie), and by how many."""
    counts = sorted(
        ((sum(w in listed for w in words), code) for code, listed in language_words.common.items()),
        reverse=True,
    )
    (best, leader), (runner_up, _) = counts[0], counts[1]
    return (leader if best > runner_up else None), best - runner_up


def _other_latin_language(
    words: list[str], detectors: Detectors, language_words: LanguageWords, thresholds: Thresholds
) -> str | None:
    """A Latin-script language the assistant does not serve, when the evidence is clear."""
    common = sum(any(w in listed for listed in language_words.common.values()) for w in words)
    if common * 2 >= len(words):
        return None
    for code, listed in language_words.unknown_to_lingua.items():
        known = sum(w in listed for w in words)
        if known >= 2 and known * 2 >= len(words):
            return code
    # Arabic words borrowed into French or English ("inshallah") are evidence of neither.
    words = [w for w in words if w not in language_words.arabizi]
    # A word of four letters or more without a vowel ("zxqv") is a keyboard mash, not another language.
    if len(words) < thresholds.min_other_words or any(NO_VOWEL_WORD.match(w) for w in words):
        return None
    text = " ".join(words)
    # Close languages (Italian, Spanish) can swap places in low accuracy mode: the two likeliest are checked.
    values = detectors.other_latin.compute_language_confidence_values(text)[:2]
    for language in (v.language for v in values if v.value > 0 and v.language not in SERVED):
        if detectors.check(language, text) < thresholds.min_other_confidence:
            continue
        # Half the words must be of that language: one borrowed word ("a room in a Wohngemeinschaft") is not
        # enough. Words of one or two letters ("a", "de", "un") belong to too many languages to count.
        counted = [word for word in words if len(word) > 2] or words
        own_words = sum(detectors.check(language, word) > 0.5 for word in counted)
        if own_words * 2 >= len(counted):
            return iso_code(language)
    return None


def is_romanised_arabic(text: str, language_words: LanguageWords) -> bool:
    """At least half the words, and two or more, are Arabizi, and one of them is clear evidence: a listed word
    that is not weak evidence, or a word with digits for letters (3andi)."""
    tokens = [t for t in ALPHANUMERIC_WORD.findall(text.lower()) if not t.isdigit()]
    weak = [t in language_words.weak_arabizi for t in tokens]
    listed = [t in language_words.arabizi or bool(DIGIT_FOR_LETTER.match(t)) for t in tokens]
    clear = sum(is_listed and not is_weak for is_listed, is_weak in zip(listed, weak, strict=True))
    weak_count = sum(weak)
    return clear >= 1 and clear + weak_count >= 2 and (clear + weak_count) * 2 >= len(tokens)


@dataclass(frozen=True)
class NeutralTerms:
    """Service names and terms that say nothing of a message's language: single words, and phrases."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, terms: list[str]) -> NeutralTerms:
        lowered = [term.lower() for term in terms]
        return cls(frozenset(t for t in lowered if " " not in t), tuple(t for t in lowered if " " in t))

    def evidence_words(self, text: str) -> list[str]:
        """The message's words, less the neutral ones."""
        lowered = text.lower()
        for phrase in self.phrases:
            lowered = lowered.replace(phrase, " ")
        return [w for w in WORD.findall(lowered) if w not in self.words]


def identify_language(
    text: str,
    detectors: Detectors,
    language_words: LanguageWords,
    neutral: NeutralTerms,
    thresholds: Thresholds,
) -> LanguageGuess:
    """Script first, then Arabizi, other Latin-script languages, and French or English."""
    if ETHIOPIC_LETTER.search(text):
        return LanguageGuess(DEFAULT_LANGUAGE, 0.0, False, unsupported="ti")
    if ARABIC_LETTER.search(text):
        return _arabic_script_guess(text, detectors, thresholds)
    if OTHER_SCRIPT_LETTER.search(text):
        language, _ = top_language(detectors.other_scripts, text)
        unsupported = iso_code(language) if language else "xx"
        return LanguageGuess(DEFAULT_LANGUAGE, 0.0, False, unsupported=unsupported)

    words = neutral.evidence_words(text)
    if is_romanised_arabic(text, language_words):
        return LanguageGuess("ar", 1.0, True, romanised_arabic=True)
    other = _other_latin_language(words, detectors, language_words, thresholds)
    if other:
        return LanguageGuess(DEFAULT_LANGUAGE, 0.0, False, unsupported=other)

    language, confidence = top_language(detectors.served, " ".join(words)) if words else (None, 0.0)
    # One-letter words ("c", "l'", "u") are SMS shorthand in either language: no evidence.
    evidence = [w for w in words if len(w) > 1]
    reliable = language is not None and len(evidence) >= thresholds.min_words
    reliable = reliable and confidence >= thresholds.min_confidence
    # Common words decide an unclear message, and outweigh the detector when they lead by two or more: one
    # French term in an English question ("the accueil workshop, what's it about") sways the detector.
    leader, lead = _common_words_lead(words, language_words)
    if leader and (lead >= 2 or not reliable):
        return LanguageGuess(leader, round(confidence, 3), reliable)
    return LanguageGuess(SERVED[language] if language else DEFAULT_LANGUAGE, round(confidence, 3), reliable)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LanguageIdentifier(GraphComponent):
    """Sets `language` (a `LanguageGuess` as a dict) on each message, in training and at run time.

    Registered as a featurizer so that the graph also runs it on training data: the tokenizer after
    it needs the language. Service names and acronyms listed in `neutral_words` are not evidence.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "min_words": 3,
            "min_confidence": 0.7,
            "min_other_words": 2,
            "min_other_confidence": 0.9,
            "min_persian_confidence": 0.8,
            "neutral_words": [],
        }

    def __init__(self, config: dict[str, Any]) -> None:
        self._detectors = build_detectors()
        self._language_words = load_language_words()
        self._neutral = NeutralTerms.of(config["neutral_words"])
        self._thresholds = Thresholds(
            min_words=config["min_words"],
            min_confidence=config["min_confidence"],
            min_other_words=config["min_other_words"],
            min_other_confidence=config["min_other_confidence"],
            min_persian_confidence=config["min_persian_confidence"],
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        return cls({**cls.get_default_config(), **config})

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The word lists: when they change, Rasa's training cache must not reuse what it computed before."""
        files = sorted(DATA_DIR.glob("*.yml"))
        return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()

    def guess(self, text: str) -> LanguageGuess:
        return identify_language(text, self._detectors, self._language_words, self._neutral, self._thresholds)

    def _annotate(self, message: Message) -> None:
        text: str | None = message.get(TEXT)
        if text:
            message.set(LANGUAGE_KEY, asdict(self.guess(text)), add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._annotate(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._annotate(message)
        return messages
