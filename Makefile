# Two commands for newcomers: `make run` and `make test`. Both bootstrap everything they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/bpi.tar.gz
# What the model is trained from (bot/tools/training_inputs.py, which the benchmark reads too); any Python 3 lists it.
TRAINING_INPUTS := $(shell python3 -m bot.tools.training_inputs)

export TF_CPP_MIN_LOG_LEVEL := 2
# With the seeds of config.yml, the same data gives the same model (and the same figures) every time.
export TF_DETERMINISTIC_OPS := 1
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)
# Libraries' own deprecation notices (pkg_resources, jax) would bury the checks' output.
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: help run shell shell-nlu test lint pytest validate test-stories eval eval-dialogue install train browser databases screenshots purge clean bench

CHROMIUM := /usr/bin/chromium

help: ## List the targets, from their `##` comments
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' | expand -t 16

run: $(MODEL) ## Start the action server, Rasa and the web entry point (widget demo page) on localhost
	$(PY) -m bot.tools.run

shell: $(MODEL) ## Talk to the assistant in the terminal (rasa shell + action server)
	$(PY) -m bot.tools.run shell

shell-nlu: $(MODEL) ## Per message typed: detected language, intent and confidence, entities, FAQ answer
	$(PY) -m bot.tools.shell_nlu

test: browser databases lint pytest validate test-stories eval eval-dialogue ## Every check, from nothing (system packages included)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

pytest: $(MODEL) ## Unit and conversation tests; the rules module needs full branch coverage
	$(PY) -m pytest --cov=bot.rules --cov-branch --cov-report=term-missing --cov-fail-under=100

validate: $(VENV)/.installed ## rasa data validate --fail-on-warnings, knowing the responses actions send
	$(PY) -m bot.tools.validate

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --no-plot --out results/stories

eval: $(MODEL) ## Held-out figures per language (understanding, out of scope, emergencies, reply language); fails below the gates
	$(PY) -m bot.tools.evaluate

eval-dialogue: $(MODEL) ## Held-out conversations: follow-ups on their subject, named services' cards, keywords, off-topic questions declined; fails below the gates
	$(PY) -m bot.tools.evaluate_dialogue

bench: $(VENV)/.installed ## This project against Rasa's defaults: understanding, speed, cost; checks the budgets
	$(PY) -m bot.tools.bench

install: $(VENV)/.installed

purge: $(VENV)/.installed ## Delete the conversations older than RETENTION_DAYS (30) from the tracker store; for cron too
	$(PY) -m bot.tools.purge

browser: ## Install Debian's Chromium for the browser tests (Playwright drives it; nothing else is downloaded)
	@if [ -x $(CHROMIUM) ]; then echo "Chromium is installed: $$($(CHROMIUM) --version)"; \
	else scripts/install-debian-packages.sh chromium; fi

databases: ## Install Debian's PostgreSQL and Redis for the scale-out test (two Rasa instances, one store)
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null; then \
	echo "PostgreSQL and Redis are installed."; \
	else scripts/install-debian-packages.sh postgresql redis-server; fi

screenshots: $(MODEL) ## Take the widget's screenshots again into docs/screenshots/
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/browser -k screenshots -p no:cacheprovider

train: $(MODEL)

$(VENV)/.installed: requirements.txt
	@python310=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python310"; "$$python310" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# `make validate` runs Rasa's validation knowing which responses the actions send; `rasa train`'s own
# would list each of them as unused.
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --skip-validation --fixed-model-name bpi --out models
	touch $@

clean:
	rm -rf models results .pytest_cache
