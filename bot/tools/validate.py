"""`rasa data validate --fail-on-warnings`, where the responses our forms and code send count as used.

Rasa warns about every response that no story or rule names. Form questions (`utter_ask_*`), the
responses custom actions and our policies send, those the channels and the widget read (the card's labels,
WhatsApp's list button, the widget's labels: bot/responses.py, bot/web/texts.py) and RulePolicy's core
fallback (config.yml) never appear in stories, nor does `utter_faq` when the actions send its answers by
name. The code names them whole, as a constant ending in `_` or `/` (a prefix), or as an f-string's
constant start; Rasa's own validation runs here with those responses counted as used.
The intents that only channels, buttons or our NLU components set (`too_long`, `attachment`, `choose_topic`,
`other_language`, `romanised_arabic`) have no training examples and are not reported either.
Every other check, and every other warning, is Rasa's, unchanged.
"""

import ast
from pathlib import Path

import rasa.validator
import yaml
from rasa.cli.utils import validate_files
from rasa.shared.core.events import ActionExecuted
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.io import configure_colored_logging

from bot.channels.text import ATTACHMENT_PAYLOAD, TOO_LONG_PAYLOAD
from bot.nlu.language_router import OTHER_LANGUAGE_INTENT, ROMANISED_ARABIC_INTENT
from bot.paths import DOMAIN_FILE, PROJECT_ROOT
from bot.understanding import CHOOSE_TOPIC_INTENT

CODE_SENDING_RESPONSES = (
    PROJECT_ROOT / "actions",
    PROJECT_ROOT / "bot" / "policies",
    PROJECT_ROOT / "bot" / "responses.py",
    PROJECT_ROOT / "bot" / "web" / "texts.py",
)
INTENTS_WITHOUT_EXAMPLES = {
    TOO_LONG_PAYLOAD.lstrip("/"),
    ATTACHMENT_PAYLOAD.lstrip("/"),
    CHOOSE_TOPIC_INTENT,
    OTHER_LANGUAGE_INTENT,
    ROMANISED_ARABIC_INTENT,
}
FORM_QUESTION_PREFIX = "utter_ask_"


def python_files(roots: tuple[Path, ...]) -> list[Path]:
    """The roots that are files, and the Python files of those that are folders."""
    return sorted(path for root in roots for path in ([root] if root.is_file() else root.glob("*.py")))


def response_names_in_code(roots: tuple[Path, ...] = CODE_SENDING_RESPONSES) -> tuple[set[str], set[str]]:
    """(names, prefixes): `utter_*` string constants, those ending in `_` or `/` and the constant start of
    `utter_*` f-strings being prefixes."""
    names, prefixes = set(), set()
    for path in python_files(roots):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                prefix = node.values[0].value
                if prefix.startswith("utter_"):
                    prefixes.add(prefix)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.startswith("utter_"):
                    (prefixes if node.value.endswith(("_", "/")) else names).add(node.value)
    return names - prefixes, prefixes


def core_fallback_response() -> str:
    """The response RulePolicy sends when no rule applies (config.yml), which no rule names."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    [rule_policy] = [p for p in config["policies"] if p["name"] == "RulePolicy"]
    return rule_policy["core_fallback_action_name"]


def responses_sent_by_code(responses: list[str]) -> set[str]:
    """The responses the code sends, and `utter_faq` when it sends its answers by name (`utter_faq/<key>`)."""
    names, prefixes = response_names_in_code()
    names.add(core_fallback_response())
    starts = (FORM_QUESTION_PREFIX, *prefixes)
    retrieval_actions = {prefix.removesuffix("/") for prefix in prefixes if prefix.endswith("/")}
    sent = {response for response in responses if response in names or response.startswith(starts)}
    return sent | retrieval_actions


class ProjectValidator(rasa.validator.Validator):
    def _gather_utterance_actions(self) -> set[str]:
        """Rasa's set, less the responses only our code sends (so none is reported unused)."""
        in_stories = {
            event.action_name
            for step in self.story_graph.story_steps
            for event in step.events
            if isinstance(event, ActionExecuted)
        }
        only_in_code = responses_sent_by_code(list(self.domain.responses)) - in_stories
        return super()._gather_utterance_actions() - only_in_code

    def _non_default_intents(self) -> list[str]:
        """Rasa's list, less the intents that have no training examples."""
        return [intent for intent in super()._non_default_intents() if intent not in INTENTS_WITHOUT_EXAMPLES]


def main() -> None:
    # As the `rasa` command does: progress shown, Rasa's own expected warnings hidden.
    configure_logging_and_warnings()
    configure_colored_logging("INFO")
    importer = TrainingDataImporter.load_from_config(
        config_path=str(PROJECT_ROOT / "config.yml"),
        domain_path=str(DOMAIN_FILE),
        training_data_paths=[str(PROJECT_ROOT / "data")],
    )
    # `validate_files` imports `rasa.validator.Validator` when it runs: it gets ours.
    rasa.validator.Validator = ProjectValidator
    validate_files(fail_on_warnings=True, max_history=None, importer=importer)


if __name__ == "__main__":
    main()
