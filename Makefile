# Two commands matter: `make demo` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Debian packages: what the Qt window needs, and what the tests' real components need.
RUNTIME_DEBS := libpcsclite-dev pcscd libusb-1.0-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
	fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 \
	libxkbcommon-x11-0 libx11-xcb1
TEST_DEBS := $(RUNTIME_DEBS) xvfb xauth xdotool postgresql mosquitto mosquitto-clients openssl \
	vsmartcard-vpcd poppler-utils

.PHONY: demo test bench lint screenshots translations system-deps-runtime system-deps-test clean

demo: system-deps-runtime $(VENV)/.installed translations
	$(BIN)/kiosk demo

test: system-deps-test $(VENV)/.installed translations
	$(BIN)/python -m pytest

bench: system-deps-test $(VENV)/.installed translations
	$(BIN)/python -m tests.bench.run

lint: $(VENV)/.installed
	$(BIN)/ruff check kiosk hw_drivers tests scripts
	$(BIN)/ruff format --check kiosk hw_drivers tests scripts
	$(BIN)/mypy kiosk/domain hw_drivers
	$(BIN)/lint-imports
	$(BIN)/python scripts/translations.py check

screenshots: system-deps-runtime $(VENV)/.installed translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots

# Qt Linguist sources (resources/translations/*.ts) compiled to .qm for the app.
translations: $(VENV)/.installed
	$(BIN)/python scripts/translations.py build

system-deps-runtime:
	@scripts/system-deps.sh $(RUNTIME_DEBS)

system-deps-test:
	@scripts/system-deps.sh $(TEST_DEBS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
