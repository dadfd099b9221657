# zaitaku-etl. `make` rebuilds output/ from raw/; `make test` runs every test.
CARGO   ?= cargo
BIN     := target/release/zaitaku
INPUTS  := $(wildcard raw/*.txt)
# Cells a person pinned (see the README); used when the file exists.
OVERRIDES := $(wildcard raw/overrides.csv)
SOURCES := $(shell find crates -name '*.rs' -o -name Cargo.toml) Cargo.toml Cargo.lock raw/tokyo_municipalities.csv

.PHONY: all test bench fuzz clean

all: output/datapackage.json

$(BIN): $(SOURCES)
	$(CARGO) build --release --locked -p zaitaku
	@touch $@

# The build writes output/ atomically; this file marks a complete build.
output/datapackage.json: $(BIN) $(INPUTS) $(OVERRIDES)
	$(BIN) build --xlsx --out output $(if $(OVERRIDES),--overrides $(OVERRIDES)) $(INPUTS)

# No function outside tests over 100 lines (scripts/long_functions.py). The parse,
# validate, table, diff and page crates do no I/O (each clippy.toml says what is
# disallowed; clippy fails on any). Then unit, snapshot and CLI tests, then the independent readers (pyarrow, pandas,
# polars, DuckDB) on the Parquet/CSV files, in a venv the script installs,
# then report.html in headless Chromium (installed from Debian's packages
# when missing, as the script says), then the seed typeset into a PDF and
# read back by seven extractors (pinned, in .venv-pdf; fonts and
# poppler-utils from Debian's packages), each text built and compared.
test:
	python3 scripts/make_fixtures.py --check
	python3 scripts/long_functions.py
	$(CARGO) clippy --locked -p zaitaku-parse -p zaitaku-validate -p zaitaku-table -p zaitaku-diff -p zaitaku-page --lib -- -D clippy::disallowed_methods -D clippy::disallowed_macros
	$(CARGO) test --workspace --locked
	scripts/interop.sh target/debug/zaitaku
	scripts/browser.sh target/debug/zaitaku
	scripts/extractors.sh target/debug/zaitaku

# Every speed and memory figure of SPEC §5 next to its goal (release build):
# the seed's wall and peak RSS, the Python floor and the ratio, 100 / 300 /
# 1,000 editions, each phase of one edition, large inputs, a no-op `make`.
bench: $(BIN)
	$(CARGO) build --release --locked -p zaitaku-pipeline --example phases
	python3 scripts/bench.py $(BIN) "$$(scripts/venv.sh)" target/release/examples/phases $(INPUTS)

# Coverage-guided fuzzing (libFuzzer through cargo-fuzz, on the stable
# toolchain with RUSTC_BOOTSTRAP; no sanitizer, overflow checks on) of the
# parse + validate entry point for FUZZ_SECONDS, seeded with raw/ and the
# fixtures the tests keep fixed (scripts/fuzz_seeds.py), with the report's own
# tokens as a dictionary. A crash is saved
# under fuzz/artifacts/ and libFuzzer exits non-zero.
FUZZ_SECONDS ?= 300
FUZZ_CORPUS  := fuzz/corpus/parse_validate
fuzz:
	cargo fuzz --version >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	python3 scripts/fuzz_seeds.py $(FUZZ_CORPUS) $(INPUTS)
	RUSTC_BOOTSTRAP=1 cargo fuzz run parse_validate -s none -a -- \
		-dict=fuzz/report.dict -max_len=300000 -len_control=0 -timeout=10 -rss_limit_mb=2048 \
		-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(FUZZ_CORPUS)

clean:
	$(CARGO) clean
	rm -rf .venv .venv-pdf
