# sellerinbox — the two commands a new user needs: `make demo` and `make test`.
SHELL := /bin/bash
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/sellerinbox/sellerinbox/internal/app.version=$(VERSION)
BIN     := bin/sellerinbox
BENCH_COUNT ?= 6

.PHONY: all build demo serve-demo test test-unit test-postgres test-keyring bench lint e2e screenshots clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

## demo: open the TUI against the built-in sandbox (no tokens needed)
demo: build
	./$(BIN) --demo

## serve-demo: serve the sandbox over SSH to the keys in your ~/.ssh: `ssh -p 2222 localhost`
serve-demo: build
	./$(BIN) serve --demo --listen 127.0.0.1:2222

## test: vet, every test with the race detector, and the real Secret Service test
test: test-unit test-postgres test-keyring

test-unit:
	$(GO) vet ./...
	# The panes' tests sync a real store from the sandbox for every pane,
	# which under the race detector takes longer than go test's default
	# 10 minutes on a 2-core machine.
	$(GO) test -race -count=1 -timeout 30m ./...
	# Tests too slow under the race detector (SQLite is C translated to Go)
	# run once more without it.
	$(GO) test -count=1 -run 'TestFirstSyncUsesFewestRequests' ./store/
	# The chaos run once more at full speed, where Update must fit a frame (16 ms).
	$(GO) test -count=1 -run 'TestChaos|TestUpdateNeverBlocks' ./chaos/

# The store's suite once more on PostgreSQL (the team's shared store), and
# the e2e tests of two apps on one PostgreSQL store, against a throwaway
# server (scripts/with-postgres.sh; .ci/run installs Debian's postgresql).
# In CI it must run; on a workstation without PostgreSQL it is skipped.
test-postgres:
	@if command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		scripts/with-postgres.sh sh -c '$(GO) test -race -count=1 ./store/ && \
			$(GO) test -race -count=1 -run "Postgres|AcrossProcesses" ./e2e/ ./internal/...'; \
	elif [ -n "$$CI" ]; then \
		echo "test-postgres: PostgreSQL missing in CI" >&2; exit 1; \
	else \
		echo "test-postgres: skipped (install postgresql to run it)"; \
	fi

# The keyring test needs a D-Bus session with an unlocked GNOME Keyring
# (.ci/run installs dbus-x11 and gnome-keyring). In CI it must run; on a
# workstation without them it is skipped with a note.
test-keyring:
	@if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then \
		SELLERINBOX_KEYRING_IT=1 dbus-run-session -- scripts/with-secret-service.sh \
			$(GO) test -race -count=1 -run Keyring -v ./keys/; \
	elif [ -n "$$CI" ]; then \
		echo "test-keyring: dbus-run-session/gnome-keyring-daemon missing in CI" >&2; exit 1; \
	else \
		echo "test-keyring: skipped (install dbus-x11 gnome-keyring to run it)"; \
	fi

## bench: every benchmark, -count suitable for benchstat
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./... | tee bench.txt

## screenshots: PNGs of every pane for the README (needs tmux, aha, chromium)
screenshots:
	scripts/screenshots.sh

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean:
	rm -rf bin bench.txt
