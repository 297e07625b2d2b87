"""Language-aware tokens: spaCy blank tokenizers with lookup lemmas, Arabic normalised stems."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.lookups import Table, load_lookups

from bot.language import DEFAULT_LANGUAGE
from bot.nlu.arabic import normalise, strip_clitics, western_digits
from bot.nlu.language_identifier import LANGUAGE_KEY

LATIN_LANGUAGES = ("fr", "en")
# Words, and currency signs so that amount annotations such as "٩٠٠ €" align with tokens.
ARABIC_WORD = re.compile(r"\w+|[€$£]")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def lookup_lemma(table: Table, word: str) -> str:
    """The lookup lemma of a lower-cased word (French tables hold lists), without accents."""
    lemma = table.get(word, word)
    if isinstance(lemma, list):
        lemma = lemma[0]
    return strip_accents(western_digits(lemma))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualTokenizer(Tokenizer):
    """Tokenizes each message with the tokenizer of the language set by `LanguageIdentifier`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._spacy = {lang: spacy.blank(lang).tokenizer for lang in LATIN_LANGUAGES}
        self._lemmas = {
            lang: load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup") for lang in LATIN_LANGUAGES
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultilingualTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute)
        guess = message.get(LANGUAGE_KEY) if attribute == TEXT else None
        language = guess["code"] if guess else DEFAULT_LANGUAGE
        if language == "ar":
            tokens = self._arabic_tokens(text)
        else:
            tokens = self._latin_tokens(text, language)
        if not tokens:
            tokens = [Token(text, 0, lemma=text)]
        return self._apply_token_pattern(tokens)

    def _latin_tokens(self, text: str, language: str) -> list[Token]:
        table = self._lemmas[language]
        return [
            Token(t.text, t.idx, lemma=lookup_lemma(table, t.lower_))
            for t in self._spacy[language](text)
            if not t.is_space and not t.is_punct
        ]

    @staticmethod
    def _arabic_tokens(text: str) -> list[Token]:
        return [
            Token(m.group(), m.start(), lemma=strip_clitics(normalise(m.group()).lower()))
            for m in ARABIC_WORD.finditer(text)
        ]
