//! `datapackage.json`: a Frictionless Data Package describing every table
//! and column (types, Japanese labels, units, keys, foreign keys).

use super::{CsvOptions, OutputFile};
use zaitaku_table::{Kind, Table};

/// The Frictionless Data Package describing every table (CSV and Parquet).
pub fn datapackage(tables: &[Table], csv: CsvOptions, failed: usize) -> OutputFile {
    // A build written through failed checks (`--keep-failed`) marks the
    // package and every table it describes.
    let warning = match failed {
        0 => String::new(),
        n => format!("Written although {n} check(s) of the report's figures failed (zaitaku build --keep-failed; validation_report.md lists them): "),
    };
    let mut resources = Vec::new();
    for t in tables {
        let fields: Vec<serde_json::Value> = t
            .columns
            .iter()
            .map(|(m, _)| {
                let (ty, constraints) = match m.kind {
                    Kind::Str => ("string", None),
                    Kind::Int => ("integer", None),
                    Kind::Float => ("number", None),
                    Kind::Bool => ("boolean", None),
                    Kind::Date => ("date", None),
                    Kind::Enum(values) => ("string", Some(serde_json::json!({ "enum": values }))),
                };
                let mut f = serde_json::json!({ "name": m.name, "type": ty, "title": m.title_ja, "description": m.description });
                if let (Some(c), Some(o)) = (constraints, f.as_object_mut()) {
                    o.insert("constraints".into(), c);
                }
                if let (Some(u), Some(o)) = (m.unit, f.as_object_mut()) {
                    o.insert("unit".into(), u.into());
                }
                f
            })
            .collect();
        for (format, media) in [
            ("csv", "text/csv"),
            ("parquet", "application/vnd.apache.parquet"),
        ] {
            // Each format's resources refer to the same format's tables.
            let foreign_keys: Vec<serde_json::Value> = t
                .columns
                .iter()
                .filter_map(|(m, _)| {
                    let table = m.references?;
                    Some(serde_json::json!({
                        "fields": m.name,
                        "reference": { "resource": format!("{table}_{format}"), "fields": m.name },
                    }))
                })
                .collect();
            let mut schema =
                serde_json::json!({ "fields": fields, "primaryKey": t.key, "missingValues": [""] });
            if let (false, Some(o)) = (foreign_keys.is_empty(), schema.as_object_mut()) {
                o.insert("foreignKeys".into(), foreign_keys.into());
            }
            let title = zaitaku_table::names::entry(t.name).map_or(t.name, |e| e.title);
            resources.push(serde_json::json!({
                "name": format!("{}_{format}", t.name),
                "title": format!("{title}, {}", if format == "csv" { "CSV" } else { "Parquet" }),
                "path": format!("{}.{format}", t.name),
                "profile": "tabular-data-resource",
                "format": format,
                "mediatype": media,
                "encoding": if format == "csv" { csv.encoding.label() } else { "utf-8" },
                "description": format!("{warning}{}", t.description),
                "schema": schema,
            }));
        }
    }
    let doc = serde_json::json!({
        "profile": "tabular-data-package",
        "name": "zaitaku-etl",
        "title": "在宅医療・介護連携推進事業の取組状況 (Tokyo), reconstructed",
        "description": format!("{warning}Tables reconstructed from the text of the Tokyo Metropolitan Government report 「在宅医療・介護連携推進事業の取組状況」, every value checked against the figures it prints (validation_report.json)."),
        "resources": resources,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        name: zaitaku_table::names::file::DATAPACKAGE.into(),
        bytes,
    }
}
