//! The validation result as data: one row per check (`validation_checks`)
//! and one per ambiguity (`ambiguities`), every edition's, so that the
//! validation report itself can stay a summary.

use crate::columns::EDITION;
use crate::table::{d, i, meta, oi, os, s, Builder, Kind, Meta, Table};
use zaitaku_parse::model::Date;
use zaitaku_validate::report::{Ambiguity, Check, Summary, FAMILY_NAMES};
use zaitaku_validate::ValidationReport;

const FAMILY: Meta = meta(
    "family",
    Kind::Enum(&FAMILY_NAMES),
    "分類",
    "The family of checks: program_summary (page 1), question_summary (page 2), municipality_answers (pages 3–4), associations (pages 5–6), consultation_windows (pages 7–11), cross_page (figures printed on two pages)",
    None,
);
const STATUSES: Kind = Kind::Enum(&["pass", "fail"]);
const SOURCE_PAGE: Meta = meta(
    "source_page",
    Kind::Int,
    "頁",
    "Page of the first place it is about (for a check, where the published figure is printed); null where none",
    None,
);
const SOURCE_LINE: Meta = meta(
    "source_line",
    Kind::Int,
    "行番号",
    "Input line of that place",
    None,
);
const SOURCE_COLUMN: Meta = meta(
    "source_column",
    Kind::Int,
    "桁",
    "Column (in characters, from 1) of that place; 1 where the place is a whole line",
    None,
);

/// Every check, by edition and id (ids are stable across editions: a
/// check that is added or removed changes one row, not the numbering).
pub fn validation_checks(report: &ValidationReport) -> Table {
    // In the order of the ids as written (as ever).
    let rows = sorted_checks(&report.checks);
    let first = |c: &&Check| c.spans.first().copied();
    Builder::<&Check>::default()
        .col(EDITION, |c| d(c.edition))
        .col(meta("check_id", Kind::Str, "検証ID", "Stable id: p2.ka.q2.pct_no (its first part is the family)", None), |c| s(c.id.to_string()))
        .col(FAMILY, |c| s(c.id.family().name()))
        .col(meta("subject", Kind::Str, "対象", "What is checked, for a person: 「カ② 未実施等 share of N (n=…)」", None), |c| s(&c.subject))
        .col(meta("status", STATUSES, "結果", "pass, or fail (a failed check makes the build exit 1)", None), |c| s(if c.passed { "pass" } else { "fail" }))
        .col(meta("published", Kind::Str, "公表値", "The figure the report prints (or the rule's expectation), as printed", None), |c| s(&c.expected))
        .col(meta("reconstructed", Kind::Str, "再構成値", "What the reconstruction gives (for a failure, with the rows that may explain it)", None), |c| s(&c.found))
        .col(meta("printed_at", Kind::Str, "掲載箇所", "Where the published figure is printed, for a person; null for a rule", None), |c| os(c.printed_at.as_ref().map(ToString::to_string)))
        .col(meta("suspects", Kind::Int, "被疑箇所数", "For a failed check: the places that may explain it (0 where no row breaks a rule the report implies)", None), |c| i(c.suspects.len()))
        .col(SOURCE_PAGE, move |c| oi(first(c).map(|s| s.page)))
        .col(SOURCE_LINE, move |c| oi(first(c).map(|s| s.line)))
        .col(SOURCE_COLUMN, move |c| oi(first(c).map(|s| s.column)))
        .build(
            crate::names::table::VALIDATION_CHECKS,
            crate::names::describe(crate::names::table::VALIDATION_CHECKS),
            &["edition", "check_id"],
            &rows,
        )
}

/// An ambiguity with its edition-local number.
struct A<'a> {
    no: usize,
    a: &'a Ambiguity,
}

/// Every ambiguity, by edition then in the order they were listed.
pub fn ambiguities(report: &ValidationReport) -> Table {
    let mut rows: Vec<A<'_>> = numbered(&report.ambiguities, |a| a.edition)
        .map(|(no, a)| A { no, a })
        .collect();
    rows.sort_by(|x, y| (&x.a.edition, x.no).cmp(&(&y.a.edition, y.no)));
    ambiguity_rows(&rows)
}

/// The table of the ambiguities `rows`, each with its number.
fn ambiguity_rows(rows: &[A<'_>]) -> Table {
    Builder::<A<'_>>::default()
        .col(EDITION, |r| d(r.a.edition))
        .col(meta("ambiguity_no", Kind::Int, "番号", "The ambiguity's place in its edition's list (from 1)", None), |r| i(r.no))
        .col(meta("ambiguity_id", Kind::Str, "ID", "Id of what it concerns: win.targets, assoc.round_the_clock_care.unresolved", None), |r| s(r.a.id.to_string()))
        .col(meta("kind", Kind::Enum(&zaitaku_validate::report::AMBIGUITY_KINDS), "種類", "The family's id and the id's last part: win.targets, assoc.unresolved, p2.count_yes", None), |r| s(r.a.kind()))
        .col(FAMILY, |r| s(r.a.id.family().name()))
        .col(meta("subject", Kind::Str, "対象", "What it concerns, for a person: 「window 2 of 千代田区 (its name)」", None), |r| s(&r.a.subject))
        .col(meta("resolution", Kind::Str, "処理", "What the text says and what was done: the value left null, or the rule that decided it", None), |r| s(&r.a.resolution))
        .col(SOURCE_PAGE, |r| oi(r.a.at.map(|s| s.page)))
        .col(SOURCE_LINE, |r| oi(r.a.at.map(|s| s.line)))
        .col(SOURCE_COLUMN, |r| oi(r.a.at.map(|s| s.column)))
        .build(
            crate::names::table::AMBIGUITIES,
            crate::names::describe(crate::names::table::AMBIGUITIES),
            &["edition", "ambiguity_no"],
            rows,
        )
}

/// Each item with its number (from 1) among the items of its edition.
fn numbered<'a, T>(
    items: &'a [T],
    edition: impl Fn(&T) -> Date + 'a,
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    let mut seen: Vec<(Date, usize)> = Vec::new();
    items.iter().map(move |item| {
        let e = edition(item);
        let no = match seen.iter_mut().find(|(s, _)| *s == e) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((e, 1));
                1
            }
        };
        (no, item)
    })
}

/// The version of the validation report's JSON ([`report_json`]); it
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
pub fn report_json(
    summary: &Summary,
    every: Option<&ValidationReport>,
    csv_replacements: Vec<serde_json::Value>,
) -> serde_json::Value {
    use serde_json::json;
    let failed = summary.failures.len();
    let by_edition: Vec<serde_json::Value> = (summary.counts.iter())
        .flat_map(|(edition, counts)| {
            FAMILY_NAMES.iter().zip(counts).map(move |(family, (passed, failed))| {
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
            let rows: Vec<A<'_>> = (k.examples.iter())
                .map(|e| A {
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
            self::ambiguities(r).json_rows().into(),
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
        "families": FAMILY_NAMES,
        "by_edition": by_edition,
        "failures": failures,
        "ambiguity_kinds": kinds,
        "checks": checks,
        "ambiguities": ambiguities,
        "csv_replacements": csv_replacements,
        "tables": {
            "checks": crate::names::table::VALIDATION_CHECKS,
            "ambiguities": crate::names::table::AMBIGUITIES,
        },
    })
}

/// `checks` in the order [`validation_checks`] writes them.
fn sorted_checks(checks: &[Check]) -> Vec<&Check> {
    let mut rows: Vec<&Check> = checks.iter().collect();
    rows.sort_by_cached_key(|c| (c.edition, c.id.to_string()));
    rows
}

/// [`report_json`] as pretty JSON ending with a newline.
pub fn report_json_text(doc: &serde_json::Value) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema (draft 2020-12) of [`report_json`], its rows made from
/// the tables' columns (names, types, vocabularies, descriptions): what
/// `docs/validation_report.schema.json` holds.
pub fn report_schema() -> serde_json::Value {
    use serde_json::json;
    let empty = ValidationReport::default();
    let row = |table: &Table, extra: Option<(&str, serde_json::Value)>| {
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
        json!({
            "type": "object",
            "description": format!("A row of {}: {}", table.name, table.description),
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        })
    };
    let checks = validation_checks(&empty);
    let ambiguities = self::ambiguities(&empty);
    let places = json!({
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
    });
    let count = json!({ "type": "integer", "minimum": 0 });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zaitaku validation report",
        "description": "validation_report.json of a build and `zaitaku check --format json` (with or without --all): one schema",
        "type": "object",
        "properties": {
            "schema_version": { "const": JSON_VERSION },
            "summary": {
                "type": "object",
                "properties": {
                    "checks_total": count, "checks_passed": count, "checks_failed": count,
                    "ambiguities_total": count,
                    "passed": { "type": "boolean", "description": "Whether every check passed" },
                },
                "required": ["checks_total", "checks_passed", "checks_failed", "ambiguities_total", "passed"],
                "additionalProperties": false,
            },
            "families": { "type": "array", "items": { "enum": FAMILY_NAMES } },
            "by_edition": {
                "type": "array",
                "description": "Per edition and family, the checks passed and failed",
                "items": {
                    "type": "object",
                    "properties": {
                        "edition": { "type": "string", "format": "date" },
                        "family": { "enum": FAMILY_NAMES },
                        "passed": count, "failed": count,
                    },
                    "required": ["edition", "family", "passed", "failed"],
                    "additionalProperties": false,
                },
            },
            "failures": { "type": "array", "items": { "$ref": "#/$defs/failure" } },
            "ambiguity_kinds": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": { "enum": zaitaku_validate::report::AMBIGUITY_KINDS },
                        "count": count,
                        "examples": { "type": "array", "items": { "$ref": "#/$defs/ambiguity" } },
                    },
                    "required": ["kind", "count", "examples"],
                    "additionalProperties": false,
                },
            },
            "checks": {
                "description": "Every check (zaitaku check --all); null otherwise",
                "type": ["array", "null"], "items": { "$ref": "#/$defs/check" },
            },
            "ambiguities": {
                "description": "Every ambiguity (zaitaku check --all); null otherwise",
                "type": ["array", "null"], "items": { "$ref": "#/$defs/ambiguity" },
            },
            "csv_replacements": {
                "type": "array",
                "description": "Characters the CSV encoding (--csv-encoding cp932) replaced; empty where none",
                "items": {
                    "type": "object",
                    "properties": {
                        "file": { "type": "string" },
                        "character": { "type": "string" },
                        "code": { "type": "string" },
                        "written_as": { "type": "string" },
                        "times": count,
                    },
                    "required": ["file", "character", "code", "written_as", "times"],
                    "additionalProperties": false,
                },
            },
            "tables": {
                "type": "object",
                "properties": {
                    "checks": { "const": crate::names::table::VALIDATION_CHECKS },
                    "ambiguities": { "const": crate::names::table::AMBIGUITIES },
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
            "check": row(&checks, None),
            "failure": row(&checks, Some(("suspect_places", places))),
            "ambiguity": row(&ambiguities, None),
        },
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
