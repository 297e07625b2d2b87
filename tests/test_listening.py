"""The servers `make run` starts listen on the loopback interface only, and Rasa's HTTP API is off."""

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTION_PORT, TEST_RASA_PORT, TEST_WEB_PORT

LISTEN = "0A"
LOOPBACK = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses on which a socket listens on `port`, read from /proc/net/tcp."""
    addresses = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if state == LISTEN and int(local_port, 16) == port:
            addresses.add(address)
    return addresses


@pytest.mark.parametrize(
    "port",
    [TEST_ACTION_PORT, TEST_RASA_PORT, TEST_WEB_PORT],
    ids=["action server", "Rasa", "web entry point"],
)
def test_listens_on_loopback_only(stack, port):
    assert listening_addresses(port) == {LOOPBACK}


@pytest.mark.parametrize("path", ["/status", "/conversations/someone/tracker", "/model/parse", "/domain"])
def test_rasa_http_api_is_off_by_default(stack, path):
    rasa = stack.rest_url.removesuffix("/webhooks/rest/webhook")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{rasa}{path}", timeout=10)
    assert refused.value.code in {404, 405}
