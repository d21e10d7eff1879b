# Every build and test of Mahalleh goes through this file, so that the SQLite
# FTS5 build tag is set in exactly one place.
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

# The desktop app, with demo data in the user's data folder on first start.
run: build
	./bin/mahalleh

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt: these files need formatting:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Every test. CI calls this through .ci/run.
test: deps vet
	$(GO) test -race -timeout 25m ./...

# Benchmarks (figures for the closing notes of issues).
bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 200x ./...
