/* The BPI assistant's chat widget. Embed with one tag:
   <script src="https://…/widget.js" data-server="https://…" data-lang="fr" defer></script>
   Plain JavaScript, no dependency. Bot text is always inserted as text, never as HTML. */
(function () {
  "use strict";

  const script = document.currentScript;
  const server = (script.dataset.server || new URL(script.src).origin).replace(/\/$/, "");
  const STORAGE_KEY = "bpi-assistant";
  const RETRY_SECONDS = [2, 4, 8, 15];
  // A Latin run (a name, an address, a number) the server isolated in a right-to-left reply (bot/reading_order.py).
  const ISOLATED = /\u2066([^\u2069]*)\u2069/g;
  // Web addresses, e-mail addresses, international phone numbers, and the emergency numbers 112 and 113.
  const LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(\(?\+\d{2,3}\)?[\d \-]{5,}\d|\b11[23]\b)/g;

  // The languages offered, the default, those written right to left, and the labels (bot/web/texts.py).
  let settings = null;
  let state = null;
  let retries = 0;
  let retryTimer = null;
  let sending = false;
  const ui = {};

  function supported(tag) {
    const code = (tag || "").slice(0, 2).toLowerCase();
    return settings.languages.includes(code) ? code : null;
  }

  function newState() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return {
      sender: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
      language: supported(script.dataset.lang) || supported(navigator.language) || settings.default,
      open: false,
      transcript: [], // {from: "user" | "bot", text, buttons, pending, refused, used}
      queue: [], // {message, entry}: messages not yet answered; entry is the transcript index or -1
    };
  }

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) || newState();
    } catch (error) {
      return newState();
    }
  }

  function save() {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  }

  function t(label) {
    return settings.texts[state.language][label];
  }

  function element(tag, className, attributes) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  /* Text with its links, phone numbers and e-mail addresses made clickable, built node by node. */
  function linkified(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(LINK)) {
      fragment.append(text.slice(last, match.index));
      const [whole, url, email] = match;
      const href = url ? url : email ? "mailto:" + email : "tel:" + whole.replace(/[^\d+]/g, "");
      const link = element("a", null, { href: href });
      if (url) Object.assign(link, { target: "_blank", rel: "noopener noreferrer" });
      if (!url && !email) link.className = "bpi-phone";
      link.textContent = whole;
      fragment.append(link);
      last = match.index + whole.length;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  /* Text whose isolated Latin runs are <bdi> elements, laid out left to right, that wrap only after a comma. */
  function displayed(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(ISOLATED)) {
      fragment.append(linkified(text.slice(last, match.index)));
      const run = element("bdi", "bpi-ltr", { dir: "ltr" });
      match[1].split(/(, )/).forEach((part, index) => {
        if (index % 2) return run.append(part);
        const piece = element("span", "bpi-nowrap");
        piece.append(linkified(part));
        run.append(piece);
      });
      fragment.append(run);
      last = match.index + match[0].length;
    }
    fragment.append(linkified(text.slice(last)));
    return fragment;
  }

  /* A bot message is laid out in the direction of its language; the user's own text by its first letter. */
  function direction(entry) {
    if (entry.from === "user") return "auto";
    return settings.right_to_left.includes(entry.language || state.language) ? "rtl" : "ltr";
  }

  function messageNode(entry, index) {
    const item = element("li", "bpi-message bpi-" + entry.from);
    const who = element("span", "bpi-visually-hidden");
    who.textContent = t(entry.from === "user" ? "you" : "assistant") + " : ";
    const bubble = element("p", "bpi-bubble", { dir: direction(entry) });
    if (entry.language) bubble.lang = entry.language;
    bubble.append(displayed(entry.text));
    item.append(who, bubble);
    if (entry.pending || entry.refused) {
      const note = element("span", "bpi-note");
      note.textContent = entry.refused ? t("refused") : t("not_sent");
      item.append(note);
    }
    if (entry.buttons && entry.buttons.length) {
      const group = element("div", "bpi-buttons");
      entry.buttons.forEach((button) => {
        const choice = element("button", "bpi-choice", { type: "button", dir: direction(entry) });
        choice.textContent = button.title;
        choice.disabled = Boolean(entry.used);
        choice.addEventListener("click", () => {
          state.transcript[index].used = true;
          send(button.payload, button.title);
        });
        group.append(choice);
      });
      item.append(group);
    }
    return item;
  }

  function renderTranscript() {
    ui.log.replaceChildren(...state.transcript.map(messageNode));
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
  }

  function renderLabels() {
    ui.panel.lang = state.language;
    ui.panel.dir = settings.right_to_left.includes(state.language) ? "rtl" : "ltr";
    ui.launcher.textContent = t("open");
    ui.title.textContent = t("title");
    ui.languages.setAttribute("aria-label", t("language_menu"));
    ui.languageButtons.forEach((button) => button.setAttribute("aria-pressed", String(button.value === state.language)));
    ui.close.setAttribute("aria-label", t("close"));
    ui.close.title = t("close");
    ui.privacy.textContent = t("privacy");
    ui.label.textContent = t("input_label");
    ui.input.placeholder = t("placeholder");
    ui.send.textContent = t("send");
    ui.end.textContent = t("end");
    ui.typing.textContent = t("typing");
  }

  function render() {
    ui.panel.hidden = !state.open;
    ui.launcher.setAttribute("aria-expanded", String(state.open));
    renderLabels();
    renderTranscript();
  }

  function announce(text) {
    ui.live.textContent = "";
    setTimeout(() => (ui.live.textContent = text), 50);
  }

  function showStatus(text) {
    ui.status.textContent = text;
    ui.status.hidden = !text;
  }

  function send(message, shown) {
    let entry = -1;
    if (shown !== null) {
      state.transcript.push({ from: "user", text: shown, pending: true });
      entry = state.transcript.length - 1;
    }
    state.queue.push({ message: message, entry: entry });
    save();
    renderTranscript();
    ui.input.focus();
    deliver();
  }

  async function post(item) {
    const response = await fetch(server + "/widget/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: item.message, language: state.language }),
    });
    if (response.status === 429) {
      // Too many messages: the message is kept and sent once the server's Retry-After has passed.
      throw Object.assign(new Error("rate_limited"), { seconds: Number(response.headers.get("Retry-After")) || 15 });
    }
    if (response.status >= 500) throw new Error("unavailable");
    return { ok: response.ok, replies: response.ok ? await response.json() : [] };
  }

  /* Sends the queued messages one by one; while the server cannot be reached, retries with a growing delay. */
  async function deliver() {
    if (sending || retryTimer || !state.queue.length) return;
    sending = true;
    ui.typing.hidden = false;
    const item = state.queue[0];
    try {
      const result = await post(item);
      retries = 0;
      showStatus("");
      state.queue.shift();
      if (item.entry >= 0) {
        Object.assign(state.transcript[item.entry], { pending: false, refused: !result.ok });
      }
      result.replies.forEach((reply) =>
        state.transcript.push({ from: "bot", text: reply.text, buttons: reply.buttons, language: reply.language })
      );
      followLanguage(result.replies);
      save();
      renderTranscript();
      if (result.replies.length) announce(result.replies.map((reply) => reply.text).join("\n"));
    } catch (error) {
      const seconds = error.seconds || RETRY_SECONDS[Math.min(retries, RETRY_SECONDS.length - 1)];
      if (!error.seconds) retries += 1;
      showStatus(t(error.seconds ? "rate_limited" : "offline").replace("{seconds}", seconds));
      retryTimer = setTimeout(() => {
        retryTimer = null;
        deliver();
      }, seconds * 1000);
    } finally {
      sending = false;
      ui.typing.hidden = true;
    }
    deliver();
  }

  /* The interface speaks the conversation's language, which changes with what the user writes. */
  function followLanguage(replies) {
    const spoken = replies.map((reply) => supported(reply.language)).filter(Boolean).pop();
    if (spoken && spoken !== state.language) {
      state.language = spoken;
      renderLabels();
    }
  }

  function chooseLanguage(language) {
    if (language === state.language) return;
    state.language = language;
    save();
    renderLabels();
    renderTranscript();
    send('/set_language{"language": "' + language + '"}', null);
  }

  /* Erases the conversation on the server too, as a user writing "delete my data" and confirming would. */
  async function forget(sender, language) {
    for (const message of ["/delete_data", "/affirm"]) {
      await fetch(server + "/widget/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: sender, message: message, language: language }),
      });
    }
  }

  function erase() {
    if (!window.confirm(t("end_confirm"))) return;
    clearTimeout(retryTimer);
    retryTimer = null;
    const previous = state;
    sessionStorage.removeItem(STORAGE_KEY);
    state = Object.assign(newState(), { open: true, language: previous.language });
    save();
    showStatus("");
    render();
    ui.input.focus();
    // Unreachable server: it erases the conversation anyway once the retention period is over.
    if (previous.transcript.length) forget(previous.sender, previous.language).catch(() => {});
  }

  function toggle(open) {
    state.open = open;
    save();
    render();
    (open ? ui.input : ui.launcher).focus();
  }

  function build() {
    const root = element("div", "bpi-widget");
    ui.launcher = element("button", "bpi-launcher", { type: "button", "aria-controls": "bpi-panel" });
    ui.panel = element("section", "bpi-panel", { id: "bpi-panel", "aria-labelledby": "bpi-title" });
    const header = element("header", "bpi-header");
    ui.title = element("h2", "bpi-title", { id: "bpi-title" });
    ui.languages = element("div", "bpi-languages", { role: "group" });
    ui.languageButtons = settings.languages.map((code) => {
      const button = element("button", "bpi-language", { type: "button", lang: code, value: code });
      button.textContent = settings.texts[code].language_name;
      button.addEventListener("click", () => chooseLanguage(code));
      ui.languages.append(button);
      return button;
    });
    ui.close = element("button", "bpi-close", { type: "button" });
    ui.close.textContent = "×";
    header.append(ui.title, ui.close, ui.languages);
    // The privacy notice comes before the first message, and scrolls away with the conversation.
    ui.scroller = element("div", "bpi-scroller");
    ui.privacy = element("p", "bpi-privacy");
    ui.log = element("ol", "bpi-log");
    ui.scroller.append(ui.privacy, ui.log);
    ui.typing = element("p", "bpi-typing", { "aria-hidden": "true" });
    ui.typing.hidden = true;
    ui.status = element("p", "bpi-status", { role: "status" });
    ui.status.hidden = true;
    ui.live = element("div", "bpi-visually-hidden", { "aria-live": "polite" });
    const form = element("form", "bpi-form");
    ui.label = element("label", "bpi-visually-hidden", { for: "bpi-input" });
    ui.input = element("input", "bpi-input", { id: "bpi-input", type: "text", autocomplete: "off", dir: "auto", maxlength: "2000" });
    ui.send = element("button", "bpi-send", { type: "submit" });
    form.append(ui.label, ui.input, ui.send);
    ui.end = element("button", "bpi-end", { type: "button" });
    ui.panel.append(header, ui.scroller, ui.typing, ui.status, ui.live, form, ui.end);
    root.append(ui.launcher, ui.panel);

    ui.launcher.addEventListener("click", () => toggle(!state.open));
    ui.close.addEventListener("click", () => toggle(false));
    ui.end.addEventListener("click", erase);
    ui.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") toggle(false);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) return;
      ui.input.value = "";
      send(text, text);
    });
    return root;
  }

  async function start() {
    const style = element("link", null, { rel: "stylesheet", href: server + "/widget.css" });
    document.head.append(style);
    settings = await (await fetch(server + "/widget/settings.json")).json();
    state = load();
    document.body.append(build());
    render();
    deliver();
  }

  start();
})();
