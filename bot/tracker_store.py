"""Rasa's SQL tracker store, which erases a conversation when the user asked for it.

`action_delete_data` runs once the user confirmed. Deleting the rows from the action server would not
be enough: Rasa saves the turn afterwards, and would write the whole conversation again. So the store,
when it saves a turn in which that action ran, deletes every event of the conversation instead.

While the database is down, it gives a conversation that says so (the user gets an apology, see
bot/policies/service_failure.py), where Rasa would answer as if the conversation were new. It checks a
pooled connection before using it: after the database restarts, the next message is answered, where
Rasa's store would fail it on a connection the restart closed.
"""

import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.service_failure import STORE_UNAVAILABLE_SLOT

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_delete_data"


def erase_requested(tracker: DialogueStateTracker) -> bool:
    return any(
        isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION for event in tracker.events
    )


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            return await super().retrieve(sender_id)
        except sa.exc.OperationalError as error:
            logger.error(
                "The tracker store cannot be read (%s): the user is asked to try later.", type(error).__name__
            )
            tracker = self.init_tracker(sender_id)
            tracker.update_with_events(
                [SlotSet(STORE_UNAVAILABLE_SLOT, True), ActionExecuted(ACTION_LISTEN_NAME)], self.domain
            )
            return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(STORE_UNAVAILABLE_SLOT):
            return  # not the stored conversation: writing it would mix it with the real one
        if erase_requested(tracker):
            self.erase(tracker.sender_id)
        else:
            await super().save(tracker)

    def erase(self, sender_id: str) -> int:
        """Delete every event of the conversation, of every session; return how many there were."""
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        return deleted
