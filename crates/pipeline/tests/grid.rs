//! The grid typesettings (tests/fixtures/pdf/grid_*.pdf, all three) read by position:
//! pages 5–6 give every association × fiscal-year cell — the ones the
//! seed's text decides, equal to the seed's build, and the ones it leaves
//! null (303 in the seed), equal to tests/fixtures/pdf/grid/truth.csv,
//! where the typesetting put them — and the printed totals.

use std::collections::BTreeMap;
use std::path::Path;
use zaitaku_parse::layout::Era;
use zaitaku_parse::layout::Program;
use zaitaku_parse::pages::association_cells;

/// The seed's report, parsed from its text.
fn seed_report() -> zaitaku_parse::model::Report {
    let seed = std::fs::read_to_string(root().join("raw/000_1fb60f2a74870bbb.txt")).unwrap();
    zaitaku_parse::parse_text(&seed).unwrap()
}

/// Every association × year cell of `report`: (program, association,
/// fiscal year) and how it was decided.
fn association_cells_of(
    report: &zaitaku_parse::model::Report,
) -> Vec<((String, String, i32), zaitaku_parse::model::Participation)> {
    let mut out = Vec::new();
    for t in &report.associations {
        for (row, cells) in t.printed.rows.iter().zip(&t.cells) {
            for (year, cell) in t.printed.years.iter().zip(cells) {
                let key = (
                    t.printed.program.id().to_string(),
                    row.name.clone(),
                    year.fiscal_year,
                );
                out.push((key, *cell));
            }
        }
    }
    out
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// (program, association, fiscal year) → took part, for every cell: the
/// seed's decided cells and truth.csv's placements of the others.
fn expected() -> BTreeMap<(String, String, i32), bool> {
    let report = seed_report();
    let mut out = BTreeMap::new();
    let mut undecided = 0;
    for (key, cell) in association_cells_of(&report) {
        match cell.participated {
            Some(v) => {
                out.insert(key, v);
            }
            None => undecided += 1,
        }
    }
    let truth = std::fs::read_to_string(root().join("tests/fixtures/pdf/grid/truth.csv")).unwrap();
    let mut placed = 0;
    for line in truth
        .lines()
        .skip(1)
        .filter(|l| l.contains(",association_year,"))
    {
        let f: Vec<&str> = line.splitn(4, ',').collect();
        let key: Vec<&str> = f[2].split('|').collect();
        let year: i32 = key[2].parse().unwrap();
        let old = out.insert(
            (key[0].to_string(), key[1].to_string(), year),
            f[3] == "true",
        );
        assert!(
            old.is_none(),
            "truth.csv places a cell the seed decides: {line}"
        );
        placed += 1;
    }
    // Page 5's 191 and page 6's 112 cells the seed's text cannot decide.
    assert_eq!((undecided, placed), (303, 303));
    out
}

#[test]
fn every_association_year_cell_of_both_grid_typesettings_is_decided_by_position() {
    let want = expected();
    assert_eq!(want.len(), 710, "71 associations × 6 years + 71 × 4");
    for name in GRIDS {
        let pages = grid(name);
        let mut got = BTreeMap::new();
        for (page, program) in [
            (5, Program::RoundTheClockCare),
            (6, Program::MultidisciplinaryNetwork),
        ] {
            let t = association_cells::read(&pages[page - 1], Era::Heisei)
                .expect("a table of associations");
            for r in &t.rows {
                for (year, marked) in t.fiscal_years.iter().zip(&r.marked) {
                    got.insert((program.id().to_string(), r.name.clone(), *year), *marked);
                }
            }
            // Every year's marks add up to the total printed under it.
            for (k, total) in t.totals.iter().enumerate() {
                let marks = t.rows.iter().filter(|r| r.marked[k]).count() as u32;
                assert_eq!(
                    Some(marks),
                    *total,
                    "{name} page {page} FY{}",
                    t.fiscal_years[k]
                );
            }
        }
        let wrong: Vec<String> = want
            .iter()
            .filter(|(k, v)| got.get(*k) != Some(*v))
            .map(|(k, v)| format!("{k:?}: {:?}, expected {v}", got.get(k)))
            .collect();
        assert!(
            wrong.is_empty(),
            "{name}: {} cells differ:\n{}",
            wrong.len(),
            wrong[..wrong.len().min(10)].join("\n")
        );
        assert_eq!(got.len(), want.len(), "{name}: cells read");
    }
}

/// The three grid typesettings.
const GRIDS: [&str; 3] = ["grid_rows.pdf", "grid_columns.pdf", "grid_filled.pdf"];

/// A grid typesetting read by position.
fn grid(name: &str) -> Vec<zaitaku_parse::cells::CellPage> {
    let bytes = std::fs::read(root().join("tests/fixtures/pdf").join(name)).unwrap();
    zaitaku_pdf::read_layout(&bytes).unwrap()
}

/// Text without white space (a cell's wrapped lines joined, U+3000 or not).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A page-1 row as compared, from the seed's `ProgramRow` or the cells'
/// `SummaryRow` (one field list for both): item, label, activity, parent,
/// sub-question, figures.
macro_rules! summary_key {
    ($r:expr) => {{
        let r = $r;
        format!(
            "{:?} {} | {} | {:?} | {:?} | {} {} {} {} {}",
            r.item,
            squeeze(&r.item_label),
            squeeze(&r.activity),
            r.parent_activity.as_deref().map(squeeze),
            r.sub,
            r.count_current,
            r.pct_current,
            r.count_previous,
            r.pct_previous,
            r.change
        )
    }};
}

/// A page-2 row as compared (its question text and 実施・予定 count given:
/// the seed's may come from truth.csv, the cells' is never apart).
macro_rules! question_key {
    ($r:expr, $text:expr, $count_yes:expr) => {{
        let r = $r;
        format!(
            "{:?} {} {:?} {:?} | {} | {:?} {} {:?} {:?}",
            r.item,
            r.question,
            r.sub,
            r.option,
            squeeze($text),
            $count_yes,
            r.pct_yes,
            r.count_no,
            r.pct_no
        )
    }};
}

/// The truth file's placements of `kind`: key → value.
fn truth(kind: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/pdf/grid/truth.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.splitn(4, ',').collect();
            (f[1] == kind).then(|| (f[2].to_string(), f[3].to_string()))
        })
        .collect()
}

/// truth.csv's placements of the windows' cells the seed leaves null:
/// target columns, names, その他 texts.
type Truth = BTreeMap<String, String>;
fn window_truths() -> (Truth, Truth, Truth) {
    (
        truth("window_targets"),
        truth("window_name"),
        truth("window_other"),
    )
}

#[test]
fn every_window_of_both_grid_typesettings_is_read_by_position() {
    use zaitaku_parse::pages::window_cells;
    let report = seed_report();
    let (targets, names, others) = window_truths();
    // (municipality, name, location, targets, その他) of every window, in printed order.
    let mut want = Vec::new();
    for m in &report.windows.municipalities {
        let code = zaitaku_parse::reference::code_of(&m.name).unwrap();
        for (k, w) in m.windows.iter().enumerate() {
            let key = format!("{code}|{}", k + 1);
            let marks: [bool; 5] = match w.targets_marked {
                5 => [true; 5],
                0 => [false; 5],
                _ => {
                    let bits = &targets[&key];
                    std::array::from_fn(|i| bits.as_bytes()[i] == b'1')
                }
            };
            let name = w.name.clone().unwrap_or_else(|| names[&key].clone());
            let other = w
                .for_other
                .clone()
                .or_else(|| others.get(&key).cloned())
                .unwrap_or_default();
            want.push((m.name.clone(), name, marks, other));
        }
    }
    // 122 windows; 74 whose marks do not say their columns, 6 nameless, 19
    // without their 「その他」 in the text (truth.csv places them).
    assert_eq!(
        (want.len(), targets.len(), names.len(), others.len()),
        (122, 74, 6, 19)
    );
    for name in GRIDS {
        let pages = grid(name);
        let mut got = Vec::new();
        let mut municipality = String::new();
        for page in &pages[6..11] {
            let (rows, _) = window_cells::read(page).expect("a window table");
            for row in rows.into_iter().filter_map(|e| match e {
                window_cells::Entry::Window(w) => Some(w),
                window_cells::Entry::Own(_) => None,
            }) {
                if !row.municipality.is_empty() {
                    municipality = row.municipality.clone();
                }
                got.push((municipality.clone(), row.name, row.targets, row.other));
            }
        }
        assert_eq!(got.len(), want.len(), "{name}: windows");
        let wrong: Vec<String> = (want.iter().zip(&got))
            .filter(|(w, g)| {
                (squeeze(&w.0), squeeze(&w.1), w.2, squeeze(&w.3))
                    != (squeeze(&g.0), squeeze(&g.1), g.2, squeeze(&g.3))
            })
            .map(|(w, g)| format!("{w:?} read as {g:?}"))
            .collect();
        assert!(
            wrong.is_empty(),
            "{name}: {} windows differ:\n{}",
            wrong.len(),
            wrong[..wrong.len().min(8)].join("\n")
        );
    }
}

#[test]
fn every_answer_of_pages_3_and_4_of_every_grid_typesetting_is_the_seeds() {
    use zaitaku_parse::layout::ANSWER_PAGES;
    use zaitaku_parse::model::AnswerValue;
    use zaitaku_parse::pages::answer_cells;
    let report = seed_report();
    let parser = zaitaku_parse::Parser::new();
    // A cell as compared: its mark's status, or its choices (option, annotation, text).
    let value = |v: &AnswerValue| match v {
        AnswerValue::Mark { status, .. } => format!("{status:?}"),
        AnswerValue::Options(cs) => (cs.iter())
            .map(|c| {
                format!(
                    "{:?}/{:?}/{}",
                    c.option,
                    c.annotation,
                    c.raw_text.replace(' ', "")
                )
            })
            .collect::<Vec<_>>()
            .join(" + "),
    };
    for name in GRIDS {
        let pages = grid(name);
        for (k, (spec, want)) in ANSWER_PAGES.iter().zip(&report.answers).enumerate() {
            let rows = answer_cells::read(
                parser.matchers(),
                &pages[2 + k],
                spec,
                &want.legend,
                |_, _, _| zaitaku_parse::span::Span::line(3, 1),
            )
            .expect("rows");
            // 53 municipalities, each row's cells as the seed's text gives them.
            assert_eq!(rows.len(), 53, "{name} page {}", 3 + k);
            for (g, w) in rows.iter().zip(&want.rows) {
                assert_eq!((g.no, &g.name), (w.no, &w.name), "{name}");
                let got: Vec<String> = g.cells.iter().map(|c| value(&c.value)).collect();
                let seed: Vec<String> = w.cells.iter().map(|c| value(&c.value)).collect();
                assert_eq!(got, seed, "{name}: {} ({})", w.name, w.no);
            }
        }
    }
}

#[test]
fn every_row_of_page_1_of_every_grid_typesetting_is_the_seeds() {
    use zaitaku_parse::pages::summary_cells;
    let report = seed_report();
    // The seed's 15 rows (L10–L43's figures), each with its label as page 2 proved it.
    let want: Vec<String> = report
        .program
        .rows
        .iter()
        .map(|r| summary_key!(r))
        .collect();
    assert_eq!(want.len(), 15);
    for name in GRIDS {
        let pages = grid(name);
        let rows = summary_cells::read(&pages[0]).expect("page 1's table");
        let got: Vec<String> = rows.iter().map(|r| summary_key!(r)).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn every_row_of_page_2_of_every_grid_typesetting_is_the_seeds() {
    use zaitaku_parse::pages::question_cells;
    let report = seed_report();
    let parser = zaitaku_parse::Parser::new();
    let texts = truth("question_text");
    // The seed's 32 rows (its counts as resolved: three printed apart are
    // placed by n − 未実施等), オ②'s text from truth.csv.
    let want: Vec<String> = (report.questions.rows.iter())
        .map(|r| {
            let key = format!(
                "{}{}",
                r.item.katakana(),
                zaitaku_parse::layout::marker(r.question)
            );
            let text = r
                .question_text
                .clone()
                .or_else(|| texts.get(&key).cloned())
                .unwrap_or_default();
            question_key!(r, &text, r.count_yes)
        })
        .collect();
    assert_eq!(want.len(), 32);
    for name in GRIDS {
        let pages = grid(name);
        let rows = question_cells::read(parser.matchers(), &pages[1]).expect("page 2's table");
        let got: Vec<String> = (rows.iter())
            .map(|r| question_key!(r, &r.question_text, Some(r.count_yes)))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

/// A grid typesetting as a build reads it: by position, into a report.
fn grid_report(name: &str) -> zaitaku_parse::model::Report {
    let bytes = std::fs::read(root().join("tests/fixtures/pdf").join(name)).unwrap();
    let zaitaku_pipeline::input::PdfRead::Ruled(grid) =
        zaitaku_pipeline::input::pdf_text(&bytes).unwrap()
    else {
        panic!("{name}: not read by position");
    };
    zaitaku_parse::Parser::new()
        .parse_grid(&grid)
        .unwrap_or_else(|e| panic!("{name}: {:?}", &e.0[..e.0.len().min(5)]))
}

#[test]
fn a_build_of_each_grid_typesetting_decides_every_cell_the_text_cannot_as_placed_and_passes_every_check(
) {
    use zaitaku_parse::model::Resolution;
    let want = expected();
    let (targets, names, others) = window_truths();
    let seed = seed_report();
    // The kinds listing what a text cannot decide: none is left for a PDF.
    const UNDECIDED: [&str; 7] = [
        "assoc.summary",
        "assoc.unresolved",
        "assoc.forced",
        "win.targets",
        "win.name_unknown",
        "win.other_undecided",
        "win.unattributed",
    ];
    for name in GRIDS {
        let report = grid_report(name);
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let failed: Vec<String> = (validation.checks.iter())
            .filter(|c| !c.passed)
            .map(|c| format!("{}: {} / {}", c.subject, c.expected, c.found))
            .collect();
        assert!(failed.is_empty(), "{name}: {}", failed.join("\n"));
        assert_eq!(validation.checks.len(), 336, "{name}: checks run");
        let undecided: Vec<String> = (validation.ambiguities.iter())
            .filter(|a| UNDECIDED.contains(&a.kind().to_string().as_str()))
            .map(|a| format!("{}: {}", a.kind(), a.subject))
            .collect();
        assert!(undecided.is_empty(), "{name}: {undecided:?}");
        // Every association × year cell: the seed's where it decides, else truth.csv's.
        let mut got = BTreeMap::new();
        for (key, cell) in association_cells_of(&report) {
            assert_ne!(cell.resolution, Resolution::Unresolved, "{name} {key:?}");
            got.insert(key, cell.participated.expect("decided"));
        }
        assert_eq!(got, want, "{name}: association × year cells");
        // Where each cell is printed: a row's cells on one y, left to right.
        for t in &report.associations {
            for row in &t.printed.rows {
                let at: Vec<(u32, u32)> = row.cells_at.iter().map(|a| a.expect("placed")).collect();
                assert_eq!(at.len(), t.printed.years.len(), "{name} {}", row.name);
                assert!(
                    at.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 == w[1].1),
                    "{name} {}: {at:?}",
                    row.name
                );
            }
        }
        let placed = (report.windows.municipalities.iter())
            .flat_map(|m| &m.windows)
            .all(|w| w.targets_at.is_some());
        assert!(placed, "{name}: every window's target cells placed");
        // Every window: the seed's values, and truth.csv's where the seed has none.
        let windows = |r: &zaitaku_parse::model::Report| -> Vec<(String, usize)> {
            (r.windows.municipalities.iter())
                .flat_map(|m| (1..=m.windows.len()).map(move |k| (m.name.clone(), k)))
                .collect()
        };
        assert_eq!(
            windows(&report),
            windows(&seed),
            "{name}: windows per municipality"
        );
        for (m, s) in report
            .windows
            .municipalities
            .iter()
            .zip(&seed.windows.municipalities)
        {
            let code = zaitaku_parse::reference::code_of(&m.name).unwrap();
            for (k, (w, s)) in m.windows.iter().zip(&s.windows).enumerate() {
                let key = format!("{code}|{}", k + 1);
                let marks: Vec<Option<bool>> = (0..5).map(|c| w.target(c)).collect();
                let placed: Vec<Option<bool>> = match targets.get(&key) {
                    Some(bits) => bits.bytes().map(|b| Some(b == b'1')).collect(),
                    None => (0..5).map(|c| s.target(c)).collect(),
                };
                assert_eq!(marks, placed, "{name} {} window {}: targets", m.name, k + 1);
                let want_name = s.name.clone().or_else(|| names.get(&key).cloned());
                assert_eq!(
                    w.name.as_deref().map(squeeze),
                    want_name.as_deref().map(squeeze),
                    "{name} {key}"
                );
                let want_other = s.for_other.clone().or_else(|| others.get(&key).cloned());
                assert_eq!(
                    w.for_other.as_deref().map(squeeze),
                    want_other.as_deref().map(squeeze),
                    "{name} {key}"
                );
                // A phone kept whole (品川区's labelled numbers) wraps otherwise.
                let contact = |w: &zaitaku_parse::model::windows::Window| {
                    (
                        w.phone.as_deref().map(squeeze),
                        w.fax.clone(),
                        w.phone_extension.clone(),
                    )
                };
                assert_eq!(contact(w), contact(s), "{name} {key}");
            }
        }
    }
}

#[test]
fn each_extractors_text_of_a_grid_is_told_by_its_reading_and_the_seeds_texts_by_none() {
    use zaitaku_parse::reading::{reading_of, Reading::*};
    // (typesetting, reader) → the reading its committed texts are (every
    // pdfminer.six variant too), as each was seen.
    let expected = |variant: &str, reader: &str| match (variant, reader) {
        (_, "pdfplumber" | "pdftotext_layout" | "pypdf_layout") | ("grid_rows", "pdfium") => {
            RowPerLine
        }
        ("grid_rows", "pymupdf" | "pypdf") | (_, "pdftotext") => CellPerLine,
        _ => ColumnByColumn,
    };
    let mut read = 0;
    for variant in ["grid_rows", "grid_columns"] {
        let dir = root().join("tests/fixtures/grid").join(variant);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let reader = name.split('.').next().unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                reading_of(&text),
                Some(expected(variant, reader)),
                "{variant}/{name}"
            );
            // Read by its columns: the texts that keep them by spaces, only.
            assert_eq!(
                zaitaku_parse::spaced::is_spaced(&text),
                matches!(reader, "pdftotext_layout" | "pypdf_layout"),
                "{variant}/{name}"
            );
            read += 1;
        }
    }
    assert!(read >= 16, "{read} texts");
    // zaitaku's own reading of a ruled PDF.
    let grid = {
        let bytes = std::fs::read(root().join("tests/fixtures/pdf/grid_rows.pdf")).unwrap();
        let pages = zaitaku_pdf::read_layout(&bytes).unwrap();
        zaitaku_parse::grid::Grid::new(&pages).text().to_string()
    };
    assert_eq!(reading_of(&grid), Some(CellsApart));
    // The seed and every dialect and valid fixture: none of these.
    for dir in ["raw", "tests/fixtures/dialects", "tests/fixtures/valid"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert_eq!(reading_of(&text), None, "{}", path.display());
                assert!(
                    !zaitaku_parse::spaced::is_spaced(&text),
                    "{}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_municipality_cut_by_a_page_break_goes_on_under_its_head_on_the_page_before() {
    let bytes = std::fs::read(root().join("tests/fixtures/pdf/grid_rows.pdf")).unwrap();
    let mut pages = zaitaku_pdf::read_layout(&bytes).unwrap();
    // Page 8 opens with 品川区's windows under its number, name and count
    // printed again; a typesetting that prints them on page 7 only leaves
    // those merged cells empty on page 8.
    let page = &mut pages[7];
    let head = (page.cells.iter())
        .find(|c| c.text() == "品川区")
        .map(|c| (c.row, c.rowspan))
        .expect("品川区 on page 8");
    let mut emptied = 0;
    for c in page.cells.iter_mut() {
        if (c.row, c.rowspan) == head && ["9", "品川区", "21"].contains(&c.text().as_str()) {
            c.lines.clear();
            emptied += 1;
        }
    }
    assert_eq!(emptied, 4, "number, name (both sides) and count");
    let grid = zaitaku_parse::grid::Grid::new(&pages);
    let report = zaitaku_parse::Parser::new()
        .parse_grid(&grid)
        .unwrap_or_else(|e| panic!("{:?}", &e.0[..e.0.len().min(3)]));
    let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
    assert!(validation.checks.iter().all(|c| c.passed));
    let windows = |r: &zaitaku_parse::model::Report| {
        let m = (r.windows.municipalities.iter())
            .find(|m| m.name == "品川区")
            .unwrap();
        (m.windows.len(), m.count.map(|c| c.value))
    };
    assert_eq!(windows(&report), (21, Some(21)));
    assert_eq!(windows(&report), windows(&grid_report("grid_rows.pdf")));
    // Further down the page an empty municipality cell continues nothing:
    // 目黒区's cell emptied is an error at its place, not 品川区's windows.
    let page = &mut pages[7];
    let meguro = (page.cells.iter_mut())
        .find(|c| c.text() == "目黒区")
        .expect("目黒区 on page 8");
    meguro.lines.clear();
    let Err(errors) =
        zaitaku_parse::Parser::new().parse_grid(&zaitaku_parse::grid::Grid::new(&pages))
    else {
        panic!("an empty municipality cell mid-page read as a report");
    };
    assert!(
        errors
            .0
            .iter()
            .any(|e| e.expected.contains("「区市町村名」") && e.position.page == 8),
        "{:?}",
        &errors.0[..errors.0.len().min(3)]
    );
}

/// A text that keeps the grid's columns by spaces (`pdftotext -layout` and
/// pypdf's layout mode of both committed typesettings) is read as the grid
/// it prints: every check passes, every association × year cell is decided
/// as the seed or truth.csv has it, and every window value it decides is
/// the seed's, or truth.csv's where the seed has none; what its columns
/// cannot tell (a mark pushed out of its column, a merged name printed
/// once, a merged その他 printed once) is left to the count, taken from
/// above, or left null, each flagged.
#[test]
fn a_text_that_keeps_the_grids_columns_by_spaces_is_read_as_its_grid() {
    use zaitaku_parse::model::windows::NameSource;
    let want = expected();
    let (targets, names, others) = window_truths();
    let seed = seed_report();
    let parser = zaitaku_parse::Parser::new();
    for (variant, reader) in [
        ("grid_rows", "pdftotext_layout"),
        ("grid_columns", "pdftotext_layout"),
        ("grid_rows", "pypdf_layout"),
        ("grid_columns", "pypdf_layout"),
    ] {
        let variant = &format!("{variant}/{reader}");
        let path = root().join(format!("tests/fixtures/grid/{variant}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let grid = zaitaku_parse::grid::Grid::spaced(parser.matchers(), &text)
            .unwrap_or_else(|| panic!("{variant}: not read as spaced"));
        assert_eq!(grid.text(), text, "{variant}: spans point into the input");
        let report = (parser.parse_grid(&grid))
            .unwrap_or_else(|e| panic!("{variant}: {:?}", &e.0[..e.0.len().min(5)]));
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let failed: Vec<String> = (validation.checks.iter())
            .filter(|c| !c.passed)
            .map(|c| format!("{}: {} / {}", c.subject, c.expected, c.found))
            .collect();
        assert!(failed.is_empty(), "{variant}: {}", failed.join("\n"));
        assert_eq!(validation.checks.len(), 336, "{variant}: checks run");
        let mut got = BTreeMap::new();
        for (key, cell) in association_cells_of(&report) {
            got.insert(key, cell.participated.expect("decided by its column"));
        }
        assert_eq!(got, want, "{variant}: association × year cells");
        let (mut by_position, mut above, mut undecided_other) = (0, 0, 0);
        for (m, s) in (report.windows.municipalities.iter()).zip(&seed.windows.municipalities) {
            assert_eq!(m.windows.len(), s.windows.len(), "{variant} {}", m.name);
            let code = zaitaku_parse::reference::code_of(&m.name).unwrap();
            for (k, (w, s)) in m.windows.iter().zip(&s.windows).enumerate() {
                let key = format!("{code}|{}", k + 1);
                by_position += usize::from(w.targets_by_position.is_some());
                for c in 0..5 {
                    let placed = match targets.get(&key) {
                        Some(bits) => bits.as_bytes().get(c).map(|b| *b == b'1'),
                        None => s.target(c),
                    };
                    if let Some(v) = w.target(c) {
                        assert_eq!(Some(v), placed, "{variant} {key} target {c}");
                    }
                }
                let want_name = s.name.clone().or_else(|| names.get(&key).cloned());
                assert_eq!(
                    w.name.as_deref().map(squeeze),
                    want_name.as_deref().map(squeeze),
                    "{variant} {key}"
                );
                if w.name_source == NameSource::Above {
                    above += 1;
                    assert!(w.name_inferred(), "{variant} {key}: listed as inferred");
                }
                // その他: as the seed or truth.csv has it, or null and listed
                // where a merged cell's text is printed on a row above only.
                let want_other = s.for_other.clone().or_else(|| others.get(&key).cloned());
                if w.other_undecided {
                    undecided_other += 1;
                    assert_eq!(w.for_other, None, "{variant} {key}");
                    assert!(want_other.is_some(), "{variant} {key}: merged in truth.csv");
                } else {
                    assert_eq!(
                        w.for_other.as_deref().map(squeeze),
                        want_other.as_deref().map(squeeze),
                        "{variant} {key}: その他"
                    );
                }
            }
        }
        // Most windows' marks sit in their columns; a merged name prints once.
        assert!(
            by_position > 50,
            "{variant}: {by_position} windows by position"
        );
        assert!(above > 0, "{variant}: names taken from above");
        assert!(
            undecided_other > 0,
            "{variant}: その他 cells listed undecided"
        );
    }
}
