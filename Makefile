# Set-up and the two entry points of the README: `make demo` and `make test`.
# Both create .venv, install the package and the external tools it needs
# (GnuCOBOL's cobc from Debian's gnucobol3 package; Java 17 must be there).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AGENTS ?= 4

.PHONY: demo test tools install

demo: install tools
	$(BIN)/migrate demo --agents $(AGENTS)

test: install tools
	$(BIN)/python -m pytest -q

install: $(BIN)/migrate

$(BIN)/migrate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

tools:
	@command -v cobc >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq gnucobol3; }
	@command -v javac >/dev/null || { echo "javac not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"; exit 3; }
	@cobc --version | head -1
	@javac -version
