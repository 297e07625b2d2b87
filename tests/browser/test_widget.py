"""The website widget in headless Chromium, through the web entry point, Rasa and the action server."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from bot.environment import read_settings
from bot.paths import HOST
from bot.tools.servers import web_server
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import TEST_RASA_PORT
from tests.rest_user import language_of, response_text
from tests.tracker_db import stored_events

RESTARTED_WEB_PORT = 5108
HOSTILE = '<script>window.hacked = 1</script><img src="x" onerror="window.hacked = 2">'


class Widget:
    """The widget on the demo page, as a user sees and uses it."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.launcher = page.locator(".bpi-launcher")
        self.panel = page.locator(".bpi-panel")
        self.input = page.locator(".bpi-input")
        self.bot_messages = page.locator(".bpi-bot .bpi-bubble")
        self.user_messages = page.locator(".bpi-user .bpi-bubble")
        self.status = page.locator(".bpi-status")

    def open(self) -> "Widget":
        self.page.goto(self.url)
        self.launcher.click()
        expect(self.panel).to_be_visible()
        return self

    def stored(self) -> dict:
        return json.loads(self.page.evaluate("sessionStorage.getItem('bpi-assistant')"))

    def wait_until_answered(self) -> None:
        """Until every message sent has its answer (the widget's queue is empty)."""
        self.page.wait_for_function(
            "() => JSON.parse(sessionStorage.getItem('bpi-assistant')).queue.length === 0"
        )

    def say(self, text: str) -> list[str]:
        """Type `text`, press Enter, and return the assistant's new messages."""
        before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_until_answered()
        return self.bot_messages.all_inner_texts()[before:]

    def choose_language(self, name: str) -> list[str]:
        before = self.bot_messages.count()
        self.page.locator(".bpi-language", has_text=name).click()
        self.wait_until_answered()
        return self.bot_messages.all_inner_texts()[before:]


@pytest.fixture
def widget(page: Page, stack) -> Widget:
    return Widget(page, stack.web_url + "/")


def languages_of(texts: list[str]) -> set:
    assert texts, "no answer"
    return {language_of(text) for text in texts}


def test_french_conversation(widget: Widget):
    widget.open()
    expect(widget.page.locator(".bpi-privacy")).to_contain_text("Confidentialité")
    assert languages_of(widget.say("Bonjour, qu'est-ce que le LISKO ?")) == {"fr"}
    expect(widget.input).to_be_focused()
    expect(widget.page.locator("[aria-live=polite]")).not_to_be_empty()
    assert widget.panel.get_attribute("dir") == "ltr"


def test_english_conversation(widget: Widget):
    widget.open()
    assert languages_of(widget.choose_language("English")) == {"en"}
    expect(widget.input).to_have_attribute("placeholder", "Type your question…")
    assert languages_of(widget.say("Who should I contact about my housing problem?")) == {"en"}


def test_arabic_conversation_is_right_to_left(widget: Widget):
    widget.open()
    assert languages_of(widget.choose_language("العربية")) == {"ar"}
    expect(widget.panel).to_have_attribute("dir", "rtl")
    expect(widget.panel).to_have_attribute("lang", "ar")
    box = widget.panel.bounding_box()
    assert box["x"] > DESKTOP["width"] / 2, "the panel should stay next to the launcher, bottom right"
    # The answer holds more Latin letters than Arabic ones (names, an address) but is Arabic: it reads
    # right to left.
    assert languages_of(widget.say("ما هو LISKO؟")) == {"ar"}
    expect(widget.bot_messages.last).to_contain_text("Lëtzebuerger Integratiouns")
    expect(widget.bot_messages.last).to_have_attribute("dir", "rtl")
    # A French sentence keeps its own left-to-right direction, and the conversation, interface included,
    # goes on in French.
    widget.say("Bonjour, je cherche un logement")
    assert widget.user_messages.last.evaluate("node => node.matches(':dir(ltr)')")
    expect(widget.panel).to_have_attribute("lang", "fr")
    expect(widget.panel).to_have_attribute("dir", "ltr")
    expect(widget.bot_messages.last).to_have_attribute("dir", "ltr")


def test_clicking_a_button_sends_its_payload(widget: Widget):
    widget.open()
    widget.say("bonjour")
    buttons = widget.page.locator(".bpi-bot .bpi-choice")
    expect(buttons).to_have_text(["Français", "English", "العربية"])
    buttons.nth(1).click()
    widget.wait_until_answered()
    expect(widget.user_messages.last).to_have_text("English")
    assert languages_of(widget.bot_messages.all_inner_texts()[-1:]) == {"en"}
    expect(buttons.nth(0)).to_be_disabled()


def test_reload_keeps_the_conversation_and_its_context(widget: Widget):
    widget.open()
    widget.choose_language("English")
    widget.say("What is LISKO?")
    messages = widget.page.locator(".bpi-bubble")
    transcript = messages.all_inner_texts()
    widget.page.reload()
    expect(widget.panel).to_be_visible()
    expect(messages).to_have_text(transcript)
    assert languages_of(widget.say("ok")) == {"en"}


def erasure_confirmed(response) -> bool:
    return response.url.endswith("/widget/messages") and "/affirm" in (response.request.post_data or "")


def test_end_and_erase_clears_the_conversation_here_and_on_the_server(widget: Widget, stack):
    widget.open()
    widget.say("bonjour")
    sender = widget.stored()["sender"]
    assert stored_events(stack.tracker_db, sender) > 0
    widget.page.once("dialog", lambda dialog: dialog.accept())
    with widget.page.expect_response(erasure_confirmed):
        widget.page.locator(".bpi-end").click()
    assert stored_events(stack.tracker_db, sender) == 0
    expect(widget.bot_messages).to_have_count(0)
    assert widget.stored()["sender"] != sender
    assert widget.stored()["transcript"] == []
    expect(widget.input).to_be_focused()


def test_server_down_then_back(page: Page, stack):
    """The entry point stops: the typed message is kept, retried, and answered once it is back."""
    restarted = {"WEB_PORT": str(RESTARTED_WEB_PORT), "RASA_URL": f"http://{HOST}:{TEST_RASA_PORT}"}
    server = web_server(read_settings({**os.environ, **restarted}))
    server.start()
    widget = Widget(page, f"http://127.0.0.1:{RESTARTED_WEB_PORT}/")
    try:
        widget.open()
        widget.say("bonjour")
        server.stop()
        widget.input.fill("Qu'est-ce que le LISKO ?")
        widget.input.press("Enter")
        expect(widget.status).to_be_visible()
        expect(widget.status).to_contain_text("injoignable")
        expect(widget.user_messages.last).to_have_text("Qu'est-ce que le LISKO ?")
        expect(widget.page.locator(".bpi-user .bpi-note")).to_have_count(1)
        server.start()
        widget.wait_until_answered()
        expect(widget.status).to_be_hidden()
        expect(widget.page.locator(".bpi-user .bpi-note")).to_have_count(0)
        assert languages_of(widget.bot_messages.all_inner_texts()[-1:]) == {"fr"}
    finally:
        server.stop()


def test_too_many_messages_waits_as_the_server_says_then_sends(widget: Widget):
    """A 429: the widget says so, keeps the message, and sends it after Retry-After."""
    refused = []

    def limit_once(route: Route) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.post_data_json["message"])
            route.fulfill(status=429, headers={"Retry-After": "1"}, json={"error": "rate_limited"})

    widget.open()
    widget.page.route("**/widget/messages", limit_once)
    widget.input.fill("Qu'est-ce que le LISKO ?")
    widget.input.press("Enter")
    notice = response_text("utter_widget_rate_limited", "fr").replace("{seconds}", "1")
    expect(widget.status).to_have_text(notice)
    widget.wait_until_answered()
    expect(widget.status).to_be_hidden()
    assert refused == ["Qu'est-ce que le LISKO ?"]
    assert languages_of(widget.bot_messages.all_inner_texts()[-1:]) == {"fr"}


def test_keyboard_only(widget: Widget):
    widget.page.goto(widget.url)
    expect(widget.launcher).to_be_visible()
    # The launcher comes after the page's own content in the tab order.
    for _ in range(5):
        widget.page.keyboard.press("Tab")
        if widget.launcher.evaluate("node => node === document.activeElement"):
            break
    expect(widget.launcher).to_be_focused()
    widget.page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    widget.page.keyboard.type("bonjour")
    widget.page.keyboard.press("Enter")
    widget.wait_until_answered()
    expect(widget.input).to_be_focused()
    # Shift+Tab from the input reaches the assistant's buttons; Enter presses one.
    widget.page.keyboard.press("Shift+Tab")
    focused = widget.page.evaluate("document.activeElement.textContent")
    assert focused == "العربية"
    widget.page.keyboard.press("Enter")
    widget.wait_until_answered()
    assert languages_of(widget.bot_messages.all_inner_texts()[-1:]) == {"ar"}
    widget.page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()


def test_every_control_has_a_name(widget: Widget):
    widget.open()
    widget.say("bonjour")
    nameless = widget.page.evaluate(
        """[...document.querySelectorAll('.bpi-widget button, .bpi-widget input')]
             .filter(node => !(node.getAttribute('aria-label') || node.textContent.trim()
                               || node.labels?.length))
             .map(node => node.className)"""
    )
    assert nameless == []


def fake_answer(text: str):
    def answer(route: Route) -> None:
        route.fulfill(json=[{"text": text, "buttons": []}])

    return answer


def test_answers_are_shown_as_text_never_run(widget: Widget):
    widget.page.route("**/widget/messages", fake_answer(HOSTILE))
    widget.open()
    widget.say(HOSTILE)
    expect(widget.bot_messages.last).to_have_text(HOSTILE)
    expect(widget.user_messages.last).to_have_text(HOSTILE)
    assert widget.page.evaluate("window.hacked") is None
    assert widget.page.locator(".bpi-widget script, .bpi-widget img").count() == 0


# The boxes, on screen, of the first occurrence of a text in the latest answer.
TEXT_BOXES = """needle => {
  const bubble = [...document.querySelectorAll(".bpi-bot .bpi-bubble")].pop();
  const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    return [...range.getClientRects()].map(box => ({x: box.x, y: box.y, right: box.right}));
  }
  return [];
}"""


def before_in_reading_order(first: dict, then: dict) -> bool:
    """Left to right: `first` is left of `then` on the same line, or on a line above."""
    return first["y"] < then["y"] - 1 or (abs(first["y"] - then["y"]) <= 1 and first["x"] < then["x"])


DETAILS_OF_LISKO = (
    "Marc JOSSE",
    "13",
    "L-1255",
    "(+352) 27 55 56 03",
    "(+352)",
    "56 03",
    "marc.josse@croix-rouge.lu",
    "الهاتف:",
)


def test_an_arabic_contact_card_reads_right_to_left_with_its_details_in_order(widget: Widget):
    widget.page.set_viewport_size(PHONE)
    widget.open()
    widget.choose_language("العربية")
    widget.say("ما هو رقم هاتف LISKO وعنوانه؟")
    card = widget.bot_messages.last
    expect(card).to_contain_text("(+352) 27 55 56 03")
    expect(card).to_have_attribute("dir", "rtl")
    box = {text: widget.page.evaluate(TEXT_BOXES, text) for text in DETAILS_OF_LISKO}
    # Each detail is laid out whole, on one line, inside the right-to-left bubble, left to right.
    bubble = card.bounding_box()
    for text in ("Marc JOSSE", "L-1255", "(+352) 27 55 56 03", "marc.josse@croix-rouge.lu", "13"):
        assert len(box[text]) == 1, (text, box[text])
        assert (
            bubble["x"] <= box[text][0]["x"] and box[text][0]["right"] <= bubble["x"] + bubble["width"]
        ), text
    assert before_in_reading_order(box["13"][0], box["L-1255"][0])
    assert before_in_reading_order(box["(+352)"][0], box["56 03"][0])
    # The Arabic label comes first, on the right of its value.
    assert box["الهاتف:"][0]["x"] > box["(+352) 27 55 56 03"][0]["right"]


def test_links_phone_numbers_and_addresses_are_clickable(widget: Widget):
    text = "LogIS : (+352) 27 55 56 03, logis@caritas.lu, https://www.caritas.lu. En danger : 112."
    widget.page.route("**/widget/messages", fake_answer(text))
    widget.open()
    widget.say("contact")
    links = widget.bot_messages.last.locator("a")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs == ["tel:+35227555603", "mailto:logis@caritas.lu", "https://www.caritas.lu", "tel:112"]
    expect(widget.bot_messages.last).to_have_text(text)


def relative_luminance(rgb: str) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(part)) for part in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted([relative_luminance(foreground), relative_luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    "selector, background_selector",
    [
        (".bpi-bot .bpi-bubble", ".bpi-bot .bpi-bubble"),
        (".bpi-user .bpi-bubble", ".bpi-user .bpi-bubble"),
        (".bpi-choice", ".bpi-choice"),
        (".bpi-send", ".bpi-send"),
        (".bpi-title", ".bpi-header"),
        (".bpi-privacy", ".bpi-privacy"),
        (".bpi-end", ".bpi-panel"),
        (".bpi-launcher", ".bpi-launcher"),
    ],
)
def test_text_contrast_meets_wcag_aa(widget: Widget, selector: str, background_selector: str):
    widget.open()
    widget.say("bonjour")
    color = widget.page.locator(selector).first.evaluate("node => getComputedStyle(node).color")
    background = widget.page.locator(background_selector).first.evaluate(
        "node => getComputedStyle(node).backgroundColor"
    )
    assert contrast(color, background) >= 4.5


def test_fits_a_360_pixel_phone(widget: Widget):
    widget.page.set_viewport_size(PHONE)
    widget.open()
    widget.say("Bonjour, qu'est-ce que le LISKO ?")
    assert widget.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = widget.panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    expect(widget.input).to_be_in_viewport()
    expect(widget.page.locator(".bpi-send")).to_be_in_viewport()


@pytest.mark.parametrize(
    "language, question", [("fr", "Qu'est-ce que le LISKO ?"), ("ar", "ما هو رقم هاتف LISKO وعنوانه؟")]
)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots(widget: Widget, screenshots_dir: Path, language: str, question: str, size: str):
    if size == "phone":
        widget.page.set_viewport_size(PHONE)
    widget.open()
    if language == "ar":
        widget.choose_language("العربية")
    assert languages_of(widget.say(question)) == {language}
    path = screenshots_dir / f"widget-{language}-{size}.png"
    widget.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
