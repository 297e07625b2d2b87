"""Tests that need a system package (Chromium, PostgreSQL, Redis): skipped without it, except in CI."""

import os

import pytest


def require(installed: bool, message: str) -> None:
    """Skip the test, saying `message`, when the package is not installed; in CI (CI=true), fail."""
    if installed:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
