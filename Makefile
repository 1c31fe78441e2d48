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
# The timeout is above go test's 10 minutes: the packages that run the
# ten-year baseline (sim, cmd/caresim) take several minutes on a loaded
# machine now that the baseline holds its capacity and its later years fill.
test: lint
	$(GO) test -count=1 -timeout 30m $(PKGS)

test-short:
	$(GO) test -short -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

# fuzz runs each fuzz target for FUZZTIME (default 1m), each given as
# package:target: the event calendar, the unit parsers, the scenario
# decoder and loader (and the bounds on what loads), the unit patterns and the JSON Schema against the
# parsers and the decoder, the sweep's --set/--range and --shard parsers,
# the reader of ranges documented in comments, the readers of los.csv
# and compare.csv that caresim plot uses, and the observed-data reader.
FUZZTIME ?= 1m
FUZZ := ./sim/des:FuzzCalendar \
	./scenarios:FuzzParseDuration ./scenarios:FuzzParseMoney ./scenarios:FuzzParseRate \
	./scenarios:FuzzDecode ./scenarios:FuzzLoad ./scenarios:FuzzSizeBounds ./scenarios:FuzzUnitPatterns ./scenarios:FuzzSchemaDecode ./scenarios:FuzzSweepSpec \
	./scenarios:FuzzDocRange \
	./sim:FuzzParseShard ./results:FuzzReadLOS ./results:FuzzReadDiffs \
	./validation/observed:FuzzParse
#
# Go before 1.27 can fail a target with a bare "context deadline exceeded"
# as -fuzztime expires while a worker is mid-execution (go.dev/issue/75804),
# which a loaded machine makes likely: such a run, which wrote no failing
# input, is tried once more; any other failure stops make fuzz.
fuzz:
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for pf in $(FUZZ); do \
		p=$${pf%%:*}; f=$${pf##*:}; \
		for try in 1 2; do \
			echo "fuzz $$f ($$p)"; \
			if $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$p >"$$log" 2>&1; then cat "$$log"; break; fi; \
			cat "$$log"; \
			if [ $$try = 1 ] && grep -q 'context deadline exceeded' "$$log" && ! grep -q 'Failing input written' "$$log"; then \
				echo "fuzz $$f: the toolchain's fuzztime race (go.dev/issue/75804), no failing input: trying once more"; \
				continue; \
			fi; \
			exit 1; \
		done; \
	done

clean:
	rm -rf bin $(OUT)

# effects measures each built-in intervention and the whole programme
# against the baseline (4 replications each, common random numbers) and
# rewrites docs/effect-sizes.md's measured figures in place
# (scripts/effects_table.py, whose --no-run re-reads $(OUT)/effects).
.PHONY: effects
effects: build
	python3 scripts/effects_table.py --out $(OUT)/effects --write docs/effect-sizes.md
