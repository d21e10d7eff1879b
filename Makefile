# Every build and test of Mahalleh goes through this file, so that the SQLite
# FTS5 build tag is set in exactly one place.
SHELL   := /bin/bash
GO      ?= go
TAGS    := sqlite_fts5
GOFLAGS := -tags=$(TAGS)
export GOFLAGS

.PHONY: deps build run test bench vet fmt

deps:
	@./.ci/deps

build: deps
	$(GO) build -o bin/mahalleh .
	@if [ -d sync/cmd/mahalleh-hq ]; then $(GO) build -o bin/mahalleh-hq ./sync/cmd/mahalleh-hq; fi

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
test: deps vet
	@set -o pipefail; $(GO) test -race -v -timeout 28m ./... 2>&1 | tee test.log | \
		grep --line-buffered -vE '^[[:space:]]*(=== (RUN|PAUSE|CONT|NAME)|--- PASS|PASS$$)'


# Benchmarks (figures for the closing notes of issues).
bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 200x ./...

# The store at a year's volume (issue 12): builds the 100,000-meeting demo
# store once (cached in the temporary folder), then measures what the
# screens call on it and the raw SQLite limits in the same run, and prints
# one table: figure, limit, ratio.
bench-scale: deps
	$(GO) test -run '^$$' -bench '^BenchmarkScale$$' -benchtime 40x -timeout 90m ./data/
