#!/usr/bin/env bash
# Reads every Parquet and CSV output back with independent readers (pyarrow,
# pandas, polars, DuckDB) and Frictionless, checks the documented types and
# the validation report's JSON against its schema (jsonschema), then
# runs the worked notebook on the same output (a build of two editions). The readers are installed
# into .venv on first use (scripts/venv.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/zaitaku}
python=$(scripts/venv.sh)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Two editions, so that every table has rows, `changes` included: the seed and
# a later copy with a window opened where a plan was printed.
scripts/quiet.sh "$bin" build --xlsx --out "$out/output" raw/*.txt tests/fixtures/diff/window_opened.txt
"$python" tests/interop.py "$out/output"
# The validation report's JSON, and check's, against the published schema.
"$python" tests/json_schema.py "$bin" "$out/output"
# Every Python and SQL snippet of the documents, on a build of the seed,
# against numbers read by hand off the text.
"$python" tests/snippets.py "$bin"
# The worked notebook, on the same output (its kernel logs go to stderr).
"$python" tests/notebook.py "$out/output" 2> >(grep -v "Kernel is running over TCP" >&2)
