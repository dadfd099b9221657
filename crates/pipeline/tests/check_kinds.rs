//! Every kind of check can fail. For each kind the validate crate lists
//! (`CHECK_KINDS`), an edit of the seed (a line of the raw text changed,
//! inserted or removed; where no text can make the check fail, the parsed
//! model edited; for a pin, an overrides file) makes that check fail, with
//! its subject and the published figure in the failure's line of the
//! validation report, and makes exactly the listed checks fail, no others.
//!
//! Every figure below is the raw text's (`raw/000_1fb60f2a74870bbb.txt`,
//! lines counted from 1): each edit states the line and the text it
//! replaces, and the test refuses an edit whose old text is not on its line.
//! A kind recorded by a check but missing from `CHECK_KINDS`, or listed there
//! without a case here, fails the test.

use std::collections::BTreeSet;
use zaitaku_parse::model::Report;
use zaitaku_pipeline::editions::{process, Outcome};
use zaitaku_pipeline::input::{Input, ReadAs};
use zaitaku_pipeline::Pins;
use zaitaku_validate::report::{Id, AMBIGUITY_KINDS, CHECK_KINDS};
use zaitaku_validate::ValidationReport;

const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

const UTF8: ReadAs = ReadAs::Text {
    encoding: "UTF-8",
    bom: false,
};

static PARSER: std::sync::LazyLock<zaitaku_parse::Parser> =
    std::sync::LazyLock::new(zaitaku_parse::Parser::new);

/// How a case changes the seed.
enum Edit {
    /// On line `.0`, the text `.1` replaced by `.2` (each pair in turn).
    Replace(&'static [(usize, &'static str, &'static str)]),
    /// The lines `.1` put before line `.0`.
    Insert(usize, &'static [&'static str]),
    /// Lines `.0..=.1` removed; line `.0` starts with `.2`.
    Drop(usize, usize, &'static str),
    /// The parsed model changed (no text can make the check fail: it guards
    /// the resolve stage), with what was done.
    Model(fn(&mut Report), &'static str),
    /// The seed as it is, with this overrides file.
    Overrides(&'static str),
}

/// Which checks must fail: exactly these ids, or (where an edit touches
/// every figure of a page) exactly these kinds.
enum Fails {
    Ids(&'static [&'static str]),
    Kinds(&'static [&'static str]),
}

struct Case {
    edit: Edit,
    /// Checks the case proves able to fail: the id, and what its line of
    /// the validation report must say (the subject, the published figure
    /// and where it is printed).
    proves: &'static [(&'static str, &'static [&'static str])],
    fails: Fails,
}

const CASES: &[Case] = &[
    // L12 「51 96.2% 45 84.9% 11.3%」: ア②'s page-1 figures.
    Case {
        edit: Edit::Replace(&[(12, "51 96.2%", "51 96.3%")]),
        proves: &[
            ("p1.a.q2.pct_current", &["ア② FY2017 share of 51 (n=53): published 96.3% (page 1, line 12), reconstructed 96.2%"]),
            ("x.a.q2.pct", &["ア② FY-current share of", "published 96.3% (page 1, line 12 and page 2, line 111), reconstructed 96.2%"]),
        ],
        fails: Fails::Ids(&["p1.a.q2.pct_current", "x.a.q2.pct"]),
    },
    Case {
        edit: Edit::Replace(&[(12, "45 84.9%", "45 85.0%")]),
        proves: &[("p1.a.q2.pct_previous", &["ア② FY2016 share of 45 (n=53): published 85.0% (page 1, line 12), reconstructed 84.9%"])],
        fails: Fails::Ids(&["p1.a.q2.pct_previous"]),
    },
    Case {
        edit: Edit::Replace(&[(12, "11.3%", "11.4%")]),
        proves: &[("p1.a.q2.change", &["ア② change (51 − 45) (n=53): published 11.4% (page 1, line 12), reconstructed 11.3%"])],
        fails: Fails::Ids(&["p1.a.q2.change"]),
    },
    // L111 「② 96.2% 2 3.8%」: ア②'s page-2 figures; its count 51 is on L191.
    Case {
        edit: Edit::Replace(&[(111, "② 96.2%", "② 96.3%")]),
        proves: &[("p2.a.q2.pct_yes", &["ア② 実施・予定 share of 51 (n=53): published 96.3% (page 2, line 111), reconstructed 96.2%"])],
        fails: Fails::Ids(&["p2.a.q2.pct_yes", "x.a.q2.pct"]),
    },
    // L115 「毎年、実施している 25 47.2%」: an option of ア④.
    Case {
        edit: Edit::Replace(&[(115, "25 47.2%", "25 47.3%")]),
        proves: &[("p2.a.q4.opt1.pct_yes", &["ア④ 「毎年、実施している」 実施・予定 share of 25 (n=53): published 47.3% (page 2, line 115), reconstructed 47.2%"])],
        fails: Fails::Ids(&["p2.a.q4.opt1.pct_yes"]),
    },
    Case {
        edit: Edit::Replace(&[(111, "2 3.8%", "2 3.9%")]),
        proves: &[("p2.a.q2.pct_no", &["ア② 未実施等 share of 2 (n=53): published 3.9% (page 2, line 111), reconstructed 3.8%"])],
        fails: Fails::Ids(&["p2.a.q2.pct_no"]),
    },
    // 未実施等 3 with its share 5.7%: the share holds, the sum and page 3 do not.
    Case {
        edit: Edit::Replace(&[(111, "② 96.2% 2 3.8%", "② 96.2% 3 5.7%")]),
        proves: &[
            ("p2.a.q2.yes_plus_no", &["ア② 実施・予定 51 + 未実施等 3 = n (n=53): published 53 (page 2, line 191), reconstructed 54"]),
            ("mun.a.q2.no", &["ア②: rows with any other mark on page 3 = 未実施等 on page 2: published 3 (page 2, line 111), reconstructed 2"]),
        ],
        fails: Fails::Ids(&["p2.a.q2.yes_plus_no", "mun.a.q2.no"]),
    },
    // A count no question takes, on a line of its own within page 2.
    Case {
        edit: Edit::Insert(210, &["77"]),
        proves: &[("p2.counts_placed", &["every count printed on page 2 belongs to a question: published none left over, reconstructed left over: 77 (page 2, line 210)"])],
        fails: Fails::Ids(&["p2.counts_placed"]),
    },
    // L191 「していますか。 51」: ア②'s count after its question text.
    Case {
        edit: Edit::Replace(&[(191, "51", "52")]),
        proves: &[
            ("x.a.q2.count", &["ア② FY-current count of", "published 51 (page 1, line 12 and page 2, line 111), reconstructed 52"]),
            ("mun.a.q2.yes", &["ア②: rows marked ◎ or ○ on page 3 = 実施・予定 on page 2: published 52 (page 2, line 191), reconstructed 51"]),
        ],
        fails: Fails::Ids(&["p2.a.q2.pct_yes", "p2.a.q2.yes_plus_no", "x.a.q2.count", "mun.a.q2.yes"]),
    },
    // L90 「集計状況（ｎ＝５３）」: page 1's n; every page-1 share is of it.
    Case {
        edit: Edit::Replace(&[(90, "ｎ＝５３", "ｎ＝５２")]),
        proves: &[("x.n", &["n on page 1 = n on page 2: published 52 (page 1, line 90 and page 2, line 213), reconstructed 53"])],
        fails: Fails::Kinds(&["p1.pct_current", "p1.pct_previous", "p1.change", "x.n"]),
    },
    // L288: 千代田区's row of page 3 chooses ICT for エ② (page 2, L134–L135: 24 and 33).
    Case {
        edit: Edit::Replace(&[(288, "ICTを活用した情報共有ツール", "紙媒体の情報共有ツール")]),
        proves: &[
            ("mun.e.q2.opt1.chosen", &["エ② 「紙媒体の情報共有ツール」: rows choosing it on page 3 = its count on page 2: published 24 (page 2, line 134), reconstructed 25"]),
            ("mun.e.q2.opt2.chosen", &["published 33 (page 2, line 135), reconstructed 32"]),
        ],
        fails: Fails::Ids(&["mun.e.q2.opt1.chosen", "mun.e.q2.opt2.chosen"]),
    },
    // L26 「51 96.2% 47 88.7% 7.5%」: カ（いずれかを実施）, changed consistently.
    Case {
        edit: Edit::Replace(&[(26, "51 96.2% 47 88.7% 7.5%", "50 94.3% 47 88.7% 5.7%")]),
        proves: &[("mun.ka.any.count", &["カ（いずれかを実施）: municipalities with ◎ or ○ in any of カ①②③ on page 4 = FY2017 count on page 1: published 50 (page 1, line 26), reconstructed 51"])],
        fails: Fails::Ids(&["mun.ka.any.count"]),
    },
    // L288 「1 千代田区 … 千代田区」: the row numbered 2.
    Case {
        edit: Edit::Replace(&[(288, "1 千代田区", "2 千代田区")]),
        proves: &[("mun.a-e.numbers", &["numbers of the rows of page 3: published 1–53 in order, reconstructed row 1 (千代田区, page 3, line 288) is numbered 2"])],
        fails: Fails::Ids(&["mun.a-e.numbers"]),
    },
    // The same row given to 大島町, an island the survey leaves out.
    Case {
        edit: Edit::Replace(&[(288, "1 千代田区", "1 大島町"), (288, "ツール 千代田区", "ツール 大島町")]),
        proves: &[("mun.a-e.rows", &["rows of page 3: published the 53 municipalities of the reference list without the islands, in its order, each once", "reconstructed missing 千代田区; not expected 大島町"])],
        fails: Fails::Ids(&["mun.a-e.rows"]),
    },
    // L290–L291: 中央区's row of page 3 and the blank line after it removed.
    Case {
        edit: Edit::Drop(290, 291, "2 中央区"),
        proves: &[("mun.a-e.n", &["rows of page 3 = n of page 2: published 53 (page 2, line 213), reconstructed 52"])],
        fails: Fails::Ids(&[
            "mun.a-e.rows", "mun.a-e.numbers", "mun.a-e.n", "mun.a.q1.yes", "mun.a.q2.yes",
            "mun.a.q3.yes", "mun.a.q4.opt1.chosen", "mun.i.q1.yes", "mun.u.q1.yes",
            "mun.u.q2.yes", "mun.u.q3.opt2.chosen", "mun.u.q3.opt3.chosen", "mun.e.q1.yes",
            "mun.e.q2.opt1.chosen",
        ]),
    },
    // L508 「1 千代田区 ◎ 地域包括支援センターで対応」: オ① ○ though it has windows.
    Case {
        edit: Edit::Replace(&[(508, "1 千代田区 ◎", "1 千代田区 ○")]),
        proves: &[("win.01.o1", &["千代田区 (1): オ① on page 4 agrees with pages 7–11 (3 window(s)): published planned_this_year (page 4, line 508), reconstructed implemented"])],
        fails: Fails::Ids(&["win.01.o1"]),
    },
    // L1603 「江戸川区 23」: one window more than printed.
    Case {
        edit: Edit::Replace(&[(1603, "江戸川区 23", "江戸川区 24")]),
        proves: &[
            ("win.21-23.count", &["江戸川区 (23) 24 at page 9, line 1603", "published 27, reconstructed 26"]),
            ("win.total", &["windows parsed on pages 7–11 = the sum of the printed 設置箇所数: published 123, reconstructed 122"]),
        ],
        fails: Fails::Ids(&["win.21-23.count", "win.total"]),
    },
    // L919 「3 港区 平成29年９月開設予定 港区」.
    Case {
        edit: Edit::Replace(&[(919, "3 港区", "4 港区")]),
        proves: &[("win.numbers", &["municipality numbers on pages 7–11: published every municipality numbered 1–62", "港区 printed as 4 (page 7, line 919)"])],
        fails: Fails::Ids(&["win.numbers"]),
    },
    // A window after 小笠原村's (L1917–L1921), the last municipality.
    Case {
        edit: Edit::Insert(1922, &[
            "高齢者あんしんセンター麹町 高齢者あんしんセンター麹町 03-3265-6141 03-3265-6138",
            "月～土（1月1日～3日を除く）",
            "午前9時～午後6時",
            "",
            "○ ○ ○ ○ 介護事業者等",
        ]),
        proves: &[("win.placed", &["every window printed is placed in a municipality by the printed counts: published none left over, reconstructed 1 left over: page 11, line 1922"])],
        fails: Fails::Ids(&["win.total", "win.placed"]),
    },
    // L757 「… 15 12 5 9 10 3」: page 5's totals.
    Case {
        edit: Edit::Replace(&[(757, "15 12 5 9 10 3", "15 12 5 9 10 4")]),
        proves: &[("assoc.round_the_clock_care.marks_total", &["在宅医等相互支援体制構築事業 (page 5): marks in total = sum of the per-year totals: published 55 (page 5, line 757), reconstructed 54"])],
        fails: Fails::Ids(&["assoc.round_the_clock_care.marks_total", "assoc.round_the_clock_care.fits"]),
    },
    // L843 「計　※3 24 45 49 48」: page 6's totals.
    Case {
        edit: Edit::Replace(&[(843, "24 45 49 48", "24 45 49 49")]),
        proves: &[("assoc.multidisciplinary_network.marks_total", &["在宅療養推進基盤整備事業 (page 6): marks in total = sum of the per-year totals: published 167 (page 6, line 843), reconstructed 166"])],
        fails: Fails::Ids(&["assoc.multidisciplinary_network.marks_total", "assoc.multidisciplinary_network.fits"]),
    },
    // L738 「田園調布 〇 立川市 〇」: 田園調布's only page-5 mark lost.
    Case {
        edit: Edit::Replace(&[(738, "田園調布 〇", "田園調布")]),
        proves: &[("assoc.round_the_clock_care.participants", &["associations with at least one mark = the printed count: published 35 (page 5, line 759), reconstructed 34"])],
        fails: Fails::Ids(&[
            "assoc.round_the_clock_care.marks_total",
            "assoc.round_the_clock_care.participants",
            "assoc.round_the_clock_care.fits",
        ]),
    },
    // L776 「千代田区 〇 〇 〇 〇 西多摩 …」: five marks under four years.
    Case {
        edit: Edit::Replace(&[(776, "千代田区 〇 〇 〇 〇", "千代田区 〇 〇 〇 〇 〇")]),
        proves: &[("assoc.multidisciplinary_network.row_marks", &["no row has more marks than year columns: published at most 4 marks per row (one per year column) (page 6, line 845), reconstructed 千代田区 has 5 (page 6, line 776)"])],
        fails: Fails::Ids(&[
            "assoc.multidisciplinary_network.marks_total",
            "assoc.multidisciplinary_network.row_marks",
            "assoc.multidisciplinary_network.fits",
        ]),
    },
    // L782 「日本橋 〇 〇 〇 〇 （あきる野市）」: printed as 神田, listed on L778.
    Case {
        edit: Edit::Replace(&[(782, "日本橋", "神田")]),
        proves: &[("assoc.multidisciplinary_network.names_unique", &["every association is listed once: published each once, reconstructed more than once: 神田"])],
        fails: Fails::Ids(&["assoc.multidisciplinary_network.names_unique"]),
    },
    // Page 6's rows hold 51, 49, 43 and 23 rows with at least 1, 2, 3, 4
    // marks: 51 + 50 in two years exceeds 51 + 49, though each year alone fits
    // (23 ≤ a total ≤ 51) and the sum stays 166.
    Case {
        edit: Edit::Replace(&[(843, "24 45 49 48", "23 42 50 51")]),
        proves: &[("assoc.multidisciplinary_network.fits", &["a table of 0/1 cells fits every row's marks, every year's total and every pin (Gale–Ryser): published fits (page 6, line 843), reconstructed no table fits"])],
        fails: Fails::Ids(&["assoc.multidisciplinary_network.fits"]),
    },
    // FY2014's total 22 under the 23 rows marked in every year.
    Case {
        edit: Edit::Replace(&[(843, "24 45 49 48", "22 47 49 48")]),
        proves: &[("assoc.multidisciplinary_network.fy2014.decided", &["FY2014: cells decided as taking part (23) ≤ the total", "published within total 22 (page 6, line 843), reconstructed 23 taking part"])],
        fails: Fails::Ids(&["assoc.multidisciplinary_network.fits", "assoc.multidisciplinary_network.fy2014.decided"]),
    },
    // The resolve stage always gives a row a cell per year; a row one short
    // is what this check guards against.
    Case {
        edit: Edit::Model(
            |r| {
                let table = r.associations.last_mut().expect("page 6");
                table.cells.first_mut().expect("a row").pop();
            },
            "page 6's first row given one cell fewer than its years",
        ),
        proves: &[("assoc.multidisciplinary_network.cells", &["every association × year cell is decided by one rule or unresolved", "published 71 associations × 4 years = 284, reconstructed 71 associations × 4 years = 283"])],
        fails: Fails::Ids(&["assoc.multidisciplinary_network.cells"]),
    },
    // 神田 prints no mark on page 5 (L702 「神田 （福生市）」).
    Case {
        edit: Edit::Overrides("edition,program,association,fiscal_year,participated,reason\n2017-07-31,round_the_clock_care,神田,2012,true,\n"),
        proves: &[("assoc.round_the_clock_care.神田.fy2012.override", &["override overrides.csv:2 (round_the_clock_care): 神田 FY2012 participated = true, against 神田's 0 mark(s) and the totals: published fits (page 5, line 702 and page 5, line 757), reconstructed no table fits"])],
        fails: Fails::Kinds(&["assoc.override", "assoc.fits"]),
    },
];

/// The seed with `edit`'s text changes (model and override edits: the seed).
fn text_of(edit: &Edit) -> String {
    let mut lines: Vec<String> = SEED.split('\n').map(str::to_string).collect();
    match edit {
        Edit::Replace(changes) => {
            for (line, old, new) in *changes {
                let l = &mut lines[line - 1];
                assert!(l.contains(old), "L{line} does not print «{old}»: «{l}»");
                *l = l.replacen(old, new, 1);
            }
        }
        Edit::Insert(before, new) => {
            for (k, l) in new.iter().enumerate() {
                lines.insert(before - 1 + k, l.to_string());
            }
        }
        Edit::Drop(first, last, starts) => {
            assert!(
                lines[first - 1].starts_with(starts),
                "L{first}: «{}»",
                lines[first - 1]
            );
            lines.drain(first - 1..*last);
        }
        Edit::Model(..) | Edit::Overrides(_) => {}
    }
    lines.join("\n")
}

/// What `edit` does, for a message.
fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Replace(changes) => (changes.iter())
            .map(|(line, old, new)| format!("L{line}: «{old}» → «{new}»"))
            .collect::<Vec<_>>()
            .join("; "),
        Edit::Insert(before, lines) => format!("{} line(s) put before L{before}", lines.len()),
        Edit::Drop(first, last, _) => format!("L{first}–L{last} removed"),
        Edit::Model(_, what) => what.to_string(),
        Edit::Overrides(csv) => format!("overrides {csv:?}"),
    }
}

/// The validation of a case.
fn validate(edit: &Edit) -> ValidationReport {
    let input = Input::from_text(&PARSER, "input.txt".into(), text_of(edit), UTF8);
    let pins = match edit {
        Edit::Overrides(csv) => {
            let editions: Vec<_> = input.edition().map(|e| e.as_of).into_iter().collect();
            Some(Pins::parse("overrides.csv".into(), csv.to_string(), &editions).unwrap())
        }
        _ => None,
    };
    match process(&PARSER, &input, pins.as_ref()).outcome {
        Outcome::Validated(v) => match edit {
            Edit::Model(change, _) => {
                let mut report = v.report;
                change(&mut report);
                zaitaku_validate::validate(std::slice::from_ref(&report))
            }
            _ => v.validation,
        },
        Outcome::NotParsed(errors) => panic!("does not parse: {:?}", errors.first()),
        Outcome::PinsRejected { errors, .. } => panic!("pins rejected: {:?}", errors.first()),
    }
}

#[test]
fn every_check_kind_recorded_is_listed_and_the_seed_passes_every_check() {
    let seed = validate(&Edit::Replace(&[]));
    assert!(seed.passed(), "the seed passes");
    let listed: BTreeSet<String> = CHECK_KINDS.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(listed.len(), CHECK_KINDS.len(), "each kind listed once");
    let recorded: BTreeSet<String> = seed
        .checks
        .iter()
        .map(|c| c.id.kind().to_string())
        .collect();
    let unlisted: Vec<&String> = recorded.iter().filter(|k| !listed.contains(*k)).collect();
    assert!(
        unlisted.is_empty(),
        "kinds recorded but not in CHECK_KINDS: {unlisted:?}"
    );
}

#[test]
fn every_check_kind_fails_on_an_edit_naming_its_subject_and_figure() {
    let mut proved: BTreeSet<String> = BTreeSet::new();
    let mut problems = Vec::new();
    for case in CASES {
        let k = describe(&case.edit);
        let report = validate(&case.edit);
        let markdown = zaitaku_export::validation::summary_markdown(&report.summary());
        let failed: Vec<&Id> = report.failures().map(|c| &c.id).collect();
        let failed_ids: BTreeSet<String> = failed.iter().map(|id| id.to_string()).collect();
        // Every kind recorded, under any edit, is listed.
        for c in &report.checks {
            if !CHECK_KINDS.iter().any(|(kind, _)| *kind == c.id.kind()) {
                problems.push(format!(
                    "{k}: kind {} of {} is not in CHECK_KINDS",
                    c.id.kind(),
                    c.id
                ));
            }
        }
        match &case.fails {
            Fails::Ids(ids) => {
                let want: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
                if want != failed_ids {
                    problems.push(format!("{k}: failed {failed_ids:?}, expected {want:?}"));
                }
            }
            Fails::Kinds(kinds) => {
                let want: BTreeSet<String> = kinds.iter().map(|s| s.to_string()).collect();
                let got: BTreeSet<String> = failed.iter().map(|id| id.kind().to_string()).collect();
                if want != got {
                    problems.push(format!("{k}: failed kinds {got:?}, expected {want:?}"));
                }
            }
        }
        for (id, says) in case.proves {
            let prefix = format!("- FAIL {id} ");
            match markdown.lines().find(|l| l.starts_with(&prefix)) {
                None => problems.push(format!("{k}: {id} did not fail")),
                Some(line) => {
                    for s in *says {
                        if !line.contains(s) {
                            problems.push(format!("{k}: {id}'s line lacks «{s}»: {line}"));
                        }
                    }
                    proved.extend(
                        failed
                            .iter()
                            .filter(|f| f.to_string() == *id)
                            .map(|f| f.kind().to_string()),
                    );
                }
            }
        }
    }
    let unproved: Vec<String> = CHECK_KINDS
        .iter()
        .map(|(kind, _)| kind.to_string())
        .filter(|kind| !proved.contains(kind))
        .collect();
    if !unproved.is_empty() {
        problems.push(format!("kinds no case makes fail: {unproved:?}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every ambiguity kind the seed, each case above and every fixture text
/// records is in `AMBIGUITY_KINDS` (the `ambiguities.kind` Enum's
/// vocabulary: a kind outside it would refuse the table), and the legend's
/// kinds are one per status of the layout.
#[test]
fn every_ambiguity_kind_recorded_is_listed() {
    let mut recorded: BTreeSet<String> = BTreeSet::new();
    let mut reports: Vec<ValidationReport> = CASES.iter().map(|c| validate(&c.edit)).collect();
    reports.push(validate(&Edit::Replace(&[])));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    for dir in ["valid", "invalid", "dialects", "diff", "cli"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if let Ok(report) = PARSER.parse(&text) {
                reports.push(zaitaku_validate::validate(std::slice::from_ref(&report)));
            }
        }
    }
    for r in &reports {
        recorded.extend(r.ambiguities.iter().map(|a| a.kind().to_string()));
    }
    let unlisted: Vec<&String> = recorded
        .iter()
        .filter(|k| !AMBIGUITY_KINDS.iter().any(|a| a.to_string() == **k))
        .collect();
    assert!(
        unlisted.is_empty(),
        "ambiguity kinds recorded but not listed: {unlisted:?}"
    );
    // The seed's own: 3 counts printed apart (L209, L247, L249), オ②'s text,
    // both association tables' summaries, undecided rows, members and
    // shadings, the windows' targets, names, 品川区's contact cells, 中央区's
    // count alone and the 5 leftover cells.
    let seed = validate(&Edit::Replace(&[]));
    let kinds: BTreeSet<String> = seed
        .ambiguities
        .iter()
        .map(|a| a.kind().to_string())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "assoc.member",
            "assoc.shading",
            "assoc.summary",
            "assoc.unresolved",
            "p2.count_yes",
            "p2.question_text",
            "win.contact",
            "win.count_alone",
            "win.name_inferred",
            "win.name_unknown",
            "win.targets",
            "win.unattributed"
        ]
    );
    for status in zaitaku_parse::layout::Mark::IDS {
        assert!(
            AMBIGUITY_KINDS
                .iter()
                .any(|k| k.to_string() == format!("mun.{status}")),
            "mun.{status}"
        );
    }
}
