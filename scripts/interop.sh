#!/usr/bin/env bash
# Reads every Parquet and CSV output back with independent readers (pyarrow,
# pandas, polars, DuckDB) and checks the documented types. Installs them into
# .venv on first use (PyPI); later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/zaitaku}
venv=.venv
want="pyarrow==26.0.1 pandas==3.1.1 polars==2.1.0 duckdb==2.0.0"
if [ ! -f "$venv/.installed" ] || [ "$(cat "$venv/.installed")" != "$want" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check $want
  echo "$want" > "$venv/.installed"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build --out "$out/output" raw/*.txt 2>/dev/null
"$venv/bin/python" tests/interop.py "$out/output"
