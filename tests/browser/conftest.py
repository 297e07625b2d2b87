"""Debian's Chromium, driven by Playwright, against the servers of the test session."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bot.paths import PROJECT_ROOT
from tests.system import require

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Module-scoped: while Playwright's sync API runs, the thread's event loop is taken, and the
    asynchronous tests of other modules could not run theirs."""
    require(
        shutil.which(CHROMIUM) is not None,
        f"Chromium is not installed at {CHROMIUM}: run `make browser` (Debian package chromium).",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A new browser context (empty sessionStorage) at desktop size."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    """results/screenshots, or SCREENSHOTS_DIR (`make screenshots` writes docs/screenshots)."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR", PROJECT_ROOT / "results" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
