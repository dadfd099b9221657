"""Independent readers: every Parquet file loads in pyarrow, pandas, polars and
DuckDB with the types tests/expected_types.csv gives (written from SPEC §3,
not from the program), and the data package documents the same types; every CSV loads in DuckDB's
and pandas' default readers with the same rows; Frictionless finds every
resource valid, foreign keys included.

Usage: interop.py OUTPUT_DIR. Prints 'N passed, N failed' and exits 1 on failure.
"""
import datetime
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
import frictionless
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


def spec_types():
    """tests/expected_types.csv: table → column → type, written from SPEC §3."""
    path = Path(__file__).resolve().parent / "expected_types.csv"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    spec = {}
    for row in lines[1:]:
        table, column, kind = row.split(",")
        spec.setdefault(table, {})[column] = kind
    return spec


SPEC = spec_types()


def arrow_type_ok(kind, t):
    if kind == "enum":
        # An Enum is written as a dictionary-encoded string column.
        v = getattr(t, "value_type", None)
        return pa.types.is_dictionary(t) and v is not None and (
            pa.types.is_string(v) or pa.types.is_large_string(v) or pa.types.is_string_view(v)
        )
    return {
        "string": lambda: pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t),
        "integer": lambda: pa.types.is_int32(t),
        "number": lambda: pa.types.is_float64(t),
        "boolean": lambda: pa.types.is_boolean(t),
        "date": lambda: pa.types.is_date32(t),
    }[kind]()


resources = [r for r in package["resources"] if r["format"] == "parquet"]
check("resources", sorted(r["name"].removesuffix("_parquet") for r in resources) == sorted(SPEC),
      f"{len(resources)} parquet resources, {len(SPEC)} tables in tests/expected_types.csv")
for res in resources:
    path = out / res["path"]
    fields = res["schema"]["fields"]
    spec = SPEC.get(path.stem, {})
    table = pq.read_table(path)
    check(f"{path.name} columns", table.column_names == list(spec), f"{table.column_names} vs {list(spec)}")
    for f in fields:
        kind = spec.get(f["name"], "?")
        # The data package says what the list says.
        described = "enum" if "enum" in f.get("constraints", {}) else f["type"]
        check(f"{path.name}:{f['name']} data package type", described == kind, f"{described} vs {kind}")
        t = table.schema.field(f["name"]).type
        check(f"{path.name}:{f['name']} arrow type", arrow_type_ok(kind, t), f"{t} vs {kind}")
        if kind == "enum":
            values = set(v for v in table.column(f["name"]).to_pylist() if v is not None)
            check(f"{path.name}:{f['name']} enum values", values <= set(f["constraints"]["enum"]), str(values))
    df = pd.read_parquet(path)
    check(f"{path.name} pandas rows", len(df) == table.num_rows)
    for f in fields:
        dt = df[f["name"]].dtype
        # The files' pandas metadata makes integers Int32 and flags boolean
        # (nullable); a date column holds datetime.date values; an Enum is
        # a category, text a string dtype.
        ok = {
            "integer": lambda: dt == pd.Int32Dtype(),
            "number": lambda: pd.api.types.is_float_dtype(dt),
            "boolean": lambda: dt == pd.BooleanDtype(),
            "string": lambda: pd.api.types.is_string_dtype(dt) and not isinstance(dt, pd.CategoricalDtype)
            and all(isinstance(v, str) for v in df[f["name"]].dropna()),
            "enum": lambda: isinstance(dt, pd.CategoricalDtype),
            "date": lambda: dt == object and all(isinstance(v, datetime.date) for v in df[f["name"]].dropna()),
        }[spec.get(f["name"], "?")]()
        check(f"{path.name}:{f['name']} pandas dtype", ok, str(dt))
    pf = pl.read_parquet(path)
    check(f"{path.name} polars rows", pf.height == table.num_rows)
    for f in fields:
        dt = pf.schema[f["name"]]
        ok = {
            "integer": lambda: dt == pl.Int32,
            "number": lambda: dt == pl.Float64,
            "boolean": lambda: dt == pl.Boolean,
            "string": lambda: dt == pl.String,
            "enum": lambda: isinstance(dt, pl.Enum),
            "date": lambda: dt == pl.Date,
        }[spec.get(f["name"], "?")]()
        check(f"{path.name}:{f['name']} polars dtype", ok, str(dt))
    con = duckdb.connect()
    rows = con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
    check(f"{path.name} duckdb rows", rows == table.num_rows, str(rows))
    described = dict(con.execute(f"describe select * from read_parquet('{path}')").fetchall() and
                     [(r[0], r[1]) for r in con.execute(f"describe select * from read_parquet('{path}')").fetchall()])
    for f in fields:
        dt = described[f["name"]]
        ok = {
            "integer": lambda: dt == "INTEGER",
            "number": lambda: dt == "DOUBLE",
            "boolean": lambda: dt == "BOOLEAN",
            # DuckDB reads a dictionary-encoded string column as VARCHAR.
            "string": lambda: dt == "VARCHAR",
            "enum": lambda: dt == "VARCHAR",
            "date": lambda: dt == "DATE",
        }[spec.get(f["name"], "?")]()
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

# `changes`: the build holds two editions (interop.sh), so the table has the
# pair's rows; each reader reads the same kinds (the fixture's edit: a mark
# raised ○ → ◎, a window opened, the plan it realizes).
kinds = {"mark_changed", "window_opened", "plan_realized"}
ch = out / "changes.parquet"
check("changes: pyarrow", set(pq.read_table(ch).column("kind").to_pylist()) == kinds)
check("changes: pandas", set(pd.read_parquet(ch)["kind"].astype(str)) == kinds)
check("changes: polars", set(pl.read_parquet(ch)["kind"].cast(pl.String).to_list()) == kinds)
check("changes: duckdb", {r[0] for r in duckdb.execute(f"select kind::varchar from read_parquet('{ch}')").fetchall()} == kinds)
check("changes: pairs by date", {r[0] for r in duckdb.execute(
    f"select previous_edition::varchar || '→' || edition::varchar from read_parquet('{ch}')").fetchall()} == {"2017-07-31→2017-09-30"})

# docs/readers.md's reader table: every column, as each reader reads it.
readme = (Path(__file__).resolve().parent.parent / "docs" / "readers.md").read_text(encoding="utf-8")
section = readme.split("<!-- reader types:", 1)[1].split("<!-- end of reader types -->", 1)[0]
claims = {}
for line in section.splitlines():
    cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
    if len(cells) == 8 and cells[0] not in ("table", "---"):
        claims[(cells[0], cells[1])] = cells[2:]


def read_as(path):
    """Each column of a Parquet file as the README's table names it."""
    parquet = pq.ParquetFile(path)
    arrow = pq.read_table(path)
    default = pd.read_parquet(path)
    backed = pd.read_parquet(path, dtype_backend="pyarrow")
    frame = pl.read_parquet(path)
    duck = dict((r[0], r[1]) for r in duckdb.connect().execute(
        f"describe select * from read_parquet('{path}')").fetchall())
    for k, name in enumerate(arrow.column_names):
        column = parquet.schema.column(k)
        physical = column.physical_type
        logical = str(column.logical_type)
        t = arrow.schema.field(name).type
        parquet_type = physical + (f" ({logical})" if logical != "None" else "")
        if pa.types.is_dictionary(t):
            parquet_type += ", dictionary"
        pandas_type = str(default[name].dtype)
        if pandas_type == "object" and all(isinstance(v, datetime.date) for v in default[name].dropna()):
            pandas_type = "object (datetime.date)"
        polars_type = str(frame.schema[name])
        if polars_type.startswith("Enum("):
            polars_type = "Enum"
        yield name, [parquet_type, str(t), pandas_type, str(backed[name].dtype), polars_type, duck[name]]


listed = set()
for res in resources:
    table_name = res["path"].removesuffix(".parquet")
    for name, found in read_as(out / res["path"]):
        listed.add((table_name, name))
        claim = claims.get((table_name, name))
        check(f"README reader types {table_name}.{name}", claim == found, f"README {claim}, read {found}")
check("README reader table lists no other column", set(claims) == listed, str(set(claims) ^ listed))

# Frictionless: every resource, CSV and Parquet, valid against the data
# package, foreign keys included; and a copy with one unknown municipality
# code refused, so the foreign keys are checked, not only declared.
report = frictionless.validate(str(out / "datapackage.json"))
for task in report.tasks:
    errors = [e.message for e in task.errors][:3]
    check(f"frictionless {task.name}", task.valid, str(errors))
check("frictionless resources", len(report.tasks) == len(package["resources"]), str(len(report.tasks)))
declared = [r["name"] for r in package["resources"] if r["schema"].get("foreignKeys")]
check("foreign keys declared", "municipality_answers_csv" in declared and "consultation_windows_parquet" in declared, str(declared))
with tempfile.TemporaryDirectory() as tmp:
    broken = Path(tmp) / "output"
    shutil.copytree(out, broken)
    answers = broken / "municipality_answers.csv"
    lines = answers.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    code = header.index("municipality_code")
    cells = lines[1].split(",")
    cells[code] = "999999"
    lines[1] = ",".join(cells)
    answers.write_text("\n".join(lines), encoding="utf-8")
    refused = frictionless.validate(str(broken / "datapackage.json"))
    kinds = {e.type for t in refused.tasks if t.name == "municipality_answers_csv" for e in t.errors}
    check("frictionless refuses an unknown municipality code", kinds == {"foreign-key"}, str(kinds))

# Every resource has a title, and `changes` refers to municipalities like
# every other table with a municipality code.
check("resource titles", all(r.get("title") for r in package["resources"]),
      str([r["name"] for r in package["resources"] if not r.get("title")]))
check("changes refers to municipalities", "changes_parquet" in declared and "changes_csv" in declared, str(declared))

# The output directory's README: every table with the row count of its
# Parquet file (its snippets: tests/snippets.py).
readme = (out / "README.md").read_text(encoding="utf-8")
listed_rows = {}
for line in readme.split("\n"):
    cells = [c.strip() for c in line.strip("|").split("|")]
    if line.startswith("| `") and len(cells) == 3:
        listed_rows[cells[0].strip("`")] = int(cells[1])
for res in resources:
    name = res["path"].removesuffix(".parquet")
    check(f"output README rows {name}", listed_rows.get(name) == pq.read_metadata(out / res["path"]).num_rows,
          f"README {listed_rows.get(name)}")
check("output README lists no other table", set(listed_rows) == {r["path"].removesuffix(".parquet") for r in resources},
      str(set(listed_rows)))

# tables.xlsx (build --xlsx): openpyxl and pandas read every sheet; each
# cell is typed as its column (integers and shares numbers, flags booleans,
# dates Excel dates) and equal to the Parquet file's; the header row is
# frozen and filtered; the first sheet lists every table with its rows.
import openpyxl
from openpyxl.utils import get_column_letter

book = openpyxl.load_workbook(out / "tables.xlsx")
names = [r["path"].removesuffix(".parquet") for r in resources]
check("xlsx sheets", book.sheetnames == ["tables"] + names, str(book.sheetnames))
listed = {}
for row in book["tables"].iter_rows(min_row=2, values_only=True):
    if row[0] is None:
        break  # the validation summary follows a blank row
    listed[row[0]] = row[2]
python_type = {"integer": (int,), "number": (int, float), "boolean": (bool,), "string": (str,)}
# pandas' Excel reader turns a text of digits (municipality_code, a phone
# extension) into a number unless told the column is text.
texts = {r["path"].removesuffix(".parquet"): {f["name"]: str for f in r["schema"]["fields"] if f["type"] == "string"}
         for r in resources}
pandas_frames = {name: pd.read_excel(out / "tables.xlsx", sheet_name=name, dtype=texts[name]) for name in names}
for res in resources:
    name = res["path"].removesuffix(".parquet")
    fields = res["schema"]["fields"]
    rows = pq.read_table(out / res["path"]).to_pylist()
    check(f"xlsx tables sheet {name}", listed.get(name) == len(rows), f"{listed.get(name)} != {len(rows)}")
    sheet = book[name]
    check(f"xlsx {name} header", [c.value for c in sheet[1]] == [f["name"] for f in fields])
    check(f"xlsx {name} frozen and filtered", sheet.freeze_panes == "A2"
          and sheet.auto_filter.ref == f"A1:{get_column_letter(len(fields))}{len(rows) + 1}",
          f"{sheet.freeze_panes} {sheet.auto_filter.ref}")
    wrong = []
    for i, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True)):
        for f, cell in zip(fields, cells):
            want = rows[i][f["name"]] if i < len(rows) else "(no row)"
            kind = "string" if "enum" in f.get("constraints", {}) else f["type"]
            if want is None or want == "":
                ok = cell is None  # Excel holds no empty text: a blank cell
            elif kind == "date":
                ok = isinstance(cell, datetime.datetime) and cell.date() == want
            else:
                ok = isinstance(cell, python_type[kind]) and (kind != "integer" or not isinstance(cell, bool)) and cell == want
            if not ok and len(wrong) < 3:
                wrong.append(f"row {i + 2} {f['name']}: {cell!r} for {want!r}")
    check(f"xlsx {name} cells (openpyxl)", not wrong and sheet.max_row == len(rows) + 1, "; ".join(wrong))
    frame = pandas_frames[name]
    expected = pq.read_table(out / res["path"]).to_pandas()
    bad = []
    for f in fields:
        got, want = frame[f["name"]], expected[f["name"]]
        if f["type"] == "date":
            ok = pd.api.types.is_datetime64_any_dtype(got) and list(got.dt.date) == list(want)
        elif f["type"] in ("integer", "number"):
            ok = pd.api.types.is_numeric_dtype(got) and got.astype("float64").fillna(-1e300).tolist() == want.astype("float64").fillna(-1e300).tolist()
        elif f["type"] == "boolean":
            ok = [None if pd.isna(v) else bool(v) for v in got] == [None if pd.isna(v) else bool(v) for v in want]
        else:
            ok = [None if pd.isna(v) else str(v) for v in got] == [None if (v is None or v == "" or (isinstance(v, float) and pd.isna(v))) else str(v) for v in want]
        if not ok:
            bad.append(f"{f['name']} ({got.dtype})")
    check(f"xlsx {name} columns (pandas)", not bad and len(frame) == len(rows), ", ".join(bad))

# The snippets of README.md, output/README.md and docs/: tests/snippets.py.

print(f"interop: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
