"""The danger lexicon (`bot/nlu/data/danger/<lang>.yml`): phrases that mean someone is in danger now."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.nlu.arabic import normalise
from bot.nlu.tokenizer import strip_accents

LEXICON_DIR = Path(__file__).parent / "data" / "danger"
_NOT_A_WORD = re.compile(r"[\W_]+")
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1{2,}")
# `~` in a pattern: zero to three words.
_GAP = r"(?:\S+ ){0,3}"
# A message typed without spaces in a panic ("pleasehelpmybrotherisunconscious") is this long; a pattern is
# then looked for inside it with its spaces removed, if its letters are this many (fewer occur by chance).
GLUED_MESSAGE_LENGTH = 16
GLUED_PATTERN_LETTERS = 9


def normalise_message(text: str) -> str:
    """Lower case, no accents, Arabic normalised, words separated by one space, "aaa" -> "a"."""
    text = strip_accents(normalise(text.lower()).replace("œ", "oe"))
    text = _REPEATED_LETTER.sub(r"\1", text)
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern, and the longest piece of text any match contains (a quick test first)."""

    regex: re.Pattern
    required: str
    glued: re.Pattern | None  # the pattern without spaces, if it has letters enough to be telling

    def search(self, normalised: str) -> bool:
        return self.required in normalised and self.regex.search(normalised) is not None

    def inside(self, glued: str) -> bool:
        """Whether the pattern is in a message typed without spaces."""
        return self.glued is not None and self.required in glued and self.glued.search(glued) is not None


def compile_pattern(pattern: str) -> Pattern:
    """Words in a row; `*` at either end of a word stands for more letters, `~` for up to 3 words."""
    cores = [normalise_message(word.strip("*")) for word in pattern.split() if word != "~"]
    parts = []
    for word in pattern.split():
        if word == "~":
            parts.append(_GAP)
            continue
        core = re.escape(normalise_message(word.strip("*")))
        prefix = r"\S*" if word.startswith("*") else ""
        suffix = r"\S*" if word.endswith("*") else ""
        parts.append(prefix + core + suffix + " ")
    regex = re.compile("(?:^| )" + "".join(parts).rstrip(" ") + "(?= |$)")
    words = pattern.split()
    glued_parts = [r"\S{0,30}" if w == "~" else re.escape(normalise_message(w.strip("*"))) for w in words]
    telling = len("".join(cores).replace(" ", "")) >= GLUED_PATTERN_LETTERS
    glued = re.compile(r"\S*".join(glued_parts)) if telling else None
    return Pattern(regex, max(cores, key=len, default=""), glued)


@dataclass(frozen=True)
class DangerLexicon:
    """Compiled patterns per category, and the contexts that cancel them, for one or several languages."""

    patterns: dict[str, list[Pattern]]
    unless: list[Pattern]

    def categories(self, text: str) -> list[str]:
        """The categories whose patterns appear in `text`, in the lexicon's order; none in a context that
        says the danger is not now (a danger long past, a question about insurance...)."""
        normalised = normalise_message(text)
        if any(pattern.search(normalised) for pattern in self.unless):
            return []
        glued = " " not in normalised and len(normalised) >= GLUED_MESSAGE_LENGTH
        return [
            category
            for category, patterns in self.patterns.items()
            if any(p.search(normalised) or (glued and p.inside(normalised)) for p in patterns)
        ]


def read_lexicon_file(path: Path) -> dict[str, Any]:
    """One language's file: `categories` ({category: {patterns, examples}}), `unless`, `not_examples`."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_lexicon(directory: Path = LEXICON_DIR) -> DangerLexicon:
    """Every language's patterns together: a message may mix languages."""
    patterns: dict[str, list[Pattern]] = {}
    unless: list[Pattern] = []
    for path in sorted(directory.glob("*.yml")):
        lexicon = read_lexicon_file(path)
        for category, entry in lexicon["categories"].items():
            patterns.setdefault(category, []).extend(compile_pattern(p) for p in entry["patterns"])
        unless.extend(compile_pattern(p) for p in lexicon.get("unless") or [])
    return DangerLexicon(patterns, unless)
