//! Pages 7–11 (consultation windows): one test per quirk, each quoting the
//! raw lines it comes from, and the failure a removed window gives.

mod harness;
use harness::{seed, Run, Workdir};

fn show(text: &str, table: &str) -> Run {
    let wd = Workdir::new();
    wd.write("input.txt", text);
    wd.run(&["show", table, "input.txt", "--csv"])
}

/// The CSV row of `table` for window `no` of municipality `name`.
fn window(name: &str, no: u32) -> String {
    let run = show(&seed(), "consultation_windows");
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .find(|l| l.contains(&format!(",{name},{no},")))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn full_width_digit_in_a_phone_becomes_ascii() {
    // L1481 「熟年相談室　江戸川区医師会一之江 … 03-5667-７676 03-5667-7675」.
    let row = window("江戸川区", 6);
    assert!(row.contains(",03-5667-7676,,03-5667-7675,"), "{row}");
}

#[test]
fn extension_goes_to_its_own_column() {
    // L1333–1336 「03-3802-7111」 「(内線：2668)」 「03-3802-3123」 (荒川区).
    let row = window("荒川区", 1);
    assert!(row.contains(",03-3802-7111,2668,03-3802-3123,,"), "{row}");
    // L1754–1757 「042-581-2677」 「（内線:2169）」 「-」 (日野市): fax 「-」 is null.
    let row = window("日野市", 1);
    assert!(row.contains(",042-581-2677,2169,,,"), "{row}");
}

#[test]
fn a_fax_printed_as_dash_is_null() {
    // L1731 「32 町田市 1 医療と介護の連携センター 町田病院内 042-794-6527 -」.
    let row = window("町田市", 1);
    assert!(row.contains(",042-794-6527,,,,"), "{row}");
}

#[test]
fn a_phone_split_over_four_lines_with_labels_is_kept_whole_and_flagged() {
    // L980–989 「高齢者福祉課 区庁舎内 / 高齢者支援第 / 一係 / ：03-5742- / 6729 / 高齢者支援第 / 二係 / 03-5742-6881」.
    let row = window("品川区", 1);
    assert!(
        row.contains(",高齢者福祉課,false,区庁舎内,高齢者支援第 一係 ：03-5742- 6729 高齢者支援第 二係 03-5742-6881,,,the contact cells hold more than"),
        "{row}"
    );
}

#[test]
fn a_name_holding_an_ideographic_space_and_a_space_is_whole() {
    // L1553 「熟年相談室　きく 篠崎 熟年相談室　きく 篠崎 03-5664-3080 03-3676-8686」: name and location printed alike.
    let row = window("江戸川区", 18);
    assert!(
        row.contains(",熟年相談室　きく 篠崎,false,熟年相談室　きく 篠崎,03-5664-3080,"),
        "{row}"
    );
}

#[test]
fn a_number_leaking_into_a_row_stays_with_its_municipality() {
    // L937 「5 高齢者あんしん相談センター富坂 …」: 文京区 is no. 5; its count 「文京区 5」 is at L1104.
    let row = window("文京区", 2);
    assert!(
        row.starts_with("2017-07-31,131059,文京区,2,高齢者あんしん相談センター富坂,"),
        "{row}"
    );
}

#[test]
fn a_merged_name_printed_at_the_end_of_the_page_is_inferred() {
    // L1184 「北部包括支援センター内 03-5428-6891 03-3496-5215」 has no name; L1366
    // 「在宅療養相談窓口」 is page 8's one leftover name and 目黒区 its one municipality with nameless windows.
    let row = window("目黒区", 1);
    assert!(
        row.contains(",目黒区,1,在宅療養相談窓口,true,北部包括支援センター内,"),
        "{row}"
    );
    // L1358 「11 大田区 3 在宅医療連携調整窓口」: the merged name printed with the head.
    let row = window("大田区", 2);
    assert!(
        row.contains(",大田区,2,在宅医療連携調整窓口,true,一般社団法人大森医師会内,"),
        "{row}"
    );
}

#[test]
fn merged_names_no_rule_ties_stay_null_and_are_listed() {
    // L1599 「在宅介護・療養相談窓口」 and L1605 「在宅医療相談窓口」: page 9 has two
    // municipalities with nameless windows (葛飾区, 江戸川区), so neither name is given.
    let row = window("葛飾区", 1);
    assert!(
        row.contains(",葛飾区,1,,false,高齢者総合相談センター堀切,"),
        "{row}"
    );
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let run = wd.run(&["check", "input.txt"]);
    assert!(
        run.stdout
            .contains("leftover cell 「在宅介護・療養相談窓口」"),
        "report lists it"
    );
}

#[test]
fn a_row_with_four_of_five_targets_marked_leaves_them_null() {
    // L887 「○ ○ ○ ○ 介護事業者等」 (千代田区's 高齢者あんしんセンター麹町): 4 marks of 5.
    let row = window("千代田区", 2);
    assert!(row.contains(",,,,,,介護事業者等,4,false,7,883"), "{row}");
}

#[test]
fn plans_with_their_month_and_an_additional_window() {
    let run = show(&seed(), "window_plans");
    // L919 「3 港区 平成29年９月開設予定 港区」.
    assert!(
        run.stdout
            .contains("2017-07-31,131032,港区,平成29年9月開設予定,2017-09,false,0,7,919"),
        "{}",
        run.stdout
    );
    // L1095–1096 「※11月に1窓口追 / 加開設予定」 after 「中央区」: the month alone, in the edition's fiscal year.
    assert!(
        run.stdout
            .contains("2017-07-31,131024,中央区,11月に1窓口追加開設予定,2017-11,true,4,7,1095"),
        "{}",
        run.stdout
    );
    // L1802 「42 清瀬市 29年度中開設予定 清瀬市」: no month.
    assert!(run
        .stdout
        .contains("2017-07-31,132217,清瀬市,29年度中開設予定,,false,0,10,1802"));
    // L1429 「21 足立区 足立区」: neither windows nor a plan.
    assert!(run
        .stdout
        .contains("2017-07-31,131211,足立区,,,false,0,9,1429"));
}

/// The seed without lines `from..=to` (1-based), built into an output/ that
/// held the seed's tables: the run, and whether output/ is untouched.
fn build_without_lines(from: usize, to: usize) -> (harness::Run, bool) {
    let text = harness::seed_without_lines(from, to);
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    wd.write("input.txt", &text);
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    let untouched = wd.files("output") == before;
    (run, untouched)
}

#[test]
fn a_window_removed_from_a_run_placed_by_counts_names_every_candidate() {
    // L1043–1048: 品川区's 「八潮在宅介護支援センター」 (its cells, the blank,
    // its marks 「○ ○ ○ ○」, the blank) removed. Its windows print no
    // municipality, between the heads of 江東区 (8, L974) and 世田谷区 (12): the
    // counts 1 + 21 + 5 + 3 place them, so the text cannot say whose was lost.
    let (run, untouched) = build_without_lines(1043, 1048);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("FAIL win.08-11.count [2017-07-31] 江東区, 品川区, 目黒区, 大田区 placed by their counts (江東区 (8) 1 at page 7, line 974; 品川区 (9) 21 at page 7, line 1094; 目黒区 (10) 5 at page 8, line 1356; 大田区 (11) 3 at page 8, line 1352)")
            && run.stderr.contains("published 30, reconstructed 29; these windows print no municipality name or number, so the text cannot tell which of 江東区, 品川区, 目黒区, 大田区 lost or gained a window"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("win.09.count"),
        "no one member is blamed by order"
    );
    assert!(untouched, "output/ was touched");
    snapshot!("removed_window_in_a_run", run.stderr);
}

#[test]
fn a_removed_window_fails_its_runs_count_and_leaves_output_alone() {
    // L1457–1462: 江戸川区's 「熟年相談室　清心苑」 (its lines and the blank after
    // them) removed. 足立区 prints its own row (L1429), 葛飾区 and 江戸川区
    // follow by their counts 3 and 23.
    let (run, untouched) = build_without_lines(1457, 1462);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "FAIL win.21-23.count [2017-07-31] 足立区, 葛飾区, 江戸川区 placed by their counts"
        ) && run.stderr.contains("published 26, reconstructed 25"),
        "{}",
        run.stderr
    );
    assert!(untouched, "output/ was touched");
    snapshot!("removed_window", run.stderr);
}

#[test]
fn a_printed_number_zero_is_no_municipality() {
    // L1607 「22 3」 (葛飾区's number and count, printed apart): 22 → 0. The
    // number once went through `0 - 1` (a panic in debug builds); now no
    // municipality has it, so 葛飾区's count is not printed and checks fail.
    let text = harness::seed_with(1607, "22 3", "0 3");
    let run = show(&text, "consultation_windows");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr.contains("FAIL win.21-23.count"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_renamed_bureau_in_the_page_header_reads_the_same() {
    // Every page opens with 「東京都福祉保健局医療政策部医療政策課」 (L863, L1123, …
    // on pages 7–11); the bureau was later renamed 保健医療局. The header is
    // known by its shape, so a copy with the new name gives the same windows.
    let renamed = seed().replace(
        "東京都福祉保健局医療政策部医療政策課",
        "東京都保健医療局医療政策部医療政策課",
    );
    assert_ne!(renamed, seed());
    let (old, new) = (
        show(&seed(), "consultation_windows"),
        show(&renamed, "consultation_windows"),
    );
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert_eq!(new.stdout, old.stdout);
}
