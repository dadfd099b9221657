"""Independent readers: every Parquet file loads in pyarrow, pandas, polars and
DuckDB with the types the data package documents; every CSV loads in DuckDB's
and pandas' default readers with the same rows.

Usage: interop.py OUTPUT_DIR. Prints 'N passed, N failed' and exits 1 on failure.
"""
import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

out = Path(sys.argv[1])
package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def arrow_type_ok(field, t):
    kind = field["type"]
    if "constraints" in field and "enum" in field["constraints"]:
        # An Enum is written as a dictionary-encoded string column.
        v = getattr(t, "value_type", None)
        return pa.types.is_dictionary(t) and v is not None and (
            pa.types.is_string(v) or pa.types.is_large_string(v) or pa.types.is_string_view(v)
        )
    return {
        "string": lambda: pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t),
        "integer": lambda: pa.types.is_integer(t),
        "number": lambda: pa.types.is_float64(t),
        "boolean": lambda: pa.types.is_boolean(t),
    }[kind]()


resources = [r for r in package["resources"] if r["format"] == "parquet"]
check("resources", len(resources) >= 3, f"{len(resources)} parquet resources")
for res in resources:
    path = out / res["path"]
    fields = res["schema"]["fields"]
    table = pq.read_table(path)
    check(f"{path.name} columns", table.column_names == [f["name"] for f in fields], str(table.column_names))
    for f in fields:
        t = table.schema.field(f["name"]).type
        check(f"{path.name}:{f['name']} arrow type", arrow_type_ok(f, t), f"{t} vs {f['type']}")
        if "constraints" in f:
            values = set(v for v in table.column(f["name"]).to_pylist() if v is not None)
            check(f"{path.name}:{f['name']} enum values", values <= set(f["constraints"]["enum"]), str(values))
    df = pd.read_parquet(path)
    check(f"{path.name} pandas rows", len(df) == table.num_rows)
    for f in fields:
        dt = df[f["name"]].dtype
        ok = {
            "integer": lambda: pd.api.types.is_integer_dtype(dt) or pd.api.types.is_float_dtype(dt),
            "number": lambda: pd.api.types.is_float_dtype(dt),
            "boolean": lambda: pd.api.types.is_bool_dtype(dt) or dt == object,
            "string": lambda: True,
        }[f["type"]]()
        check(f"{path.name}:{f['name']} pandas dtype", ok, str(dt))
    pf = pl.read_parquet(path)
    check(f"{path.name} polars rows", pf.height == table.num_rows)
    for f in fields:
        dt = pf.schema[f["name"]]
        enum = "constraints" in f
        ok = {
            "integer": lambda: dt.is_integer(),
            "number": lambda: dt == pl.Float64,
            "boolean": lambda: dt == pl.Boolean,
            "string": lambda: (dt in (pl.Categorical, pl.Enum) or isinstance(dt, (pl.Categorical, pl.Enum))) if enum else dt == pl.String,
        }[f["type"]]()
        check(f"{path.name}:{f['name']} polars dtype", ok, str(dt))
    con = duckdb.connect()
    rows = con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
    check(f"{path.name} duckdb rows", rows == table.num_rows, str(rows))
    described = dict(con.execute(f"describe select * from read_parquet('{path}')").fetchall() and
                     [(r[0], r[1]) for r in con.execute(f"describe select * from read_parquet('{path}')").fetchall()])
    for f in fields:
        dt = described[f["name"]]
        ok = {
            "integer": lambda: dt in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "UINTEGER", "UBIGINT"),
            "number": lambda: dt == "DOUBLE",
            "boolean": lambda: dt == "BOOLEAN",
            "string": lambda: dt == "VARCHAR" or dt.startswith("ENUM"),
        }[f["type"]]()
        check(f"{path.name}:{f['name']} duckdb type", ok, dt)
    csv = out / res["path"].replace(".parquet", ".csv")
    rows = con.execute(f"select count(*) from read_csv_auto('{csv}')").fetchone()[0]
    check(f"{csv.name} duckdb rows", rows == table.num_rows, str(rows))
    pdf = pd.read_csv(csv)
    check(f"{csv.name} pandas rows", len(pdf) == table.num_rows and list(pdf.columns) == table.column_names)
    ints = [f["name"] for f in fields if f["type"] == "integer"]
    for name in ints:
        a = table.column(name).to_pylist()
        b = [None if pd.isna(v) else int(v) for v in pdf[name]]
        check(f"{csv.name}:{name} csv = parquet", a == b)

print(f"interop: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
