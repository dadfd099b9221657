//! What each column becomes in the readers analysts use: the README's
//! reader table, made from the same column definitions as
//! `datapackage.json` (one source of truth). `make test` reads every Parquet
//! file with the real readers and checks each cell of the table
//! (`tests/interop.py`), and a test keeps the README's copy up to date.

use zaitaku_table::{Kind, Table};

/// The first and last lines of the README's generated section.
pub const BEGIN: &str =
    "<!-- reader types: generated from the tables' columns (crates/export/src/readers.rs); make test checks them against the readers -->";
/// The line that ends the generated section.
pub const END: &str = "<!-- end of reader types -->";

/// The readers, in the table's column order.
pub const READERS: [&str; 6] = [
    "Parquet",
    "pyarrow",
    "pandas",
    "pandas (pyarrow)",
    "polars",
    "DuckDB",
];

/// What each reader reads a column of `kind` as: the Parquet physical type
/// (and logical type), `pyarrow.parquet.read_table`, `pandas.read_parquet`
/// (default, then `dtype_backend="pyarrow"`), `polars.read_parquet`, and
/// DuckDB's `read_parquet`.
pub fn read_as(kind: Kind) -> [&'static str; 6] {
    match kind {
        Kind::Str => [
            "BYTE_ARRAY (String)",
            "string_view",
            "str",
            "string_view[pyarrow]",
            "String",
            "VARCHAR",
        ],
        Kind::Enum(_) => [
            "BYTE_ARRAY (String), dictionary",
            "dictionary<values=string, indices=uint8, ordered=1>",
            "category",
            "dictionary<values=string, indices=uint8, ordered=1>[pyarrow]",
            "Enum",
            "VARCHAR",
        ],
        Kind::Int => [
            "INT32",
            "int32",
            "Int32",
            "int32[pyarrow]",
            "Int32",
            "INTEGER",
        ],
        Kind::Float => [
            "DOUBLE",
            "double",
            "float64",
            "double[pyarrow]",
            "Float64",
            "DOUBLE",
        ],
        Kind::Bool => [
            "BOOLEAN",
            "bool",
            "boolean",
            "bool[pyarrow]",
            "Boolean",
            "BOOLEAN",
        ],
        Kind::Date => [
            "INT32 (Date)",
            "date32[day]",
            "object (datetime.date)",
            "date32[day][pyarrow]",
            "Date",
            "DATE",
        ],
    }
}

/// The README's generated section: one row per column of every table
/// (`tables` without rows will do), between [`BEGIN`] and [`END`].
pub fn markdown(tables: &[Table]) -> String {
    let mut out = format!("{BEGIN}\n\n| table | column | {} |\n", READERS.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(READERS.len() + 2)));
    for t in tables {
        for (m, _) in &t.columns {
            let cells: Vec<String> = read_as(m.kind).iter().map(|r| format!("`{r}`")).collect();
            out.push_str(&format!(
                "| `{}` | `{}` | {} |\n",
                t.name,
                m.name,
                cells.join(" | ")
            ));
        }
    }
    out.push('\n');
    out.push_str(END);
    out.push('\n');
    out
}
