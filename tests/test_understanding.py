"""What the classifier writes (intents, FAQ answers), how sure it must be, and the topics a clarifying
question offers."""

import numpy as np
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.confidence_gate import ConfidenceGate, is_sure
from bot.nlu.linear_classifier import intent_ranking, selector_output
from bot.understanding import label_ranking, likeliest_topics

LABELS = ["faq/lisko", "faq/logis", "greet", "check_guarantee", "out_of_scope"]


def parse_of(probabilities: list[float]) -> dict:
    """A parse result as the classifier writes it, for LABELS with these probabilities."""
    p = np.array(probabilities)
    return {
        "intent_ranking": intent_ranking(LABELS, p),
        "response_selector": {"faq": selector_output("faq", LABELS, p)},
    }


def test_faq_keys_add_up_to_the_faq_intent_and_the_selector_picks_the_likeliest_key():
    parse = parse_of([0.5, 0.2, 0.1, 0.1, 0.1])
    assert parse["intent_ranking"][0] == {"name": "faq", "confidence": pytest.approx(0.7)}
    answer = parse["response_selector"]["faq"]["response"]
    assert (answer["intent_response_key"], answer["utter_action"]) == ("faq/lisko", "utter_faq/lisko")
    assert answer["confidence"] == pytest.approx(0.5)


def test_label_ranking_reads_the_keys_back():
    labels = [label for label, _ in label_ranking(parse_of([0.5, 0.2, 0.1, 0.15, 0.05]))]
    assert labels == ["faq/lisko", "faq/logis", "check_guarantee", "greet", "out_of_scope"]


CONFIG = {**ConfidenceGate.get_default_config(), "actions": ["check_guarantee"]}


@pytest.mark.parametrize(
    "probabilities, sure",
    [
        ([0.9, 0.05, 0.05, 0.0, 0.0], True),  # a clear answer
        ([0.45, 0.05, 0.3, 0.1, 0.1], False),  # too unsure to answer
        ([0.5, 0.45, 0.05, 0.0, 0.0], False),  # two answers too close to tell apart
        ([0.05, 0.05, 0.05, 0.6, 0.25], False),  # enough for an answer, not to start a form
        ([0.0, 0.05, 0.05, 0.85, 0.05], True),
        ([0.2, 0.1, 0.05, 0.05, 0.6], True),  # declining is never a wrong answer
        ([0.25, 0.25, 0.1, 0.1, 0.3], True),
    ],
)
def test_is_sure(probabilities, sure):
    assert is_sure(label_ranking(parse_of(probabilities)), CONFIG) == sure


def test_the_likeliest_topics_are_offered_above_a_floor():
    parse = parse_of([0.35, 0.05, 0.3, 0.25, 0.05])
    topics = {"faq/lisko", "faq/logis", "check_guarantee"}
    assert likeliest_topics(parse, topics, most=3, floor=0.1) == ["faq/lisko", "check_guarantee"]
    assert likeliest_topics(parse, topics, most=1, floor=0.1) == ["faq/lisko"]
    assert likeliest_topics(parse, topics, most=3, floor=0.5) == []


def gated(probabilities: list[float]) -> str:
    """The intent after the gate, for a message the classifier scored so."""
    message = Message(data={"text": "...", **parse_of(probabilities)})
    message.set("intent", message.get("intent_ranking")[0])
    ConfidenceGate(CONFIG).process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "probabilities, intent",
    [
        ([0.9, 0.05, 0.05, 0.0, 0.0], "faq"),
        ([0.45, 0.05, 0.3, 0.1, 0.1], "nlu_fallback"),
        ([0.05, 0.05, 0.05, 0.6, 0.25], "nlu_fallback"),
        ([0.2, 0.1, 0.05, 0.05, 0.6], "out_of_scope"),
    ],
)
def test_the_gate_keeps_a_sure_intent_and_makes_an_unsure_one_a_question(probabilities, intent):
    assert gated(probabilities) == intent


def test_an_emergency_wins_from_its_own_threshold_even_when_it_is_not_first():
    labels = ["faq/emergency_shelter", "emergency", "out_of_scope"]
    p = np.array([0.5, 0.45, 0.05])
    ranking = intent_ranking(labels, p)
    message = Message(data={"text": "...", "intent": ranking[0], "intent_ranking": ranking})
    message.set("response_selector", {"faq": selector_output("faq", labels, p)})
    ConfidenceGate(CONFIG).process([message])
    assert message.get("intent")["name"] == "emergency"
