# Investec Desk. The two commands a newcomer needs:
#   make run    install what is missing, build, open the app (demo data when nothing is configured)
#   make test   install what the tests need and run every test suite
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

include scripts/versions.env

GOBIN_DIR := $(shell go env GOPATH)/bin
WAILS     := $(GOBIN_DIR)/wails
LINT      := $(CURDIR)/.tools/bin/golangci-lint
BIN       := build/bin/investec-desk
GOTEST    := go test -tags "$(GO_TAGS)"
# Our Go packages; ./... would also walk frontend/node_modules, where some npm packages ship Go code.
GOPKGS    := . ./backend/... ./scripts/...

.PHONY: run build dev test bench deps deps-test vet lint test-go test-frontend bindings-check \
        smoke e2e screenshots clean help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

run: build ## Build and open the app
	./$(BIN)

build: deps ## Build the production binary into build/bin/investec-desk
	$(WAILS) build -tags "$(GO_TAGS)" -trimpath -m -nosyncgomod

dev: deps ## Run the app with live reload (wails dev)
	$(WAILS) dev -tags "$(GO_TAGS)"

deps: ## Install the build dependencies (Debian packages, Wails CLI, npm packages)
	scripts/setup.sh run

deps-test:
	scripts/setup.sh test

test: deps-test ## Run every test suite (what CI runs)
	$(MAKE) --no-print-directory vet lint test-go test-frontend bindings-check build smoke e2e
	@echo "make test: all suites passed"

vet:
	go vet -tags "$(GO_TAGS)" $(GOPKGS)

lint:
	$(LINT) run --build-tags "$(GO_TAGS)" $(GOPKGS)

test-go: ## Go tests with the race detector, against a real Secret Service
	scripts/with-keyring.sh $(GOTEST) -race -count=1 $(GOPKGS)

test-frontend: ## Typecheck, lint and unit-test the frontend
	cd frontend && npm run --silent typecheck && npm run --silent lint && npm run --silent test

bindings-check: ## Fail if the committed Wails bindings are out of date
	scripts/check-bindings.sh

smoke: ## Start the production build under Xvfb and prove the window rendered the app
	scripts/smoke.sh out/smoke.png

e2e: ## Browser end-to-end tests against `wails dev`
	scripts/with-keyring.sh scripts/e2e.sh

bench: deps-test ## Benchmarks: Go benchmarks and browser measurements, each beside a raw baseline
	scripts/bench.sh

screenshots: ## Copy the screenshots the last `make test` took into build/screenshots (shown in README.md)
	scripts/screenshots.sh

clean: ## Remove build output
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html out
