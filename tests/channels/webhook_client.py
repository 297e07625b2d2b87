"""How the platforms sign and post their webhooks, for the tests that go through the entry point."""

import hashlib
import hmac
import urllib.error
import urllib.request


def meta_signature(body: bytes, secret: str) -> dict[str, str]:
    """The header with which Meta (WhatsApp, Messenger) signs a webhook body with the app secret."""
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """Posts `body` as JSON with `headers`; the HTTP status of the reply."""
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code
