"""Rasa's SQL tracker store, which erases a conversation when the user asked for it.

`action_delete_data` runs once the user confirmed. Deleting the rows from the action server would not
be enough: Rasa saves the turn afterwards, and would write the whole conversation again. So the store,
when it saves a turn in which that action ran, deletes every event of the conversation instead.
"""

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

ERASE_ACTION = "action_delete_data"


def erase_requested(tracker: DialogueStateTracker) -> bool:
    return any(
        isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION for event in tracker.events
    )


class ErasableSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
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
