"""Sends the services to contact, each with its reason (a response) and its contact card."""

from rasa_sdk.executor import CollectingDispatcher

from actions.rules_data import DIRECTORY, ROUTING
from bot.language import SUPPORTED_LANGUAGES
from bot.responses import card_labels, load_responses
from bot.rules.directory import contact_card
from bot.rules.routing import RoutingFacts, route

RESPONSES = load_responses()
CARD_LABELS = {language: card_labels(RESPONSES, language) for language in SUPPORTED_LANGUAGES}


def contact_value(service_id: str, language: str, commune: str | None = None) -> str:
    """The `{contact}` of a response: a new line and the card, or nothing when the directory has none."""
    card = contact_card(DIRECTORY.service(service_id, commune), CARD_LABELS[language])
    return f"\n{card}" if card else ""


def send_routes(
    dispatcher: CollectingDispatcher,
    facts: RoutingFacts,
    language: str,
    intro: str | None,
    most: int | None = None,
) -> None:
    """`intro` if any, then the services for `facts` (at `most` so many), each with its reason and card."""
    if intro:
        dispatcher.utter_message(response=intro)
    for referral in route(facts, ROUTING)[:most]:
        dispatcher.utter_message(
            response=f"utter_route_{referral.reason}",
            contact=contact_value(referral.service, language, facts.commune),
        )
