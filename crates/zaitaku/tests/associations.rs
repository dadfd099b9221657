//! Pages 5–6 (medical associations by fiscal year): totals against marks,
//! the printed count, and the overrides file (a pin shows as `override`, a
//! contradicting pin fails naming it, an unknown name is an input error).
//! Each case is a copy of the seed or an overrides file; comments quote the raw lines.

mod harness;
use harness::{seed, seed_with, Run, Workdir};

const HEADER: &str = "edition,program,association,fiscal_year,participated,reason\n";

/// Builds the seed into output/, then again with `overrides`.
fn build_with_overrides(overrides: &str) -> (Workdir, Run, Vec<(String, Vec<u8>)>) {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    wd.write("overrides.csv", overrides);
    let run = wd.run(&[
        "build",
        "--out",
        "output",
        "--overrides",
        "overrides.csv",
        "seed.txt",
    ]);
    (wd, run, before)
}

fn csv_line(wd: &Workdir, file: &str, starts: &str) -> Vec<String> {
    let bytes = wd
        .files("output")
        .into_iter()
        .find(|(n, _)| n == file)
        .map(|(_, b)| b)
        .unwrap_or_default();
    String::from_utf8(bytes)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(starts))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pin_on_an_unresolved_cell_shows_as_override_and_decides_the_row() {
    // L700 「千代田区 〇 西多摩 〇」: one mark over FY2012–FY2017 on page 5. Pinning
    // FY2017 leaves no room for another year.
    let (wd, run, _) = build_with_overrides(&format!(
        "{HEADER}2017-07-31,round_the_clock_care,千代田区,2017,true,test pin\n"
    ));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_line(
        &wd,
        "association_program_years.csv",
        "2017-07-31,round_the_clock_care,千代田区,",
    );
    assert_eq!(
        rows,
        [
            "2017-07-31,round_the_clock_care,千代田区,2012,false,forced_by_totals",
            "2017-07-31,round_the_clock_care,千代田区,2013,false,forced_by_totals",
            "2017-07-31,round_the_clock_care,千代田区,2014,false,forced_by_totals",
            "2017-07-31,round_the_clock_care,千代田区,2015,false,forced_by_totals",
            "2017-07-31,round_the_clock_care,千代田区,2016,false,forced_by_totals",
            "2017-07-31,round_the_clock_care,千代田区,2017,true,override",
        ]
    );
}

#[test]
fn a_pin_contradicting_the_marks_fails_naming_it_and_leaves_output_alone() {
    // L702 「神田 （福生市）」: 神田 has no mark on page 5; pinning FY2012 to true contradicts it.
    let (wd, run, before) = build_with_overrides(&format!(
        "{HEADER}2017-07-31,round_the_clock_care,神田,2012,true,\n"
    ));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("FAIL assoc.round_the_clock_care.override.神田.fy2012 [2017-07-31] override overrides.csv:2 (round_the_clock_care): 神田 FY2012 participated = true, against 神田's 0 mark(s) and the totals"),
        "{}",
        run.stderr
    );
    assert_eq!(wd.files("output"), before, "output/ was touched");
    snapshot!("contradicting_override", run.stderr);
}

#[test]
fn an_override_naming_an_unknown_association_or_year_is_an_input_error() {
    let (wd, run, before) = build_with_overrides(&format!(
        "{HEADER}2017-07-31,round_the_clock_care,千代田,2012,true,\n2017-07-31,multidisciplinary_network,千代田区,2012,true,\n"
    ));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[overrides]: expected an association of round_the_clock_care in 2017-07-31\n --> overrides.csv:2:33"),
        "{}",
        run.stderr
    );
    // Page 6's columns are 26–29 (L845 「26 27 28 29医師会名 …」): FY2014–FY2017.
    assert!(
        run.stderr.contains("error[overrides]: expected a fiscal year of multidisciplinary_network (2014, 2015, 2016, 2017)\n --> overrides.csv:3:43"),
        "{}",
        run.stderr
    );
    assert_eq!(wd.files("output"), before);
    snapshot!("unknown_override", run.stderr);
}

#[test]
fn a_changed_total_fails_the_marks_total() {
    // L757 「… 15 12 5 9 10 3」: FY2017's 3 → 4.
    let wd = Workdir::new();
    wd.write("input.txt", seed_with(757, "10 3", "10 4"));
    let run = wd.run(&["check", "input.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("FAIL assoc.round_the_clock_care.marks_total [2017-07-31] 在宅医等相互支援体制構築事業 (page 5): marks in total = sum of the per-year totals: published 55 (page 5, line 757), reconstructed 54"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lost_mark_fails_the_printed_count_of_associations() {
    // L738 「田園調布 〇 立川市 〇」: 田園調布's only mark lost: 34 associations, not 35.
    let wd = Workdir::new();
    wd.write("input.txt", seed_with(738, "田園調布 〇 ", "田園調布 "));
    let run = wd.run(&["check", "input.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("FAIL assoc.round_the_clock_care.participants [2017-07-31] 在宅医等相互支援体制構築事業 (page 5): associations with at least one mark = the printed count: published 35 (page 5, line 759), reconstructed 34"),
        "{}",
        run.stderr
    );
}

/// The `association_program_years` rows of round_the_clock_care (page 5).
fn page5_years(text: &str) -> Vec<String> {
    let wd = Workdir::new();
    wd.write("input.txt", text);
    let run = wd.run(&["show", "association_program_years", "input.txt", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .filter(|l| l.contains(",round_the_clock_care,"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_first_time_only_footnote_decides_fy2017_for_rows_with_earlier_marks() {
    // L761 「2829 ※1 24 25 26 27医師会名 29 ※1」 marks FY2017 (29) with ※1, and
    // L756 prints 「※1 H29年度は未実施地区を対象として実施」: in FY2017 the program
    // went only to districts new to it. A row with two marks (日本橋, L704
    // 「日本橋 〇 〇 （あきる野市）」) had one before FY2017, so not FY2017.
    let rows = page5_years(&seed());
    let footnote: Vec<&String> = rows
        .iter()
        .filter(|l| l.ends_with(",false,footnote"))
        .collect();
    assert_eq!(footnote.len(), 19, "the 19 rows of page 5 with two marks");
    assert!(footnote.iter().all(|l| l.contains(",2017,")));
    assert!(
        rows.contains(&"2017-07-31,round_the_clock_care,日本橋,2017,false,footnote".to_string())
    );
    // A one-mark row (中央区, L703 「中央区 〇 （青梅市）」) may have been new in FY2017.
    assert!(rows.contains(&"2017-07-31,round_the_clock_care,中央区,2017,,unresolved".to_string()));
}

#[test]
fn without_the_footnote_mark_the_cells_decide_as_before() {
    // The header without its ※1 marks: no column is marked, so every cell the
    // footnote decided is unresolved again, and nothing else changes.
    let with = page5_years(&seed());
    let without = page5_years(&seed_with(
        761,
        "2829 ※1 24 25 26 27医師会名 29 ※1",
        "2829 24 25 26 27医師会名 29",
    ));
    assert_eq!(with.len(), without.len());
    let changed: Vec<(&String, &String)> =
        with.iter().zip(&without).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 19);
    for (a, b) in changed {
        assert_eq!(a.replace(",false,footnote", ",,unresolved"), *b);
    }
}
