//! The validation report as a build writes it and `check` prints it, made
//! in one place from typed data ([`Document`]: the validation summary,
//! every row where asked, and the characters the CSV encoding replaced):
//! its Markdown (`validation_report.md`) and its JSON
//! (`validation_report.json`, `check --format json`), whose JSON Schema is
//! here too, its rows the rows of `validation_checks` and `ambiguities`.

use zaitaku_table::checks::{
    ambiguities, ambiguity_rows, sorted_checks, validation_checks, Numbered,
};
use zaitaku_table::{names, Kind, Meta, Table};
use zaitaku_validate::report::{Family, Summary};
use zaitaku_validate::ValidationReport;

use crate::write::{substitute_of, Replaced};

mod text;
pub use text::{
    markdown_all, summary_markdown, summary_markdown_unwritten, summary_text, text_all,
};

/// The validation report of a run, as typed data: what it is made from.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The validation summary of every edition.
    pub summary: &'a Summary,
    /// Every check and ambiguity, where they are listed in full (`check --all`).
    pub every: Option<&'a ValidationReport>,
    /// The characters each CSV file had replaced (`--cp932-unmappable
    /// replace`), by file; none where nothing was (or no CSV was written).
    pub replaced: &'a [(String, Replaced)],
}

impl Document<'_> {
    /// `validation_report.md`: the summary, then the characters the CSV
    /// encoding replaced, where any were.
    pub fn markdown(&self) -> String {
        let mut md = summary_markdown(self.summary);
        if self.replaced.iter().all(|(_, r)| r.is_empty()) {
            return md;
        }
        md.push_str("\n## CSV encoding: characters replaced\n\nThe CSV files are CP932; characters CP932 cannot hold were written as their substitutes (`--cp932-unmappable replace`). The Parquet files hold the text as printed.\n\n| file | character | code | written as | times |\n|---|---|---|---|---|\n");
        for (file, counts) in self.replaced {
            for (c, n) in counts {
                md.push_str(&format!(
                    "| `{file}` | {c} | U+{:04X} | {} | {n} |\n",
                    u32::from(*c),
                    substitute_of(*c)
                ));
            }
        }
        md
    }

    /// `validation_report.json` (see [`Document::json`]), pretty, ending with
    /// a newline.
    pub fn json_text(&self) -> String {
        report_json_text(&self.json())
    }

    /// The JSON document (`report_json`).
    pub fn json(&self) -> serde_json::Value {
        report_json(self.summary, self.every, self.replacement_rows())
    }

    /// The rows of `csv_replacements`: each character the CSV encoding
    /// replaced, per file.
    fn replacement_rows(&self) -> Vec<serde_json::Value> {
        (self.replaced.iter())
            .flat_map(|(file, counts)| {
                counts.iter().map(move |(c, n)| {
                    serde_json::json!({
                        "file": file,
                        "character": c.to_string(),
                        "code": format!("U+{:04X}", u32::from(*c)),
                        "written_as": substitute_of(*c),
                        "times": n,
                    })
                })
            })
            .collect()
    }
}

/// The version of the validation report's JSON ([`Document::json`]); it
/// changes when a field is renamed, removed or changes its type.
pub const JSON_VERSION: u32 = 1;

/// The validation report as one JSON document, the same keys whatever was
/// asked (`docs/validation_report.schema.json` describes it):
/// `schema_version`; `summary` (totals and `passed`); `families`;
/// `by_edition` (one row per edition and family: passed, failed);
/// `failures` (each failed check as a row of `validation_checks`, with its
/// `suspect_places`); `ambiguity_kinds` (each kind, its count and first
/// examples as rows of `ambiguities`); `checks` and `ambiguities` (every
/// row, where `every` is given — `check --all` — else null);
/// `csv_replacements` (characters the CSV encoding replaced; empty where
/// none or no CSV was written); `tables` (where every row is).
fn report_json(
    summary: &Summary,
    every: Option<&ValidationReport>,
    csv_replacements: Vec<serde_json::Value>,
) -> serde_json::Value {
    use serde_json::json;
    let failed = summary.failures.len();
    let by_edition: Vec<serde_json::Value> = (summary.counts.iter())
        .flat_map(|(edition, counts)| {
            Family::NAMES.iter().zip(counts).map(move |(family, (passed, failed))| {
                json!({ "edition": edition, "family": family, "passed": passed, "failed": failed })
            })
        })
        .collect();
    let failures = validation_checks(&ValidationReport {
        checks: summary.failures.clone(),
        ambiguities: Vec::new(),
    });
    let mut failures = failures.json_rows();
    for (row, check) in failures.iter_mut().zip(sorted_checks(&summary.failures)) {
        let places: Vec<serde_json::Value> = (check.suspects.iter())
            .map(|s| json!({ "page": s.span.page, "line": s.span.line, "column": s.span.column, "why": s.why }))
            .collect();
        if let serde_json::Value::Object(row) = row {
            row.insert("suspect_places".into(), places.into());
        }
    }
    let kinds: Vec<serde_json::Value> = (summary.kinds.iter())
        .map(|k| {
            let rows: Vec<Numbered<'_>> = (k.examples.iter())
                .map(|e| Numbered {
                    no: e.no,
                    a: &e.ambiguity,
                })
                .collect();
            json!({ "kind": k.kind, "count": k.count, "examples": ambiguity_rows(&rows).json_rows() })
        })
        .collect();
    let (checks, ambiguities) = match every {
        Some(r) => (
            validation_checks(r).json_rows().into(),
            ambiguities(r).json_rows().into(),
        ),
        None => (serde_json::Value::Null, serde_json::Value::Null),
    };
    json!({
        "schema_version": JSON_VERSION,
        "summary": {
            "checks_total": summary.checks,
            "checks_passed": summary.checks - failed,
            "checks_failed": failed,
            "ambiguities_total": summary.ambiguities,
            "passed": failed == 0,
        },
        "families": Family::NAMES,
        "by_edition": by_edition,
        "failures": failures,
        "ambiguity_kinds": kinds,
        "checks": checks,
        "ambiguities": ambiguities,
        "csv_replacements": csv_replacements,
        "tables": {
            "checks": names::table::VALIDATION_CHECKS,
            "ambiguities": names::table::AMBIGUITIES,
        },
    })
}

/// [`Document::json`] as pretty JSON ending with a newline.
pub fn report_json_text(doc: &serde_json::Value) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema (draft 2020-12) of [`Document::json`], its rows made from
/// the tables' columns (names, types, vocabularies, descriptions): what
/// `docs/validation_report.schema.json` holds.
pub fn report_schema() -> serde_json::Value {
    use serde_json::json;
    let empty = ValidationReport::default();
    let checks = validation_checks(&empty);
    let ambiguities = ambiguities(&empty);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zaitaku validation report",
        "description": "validation_report.json of a build and `zaitaku check --format json` (with or without --all): one schema",
        "type": "object",
        "properties": {
            "schema_version": { "const": JSON_VERSION },
            "summary": summary_schema(),
            "families": { "type": "array", "items": { "enum": Family::NAMES } },
            "by_edition": by_edition_schema(),
            "failures": { "type": "array", "items": { "$ref": "#/$defs/failure" } },
            "ambiguity_kinds": ambiguity_kinds_schema(),
            "checks": {
                "description": "Every check (zaitaku check --all); null otherwise",
                "type": ["array", "null"], "items": { "$ref": "#/$defs/check" },
            },
            "ambiguities": {
                "description": "Every ambiguity (zaitaku check --all); null otherwise",
                "type": ["array", "null"], "items": { "$ref": "#/$defs/ambiguity" },
            },
            "csv_replacements": csv_replacements_schema(),
            "tables": {
                "type": "object",
                "properties": {
                    "checks": { "const": names::table::VALIDATION_CHECKS },
                    "ambiguities": { "const": names::table::AMBIGUITIES },
                },
                "required": ["checks", "ambiguities"],
                "additionalProperties": false,
            },
        },
        "required": [
            "schema_version", "summary", "families", "by_edition", "failures",
            "ambiguity_kinds", "checks", "ambiguities", "csv_replacements", "tables",
        ],
        "additionalProperties": false,
        "$defs": {
            "check": row_schema(&checks, None),
            "failure": row_schema(&checks, Some(("suspect_places", places_schema()))),
            "ambiguity": row_schema(&ambiguities, None),
        },
    })
}

/// A count's schema.
fn count_schema() -> serde_json::Value {
    serde_json::json!({ "type": "integer", "minimum": 0 })
}

/// `summary`'s schema.
fn summary_schema() -> serde_json::Value {
    let count = count_schema();
    serde_json::json!({
        "type": "object",
        "properties": {
            "checks_total": count, "checks_passed": count, "checks_failed": count,
            "ambiguities_total": count,
            "passed": { "type": "boolean", "description": "Whether every check passed" },
        },
        "required": ["checks_total", "checks_passed", "checks_failed", "ambiguities_total", "passed"],
        "additionalProperties": false,
    })
}

/// `by_edition`'s schema.
fn by_edition_schema() -> serde_json::Value {
    let count = count_schema();
    serde_json::json!({
        "type": "array",
        "description": "Per edition and family, the checks passed and failed",
        "items": {
            "type": "object",
            "properties": {
                "edition": { "type": "string", "format": "date" },
                "family": { "enum": Family::NAMES },
                "passed": count, "failed": count,
            },
            "required": ["edition", "family", "passed", "failed"],
            "additionalProperties": false,
        },
    })
}

/// `ambiguity_kinds`' schema.
fn ambiguity_kinds_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "kind": { "enum": zaitaku_validate::report::Kind::ambiguity_texts() },
                "count": count_schema(),
                "examples": { "type": "array", "items": { "$ref": "#/$defs/ambiguity" } },
            },
            "required": ["kind", "count", "examples"],
            "additionalProperties": false,
        },
    })
}

/// `csv_replacements`' schema.
fn csv_replacements_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "array",
        "description": "Characters the CSV encoding (--csv-encoding cp932) replaced; empty where none",
        "items": {
            "type": "object",
            "properties": {
                "file": { "type": "string" },
                "character": { "type": "string" },
                "code": { "type": "string" },
                "written_as": { "type": "string" },
                "times": count_schema(),
            },
            "required": ["file", "character", "code", "written_as", "times"],
            "additionalProperties": false,
        },
    })
}

/// A failure's `suspect_places`' schema.
fn places_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "array",
        "description": "The places that may explain the failed check, each with the rule of the report it breaks",
        "items": {
            "type": "object",
            "properties": {
                "page": { "type": "integer" },
                "line": { "type": "integer" },
                "column": { "type": "integer" },
                "why": { "type": "string" },
            },
            "required": ["page", "line", "column", "why"],
            "additionalProperties": false,
        },
    })
}

/// The schema of a row of `table` (and of `extra`, a property it adds).
fn row_schema(table: &Table, extra: Option<(&str, serde_json::Value)>) -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    let mut required: Vec<&str> = Vec::new();
    for (m, _) in &table.columns {
        properties.insert(m.name.into(), column_schema(m, table.key.contains(&m.name)));
        required.push(m.name);
    }
    if let Some((name, schema)) = extra {
        properties.insert(name.into(), schema);
        required.push(name);
    }
    serde_json::json!({
        "type": "object",
        "description": format!("A row of {}: {}", table.name, table.description),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// The schema of one column's values: its type (null allowed but in a key
/// column), its vocabulary, its description.
fn column_schema(m: &Meta, key: bool) -> serde_json::Value {
    use serde_json::json;
    let mut schema = match m.kind {
        Kind::Str => json!({ "type": "string" }),
        Kind::Int => json!({ "type": "integer" }),
        Kind::Float => json!({ "type": "number" }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Date => json!({ "type": "string", "format": "date" }),
        Kind::Enum(values) => json!({ "enum": values }),
    };
    if let serde_json::Value::Object(o) = &mut schema {
        if !key {
            match o.get_mut("type") {
                Some(t) => *t = json!([t.clone(), "null"]),
                None => {
                    if let Some(serde_json::Value::Array(values)) = o.get_mut("enum") {
                        values.push(serde_json::Value::Null);
                    }
                }
            }
        }
        o.insert("description".into(), m.description.into());
    }
    schema
}
