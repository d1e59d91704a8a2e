# The two commands a newcomer needs: `make demo` and `make test`. Both set everything up.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8866
WORKERS ?= logical
SERVING_WORKERS ?= 2
QUICK   := -m "not browser and not server"
SERVING := -m "browser or server"

.PHONY: install demo test lint unit notebooks bench clean translations frontend

$(STAMP): pyproject.toml
	@python3 -c 'import ensurepip, venv' 2>/dev/null || bash .ci/system-deps
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Off this computer the app goes over HTTPS only: the clinic's certificate for HOST first.
demo: install
	@if [ "$(HOST)" = "127.0.0.1" ] || [ "$(HOST)" = "localhost" ]; then \
		$(VENV)/bin/workshop demo --host $(HOST) --port $(PORT); \
	else \
		tls="$$($(PY) -c 'from toolkit.settings.config import Config; print(Config.from_env().home / "tls")')" && \
		$(VENV)/bin/workshop tls init --host $(HOST) --port $(PORT) && \
		$(VENV)/bin/workshop demo --host $(HOST) --port $(PORT) \
			--certfile "$$tls/server.crt" --keyfile "$$tls/server.key"; \
	fi

test: install
	bash .ci/system-deps
	$(VENV)/bin/ruff check toolkit tests benchmarks
	$(VENV)/bin/workshop check worksheets/
	@# First the tests that start no server or browser, one worker per CPU; then those that
	@# do, two test files at a time (most of their time is waiting: timers, kernels, pages),
	@# each file's servers on one worker. Both run; either failing fails the target.
	status=0; \
	echo "== tests without a server or browser (-n $(WORKERS))"; \
	$(PY) -m pytest $(QUICK) -n $(WORKERS) || status=$$?; \
	echo "== tests with a server or browser ($(SERVING_WORKERS) at a time, a file each)"; \
	$(PY) -m pytest $(SERVING) -n $(SERVING_WORKERS) --dist loadfile || status=$$?; \
	exit $$status
	@# Notebooks run against a throw-away data folder (with one group), never real data.
	export WORKSHOP_HOME="$$(mktemp -d)" && \
	$(VENV)/bin/workshop session new "Notebook check" --participants 2 >/dev/null && \
	$(PY) -m pytest --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/

# The quick loop while working: everything but the tests that start a server or a browser.
unit: install
	$(PY) -m pytest $(QUICK) -q -n $(WORKERS)

lint: install
	$(VENV)/bin/ruff check toolkit tests benchmarks

# The app's own strings: re-extract the template from the NC_/NCP_ marks, then add new messages
# to every language's catalog (translators fill in the empty ones; tests/text fail until they do).
LOCALE := toolkit/text/locale
translations: install
	$(VENV)/bin/pybabel extract -F babel.cfg --no-default-keywords -k NC_:1c,2 -k NCP_:1c,2,3 \
		--no-location --project workshop-toolkit -o $(LOCALE)/toolkit.pot .
	$(VENV)/bin/pybabel update -D toolkit -i $(LOCALE)/toolkit.pot -d $(LOCALE) --no-fuzzy-matching

# The client app's light page (frontend/light-page): needs node and npm. Its built bundle is
# committed, so `make demo` and `make test` need neither; rebuild it after changing its sources.
frontend:
	cd frontend/light-page && npm ci --no-audit --no-fund && npm run build

bench: install
	$(PY) benchmarks/first_worksheet.py
	$(PY) benchmarks/page_weight.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
