//! The seed's reconstructed tables: every table snapshotted (reviewed line
//! by line against raw/000_1fb60f2a74870bbb.txt before acceptance), and one
//! test per quirk of the layout, each quoting the raw lines it comes from.
//! Edited copies of the seed are fixtures (tests/fixtures/, fixtures.rs).

use crate::harness::{seed, show, Workdir};

/// The CSV lines of `table` (built from the seed) for the municipality named `name`.
fn lines_of(table: &str, name: &str) -> Vec<String> {
    let run = show(&seed(), table);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .filter(|l| l.split(',').nth(2) == Some(name))
        .map(str::to_string)
        .collect()
}

/// The `consultation_windows` row for window `no` of municipality `name`.
fn window(name: &str, no: u32) -> String {
    lines_of("consultation_windows", name)
        .into_iter()
        .find(|l| l.split(',').nth(3) == Some(&no.to_string()))
        .unwrap_or_default()
}

/// The `association_program_years` rows of round_the_clock_care (page 5).
fn page5_years() -> Vec<String> {
    let run = show(&seed(), "association_program_years");
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .filter(|l| l.contains(",round_the_clock_care,"))
        .map(str::to_string)
        .collect()
}

#[test]
fn seed_builds_with_every_check_passing_and_tables_match_snapshots() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let run = wd.run(&["build", "--out", "output", "seed.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" 0 failed"), "{}", run.stderr);
    for (name, bytes) in wd.files("output") {
        if name.ends_with(".csv") || name.ends_with(".md") {
            snapshot!(name.clone(), String::from_utf8(bytes).unwrap());
        }
    }
    let mut names: Vec<String> = wd.files("output").into_iter().map(|(n, _)| n).collect();
    names.sort();
    snapshot!("output_files", names.join("\n"));
}

#[test]
fn option_name_holding_the_separator_is_one_choice() {
    // L290 「2 中央区 … 在宅療養中の患者・利用者についての急変時診療機関の確保・その他 …」:
    // two choices, not three, each at its own column (在 at 29, その他 at 57).
    let u3: Vec<String> = lines_of("municipality_choices", "中央区")
        .into_iter()
        .filter(|l| l.contains(",ウ,3,"))
        .collect();
    assert_eq!(
        u3,
        [
            "2017-07-31,131024,中央区,ウ,3,1,在宅療養中の患者・利用者についての急変時診療機関の確保,,在宅療養中の患者・利用者についての急変時診療機関の確保,2,3,290,29",
            "2017-07-31,131024,中央区,ウ,3,2,その他,,その他,2,3,290,57",
        ]
    );
}

#[test]
fn annotations_in_front_and_after_are_kept_apart_from_the_option() {
    // L344 「29 府中市 … （検討中）在宅療養中の患者・利用者についての急変時診療機関の確保・その他 …」
    // L528 「11 大田区 ◎ 地区医師会に委託（※補助） …」
    let fuchu = lines_of("municipality_choices", "府中市");
    assert!(
        fuchu.contains(&"2017-07-31,132063,府中市,ウ,3,1,在宅療養中の患者・利用者についての急変時診療機関の確保,検討中,（検討中）在宅療養中の患者・利用者についての急変時診療機関の確保,29,3,344,30".to_string()),
        "{fuchu:#?}"
    );
    let ota = lines_of("municipality_choices", "大田区");
    assert!(
        ota.contains(
            &"2017-07-31,131113,大田区,オ,2,1,地区医師会に委託,※補助,地区医師会に委託（※補助）,11,4,528,10"
                .to_string()
        ),
        "{ota:#?}"
    );
}

#[test]
fn a_dash_option_cell_chooses_nothing_and_stays_printed() {
    // L328 「21 足立区 ○ ○ ○ - ◎ △ - - ◎ 紙媒体の情報共有ツール 足立区」: ア④ and ウ③ are 「-」.
    let adachi: Vec<String> = lines_of("municipality_choices", "足立区");
    assert_eq!(adachi.len(), 1, "only エ② is chosen: {adachi:#?}");
    assert!(adachi[0].contains(",エ,2,1,紙媒体の情報共有ツール,"));
    let row = lines_of("municipality_answers_wide", "足立区");
    assert!(
        row[0].starts_with("2017-07-31,131211,足立区,21,○,○,○,-,◎,△,-,-,◎,紙媒体の情報共有ツール,"),
        "{row:#?}"
    );
}

#[test]
fn the_first_time_only_footnote_decides_fy2017_for_rows_with_earlier_marks() {
    // L761 「2829 ※1 24 25 26 27医師会名 29 ※1」 marks FY2017 (29) with ※1, and
    // L756 prints 「※1 H29年度は未実施地区を対象として実施」: in FY2017 the program
    // went only to districts new to it. A row with two marks (日本橋, L704
    // 「日本橋 〇 〇 （あきる野市）」) had one before FY2017, so not FY2017.
    let rows = page5_years();
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
        row.contains(",高齢者福祉課,false,printed,区庁舎内,高齢者支援第 一係 ：03-5742- 6729 高齢者支援第 二係 03-5742-6881,,,the contact cells hold more than"),
        "{row}"
    );
}

#[test]
fn a_name_holding_an_ideographic_space_and_a_space_is_whole_its_spaces_written_as_one() {
    // L1553 「熟年相談室　きく 篠崎 熟年相談室　きく 篠崎 03-5664-3080 03-3676-8686」: name and
    // location printed alike; a value's inner spaces (U+3000 or not) are one ASCII space.
    let row = window("江戸川区", 18);
    assert!(
        row.contains(",熟年相談室 きく 篠崎,false,printed,熟年相談室 きく 篠崎,03-5664-3080,"),
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
        row.contains(
            ",目黒区,1,在宅療養相談窓口,true,merged_only_candidate,北部包括支援センター内,"
        ),
        "{row}"
    );
    // L1358 「11 大田区 3 在宅医療連携調整窓口」: the merged name printed with the head.
    let row = window("大田区", 2);
    assert!(
        row.contains(
            ",大田区,2,在宅医療連携調整窓口,true,merged_beside_head,一般社団法人大森医師会内,"
        ),
        "{row}"
    );
}

#[test]
fn merged_names_no_rule_ties_stay_null_and_are_listed() {
    // L1599 「在宅介護・療養相談窓口」 and L1605 「在宅医療相談窓口」: page 9 has two
    // municipalities with nameless windows (葛飾区, 江戸川区), so neither name is given.
    let row = window("葛飾区", 1);
    assert!(
        row.contains(",葛飾区,1,,false,unknown,高齢者総合相談センター堀切,"),
        "{row}"
    );
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let run = wd.run(&["check", "--all", "input.txt"]);
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
    assert!(
        row.contains(",,,,,,介護事業者等,4,false,unresolved,7,883"),
        "{row}"
    );
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
