"""Rasa's Redis lock store, each change of a conversation's lock made in one Redis transaction.

Rasa 3.6 reads a lock, changes it and writes it back in separate commands. Two instances that receive
messages of one conversation at the same instant can then both get the first ticket and handle the
messages at once: the second to save its turn finds the first one's events and stores only what goes
beyond them, so a message and its answer are lost. Here each change runs in a Redis transaction that is
retried when another instance changed the lock in between.
"""

import json
from collections.abc import Callable
from typing import TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.client import Pipeline

Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    """Loaded by `LOCK_STORE_TYPE=bot.lock_store.AtomicRedisLockStore`, with Rasa's Redis settings."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """`change` applied to the conversation's lock (a new one if none) in one transaction; a lock left
        without tickets is deleted."""
        key = self.key_prefix + conversation_id

        def apply(pipe: Pipeline) -> Result:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else TicketLock(conversation_id)
            result = change(lock)
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(apply, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, TicketLock.remove_expired_tickets)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))
