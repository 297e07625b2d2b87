"""The Redis lock store that several instances share (bot/lock_store.py), on a real Redis server."""

import uuid
from concurrent.futures import ThreadPoolExecutor

from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore
from bot.paths import HOST
from tests.scale_out.conftest import REDIS_PORT

TICKETS_EACH = 200


def two_instances() -> list[AtomicRedisLockStore]:
    return [AtomicRedisLockStore(EndpointConfig(url=HOST, port=REDIS_PORT)) for _ in range(2)]


def test_tickets_issued_at_the_same_time_by_two_instances_are_all_different(redis_server):
    conversation = f"lock-{uuid.uuid4().hex}"

    def issue(store: AtomicRedisLockStore) -> list[int]:
        return [store.issue_ticket(conversation) for _ in range(TICKETS_EACH)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        issued = [ticket for tickets in pool.map(issue, two_instances()) for ticket in tickets]
    assert sorted(issued) == list(range(2 * TICKETS_EACH))


def test_the_lock_goes_once_every_ticket_is_served(redis_server):
    conversation = f"lock-{uuid.uuid4().hex}"
    first, second = two_instances()
    tickets = [first.issue_ticket(conversation), second.issue_ticket(conversation)]
    assert first.get_lock(conversation).now_serving == tickets[0]
    first.cleanup(conversation, tickets[0])
    assert second.get_lock(conversation).now_serving == tickets[1]
    second.cleanup(conversation, tickets[1])
    assert first.get_lock(conversation) is None
