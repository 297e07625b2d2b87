from bot.tools.shell_nlu import describe

PARSE = {
    "text": "c'est quoi le LISKO ?",
    "language": {"code": "fr", "confidence": 0.79, "reliable": True},
    "intent": {"name": "faq", "confidence": 0.995},
    "intent_ranking": [
        {"name": "faq", "confidence": 0.995},
        {"name": "thank", "confidence": 0.003},
        {"name": "stop", "confidence": 0.001},
    ],
    "entities": [{"entity": "commune", "value": "Esch-sur-Alzette"}],
    "response_selector": {"faq": {"response": {"intent_response_key": "faq/lisko", "confidence": 0.98}}},
}


def test_staff_see_language_intent_runners_up_entities_and_faq_answer():
    assert describe(PARSE).splitlines() == [
        "language: fr 0.79 (reliable)",
        "intent:   faq 0.99   (then thank 0.00, stop 0.00)",
        "entities: commune=Esch-sur-Alzette",
        "faq:      faq/lisko 0.98",
    ]


def test_an_unreliable_detection_and_no_entity_are_said_so():
    parse = {**PARSE, "language": {"code": "en", "confidence": 0.5, "reliable": False}, "entities": []}
    parse["intent"] = parse["intent_ranking"][0] = {"name": "greet", "confidence": 1.0}
    lines = describe(parse).splitlines()
    assert lines[0] == "language: en 0.50 (unreliable: kept, but on a first message)"
    assert lines[2:] == ["entities: -"]


def test_a_language_not_served_is_named():
    parse = {**PARSE, "language": {"code": "fr", "confidence": 0.0, "reliable": False, "unsupported": "de"}}
    assert describe(parse).splitlines()[0] == "language: fr 0.00 (a language not served: de)"
