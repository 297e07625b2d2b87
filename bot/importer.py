"""Rasa's file importer, made aware that rules may name a retrieval intent such as `faq`."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.importers import utils
from rasa.shared.importers.rasa import RasaFileImporter


class RetrievalIntentImporter(RasaFileImporter):
    """Reads stories and rules against the domain plus the retrieval intents of the NLU data.

    Rasa adds retrieval intents (`faq`) to the domain only after reading the stories, so the stock
    importer warns that the rule `intent: faq` names an unknown intent; listing `faq` in domain.yml
    instead makes Rasa warn about a duplicated intent. Reading stories against the full domain is
    what Rasa itself does at training time, without either warning.
    """

    def _domain_with_retrieval_intents(self) -> Domain:
        retrieval_intents = sorted(self.get_nlu_data().retrieval_intents)
        return self.get_domain().merge(Domain.from_dict({"intents": retrieval_intents}))

    def get_stories(self, exclusion_percentage: int | None = None) -> StoryGraph:
        return utils.story_graph_from_paths(
            self._story_files, self._domain_with_retrieval_intents(), exclusion_percentage
        )

    def get_conversation_tests(self) -> StoryGraph:
        return utils.story_graph_from_paths(
            self._conversation_test_files, self._domain_with_retrieval_intents()
        )
