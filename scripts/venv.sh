#!/usr/bin/env bash
# Creates .venv with the independent readers (pyarrow, pandas, polars,
# DuckDB), Frictionless, openpyxl (tables.xlsx), jsonschema and a notebook runner (nbclient,
# ipykernel) from PyPI on first use; later runs reuse it.
# Prints its python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
want="pyarrow==26.0.1 pandas==3.1.1 polars==2.1.0 duckdb==2.0.0 frictionless==5.21.0 nbclient==0.11.0 nbformat==5.11.1 ipykernel==7.4.0 openpyxl==3.1.5 jsonschema==4.26.0"
if [ ! -f "$venv/.installed" ] || [ "$(cat "$venv/.installed")" != "$want" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check $want >&2
  echo "$want" > "$venv/.installed"
fi
echo "$venv/bin/python"
