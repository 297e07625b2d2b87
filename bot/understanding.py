"""What a parse result says, for the NLU components and the actions alike (no Rasa import)."""

from typing import Any

# Keys of Rasa's parse result (rasa.shared.nlu.constants, rasa.nlu.constants).
INTENT_RANKING = "intent_ranking"
RESPONSE_SELECTOR = "response_selector"
SELECTOR_RANKING = "ranking"
INTENT_RESPONSE_KEY = "intent_response_key"
CONFIDENCE = "confidence"
RETRIEVAL_SEPARATOR = "/"
# The intent of a clarifying question's buttons (actions/clarify.py), with the FAQ key as entity `topic`.
CHOOSE_TOPIC_INTENT = "choose_topic"
TOPIC_ENTITY = "topic"


def label_ranking(parse: dict[str, Any]) -> list[tuple[str, float]]:
    """Every label with its probability, most likely first: intents, and `faq/<key>` instead of `faq`."""
    selectors = parse.get(RESPONSE_SELECTOR) or {}
    labels = []
    for entry in parse.get(INTENT_RANKING) or []:
        selector = selectors.get(entry["name"])
        if selector:
            labels += [(key[INTENT_RESPONSE_KEY], key[CONFIDENCE]) for key in selector[SELECTOR_RANKING]]
        else:
            labels.append((entry["name"], entry[CONFIDENCE]))
    return sorted(labels, key=lambda pair: -pair[1])


def topic_payload(key: str) -> str:
    """The payload of a button that chooses the FAQ answer `key`."""
    return f'/{CHOOSE_TOPIC_INTENT}{{"{TOPIC_ENTITY}": "{key}"}}'


def likeliest_topics(parse: dict[str, Any], topics: set[str], most: int, floor: float) -> list[str]:
    """Up to `most` labels among `topics` with a probability of at least `floor`, likeliest first."""
    return [label for label, p in label_ranking(parse) if label in topics and p >= floor][:most]


# The entity the danger lexicon adds to an emergency (bot/nlu/danger_detector.py), one per category, and
# the category whose reply adds the emergency-shelter answer to the emergency numbers.
DANGER_ENTITY = "danger"
NO_SHELTER_TONIGHT = "no_shelter_tonight"

# Added by bot.nlu.subject_finder: one `subject` per subject the message names (bot/rules/data/subjects.yml),
# `asks_contact` when it asks for a phone number, an address, an e-mail..., `refers_to_them` when it speaks of
# the service discussed as "they", `is_question` for a question.
SUBJECT_ENTITY = "subject"
ASKS_CONTACT_ENTITY = "asks_contact"
REFERS_TO_THEM_ENTITY = "refers_to_them"
IS_QUESTION_ENTITY = "is_question"


def faq_ranking(parse: dict[str, Any]) -> list[str]:
    """The FAQ keys of a parse result, likeliest first."""
    prefix = f"faq{RETRIEVAL_SEPARATOR}"
    return [label.removeprefix(prefix) for label, _ in label_ranking(parse) if label.startswith(prefix)]
