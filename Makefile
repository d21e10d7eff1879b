# Every build and test of Mahalleh goes through this file, so that the SQLite
# FTS5 build tag is set in exactly one place.
SHELL   := /bin/bash
# Every go runs through .ci/with-go, which puts a Go that can fetch go.mod's
# toolchain first on PATH (a distribution's /usr/lib/go-1.2x when the go on
# PATH is missing or too old): `make GO=go` to use the plain one.
GO      ?= ./.ci/with-go go
TAGS    := sqlite_fts5
GOFLAGS := -tags=$(TAGS)
export GOFLAGS

.PHONY: deps deps-test build run test bench vet fmt first-frame

# deps: what building and running needs; deps-test: and what the tests use.
deps:
	@./.ci/deps run
deps-test:
	@./.ci/deps test

build: deps
	@echo "mahalleh: getting the Go toolchain that go.mod names and the modules, when missing"
	@$(GO) mod download
	@echo "mahalleh: compiling bin/mahalleh (the first build compiles Fyne, GLFW and SQLite: several minutes; later ones take seconds)"
	$(GO) build -o bin/mahalleh .
	@if [ -d sync/cmd/mahalleh-hq ]; then echo "mahalleh: compiling bin/mahalleh-hq"; $(GO) build -o bin/mahalleh-hq ./sync/cmd/mahalleh-hq; fi

# The desktop app on the store in the user's data folder (a first-start screen on a new one).
run: build
	./bin/mahalleh

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt: these files need formatting:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Every test, with the race detector. CI calls this through .ci/run.
# Verbose output is filtered down to what a reader needs: failures, skips
# with their reasons, the packages' ok lines and the figures tests print
# (bidi conformance counts, fault-session totals). The whole log is kept in
# test.log.
test: deps-test vet
	@echo "mahalleh: running every test with the race detector (the first run compiles for several minutes; the whole suite takes about 20)"
	@set -o pipefail; $(GO) test -race -v -timeout 28m ./... 2>&1 | tee test.log | \
		grep --line-buffered -vE '^[[:space:]]*(=== (RUN|PAUSE|CONT|NAME)|--- PASS|PASS$$)'


# Benchmarks (figures for the closing notes of issues).
bench: deps-test
	$(GO) test -run '^$$' -bench . -benchtime 200x ./...

# The store at a year's volume (issue 12): builds the 100,000-meeting demo
# store once (cached in the temporary folder), then measures what the
# screens call on it and the raw SQLite limits in the same run, and prints
# one table: figure, limit, ratio.
bench-scale: deps-test
	$(GO) test -run '^$$' -bench '^BenchmarkScale$$' -benchtime 40x -timeout 90m ./data/

# The window's first screen on a store, measured from outside (issue 12):
# `make first-frame STORE=path/to/store.db` (a copy: the app writes to it).
# Needs Xvfb, xwd and netpbm, which deps-test installs.
first-frame: build deps-test
	@./.ci/first-frame --runs 3 "$(STORE)"

include packaging/packaging.mk
