# zaitaku-etl. `make` rebuilds output/ from raw/; `make test` runs every test.
CARGO   ?= cargo
BIN     := target/release/zaitaku
INPUTS  := $(wildcard raw/*.txt)
# Cells a person pinned (see the README); used when the file exists.
OVERRIDES := $(wildcard raw/overrides.csv)
SOURCES := $(shell find crates -name '*.rs' -o -name Cargo.toml) Cargo.toml Cargo.lock raw/tokyo_municipalities.csv

.PHONY: all test bench clean

all: output/datapackage.json

$(BIN): $(SOURCES)
	$(CARGO) build --release --locked -p zaitaku
	@touch $@

# The build writes output/ atomically; this file marks a complete build.
output/datapackage.json: $(BIN) $(INPUTS) $(OVERRIDES)
	$(BIN) build --out output $(if $(OVERRIDES),--overrides $(OVERRIDES)) $(INPUTS)

# Unit, snapshot and CLI tests, then the independent readers (pyarrow, pandas,
# polars, DuckDB) on the Parquet/CSV files, in a venv the script installs.
test:
	$(CARGO) test --workspace --locked
	scripts/interop.sh target/debug/zaitaku

# Median wall time and peak RSS of `zaitaku build` on the seed (release build),
# and the time of a `make` with nothing to do.
bench: $(BIN)
	python3 scripts/bench.py $(BIN) $(INPUTS)

clean:
	$(CARGO) clean
	rm -rf .venv
