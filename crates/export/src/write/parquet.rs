//! The Parquet writer every table is written with, and the pandas metadata
//! in its Arrow schema (so pandas restores each column's type).

use polars::prelude::*;
use zaitaku_table::{Kind, Table};

/// A Parquet writer as every table is written: Snappy, with polars' default
/// column statistics. Measured here (2026-11-25, medians): the seed's build
/// takes 20.1 ms with Snappy and statistics (122 KB of Parquet), 19.0 ms
/// without statistics (98 KB), 18.7 ms uncompressed (180 KB), 27.1 ms with
/// zstd (111 KB: a zstd context per column chunk); for 300 editions the
/// codecs and statistics time the same within noise (1.33–1.43 s), and the
/// Parquet is 392 KB with Snappy, 3.8 MB uncompressed, 193 KB with zstd.
/// Statistics let readers skip row groups of other editions; Snappy costs
/// little and every reader knows it.
///
/// A row group's columns are encoded on the thread that writes it, not
/// handed to polars' own thread pool: the tables are already written in
/// parallel ([`crate::stream`]), and the two pools' threads contended for
/// the cores. Measured here (2026-12-06, medians of 60 interleaved runs):
/// the seed's build 16.4 → 15.4 ms, with `--xlsx` 26.8 → 24.0 ms; 1,000
/// editions 2.59 → 2.52 s and 362 → 345 MiB (three runs each). The bytes
/// are the same.
///
/// Each file's `ARROW:schema` (the Arrow schema readers take the column
/// types from, which polars would write the same) carries `pandas`
/// metadata naming the integer and flag columns' pandas types, `Int32` and
/// `boolean` (nullable), as pyarrow writes it for a frame of those types:
/// pandas then reads a null as `<NA>`, not as a float NaN or an object
/// column, and so does Frictionless's Parquet reader, which goes through
/// pandas. `schema` is the frame's.
pub fn parquet_writer<W: std::io::Write>(
    w: W,
    table: &Table,
    schema: &Schema,
) -> PolarsResult<ParquetWriter<W>> {
    let arrow = KeyValueMetadata::from_static(vec![(
        "ARROW:schema".into(),
        arrow_schema_with_pandas(table, schema)?,
    )]);
    Ok(ParquetWriter::new(w)
        .with_compression(ParquetCompression::Snappy)
        .with_key_value_metadata(Some(arrow))
        .set_parallel(false))
}

/// The `ARROW:schema` value polars writes for `schema` (an IPC schema
/// message, length-prefixed, base64), with [`pandas_metadata`] in it.
fn arrow_schema_with_pandas(table: &Table, schema: &Schema) -> PolarsResult<String> {
    use base64::Engine;
    use polars_arrow::io::ipc::write::{default_ipc_fields, schema_to_bytes};
    let arrow = polars_io::schema_to_arrow_checked(schema, CompatLevel::newest(), "parquet")?;
    let mut metadata = polars_arrow::datatypes::Metadata::new();
    metadata.insert("pandas".into(), pandas_metadata(table).into());
    let ipc = schema_to_bytes(
        &arrow,
        &default_ipc_fields(arrow.iter_values()),
        Some(&metadata),
    );
    let length = u32::try_from(ipc.len())
        .map_err(|_| polars_err!(ComputeError: "an Arrow schema over 4 GiB"))?;
    // The legacy IPC framing Arrow's Parquet readers expect (as polars writes it).
    let mut framed = Vec::with_capacity(ipc.len() + 8);
    framed.extend_from_slice(&[255, 255, 255, 255]);
    framed.extend_from_slice(&length.to_le_bytes());
    framed.extend_from_slice(&ipc);
    Ok(base64::engine::general_purpose::STANDARD.encode(&framed))
}

/// The pandas types of a table's integer and flag columns, in the form of
/// pyarrow's `pandas` schema metadata (the other columns keep pandas'
/// default for their Arrow type).
pub fn pandas_metadata(table: &Table) -> String {
    let columns: Vec<serde_json::Value> = table
        .columns
        .iter()
        .filter_map(|(m, _)| {
            let (pandas_type, numpy_type) = match m.kind {
                Kind::Int => ("int32", "Int32"),
                Kind::Bool => ("bool", "boolean"),
                _ => return None,
            };
            Some(serde_json::json!({
                "name": m.name,
                "field_name": m.name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": null,
            }))
        })
        .collect();
    serde_json::json!({
        "index_columns": [],
        "column_indexes": [],
        "columns": columns,
        "creator": { "library": "zaitaku-etl" },
    })
    .to_string()
}
