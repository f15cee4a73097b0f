# Careline — one command per habit, the same locally and in CI.
#   make run    set up everything and start bot + action server + API (Ctrl-C stops all)
#   make test   set up what the tests need and run the whole suite
# Two virtual environments: .venv-rasa (Python 3.10, Rasa 3.6 + spaCy) and .venv
# (Python 3.11, API + action server on current libraries). See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

APP_VENV  := .venv
RASA_VENV := .venv-rasa
APP  := $(APP_VENV)/bin
RASA := $(RASA_VENV)/bin
APP_STAMP  := $(APP_VENV)/.installed
RASA_STAMP := $(RASA_VENV)/.installed

HOST ?= 127.0.0.1
API_PORT ?= 8000
BOT_PORT ?= 5005
ACTIONS_PORT ?= 5055
export PYTHONPATH := $(CURDIR)
export PYTHONDONTWRITEBYTECODE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
# No network at run time: Rasa must not try to send telemetry.
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

MODEL := models/careline.tar.gz
# Rasa training data only: data/guides, data/csr and data/demo are read by the actions/API.
RASA_DATA := data/nlu data/rules
TRAINING_INPUTS := config.yml $(shell find domain data/nlu data/rules data/stories bot -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null | sort)

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# --- environments -----------------------------------------------------------------
$(APP_STAMP): requirements/app.lock scripts/make-venv.sh
	scripts/make-venv.sh $(APP_VENV) requirements/app.lock 3.11 3.12 3.10

$(RASA_STAMP): requirements/rasa.lock scripts/make-venv.sh
	scripts/make-venv.sh $(RASA_VENV) requirements/rasa.lock 3.10

.PHONY: setup
setup: $(APP_STAMP) $(RASA_STAMP) ## create both virtual environments from the lock files

var:
	mkdir -p var

# --- data -------------------------------------------------------------------------
.PHONY: migrate demo-data
migrate: $(APP_STAMP) | var ## alembic upgrade head on DATABASE_URL (SQLite file by default)
	$(APP)/python -m api.cli migrate

demo-data: migrate ## load data/demo/entitlement-demo.json (idempotent)
	$(APP)/python -m api.cli import-demo

# --- model ------------------------------------------------------------------------
$(MODEL): $(TRAINING_INPUTS) | $(RASA_STAMP)
	@# Rasa caches component outputs by config and data, not by code: a changed custom
	@# component (bot/) must not reuse features computed by its old version.
	@if echo "$?" | tr ' ' '\n' | grep -q '^bot/'; then rm -rf .rasa/cache; fi
	@# --skip-validation: `rasa data validate` runs in the tests, stricter (no warnings
	@# allowed: tests/bot/test_data.py), so training does not pay for it twice.
	@start=$$(date +%s); \
	$(RASA)/rasa train --skip-validation --domain domain --data $(RASA_DATA) \
	  --fixed-model-name careline --out models \
	&& printf '{"seconds": %s, "examples": %s, "date": "%s"}\n' "$$(( $$(date +%s) - start ))" \
	  "$$(cat data/nlu/*/*.yml | grep -c '^      - ')" "$$(date -u +%FT%TZ)" > models/careline.train.json

.PHONY: train
train: $(MODEL) ## train the Rasa model if it is missing or older than its inputs

# --- translations (locales/, see careline/i18n.py) -------------------------------------
.PHONY: i18n-extract i18n-update i18n-compile i18n-init
i18n-extract: $(RASA_STAMP) ## re-extract locales/messages.pot from domain responses and terms
	$(RASA)/pybabel extract -F locales/babel.cfg -o locales/messages.pot \
	  --omit-header --sort-by-file --add-location=file .

i18n-update: i18n-extract ## extract, then merge into every locales/<lang>/LC_MESSAGES/messages.po
	$(RASA)/pybabel update -i locales/messages.pot -d locales -D messages \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

i18n-compile: $(RASA_STAMP) ## check that the catalogs compile (the bot reads the .po files itself)
	$(RASA)/pybabel compile -d locales -D messages --statistics

i18n-init: $(RASA_STAMP) ## start a new language: make i18n-init LANGUAGE_CODE=it
	@test -n "$(LANGUAGE_CODE)" || { echo "usage: make i18n-init LANGUAGE_CODE=<ISO 639-1>"; exit 2; }
	$(RASA)/pybabel init -i locales/messages.pot -d locales -D messages -l $(LANGUAGE_CODE)

# --- services ---------------------------------------------------------------------
.PHONY: run api bot actions
run: setup demo-data train ## set up and start bot (5005), actions (5055) and API (8000)
	HOST=$(HOST) API_PORT=$(API_PORT) BOT_PORT=$(BOT_PORT) ACTIONS_PORT=$(ACTIONS_PORT) \
	  $(APP)/honcho start -f Procfile

api: demo-data ## start the API alone (port 8000)
	$(APP)/uvicorn api.main:app --host $(HOST) --port $(API_PORT)

actions: $(APP_STAMP) ## start the action server alone (port 5055)
	SANIC_HOST=$(HOST) $(APP)/python -m rasa_sdk --actions actions --port $(ACTIONS_PORT)

bot: train | var ## start the Rasa server alone (port 5005)
	scripts/run-bot.sh $(HOST) $(BOT_PORT)

# --- quality ----------------------------------------------------------------------
.PHONY: lint format test test-app test-rasa
lint: $(APP_STAMP) ## ruff (lint + format check) and mypy
	$(APP)/ruff check .
	$(APP)/ruff format --check .
	$(APP)/mypy

format: $(APP_STAMP) ## apply ruff's fixes and formatting
	$(APP)/ruff check --fix .
	$(APP)/ruff format .

test: setup train test-rasa test-app ## set up and run the whole test suite

test-app: $(APP_STAMP)
	$(APP)/python -m pytest -p no:cacheprovider --ignore=tests/bot $(PYTEST_ARGS)

test-rasa: $(RASA_STAMP)
	$(RASA)/python -m pytest -p no:cacheprovider tests/bot $(PYTEST_ARGS)

.PHONY: eval-nlu eval-nlu-dev check-nlu bench
eval-nlu: train ## per-language NLU figures on the held-out sets → reports/nlu.md, reports/nlu.json
	$(RASA)/python -m bot.evaluate

LANGS ?= en nl da fr de zh
check-nlu: $(RASA_STAMP) ## check the NLU data of LANGS: counts, leaks into test sets, entity annotations
	$(RASA)/python scripts/check_nlu_data.py $(LANGS)

eval-nlu-dev: train ## the same figures on the development sets (tuning) → reports/dev/
	$(RASA)/python -m bot.evaluate --split dev

bench: train ## NLU component and NLG speed (median per message/response)
	$(RASA)/python -m bot.benchmark

.PHONY: clean
clean: ## remove runtime state (databases, models), keep the virtual environments
	rm -rf var models .rasa results
