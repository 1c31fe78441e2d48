# caresim: the two set-up commands are `make run` and `make test`.
GO      ?= go
OUT     ?= out
PKGS    := ./...

.PHONY: all build run test test-short bench lint fuzz clean

all: lint test

build:
	$(GO) build -o bin/caresim ./cmd/caresim

# run builds the CLI, checks the engine against queueing theory and the
# baseline against its calibration targets (caresim validate --quick,
# whose validation.csv the baseline's report.html shows), then runs the
# built-in Mid-Nottinghamshire baseline, writing its results, charts and
# report to $(OUT)/baseline.
run: build
	./bin/caresim validate --quick --out $(OUT)/validation >/dev/null
	./bin/caresim run --out $(OUT)/baseline

# test is the full suite: every test, the statistical ones at full length,
# and the reports opened in headless Chromium when it is installed (with
# CI set, a missing chromium fails). test-short is the everyday tier: the
# quick validation once, no browser, no multi-year statistical runs.
# A package's golden files: go test ./PKG -update rewrites them (internal/golden).
test: lint
	$(GO) test -count=1 $(PKGS)

test-short:
	$(GO) test -short -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

# fuzz runs each fuzz target for FUZZTIME (default 1m): the event calendar,
# the unit parsers, the scenario decoder and loader, the sweep's
# --set/--range and --shard parsers, and caresim plot's readers of
# los.csv and compare.csv.
FUZZTIME ?= 1m
FUZZ_SCENARIOS := FuzzParseDuration FuzzParseMoney FuzzParseRate FuzzDecode FuzzLoad
FUZZ_CLI := FuzzSweepSpec FuzzParseShard FuzzReadLOS FuzzReadDiffs
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzCalendar$$' -fuzztime $(FUZZTIME) ./sim/des
	@for f in $(FUZZ_SCENARIOS); do \
		echo "fuzz $$f"; \
		$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) ./scenarios || exit 1; \
	done
	@for f in $(FUZZ_CLI); do \
		echo "fuzz $$f"; \
		$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) ./cmd/caresim || exit 1; \
	done

clean:
	rm -rf bin $(OUT)
